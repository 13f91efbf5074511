"""`laml validate` and `laml fmt` with paths that are missing: the others are still checked."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from laml.cli import main

CORPUS = Path(__file__).parent / "corpus"
GOOD = CORPUS / "valid" / "ivr-menu.xml"
BAD = CORPUS / "invalid" / "bad-values.xml"
KEYS = {"file", "line", "column", "code", "severity", "message", "path"}


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), out)
    return status, out.getvalue()


def test_every_existing_file_is_reported_then_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing path is named on stderr; the files that exist are validated and reported."""
    missing = str(tmp_path / "missing.xml")
    status, output = run("validate", str(BAD), missing, str(GOOD))
    assert status == 2
    assert output.count(f"{BAD}:") == 6
    assert str(GOOD) not in output
    assert capsys.readouterr().err == f"laml: no such file or directory: {missing}\n"


def test_missing_file_after_a_good_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`laml validate ok.xml missing.xml` names the missing file and exits 2."""
    missing = str(tmp_path / "missing.xml")
    assert run("validate", str(GOOD), missing) == (2, "")
    assert "missing.xml" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "entries"),
    [
        # (command line, the usage entries expected in the JSON array)
        (["validate", "--format", "json", "MISSING"], [("MISSING", "no such file")]),
        (["validate", "--format=json", "MISSING"], [("MISSING", "no such file")]),
        (["validate", "--format", "json", "EMPTY"], [("EMPTY", "no *.xml file")]),
        (["validate", "--format", "json"], [("-", "the following arguments are required")]),
        (["validate", "--format", "json", "--kind", "video", "GOOD"], [("-", "invalid choice")]),
        (["validate", "--format", "json", "--nope", "GOOD"], [("-", "unrecognized arguments")]),
    ],
)
def test_json_output_is_always_one_array(
    tmp_path: Path, argv: list[str], entries: list[tuple[str, str]]
) -> None:
    """With --format json a usage problem is an entry of the array, so CI can parse it."""
    (tmp_path / "empty").mkdir()
    names = {
        "MISSING": str(tmp_path / "missing.xml"),
        "EMPTY": str(tmp_path / "empty"),
        "GOOD": str(GOOD),
    }
    status, output = run(*[names.get(a, a) for a in argv])
    assert status == 2
    rows = json.loads(output)
    assert [(row["file"], row["code"], row["severity"]) for row in rows] == [
        (names.get(file, file), "usage", "error") for file, _ in entries
    ]
    for row, (_, words) in zip(rows, entries, strict=True):
        assert set(row) == KEYS
        assert words in row["message"]


def test_json_findings_and_usage_entries_together(tmp_path: Path) -> None:
    """Findings of the files that exist come first, then one entry per missing path."""
    missing = str(tmp_path / "missing.xml")
    status, output = run("validate", "--format", "json", str(BAD), missing)
    assert status == 2
    rows = json.loads(output)
    assert [row["file"] for row in rows] == [str(BAD)] * 6 + [missing]
    assert rows[-1]["code"] == "usage"
    assert all(row["code"] != "usage" for row in rows[:-1])


def test_json_without_problems_is_unchanged() -> None:
    """A good file gives an empty array and exit 0."""
    assert run("validate", "--format", "json", str(GOOD)) == (0, "[]\n")


def test_fmt_checks_existing_files_and_names_missing_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`laml fmt --check` reports files that would change, names the missing one, exits 2."""
    untidy = tmp_path / "untidy.xml"
    untidy.write_text("<Response><Say>Hi</Say></Response>")
    missing = str(tmp_path / "missing.xml")
    status, output = run("fmt", "--check", missing, str(untidy))
    assert status == 2
    assert output == f"{untidy} would be reformatted\n"
    assert f"no such file or directory: {missing}" in capsys.readouterr().err
