"""The `laml` command in real processes, and the shipped schema: current, portable, installed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest
import xmlschema
from hypothesis import given, settings
from hypothesis import strategies as st

import laml
from laml import schema_path, validate
from laml._model import patterns as _patterns
from laml.validation import xsd as _schema_build

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "corpus"
BAD = CORPUS / "invalid" / "bad-values.xml"
GOOD = CORPUS / "valid" / "ivr-menu.xml"


def laml_command(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "laml", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_validate_text_output_and_exit_status() -> None:
    """One `path:line:column: severity CODE message` line per finding; exit 1 on errors."""
    result = laml_command("validate", str(BAD))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 6
    assert lines[0] == (
        f"{BAD}:4:11: error 13221 <Gather> attribute 'method' must be one of 'GET', 'POST' "
        "(got 'PUT')"
    )
    assert laml_command("validate", str(GOOD)).returncode == 0
    assert laml_command("validate", str(GOOD)).stdout == ""


def test_validate_json_output() -> None:
    """--format json prints one JSON array and nothing else."""
    result = laml_command("validate", "--format", "json", str(BAD), str(GOOD))
    rows = json.loads(result.stdout)
    assert len(rows) == 6
    assert set(rows[0]) == {"file", "line", "column", "code", "severity", "message", "path"}
    assert rows[0]["path"] == "/Response/Gather[1]"
    assert result.returncode == 1


def test_validate_directories_and_stdin() -> None:
    """A directory means every *.xml below it; - reads standard input."""
    result = laml_command("validate", "--format", "json", str(CORPUS / "valid"))
    assert result.returncode == 0
    assert all(row["severity"] == "info" for row in json.loads(result.stdout))
    piped = laml_command("validate", "-", stdin=b"<Response><Gather method='PUT'/></Response>")
    assert piped.stdout.startswith("<stdin>:1:19: error 13221")
    assert piped.returncode == 1


def test_options_kind_and_dialect() -> None:
    """--kind and --dialect reach the validator."""
    voice = b"<Response><Say>hi</Say></Response>"
    assert laml_command("validate", "--kind", "messaging", "-", stdin=voice).returncode == 1
    twilio = b"<Response><Dial><Client>jane</Client></Dial></Response>"
    assert laml_command("validate", "-", stdin=twilio).returncode == 1
    assert laml_command("validate", "--dialect", "twilio", "-", stdin=twilio).returncode == 0


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    """A missing file, a directory without documents, an unknown option or no path is a
    usage error."""
    assert laml_command("validate", "no/such/file.xml").returncode == 2
    empty = laml_command("validate", str(tmp_path))
    assert empty.returncode == 2 and "no *.xml file" in empty.stderr
    assert laml_command("fmt", "--check", str(tmp_path)).returncode == 2
    assert laml_command("validate", "--kind", "video", str(GOOD)).returncode == 2
    assert laml_command("validate").returncode == 2
    assert laml_command("frobnicate").returncode == 2


def test_fmt_rewrites_checks_and_is_idempotent(tmp_path: Path) -> None:
    """fmt writes the canonical layout; a second run changes nothing; --check reports."""
    path = tmp_path / "doc.xml"
    path.write_text('<Response><Say voice="alice"   loop="2">Hi</Say>\n\n<Hangup/></Response>')
    assert laml_command("fmt", "--check", str(path)).returncode == 1
    assert laml_command("fmt", str(path)).returncode == 0
    formatted = path.read_text()
    assert formatted == (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Response>\n'
        '  <Say loop="2" voice="alice">Hi</Say>\n  <Hangup />\n</Response>\n'
    )
    assert laml_command("fmt", "--check", str(path)).returncode == 0
    assert laml_command("fmt", str(path)).stdout == ""
    for document in sorted((CORPUS / "valid").glob("*.xml")):
        once = laml.format_document(document.read_bytes())
        assert laml.format_document(once) == once
        assert laml.parse(once) == laml.parse(document)


def test_fmt_refuses_broken_documents(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("<Response><Say>")
    result = laml_command("fmt", str(path))
    assert result.returncode == 1
    assert "12100" in result.stderr


def test_pre_commit_hooks_run_the_command() -> None:
    """The hooks file names laml's own commands."""
    text = (ROOT / ".pre-commit-hooks.yaml").read_text()
    assert "entry: laml validate" in text and "entry: laml fmt" in text


# ------------------------------------------------------------------- schema


