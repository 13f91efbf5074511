"""``assert_laml_equal``: compare two documents as trees, with a readable diff on failure."""

from __future__ import annotations

import difflib
from typing import Union

from .._model.node import Node
from ..errors import ParseError
from ..parsing import parse

DocumentLike = Union[Node, str, bytes]
"""A typed tree, or cXML text (str or bytes)."""


def _tree(document: DocumentLike, label: str) -> Node:
    if isinstance(document, Node):
        return document
    if isinstance(document, (str, bytes)):
        try:
            return parse(document)
        except ParseError as error:  # say which side cannot be read
            raise ParseError(
                f"{label}: {error.reason}", error.line, error.column, code=error.code
            ) from error
    raise TypeError(f"{label} must be a laml element or cXML text, not {type(document).__name__}")


def _lines(node: Node, depth: int = 0) -> list[str]:
    indent = "  " * depth
    attributes = "".join(f' {name}="{value}"' for name, value in sorted(node.attributes.items()))
    lines = [f"{indent}<{node.tag}{attributes}>"]
    for child in node.children:
        if isinstance(child, str):
            text = " ".join(child.split())
            if text:
                lines.append(f"{indent}  {text!r}")
        else:
            lines.extend(_lines(child, depth + 1))
    return lines


def laml_lines(document: DocumentLike) -> list[str]:
    """The canonical outline ``assert_laml_equal`` compares: one line per element or text.

    Attributes are sorted by name; runs of whitespace in text count as one space
    and text that is only whitespace is dropped.
    """
    return _lines(_tree(document, "document"))


def assert_laml_equal(actual: DocumentLike, expected: DocumentLike) -> None:
    """Assert two documents are equal up to attribute order and insignificant whitespace.

    Each side is a laml tree or cXML text (parsed with ``laml.parse``, so hostile
    or malformed text raises ``ParseError`` whose message starts with ``actual`` or
    ``expected``). On a difference, raises
    ``AssertionError`` whose message is a unified diff of the two outlines.
    """
    left = _lines(_tree(actual, "actual"))
    right = _lines(_tree(expected, "expected"))
    if left == right:
        return
    diff = "\n".join(
        difflib.unified_diff(right, left, fromfile="expected", tofile="actual", lineterm="")
    )
    raise AssertionError("the documents differ:\n" + diff)
