"""``laml.validate``: every finding about a document, as diagnostics, never an exception.

A document first meets the gate: a stricter schema built from the element model
(see ``_schema_build``), which libxml2 mostly checks while it parses the document
(see ``read_validated``). If the gate accepts it, only the rules the gate cannot
enforce run (``rules.py``). Otherwise the shipped schema decides; if that refuses
the document, it is walked with the element model, which explains each fault in a
plain sentence, and every rule runs. Schema complaints the walk did not explain
are reported too. Positions are found lazily, when a finding's line, column or
path is first read.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from operator import attrgetter
from typing import Literal

from lxml import etree

from .._model.fields import Enum, Field, Rejected, Tokens
from .._model.node import ElementSpec, Node
from .._xml.reader import (
    MAX_BYTES,
    MAX_DEPTH,
    XML_WHITESPACE,
    Locator,
    Source,
    check_bytes,
    check_depth,
    is_xml_space,
    iter_elements,
    read_validated,
    to_bytes,
)
from ..diagnostics import CODES, MAX_FINDINGS, Diagnostic, ParseError, capped, make
from ..errors import LamlError, LamlTypeError, LamlValueError
from ..parsing import ROOTS, attribute_name, children_by_tag, kind_of
from .schema import GATE_DEPTHS, SCHEMAS, Dialect, schema_errors

Kind = Literal["auto", "voice", "messaging", "fax"]
USE_GATE = True
"""Try the gate schema first; turning it off changes speed, never findings (tested)."""
SIZE_LIMIT = 64 * 1024
"""SignalWire refuses responses larger than 64 kB (error 11750)."""


_TAG = attrgetter("tag")
_NOT_CLASSIFIED: dict[etree._Element, type[Node]] = {}


class Context:
    """One document being validated: its bytes, tree, kind and findings."""

    __slots__ = (
        "_locator", "children", "classes", "data", "dialect", "found", "kind", "root", "verbs"
    )  # fmt: skip

    def __init__(
        self,
        data: bytes,
        root: etree._Element,
        kind: str,
        dialect: Dialect,
        children: list[etree._Element],
        verbs: list[object],
        found: list[Diagnostic],
    ) -> None:
        self.data = data
        self.root = root
        self.children = children
        """The root's children, comments included."""
        self.verbs = verbs
        """Their tags, in order (a comment's is not a string)."""
        self.kind = kind
        self.dialect = dialect
        self._locator: Locator | None = None
        self.found = found
        self.classes: dict[etree._Element, type[Node]] = _NOT_CLASSIFIED

    def locator(self) -> Locator:
        """The one locator of this document's findings."""
        locator = self._locator
        if locator is None:
            locator = self._locator = Locator(self.data, self.root)
        return locator

    def report(
        self, code: str, message: str, element: etree._Element, attribute: str | None = None,
        severity: Literal["error", "warning", "info"] | None = None,
    ) -> None:  # fmt: skip
        """Add a finding placed at an element (or one of its attributes).

        Its position is looked up when first read, by one locator for all findings;
        the findings hold the locator, not the context, which would be a cycle.
        """
        locator = self._locator or self.locator()
        self.found.append(
            Diagnostic(
                code, severity or CODES[code][0], message, 0, 0, "", (locator, element, attribute)
            )
        )


# Every class of the vocabulary by tag, to tell a misplaced element from an unknown one.
def _vocabulary() -> dict[str, list[type[Node]]]:
    seen: dict[str, list[type[Node]]] = {}
    pending: list[type[Node]] = list(ROOTS.values())
    done: set[type[Node]] = set()
    while pending:
        cls = pending.pop()
        if cls in done:
            continue
        done.add(cls)
        for child in children_by_tag(cls).values():
            seen.setdefault(child.tag, [])
            if child not in seen[child.tag]:
                seen[child.tag].append(child)
            pending.append(child)
    return seen


_VOCABULARY: dict[str, list[type[Node]]] | None = None


