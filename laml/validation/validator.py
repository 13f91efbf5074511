"""Validating a document: every finding, as diagnostics, never an exception.

A document first meets the gate: a stricter schema built from the element model
(see ``xsd.GateWriter``), which libxml2 mostly checks while it parses the document
(``parse_with`` for a usual document, else ``read_validated``). If the gate accepts
it, only the rules the gate cannot enforce run (``rules``). Otherwise the shipped
schema decides; if that refuses the document, it is walked with the element model,
which explains each fault in a plain sentence (``explain``), and every rule runs.
Schema complaints the walk did not explain are reported too. Positions are found
lazily, when a finding's line, column or path is first read.

Bins (cXML with mustache) are the template checker's: ``laml.template.check``.
"""

from __future__ import annotations

import os

from lxml import etree

from .._model.node import Node
from .._model.vocabulary import SIZE_LIMIT, DocumentKind, kind_of
from .._xml.reader import (
    MAX_BYTES,
    MAX_DEPTH,
    Locator,
    Source,
    check_depth,
    find_mustache,
    is_usual,
    parse_with,
    read_validated,
    to_bytes,
)
from ..diagnostics import MAX_FINDINGS, Diagnostic, capped, make
from ..errors import LamlError, LamlTypeError, LamlValueError, ParseError
from .context import Context
from .explain import classify, explain, schema_findings
from .rules import check_gated, run_rules
from .schema import GATE_DEPTHS, GATE_TAGS, SCHEMAS, Dialect, schema_errors

__all__ = ["GATE_AFTER", "SIZE_LIMIT", "USE_GATE", "check_document", "validate_document"]

USE_GATE = True
"""Try the gate schema first; turning it off changes speed, never findings (tested)."""
GATE_AFTER = 200
"""How many documents are checked without the gate before it is built and compiled.

Building it costs as much as checking a few hundred small documents without it, so a
process that checks a few (a ``laml validate`` run, a cold start) never pays for it,
and one that checks many pays once. Once compiled, it is used from then on."""
_ungated = 0


def validate_document(
    document: Source | Node,
    *,
    kind: DocumentKind = "auto",
    dialect: Dialect = "signalwire",
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
) -> list[Diagnostic]:
    """Check a cXML document and return every finding; never raises for a bad document.

    ``document`` is XML text, bytes, a path, or a tree built with laml. ``kind``
    says which document it is (by default, the verbs decide). ``dialect="twilio"``
    accepts the vocabulary only Twilio has instead of reporting it.

    At most ``MAX_FINDINGS`` (1,000) findings are listed, in document order; when
    there are more, one last ``LAML009`` finding says how many were left out. Only a
    misuse raises: a ``kind`` or ``dialect`` outside the documented values
    (``LamlValueError``), or a document of another type (``LamlTypeError``).
    """
    return check_document(document, kind, dialect, max_bytes, max_depth)


def check_document(
    document: Source | Node, kind: DocumentKind, dialect: Dialect, max_bytes: int, max_depth: int
) -> list[Diagnostic]:
    """``validate_document`` with its options in order (``laml.validate`` calls this)."""
    if dialect not in ("signalwire", "twilio"):
        raise LamlValueError(f"dialect must be signalwire or twilio, not {dialect!r}")
    if kind not in ("auto", "voice", "messaging", "fax"):
        raise LamlValueError(f"kind must be auto, voice, messaging or fax, not {kind!r}")
    if type(document) is not bytes:
        if isinstance(document, bytes):
            document = bytes(document)  # a subclass of bytes is read as its bytes
        elif not isinstance(document, (str, os.PathLike, Node)):
            raise LamlTypeError(
                f"expected XML text, bytes, a path or a laml tree, not {type(document).__name__}"
            )
    try:
        found = _validate(document, kind, dialect, max_bytes, max_depth)
    except ParseError as error:
        found = [error.diagnostic()]
    except LamlError as error:  # a tree that cannot be written, say
        found = [make("12100", str(error))]
    except (RecursionError, MemoryError) as error:
        found = [make("12100", f"the document cannot be checked: {type(error).__name__}")]
    if len(found) > MAX_FINDINGS:
        found = capped(found)
    if isinstance(document, bytes) or (isinstance(document, str) and "{" in document):
        # A bin read as plain cXML fails for reasons that are not its own: say so.
        data = document if isinstance(document, bytes) else document.encode("utf-8", "replace")
        mustache = find_mustache(data, max_bytes)
    else:
        mustache = None
    if mustache is not None:
        line, column, tag = mustache
        found.append(
            make(
                "LAML038",
                f"the document holds mustache ({tag}); if it is a LaML Bin, check it as "
                "one: laml validate --bin (validate(..., template=True))",
                line,
                column,
            )
        )
    return found


