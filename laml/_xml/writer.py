"""Writing elements as XML text.

The default writer produces exactly the bytes twilio-python produces (its
``ElementTree`` rules: attributes sorted by name, ``<Hangup />``, the same
escaping), so users' golden files keep passing. It writes strings directly
because building an lxml tree first costs more than the whole twilio-python
round trip budget; the test suite checks it against lxml's own serializer.
lxml builds the tree for ``to_element`` and for pretty output.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from lxml import etree

from ..errors import LamlValueError

if TYPE_CHECKING:
    from .._model.node import Node

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
_XML_NS = "{http://www.w3.org/XML/1998/namespace}"


_TEXT_SPECIAL = re.compile("[&<>]").search
_ATTRIBUTE_SPECIAL = re.compile('[&<>"\r\n\t]').search


def escape_text(text: str) -> str:
    """Escape character data as ElementTree does: ``& < >``."""
    if _TEXT_SPECIAL(text) is None:
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(text: str) -> str:
    """Escape an attribute value as ElementTree does, line breaks and tabs included."""
    if _ATTRIBUTE_SPECIAL(text) is None:
        return text
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\r", "&#13;")
        .replace("\n", "&#10;")
        .replace("\t", "&#09;")
    )


def _write(
    node: Node,
    out: list[str],
    attribute_special: Callable[[str], object] = _ATTRIBUTE_SPECIAL,
    text_special: Callable[[str], object] = _TEXT_SPECIAL,
) -> None:
    # Escaping is inlined as "look, then escape only when needed": most values need none.
    tag = node.tag
    attrs = node._attrs
    start = "<" + tag
    if attrs:
        for name in sorted(attrs) if len(attrs) > 1 else attrs:
            value = attrs[name]
            if attribute_special(value) is not None:
                value = escape_attribute(value)
            start += f' {name}="{value}"'
    content = node._content
    if not content:
        out.append(start + " />")
        return
    out.append(start + ">")
    for item in content:
        if type(item) is str:
            out.append(item if text_special(item) is None else escape_text(item))
        else:
            # Every argument given: CPython 3.13.0 skips the recursion check on calls
            # that fill in defaults, and an element that contains itself would crash it.
            _write(item, out, attribute_special, text_special)  # type: ignore[arg-type]
    out.append("</" + tag + ">")


def write_xml(node: Node, xml_declaration: bool = True) -> str:
    """The document as twilio-python writes it."""
    out = [DECLARATION] if xml_declaration else []
    try:
        _write(node, out)
    except RecursionError:
        raise LamlValueError(
            "the tree is too deep to write, or an element contains itself"
        ) from None
    return "".join(out)


def _build(node: Node, parent: etree._Element | None) -> etree._Element:
    attrib = {}
    for name in sorted(node._attrs):
        key = _XML_NS + name[4:] if name.startswith("xml:") else name
        attrib[key] = node._attrs[name]
    if parent is None:
        element = etree.Element(node.tag, attrib)
    else:
        element = etree.SubElement(parent, node.tag, attrib)
    last: etree._Element | None = None
    for item in node._content:
        if isinstance(item, str):
            if last is None:
                element.text = item
            else:
                last.tail = item
        else:
            last = _build(item, element)
    return element


def to_element(node: Node) -> etree._Element:
    """The document as an lxml element."""
    try:
        return _build(node, None)
    except RecursionError:
        raise LamlValueError(
            "the tree is too deep to build, or an element contains itself"
        ) from None


def pretty_xml(node: Node, xml_declaration: bool = True) -> str:
    """The document indented for people; text inside mixed content is left as it is."""
    text: str = etree.tostring(to_element(node), encoding="unicode", pretty_print=True)
    text = text.replace("/>", " />").rstrip("\n")
    return f"{DECLARATION}\n{text}" if xml_declaration else text
