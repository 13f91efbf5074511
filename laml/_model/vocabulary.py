"""The vocabulary of cXML in one place: document kinds, their roots and verbs, limits.

Everything here is derived from the element classes (their ``__init__`` signatures)
or is a number SignalWire documents; the parser, the validator, the rules and the
schema writers all read it from here.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Literal, Union

from ..fax import FaxResponse
from ..messaging import MessagingResponse
from ..voice import Prompt, Queue, VoiceResponse
from .node import Node, Problem, closest_element

DocumentKind = Literal["auto", "voice", "messaging", "fax"]
"""Which kind of document: ``auto`` lets its verbs decide."""

Dialect = Literal["signalwire", "twilio"]
"""Whose vocabulary: SignalWire's cXML, or that plus what only Twilio's TwiML has."""

Document = Union[VoiceResponse, MessagingResponse, FaxResponse]
"""A parsed document: the root of one kind."""

ROOTS: dict[str, type[Node]] = {
    "voice": VoiceResponse,
    "messaging": MessagingResponse,
    "fax": FaxResponse,
}
"""Document kind -> the class of its ``<Response>``."""

NOT_VERBS: dict[type[Node], frozenset[type[Node]]] = {VoiceResponse: frozenset({Queue, Prompt})}
"""Root -> classes twilio-python builds directly under it although cXML has no such verb
(``<Queue>`` belongs in ``<Dial>``, ``<Prompt>`` in ``<Pay>``): the schema and the list
of a kind's verbs leave them out."""

# Limits SignalWire documents (the cXML pages of each verb, and its error codes).
SIZE_LIMIT = 64 * 1024
"""SignalWire refuses responses larger than 64 kB (error 11750)."""
SAY_LIMIT = 4096
"""Characters of text one ``<Say>`` speaks."""
BODY_LIMIT = 1600
"""A message body must be shorter than this many characters."""
MEDIA_LIMIT = 10
"""``<Media>`` in one ``<Message>``."""
NOUN_LIMIT = 10
"""``<Number>`` or ``<Sip>`` nouns one ``<Dial>`` rings at once."""
HINT_LIMIT = 100
"""Characters in one comma-separated phrase of ``<Gather hints>``."""
ENDING_VERBS = ("Hangup", "Reject", "Redirect")
"""Verbs after which nothing in the document runs."""


def children_by_tag(cls: type[Node]) -> dict[str, type[Node]]:
    """The class each child tag means under ``cls`` (the first declared wins)."""
    return cls._spec.children_by_tag


def kind_of(verbs: Sequence[object]) -> str:
    """voice, messaging or fax, from the tags of the root's children (voice if none
    decides).

    A document with any verb only voice documents have is a voice document, whatever
    else it holds (Twilio's calls may send an SMS with ``<Message>``).
    """
    voice_only = _voice_only()
    for verb in verbs:
        if verb in voice_only:
            return "voice"
    if "Message" in verbs:
        return "messaging"
    if "Receive" in verbs:
        return "fax"
    return "voice"


@functools.cache
def _voice_only() -> frozenset[object]:
    """The verbs of voice documents that messaging and fax documents do not have."""
    others = set(children_by_tag(MessagingResponse)) | set(children_by_tag(FaxResponse))
    return frozenset(set(children_by_tag(VoiceResponse)) - others)


def verbs_of(root: type[Node]) -> list[type[Node]]:
    """The verbs a root takes, one class per tag, without the ones cXML does not have."""
    left_out = NOT_VERBS.get(root, frozenset())
    return [cls for cls in children_by_tag(root).values() if cls not in left_out]


@functools.cache
def kind_verbs() -> dict[str, frozenset[str]]:
    """Document kind -> the tags of its verbs."""
    return {kind: frozenset(cls.tag for cls in verbs_of(root)) for kind, root in ROOTS.items()}


@functools.cache
def known_verbs() -> frozenset[str]:
    """Tags that are verbs of some kind of document (or that twilio-python builds there)."""
    return frozenset(tag for root in ROOTS.values() for tag in children_by_tag(root))


@functools.cache
def vocabulary() -> dict[str, list[type[Node]]]:
    """Tag -> the classes that tag means somewhere in cXML or TwiML."""
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


@functools.cache
def nested_tags() -> frozenset[str]:
    """Tags that appear below a verb somewhere (a verb only the root holds is not one)."""
    return frozenset(
        tag for classes in vocabulary().values() for cls in classes for tag in children_by_tag(cls)
    )


@functools.cache
def url_attributes() -> dict[str, frozenset[str]]:
    """Tag -> the names of its attributes that hold URLs, in any context."""
    found: dict[str, set[str]] = {}
    for tag, classes in vocabulary().items():
        for cls in classes:
            for field in cls._spec.fields.values():
                if field.url:
                    found.setdefault(tag, set()).add(field.xml)
    return {tag: frozenset(names) for tag, names in found.items()}


_BY_CASE: dict[str, list[str]] = {}


def _by_case(lowered: str) -> list[str]:
    """Tags of the vocabulary that differ from a tag only in case (one table, built once)."""
    if not _BY_CASE:
        for tag in vocabulary():
            _BY_CASE.setdefault(tag.lower(), []).append(tag)
    return _BY_CASE.get(lowered, [])


def misplaced_problem(
    parent: type[Node], tag: str, kind: str, *, at_root: bool, hint: bool = True
) -> Problem:
    """Why ``<tag>`` cannot go inside ``parent``: the verdict the parser fails with and
    the validator reports. A name cXML does not have is 13750 under the root and
    LAML001 deeper, with the closest names (a different case first, then what the
    parent takes, then every element; ``hint=False`` skips the search). A known
    element under the root is SignalWire's 13750 naming the verbs of the document's
    ``kind``; elsewhere it is the parent's own ``child_problem``."""
    known = vocabulary()
    if tag not in known:
        suggestion = ""
        if hint:
            same = _by_case(tag.lower())
            if same:
                suggestion = f"; names are case-sensitive: did you mean <{same[0]}>?"
            else:
                here = kind_verbs()[kind] if at_root else parent._spec.children_by_tag
                suggestion = closest_element(tag, here, known)
        code = "13750" if at_root else "LAML001"
        return Problem(code, f"<{tag}> is not a cXML element{suggestion}")
    if at_root:
        verbs = ", ".join(sorted(kind_verbs()[kind]))
        return Problem("13750", parent._spec.child_problem(tag, verbs).message)
    return parent._spec.child_problem(tag)
