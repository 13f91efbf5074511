"""Reading untrusted XML: hostile input is refused before lxml sees most of it.

Bins come from users and webhook responses come from apps under test, so the
reader treats every input as hostile: no DOCTYPE and so no entity, no processing
instruction but the XML declaration, no namespace (and so no XInclude), UTF-8 only,
bounded size and depth. It never opens a file or the network.
"""

from __future__ import annotations

import itertools
import os
import re
import stat
import threading
from collections.abc import Iterator
from typing import Union

from lxml import etree

from ..errors import LamlTypeError, ParseError
from .positions import LineIndex, position

MAX_BYTES = 1024 * 1024
"""The largest document read by default (1 MiB)."""
MAX_DEPTH = 64
"""The deepest nesting read by default; cXML needs fewer than ten levels."""
MAX_ATTRIBUTES = 256
"""The most attributes one element may have; cXML's largest takes a few dozen. lxml
reads attribute values by name, so an element with thousands of them would cost
time growing with the square of their number."""

Source = Union[str, bytes, "os.PathLike[str]"]

_HOSTILE = re.compile(rb"<(?:!(?:DOCTYPE|ENTITY)|\?)")
_MARKUP_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
_ENCODING = re.compile(rb"encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_UTF8_NAMES = {"utf-8", "utf8", "us-ascii", "ascii"}
_USUAL_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>'
_AFTER_DECLARATION = len(_USUAL_DECLARATION)
_PREFIXED_NAME = re.compile(rb":(?:[^\s/>\"'=<:]+(?:[\s/>]|\s*=)|/?>|\s)")
"""A colon that may stand inside an element or attribute name, that is a namespace
prefix (or, now and then, text that looks so: ``Hours: 9``). A parser validating with
a schema lets namespace errors through, so such documents are parsed plainly first.
Each match attempt starts at a colon (found by the fast literal search) and stops at
the next colon, so the scan stays linear even on a run of colons; a URL's ``://``
does not match."""


class _Parsers(threading.local):
    """This thread's hardened parsers, by schema (lxml parsers are not shared across
    threads)."""

    def __init__(self) -> None:
        self.by_schema: dict[etree.XMLSchema | None, etree.XMLParser] = {}


_local = _Parsers()


def _parser(schema: etree.XMLSchema | None = None) -> etree.XMLParser:
    """One hardened parser per thread and schema; with a schema, libxml2 validates the
    document while it parses it."""
    parser = _local.by_schema.get(schema)
    if parser is None:
        parser = _local.by_schema[schema] = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_comments=False,
            remove_pis=False,
            collect_ids=False,
            schema=schema,
        )
    return parser


def line_of(node: etree._Element) -> int:
    """The line an element starts on (1 when lxml does not know)."""
    line = getattr(node, "sourceline", None)
    return line if isinstance(line, int) and line > 0 else 1


# No two parts can take the same characters, so a long run of spaces costs linear time.
_MUSTACHE = re.compile(rb"\{\{\{?\s*(?:[#^/&]\s*)?[A-Za-z_.][\w.\-]*\s*\}?\}\}")


def find_mustache(data: bytes, limit: int = MAX_BYTES) -> tuple[int, int, str] | None:
    """Line, column and text of the first mustache tag (``{{From}}``, ``{{#Digits}}``)
    in the first ``limit`` bytes."""
    # find() over "in": for bytes, "in" first tries the needle as an integer, which
    # costs more than the search itself in a short document.
    if data.find(b"{") < 0 or data.find(b"{{") < 0:  # one byte is found the fastest
        return None
    match = _MUSTACHE.search(data, 0, limit)
    if match is None:
        return None
    return (*position(data, match.start()), match.group().decode("utf-8", "replace"))


def _refuse_bare_ampersand(data: bytes, line: int, column: int) -> None:
    """Raise at the ``&`` libxml2 stopped after, saying to write ``&amp;``."""
    start = 0
    for _ in range(line - 1):
        start = data.find(b"\n", start) + 1
        if start == 0:
            return
    end = data.find(b"\n", start)
    end = len(data) if end < 0 else end
    # libxml2 counts columns in characters; the '&' is the last one before its column.
    text = data[start:end].decode("utf-8", "replace")
    found = text.rfind("&", 0, max(column, 1))
    if found < 0:
        return
    ampersand = start + len(text[:found].encode("utf-8", "surrogatepass"))
    raise ParseError(
        "a bare '&' is not XML: write it as '&amp;' (in a URL too, between query "
        "parameters: ?a=1&amp;b=2)",
        *position(data, ampersand),
    )


