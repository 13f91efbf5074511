"""Checking a LaML Bin (cXML with mustache) before upload.

Three passes over the one parsed template:

1. lints: unescaped ``{{{x}}}`` / ``{{& x}}`` and partials are errors, delimiter
   changes and Twilio's ``e164`` helper are warnings, variables that are neither
   request parameters nor declared are reported at info level;
2. structure: each section wraps a balanced XML fragment or stays inside one
   attribute value, no mustache sits in an element or attribute name, and nothing
   mustache lies outside the root element;
3. semantics: every combination of sections on and off (all of them up to 10
   section names; beyond, all on, all off and each one alone) renders to a
   document that is validated, and each finding is mapped back to the template's
   line and column. A variable in a typed attribute is reported as dynamic.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable

from ..diagnostics import Diagnostic, make
from ..validation.schema import Dialect
from .parser import (
    Node,
    Partial,
    Section,
    SetDelimiters,
    TemplateError,
    Text,
    Variable,
    _LineIndex,
    events,
    parse,
)

MAX_COMBINED = 10
"""Up to this many section names, every on/off combination is checked."""

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

_CONTENT, _TAG_NAME, _END_TAG, _IN_TAG, _VALUE, _COMMENT, _OTHER = range(7)
_STATE_NAMES = {
    _TAG_NAME: "an element name",
    _END_TAG: "an end tag",
    _IN_TAG: "a start tag, outside any attribute value",
    _COMMENT: "a comment",
    _OTHER: "markup",
}


class _XmlScanner:
    """Follows the XML the template's text spells, to know where each tag sits."""

    def __init__(self) -> None:
        self.state = _CONTENT
        self.stack: list[tuple[str, int]] = []  # (name, unique id)
        self.name = ""
        self.quote = ""
        self.attribute = 0  # id of the attribute value being read
        self.ended = ""  # terminator of a comment or other markup
        self.buffer = ""
        self.counter = 0
        self.closing = False

    def context(self) -> tuple[object, ...]:
        """Where the scanner is now, as a comparable value."""
        if self.state == _VALUE:
            return (_VALUE, tuple(self.stack), self.attribute)
        return (self.state, tuple(self.stack))

    def feed(self, text: str) -> None:
        for char in text:
            self._step(char)

    def _step(self, char: str) -> None:
        state = self.state
        if state == _CONTENT:
            if char == "<":
                self.state, self.name, self.buffer = _TAG_NAME, "", "<"
        elif state == _TAG_NAME:
            self.buffer += char
            buffer = self.buffer
            if buffer == "<?":
                self.state, self.ended = _OTHER, "?>"
            elif buffer.startswith("<!"):
                if buffer == "<!--":
                    self.state, self.ended = _COMMENT, "-->"
                elif buffer == "<![CDATA[":
                    self.state, self.ended = _OTHER, "]]>"
                elif not ("<!--".startswith(buffer) or "<![CDATA[".startswith(buffer)):
                    self.state, self.ended = _OTHER, ">"
            elif buffer == "</":
                self.state, self.name = _END_TAG, ""
            elif char == ">":
                self._start_tag_done(self_closing=False)
            elif char == "/":
                self.closing = True
                self.state = _IN_TAG
            elif char.isspace():
                self.state = _IN_TAG
            else:
                self.name += char
        elif state == _END_TAG:
            if char == ">":
                if self.stack and self.stack[-1][0] == self.name.strip():
                    self.stack.pop()
                self.state = _CONTENT
            else:
                self.name += char
        elif state == _IN_TAG:
            if char in "\"'":
                self.counter += 1
                self.state, self.quote, self.attribute = _VALUE, char, self.counter
            elif char == ">":
                self._start_tag_done(self_closing=self.closing)
            elif char == "/":
                self.closing = True
            elif not char.isspace():
                self.closing = False
        elif state == _VALUE:
            if char == self.quote:
                self.state = _IN_TAG
        elif state in (_COMMENT, _OTHER):
            self.buffer += char
            if self.buffer.endswith(self.ended):
                self.state = _CONTENT

    def _start_tag_done(self, self_closing: bool) -> None:
        if not self_closing and self.name:
            self.counter += 1
            self.stack.append((self.name, self.counter))
        self.state, self.closing = _CONTENT, False


