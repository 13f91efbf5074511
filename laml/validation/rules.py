"""Checks a schema cannot express, each reported with its code.

One pass over the root's children checks the verbs; element rules are registered
for the tags they concern and run in one pass over the elements, so a typical
document costs a few microseconds here. A rule the gate schema enforces declares
its part of the gate beside it (``gate=Gate(...)``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import NamedTuple
from urllib.parse import urlsplit

from lxml import etree

from .._model.fields import LazyRegex
from .._model.patterns import (
    GIVEN_URL,
    HINTS,
    PHONE_NUMBER,
    PLAIN_STREAM_URL,
    PLAIN_URL,
    SHORT_CODE,
)
from .._model.vocabulary import (
    BODY_LIMIT,
    ENDING_VERBS,
    HINT_LIMIT,
    MEDIA_LIMIT,
    NOUN_LIMIT,
    SAY_LIMIT,
    kind_of,
    kind_verbs,
    known_verbs,
    nested_tags,
    vocabulary,
)
from .context import Context
from .gate import Gate

E164 = LazyRegex(PHONE_NUMBER)  # compiled when first matched, not at import
TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")

ElementRule = Callable[[Context, etree._Element], None]
RuleTable = dict[str, list[ElementRule]]
ELEMENT_RULES: RuleTable = {}
_UNGATED: RuleTable = {}
_UNGATED_SMALL: RuleTable = {}
GATES: list[Gate] = []
"""The gate fragments of the gated rules, in the order they were registered."""
SMALL = 1600
"""Documents shorter than this (in bytes) cannot break the text-length rules."""
_ENDING = frozenset(ENDING_VERBS)
_KIND_VERBS = kind_verbs()
_KNOWN_VERBS = known_verbs()


def element_rule(
    *tags: str, gate: Gate | None = None, length_rule: bool = False
) -> Callable[[ElementRule], ElementRule]:
    """Register a rule for every element with one of these tags.

    ``gate`` is what the gate schema enforces so that no document it accepts breaks
    the rule (the rule is then skipped for such documents); ``length_rule`` says only
    a document of at least ``SMALL`` bytes can break it.
    """
    if gate is not None:
        GATES.append(gate)

    def register(function: ElementRule) -> ElementRule:
        for tag in tags:
            ELEMENT_RULES.setdefault(tag, []).append(function)
            if gate is None:
                _UNGATED.setdefault(tag, []).append(function)
                if not length_rule:
                    _UNGATED_SMALL.setdefault(tag, []).append(function)
        return function

    return register


def _split(table: RuleTable) -> tuple[RuleTable, RuleTable]:
    """The rules for verbs only the root holds, and the others.

    In a document the gate accepted, such verbs are children of the root, so their
    rules run in the pass over the root's children and the tree is not searched.
    """
    nested = nested_tags()
    at_root = {tag: rules for tag, rules in table.items() if tag not in nested}
    return at_root, {tag: rules for tag, rules in table.items() if tag in nested}


StartTagSearch = Callable[[bytes], bool]


def _start_tags(tags: Iterable[str]) -> StartTagSearch:
    """Whether a document's bytes may hold a start tag of one of these elements.

    It may answer yes for a tag inside a comment, or for a longer name that begins
    with one of them; it never answers no when such a tag is there. A few literal
    searches cost less than one regular expression, which tries every "<".
    """
    names = sorted(tags)
    if len(names) > 3:
        alternatives = b"|".join(re.escape(tag.encode()) for tag in names)
        pattern = re.compile(rb"<(?:" + alternatives + rb")[\s/>]")
        return lambda data: pattern.search(data) is not None
    needles = tuple(b"<" + tag.encode() for tag in names)

    def search(data: bytes) -> bool:
        # find() over "in": for bytes, "in" first tries its operand as an integer; and
        # a loop over "any()", whose generator costs more than a search of a short text.
        for needle in needles:  # noqa: SIM110
            if data.find(needle) >= 0:
                return True
        return False

    return search


class _Plan(NamedTuple):
    """The rules a document the gate accepted may break, for one size class and gate."""

    at_root: RuleTable
    """Rules for verbs only the root holds."""
    table: RuleTable
    """Rules for the other elements the gate takes."""
    nested: StartTagSearch
    """Finds the elements of ``table``."""


_PLANS: dict[frozenset[str], tuple[_Plan, _Plan]] = {}
"""The tags a gate takes -> the plans for a document of at least ``SMALL`` bytes and
for a shorter one (indexed by ``len(data) < SMALL``)."""
_NONE: RuleTable = {}


def _plan(small: bool, taken: frozenset[str]) -> _Plan:
    at_root, table = _split(_UNGATED_SMALL if small else _UNGATED)
    table = {tag: rules for tag, rules in table.items() if tag in taken}
    return _Plan(at_root, table, _start_tags(table))


def check_gated(context: Context, gate_tags: frozenset[str]) -> None:
    """Run the rules a document the gate accepted may break: the gate's rules are
    skipped, and so are the rules for elements the gate does not take (``gate_tags``)
    and, in a short document, the text-length rules.

    ``context.kind`` may be "auto": the document is then first read as a voice
    document, which most are; a verb that does not fit one makes the verbs decide
    instead (``kind_of``), and they are read again. The kind is settled on return.
    """
    plans = _PLANS.get(gate_tags)
    if plans is None:
        plans = _PLANS[gate_tags] = (_plan(False, gate_tags), _plan(True, gate_tags))
    plan = plans[len(context.data) < SMALL]
    if context.kind != "auto":
        verbs(context, plan.at_root)
    else:
        context.kind = "voice"
        before = len(context.found)
        if not verbs(context, plan.at_root, True):
            del context.found[before:]
            context.kind = kind_of([child.tag for child in context.root])
            verbs(context, plan.at_root)
    if plan.table and plan.nested(context.data):
        _run_table(context, plan.table)


def run_rules(context: Context) -> None:
    """Run every rule, in one pass over the root's children and one over the elements
    that have rules (``check_gated`` runs fewer, for a document the gate accepted)."""
    verbs(context)
    _run_table(context, ELEMENT_RULES)


def _run_table(context: Context, table: RuleTable) -> None:
    rules_for = table.get
    # lxml picks the elements of these few tags in C.
    for element in context.root.iter(*table):
        checks = rules_for(element.tag)
        if checks:
            for check_element in checks:
                check_element(context, element)


def verbs(context: Context, at_root: RuleTable = _NONE, assumed: bool = False) -> bool:
    """Verbs fit the document kind (13750); nothing after Hangup, Reject or Redirect
    runs (LAML020). Also runs the ``at_root`` rules on the verbs they concern.

    With ``assumed``, the kind is a guess: a verb that does not fit it stops the pass,
    which returns False (what it found so far stands on the guess).
    """
    allowed = _KIND_VERBS[context.kind]
    ended_by: str | None = None
    reported = False
    # A slice makes the children in one call, for less than lxml's child iterator
    # costs (lxml-stubs type only an int index).
    children: list[etree._Element] = context.root[:]  # type: ignore[index,assignment]
    for child in children:
        tag = child.tag
        if tag not in allowed:
            if type(tag) is not str:
                continue  # a comment
            if assumed:
                return False
            _misfit(context, child, tag, allowed)
        if ended_by is not None:
            if not reported:  # the first unreachable verb says it for all that follow
                context.report("LAML020", f"<{tag}> never runs: it comes after <{ended_by}>", child)
                reported = True
        elif tag in _ENDING:
            ended_by = tag
        if tag in at_root:
            for check_element in at_root[tag]:
                check_element(context, child)
    return True


def _misfit(context: Context, child: etree._Element, tag: str, allowed: frozenset[str]) -> None:
    """Report a verb that does not fit the document's kind (13750)."""
    if tag == "Message" and context.kind == "voice":
        # Twilio's calls send an SMS with <Message>; SignalWire's with <Sms>.
        if context.dialect == "signalwire":
            context.report(
                "13750",
                "<Message> in a call is how Twilio sends an SMS; in a SignalWire "
                "voice document send it with <Sms> (it takes the same to, from, "
                "action and method)",
                child,
            )
    elif tag in _KNOWN_VERBS:
        context.report(
            "13750",
            f"<{tag}> is not a verb of {context.kind} documents "
            f"(they take: {', '.join(sorted(allowed))})",
            child,
        )


