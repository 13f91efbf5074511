"""The shipped XML Schema: where it is, loading it once, and validating with it.

``schema/laml.xsd`` describes SignalWire cXML; ``laml-twilio.xsd`` adds the
vocabulary only Twilio has. Both ship inside the wheel (as ``laml/schema/``) and
sit in ``schema/`` in a checkout; ``schema_path`` finds them in either place.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Literal

from lxml import etree

Dialect = Literal["signalwire", "twilio"]
FILES: dict[str, str] = {"signalwire": "laml.xsd", "twilio": "laml-twilio.xsd"}

_lock = threading.Lock()
_schemas: dict[str, etree.XMLSchema] = {}
_validate_locks: dict[str, threading.Lock] = {d: threading.Lock() for d in FILES}


def schema_path(dialect: Dialect = "signalwire") -> Path:
    """The file of the schema for ``dialect``, installed or in a checkout."""
    name = FILES[dialect]
    installed = resources.files("laml") / "schema" / name
    if installed.is_file():
        return Path(str(installed))
    checkout = Path(__file__).resolve().parent.parent / "schema" / name
    if checkout.is_file():
        return checkout
    raise FileNotFoundError(f"laml's schema {name} is missing from the installation")


def load(dialect: Dialect = "signalwire") -> etree.XMLSchema:
    """The compiled schema: compiled on first use, then shared by every thread."""
    schema = _schemas.get(dialect)
    if schema is None:
        with _lock:
            schema = _schemas.get(dialect)
            if schema is None:
                parser = etree.XMLParser(no_network=True, resolve_entities=False)
                document = etree.parse(str(schema_path(dialect)), parser)
                schema = etree.XMLSchema(document)
                _schemas[dialect] = schema
    return schema


def schema_errors(root: etree._Element, dialect: Dialect = "signalwire") -> list[etree._LogEntry]:
    """The schema's complaints about a document, empty when it is valid.

    One compiled schema serves all threads; its error log is per object, so
    validation and reading the log happen under a lock.
    """
    schema = load(dialect)
    with _validate_locks[dialect]:
        if schema.validate(root):
            return []
        log: Iterable[etree._LogEntry] = schema.error_log  # type: ignore[assignment]
        return list(log)
