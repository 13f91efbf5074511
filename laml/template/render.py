"""Rendering a parsed mustache tree, with values escaped for XML.

Escaping covers text and attribute positions alike (``& < > " '``) and drops the
characters XML 1.0 forbids, so no value a caller sends can break the document
or add an element to it.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .._model.fields import FORBIDDEN_CHARACTERS
from .parser import (
    DEFAULT_DELIMITERS,
    Node,
    Partial,
    Section,
    Text,
    Variable,
    parse,
)

_FORBIDDEN = re.compile(f"[{FORBIDDEN_CHARACTERS}]")
_SPECIAL = re.compile(f"[&<>\"'{FORBIDDEN_CHARACTERS}]")
_MISSING = object()


def escape_xml(text: str) -> str:
    """Escape a value for any XML position; remove characters XML forbids."""
    if _SPECIAL.search(text) is None:
        return text
    text = _FORBIDDEN.sub("", text)
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&apos;")
    )


def is_falsey(value: object) -> bool:
    """Mustache falsiness: missing, null, false, an empty list or an empty string."""
    return value is None or value is False or (isinstance(value, (list, tuple, str)) and not value)


def _get(context: object, key: str) -> object:
    if isinstance(context, Mapping):
        return context.get(key, _MISSING)
    if isinstance(context, (str, bytes, int, float, bool)) or context is None:
        return _MISSING
    return getattr(context, key, _MISSING)


def lookup(name: str, stack: Sequence[object]) -> object:
    """Resolve a (dotted) name against the context stack; None when missing."""
    if name == ".":
        return stack[-1]
    first, _, rest = name.partition(".")
    for context in reversed(stack):
        value = _get(context, first)
        if value is not _MISSING:
            break
    else:
        return None
    while rest:
        part, _, rest = rest.partition(".")
        value = _get(value, part)
        if value is _MISSING:
            return None
    return value


def _text_of(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


class Renderer:
    """Renders trees against data; holds the partials and the escape function."""

    def __init__(
        self,
        partials: Mapping[str, str] | None = None,
        escape: Callable[[str], str] = escape_xml,
    ) -> None:
        self.partials = partials or {}
        self.escape = escape
        self._parsed_partials: dict[tuple[str, str], tuple[Node, ...]] = {}

    def render(self, nodes: Sequence[Node], data: object) -> str:
        out: list[str] = []
        self._render(nodes, [data], out)
        return "".join(out)

    def _render(self, nodes: Sequence[Node], stack: list[object], out: list[str]) -> None:
        # Comments and delimiter changes render nothing: the parser already applied them.
        for node in nodes:
            kind = type(node)
            if kind is Text:
                out.append(node.text)  # type: ignore[union-attr]
            elif kind is Variable:
                self._variable(node, stack, out)  # type: ignore[arg-type]
            elif kind is Section:
                self._section(node, stack, out)  # type: ignore[arg-type]
            elif kind is Partial:
                self._partial(node, stack, out)  # type: ignore[arg-type]

    def _variable(self, node: Variable, stack: list[object], out: list[str]) -> None:
        value = lookup(node.name, stack)
        if callable(value):
            # A lambda's result is a template, read with the default delimiters.
            text = self.render_source(_text_of(value()), stack, DEFAULT_DELIMITERS)
        else:
            text = _text_of(value)
        if text:
            out.append(self.escape(text) if node.escape else text)

    def _section(self, node: Section, stack: list[object], out: list[str]) -> None:
        value = lookup(node.name, stack)
        if node.inverted:
            if is_falsey(value):
                self._render(node.children, stack, out)
            return
        if is_falsey(value):
            return
        if callable(value):
            result = _call_section_lambda(
                value, node.raw, lambda t: self.render_source(t, stack, node.delimiters)
            )
            out.append(self.render_source(_text_of(result), stack, node.delimiters))
            return
        if isinstance(value, (list, tuple)):
            for item in value:
                stack.append(item)
                self._render(node.children, stack, out)
                stack.pop()
            return
        stack.append(value)
        self._render(node.children, stack, out)
        stack.pop()

    def _partial(self, node: Partial, stack: list[object], out: list[str]) -> None:
        source = self.partials.get(node.name)
        if source is None:
            return
        key = (node.name, node.indent)
        nodes = self._parsed_partials.get(key)
        if nodes is None:
            if node.indent:
                source = re.sub(r"(?m)^(?=.)", node.indent.replace("\\", "\\\\"), source)
            nodes = parse(source)
            self._parsed_partials[key] = nodes
        self._render(nodes, stack, out)

    def render_source(self, source: str, stack: list[object], delimiters: tuple[str, str]) -> str:
        out: list[str] = []
        self._render(parse(source, delimiters), stack, out)
        return "".join(out)


def _call_section_lambda(
    function: Callable[..., Any], raw: str, render: Callable[[str], str]
) -> Any:
    """Call a section lambda with the raw text, and with a render function if it takes one."""
    try:
        parameters = len(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        parameters = 1
    return function(raw, render) if parameters >= 2 else function(raw)