def _text(element: etree._Element) -> str:
    """All the text inside an element (its own, its children's and their tails)."""
    if not len(element):
        return element.text or ""
    text: str = etree.tostring(element, method="text", encoding="unicode", with_tail=False)
    return text


def _own_text(element: etree._Element) -> str:
    """The element's own text: before, between and after its children, not theirs."""
    return (element.text or "") + "".join(child.tail or "" for child in element)


# ------------------------------------------------------------- element rules


@element_rule(
    "Dial", gate=Gate(one_kind_of_noun={"Dial": (NOUN_LIMIT, frozenset({"Conference", "Queue"}))})
)
def dial_nouns(context: Context, dial: etree._Element) -> None:
    """At most 10 Number or 10 Sip; Sip alone; one Conference and never with Number."""
    counts: dict[str, int] = {}
    for noun in dial:
        if isinstance(noun.tag, str):
            counts[noun.tag] = counts.get(noun.tag, 0) + 1
    if not counts:
        return
    for tag in ("Number", "Sip"):
        if counts.get(tag, 0) > NOUN_LIMIT:
            context.report(
                "13215",
                f"<Dial> has {counts[tag]} <{tag}> nouns; at most {NOUN_LIMIT} ring at once",
                dial,
            )
    if counts.get("Sip") and len(counts) > 1:
        others = ", ".join(f"<{t}>" for t in counts if t != "Sip")
        context.report("13215", f"<Dial> with <Sip> may hold no other nouns (found {others})", dial)
    if counts.get("Conference", 0) > 1:
        context.report("13000", "<Dial> may hold only one <Conference>", dial)
    if counts.get("Conference") and counts.get("Number"):
        context.report("13000", "<Conference> cannot be mixed with <Number> in one <Dial>", dial)


