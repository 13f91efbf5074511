"""The signatures are precise: mypy --strict and pyright accept good code and catch mistakes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mypy import api

HERE = Path(__file__).parent / "typing"


def mypy(path: Path) -> tuple[str, int]:
    """mypy --strict with the project's configuration, which enables laml.mypy_plugin."""
    stdout, stderr, status = api.run(
        [
            f"--config-file={HERE.parent.parent / 'pyproject.toml'}",
            "--strict",
            "--no-incremental",
            "--cache-dir=/dev/null",
            "--python-version=3.10",
            str(path),
        ]
    )
    return stdout + stderr, status


def test_good_code_type_checks() -> None:
    """Native and twilio-style building pass mypy --strict with no error."""
    output, status = mypy(HERE / "good.py")
    assert status == 0, output


@pytest.mark.parametrize("name", ["bad.py", "bad_attributes.py"])
def test_mistakes_are_type_errors(name: str) -> None:
    """Each marked line is reported with the expected error code, and nothing else.

    bad_attributes.py needs laml.mypy_plugin: attribute reads are typed from each
    element's declaration and a misspelt method or attribute is an error."""
    path = HERE / name
    output, status = mypy(path)
    assert status == 1
    expected = {
        number: match.group(1)
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if (match := re.search(r"#\s*([a-z-]+)(?:;|$)", line))
    }
    reported: dict[int, set[str]] = {}
    for match in re.finditer(rf"{re.escape(name)}:(\d+): error: .*\[([a-z-]+)\]", output):
        reported.setdefault(int(match.group(1)), set()).add(match.group(2))
    assert set(reported) == set(expected), output
    for number, code in expected.items():
        assert code in reported[number], output


