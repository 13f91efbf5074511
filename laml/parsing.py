"""Reading a document into the typed tree: the right class for each element in its context."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NoReturn, Union

from lxml import etree

from ._model.fields import Rejected
from ._model.node import GenericNode, Node
from ._xml.reader import (
    MAX_BYTES,
    MAX_DEPTH,
    XML_WHITESPACE,
    Locator,
    Source,
    is_xml_space,
    line_of,
    read_document,
    to_bytes,
)
from .diagnostics import ParseError
from .errors import LamlValueError
from .fax import FaxResponse
from .messaging import MessagingResponse
from .voice import VoiceResponse

Kind = Literal["auto", "voice", "messaging", "fax"]
Document = Union[VoiceResponse, MessagingResponse, FaxResponse]

ROOTS: dict[str, type[Node]] = {
    "voice": VoiceResponse,
    "messaging": MessagingResponse,
    "fax": FaxResponse,
}
_XML_NS = "{http://www.w3.org/XML/1998/namespace}"


def detect_kind(root: etree._Element) -> str:
    """voice, messaging or fax, from the verbs the document uses (voice if none decides)."""
    return kind_of([child.tag for child in root])


def kind_of(verbs: Sequence[object]) -> str:
    """voice, messaging or fax, from the tags of the root's children."""
    if "Message" in verbs:
        return "messaging"
    if "Receive" in verbs:
        return "fax"
    return "voice"


def children_by_tag(cls: type[Node]) -> dict[str, type[Node]]:
    """The class each child tag means under ``cls`` (the first declared wins)."""
    cached: dict[str, type[Node]] | None = cls.__dict__.get("_children_by_tag")
    if cached is None:
        spec = cls._spec
        spec.resolve_content()
        cached = {}
        for child in spec.children:
            if child is not GenericNode:
                cached.setdefault(child.tag, child)
        cls._children_by_tag = cached  # type: ignore[attr-defined]
    return cached


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
    def __init__(self, locator: Locator) -> None:
        self.locator = locator

    def fail(self, element: etree._Element, message: str, attribute: str | None = None) -> NoReturn:
        if attribute is None:
            line, column = self.locator.element(element)
        else:
            line, column = self.locator.attribute(element, attribute)
        raise ParseError(message, line, column, code="LAML003")

    def build(self, cls: type[Node], element: etree._Element) -> Node:
        spec = cls._spec
        spec.resolve_content()
        node = object.__new__(cls)
        attrs: dict[str, str] = {}
        for key, value in element.attrib.items():
            name = attribute_name(str(key))
            field = spec.by_xml.get(name)
            if field is None:
                self.fail(element, f"<{spec.tag}> has no attribute {name!r}", name)
            try:
                attrs[name] = field.kind.to_xml(value)
            except Rejected as rejected:
                self.fail(element, field.describe_error(spec.tag, value, rejected.expected), name)
        node._attrs = attrs
        node._content = []
        by_tag = children_by_tag(cls)
        keep = keeps_whitespace(cls, element)
        self.text(node, element, element.text, keep)
        for child in element:
            if isinstance(child.tag, str):
                child_cls = by_tag.get(child.tag)
                if child_cls is None:
                    self.fail(
                        child,
                        f"<{child.tag}> cannot go inside <{spec.tag}>; "
                        f"<{spec.tag}> takes: {spec.child_names()}",
                    )
                node._content.append(self.build(child_cls, child))
            self.text(node, element, child.tail, keep)
        if spec.text_kind is not None and node.text and node.text not in spec.text_kind.values:
            self.fail(
                element, f"<{spec.tag}> text must be {spec.text_kind.expected} (got {node.text!r})"
            )
        return node

    def text(self, node: Node, element: etree._Element, text: str | None, keep: bool) -> None:
        if not text:
            return
        spec = node._spec
        if spec.accepts_text and (keep or not is_xml_space(text)):
            node._add_text(text)
        elif not is_xml_space(text):
            found = text.strip(XML_WHITESPACE)[:40]
            self.fail(element, f"<{node.tag}> cannot contain text (found {found!r})")


def parse(
    document: Source,
    *,
    kind: Kind = "auto",
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
    builder = _Builder(Locator(data, root))
    try:
        tree = builder.build(ROOTS[chosen], root)
    except RecursionError:
        raise ParseError(f"the document nests too deep to read (max_depth={max_depth})") from None
    assert isinstance(tree, (VoiceResponse, MessagingResponse, FaxResponse))
    return tree