@element_rule("Refer", gate=Gate(exactly_one_child=frozenset({"Refer"})))
def refer_holds_one_sip(context: Context, refer: etree._Element) -> None:
    """A Refer transfers to exactly one SIP URI (13215)."""
    sips = [c for c in refer if c.tag == "Sip"]
    if len(sips) != 1:
        context.report("13215", f"<Refer> needs exactly one <Sip> (found {len(sips)})", refer)


@element_rule("Say", length_rule=True)
def say_length(context: Context, say: etree._Element) -> None:
    """Say text at most 4096 characters (LAML021)."""
    length = len(_text(say))
    if length > SAY_LIMIT:
        context.report(
            "LAML021", f"<Say> text is {length} characters; the limit is {SAY_LIMIT}", say
        )


@element_rule("Message", length_rule=True)
def message_body(context: Context, message: etree._Element) -> None:
    """Message bodies under 1600 characters (LAML022)."""
    body = (message.text or "") + "".join(
        (_text(c) if c.tag == "Body" else "") + (c.tail or "") for c in message
    )
    length = len(body.strip())
    if length >= BODY_LIMIT:
        context.report(
            "LAML022",
            f"the message body is {length} characters; it must be under {BODY_LIMIT}",
            message,
        )


@element_rule("Message", gate=Gate(max_children={"Message": MEDIA_LIMIT}))
def message_media(context: Context, message: etree._Element) -> None:
    """At most 10 Media in a message (LAML023)."""
    media = sum(1 for c in message if c.tag == "Media")
    if media > MEDIA_LIMIT:
        context.report("LAML023", f"<Message> has {media} <Media>; at most {MEDIA_LIMIT}", message)


@element_rule("Sms", length_rule=True)
def sms_length(context: Context, sms: etree._Element) -> None:
    """Sms text under 1600 characters (LAML022)."""
    if len(_text(sms)) >= BODY_LIMIT:
        context.report("LAML022", f"<Sms> text must be under {BODY_LIMIT} characters", sms)


def _is_e164(text: str) -> bool:
    return bool(E164.fullmatch(text)) or bool(TEMPLATE.fullmatch(text))


@element_rule(
    "Number",
    gate=Gate(
        text={"Number": (r"\+[1-9][0-9]+", '<xs:minLength value="3"/><xs:maxLength value="16"/>')}
    ),
)
def number_is_e164(context: Context, number: etree._Element) -> None:
    """Numbers SignalWire dials are E.164 (warning 13223); an empty <Number> dials
    nothing (error 13223: the number is missing)."""
    text = _text(number).strip()
    if not text:
        context.report(
            "13223", "<Number> is empty: it gives no number to dial", number, severity="error"
        )
    elif not _is_e164(text):
        context.report(
            "13223", f"<Number> {text!r} is not an E.164 number such as +15551234567", number
        )


