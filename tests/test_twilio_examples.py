"""Programs written the way twilio-python's documentation writes them print the same
documents when their imports say ``laml.twiml`` instead of ``twilio.twiml``."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).parent / "twilio_examples").glob("*.py"))


def run(source: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(source, "<example>", "exec"), {"__name__": "__main__"})
    return out.getvalue()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_migrated_program_prints_the_same_document(path: Path) -> None:
    """Changing the import from twilio.twiml to laml.twiml changes nothing in the output."""
    source = path.read_text(encoding="utf-8")
    assert "from twilio.twiml" in source
    expected = run(source)
    migrated = run(source.replace("from twilio.twiml", "from laml.twiml"))
    assert migrated == expected
    assert expected.strip()


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 20
