"""Every exception laml defines lives in laml/errors.py, and (but one internal signal)
subclasses LamlError, so ``except laml.LamlError`` catches whatever laml raises."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from laml import errors

PACKAGE = Path(__file__).resolve().parent.parent / "laml"


def exception_classes(source: str) -> list[str]:
    """Classes in ``source`` with a base whose name says it is an exception."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            names = [
                b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases
            ]
            if any(name.endswith(("Error", "Exception", "Warning")) for name in names):
                found.append(node.name)
    return found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("class A(ValueError): pass", ["A"]),
        ("class B(errors.LamlError): pass\nclass C: pass", ["B"]),
        ("def f():\n    class D(Exception): pass", ["D"]),
        ("class E(Base): pass", []),
    ],
)
def test_the_finder_sees_exception_classes(source: str, expected: list[str]) -> None:
    assert exception_classes(source) == expected


def test_no_exception_is_defined_outside_errors_py() -> None:
    elsewhere = {
        str(path.relative_to(PACKAGE)): names
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "errors.py"
        if (names := exception_classes(path.read_text(encoding="utf-8")))
    }
    assert elsewhere == {}


def test_every_exception_is_a_laml_error() -> None:
    classes = [
        value
        for value in vars(errors).values()
        if isinstance(value, type) and issubclass(value, BaseException)
    ]
    assert len(classes) > 5
    # Rejected is the value kinds' internal signal, turned into LamlValueError or a finding;
    # LamlWarning is a warning category (a UserWarning), never raised as an error.
    others = {c for c in classes if not issubclass(c, errors.LamlError)}
    assert others == {errors.Rejected, errors.LamlWarning}
    assert issubclass(errors.LamlWarning, UserWarning)
