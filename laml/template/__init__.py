"""Mustache templates for LaML Bins: one parser, one renderer, one checker.

``render(source, data)`` renders with full mustache semantics and values escaped
for XML; ``Template(source)`` parses once and renders many times.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from .parser import (
    Comment,
    LiteralText,
    Partial,
    Position,
    Section,
    SetDelimiters,
    TemplateError,
    TemplateNode,
    Variable,
    events,
    parse,
)
from .render import Renderer, escape_xml, is_falsey, lookup

Node = TemplateNode
"""The earlier name of ``TemplateNode`` (kept for existing imports)."""
Text = LiteralText
"""The earlier name of ``LiteralText`` (kept for existing imports)."""


@attrs.frozen
class Use:
    """One place a name is used: where, and how (variable, section, inverted, unescaped)."""

    line: int
    column: int
    usage: str


class Template:
    """A parsed template: parse once, render many times."""

    def __init__(self, source: str, partials: Mapping[str, str] | None = None) -> None:
        self.source = source
        self.nodes = parse(source)
        self._renderer = Renderer(partials)

    def render(self, data: object = None) -> str:
        """Render with ``data`` (a mapping, or any object with attributes)."""
        return self._renderer.render(self.nodes, {} if data is None else data)

    @property
    def variables(self) -> dict[str, list[Use]]:
        """Every name the template reads, with each place it is used, in source order."""
        found: dict[str, list[Use]] = {}
        for event, node in events(self.nodes):
            if event == "close":
                continue
            if isinstance(node, Variable):
                usage = "variable" if node.escape else "unescaped"
                found.setdefault(node.name, []).append(
                    Use(node.where.line, node.where.column, usage)
                )
            elif isinstance(node, Section):
                usage = "inverted" if node.inverted else "section"
                found.setdefault(node.name, []).append(
                    Use(node.where.line, node.where.column, usage)
                )
        return found


def render(source: str, data: object = None, partials: Mapping[str, str] | None = None) -> str:
    """Render mustache ``source`` with ``data``; values are escaped for XML."""
    return Template(source, partials).render(data)


__all__ = [
    "Comment",
    "LiteralText",
    "Node",
    "Partial",
    "Position",
    "Renderer",
    "Section",
    "SetDelimiters",
    "Template",
    "TemplateError",
    "TemplateNode",
    "Text",
    "Use",
    "Variable",
    "escape_xml",
    "events",
    "is_falsey",
    "lookup",
    "parse",
    "render",
]
