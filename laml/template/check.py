"""Checking a LaML Bin (cXML with mustache) before upload.

Three passes over the one parsed template:

1. lints: unescaped ``{{{x}}}`` / ``{{& x}}`` and partials are errors, delimiter
   changes and Twilio's ``e164`` helper are warnings, variables that are neither
   request parameters nor declared are reported at info level;
2. structure: each section wraps a balanced XML fragment or stays inside one
   attribute value, no mustache sits in an element or attribute name, and nothing
   mustache lies outside the root element;
3. semantics: combinations of sections on and off (all of them up to 10 section
   names; beyond, all on, all off and each one alone; within ``CHECK_BUDGET``)
   render to documents that are validated, and each finding is mapped back to the
   template's line and column. A variable in a typed attribute is reported as dynamic.

Findings are capped at ``MAX_FINDINGS`` plus one that counts the rest.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Iterator

from .._model.node import Node as Element
from .._model.vocabulary import Dialect
from .._xml.positions import LineIndex
from .._xml.reader import MAX_BYTES, Source, check_bytes, to_bytes
from ..diagnostics import Diagnostic, capped, make
from ..errors import ParseError
from ..validation.validator import validate_document
from .parser import (
    LiteralText,
    Partial,
    Section,
    SetDelimiters,
    TemplateError,
    TemplateNode,
    Variable,
    events,
    parse,
)
from .xmlscan import (
    END_TAG,
    IN_TAG,
    MARKUP_START,
    OUTSIDE,
    TAG_NAME,
    UNSAFE,
    XmlScanner,
    describe,
)

MAX_COMBINED = 10
"""Up to this many section names, every on/off combination is checked."""
CHECK_BUDGET = 4 * 1024 * 1024
"""The work ``check`` spends on renderings: each costs its length plus the template's,
and renderings stop once the sum passes this (after the first two). A bin of a few kB
gets every combination of up to 10 section names; a 1 MiB bin, a few renderings."""

REQUEST_PARAMETERS = frozenset(
    (
        "AccountSid",
        "APIVersion",
        "ApiVersion",
        "CallSid",
        "CallStatus",
        "CallerName",
        "Direction",
        "From",
        "To",
        "ForwardedFrom",
        "ParentCallSid",
        "Digits",
        "SpeechResult",
        "Confidence",
        "RecordingUrl",
        "RecordingSid",
        "RecordingDuration",
        "DialCallStatus",
        "DialCallSid",
        "DialCallDuration",
        "QueueResult",
        "QueueSid",
        "QueueTime",
        "MessageSid",
        "SmsSid",
        "SmsStatus",
        "MessageStatus",
        "Body",
        "NumMedia",
        "NumSegments",
        "Media",
        "MediaUrl0",
        "MediaUrl1",
        "MediaUrl2",
        "MediaUrl3",
        "MediaUrl4",
        "MediaUrl5",
        "MediaUrl6",
        "MediaUrl7",
        "MediaUrl8",
        "MediaUrl9",
        "SipUser",
        "FaxSid",
        "FaxStatus",
        "NumPages",
        "RemoteStationId",
        "ErrorCode",
        "ErrorMessage",
        "HangupDirection",
        "HangupBy",
    )
)
"""Request parameters SignalWire sends to a bin (form fields of its webhook requests)."""

DYNAMIC_CODES = {"LAML003", "LAML005", "13221", "13222", "13223", "31922", "LAML024", "LAML012"}
"""Codes that, when the faulty value holds a mustache variable, mean 'decided at request time'."""


def is_documented(name: str) -> bool:
    """Whether SignalWire sends this parameter name to bins."""
    if name == ".":
        return True  # the current item of a list section
    root = name.split(".")[0]
    return root in REQUEST_PARAMETERS or root.startswith("SipHeader_X-")


# --------------------------------------------------------------------- structure


def check_structure(nodes: tuple[TemplateNode, ...]) -> list[Diagnostic]:
    """Sections wrap balanced fragments; no mustache in names, in markup where no
    escaping helps, or outside the root."""
    found: list[Diagnostic] = []
    scanner = XmlScanner()
    opened: dict[int, tuple[object, ...]] = {}
    for event, node in events(nodes):
        if isinstance(node, LiteralText):
            scanner.feed(node.text)
            continue
        if isinstance(node, (Variable, Section)):
            where = node.close if event == "close" and isinstance(node, Section) else node.where
            context = scanner.context()
            state = scanner.where
            label = (
                f"{{{{{node.name}}}}}"
                if isinstance(node, Variable)
                else f"the section '{node.name}'"
            )
            unsafe = UNSAFE if isinstance(node, Variable) else _UNSAFE_FOR_SECTIONS
            if state == OUTSIDE:
                found.append(
                    make(
                        "LAML036",
                        f"{label} is outside the root element; every rendering must be one "
                        "<Response> document",
                        where.line,
                        where.column,
                    )
                )
            elif state in unsafe:
                found.append(
                    make(
                        "LAML036",
                        f"{label} sits in {describe(context)}, where no escaping can make a "
                        "value safe; mustache may only fill element text, attribute values, "
                        "comments and CDATA sections",
                        where.line,
                        where.column,
                    )
                )
            if isinstance(node, Section):
                if event == "open":
                    opened[id(node)] = context
                elif opened.get(id(node)) != context:
                    begin = opened.get(id(node), context)
                    found.append(
                        make(
                            "LAML036",
                            f"the section '{node.name}' opens in {describe(begin)} "
                            f"(line {node.where.line}) but closes in {describe(context)}; "
                            "a section must wrap whole elements or stay inside one attribute value",
                            node.close.line,
                            node.close.column,
                        )
                    )
    return _unique(found)


_UNSAFE_FOR_SECTIONS = frozenset((TAG_NAME, END_TAG, IN_TAG, MARKUP_START))
"""Where a section cannot stand: it would cut a name or a tag."""


# -------------------------------------------------------------------------- lints


def check_lints(nodes: tuple[TemplateNode, ...], declared: Iterable[str] = ()) -> list[Diagnostic]:
    """Unescaped output, partials, delimiter changes, helpers and unknown variables."""
    found: list[Diagnostic] = []
    declared_names = set(declared)
    reported: set[str] = set()
    for event, node in events(nodes):
        if event == "close":
            continue
        if isinstance(node, Variable):
            if not node.escape:
                spelled = (
                    f"{{{{{{{node.name}}}}}}}" if node.sigil == "{" else f"{{{{& {node.name}}}}}"
                )
                found.append(
                    make(
                        "LAML031",
                        f"{spelled} writes the value unescaped: a caller could inject markup; "
                        f"use {{{{{node.name}}}}}",
                        node.where.line,
                        node.where.column,
                    )
                )
        elif isinstance(node, Partial):
            found.append(
                make(
                    "LAML032",
                    f"the partial {{{{> {node.name}}}}} cannot work: bins have no partials",
                    node.where.line,
                    node.where.column,
                )
            )
        elif isinstance(node, SetDelimiters):
            found.append(
                make(
                    "LAML033",
                    "the delimiters change here; SignalWire does not document this, keep {{ }}",
                    node.where.line,
                    node.where.column,
                )
            )
        if isinstance(node, Section) and node.name == "e164":
            found.append(
                make(
                    "LAML034",
                    "{{#e164}} is Twilio's helper; SignalWire does not document it, "
                    "so the number is used as it arrives",
                    node.where.line,
                    node.where.column,
                )
            )
            continue
        if isinstance(node, (Variable, Section)):
            name = node.name
            if not is_documented(name) and name not in declared_names and name not in reported:
                reported.add(name)
                found.append(
                    make(
                        "LAML035",
                        f"'{name}' is not a request parameter SignalWire sends; it must come "
                        f"from the bin URL's query string (declare it with --var {name})",
                        node.where.line,
                        node.where.column,
                    )
                )
    return found


# ----------------------------------------------------------------------- semantics


class _Rendering:
    """One rendering of the template and where each piece of it came from."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.starts: list[int] = []  # rendered offset of each piece
        self.origins: list[tuple[int, bool]] = []  # (template offset, piece is literal text)
        self.length = 0

    def add(self, text: str, origin: int, literal: bool) -> None:
        if text:
            self.pieces.append(text)
            self.starts.append(self.length)
            self.origins.append((origin, literal))
            self.length += len(text)

    def text(self) -> str:
        return "".join(self.pieces)

    def origin(self, offset: int) -> int:
        """The template offset that produced the rendered offset."""
        index = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        if not self.origins:
            return 0
        template_offset, literal = self.origins[index]
        return template_offset + (offset - self.starts[index]) if literal else template_offset


