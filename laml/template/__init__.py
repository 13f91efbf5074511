"""Mustache templates for LaML Bins: one parser, one renderer, one checker.

``render(source, data)`` renders with full mustache semantics and values escaped
for the place they stand in the XML; ``Template(source)`` parses once and renders
many times. Data is plain data: names resolve on mappings and list positions only.
A rendering stops at ``max_output`` characters (64 kB by default).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs

from ..errors import RenderError, RenderLimitError
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
from .render import (
    MAX_OUTPUT,
    Renderer,
    escape_attribute,
    escape_cdata,
    escape_comment,
    escape_text,
    escape_xml,
    is_falsey,
    lookup,
    text_of,
)
from .xmlscan import CDATA, COMMENT, CONTENT, UNSAFE, VALUE, variable_states

_ESCAPES = {
    CONTENT: escape_text,
    VALUE: escape_attribute,
    COMMENT: escape_comment,
    CDATA: escape_cdata,
}
"""The escaping of each place a variable can stand, one function per place."""

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

    def __init__(
        self, source: str, partials: Mapping[str, str] | None = None, *, strict: bool = False
    ) -> None:
        """Parse ``source``; raise ``TemplateError`` with the line and column if it is
        not valid mustache. With ``strict``, a value for a variable that stands where
        no escaping helps (an element name, inside a tag, a declaration, outside the
        root) raises ``RenderError`` instead of being written; ``LamlBin`` renders so."""
        self.source = source
        self.nodes = parse(source)
        escapes: dict[int, Callable[[str], str] | None] = {}
        for key, state in variable_states(self.nodes).items():
            if state in UNSAFE:
                escapes[key] = None
            elif state in _ESCAPES:
                escapes[key] = _ESCAPES[state]
        self._renderer = Renderer(partials, escapes=escapes, strict=strict)

    def render(self, data: object = None, *, max_output: int | None = MAX_OUTPUT) -> str:
        """Render with ``data``: a mapping (names are its keys), whose values are
        strings, numbers, lists (of such values or mappings) and mappings.

        Raises ``RenderLimitError`` (a ``LamlError``) once the output passes
        ``max_output`` characters (64 kB, SignalWire's limit, by default; None for
        no bound), and ``RenderError`` for a value that cannot be written as text.
        """
        return self._renderer.render(self.nodes, {} if data is None else data, max_output)

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


def render(
    source: str,
    data: object = None,
    partials: Mapping[str, str] | None = None,
    *,
    max_output: int | None = MAX_OUTPUT,
) -> str:
    """Render mustache ``source`` with ``data``; values are escaped for XML.
    See ``Template.render`` for ``max_output``."""
    return Template(source, partials).render(data, max_output=max_output)


__all__ = [
    "MAX_OUTPUT",
    "Comment",
    "LiteralText",
    "Node",
    "Partial",
    "Position",
    "RenderError",
    "RenderLimitError",
    "Renderer",
    "Section",
    "SetDelimiters",
    "Template",
    "TemplateError",
    "TemplateNode",
    "Text",
    "Use",
    "Variable",
    "escape_attribute",
    "escape_cdata",
    "escape_comment",
    "escape_text",
    "escape_xml",
    "events",
    "is_falsey",
    "lookup",
    "parse",
    "render",
    "text_of",
]