def to_bytes(document: Source, max_bytes: int | None = None) -> bytes:
    """The raw bytes of a document given as text, bytes or a path.

    With ``max_bytes``, a file is read only up to ``max_bytes + 1`` bytes (enough to
    tell it is too large), and text longer than ``max_bytes`` characters is refused
    before it is encoded. A path that cannot be read (missing, a directory, a link
    to nowhere, a FIFO in a directory scan) raises ``ParseError``.
    """
    if isinstance(document, bytes):
        return document
    if isinstance(document, str):
        if max_bytes is not None and len(document) > 4 * max_bytes:
            # Too large however it encodes; do not spend memory encoding it.
            raise ParseError(_too_large(max_bytes + 1, max_bytes))
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
        return read_path(document, max_bytes)
    raise LamlTypeError(f"expected XML text, bytes or a path, not {type(document).__name__}")


def read_path(path: os.PathLike[str] | str, max_bytes: int | None, accept: str = "files") -> bytes:
    """Read a file, at most ``max_bytes + 1`` bytes of it; ``ParseError`` if it cannot be.

    ``accept`` says what may be read: ``"regular"`` only regular files (a directory
    walk), ``"files"`` regular files and devices such as ``/dev/zero``, never a FIFO
    or socket that could block (the library), ``"any"`` also pipes (a command line
    that names ``/dev/stdin`` or a shell's ``<(...)``).
    """
    name = os.fsdecode(path)
    try:
        if accept != "any":
            mode = os.stat(path).st_mode
            allowed = stat.S_ISREG(mode) or (
                accept == "files" and (stat.S_ISCHR(mode) or stat.S_ISBLK(mode))
            )
            if not allowed:
                raise ParseError(f"cannot read {name!r}: {_kind_of(mode)} is not a regular file")
        with open(path, "rb") as file:
            return file.read(-1 if max_bytes is None else max_bytes + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ParseError(f"cannot read {name!r}: {reason}") from None
    except MemoryError:
        raise ParseError(f"cannot read {name!r}: out of memory") from None


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "this"


def _too_large(size: int, max_bytes: int) -> str:
    if size == max_bytes + 1:  # read only this far: the whole may be any larger
        return f"the document is larger than the {max_bytes:,} bytes laml reads"
    return f"the document is {size:,} bytes, more than the {max_bytes:,} laml reads"


def check_bytes(data: bytes, max_bytes: int = MAX_BYTES) -> bytes:
    """Refuse what must never reach the XML parser; return the bytes without a BOM."""
    data = _check(data, max_bytes)[0]
    _refuse_nul(data)
    return data


def _refuse_nul(data: bytes) -> None:
    nul = data.find(0)
    if nul >= 0:
        raise ParseError("the document holds a NUL byte", *position(data, nul))


def _check(data: bytes, max_bytes: int) -> tuple[bytes, int, bool]:
    """``check_bytes`` but for NUL bytes, which the parser refuses anyway (the reader
    then names them); also gives where the XML declaration ends (0 without one) and
    whether a ``<?`` follows it: a processing instruction, unless in a comment."""
    if len(data) > max_bytes:
        raise ParseError(_too_large(len(data), max_bytes))
    if data.startswith(_USUAL_DECLARATION):
        start = after_declaration = _AFTER_DECLARATION
    else:
        data = _check_start(data)
        start, after_declaration = 0, _declaration_end(data)
    # Most documents hold no "<!" (a comment, CDATA, or what is refused here) and no
    # "<?" after the declaration; two literal searches say so fastest.
    # A "?" is rarer than a "<", and one byte is found the fastest.
    if data.find(b"<!") < 0 and (data.find(b"?", start) < 0 or data.find(b"<?", start) < 0):
        found = None
    else:
        # One scan finds both what is refused here and whether a processing
        # instruction may follow the declaration (the only "<?" allowed).
        found = _HOSTILE.search(data, start)
    while found is not None and found.group() == b"<?" and found.start() < after_declaration:
        found = _HOSTILE.search(data, found.end())
    instruction = found is not None and found.group() == b"<?"
    if instruction:
        found = _MARKUP_DECLARATION.search(data, start)
    if found is not None:
        what = "a DOCTYPE" if found.group() == b"<!DOCTYPE" else "an entity declaration"
        raise ParseError(
            f"the document holds {what}; cXML has none and laml refuses them "
            "(they allow entity expansion and external files)",
            *position(data, found.start()),
        )
    if not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ParseError(
                f"the document is not valid UTF-8 (byte 0x{data[error.start]:02X})",
                *position(data, error.start),
            ) from None
    return data, after_declaration, instruction


def _declaration_end(data: bytes) -> int:
    """The offset just after the XML declaration, 0 when the document has none."""
    if data.startswith(b"<?xml") and data[5:6] in (b" ", b"\t", b"\r", b"\n", b"?"):
        return data.find(b"?>") + 2
    return 0


def _check_start(data: bytes) -> bytes:
    """The checks of how a document starts: BOM, emptiness, UTF-16, declared encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data or data.isspace():
        raise ParseError("the document is empty", 1, 1)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError("the document is UTF-16; cXML documents are UTF-8", 1, 1)
    declared = None
    if data.startswith(b"<?xml"):
        at = data.find(b"encoding", 5, data.find(b"?>", 0, 200))
        declared = _ENCODING.match(data, at) if at > 0 else None
    if declared and declared.group(1).decode("ascii").lower() not in _UTF8_NAMES:
        raise ParseError(
            f"the document declares the encoding {declared.group(1).decode()}; "
            "cXML documents are UTF-8",
            1,
            1,
        )
    return data


def read(
    document: Source, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH
) -> etree._Element:
    """Parse a document into an lxml element after refusing hostile input."""
    return read_document(to_bytes(document, max_bytes), max_bytes, max_depth)[1]


def read_document(
    data: bytes, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH
) -> tuple[bytes, etree._Element]:
    """The checked bytes (without a BOM) and the parsed root of a document."""
    data, root, _ = read_validated(data, max_bytes, None)
    check_depth(data, root, max_depth)
    return data, root


def is_usual(data: bytes, max_bytes: int) -> bool:
    """Whether a document needs no check of its bytes but the parse: it starts with
    the usual XML declaration, is at most ``max_bytes`` long, and after the
    declaration holds nothing the byte checks look for ("<!", "?", a byte that is not
    ASCII), no "xml" (so no namespace declaration or xml: prefix) and no colon that
    may be a prefix. Most documents are usual.

    A schema takes no attribute it does not declare, so a usual document a schema
    accepts while it is parsed (``parse_with``) holds none of the thousands of
    attributes ``read_validated`` refuses: it is read as ``read_validated`` would.
    """
    return (
        data.startswith(_USUAL_DECLARATION)
        and len(data) <= max_bytes
        and data.find(b"<!") < 0
        and data.find(b"?", _AFTER_DECLARATION) < 0
        and data.isascii()
        and data.find(b"xml", _AFTER_DECLARATION) < 0
        and not _may_hold_prefix(data, _AFTER_DECLARATION)
    )


def parse_with(data: bytes, schema: etree.XMLSchema) -> etree._Element:
    """The root of a usual document (``is_usual``), validated with ``schema`` while
    it is parsed; ``etree.XMLSyntaxError`` when the schema refuses it or it is not
    well-formed (``read_validated`` without the schema then says which)."""
    return etree.fromstring(data, _parser(schema))


def read_validated(
    data: bytes, max_bytes: int, schema: etree.XMLSchema | None
) -> tuple[bytes, etree._Element, bool]:
    """``read_document`` without the depth check, validating with ``schema`` (if any):
    the checked bytes, the root, and whether the schema accepts it.

    Most documents are validated while they are parsed, in one pass, which costs less
    than a parse and then a walk of the tree; one the schema refuses is parsed again
    without it, and so is one that is not well-formed, whose error the plain parse
    reports. A document that may hold a namespace prefix or a processing instruction
    is parsed plainly first, then validated: a parser validating with a schema lets
    namespace errors through.
    """
    data, after_declaration, instruction = _check(data, max_bytes)
    # The byte scans keep the common case cheap; the walks run only when they may find
    # something. Namespaced names need a declaration (xmlns) or the predeclared xml:
    # prefix; most documents hold neither, nor "xml" at all after the declaration.
    walk = instruction or (
        data.find(b"xml", after_declaration) >= 0
        and (data.find(b"xmlns") >= 0 or data.find(b"<xml:") >= 0)
    )
    stream = schema is not None and not walk and not _may_hold_prefix(data, after_declaration)
    root: etree._Element | None = None
    if stream:
        try:
            root = etree.fromstring(data, _parser(schema))
        except etree.XMLSyntaxError:
            root = None  # refused by the schema, or not well-formed: the plain parse says which
    accepted = root is not None
    if root is None:
        try:
            root = etree.fromstring(data, _parser())
        except etree.XMLSyntaxError as error:
            _refuse_nul(data)  # libxml2 refuses NUL anywhere; say so plainly
            line, column = error.position
            message = str(error.msg).split(", line ")[0]
            if "EntityRef" in message:
                _refuse_bare_ampersand(data, line, column)
            raise ParseError(
                f"the document is not well-formed XML: {message}", line, column
            ) from None
    if walk:
        _refuse_instructions_and_namespaces(data, root, after_declaration)
    # Each attribute takes at least four bytes (' a=""'), so a short document has few.
    if len(data) > 4 * MAX_ATTRIBUTES and data.count(b"=") > MAX_ATTRIBUTES:
        _refuse_many_attributes(root)
    if schema is not None and not stream:
        accepted = bool(schema.validate(root))
    return data, root, accepted


def _may_hold_prefix(data: bytes, start: int) -> bool:
    """Whether a name after ``start`` may hold a namespace prefix (``_PREFIXED_NAME``).

    The literal search finds the first colon fastest. In cXML it is most often a
    URL's "://", which the pattern would not match either: that one is stepped over
    without the pattern (a call of it costs more than a search), and the pattern looks
    from the next colon on, in one scan however many follow.
    """
    at = data.find(b":", start)
    if at >= 0 and data.startswith(b"//", at + 1):
        at = data.find(b":", at + 3)
    return at >= 0 and _PREFIXED_NAME.search(data, at) is not None


def _refuse_many_attributes(root: etree._Element) -> None:
    for element in root.iter(etree.Element):
        if len(element.attrib) > MAX_ATTRIBUTES:
            raise ParseError(
                f"<{element.tag}> has {len(element.attrib):,} attributes; laml reads at most "
                f"{MAX_ATTRIBUTES} on one element (cXML's elements take a few dozen)",
                line_of(element),
                1,
            )


def check_depth(data: bytes, root: etree._Element, max_depth: int) -> None:
    """Refuse a document nested deeper than ``max_depth`` levels."""
    # Each level takes at least 7 bytes ("<a></a>") and a start tag's "<".
    if len(data) > 7 * max_depth and data.count(b"<") > max_depth and _too_deep(max_depth)(root):
        raise ParseError(f"the document nests deeper than {max_depth} levels", 1, 1)


_DEPTH_CHECKS: dict[int, etree.XPath] = {}


def _too_deep(max_depth: int) -> etree.XPath:
    """An XPath that is true when some element sits deeper than ``max_depth``."""
    check = _DEPTH_CHECKS.get(max_depth)
    if check is None:
        check = etree.XPath("boolean(/" + "/*" * (max_depth + 1) + ")")
        _DEPTH_CHECKS[max_depth] = check
    return check


def _refuse_instructions_and_namespaces(
    data: bytes, root: etree._Element, after_declaration: int
) -> None:
    """Refuse the first processing instruction (but the XML declaration), or the first
    element that uses or declares an XML namespace, whichever comes first, at its line
    and column."""
    refusals: list[tuple[tuple[int, int], str]] = []
    nodes = itertools.chain(root.itersiblings(preceding=True), root.itersiblings(), root.iter())
    if any(isinstance(node, etree._ProcessingInstruction) for node in nodes):
        # The first one in the bytes, where comments and CDATA cannot hide it.
        for match in _MARKUP.finditer(data, after_declaration):
            if match.group().startswith(b"<?"):
                target = (match.group()[2:-2].split(None, 1) or [b""])[0]
                refusals.append(
                    (
                        position(data, match.start()),
                        f"the document has the processing instruction "
                        f"<?{target.decode('utf-8', 'replace')}?>; cXML allows only the XML "
                        "declaration",
                    )
                )
                break
    for node in root.iter(etree.Element):
        # A namespaced attribute needs a declared prefix, which shows in nsmap; only the
        # predeclared xml: prefix (xml:lang) goes without one, and it is allowed.
        if node.tag[0] == "{" or node.nsmap:
            where = Locator(data, root).element(node)
            refusals.append((where, f"{_namespace_use(node)}; cXML has none"))
            break
    if refusals:
        (line, column), message = min(refusals)
        raise ParseError(message, line, column)


def _namespace_use(element: etree._Element) -> str:
    """How ``element`` uses or declares a namespace, for a message."""
    name = etree.QName(element)
    if name.namespace is not None:
        if element.prefix:
            return f"<{element.prefix}:{name.localname}> is in the XML namespace {name.namespace!r}"
        return f"<{name.localname}> is in the default XML namespace {name.namespace!r}"
    prefix, uri = next(iter(element.nsmap.items()))
    if prefix is None:
        return f"<{name.localname}> declares a default XML namespace ({uri!r})"
    return f"<{name.localname}> declares the XML namespace prefix {prefix!r} ({uri!r})"


_START_TAG = re.compile(rb"<[^/!?]")
_MARKUP = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<([^/!?])", re.S)
_ONE_ATTRIBUTE = rb"\s+([^\s=>/]+)\s*=\s*(?:\"[^\"]*\"|'[^']*')"
_ATTRIBUTE = re.compile(_ONE_ATTRIBUTE)
_TAG_WITH_ATTRIBUTES = re.compile(
    rb"<[^\s/>]+((?:" + _ONE_ATTRIBUTE.replace(b"(", b"(?:", 1) + rb")*)\s*/?>"
)


class Locator:
    """Line and column of each element's start tag and of its attributes.

    The n-th element in document order is the n-th start tag in the bytes, once
    comments, CDATA sections and processing instructions are skipped (a '<' can
    appear nowhere else). Offsets are found in one scan, when the first position
    is asked for; columns count characters, not bytes.
    """

    __slots__ = ("_attributes", "_lines", "_numbers", "_paths", "_starts", "data", "root")

    def __init__(self, data: bytes, root: etree._Element) -> None:
        self.data = data
        self.root = root
        # The tables are made when first needed: most findings are never placed.
        self._starts: list[int] | None = None
        self._numbers: dict[etree._Element, int]
        self._lines: LineIndex
        self._paths: dict[etree._Element, str] | None = None
        self._attributes: dict[etree._Element, dict[bytes, int]]

    def _offset(self, element: etree._Element) -> int | None:
        if self._starts is None:
            data = self.data
            if data.find(b"<!") < 0 and data.find(b"<?", 1) < 0:
                # No comment, CDATA or processing instruction can hide a '<' here.
                self._starts = [m.start() for m in _START_TAG.finditer(data)]
            else:
                self._starts = [m.start() for m in _MARKUP.finditer(data) if m.group(1)]
            # The mapping keeps every proxy alive, so each element keeps its identity.
            self._numbers = {e: n for n, e in enumerate(self.root.iter(etree.Element))}
            self._lines = LineIndex(data)
            self._attributes = {}
        number = self._numbers.get(element)
        if number is None or number >= len(self._starts):
            return None
        return self._starts[number]

    def element(self, element: etree._Element) -> tuple[int, int]:
        """Where the element's start tag begins."""
        offset = self._offset(element)
        if offset is None:
            return line_of(element), 1
        return self._lines.position(offset)

    def locate(self, element: etree._Element, attribute: str | None) -> tuple[int, int, str]:
        """Line, column and path of an element, or of one of its attributes."""
        if attribute is None:
            line, column = self.element(element)
        else:
            line, column = self.attribute(element, attribute)
        return line, column, self.path(element)

    def paths(self) -> dict[etree._Element, str]:
        """Every element's path (see ``element_path``), made in one walk when first asked."""
        paths = self._paths
        if paths is None:
            paths = self._paths = element_paths(self.root)
        return paths

    def path(self, element: etree._Element) -> str:
        """The element's path, like ``/Response/Gather[1]/Say[2]``."""
        found = self.paths().get(element)
        return found if found is not None else element_path(element)

    def attribute(self, element: etree._Element, name: str) -> tuple[int, int]:
        """Where an attribute of the element begins (the element, if not found)."""
        start = self._offset(element)
        if start is None:
            return line_of(element), 1
        offsets = self._attributes.get(element)
        if offsets is None:
            # One scan of the start tag serves every attribute of the element.
            offsets = self._attributes[element] = {}
            tag = _TAG_WITH_ATTRIBUTES.match(self.data, start)
            if tag is not None:
                for match in _ATTRIBUTE.finditer(self.data, tag.start(1), tag.end(1)):
                    offsets.setdefault(match.group(1), match.start(1))
        offset = offsets.get(name.encode())
        return self._lines.position(start if offset is None else offset)


def iter_elements(root: etree._Element) -> Iterator[etree._Element]:
    """The elements of a tree in document order, without comments."""
    for node in root.iter():
        if type(node.tag) is str:
            yield node


def element_paths(root: etree._Element) -> dict[etree._Element, str]:
    """The path of every element under ``root`` (comments left out), in one walk."""
    paths = {root: f"/{root.tag}"}
    stack = [root]
    while stack:
        parent = stack.pop()
        prefix = paths[parent]
        counts: dict[str, int] = {}
        for child in parent:
            tag = child.tag
            if type(tag) is str:
                number = counts[tag] = counts.get(tag, 0) + 1
                paths[child] = f"{prefix}/{tag}[{number}]"
                stack.append(child)
    return paths


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
