"""The signatures are precise: mypy --strict accepts good code and catches mistakes."""

from __future__ import annotations

import re
from pathlib import Path

from mypy import api

HERE = Path(__file__).parent / "typing"


def mypy(path: Path) -> tuple[str, int]:
    stdout, stderr, status = api.run(
        [
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


def test_mistakes_are_type_errors() -> None:
    """Each marked line of bad.py is reported with the expected error code, and nothing else."""
    path = HERE / "bad.py"
    output, status = mypy(path)
    assert status == 1
    expected = {
        number: match.group(1)
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if (match := re.search(r"#\s*([a-z-]+)$", line))
    }
    reported: dict[int, set[str]] = {}
    for match in re.finditer(r"bad\.py:(\d+): error: .*\[([a-z-]+)\]", output):
        reported.setdefault(int(match.group(1)), set()).add(match.group(2))
    assert set(reported) == set(expected), output
    for number, code in expected.items():
        assert code in reported[number], output
