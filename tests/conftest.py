"""Fixtures shared by the test modules."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

LamlCommand = Callable[..., "subprocess.CompletedProcess[str]"]


def _laml_command(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "laml", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


@pytest.fixture(scope="session")
def laml_command() -> LamlCommand:
    """Run the ``laml`` command in a fresh interpreter from the checkout's root:
    ``laml_command("validate", path, stdin=b"...")`` gives the completed process."""
    return _laml_command
