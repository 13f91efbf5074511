"""Mustache templates parsed to a tree that keeps the line and column of every tag.

The renderer and the LaML Bin checker both walk this tree, so what is checked is
exactly what renders.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Union

import attrs

from .._xml.positions import LineIndex
from ..errors import TemplateError as TemplateError

DEFAULT_DELIMITERS = ("{{", "}}")
MAX_DEPTH = 100
"""Sections nest at most this deep; real templates nest a handful."""


@attrs.frozen
class Position:
    """Where a tag starts in the template source (1-based), and its offsets."""

    line: int
    column: int
    start: int
    end: int


@attrs.frozen
class LiteralText:
    """Literal text, copied to the output."""

    text: str
    start: int


@attrs.frozen
class Variable:
    """``{{name}}`` (escaped) or ``{{{name}}}`` / ``{{& name}}`` (not escaped)."""

    name: str
    escape: bool
    where: Position
    sigil: str = ""


@attrs.frozen
class Section:
    """``{{#name}}...{{/name}}``, or inverted ``{{^name}}...{{/name}}``."""

    name: str
    inverted: bool
    children: tuple[TemplateNode, ...]
    where: Position
    close: Position
    raw: str
    delimiters: tuple[str, str]


@attrs.frozen
class Partial:
    """``{{> name}}``; a standalone partial carries the indentation of its line."""

    name: str
    indent: str
    where: Position


@attrs.frozen
class Comment:
    """``{{! ... }}``, which renders nothing."""

    where: Position


@attrs.frozen
class SetDelimiters:
    """``{{=<% %>=}}``, which changes the delimiters from here on."""

    delimiters: tuple[str, str]
    where: Position


TemplateNode = Union[LiteralText, Variable, Section, Partial, Comment, SetDelimiters]
"""One node of a parsed template."""

_STANDALONE_KINDS = {"#", "^", "/", "!", ">", "="}
_BLANKS = re.compile(r"[ \t]*")
_BLANKS_CR = re.compile(r"[ \t\r]*")


def events(nodes: Iterable[TemplateNode]) -> Iterator[tuple[str, TemplateNode]]:
    """Every node in source order: ``("node", n)``, or ``("open", s)`` and ``("close", s)``
    around a section's children."""
    for node in nodes:
        if isinstance(node, Section):
            yield "open", node
            yield from events(node.children)
            yield "close", node
        else:
            yield "node", node


def parse(
    source: str, delimiters: tuple[str, str] = DEFAULT_DELIMITERS
) -> tuple[TemplateNode, ...]:
    """Parse mustache source into its tree; raise ``TemplateError`` with the position."""
    lines = LineIndex(source)
    opening, closing = delimiters
    root: list[TemplateNode] = []
    stack: list[tuple[str, bool, Position, list[TemplateNode], tuple[str, str], int]] = []
    current = root
    index = 0
    length = len(source)
    line_start = scanned = 0  # the start of the line of the last tag, read up to scanned
    first_text = -1  # where that line's first non-blank character is (-1: not looked)
    newline = -1  # the end of the line of the last tag

    def here(start: int, end: int) -> Position:
        line, column = lines.position(start)
        return Position(line, column, start, end)

    def fail(message: str, offset: int) -> TemplateError:
        line, column = lines.position(offset)
        return TemplateError(message, line, column)

    while index < length:
        start = source.find(opening, index)
        if start < 0:
            current.append(LiteralText(source[index:], index))
            break
        inner = start + len(opening)
        triple = opening == "{{" and source.startswith("{", inner)
        if triple:
            end = source.find("}" + closing, inner + 1)
            if end < 0:
                raise fail(f"the tag opened here has no closing '}}{closing}'", start)
            content = source[inner : end + 1]
            tag_end = end + 1 + len(closing)
        else:
            end = source.find(closing, inner)
            if end < 0:
                raise fail(f"the tag opened here has no closing '{closing}'", start)
            content = source[inner:end]
            tag_end = end + len(closing)
        stripped = content.strip()
        if not stripped:
            raise fail("empty tag", start)
        kind = stripped[0] if stripped[0] in "#^/!>=&{" else ""
        # A standalone tag (alone on its line) takes the whole line with it.
        text_end, after = start, tag_end
        indent = ""
        if kind in _STANDALONE_KINDS:
            # Each search starts where the last one ended, so many tags on one long
            # line cost no more than the line.
            if start > scanned:
                found_newline = source.rfind("\n", scanned, start)
                if found_newline >= 0:
                    line_start = found_newline + 1
                    first_text = -1
                scanned = start
            if first_text < 0:
                blank = _BLANKS.match(source, line_start)
                assert blank is not None
                first_text = blank.end()
            if newline < tag_end:
                newline = source.find("\n", tag_end)
                if newline < 0:
                    newline = length
            trailing = _BLANKS_CR.match(source, tag_end)
            assert trailing is not None
            if first_text >= start and trailing.end() >= newline:
                text_end = line_start
                indent = source[line_start:start]
                after = newline + 1 if newline < length else length
        if text_end > index:
            current.append(LiteralText(source[index:text_end], index))
        where = here(start, tag_end)
        name = stripped[1:].strip() if kind else stripped
        if kind == "{":
            if not stripped.endswith("}"):
                raise fail("a '{{{' tag must end with '}}}'", start)
            current.append(Variable(stripped[1:-1].strip(), False, where, "{"))
        elif kind == "&":
            current.append(Variable(name, False, where, "&"))
        elif kind == "":
            current.append(Variable(name, True, where))
        elif kind in "#^":
            if not name:
                raise fail("a section needs a name", start)
            if len(stack) >= MAX_DEPTH:
                raise fail(f"sections nest deeper than {MAX_DEPTH} levels", start)
            stack.append((name, kind == "^", where, current, (opening, closing), after))
            current = []
        elif kind == "/":
            if not stack:
                raise fail(f"'{{{{/{name}}}}}' closes a section that was never opened", start)
            open_name, inverted, open_where, parent, open_delimiters, body_start = stack.pop()
            if name != open_name:
                if any(entry[0] == name for entry in stack):
                    # An outer section closes first: the inner one was left open.
                    line, column = lines.position(start)
                    raise TemplateError(
                        f"the section '{open_name}' is never closed "
                        f"('{name}' closes at line {line}, column {column})",
                        open_where.line,
                        open_where.column,
                    )
                raise fail(
                    f"'{name}' closes the section '{open_name}' opened at line "
                    f"{open_where.line}, column {open_where.column}",
                    start,
                )
            section = Section(
                open_name,
                inverted,
                tuple(current),
                open_where,
                where,
                source[body_start:text_end],
                open_delimiters,
            )
            current = parent
            current.append(section)
        elif kind == "!":
            current.append(Comment(where))
        elif kind == ">":
            current.append(Partial(name, indent, where))
        elif kind == "=":
            if not stripped.endswith("="):
                raise fail("a delimiter change must end with '='", start)
            parts = stripped[1:-1].split()
            if len(parts) != 2 or any("=" in part for part in parts):
                raise fail("a delimiter change needs two delimiters, as in {{=<% %>=}}", start)
            opening, closing = parts[0], parts[1]
            current.append(SetDelimiters((opening, closing), where))
        index = after
    if stack:
        name, _, where, *_ = stack[-1]
        raise TemplateError(f"the section '{name}' is never closed", where.line, where.column)
    return tuple(root)
