"""Hypothesis strategies derived from laml's declared vocabulary.

Values come from each attribute's kind, so every strategy draws only values the
builder accepts; trees follow each element's content model.
"""

from __future__ import annotations

import inspect
import string
from typing import Any

from hypothesis import strategies as st

import laml
from laml._model import fields as f
from laml._model.node import GenericNode, Node

XML_CHARACTERS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters=[chr(c) for c in range(32) if chr(c) not in "\t\n\r"]
    + ["\ufffe", "\uffff"],
)
"""Any character XML 1.0 allows."""

FORBIDDEN_CHARACTERS = st.sampled_from(
    [chr(c) for c in range(32) if chr(c) not in "\t\n\r"] + ["\ufffe", "\uffff", "\ud800", "\udfff"]
)
"""Characters XML 1.0 forbids."""

xml_text = st.text(XML_CHARACTERS, max_size=30)
"""Text XML allows, with markup characters and line breaks likely."""

markup_heavy_text = st.text(
    st.one_of(st.sampled_from(list("<>&\"'\t\n\r ]]>")), XML_CHARACTERS), max_size=20
)


def value_strategy(kind: f.ValueKind, *, strings_only: bool = False) -> st.SearchStrategy[Any]:
    """Values ``kind`` accepts; with ``strings_only``, lists come pre-joined."""
    if isinstance(kind, f.Checked):
        return value_strategy(kind.base, strings_only=strings_only).filter(
            lambda v: kind.rule(kind.base.to_xml(v))
        )
    if isinstance(kind, f.String):
        if kind.pattern is not None:
            return st.from_regex(kind.pattern.regex, fullmatch=True).filter(
                lambda v: f.forbidden_character(v) is None
            )
        return st.text(XML_CHARACTERS, max_size=kind.max_length or 30)
    if isinstance(kind, f.Content):
        return markup_heavy_text
    if isinstance(kind, f.Integer):
        low = kind.low if kind.low is not None else -5
        high = kind.high if kind.high is not None else 10_000
        numbers = st.integers(low, high)
        return numbers if strings_only else st.one_of(numbers, numbers.map(str))
    if isinstance(kind, f.Decimal):
        low = kind.low if kind.low is not None else 0
        high = kind.high if kind.high is not None else 10_000
        return st.one_of(
            st.integers(low, high).map(str),
            st.decimals(low, high, places=2, allow_nan=False, allow_infinity=False).map(str),
        )
    if isinstance(kind, f.Boolean):
        return st.one_of(st.booleans(), st.sampled_from(["true", "false"]))
    if isinstance(kind, f.Enum):
        return st.sampled_from(kind.values)
    if isinstance(kind, f.Tokens):
        items = st.lists(value_strategy(kind.item, strings_only=True), min_size=1, max_size=3)
        joined = items.map(lambda xs: kind.separator.join(str(x) for x in xs))
        return joined if strings_only else st.one_of(joined, items)
    if isinstance(kind, f.Either):
        return st.one_of(*(value_strategy(k, strings_only=strings_only) for k in kind.kinds))
    raise AssertionError(f"no strategy for {kind!r}")


def attributes_strategy(
    cls: type[Node], names: list[str] | None = None, *, strings_only: bool = False
) -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments for ``cls``: any subset of its attributes (or of ``names``)."""
    fields = cls._spec.fields
    chosen = [n for n in (names if names is not None else list(fields)) if not fields[n].text]
    return st.fixed_dictionaries(
        {},
        optional={n: value_strategy(fields[n].kind, strings_only=strings_only) for n in chosen},
    )


def fluent_methods(cls: type[Node]) -> dict[str, type[Node]]:
    """The fluent builder methods of ``cls`` and the element class each one adds."""
    methods = {}
    for name, member in inspect.getmembers(cls):
        getter = getattr(member, "element_class", None)
        if getter is not None:
            methods[name] = getter()
    return methods


@st.composite
def trees(draw: st.DrawFn, cls: type[Node], depth: int = 3) -> Node:
    """A random, valid element of class ``cls`` with random content."""
    node = cls(**draw(attributes_strategy(cls)))
    spec = cls._spec
    spec.resolve_content()
    children = [c for c in spec.children if c is not GenericNode]
    slots = draw(st.integers(0, 4 if depth > 0 else 0))
    for _ in range(slots):
        options: list[st.SearchStrategy[Any]] = []
        if spec.accepts_text:
            if spec.text_kind is not None:
                if not node.text:
                    options.append(st.sampled_from(spec.text_kind.values))
            else:
                options.append(markup_heavy_text.filter(bool))
        if children and depth > 0:
            options.append(st.sampled_from(children).flatmap(lambda c: trees(c, depth - 1)))
        if not options:
            break
        node.append(draw(st.one_of(*options)))
    return node


identifiers = st.text(string.ascii_letters, min_size=1, max_size=8)


documents = st.sampled_from([laml.VoiceResponse, laml.MessagingResponse, laml.FaxResponse]).flatmap(
    lambda root: trees(root, depth=4)
)
"""Random voice, messaging and fax documents of the model."""


def kind_of(tree: Node) -> str:
    """The document kind of a root built by ``documents``."""
    return {laml.VoiceResponse: "voice", laml.MessagingResponse: "messaging"}.get(type(tree), "fax")


def with_parsed_line_ends(tree: Node) -> Node:
    """The tree an XML parser reads back: CR and CRLF in text become LF (XML 1.0, 2.11)."""
    import copy

    clone = copy.deepcopy(tree)
    for node in clone.iter():
        node._content = [
            c.replace("\r\n", "\n").replace("\r", "\n") if isinstance(c, str) else c
            for c in node._content
        ]
    return clone