_NOT_ELEMENTS = (etree._Comment, etree._ProcessingInstruction, etree._Entity)
"""What lxml makes of a child that is not an element (the reader's parsers make no
other classes)."""


@element_rule("Dial")
def dial_destination(context: Context, dial: etree._Element) -> None:
    """A number given as Dial text is E.164 (warning 13223) and comes without nouns
    (13215); a <Dial> with neither a number as text nor a noun dials nothing (LAML007)."""
    text = dial.text
    if text and not text.isspace():
        text = text.strip()
        if len(dial):
            context.report(
                "13215", "<Dial> has both a number as text and nouns; use one or the other", dial
            )
        if not _is_e164(text):
            context.report(
                "13223",
                f"<Dial> number {text!r} is not an E.164 number such as +15551234567",
                dial,
            )
    elif not len(dial) or (
        isinstance(dial[0], _NOT_ELEMENTS)  # the type says it without making the tag
        and next(dial.iterchildren(etree.Element), None) is None
    ):
        context.report(
            "LAML007",
            "<Dial> has nothing to dial: give a number as its text or a noun such as "
            "<Number>, <Sip> or <Conference>",
            dial,
        )


DESTINATIONS = ("Sip", "Client", "Conference", "Queue", "Verto", "Sim", "Application", "Room")
"""Nouns that name where a call goes (besides <Number>, checked with its E.164 rule)."""


# The gate takes only a given URL: an empty <Redirect> or <Media> names nothing, and
# so does an empty <Play> without digits, which ``url_is_given`` reports. An empty
# <Play> with digits (it plays only the tones) is rare; it takes the full check.
_URL_TEXT = {tag: (GIVEN_URL, "") for tag in ("Play", "Redirect", "Media")}


@element_rule("Redirect", "Media", "Play", gate=Gate(text=_URL_TEXT))
def url_is_given(context: Context, element: etree._Element) -> None:
    """A <Redirect>, <Media> or <Play> names its URL as text; empty, it names nothing
    (LAML024). An empty <Play> with ``digits`` is documented: it plays only the tones
    (SignalWire's Play page); with no digits either, it plays nothing."""
    if (element.text or "").strip() or len(element):
        return
    if element.tag == "Play":
        if (element.get("digits") or "").strip():
            return
        context.report(
            "LAML024",
            "<Play> is empty: it gives no URL of an audio file to play and no digits",
            element,
        )
        return
    what = "the next document" if element.tag == "Redirect" else "the media file"
    context.report("LAML024", f"<{element.tag}> is empty: it gives no URL of {what}", element)


_NAMED_BY_TEXT = frozenset({"Queue", "Verto", "Sim", "Room", "Sip", "Conference"})
_NAMING_CHILD = {"Client": "Identity", "Application": "ApplicationSid"}
"""Twilio's nouns that may take their name from a child element, and that child."""


# The gate's pattern for a <Sip>'s SIP URI (``sip_uri``) refuses an empty one too.
@element_rule(*_NAMED_BY_TEXT, gate=Gate(non_empty=_NAMED_BY_TEXT - {"Sip"}))
def destination_is_named(context: Context, noun: etree._Element) -> None:
    """A noun that names where a call goes is not empty (LAML007); Twilio's <Client>
    and <Application> may name it with a child element instead (<Identity>,
    <ApplicationSid>), which must then not be empty either."""
    naming = _NAMING_CHILD.get(str(noun.tag))
    if naming is not None:
        if _own_text(noun).strip() or any(c.tag == naming and _text(c).strip() for c in noun):
            return
    elif _text(noun).strip():
        return
    parent = noun.getparent()
    if noun.tag == "Room" or (parent is not None and parent.tag in ("Dial", "Refer")):
        what = {
            "Sip": "SIP URI",
            "Conference": "conference name",
            "Queue": "queue name",
            "Room": "room name",
            "Client": "client identity",
            "Application": "application SID",
        }.get(str(noun.tag), "destination")
        context.report("LAML007", f"<{noun.tag}> is empty: it gives no {what}", noun)


# The gate takes <Conference> (which may hold a <Stream>) and Twilio's <Sip> with text
# only. Twilio's <Client> and <Application> often hold elements (<Identity>), which
# the gate could not take: the rule runs on them instead.
element_rule("Client", "Application")(destination_is_named)