def vocabulary() -> dict[str, list[type[Node]]]:
    """Tag -> the classes that tag means somewhere in cXML or TwiML."""
    global _VOCABULARY
    if _VOCABULARY is None:
        _VOCABULARY = _vocabulary()
    return _VOCABULARY


KIND_VERBS = {
    "voice": set(children_by_tag(ROOTS["voice"])) - {"Queue", "Prompt"},
    "messaging": set(children_by_tag(ROOTS["messaging"])),
    "fax": set(children_by_tag(ROOTS["fax"])),
}
KNOWN_VERBS = set().union(*(children_by_tag(root) for root in ROOTS.values()))
"""Tags that are verbs of some kind of document."""

URL_ATTRIBUTES: dict[str, set[str]] = {}
"""Tag -> the names of its attributes that hold URLs, in any context."""
for _tag, _classes in vocabulary().items():
    for _cls in _classes:
        for _field in _cls._spec.fields.values():
            if _field.url:
                URL_ATTRIBUTES.setdefault(_tag, set()).add(_field.xml)


def classify(context: Context) -> None:
    """Give each element its class from its tag and its parent's class."""
    classes: dict[etree._Element, type[Node]] = {}
    root_cls = ROOTS[context.kind]
    classes[context.root] = root_cls
    # Under the root, a verb of another document kind keeps its own class.
    any_kind: dict[str, type[Node]] = {}
    for root_class in ROOTS.values():
        for tag, child_class in children_by_tag(root_class).items():
            any_kind.setdefault(tag, child_class)
    stack: list[tuple[etree._Element, type[Node]]] = [(context.root, root_cls)]
    while stack:
        element, cls = stack.pop()
        by_tag = children_by_tag(cls)
        if cls is root_cls:
            by_tag = {**any_kind, **by_tag}
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            found = by_tag.get(tag)
            if found is not None:
                classes[child] = found
                stack.append((child, found))
    # Document order, for reporting.
    context.classes = {e: classes[e] for e in iter_elements(context.root) if e in classes}


# --------------------------------------------------------------- explaining faults

_TWILIO_EQUIVALENTS = {
    "Client": "dial a SIP endpoint with <Sip> or a browser client with <Verto>",
    "Uri": "give the SIP URI as the text of <Sip>",
    "Headers": "pass SIP headers as query parameters of the <Sip> URI",
    "Header": "pass SIP headers as query parameters of the <Sip> URI",
    "Recording": "record with the record attribute of <Dial> or with <Record>",
    "w": "use <say-as> or <phoneme> to steer pronunciation",
    "Pause": "pause with <break> inside <Say>",
    "paymentConnector": "use paymentConnectorUrl",
}


def _twilio_note(name: str) -> str:
    equivalent = _TWILIO_EQUIVALENTS.get(name)
    return f"; on SignalWire, {equivalent}" if equivalent else "; SignalWire has no equivalent"


def _value_code(field: Field) -> str:
    """SignalWire's code for a bad method (13221) or sendDigits (13222), else laml's."""
    if isinstance(field.kind, Enum) and field.kind.values == ("GET", "POST"):
        return "13221"
    if field.xml == "sendDigits":
        return "13222"
    return "LAML003"


def explain(context: Context) -> None:
    """Walk the document with the model and report every fault it finds."""
    for element in iter_elements(context.root):
        cls = context.classes.get(element)
        if cls is None:
            continue
        _explain_attributes(context, element, cls)
        _explain_content(context, element, cls)


_ATTRIBUTE_NAMES: dict[tuple[int, str], tuple[list[str], dict[str, str], str]] = {}


def _attribute_names(spec: ElementSpec, dialect: str) -> tuple[list[str], dict[str, str], str]:
    """An element's attribute names in a dialect, by lower case, and as a list to show."""
    key = (id(spec), dialect)
    found = _ATTRIBUTE_NAMES.get(key)
    if found is None:
        names = [f.xml for f in spec.by_xml.values() if dialect == "twilio" or not f.twilio_only]
        lowered = {n.lower(): n for n in names}
        found = _ATTRIBUTE_NAMES[key] = (names, lowered, ", ".join(sorted(names)) or "none")
    return found


