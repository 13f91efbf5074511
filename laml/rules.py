"""Checks a schema cannot express, each reported with its code.

Each rule reads the classified document (``Context``) and adds diagnostics.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from lxml import etree

from ._node import Node
from .messaging import Message
from .parse import attribute_name
from .validation import KIND_VERBS, Context
from .voice import (
    Conference,
    ConferenceStream,
    Dial,
    Enqueue,
    Number,
    Refer,
    Say,
    Sms,
    Stream,
    VirtualAgent,
)

E164 = re.compile(r"\+[1-9][0-9]{1,14}")
TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")
SAY_LIMIT = 4096
BODY_LIMIT = 1600
MEDIA_LIMIT = 10
NOUN_LIMIT = 10

Rule = Callable[[Context], None]
RULES: list[Rule] = []


def rule(function: Rule) -> Rule:
    """Register a rule; rules run in the order they are defined."""
    RULES.append(function)
    return function


def run_rules(context: Context) -> None:
    """Run every rule over the document."""
    for check in RULES:
        check(context)


def _text(element: etree._Element) -> str:
    return "".join(str(t) for t in element.itertext())


def _of(context: Context, *classes: type[Node]) -> list[etree._Element]:
    return [e for e, cls in context.elements() if cls in classes]


@rule
def verbs_fit_the_document_kind(context: Context) -> None:
    """A messaging document has no voice verbs, and so on (13750)."""
    allowed = KIND_VERBS[context.kind]
    for child in context.root:
        if isinstance(child.tag, str) and child in context.classes and child.tag not in allowed:
            context.report(
                "13750",
                f"<{child.tag}> is not a verb of {context.kind} documents "
                f"(they take: {', '.join(sorted(allowed))})",
                child,
            )


@rule
def dial_nouns(context: Context) -> None:
    """At most 10 Number or 10 Sip; Sip alone; one Conference and never with Number."""
    for dial in _of(context, Dial):
        nouns = [c for c in dial if isinstance(c.tag, str)]
        counts: dict[str, int] = {}
        for noun in nouns:
            counts[str(noun.tag)] = counts.get(str(noun.tag), 0) + 1
        for tag in ("Number", "Sip"):
            if counts.get(tag, 0) > NOUN_LIMIT:
                context.report(
                    "13215",
                    f"<Dial> has {counts[tag]} <{tag}> nouns; at most {NOUN_LIMIT} ring at once",
                    dial,
                )
        if counts.get("Sip") and len(counts) > 1:
            others = ", ".join(f"<{t}>" for t in counts if t != "Sip")
            context.report(
                "13215", f"<Dial> with <Sip> may hold no other nouns (found {others})", dial
            )
        if counts.get("Conference", 0) > 1:
            context.report("13000", "<Dial> may hold only one <Conference>", dial)
        if counts.get("Conference") and counts.get("Number"):
            context.report(
                "13000", "<Conference> cannot be mixed with <Number> in one <Dial>", dial
            )
        if nouns and (dial.text or "").strip():
            context.report(
                "13215", "<Dial> has both a number as text and nouns; use one or the other", dial
            )


@rule
def refer_holds_one_sip(context: Context) -> None:
    """A Refer transfers to exactly one SIP URI (13215)."""
    for refer in _of(context, Refer):
        sips = [c for c in refer if c.tag == "Sip"]
        if len(sips) != 1:
            context.report("13215", f"<Refer> needs exactly one <Sip> (found {len(sips)})", refer)


@rule
def unreachable_verbs(context: Context) -> None:
    """Nothing after Hangup, Reject or Redirect runs (warning)."""
    final = ("Hangup", "Reject", "Redirect")
    ended_by: str | None = None
    for child in context.root:
        if not isinstance(child.tag, str):
            continue
        if ended_by is not None:
            context.report(
                "LAML020", f"<{child.tag}> never runs: it comes after <{ended_by}>", child
            )
            break
        if child.tag in final:
            ended_by = str(child.tag)


@rule
def text_lengths(context: Context) -> None:
    """Say text at most 4096 characters; message bodies under 1600; at most 10 Media."""
    for say in _of(context, Say):
        length = len(_text(say))
        if length > SAY_LIMIT:
            context.report(
                "LAML021", f"<Say> text is {length} characters; the limit is {SAY_LIMIT}", say
            )
    for message in _of(context, Message):
        body = (
            (message.text or "")
            + "".join((c.tail or "") for c in message)
            + "".join(_text(b) for b in message if b.tag == "Body")
        )
        if len(body.strip()) >= BODY_LIMIT:
            context.report(
                "LAML022",
                f"the message body is {len(body.strip())} characters; "
                f"it must be under {BODY_LIMIT}",
                message,
            )
        media = [c for c in message if c.tag == "Media"]
        if len(media) > MEDIA_LIMIT:
            context.report(
                "LAML023", f"<Message> has {len(media)} <Media>; at most {MEDIA_LIMIT}", message
            )
    for sms in _of(context, Sms):
        if len(_text(sms)) >= BODY_LIMIT:
            context.report("LAML022", f"<Sms> text must be under {BODY_LIMIT} characters", sms)


def _is_e164(text: str) -> bool:
    return bool(E164.fullmatch(text.strip())) or bool(TEMPLATE.fullmatch(text.strip()))


@rule
def phone_numbers(context: Context) -> None:
    """Numbers SignalWire dials or texts are E.164 (warning 13223)."""
    for number in _of(context, Number):
        text = _text(number).strip()
        if text and not _is_e164(text):
            context.report(
                "13223", f"<Number> {text!r} is not an E.164 number such as +15551234567", number
            )
    for dial in _of(context, Dial):
        text = (dial.text or "").strip()
        if text and not _is_e164(text):
            context.report(
                "13223", f"<Dial> number {text!r} is not an E.164 number such as +15551234567", dial
            )
    for element in _of(context, Sms, Message):
        for name in ("to", "from"):
            value = element.get(name)
            if value is not None and not _is_e164(value) and not value.isdigit():
                context.report(
                    "13223",
                    f"<{element.tag}> attribute {name!r} {value!r} is not an E.164 number",
                    element,
                    name,
                )


def _bad_url(value: str) -> str | None:
    if TEMPLATE.search(value):
        return None
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


@rule
def urls_parse(context: Context) -> None:
    """URL attributes, and the URLs given as text, parse (LAML024)."""
    for element, cls in context.elements():
        spec = cls._spec
        for key, value in element.attrib.items():
            field = spec.by_xml.get(attribute_name(str(key)))
            if field is not None and field.url:
                problem = _bad_url(str(value))
                if problem:
                    context.report(
                        "LAML024",
                        f"<{spec.tag}> attribute {field.xml!r} is not a usable URL: {problem}",
                        element,
                        field.xml,
                    )
        if spec.tag in ("Play", "Redirect", "Media") and (element.text or "").strip():
            problem = _bad_url(element.text or "")
            if problem:
                context.report(
                    "LAML024", f"<{spec.tag}> text is not a usable URL: {problem}", element
                )


@rule
def stream_urls(context: Context) -> None:
    """Streams go to wss:// URLs with no spaces (31922); Start/Connect streams need one."""
    for stream in _of(context, Stream, ConferenceStream):
        url = stream.get("url")
        parent = stream.getparent()
        if url is None:
            if parent is not None and parent.tag != "Stop" and stream.tag == "Stream":
                context.report("LAML004", "<Stream> needs the attribute 'url'", stream)
            continue
        if TEMPLATE.search(url):
            continue
        if not url.startswith("wss://") or any(c.isspace() for c in url):
            context.report(
                "31922", f"<Stream> url {url!r} must be a wss:// URL without spaces", stream, "url"
            )
    for conference in _of(context, Conference):
        url = conference.get("streamUrl")
        if url is not None and not TEMPLATE.search(url) and not url.startswith("wss://"):
            context.report(
                "31922",
                f"<Conference> streamUrl {url!r} must be a wss:// URL",
                conference,
                "streamUrl",
            )


@rule
def queue_names(context: Context) -> None:
    """Enqueue needs a queue name (14204)."""
    for enqueue in _of(context, Enqueue):
        if not (enqueue.text or "").strip():
            context.report("14204", "<Enqueue> needs a queue name as its text", enqueue)


@rule
def twilio_only_values(context: Context) -> None:
    """Values only Twilio documents, such as Google. voices (LAML012)."""
    if context.dialect != "signalwire":
        return
    for say in _of(context, Say):
        voice = say.get("voice")
        if voice and voice.startswith("Google."):
            context.report(
                "LAML012",
                f"<Say> voice {voice!r} is Twilio's name; on SignalWire use "
                f"'gcloud.{voice[len('Google.') :]}'",
                say,
                "voice",
            )
        elif voice and voice.split(".")[0] in ("ElevenLabs",):
            context.report("LAML012", f"<Say> voice {voice!r} is a Twilio voice name", say, "voice")


@rule
def deprecated(context: Context) -> None:
    """VirtualAgent still runs, for existing Dialogflow applications only (info)."""
    for agent in _of(context, VirtualAgent):
        context.report(
            "LAML025",
            "<VirtualAgent> is deprecated by SignalWire: only existing Dialogflow "
            "applications keep working",
            agent,
        )