def _validate(
    document: Source | Node, kind: str, dialect: Dialect, max_bytes: int, max_depth: int
) -> list[Diagnostic]:
    try:
        if type(document) is not bytes:
            if isinstance(document, Node):
                document = document.to_xml(pretty=True)
            document = to_bytes(document, max_bytes)
        # The stricter gate schema first, checked while parsing: a document it accepts
        # cannot break the gated rules, so only the others run. Anything else gets the
        # shipped schema and all rules.
        gate = SCHEMAS.get((dialect, True)) if USE_GATE else None
        if gate is not None and is_usual(document, max_bytes):
            # Most documents: nothing for the byte checks, and one parse settles it.
            try:
                return _check_accepted(
                    document, parse_with(document, gate), kind, dialect, max_depth
                )
            except etree.XMLSyntaxError:
                gate = None  # refused, or not well-formed: the plain parse below says which
        elif gate is None and USE_GATE:
            gate = _gate_once_worth_it(dialect)
        data, root, gated = read_validated(document, max_bytes, gate)
    except ParseError as error:
        return [error.diagnostic()]
    if gated:
        return _check_accepted(data, root, kind, dialect, max_depth)
    try:
        check_depth(data, root, max_depth)
    except ParseError as error:
        return [error.diagnostic()]
    found = _size_findings(data)
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
    chosen = kind_of([child.tag for child in root]) if kind == "auto" else kind
    context = Context(data, root, chosen, dialect, found)
    _check_fully(context)
    context.release()
    if len(found) > 1:
        found.sort(key=_position)
    return found


def _check_accepted(
    data: bytes, root: etree._Element, kind: str, dialect: Dialect, max_depth: int
) -> list[Diagnostic]:
    """The findings of a document the gate accepted (it takes only <Response>): the
    depth, unless the gate's bound settles it, the size and the rules the gate cannot
    enforce."""
    bound = GATE_DEPTHS[dialect]
    if bound is None or bound > max_depth:
        try:
            check_depth(data, root, max_depth)
        except ParseError as error:
            return [error.diagnostic()]
    found = _size_findings(data)
    context = Context(data, root, kind, dialect, found)
    check_gated(context, GATE_TAGS[dialect])
    context.release()
    if len(found) > 1:
        found.sort(key=_position)
    return found


def _size_findings(data: bytes) -> list[Diagnostic]:
    """A new list of findings, holding the one about the size if SignalWire's limit is
    passed (11750)."""
    if len(data) > SIZE_LIMIT:
        return [
            make("11750", f"the document is {len(data):,} bytes; SignalWire's limit is 64 kB", 1, 1)
        ]
    return []


def _gate_once_worth_it(dialect: Dialect) -> etree.XMLSchema | None:
    """The gate, compiled now if ``GATE_AFTER`` documents went without it, else None."""
    global _ungated
    _ungated += 1  # a race between threads only moves the moment a little
    return SCHEMAS[dialect, True] if _ungated > GATE_AFTER else None


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
            run_rules(context)
            return
        del context.found[before:]  # the schema decides below whether they stand
    errors = schema_errors(context.root, context.dialect)
    if errors:
        if not walked:
            classify(context)
        explain(context)
    run_rules(context)
    if errors:
        schema_findings(context, errors, {d.path for d in context.found})


# The element model's ``Node.validate`` runs this; the model does not import upwards.
Node._validator = validate_document