def _explain_attributes(context: Context, element: etree._Element, cls: type[Node]) -> None:
    spec = cls._spec
    tag = spec.tag
    if cls.twilio_only and context.dialect == "signalwire":
        return  # the element itself is reported; its attributes add nothing
    for key, value in element.attrib.items():
        name = attribute_name(str(key))
        field = spec.by_xml.get(name)
        if field is None:
            names, lowered, known = _attribute_names(spec, context.dialect)
            close = [lowered[name.lower()]] if name.lower() in lowered else []
            if not close and len(context.found) < MAX_FINDINGS:
                # Beyond the findings listed, a hint would never be read.
                close = difflib.get_close_matches(name, names, n=2, cutoff=0.6)
            hint = f"; did you mean {' or '.join(close)}?" if close else ""
            context.report(
                "LAML002",
                f"<{tag}> has no attribute {name!r}{hint} (it takes: {known})",
                element,
                name,
            )
            continue
        if field.twilio_only and context.dialect == "signalwire":
            context.report(
                "LAML011",
                f"<{tag}> attribute {name!r} is Twilio-only{_twilio_note(name)}",
                element,
                name,
            )
        try:
            field.kind.to_xml(value)
        except Rejected as rejected:
            context.report(
                _value_code(field),
                f"<{tag}> attribute {name!r} must be {rejected.expected} (got {value!r})",
                element,
                name,
            )
            continue
        if context.dialect == "signalwire":
            twilio_values = field.twilio_values(str(value))
            if twilio_values:
                signalwire = field.kind_for("signalwire")
                documented = signalwire.item if isinstance(signalwire, Tokens) else signalwire
                verb = "is" if len(twilio_values) == 1 else "are"
                context.report(
                    "LAML012",
                    f"<{tag}> attribute {name!r}: {', '.join(map(repr, twilio_values))} "
                    f"{verb} Twilio's; SignalWire documents {documented.expected}",
                    element,
                    name,
                )
    for field in spec.fields.values():
        if field.required and field.xml not in element.attrib:
            context.report("LAML004", f"<{tag}> needs the attribute {field.xml!r}", element)


def _explain_content(context: Context, element: etree._Element, cls: type[Node]) -> None:
    spec = cls._spec
    spec.resolve_content()
    tag = spec.tag
    texts = [element.text] + [child.tail for child in element]
    text = "".join(t for t in texts if t)
    if not is_xml_space(text) and not spec.accepts_text:
        found = text.strip(XML_WHITESPACE)[:40]
        context.report("LAML005", f"<{tag}> cannot contain text (found {found!r})", element)
    elif spec.text_kind is not None and text not in spec.text_kind.values:
        context.report(
            "LAML005", f"<{tag}> text must be {spec.text_kind.expected} (got {text!r})", element
        )
    if cls.twilio_only and context.dialect == "signalwire":
        return
    for child in element:
        child_tag = child.tag
        if not isinstance(child_tag, str):
            continue
        child_cls = context.classes.get(child)
        if child_cls is not None:
            if context.dialect != "signalwire":
                continue
            if child_cls.twilio_only:
                context.report(
                    "LAML010",
                    f"<{child_tag}> is Twilio-only{_twilio_note(child_tag)}",
                    child,
                )
            elif child_cls in spec.twilio_children:
                context.report(
                    "LAML010",
                    f"<{child_tag}> inside <{tag}> is Twilio-only{_twilio_note(child_tag)}",
                    child,
                )
            continue
        _explain_misplaced(context, element, cls, child)


_BY_CASE: dict[str, list[str]] = {}


def _by_case(lowered: str) -> list[str]:
    """Tags of the vocabulary that differ from a tag only in case."""
    if not _BY_CASE:
        for tag in vocabulary():
            _BY_CASE.setdefault(tag.lower(), []).append(tag)
    return _BY_CASE.get(lowered, [])


