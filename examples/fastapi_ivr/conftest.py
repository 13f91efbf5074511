"""Tell the laml pytest plugin which app the call simulator drives."""

from __future__ import annotations

from typing import Any

import pytest

from .app import app


@pytest.fixture
def laml_app() -> Any:
    return app
