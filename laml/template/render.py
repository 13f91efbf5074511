"""Rendering a parsed mustache tree, with values escaped for XML.

Each variable is escaped for the place it stands, one function per place: element
text (``& < > " '``, and a carriage return as a character reference), attribute
values (also tabs and line breaks as character references, which XML would turn
into spaces), comments (hyphens) and CDATA sections (``]]>``); each drops the
characters XML 1.0 forbids, so no value a caller sends can break the document or
add an element to it. A rendering stops with ``RenderLimitError`` past
``max_output`` characters (64 kB by default).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal as _Decimal
from typing import Any, NoReturn

from .._model.fields import FORBIDDEN_CHARACTERS
from ..errors import RenderError, RenderLimitError
from .parser import (
    DEFAULT_DELIMITERS,
    LiteralText,
    Partial,
    Section,
    TemplateNode,
    Variable,
    parse,
)

_FORBIDDEN = re.compile(f"[{FORBIDDEN_CHARACTERS}]")
_SPECIAL = re.compile(f"[&<>\"'{FORBIDDEN_CHARACTERS}]")
_COMMENT_SPECIAL = re.compile(f"[-{FORBIDDEN_CHARACTERS}]")
_CDATA_SPECIAL = re.compile(f"]]>|[{FORBIDDEN_CHARACTERS}]")
_MISSING = object()
_INDEX = re.compile(r"[0-9]{1,9}")

MAX_OUTPUT = 64 * 1024
"""The most characters one rendering writes by default: SignalWire answers with at
most 64 kB (error 11750), so a longer rendering could never be served."""


STEPS_PER_CHARACTER = 4
"""A rendering may take this many steps per character of ``max_output``: a step is a
text, a tag or a section pass, so sections that write nothing still stop."""


def escape_xml(text: str) -> str:
    """Escape a value for element text or an attribute value (either quote);
    remove characters XML forbids."""
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


def escape_text(text: str) -> str:
    """Escaping for element text: as ``escape_xml``, and a carriage return as a
    character reference, which XML keeps (a raw one is read as a line feed)."""
    text = escape_xml(text)
    return text.replace("\r", "&#13;") if "\r" in text else text


def escape_attribute(text: str) -> str:
    """Escaping for an attribute value in single or double quotes: as ``escape_xml``,
    and tabs and line breaks as character references, which XML keeps (a raw one
    becomes a space)."""
    text = escape_xml(text)
    if "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")
    return text


def escape_comment(text: str) -> str:
    """Make a value safe inside ``<!-- -->``, where XML has no escapes: each hyphen
    stands between spaces, so no ``--`` forms and none touches the comment's ends;
    characters XML forbids are removed, and what would be empty is a space.
    Comments never reach the caller."""
    if _COMMENT_SPECIAL.search(text) is None:
        return text
    # Never empty either: the template's own hyphens around the tag must stay apart.
    return _FORBIDDEN.sub("", text).replace("-", " - ") or " "


def escape_cdata(text: str) -> str:
    """Make a value safe inside ``<![CDATA[ ]]>``: ``]]>`` is split over two CDATA
    sections (it reads back unchanged), as is a carriage return; characters XML
    forbids are removed."""
    if _CDATA_SPECIAL.search(text) is None and "\r" not in text:
        return text
    text = _FORBIDDEN.sub("", text).replace("]]>", "]]]]><![CDATA[>")
    # A raw carriage return would be read as a line feed: it steps out of the section
    # as a character reference.
    return text.replace("\r", "]]>&#13;<![CDATA[") if "\r" in text else text


def is_falsey(value: object) -> bool:
    """Mustache falsiness: missing, null, false, an empty list or an empty string."""
    return value is None or value is False or (isinstance(value, (list, tuple, str)) and not value)


def _get(context: object, key: str) -> object:
    """A name on request data: a mapping's key, or a list's position (``Digits.0``).
    Never a Python attribute or method of the value."""
    if isinstance(context, Mapping):
        return context.get(key, _MISSING)
    if isinstance(context, (list, tuple)) and _INDEX.fullmatch(key):
        index = int(key)
        return context[index] if index < len(context) else _MISSING
    return _MISSING


def lookup(name: str, stack: Sequence[object]) -> object:
    """Resolve a (dotted) name against the context stack; None when missing.

    Names resolve on mappings (keys) and lists (positions from 0) only: request
    data is plain data, and the attributes and methods of Python values are never
    reached.
    """
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


def text_of(value: object) -> str:
    """The text a value writes: a string as it is, a number in decimal, a boolean as
    ``true`` or ``false``, nothing for None, and a list (a repeated parameter) as its
    items' texts joined with commas, as JavaScript mustache writes an array. Anything
    else (a mapping, an object) raises ``RenderError``: no Python repr is written."""
    if type(value) is str:
        return value
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, (int, float, _Decimal)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return ",".join(text_of(item) for item in value)
    kind = "a mapping" if isinstance(value, Mapping) else f"a {type(value).__name__}"
    raise RenderError(f"{kind} cannot be written as text; give a string, a number or a list")


class Renderer:
    """Renders trees against data; holds the partials and the escape functions.

    ``escapes`` maps a variable node (by ``id``) to the escaping of the place it
    stands; other variables get ``escape``. A variable mapped to ``None`` stands
    where no escaping helps (an element name, a declaration): with ``strict``, a
    non-empty value there raises ``RenderError``.
    """

    def __init__(
        self,
        partials: Mapping[str, str] | None = None,
        escape: Callable[[str], str] = escape_xml,
        escapes: Mapping[int, Callable[[str], str] | None] | None = None,
        strict: bool = False,
    ) -> None:
        self.partials = partials or {}
        self.escape = escape
        self.escapes = escapes or {}
        self.strict = strict
        self._parsed_partials: dict[tuple[str, str], tuple[TemplateNode, ...]] = {}

    def render(
        self, nodes: Sequence[TemplateNode], data: object, max_output: int | None = MAX_OUTPUT
    ) -> str:
        """Render ``nodes`` with ``data``; raise ``RenderLimitError`` past ``max_output``
        characters, or past ``STEPS_PER_CHARACTER`` times as many steps (texts, tags
        and section passes), so that sections that write nothing stop too.
        ``max_output=None`` renders without a bound."""
        run = _Run(self, max_output)
        run.render(nodes, [data])
        return "".join(run.out)


class _Run:
    """One rendering: its output and what is left of its bounds."""

    __slots__ = ("left", "max_output", "out", "renderer", "steps")

    def __init__(self, renderer: Renderer, max_output: int | None) -> None:
        self.renderer = renderer
        self.out: list[str] = []
        self.max_output = max_output
        self.left = 0 if max_output is None else max_output
        self.steps = 0 if max_output is None else STEPS_PER_CHARACTER * max_output

    def _over(self) -> NoReturn:
        raise RenderLimitError(
            f"the rendering is longer than max_output ({self.max_output:,} characters), "
            "or takes too many steps for that; SignalWire serves at most 64 kB"
        )

    def write(self, text: str) -> None:
        self.out.append(text)
        if self.max_output is not None:
            self.left -= len(text)
            if self.left < 0:
                self._over()

    def render(self, nodes: Sequence[TemplateNode], stack: list[object]) -> None:
        # Comments and delimiter changes render nothing: the parser already applied them.
        if self.max_output is not None:
            self.steps -= len(nodes) + 1  # a pass over empty children costs a step too
            if self.steps < 0:
                self._over()
        for node in nodes:
            kind = type(node)
            if kind is LiteralText:
                self.write(node.text)  # type: ignore[union-attr]
            elif kind is Variable:
                self._variable(node, stack)  # type: ignore[arg-type]
            elif kind is Section:
                self._section(node, stack)  # type: ignore[arg-type]
            elif kind is Partial:
                self._partial(node, stack)  # type: ignore[arg-type]

    def _variable(self, node: Variable, stack: list[object]) -> None:
        value = lookup(node.name, stack)
        if callable(value):
            # A lambda's result is a template, read with the default delimiters.
            text = self.render_source(text_of(value()), stack, DEFAULT_DELIMITERS)
        else:
            text = text_of(value)
        if not text:
            if node.escape and self.renderer.escapes.get(id(node)) is escape_comment:
                self.write(" ")  # keeps hyphens around the tag apart: "a-{{x}}-b"
            return
        if node.escape:
            renderer = self.renderer
            escape = renderer.escapes.get(id(node), renderer.escape)
            if escape is None:
                if renderer.strict:
                    raise RenderError(
                        f"{{{{{node.name}}}}} at line {node.where.line}, column "
                        f"{node.where.column} stands where no escaping makes a value safe "
                        "(a name, a tag or a declaration); the bin cannot write it"
                    )
                escape = renderer.escape
            text = escape(text)
        self.write(text)

    def _section(self, node: Section, stack: list[object]) -> None:
        value = lookup(node.name, stack)
        if node.inverted:
            if is_falsey(value):
                self.render(node.children, stack)
            return
        if is_falsey(value):
            return
        if callable(value):
            result = _call_section_lambda(
                value, node.raw, lambda t: self.render_source(t, stack, node.delimiters)
            )
            self.write(self.render_source(text_of(result), stack, node.delimiters))
            return
        if isinstance(value, (list, tuple)):
            for item in value:
                stack.append(item)
                self.render(node.children, stack)
                stack.pop()
            return
        stack.append(value)
        self.render(node.children, stack)
        stack.pop()

    def _partial(self, node: Partial, stack: list[object]) -> None:
        renderer = self.renderer
        source = renderer.partials.get(node.name)
        if source is None:
            return
        key = (node.name, node.indent)
        nodes = renderer._parsed_partials.get(key)
        if nodes is None:
            if node.indent:
                source = re.sub(r"(?m)^(?=.)", node.indent.replace("\\", "\\\\"), source)
            nodes = parse(source)
            renderer._parsed_partials[key] = nodes
        self.render(nodes, stack)

    def render_source(self, source: str, stack: list[object], delimiters: tuple[str, str]) -> str:
        """Render template text within this rendering's bounds (for lambdas)."""
        out, self.out = self.out, []
        try:
            self.render(parse(source, delimiters), stack)
            return "".join(self.out)
        finally:
            self.out = out


def _call_section_lambda(
    function: Callable[..., Any], raw: str, render: Callable[[str], str]
) -> Any:
    """Call a section lambda with the raw text, and with a render function if it takes one."""
    try:
        parameters = len(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        parameters = 1
    return function(raw, render) if parameters >= 2 else function(raw)
