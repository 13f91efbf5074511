"""One document being validated: what every check reads, and where findings go."""

from __future__ import annotations

from typing import Literal

from lxml import etree

from .._model.node import Node
from .._model.vocabulary import Dialect
from .._xml.reader import Locator
from ..diagnostics import CODES, Diagnostic, Location

_NOT_CLASSIFIED: dict[etree._Element, type[Node]] = {}


class Context:
    """One document being validated: its bytes, tree, kind and findings.

    It is also the finder of its findings' places (``diagnostics.Finder``): each
    finding holds the context, which makes the document's one ``Locator`` when a
    place is first read. The checks end with ``release``, so that the context no
    longer holds the findings that hold it.
    """

    __slots__ = ("_locator", "classes", "data", "dialect", "found", "kind", "root")

    def __init__(
        self, data: bytes, root: etree._Element, kind: str, dialect: Dialect,
        found: list[Diagnostic],
    ) -> None:  # fmt: skip
        self.data = data
        self.root = root
        self.kind = kind
        self.dialect = dialect
        self._locator: Locator | None = None
        self.found = found
        self.classes: dict[etree._Element, type[Node]] = _NOT_CLASSIFIED
        """Each element's class, once ``explain.classify`` has run."""

    def locator(self) -> Locator:
        """The one locator of this document's findings."""
        locator = self._locator
        if locator is None:
            locator = self._locator = Locator(self.data, self.root)
        return locator

    def locate(self, element: etree._Element, attribute: str | None) -> Location:
        """Line, column and path of an element or one of its attributes."""
        return self.locator().locate(element, attribute)

    def report(
        self, code: str, message: str, element: etree._Element, attribute: str | None = None,
        severity: Literal["error", "warning", "info"] | None = None,
    ) -> None:  # fmt: skip
        """Add a finding placed at an element (or one of its attributes); its position
        is looked up when first read."""
        self.found.append(
            Diagnostic(
                code, severity or CODES[code][0], message, 0, 0, "", (self, element, attribute)
            )
        )

    def release(self) -> None:
        """Let go of the findings: the checks have ended (reading ``found`` afterwards
        raises ``AttributeError``). The context keeps only what finding their places
        needs: the bytes and the tree."""
        del self.found
        self.classes = _NOT_CLASSIFIED