class _Case:
    """Which sections a rendering sets: ``default`` for every name but the ``flipped``."""

    __slots__ = ("default", "described", "flipped")

    def __init__(self, default: bool, flipped: frozenset[str], described: str) -> None:
        self.default = default
        self.flipped = flipped
        self.described = described

    def on(self, name: str) -> bool:
        return self.default != (name in self.flipped)


def _render_for_check(nodes: Iterable[TemplateNode], case: _Case, out: _Rendering) -> None:
    """Render with sections on or off and each variable as its own placeholder text."""
    for node in nodes:
        if isinstance(node, LiteralText):
            out.add(node.text, node.start, True)
        elif isinstance(node, Variable):
            out.add(f"{{{{{node.name}}}}}", node.where.start, False)
        elif isinstance(node, Section) and case.on(node.name) != node.inverted:
            _render_for_check(node.children, case, out)


def _cases(names: list[str]) -> Iterator[_Case]:
    """The renderings to check, most telling first: every on/off combination of up to
    ``MAX_COMBINED`` names (all set first); beyond, all set, all empty, then each alone.
    Cases are made one at a time, so many names cost no memory up front."""
    if len(names) <= MAX_COMBINED:
        for values in itertools.product((True, False), repeat=len(names)):
            flipped = frozenset(name for name, on in zip(names, values, strict=True) if not on)
            described = ", ".join(
                f"{name} {'set' if on else 'empty'}" for name, on in zip(names, values, strict=True)
            )
            yield _Case(True, flipped, described)
        return
    yield _Case(True, frozenset(), "every section set")
    yield _Case(False, frozenset(), "every section empty")
    for name in names:
        yield _Case(False, frozenset((name,)), f"only {name} set")


