"""The shipped schema: generated from the model, portable, installed, shared by threads;
and the integer patterns the gate uses."""

from __future__ import annotations

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

from laml import schema_path, validate
from laml._model import patterns as _patterns
from laml.validation import xsd

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "corpus"
BAD = CORPUS / "invalid" / "bad-values.xml"
GOOD = CORPUS / "valid" / "ivr-menu.xml"


def test_committed_schemas_are_generated_from_the_model() -> None:
    """schema/*.xsd are exactly what the model generates (run `make schema` if not)."""
    for name, dialect in xsd.FILES.items():
        assert (ROOT / "schema" / name).read_text() == xsd.build(dialect), name
    assert (ROOT / "schema" / "xml.xsd").read_text() == xsd.XML_NAMESPACE_SCHEMA


def test_the_schema_header_names_the_real_generator() -> None:
    """Each file's header names the script that writes it and the make target that runs it."""
    assert (ROOT / xsd.GENERATOR).is_file()
    assert f"\t$(BIN)/python {xsd.GENERATOR} schema\n" in (ROOT / "Makefile").read_text()
    for name in xsd.FILES:
        header = (ROOT / "schema" / name).read_text().splitlines()[1:3]
        assert header == [
            f"<!-- Generated from laml's element model by {xsd.GENERATOR}: edit the model,",
            "     then run `make schema`. -->",
        ], name


def test_the_schema_script_writes_the_committed_files(tmp_path: Path) -> None:
    """`make schema` runs tools/build_schema.py, which writes exactly schema/*.xsd."""
    script = ROOT / "tools" / "build_schema.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, timeout=120)
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == ["laml-twilio.xsd", "laml.xsd", "xml.xsd"]
    for name in written:
        assert (tmp_path / name).read_bytes() == (ROOT / "schema" / name).read_bytes(), name


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
    (wheel,) = tmp_path.glob("laml_cxml-*.whl")
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