def _explain_misplaced(
    context: Context, parent: etree._Element, cls: type[Node], child: etree._Element
) -> None:
    tag = str(child.tag)
    spec = cls._spec
    known = vocabulary()
    if tag not in known:
        by_case = _by_case(tag.lower())
        hint = f"; names are case-sensitive: did you mean <{by_case[0]}>?" if by_case else ""
        code = "13750" if parent is context.root else "LAML001"
        context.report(code, f"<{tag}> is not a cXML element{hint}", child)
        return
    takes = spec.child_names()
    if cls.tag in ("Dial", "Refer"):
        code = "13215"
    elif parent is context.root:
        # The root class also holds what twilio-python builds there; name the verbs.
        code = "13750"
        takes = ", ".join(sorted(KIND_VERBS[context.kind]))
    else:
        code = "LAML006"
    context.report(
        code, f"<{tag}> cannot go inside <{spec.tag}>; <{spec.tag}> takes: {takes}", child
    )


def _schema_findings(context: Context, errors: list[etree._LogEntry], explained: set[str]) -> None:
    """Report schema complaints at elements the model walk found nothing wrong with.

    A complaint is left out when a finding already sits at its element or below it.
    Paths are looked up in one table made by one walk, so many complaints cost
    no more than one each.
    """
    locator = context.locator()
    by_path = {_xpath_form(path): element for element, path in locator.paths().items()}
    covered: set[str] = set()
    for path in explained:
        _cover(covered, path)
    for entry in errors:
        element = by_path.get(_xpath_form(entry.path), context.root) if entry.path else None
        element = context.root if element is None else element
        path = locator.path(element)
        if path in covered or _layout_only(entry, element):
            continue
        message = entry.message.replace("Element '", "<").replace("':", ">:", 1)
        context.report("LAML003", f"the schema refuses this: {message}", element)
        _cover(covered, path)


def _layout_only(entry: etree._LogEntry, element: etree._Element) -> bool:
    """Whether the complaint is about whitespace in an element of empty content
    (``<Hangup> </Hangup>``): layout, which ``parse`` and ``fmt`` drop too."""
    return (
        "content type is empty" in entry.message
        and not len(element)
        and (element.text is None or is_xml_space(element.text))
    )


def _xpath_form(path: str) -> str:
    """A path with every step numbered, as ``element_paths`` writes it and libxml2 may not
    (it leaves out ``[1]`` when an element has no sibling of the same name)."""
    steps = path.split("/")
    return "/".join(
        step if not step or "[" in step or index < 2 else f"{step}[1]"
        for index, step in enumerate(steps)
    )


def _cover(covered: set[str], path: str) -> None:
    """Mark a path and every path above it as holding a finding."""
    while path and path not in covered:
        covered.add(path)
        path = path.rpartition("/")[0]


def validate(
    document: Source | Node,
    *,
    kind: Kind = "auto",
    dialect: Dialect = "signalwire",
    template: bool = False,
    declared: Iterable[str] = (),
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
) -> list[Diagnostic]:
    """Check a document and return every finding; never raises for a bad document.

    ``document`` is XML text, bytes, a path, or a tree built with laml. ``kind``
    says which document it is (by default, the verbs decide). ``dialect="twilio"``
    accepts the vocabulary only Twilio has instead of reporting it.
    ``template=True`` checks LaML Bin contents (cXML with mustache) instead, with
    ``declared`` naming the query-string variables the bin expects.

    At most ``MAX_FINDINGS`` (1,000) findings are listed, in document order; when
    there are more, one last ``LAML009`` finding says how many were left out. Only
    a misuse raises: a ``kind`` or ``dialect`` outside the documented values
    (``LamlValueError``), or a document of another type (``LamlTypeError``).
    """
    if dialect not in ("signalwire", "twilio"):
        raise LamlValueError(f"dialect must be signalwire or twilio, not {dialect!r}")
    if kind not in ("auto", "voice", "messaging", "fax"):
        raise LamlValueError(f"kind must be auto, voice, messaging or fax, not {kind!r}")
    if not isinstance(document, (str, bytes, os.PathLike, Node)):
        raise LamlTypeError(
            f"expected XML text, bytes, a path or a laml tree, not {type(document).__name__}"
        )
    try:
        found = _validate(document, kind, dialect, template, declared, max_bytes, max_depth)
    except ParseError as error:
        return [error.diagnostic()]
    except LamlError as error:  # a tree that cannot be written, say
        return [make("12100", str(error))]
    except (RecursionError, MemoryError) as error:
        return [make("12100", f"the document cannot be checked: {type(error).__name__}")]
    return capped(found)