def pyright(*paths: Path) -> dict[str, list[tuple[int, str]]]:
    """pyright's errors per file name: (line, rule). pyright runs on its bundled Node.js."""
    done = subprocess.run(
        [sys.executable, "-m", "pyright", "--outputjson", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=HERE.parent.parent,
    )
    report = json.loads(done.stdout)
    errors: dict[str, list[tuple[int, str]]] = {}
    for diagnostic in report["generalDiagnostics"]:
        if diagnostic["severity"] == "error":
            name = Path(diagnostic["file"]).name
            line = diagnostic["range"]["start"]["line"] + 1
            errors.setdefault(name, []).append((line, diagnostic.get("rule", "")))
    return errors


def marked(path: Path, pattern: str) -> dict[int, str]:
    """The lines of ``path`` whose comment matches ``pattern``: line -> the rule it names."""
    return {
        number: match.group(1)
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if (match := re.search(pattern, line))
    }


def test_pyright_agrees() -> None:
    """pyright accepts good.py, and reports every marked line of bad.py and every line of
    bad_attributes.py marked ``pyright:`` with that rule, and nothing else.

    Element classes give pyright their attribute declaration through ``__getattr__``,
    so reads are typed and a misspelt method is a call of ``None``. A misspelt read
    that is never used, or a read of a text keyword, reads as ``None`` or ``str | None``
    to pyright; only mypy with laml's plugin reports those (the unmarked lines)."""
    errors = pyright(HERE / "good.py", HERE / "bad.py", HERE / "bad_attributes.py")
    assert "good.py" not in errors, errors
    assert {line for line, _ in errors["bad.py"]} == set(marked(HERE / "bad.py", r"#\s*([a-z-]+)$"))
    expected = marked(HERE / "bad_attributes.py", r"pyright: (\w+)$")
    assert len(expected) >= 8
    assert sorted(errors["bad_attributes.py"]) == sorted(expected.items()), errors


def _declarations() -> dict[str, tuple[str | None, str | None]]:
    """Per element class (module.name): the TypedDict its ``__init__`` unpacks and the one
    its ``__getattr__`` reads, each None where the class body does not say."""
    import ast

    import laml

    found: dict[str, tuple[str | None, str | None]] = {}
    for path in Path(laml.__file__).parent.rglob("*.py"):
        module = ".".join(path.relative_to(Path(laml.__file__).parent.parent).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.ClassDef):
                continue
            init = reads = None
            for item in ast.walk(node):
                if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                    kwarg = item.args.kwarg
                    annotation = kwarg.annotation if kwarg is not None else None
                    init = ast.unparse(annotation) if annotation is not None else ""
                if (
                    isinstance(item, ast.Call)
                    and isinstance(item.func, ast.Name)
                    and item.func.id == "reads"
                ):
                    reads = ast.unparse(item.args[0])
            found[f"{module}.{node.name}"] = (init, reads)
    return found


def _keys(declaration: type) -> set[str]:
    """The keys of an attribute declaration, its bases' included."""
    return {key for klass in declaration.__mro__ for key in getattr(klass, "__annotations__", {})}


def test_every_element_reads_what_it_declares() -> None:
    """What pyright reads is what the constructor takes: for every element class, the
    class that gives its ``__init__`` also gives its ``__getattr__``, naming the same
    attribute declaration (``Node``'s reads none, for elements without attributes)."""
    import importlib

    from laml._model.node import Node

    for module in ("voice", "messaging", "fax", "ssml", "twiml.voice_response"):
        importlib.import_module(f"laml.{module}")

    declarations = _declarations()
    classes: list[type[Node]] = []
    pending = [Node]
    while pending:
        cls = pending.pop()
        classes.append(cls)
        pending.extend(cls.__subclasses__())
    checked = 0
    for cls in classes:
        if not cls.__module__.startswith("laml."):
            continue

        def owner(index: int, cls: type[Node] = cls) -> tuple[type, str | None]:
            for base in cls.__mro__:
                said = declarations.get(f"{base.__module__}.{base.__qualname__}")
                if said is not None and said[index] is not None:
                    return base, said[index]
            raise AssertionError(f"{cls.__qualname__}: nothing declares it")

        init_class, unpacked = owner(0)
        reads_class, read = owner(1)
        if unpacked is not None and unpacked.startswith("Unpack["):
            # The same class gives both, and what pyright reads is every keyword the
            # constructor takes but the text (``SayKeywords`` = ``SayAttributes`` +
            # ``message``), which is no attribute.
            assert init_class is reads_class, cls
            module = sys.modules[init_class.__module__]
            keywords = getattr(module, unpacked[len("Unpack[") : -1])
            attributes = getattr(module, str(read))
            text = {f.name for f in cls._spec.fields.values() if f.text}
            assert _keys(attributes) == _keys(keywords) - text, cls
        else:
            assert reads_class is Node, (cls, unpacked, reads_class)
        checked += 1
    assert checked >= 140


def _migrated_examples(directory: Path) -> list[Path]:
    """twilio-python's documentation examples with their imports changed to laml.twiml."""
    examples = []
    for source in sorted((HERE.parent / "twilio_examples").glob("*.py")):
        target = directory / f"migrated_{source.name}"
        target.write_text(source.read_text().replace("twilio.twiml", "laml.twiml"))
        examples.append(target)
    return examples


@pytest.mark.parametrize("plugin", [True, False], ids=["plugin", "no-plugin"])
def test_migrated_twilio_programs_type_check(plugin: bool, tmp_path: Path) -> None:
    """A twilio-python program whose imports now name laml.twiml is correct code: mypy
    --strict reports nothing in it, with laml's plugin or without, and neither in
    twilio's documentation examples (``Enqueue(None, workflow_sid=...)``,
    ``gather.attrs``, ``Prompt(attempt=1)``)."""
    config = tmp_path / "mypy.ini"
    config.write_text(
        "[mypy]\nstrict = True\n" + ("plugins = laml.mypy_plugin\n" if plugin else "")
    )
    paths = [HERE / "migrated.py", *_migrated_examples(tmp_path)]
    stdout, stderr, status = api.run(
        [
            f"--config-file={config}",
            "--no-incremental",
            "--cache-dir=/dev/null",
            "--python-version=3.10",
            *map(str, paths),
        ]
    )
    assert status == 0, stdout + stderr


def test_pyright_accepts_migrated_twilio_programs(tmp_path: Path) -> None:
    """pyright reports nothing in the same programs."""
    errors = pyright(HERE / "migrated.py", *_migrated_examples(tmp_path))
    assert errors == {}


def test_plugin_never_runs_the_program_it_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """laml's plugin reads laml's classes only: a subclass of an element in the checked
    program is typed from the element it extends, and its module is never imported
    (importing it would run the program, and what it does there, under mypy)."""
    marker = tmp_path / "ran"
    program = tmp_path / "branded_program.py"
    program.write_text(
        "from pathlib import Path\n\n"
        "from laml import Say\n\n"
        f"Path({str(marker)!r}).write_text('ran')\n\n\n"
        "class Quiet(Say):\n"
        "    pass\n\n\n"
        "voice: str | None = Quiet('Hi').voice\n"
        "text = Quiet('Hi').message\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    output, status = mypy(program)
    assert not marker.exists()
    assert status == 1
    assert re.findall(r"branded_program\.py:(\d+): error", output) == ["13"], output
    assert '"Quiet" has no attribute "message"' in output