# The gate takes a plain sip: or sips: URI of printable ASCII, with at most one "@" and
# something on both sides of it, and text only; other forms (capitals, spaces around
# it, Twilio's <Uri> children) take the slow path.
@element_rule("Sip", gate=Gate(text={"Sip": (r"sips?:[!-?A-~]+(@[!-?A-~]+)?", "")}))
def sip_uri(context: Context, sip: etree._Element) -> None:
    """A <Sip> (or each of Twilio's <Uri> in it) gives a SIP URI: ``sip:`` or ``sips:``
    and the address, such as ``sip:alice@example.com;transport=udp`` (LAML005; source:
    SignalWire's Sip page). An empty one is ``destination_is_named``'s."""
    given = [(sip, _own_text(sip))] + [
        (child, child.text or "") for child in sip if child.tag == "Uri"
    ]
    for element, text in given:
        text = text.strip()
        problem = _sip_uri_problem(text)
        if problem:
            context.report("LAML005", f"<{element.tag}> text {_shown(text)} {problem}", element)


def _sip_uri_problem(text: str) -> str | None:
    """Why ``text`` (stripped) is not a SIP URI, or None. With mustache, only the part
    before the first tag is judged, and only when it settles the scheme (``alice@{{Host}}``
    has none whatever the tag gives)."""
    if not text:
        return None  # destination_is_named's
    templated = TEMPLATE.search(text) is not None
    if any(c.isspace() for c in (TEMPLATE.sub("", text) if templated else text)):
        return "holds whitespace, which a SIP URI cannot"
    head = text.split("{{", 1)[0] if templated else text
    scheme, colon, address = head.partition(":")
    if colon and scheme.lower() in ("sip", "sips"):
        if templated:
            return None
        user, at, host = address.partition("@")
        if not address or (at and not (user and host)):
            return f"gives no address after '{scheme}:' (sip:user@host)"
        return None
    if not colon and templated and "@" not in head and len(head) < len("sips:"):
        return None  # a tag may still give the scheme
    return "is not a SIP URI (one starts with sip: or sips:, as in sip:alice@example.com)"


SIP_CALLER_ID = LazyRegex(r"[A-Za-z0-9+\-_.,]+")


@element_rule("Dial", gate=Gate(attributes={("Dial", "callerId"): PHONE_NUMBER}))
def dial_caller_id(context: Context, dial: etree._Element) -> None:
    """A Dial's callerId is E.164 (warning 13223); dialing SIP it may be a name of
    letters, digits and + - _ . , (LAML003). Twilio's Client takes its own form."""
    value = dial.get("callerId")
    if value is None or TEMPLATE.search(value):
        return  # absent or filled in by a bin: nothing to check
    nouns = {child.tag for child in dial}
    if "Client" in nouns or "Application" in nouns:
        return
    if "Sip" in nouns:
        if not SIP_CALLER_ID.fullmatch(value):
            context.report(
                "LAML003",
                f"<Dial> attribute 'callerId' dialing <Sip> must be letters, digits and "
                f"+ - _ . , without spaces (got {value!r})",
                dial,
                "callerId",
            )
    elif not E164.fullmatch(value):
        context.report(
            "13223",
            f"<Dial> callerId {value!r} is not an E.164 number such as +15551234567",
            dial,
            "callerId",
        )


@element_rule(
    "Sms",
    "Message",
    gate=Gate(
        attributes={
            ("Sms", "to"): PHONE_NUMBER,
            ("Sms", "from"): PHONE_NUMBER,
            ("Message", "to"): PHONE_NUMBER,
            ("Message", "from"): PHONE_NUMBER + "|" + SHORT_CODE,
        }
    ),
)
def message_numbers(context: Context, element: etree._Element) -> None:
    """The numbers of a message are E.164 (warning 13223). A <Message> may come from a
    short code; SignalWire sends nothing to one."""
    for name in ("to", "from"):
        value = element.get(name)
        if value is None or _is_e164(value):
            continue
        if name == "from" and element.tag == "Message":
            if re.fullmatch(SHORT_CODE, value):
                continue
            expected = "an E.164 number or a short code"
        else:
            expected = "an E.164 number"
        context.report(
            "13223",
            f"<{element.tag}> attribute {name!r} {value!r} is not {expected}",
            element,
            name,
        )


_PLAIN_URL = LazyRegex(PLAIN_URL)


