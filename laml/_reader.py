"""Reading untrusted XML: hostile input is refused before lxml sees most of it.

Bins come from users and webhook responses come from apps under test, so the
reader treats every input as hostile: no DOCTYPE and so no entity, no processing
instruction but the XML declaration, no namespace (and so no XInclude), UTF-8 only,
bounded size and depth. It never opens a file or the network.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Union

from lxml import etree

from .diagnostics import ParseError

MAX_BYTES = 1024 * 1024
"""The largest document read by default (1 MiB)."""
MAX_DEPTH = 64
"""The deepest nesting read by default; cXML needs fewer than ten levels."""

Source = Union[str, bytes, "os.PathLike[str]"]

_DECLARATION = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_UTF8_NAMES = {"utf-8", "utf8", "us-ascii", "ascii"}
_local = threading.local()


def _parser() -> etree.XMLParser:
    """One hardened parser per thread (lxml parsers are not shared across threads)."""
    parser: etree.XMLParser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_comments=False,
            remove_pis=False,
            collect_ids=False,
        )
        _local.parser = parser
    return parser


def line_of(node: etree._Element) -> int:
    """The line an element starts on (1 when lxml does not know)."""
    line = getattr(node, "sourceline", None)
    return line if isinstance(line, int) and line > 0 else 1


def position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset."""
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def to_bytes(document: Source) -> bytes:
    """The raw bytes of a document given as text, bytes or a path."""
    if isinstance(document, bytes):
        return document
    if isinstance(document, str):
        try:
            return document.encode("utf-8")
        except UnicodeEncodeError as error:
            before = document[: error.start].encode("utf-8", "surrogatepass")
            raise ParseError(
                f"the text holds a lone surrogate (U+{ord(document[error.start]):04X}), "
                "which UTF-8 cannot encode",
                *position(before, len(before)),
            ) from None
    if isinstance(document, os.PathLike):
        return Path(document).read_bytes()
    raise TypeError(f"expected XML text, bytes or a path, not {type(document).__name__}")


def check_bytes(data: bytes, max_bytes: int = MAX_BYTES) -> bytes:
    """Refuse what must never reach the XML parser; return the bytes without a BOM."""
    if len(data) > max_bytes:
        raise ParseError(
            f"the document is {len(data):,} bytes, more than the {max_bytes:,} laml reads"
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise ParseError("the document is empty", 1, 1)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError("the document is UTF-16; cXML documents are UTF-8", 1, 1)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ParseError("the document holds a NUL byte", *position(data, nul))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ParseError(
            f"the document is not valid UTF-8 (byte 0x{data[error.start]:02X})",
            *position(data, error.start),
        ) from None
    declared = _DECLARATION.match(data.lstrip())
    if declared and declared.group(1).decode("ascii").lower() not in _UTF8_NAMES:
        raise ParseError(
            f"the document declares the encoding {declared.group(1).decode()}; "
            "cXML documents are UTF-8",
            1,
            1,
        )
    for marker, what in ((b"<!DOCTYPE", "a DOCTYPE"), (b"<!ENTITY", "an entity declaration")):
        found = data.find(marker)
        if found >= 0:
            raise ParseError(
                f"the document has {what}; cXML has none and laml refuses them "
                "(they allow entity expansion and external files)",
                *position(data, found),
            )
    return data


def read(
    document: Source, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH
) -> etree._Element:
    """Parse a document into an lxml element after refusing hostile input."""
    data = check_bytes(to_bytes(document), max_bytes)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        line, column = error.position
        message = str(error.msg).split(", line ")[0]
        raise ParseError(f"the document is not well-formed XML: {message}", line, column) from None
    for node in root.itersiblings(preceding=True):
        _refuse_node(node)
    for node in root.itersiblings():
        _refuse_node(node)
    depth = 0
    for event, node in etree.iterwalk(root, events=("start", "end", "pi", "comment")):
        if event == "start":
            depth += 1
            if depth > max_depth:
                raise ParseError(
                    f"the document nests deeper than {max_depth} levels", line_of(node)
                )
            _refuse_node(node)
        elif event == "end":
            depth -= 1
        elif event == "pi":
            _refuse_node(node)
    return root


_XML_ATTRIBUTE = "{http://www.w3.org/XML/1998/namespace}"


def _refuse_node(node: etree._Element) -> None:
    if isinstance(node, etree._ProcessingInstruction):
        raise ParseError(
            f"the document has the processing instruction <?{node.target!s}?>; "
            "cXML allows only the XML declaration",
            line_of(node),
        )
    if isinstance(node, etree._Comment):
        return
    if node.tag[0] == "{" or node.nsmap:
        raise ParseError("the document uses an XML namespace; cXML has none", line_of(node))
    for key in node.attrib:
        name = str(key)
        if name[0] == "{" and not name.startswith(_XML_ATTRIBUTE):
            raise ParseError(
                f"the attribute {name} is in an XML namespace; cXML has none",
                line_of(node),
            )


_MARKUP = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<([A-Za-z_][^\s/>]*)", re.S)


class Locator:
    """Line and column of each element's start tag (lxml gives only the line)."""

    def __init__(self, data: bytes, root: etree._Element) -> None:
        self.data = data
        self.root = root
        self._index: dict[etree._Element, int] | None = None
        self._offsets: list[int] = []

    def _build(self) -> dict[etree._Element, int]:
        if self._index is None:
            self._offsets = [m.start() for m in _MARKUP.finditer(self.data) if m.group(1)]
            self._index = {element: i for i, element in enumerate(iter_elements(self.root))}
        return self._index

    def element(self, element: etree._Element) -> tuple[int, int]:
        """Where the element's start tag begins."""
        index = self._build().get(element)
        if index is None or index >= len(self._offsets):
            return line_of(element), 1
        return position(self.data, self._offsets[index])

    def attribute(self, element: etree._Element, name: str) -> tuple[int, int]:
        """Where an attribute of the element begins (the element, if not found)."""
        index = self._build().get(element)
        if index is None or index >= len(self._offsets):
            return line_of(element), 1
        start = self._offsets[index]
        end = self.data.find(b">", start)
        found = re.compile(rb"\s" + re.escape(name.encode()) + rb"\s*=").search(
            self.data, start, end
        )
        return position(self.data, found.start() + 1 if found else start)


def iter_elements(root: etree._Element) -> Iterator[etree._Element]:
    """The elements of a tree in document order, without comments."""
    return root.iter(etree.Element)


def element_path(element: etree._Element) -> str:
    """``/Response/Gather[1]/Say[2]``: each step counts same-tag siblings from 1."""
    steps = []
    node: etree._Element | None = element
    while node is not None:
        parent = node.getparent()
        if parent is None:
            steps.append(f"/{node.tag}")
        else:
            same = [c for c in parent if c.tag == node.tag]
            steps.append(f"/{node.tag}[{same.index(node) + 1}]")
        node = parent
    return "".join(reversed(steps))
