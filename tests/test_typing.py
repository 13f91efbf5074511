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
        if (match := re.search(r"#\s*([a-z-]+)$", line))
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


def test_pyright_agrees() -> None:
    """pyright accepts good.py and reports every marked line of bad.py, and nothing else."""
    errors = pyright(HERE / "good.py", HERE / "bad.py")
    assert "good.py" not in errors, errors
    marked = {
        number
        for number, line in enumerate((HERE / "bad.py").read_text().splitlines(), start=1)
        if re.search(r"#\s*([a-z-]+)$", line)
    }
    assert {line for line, _ in errors["bad.py"]} == marked, errors
