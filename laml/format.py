"""``laml fmt``: one canonical layout for cXML documents.

Attributes sorted by name, two-space indentation, whitespace between elements
normalised, text inside elements that hold text (and comments) left as they are.
Formatting twice changes nothing.
"""

from __future__ import annotations

import re

from lxml import etree

from ._model.fields import is_xml_space
from ._model.vocabulary import ROOTS, children_by_tag
from ._xml.reader import MAX_BYTES, Source, find_mustache, read
from .errors import ParseError
from .parsing import detect_kind, keeps_whitespace

DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def format_document(document: Source, *, max_bytes: int = MAX_BYTES) -> bytes:
    """The document in canonical layout, as UTF-8 bytes ending in a newline.

    A LaML Bin (cXML with mustache) is refused with a ``ParseError`` (code
    ``LAML038``): re-indenting would move the elements its sections wrap.
    """
    if isinstance(document, (bytes, str)):
        data = document if isinstance(document, bytes) else document.encode("utf-8", "replace")
        mustache = find_mustache(data, max_bytes)
        if mustache is not None:
            line, column, tag = mustache
            raise ParseError(
                f"this is a LaML Bin ({tag}): laml fmt leaves bins as they are, since "
                "re-indenting would move what their sections wrap; check it with "
                "laml validate --bin",
                line,
                column,
                code="LAML038",
            )
    root = read(document, max_bytes=max_bytes)
    keep: set[etree._Element] = set()
    if root.tag == "Response":
        stack = [(root, ROOTS[detect_kind(root)])]
        while stack:
            element, cls = stack.pop()
            cls._spec.resolve_content()
            if keeps_whitespace(cls, element):
                keep.add(element)
            by_tag = children_by_tag(cls)
            for child in element:
                child_cls = by_tag.get(child.tag) if isinstance(child.tag, str) else None
                if child_cls is not None:
                    stack.append((child, child_cls))
    for element in root.iter():
        if isinstance(element.tag, str):
            if len(element.attrib) > 1:
                items = sorted(element.attrib.items())
                element.attrib.clear()
                for name, value in items:
                    element.set(name, value)
            if element.text is not None and (
                not element.text or (element not in keep and is_xml_space(element.text))
            ):
                element.text = None  # an empty CDATA section is no text either
        parent = element.getparent()
        if (
            parent is not None
            and parent not in keep
            and element.tail is not None
            and is_xml_space(element.tail)
        ):
            element.tail = None
    text: bytes = etree.tostring(root, encoding="utf-8", pretty_print=True)
    # Write empty elements as <Hangup />, but leave comments exactly as they are.
    return DECLARATION + _EMPTY_OR_COMMENT.sub(_space_empty, text)


_EMPTY_OR_COMMENT = re.compile(rb"<!--.*?-->|/>", re.S)


def _space_empty(match: re.Match[bytes]) -> bytes:
    found = match.group()
    return b" />" if found == b"/>" else found