def _shown(value: str, limit: int = 100) -> str:
    """A value quoted for a message; a long one cut to its first ``limit`` characters."""
    return repr(value if len(value) <= limit else value[: limit - 3] + "...")


def _bad_url(value: str) -> str | None:
    """Why a URL is unusable, or None; most URLs pass the quick pattern."""
    if _PLAIN_URL.fullmatch(value) or TEMPLATE.search(value):
        return None
    return url_problem(value)


def url_problem(value: str) -> str | None:
    """Why a URL is unusable, or None, found by parsing it."""
    if any(c.isspace() for c in value.strip()):
        return "it holds whitespace"
    try:
        parts = urlsplit(value.strip())
        _ = parts.port
    except ValueError as error:
        return str(error)
    if parts.scheme and parts.scheme not in ("http", "https", "wss", "ws", "rtmp", "rtmps"):
        return f"the scheme {parts.scheme!r} is not one SignalWire fetches"
    if parts.scheme and not parts.netloc:
        return "it has a scheme but no host"
    return None


@functools.cache
def _url_attribute_names(tag: str) -> frozenset[str]:
    """The names of the URL attributes of ``tag``, in any context.

    Read per tag when first met, so a validation reads the declarations of the
    elements its document holds, not of every element.
    """
    found: set[str] = set()
    for cls in vocabulary().get(tag, ()):
        found.update(field.xml for field in cls._spec.fields.values() if field.url)
    return frozenset(found)


def _url_attributes(context: Context, element: etree._Element) -> None:
    """URL attributes parse (LAML024)."""
    names = _url_attribute_names(str(element.tag))
    if not names:
        return
    for name in element.keys():  # noqa: SIM118 - iterating an element yields children
        if name in names:
            value = str(element.get(name))
            problem = _bad_url(value)
            if problem:
                context.report(
                    "LAML024",
                    f"<{element.tag}> attribute {name!r} {_shown(value)} is not a usable URL: "
                    f"{problem}",
                    element,
                    str(name),
                )


element_rule(*vocabulary(), gate=Gate(url_attributes=PLAIN_URL))(_url_attributes)


@element_rule("Play", "Redirect", "Media", gate=Gate(text=_URL_TEXT))
def url_text(context: Context, element: etree._Element) -> None:
    """URLs given as text parse (LAML024)."""
    text = element.text
    if text and text.strip():
        problem = _bad_url(text)
        if problem:
            context.report(
                "LAML024",
                f"<{element.tag}> text {_shown(text.strip())} is not a usable URL: {problem}",
                element,
            )


@element_rule(
    "Gather",
    gate=Gate(
        attributes={("Gather", "hints"): HINTS},
        # speechModel works only with enhanced="true", which a schema cannot tie to it.
        under={("Response", "Gather"): {"speechModel": None}},
    ),
)
def gather_speech(context: Context, gather: etree._Element) -> None:
    """Speech hints are phrases of at most 100 characters (LAML003, a warning); on
    SignalWire, speechModel works only with enhanced="true" (LAML026)."""
    hints = gather.get("hints")
    if hints and not TEMPLATE.search(hints):
        longest = max(len(phrase.strip()) for phrase in hints.split(","))
        if longest > HINT_LIMIT:
            context.report(
                "LAML003",
                f"<Gather> attribute 'hints' holds a phrase of {longest} characters; "
                f"each comma-separated phrase may have at most {HINT_LIMIT}",
                gather,
                "hints",
                severity="warning",
            )
    if (
        context.dialect == "signalwire"
        and gather.get("speechModel") is not None
        and gather.get("enhanced") != "true"
    ):
        context.report(
            "LAML026",
            "<Gather> attribute 'speechModel' has no effect without enhanced=\"true\"",
            gather,
            "speechModel",
        )


@element_rule("Play", gate=Gate(under={("Gather", "Play"): {"digits": None}}))
def digits_in_gather(context: Context, play: etree._Element) -> None:
    """SignalWire does not play the digits of a <Play> inside <Gather> (LAML026)."""
    if context.dialect != "signalwire" or play.get("digits") is None:
        return
    parent = play.getparent()
    if parent is not None and parent.tag == "Gather":
        context.report(
            "LAML026",
            "<Play> attribute 'digits' does nothing inside <Gather>: SignalWire does not "
            "support it there; play the digits before the <Gather>",
            play,
            "digits",
        )


