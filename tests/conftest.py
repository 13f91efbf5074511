"""Fixtures shared by the test modules."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .bins_api import PROJECT, TOKEN, BinsApi, serve

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


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[BinsApi]:
    """A LaML Bins server on 127.0.0.1, with the SIGNALWIRE_* settings pointing at it."""
    with serve() as running:
        monkeypatch.setenv("SIGNALWIRE_SPACE_URL", running.url)
        monkeypatch.setenv("SIGNALWIRE_PROJECT_ID", PROJECT)
        monkeypatch.setenv("SIGNALWIRE_API_TOKEN", TOKEN)
        yield running
