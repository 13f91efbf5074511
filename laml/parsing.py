"""Reading a document into the typed tree: the right class for each element in its context."""

from __future__ import annotations

from typing import NoReturn

from lxml import etree

from ._model.fields import is_xml_space
from ._model.node import Node, Problem
from ._model.vocabulary import ROOTS, Document, DocumentKind, kind_of, misplaced_problem
from ._xml.reader import (
    MAX_BYTES,
    MAX_DEPTH,
    Locator,
    Source,
    line_of,
    read_document,
    to_bytes,
)
from .errors import LamlValueError, ParseError, Rejected
from .fax import FaxResponse
from .messaging import MessagingResponse
from .voice import VoiceResponse

__all__ = ["Document", "attribute_name", "detect_kind", "keeps_whitespace", "parse"]

_XML_NS = "{http://www.w3.org/XML/1998/namespace}"


def detect_kind(root: etree._Element) -> str:
    """voice, messaging or fax, from the verbs the document uses (voice if none decides)."""
    return kind_of([child.tag for child in root])


def keeps_whitespace(cls: type[Node], element: etree._Element) -> bool:
    """Whether whitespace-only text in the element is content rather than layout.

    It is content in speech (``<Say>`` and SSML), in an element with no child
    elements (``<Redirect> </Redirect>``), and wherever the element also holds real
    text (``<Conference> name <Stream/></Conference>``); it is layout between the
    children of an element with no text of its own.
    """
    if cls.keep_whitespace:
        return True
    if not cls._spec.accepts_text:
        return False
    if not len(element):
        return True
    texts = [element.text, *(child.tail for child in element)]
    return any(text and not is_xml_space(text) for text in texts)


def attribute_name(name: str) -> str:
    """The XML name of an lxml attribute key (``xml:lang`` for the XML namespace)."""
    return "xml:" + name[len(_XML_NS) :] if name.startswith(_XML_NS) else name


class _Builder:
    def __init__(self, locator: Locator, root: etree._Element, kind: str) -> None:
        self.locator = locator
        self.root = root
        self.kind = kind

    def fail(
        self, element: etree._Element, problem: Problem | None, attribute: str | None = None
    ) -> NoReturn:
        assert problem is not None  # the model found what the builder refused
        if attribute is None:
            line, column = self.locator.element(element)
        else:
            line, column = self.locator.attribute(element, attribute)
        raise ParseError(problem.message, line, column, code=problem.code)

    def build(self, cls: type[Node], element: etree._Element) -> Node:
        spec = cls._spec
        spec.resolve_content()
        node = object.__new__(cls)
        attrs: dict[str, str] = {}
        for key, value in element.attrib.items():
            name = attribute_name(str(key))
            field = spec.by_xml.get(name)
            if field is None:
                self.fail(element, spec.attribute_problem(name, value), name)
            try:
                attrs[name] = field.kind.to_xml(value)
            except Rejected:
                self.fail(element, spec.attribute_problem(name, value), name)
        node._attrs = attrs
        node._content = []
        by_tag = spec.children_by_tag
        keep = keeps_whitespace(cls, element)
        self.text(node, element, element.text, keep)
        for child in element:
            if isinstance(child.tag, str):
                child_cls = by_tag.get(child.tag)
                if child_cls is None:
                    at_root = element is self.root
                    self.fail(child, misplaced_problem(cls, child.tag, self.kind, at_root=at_root))
                node._content.append(self.build(child_cls, child))
            self.text(node, element, child.tail, keep)
        if spec.text_kind is not None and node.text:
            problem = spec.text_problem(node.text)
            if problem is not None:
                self.fail(element, problem)
        return node

    def text(self, node: Node, element: etree._Element, text: str | None, keep: bool) -> None:
        if not text:
            return
        spec = node._spec
        if spec.accepts_text and (keep or not is_xml_space(text)):
            node._add_text(text)
        elif not is_xml_space(text):
            self.fail(element, node._spec.text_problem(text))


def parse(
    document: Source,
    *,
    kind: DocumentKind = "auto",
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
) -> Document:
    """Read a cXML document into its typed tree.

    ``document`` is XML text, bytes, or a path. Raises ``ParseError`` (with the
    line and column) for anything that is not a document of the model: hostile or
    malformed XML, an unknown element or attribute, or a value out of range.
    Whitespace between elements is dropped; text inside elements that hold text is
    kept exactly.
    """
    data, root = read_document(to_bytes(document, max_bytes), max_bytes, max_depth)
    if root.tag != "Response":
        raise ParseError(
            f"the root element is <{root.tag}>; a cXML document starts with <Response>",
            line_of(root),
            1,
        )
    chosen = detect_kind(root) if kind == "auto" else kind
    if chosen not in ROOTS:
        raise LamlValueError(f"kind must be auto, voice, messaging or fax, not {kind!r}")
    builder = _Builder(Locator(data, root), root, chosen)
    try:
        tree = builder.build(ROOTS[chosen], root)
    except RecursionError:
        raise ParseError(f"the document nests too deep to read (max_depth={max_depth})") from None
    assert isinstance(tree, (VoiceResponse, MessagingResponse, FaxResponse))
    return tree