def _describe(context: tuple[object, ...]) -> str:
    state = context[0]
    stack = context[1]
    assert isinstance(stack, tuple)
    inside = f"<{stack[-1][0]}>" if stack else "the document, outside <Response>"
    if state == _VALUE:
        return f"an attribute value of {inside}"
    if state == _CONTENT:
        return f"the content of {inside}" if stack else inside
    return _STATE_NAMES.get(int(str(state)), "markup")


def check_structure(nodes: tuple[Node, ...]) -> list[Diagnostic]:
    """Sections wrap balanced fragments; no mustache in names or outside the root."""
    found: list[Diagnostic] = []
    scanner = _XmlScanner()
    opened: dict[int, tuple[object, ...]] = {}
    for event, node in events(nodes):
        if isinstance(node, Text):
            scanner.feed(node.text)
            continue
        if isinstance(node, (Variable, Section)):
            where = node.close if event == "close" and isinstance(node, Section) else node.where
            context = scanner.context()
            state = context[0]
            label = (
                f"{{{{{node.name}}}}}"
                if isinstance(node, Variable)
                else f"the section '{node.name}'"
            )
            if state in (_TAG_NAME, _END_TAG, _IN_TAG):
                found.append(
                    make(
                        "LAML036",
                        f"{label} sits in {_describe(context)}; mustache may only fill element "
                        "text or attribute values",
                        where.line,
                        where.column,
                    )
                )
            elif state == _CONTENT and not context[1]:
                found.append(
                    make(
                        "LAML036",
                        f"{label} is outside the root element; every rendering must be one "
                        "<Response> document",
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
                            f"the section '{node.name}' opens in {_describe(begin)} "
                            f"(line {node.where.line}) but closes in {_describe(context)}; "
                            "a section must wrap whole elements or stay inside one attribute value",
                            node.close.line,
                            node.close.column,
                        )
                    )
    return _unique(found)


# -------------------------------------------------------------------------- lints


def check_lints(nodes: tuple[Node, ...], declared: Iterable[str] = ()) -> list[Diagnostic]:
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


def _render_for_check(nodes: Iterable[Node], switched_on: dict[str, bool], out: _Rendering) -> None:
    """Render with sections on or off and each variable as its own placeholder text."""
    for node in nodes:
        if isinstance(node, Text):
            out.add(node.text, node.start, True)
        elif isinstance(node, Variable):
            out.add(f"{{{{{node.name}}}}}", node.where.start, False)
        elif isinstance(node, Section):
            on = switched_on.get(node.name, True)
            if on != node.inverted:
                _render_for_check(node.children, switched_on, out)


def _combinations(names: list[str]) -> list[dict[str, bool]]:
    if len(names) <= MAX_COMBINED:
        return [
            dict(zip(names, values, strict=True))
            for values in itertools.product((True, False), repeat=len(names))
        ]
    cases = [dict.fromkeys(names, True), dict.fromkeys(names, False)]
    for name in names:
        case = dict.fromkeys(names, False)
        case[name] = True
        cases.append(case)
    return cases


def _describe_case(case: dict[str, bool]) -> str:
    parts = [f"{name} {'set' if on else 'empty'}" for name, on in case.items()]
    return ", ".join(parts)


def check_semantics(
    source: str, nodes: tuple[Node, ...], *, kind: str = "auto", dialect: Dialect = "signalwire"
) -> list[Diagnostic]:
    """Validate every rendering and map each finding back to the template."""
    from ..validation.validator import validate

    lines = _LineIndex(source)
    names = list(
        dict.fromkeys(n.name for e, n in events(nodes) if isinstance(n, Section) and e == "open")
    )
    cases = _combinations(names)
    found: dict[tuple[str, int, int, str], tuple[Diagnostic, list[dict[str, bool]]]] = {}
    for case in cases:
        rendering = _Rendering()
        _render_for_check(nodes, case, rendering)
        text = rendering.text()
        rendered_lines = _LineIndex(text)
        for diagnostic in validate(text, kind=kind, dialect=dialect):  # type: ignore[arg-type]
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
                    [case],
                )
            else:
                found[key][1].append(case)
    results = []
    for diagnostic, failing in found.values():
        if names and len(failing) < len(cases):
            diagnostic = Diagnostic(
                diagnostic.code,
                diagnostic.severity,
                f"{diagnostic.message} (when {_describe_case(failing[0])})",
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
    return found