@element_rule(
    "Stream",
    gate=Gate(
        attributes={("Stream", "url"): PLAIN_STREAM_URL},
        # Everywhere: a Stream under Stop may go without one, and takes the slow path.
        required=frozenset({("Stream", "url")}),
    ),
)
def stream_url(context: Context, stream: etree._Element) -> None:
    """Streams go to wss:// URLs with no query string (31922; a space is LAML024's, as
    in any URL); Start and Connect streams need one."""
    url = stream.get("url")
    if url is None:
        parent = stream.getparent()
        if parent is not None and parent.tag in ("Start", "Connect"):
            context.report("LAML004", "<Stream> needs the attribute 'url'", stream)
        return
    if TEMPLATE.search(url):
        return
    if not url.startswith("wss://"):
        context.report("31922", f"<Stream> url {url!r} must be a wss:// URL", stream, "url")
    elif "?" in url:
        context.report(
            "31922",
            f"<Stream> url {url!r} has a query string, which streams do not take; "
            "pass the values as <Parameter> children",
            stream,
            "url",
        )


@element_rule("Stream", gate=Gate(under={("Connect", "Stream"): {"track": "inbound_track"}}))
def bidirectional_stream_track(context: Context, stream: etree._Element) -> None:
    """A stream in <Connect> is two-way and sends only the inbound track (LAML003)."""
    track = stream.get("track")
    if context.dialect != "signalwire" or track not in ("outbound_track", "both_tracks"):
        return
    parent = stream.getparent()
    if parent is not None and parent.tag == "Connect":
        context.report(
            "LAML003",
            f"<Stream> inside <Connect> is two-way and takes only track 'inbound_track' "
            f"(got {track!r})",
            stream,
            "track",
        )


@element_rule("Conference", gate=Gate(attributes={("Conference", "streamUrl"): PLAIN_STREAM_URL}))
def conference_stream_url(context: Context, conference: etree._Element) -> None:
    """A conference streamUrl is a wss:// URL (31922)."""
    url = conference.get("streamUrl")
    if url is not None and not TEMPLATE.search(url) and not url.startswith("wss://"):
        context.report(
            "31922",
            f"<Conference> streamUrl {url!r} must be a wss:// URL",
            conference,
            "streamUrl",
        )


@element_rule("Enqueue", gate=Gate(non_empty=frozenset({"Enqueue"})))
def queue_name(context: Context, enqueue: etree._Element) -> None:
    """Enqueue needs a queue name (14204). Twilio's TaskRouter form names a workflow
    (``workflowSid``) instead, so in the Twilio dialect that stands for the name."""
    if (enqueue.text or "").strip():
        return
    if context.dialect == "twilio":
        if enqueue.get("workflowSid", "").strip():
            return
        message = "<Enqueue> needs a queue name as its text, or a workflowSid"
    else:
        message = "<Enqueue> needs a queue name as its text"
    context.report("14204", message, enqueue)


# Voices: the gate leaves out engine names that start with a capital, except Polly, so
# that Twilio's Google. and ElevenLabs. voices take the path that reports them.
@element_rule(
    "Say", gate=Gate(signalwire_voice=r"man|woman|alice|[a-z][A-Za-z0-9_\-]*\.\S+|Polly\.\S+")
)
def twilio_voice_names(context: Context, say: etree._Element) -> None:
    """Voices named the Twilio way, such as Google.* (LAML012)."""
    voice = say.get("voice")
    if not voice or context.dialect != "signalwire":
        return
    if voice.startswith("Google."):
        context.report(
            "LAML012",
            f"<Say> voice {voice!r} is Twilio's name; on SignalWire use "
            f"'gcloud.{voice[len('Google.') :]}'",
            say,
            "voice",
        )
    elif voice.startswith("ElevenLabs."):
        context.report("LAML012", f"<Say> voice {voice!r} is a Twilio voice name", say, "voice")


@element_rule("VirtualAgent", gate=Gate(left_out=frozenset({"VirtualAgent"})))
def deprecated_virtual_agent(context: Context, agent: etree._Element) -> None:
    """VirtualAgent still runs, for existing Dialogflow applications only (info)."""
    context.report(
        "LAML025",
        "<VirtualAgent> is deprecated by SignalWire: only existing Dialogflow "
        "applications keep working",
        agent,
    )
