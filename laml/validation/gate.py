"""What the gate schema enforces for a rule: declared with the rule, written by ``xsd``.

The gate is a stricter schema ``validate`` tries first. A rule registered with a
``Gate`` (``rules.element_rule(..., gate=Gate(...))``) is skipped for a document the
gate accepts, so each rule's fragment must refuse every document the rule would
report; ``xsd.GateWriter`` merges the fragments of all rules into the gate. The test
suite checks that turning the gate off changes no finding.

Python counts more characters as whitespace than XSD's ``\\s`` does; a fragment must
never be more lenient than the rule it stands for.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

_NO_PATTERNS: Mapping[tuple[str, str], str] = {}


@attrs.frozen
class Gate:
    """One rule's part of the gate schema (every field optional).

    Patterns are XSD patterns. ``under`` holds what the SignalWire gate takes of an
    attribute of a child under a parent (``None``: nothing), for rules that depend on
    where an element stands.
    """

    attributes: Mapping[tuple[str, str], str] = _NO_PATTERNS
    """(tag, attribute) -> the pattern its value must match."""
    url_attributes: str | None = None
    """The pattern every URL attribute must match."""
    required: frozenset[tuple[str, str]] = frozenset()
    """(tag, attribute) the gate requires everywhere."""
    text: Mapping[str, tuple[str, str]] = attrs.field(factory=dict)
    """tag -> (pattern, xs:token length facets) its text must match."""
    non_empty: frozenset[str] = frozenset()
    """Tags whose text must hold something other than whitespace."""
    left_out: frozenset[str] = frozenset()
    """Tags the gate refuses, so that the rules about them run."""
    max_children: Mapping[str, int] = attrs.field(factory=dict)
    """tag -> how many children the gate takes."""
    exactly_one_child: frozenset[str] = frozenset()
    """Tags that must hold exactly one child element."""
    one_kind_of_noun: Mapping[str, tuple[int, frozenset[str]]] = attrs.field(factory=dict)
    """tag -> (at most this many of its one kind of noun, the nouns that come alone)."""
    under: Mapping[tuple[str, str], Mapping[str, str | None]] = attrs.field(factory=dict)
    """(parent, child) -> attribute -> the pattern the SignalWire gate takes, or None."""
    signalwire_voice: str | None = None
    """The pattern of ``<Say voice>`` in the SignalWire gate."""

    def merge(self, other: Gate) -> Gate:
        """Both fragments in one."""
        voice = self.signalwire_voice or other.signalwire_voice
        return Gate(
            attributes={**self.attributes, **other.attributes},
            url_attributes=self.url_attributes or other.url_attributes,
            required=self.required | other.required,
            text={**self.text, **other.text},
            non_empty=self.non_empty | other.non_empty,
            left_out=self.left_out | other.left_out,
            max_children={**self.max_children, **other.max_children},
            exactly_one_child=self.exactly_one_child | other.exactly_one_child,
            one_kind_of_noun={**self.one_kind_of_noun, **other.one_kind_of_noun},
            under={**self.under, **other.under},
            signalwire_voice=voice,
        )