def check_semantics(
    source: str,
    nodes: tuple[TemplateNode, ...],
    *,
    kind: str = "auto",
    dialect: Dialect = "signalwire",
) -> list[Diagnostic]:
    """Validate renderings with sections set and empty and map each finding back to the
    template. The renderings stop once ``CHECK_BUDGET`` characters have been validated
    (after at least the first two), so the work stays linear in the template."""
    lines = LineIndex(source)
    names = list(
        dict.fromkeys(n.name for e, n in events(nodes) if isinstance(n, Section) and e == "open")
    )
    found: dict[tuple[str, int, int, str], tuple[Diagnostic, _Case, int]] = {}
    checked = 0
    rendered = 0
    for case in _cases(names):
        if checked >= 2 and rendered > CHECK_BUDGET:
            break
        rendering = _Rendering()
        _render_for_check(nodes, case, rendering)
        text = rendering.text()
        checked += 1
        rendered += len(text) + len(source)  # the walk of the template costs too
        rendered_lines = LineIndex(text)
        for diagnostic in validate_document(text, kind=kind, dialect=dialect):  # type: ignore[arg-type]
            offset = (
                rendered_lines.starts[min(diagnostic.line, len(rendered_lines.starts)) - 1]
                + diagnostic.column
                - 1
            )
            line, column = lines.position(rendering.origin(max(offset, 0)))
            code, severity, message = diagnostic.code, diagnostic.severity, diagnostic.message
            if code in DYNAMIC_CODES and "{{" in message:
                code, severity = "LAML037", "info"
                message = (
                    f"{message.split(' must be ')[0]} comes from a variable and is only known "
                    f"at request time: it must be {message.split(' must be ', 1)[-1]}"
                )
            key = (code, line, column, message)
            if key not in found:
                found[key] = (
                    Diagnostic(code, severity, message, line, column, diagnostic.path),
                    case,
                    1,
                )
            else:
                first, failing, count = found[key]
                found[key] = (first, failing, count + 1)
    results = []
    for diagnostic, failing, count in found.values():
        if names and count < checked:
            diagnostic = Diagnostic(
                diagnostic.code,
                diagnostic.severity,
                f"{diagnostic.message} (when {failing.described})",
                diagnostic.line,
                diagnostic.column,
                diagnostic.path,
            )
        results.append(diagnostic)
    return results


def _unique(found: list[Diagnostic]) -> list[Diagnostic]:
    return list(dict.fromkeys(found))


def check_template(
    source: str,
    *,
    kind: str = "auto",
    dialect: Dialect = "signalwire",
    declared: Iterable[str] = (),
) -> list[Diagnostic]:
    """Every finding about a bin's contents, mapped to the template's lines and columns."""
    try:
        nodes = parse(source)
    except TemplateError as error:
        return [make("LAML030", error.reason, error.line, error.column)]
    found = check_lints(nodes, declared)
    structure = check_structure(nodes)
    found += structure
    if not structure:
        found += check_semantics(source, nodes, kind=kind, dialect=dialect)
    found.sort(key=lambda d: (d.line, d.column, d.code))
    return capped(found)


def check_bin(
    contents: Source | Element,
    *,
    kind: str = "auto",
    dialect: Dialect = "signalwire",
    declared: Iterable[str] = (),
    max_bytes: int = MAX_BYTES,
) -> list[Diagnostic]:
    """``check_template`` for contents given as text, bytes, a path or a built tree.

    Contents laml will not read (too large, not UTF-8, a NUL byte) give one finding.
    """
    raw = contents.to_xml(pretty=True) if isinstance(contents, Element) else contents
    try:
        text = check_bytes(to_bytes(raw, max_bytes), max_bytes).decode("utf-8")
    except ParseError as error:
        return [error.diagnostic()]
    return check_template(text, kind=kind, dialect=dialect, declared=declared)
