"""The shipped XML Schema: where it is, loading it once, and validating with it.

``schema/laml.xsd`` describes SignalWire cXML; ``laml-twilio.xsd`` adds the
vocabulary only Twilio has. Both ship inside the wheel (as ``laml/schema/``) and
sit in ``schema/`` in a checkout; ``schema_path`` finds them in either place.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import cast

from lxml import etree

from .._model.vocabulary import Dialect

__all__ = [
    "FILES",
    "GATE_DEPTHS",
    "GATE_TAGS",
    "SCHEMAS",
    "Dialect",
    "accepts",
    "load",
    "schema_errors",
    "schema_path",
]

FILES: dict[str, str] = {"signalwire": "laml.xsd", "twilio": "laml-twilio.xsd"}

_lock = threading.Lock()
GATE_TAGS: dict[str, frozenset[str]] = {}
"""Dialect -> the tags of the elements the gate takes; known once the gate is loaded."""
GATE_DEPTHS: dict[str, int | None] = {}
"""Dialect -> the most levels of elements a document the gate accepts can have (None:
no bound); known once the gate is loaded."""
_validate_locks: dict[tuple[str, bool], threading.Lock] = {
    (d, gate): threading.Lock() for d in FILES for gate in (False, True)
}


def schema_path(dialect: Dialect = "signalwire") -> Path:
    """The file of the schema for ``dialect``, installed or in a checkout."""
    name = FILES[dialect]
    package = Path(__file__).resolve().parents[1]
    # Installed, the schema sits in the package; in a checkout, beside it.
    for candidate in (package / "schema" / name, package.parent / "schema" / name):
        if candidate.is_file():
            return candidate
    from importlib import resources  # any other kind of installation

    installed = resources.files("laml") / "schema" / name
    if installed.is_file():
        return Path(str(installed))
    raise FileNotFoundError(f"laml's schema {name} is missing from the installation")


class _Schemas(dict[tuple[str, bool], etree.XMLSchema]):
    """The compiled schemas by (dialect, gate): each compiled on first use, then shared
    by every thread. A hot path looks one up here: a dict lookup, no Python call."""

    def __missing__(self, key: tuple[str, bool]) -> etree.XMLSchema:
        with _lock:
            if key in self:  # another thread compiled it meanwhile
                return self[key]
            dialect, gate = key
            parser = etree.XMLParser(no_network=True, resolve_entities=False)
            path = schema_path(cast(Dialect, dialect))
            if gate:
                from .xsd import build_gate

                text, GATE_DEPTHS[dialect] = build_gate(dialect)
                root = etree.fromstring(text.encode("utf-8"), parser, base_url=str(path))
                GATE_TAGS[dialect] = frozenset(
                    str(element.get("name"))
                    for element in root.iter("{http://www.w3.org/2001/XMLSchema}element")
                    if element.get("name")
                )
                document = root.getroottree()
            else:
                document = etree.parse(str(path), parser)
            schema = self[key] = etree.XMLSchema(document)
            return schema


SCHEMAS = _Schemas()


def load(dialect: Dialect = "signalwire", gate: bool = False) -> etree.XMLSchema:
    """The compiled schema, shared by every thread.

    ``gate=True`` gives the stricter schema ``validate`` tries first (built from the
    element model and the rules in memory; see ``laml.validation.xsd``).
    """
    return SCHEMAS[dialect, gate]


def accepts(root: etree._Element, dialect: Dialect = "signalwire", gate: bool = False) -> bool:
    """Whether the schema accepts the document.

    Each call validates with its own libxml2 context; only the shared error log
    needs the lock ``schema_errors`` takes, so this needs none.
    """
    return bool(SCHEMAS[dialect, gate].validate(root))


def schema_errors(
    root: etree._Element, dialect: Dialect = "signalwire", gate: bool = False
) -> list[etree._LogEntry]:
    """The schema's complaints about a document, empty when it is valid.

    One compiled schema serves all threads; its error log is per object, so
    validation and reading the log happen under a lock.
    """
    schema = load(dialect, gate)
    with _validate_locks[(dialect, gate)]:
        if schema.validate(root):
            return []
        log: Iterable[etree._LogEntry] = schema.error_log  # type: ignore[assignment]
        return list(log)
