"""Checking a LaML Bin (cXML with mustache) before upload.

Three passes over the one parsed template:

1. lints: unescaped ``{{{x}}}`` / ``{{& x}}`` and partials are errors, delimiter
   changes are warnings, Twilio's ``e164`` helper an error, variables that are neither
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
import re
from collections.abc import Iterable, Iterator

from .._model.node import Node as Element
from .._model.params import is_documented as _is_documented
from .._model.params import parameter_names
from .._model.vocabulary import Dialect
from .._xml.positions import LineIndex
from .._xml.reader import MAX_BYTES, Source, check_bytes, to_bytes
from ..diagnostics import Diagnostic, capped, make
from ..errors import ParseError
from ..validation.validator import validate_document
from .parser import (
    LiteralText,
    Partial,
    Position,
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

REQUEST_PARAMETERS = frozenset(name for name in parameter_names() if "{" not in name)
"""Request parameters SignalWire sends to a bin (form fields of its webhook requests), from
the one table of webhook parameters (``laml.webhooks.params``); numbered ones such as
``MediaUrl3`` and SIP header families are matched by ``is_documented``."""

DYNAMIC_CODES = {"LAML003", "LAML005", "13221", "13222", "13223", "31922", "LAML024", "LAML012"}
"""Codes that, when the faulty value holds a mustache variable, mean 'decided at request time'."""


def is_documented(name: str) -> bool:
    """Whether SignalWire sends this parameter name to bins."""
    if name == ".":
        return True  # the current item of a list section
    return _is_documented(name.split(".")[0])


def _distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from a to b; > limit if far."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


_PARAMETERS_TO_SUGGEST = tuple(
    (parameter, parameter.lower(), frozenset(parameter)) for parameter in sorted(REQUEST_PARAMETERS)
)
"""Each documented parameter with its lower-case spelling and its letters, in name order."""


def closest_parameter(name: str) -> str | None:
    """The documented request parameter ``name`` is probably a misspelling of, if any.

    Same letters in another case, or one edit away (two for names of six letters or
    more): ``Form`` -> ``From``, ``digits`` -> ``Digits``, ``CallSID`` -> ``CallSid``.
    """
    root = name.split(".")[0]
    if len(root) < 2 or is_documented(root):
        return None
    limit = 1 if len(root) < 6 else 2
    lowered = root.lower()
    letters = frozenset(root)
    best: tuple[int, str] | None = None
    for parameter, parameter_lowered, parameter_letters in _PARAMETERS_TO_SUGGEST:
        if abs(len(parameter) - len(root)) > limit:
            continue
        if parameter_lowered != lowered and (
            # each letter one side lacks costs an edit: cheap proof the names are far
            len(letters - parameter_letters) > limit or len(parameter_letters - letters) > limit
        ):
            continue
        distance = 0 if parameter_lowered == lowered else _distance(root, parameter, limit)
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, parameter)
    return best[1] if best else None


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


def check_lints(
    nodes: Iterable[TemplateNode], declared: Iterable[str] = (), *, report_unknown: bool = True
) -> list[Diagnostic]:
    """Unescaped output, partials, delimiter changes, helpers, misspelled and unknown variables.

    ``report_unknown=False`` leaves out the information findings about variables that
    only the query string can set.
    """
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
        if isinstance(node, Section) and node.name == "e164" and "e164" not in declared_names:
            found.append(
                make(
                    "LAML034",
                    "{{#e164}} is Twilio's helper; SignalWire sends no parameter named e164, "
                    "so this section renders nothing and what it wraps disappears: write "
                    + (
                        " ".join(f"{{{{{v.name}}}}}" for v in inner)
                        if (inner := [c for c in node.children if isinstance(c, Variable)])
                        else "the value"
                    )
                    + " alone",
                    node.where.line,
                    node.where.column,
                )
            )
            continue
        if isinstance(node, (Variable, Section)):
            name = node.name
            if not is_documented(name) and name not in declared_names and name not in reported:
                reported.add(name)
                suggestion = closest_parameter(name)
                if suggestion is not None:
                    found.append(
                        make(
                            "LAML039",
                            f"'{name}' is not a request parameter SignalWire sends; did you mean "
                            f"{suggestion}? (if it comes from the query string, declare it with "
                            f"--var {name})",
                            node.where.line,
                            node.where.column,
                        )
                    )
                elif report_unknown:
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


def _render_for_check(
    nodes: Iterable[TemplateNode], case: _Case, out: _Rendering, never: frozenset[str]
) -> None:
    """Render with sections on or off (those in ``never`` always off) and each variable
    as its own placeholder text."""
    for node in nodes:
        if isinstance(node, LiteralText):
            out.add(node.text, node.start, True)
        elif isinstance(node, Variable):
            out.add(f"{{{{{node.name}}}}}", node.where.start, False)
        elif isinstance(node, Section):
            on = node.name not in never and case.on(node.name)
            if on != node.inverted:
                _render_for_check(node.children, case, out, never)


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
    off: Iterable[str] = (),
    unreadable_explained: bool = False,
) -> list[Diagnostic]:
    """Validate renderings with sections set and empty and map each finding back to the
    template. The renderings stop once ``CHECK_BUDGET`` characters have been validated
    (after at least the first two), so the work stays linear in the template.

    Sections named in ``off`` are always empty (SignalWire never sends the name).
    ``unreadable_explained`` leaves out "not well-formed" findings that only some
    renderings have, when a split section already explains them.
    """
    lines = LineIndex(source)
    never = frozenset(off)
    names = list(
        dict.fromkeys(
            n.name
            for e, n in events(nodes)
            if isinstance(n, Section) and e == "open" and n.name not in never
        )
    )
    found: dict[tuple[str, int, int, str], tuple[Diagnostic, _Case, int]] = {}
    checked = 0
    rendered = 0
    for case in _cases(names):
        if checked >= 2 and rendered > CHECK_BUDGET:
            break
        rendering = _Rendering()
        _render_for_check(nodes, case, rendering, never)
        text = rendering.text()
        checked += 1
        rendered += len(text) + len(source)  # the walk of the template costs too
        rendered_lines = LineIndex(text)
        for diagnostic in validate_document(text, kind=kind, dialect=dialect):  # type: ignore[arg-type]
            if diagnostic.code == "LAML038":
                continue  # the placeholders standing for variables; this is the bin check
            offset = (
                rendered_lines.starts[min(diagnostic.line, len(rendered_lines.starts)) - 1]
                + diagnostic.column
                - 1
            )
            line, column = lines.position(rendering.origin(max(offset, 0)))
            code, severity, message = diagnostic.code, diagnostic.severity, diagnostic.message
            # Only a typed value (" must be ...") waits for the request; a variable where
            # the element takes no text at all puts text there whatever its value.
            if code in DYNAMIC_CODES and "{{" in message and " must be " in message:
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
        if unreadable_explained and diagnostic.code == "12100" and count < checked:
            continue  # a section splits an element here; LAML036 already says where
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
    declared = list(declared)
    try:
        nodes = parse(source)
    except TemplateError as error:
        # No tree to render, but each tag can still be linted on its own.
        found = check_lints(_tags(source), declared, report_unknown=False)
        found.append(make("LAML030", error.reason, error.line, error.column))
    else:
        found = check_lints(nodes, declared)
        structure = check_structure(nodes)
        found += structure
        off = () if "e164" in declared else ("e164",)
        found += check_semantics(
            source, nodes, kind=kind, dialect=dialect, off=off, unreadable_explained=bool(structure)
        )
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


_TAG = re.compile(r"\{\{(\{)?([^{}]*)\}?\}\}")  # linear: no two parts overlap


def _tags(source: str) -> list[TemplateNode]:
    """Each tag of a template that does not parse, read on its own (no nesting).

    Stops at a delimiter change, after which ``{{`` no longer starts a tag.
    """
    lines = LineIndex(source)
    found: list[TemplateNode] = []
    for match in _TAG.finditer(source):
        brace, content = match.group(1), match.group(2).strip()
        kind = content[:1] if content[:1] in ("#", "^", "/", "&", ">", "!", "=") else ""
        name = content[len(kind) :].strip()
        if kind == "=":
            break
        if not name or kind in ("!", "/"):
            continue
        line, column = lines.position(match.start())
        where = Position(line, column, match.start(), match.end())
        if kind in ("#", "^"):
            found.append(Section(name, kind == "^", (), where, where, "", ("{{", "}}")))
        elif kind == ">":
            found.append(Partial(name, "", where))
        elif brace or kind == "&":
            found.append(Variable(name, False, where, "{" if brace else "&"))
        else:
            found.append(Variable(name, True, where))
    return found