def test_committed_schemas_are_generated_from_the_model() -> None:
    """schema/*.xsd are exactly what the model generates (run laml._schema_build if not)."""
    for name, dialect in _schema_build.FILES.items():
        assert (ROOT / "schema" / name).read_text() == _schema_build.build(dialect), name
    assert (ROOT / "schema" / "xml.xsd").read_text() == _schema_build.XML_NAMESPACE_SCHEMA


@pytest.mark.parametrize("dialect", ["signalwire", "twilio"])
def test_schema_works_with_another_xsd_processor(dialect: str) -> None:
    """An independent XSD 1.0 implementation loads the schema and agrees on the corpus."""
    schema = xmlschema.XMLSchema10(str(schema_path(dialect)))  # type: ignore[arg-type]
    for path in sorted((CORPUS / "valid").glob("*.xml")):
        assert schema.is_valid(str(path)), path
    assert not schema.is_valid(str(BAD))


@pytest.mark.skipif(shutil.which("xmllint") is None, reason="xmllint is not installed here")
def test_schema_works_with_xmllint() -> None:
    """`xmllint --schema schema/laml.xsd doc.xml` accepts valid documents."""
    result = subprocess.run(
        ["xmllint", "--noout", "--schema", str(ROOT / "schema" / "laml.xsd"), str(GOOD)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_schema_is_found_when_installed(tmp_path: Path) -> None:
    """A built wheel carries the schema, and laml finds it there (not in a checkout)."""
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("laml-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(site)
    assert "laml/schema/laml.xsd" in names and "laml/schema/xml.xsd" in names
    assert "laml/py.typed" in names
    script = (
        "import laml, sys; "
        "p = laml.schema_path(); "
        "assert str(p).startswith(sys.argv[1]), p; "
        "print(len(laml.validate('<Response><Gather method=\"PUT\"/></Response>')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(site)],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"


def test_eight_threads_validate_at_once() -> None:
    """The one compiled schema serves several threads at the same time, correctly."""
    good = GOOD.read_bytes()
    bad = BAD.read_bytes()
    expected_bad = [d.code for d in validate(bad)]
    failures: list[str] = []
    barrier = threading.Barrier(8)

    def work(index: int) -> None:
        barrier.wait()
        for _ in range(50):
            if validate(good) != []:
                failures.append(f"{index}: good document reported")
            if [d.code for d in validate(bad)] != expected_bad:
                failures.append(f"{index}: bad document misreported")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_fmt_leaves_comments_alone() -> None:
    """A comment holding "/>" survives formatting unchanged, and formatting stays idempotent
    (found by the fuzz harness)."""
    document = b"<Response><Say>hi<!-- a/>b --></Say><Hangup/></Response>"
    once = laml.format_document(document)
    assert b"<!-- a/>b -->" in once and b"<Hangup />" in once
    assert laml.format_document(once) == once


def test_a_reader_that_goes_away_ends_the_command_quietly() -> None:
    """`laml validate ... | head`: a closed pipe ends the command without a traceback."""
    process = subprocess.Popen(
        [sys.executable, "-m", "laml", "validate", "--format", "json", str(BAD)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before the command writes anything
    errors = process.stderr.read().decode()
    assert process.wait(timeout=120) == 1
    assert "Traceback" not in errors


INTEGER_PATTERNS = [
    # (low, high, pattern the gate uses)
    (0, None, "[0-9]+"),
    (1, None, "[1-9]|[1-9][0-9]+"),
    (10, None, "1[0-9]|[2-9][0-9]|[1-9][0-9][0-9]+"),
    (1, 10, "[1-9]|10"),
    (5, 120, "[5-9]|[1-9][0-9]|1[0-1][0-9]|120"),
    (5, 600, "[5-9]|[1-9][0-9]|[1-5][0-9][0-9]|600"),
    (7, 7, "7"),
]


@pytest.mark.parametrize(("low", "high", "pattern"), INTEGER_PATTERNS)
def test_integer_ranges_become_patterns_in_the_gate(
    low: int, high: int | None, pattern: str
) -> None:
    assert _patterns.integer_pattern(low, high) == pattern


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 5000), st.one_of(st.none(), st.integers(0, 5000)))
def test_an_integer_pattern_matches_exactly_its_range(low: int, high: int | None) -> None:
    """Every number from 0 to well past the range matches only when it is inside it."""
    if high is not None and high < low:
        low, high = high, low
    pattern = re.compile(_patterns.integer_pattern(low, high))
    for number in range(0, (high or low) * 2 + 20):
        inside = number >= low and (high is None or number <= high)
        assert bool(pattern.fullmatch(str(number))) is inside, number