def _validate(
    document: Source | Node,
    kind: Kind,
    dialect: Dialect,
    template: bool,
    declared: Iterable[str],
    max_bytes: int,
    max_depth: int,
) -> list[Diagnostic]:
    if template:
        from ..template.check import check_template

        raw = document.to_xml(pretty=True) if isinstance(document, Node) else document
        try:
            text = check_bytes(to_bytes(raw, max_bytes), max_bytes).decode("utf-8")
        except ParseError as error:
            return [error.diagnostic()]
        return check_template(text, kind=kind, dialect=dialect, declared=declared)
    try:
        if type(document) is not bytes:
            if isinstance(document, Node):
                document = document.to_xml(pretty=True)
            document = to_bytes(document, max_bytes)
        # The stricter gate schema first, checked while parsing: a document it accepts
        # cannot break the gated rules, so only the others run. Anything else gets the
        # shipped schema and all rules. The depth is checked below, unless the gate's
        # bound settles it.
        gate = SCHEMAS[dialect, True] if USE_GATE else None
        data, root, gated = read_validated(document, max_bytes, gate)
    except ParseError as error:
        return [error.diagnostic()]
    bound = GATE_DEPTHS[dialect] if gated else None
    if bound is None or bound > max_depth:
        try:
            check_depth(data, root, max_depth)
        except ParseError as error:
            return [error.diagnostic()]
    found: list[Diagnostic] = []
    if len(data) > SIZE_LIMIT:
        found.append(
            make("11750", f"the document is {len(data):,} bytes; SignalWire's limit is 64 kB", 1, 1)
        )
    if root.tag != "Response":
        line, column = Locator(data, root).element(root)
        found.append(
            make(
                "12100",
                f"the root element is <{root.tag}>; a cXML document starts with <Response>",
                line,
                column,
                f"/{root.tag}",
            )
        )
        return found
    children = list(root)
    verbs: list[object] = list(map(_TAG, children))
    chosen = kind_of(verbs) if kind == "auto" else kind
    context = Context(data, root, chosen, dialect, children, verbs, found)
    if gated:
        run_rules(context, True)
    else:
        _check_fully(context)
    if len(found) > 1:
        found.sort(key=_position)
    return found


def _position(finding: Diagnostic) -> tuple[int, int]:
    return finding.line, finding.column


def _check_fully(context: Context) -> None:
    """The shipped schema, the model walk that explains its complaints, and every rule.

    libxml2 names the place of each schema complaint by walking the element's
    siblings, so thousands of complaints under one parent cost time growing with
    their square. A large document is therefore walked with the model first; when
    the walk alone finds more than ``MAX_FINDINGS`` faults, the schema is not asked
    (its complaints would only repeat them, past the findings listed).
    """
    walked = False
    if context.data.count(b"<") > 2 * MAX_FINDINGS:
        before = len(context.found)
        classify(context)
        explain(context)
        walked = True
        if len(context.found) - before >= MAX_FINDINGS:
            run_rules(context, False)
            return
        del context.found[before:]  # the schema decides below whether they stand
    errors = schema_errors(context.root, context.dialect)
    if errors:
        if not walked:
            classify(context)
        explain(context)
    run_rules(context, False)
    if errors:
        _schema_findings(context, errors, {d.path for d in context.found})


# Last: the rules module imports the names above from this one.
from .rules import run_rules  # noqa: E402
