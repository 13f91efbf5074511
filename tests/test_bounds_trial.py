"""Hostile inputs found by trying laml the way an attacker would."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from laml.cli import main


@pytest.mark.parametrize("command", ["render", "variables"])
@pytest.mark.parametrize("files", [0, 1, 2])
def test_a_directory_where_one_bin_is_expected_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, files: int
) -> None:
    for index in range(files):
        (tmp_path / f"b{index}.xml").write_text("<Response><Say>{{a}}</Say></Response>")
    out = io.StringIO()
    status = main([command, str(tmp_path)], out)
    err = capsys.readouterr().err
    assert status == 2
    assert "Traceback" not in err
    assert err.count("\n") == 1
    assert "directory" in err
    assert out.getvalue() == ""
