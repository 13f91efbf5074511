"""The official mustache conformance suite: the 136 required tests, and the lambdas module."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from laml.template import render

SPEC = Path(__file__).resolve().parent.parent.parent / "shared" / "mustache-spec"
REQUIRED = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections"]


def load(name: str) -> list[dict[str, Any]]:
    path = SPEC / f"{name}.json"
    if not path.is_file():
        return []
    tests: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["tests"]
    return tests


def with_lambdas(data: Any) -> Any:
    """Turn the spec's {"__tag__": "code", "python": ...} into real Python functions."""
    if isinstance(data, dict):
        if data.get("__tag__") == "code":
            return eval(data["python"])
        return {key: with_lambdas(value) for key, value in data.items()}
    if isinstance(data, list):
        return [with_lambdas(item) for item in data]
    return data


CASES = [
    pytest.param(test, id=f"{name}: {test['name']}")
    for name in [*REQUIRED, "~lambdas"]
    for test in load(name)
]


@pytest.mark.skipif(not SPEC.is_dir(), reason="the mustache spec is not beside the project")
def test_the_spec_is_complete() -> None:
    """136 required tests and 10 lambda tests are loaded."""
    assert sum(len(load(name)) for name in REQUIRED) == 136
    assert len(load("~lambdas")) == 10


@pytest.mark.skipif(not SPEC.is_dir(), reason="the mustache spec is not beside the project")
@pytest.mark.parametrize("test", CASES)
def test_spec(test: dict[str, Any]) -> None:
    """Rendering matches the spec's expected output exactly."""
    data = with_lambdas(test["data"])
    assert render(test["template"], data, test.get("partials")) == test["expected"]
