"""``laml.validate``: a document goes to the validator, a bin to the bin checker."""

from __future__ import annotations

from collections.abc import Iterable

from ._model.node import Node
from ._model.vocabulary import Dialect, DocumentKind
from ._xml.reader import MAX_BYTES, MAX_DEPTH, Source
from .diagnostics import Diagnostic
from .validation.validator import check_document


def validate(
    document: Source | Node,
    *,
    kind: DocumentKind = "auto",
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
    ``declared`` naming the query-string variables the bin expects (the same as
    ``laml.template.check.check_bin``). Raises ``ValueError`` only for an unknown
    ``kind`` or ``dialect``.
    """
    if template:
        from .template.check import check_bin  # the template engine loads only for bins

        return check_bin(
            document, kind=kind, dialect=dialect, declared=declared, max_bytes=max_bytes
        )
    return check_document(document, kind, dialect, max_bytes, max_depth)
