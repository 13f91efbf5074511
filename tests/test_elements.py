"""Every element and attribute: builder call -> expected XML, and the errors for bad input."""

from __future__ import annotations

import inspect
from decimal import Decimal
from typing import Any

import pytest

import laml
from laml import (
    Body,
    Conference,
    ConferenceStream,
    Connect,
    Denoise,
    Dial,
    Echo,
    Enqueue,
    FaxReject,
    FaxResponse,
    Gather,
    Hangup,
    LamlTypeError,
    LamlValueError,
    Leave,
    Media,
    Message,
    MessagingRedirect,
    MessagingResponse,
    Number,
    Parameter,
    Pause,
    Pay,
    Play,
    Prompt,
    Queue,
    Receive,
    Record,
    Redirect,
    Refer,
    ReferSip,
    Reject,
    Response,
    Room,
    Say,
    Sip,
    Sms,
    SsmlBreak,
    SsmlEmphasis,
    SsmlLang,
    SsmlP,
    SsmlPhoneme,
    SsmlProsody,
    SsmlS,
    SsmlSayAs,
    SsmlSub,
    SsmlW,
    Start,
    Stop,
    Stream,
    Task,
    Verto,
    VirtualAgent,
)
from laml._model.fields import ValueKind
from laml._model.node import Node
from laml.twiml import TwiMLException

from .signalwire_attributes import SIGNALWIRE_ATTRIBUTES
from .strategies import fluent_methods


def all_element_classes() -> list[type[Node]]:
    return sorted(
        {
            value
            for value in vars(laml).values()
            if isinstance(value, type) and issubclass(value, Node) and hasattr(value, "_spec")
        },
        key=lambda c: c.__name__,
    )


def test_every_signalwire_element_is_modelled() -> None:
    """The model has a class for every element SignalWire documents, and no more of them."""
    signalwire = {c for c in all_element_classes() if not c.twilio_only}
    assert signalwire == set(SIGNALWIRE_ATTRIBUTES)


@pytest.mark.parametrize("cls", all_element_classes(), ids=lambda c: c.__name__)
def test_every_child_has_a_fluent_method(cls: type[Node]) -> None:
    """Whatever an element takes, twilio-style code can add with a method of the parent."""
    takes = set(cls._spec.children_by_tag.values())
    assert takes - set(fluent_methods(cls).values()) == set()


@pytest.mark.parametrize("cls", list(SIGNALWIRE_ATTRIBUTES), ids=lambda c: c.__name__)
def test_signalwire_attributes_are_declared(cls: type[Node]) -> None:
    """Each element declares SignalWire's attributes; every other one is marked Twilio-only."""
    spec = cls._spec
    declared = {f.xml for f in spec.fields.values() if not f.text}
    assert SIGNALWIRE_ATTRIBUTES[cls] <= declared
    twilio_only = {f.xml for f in spec.fields.values() if f.twilio_only}
    assert twilio_only == declared - SIGNALWIRE_ATTRIBUTES[cls]


def sample(kind: ValueKind) -> tuple[object, str]:
    """A Python value the kind accepts and the XML text it writes."""
    from laml._model import fields as f

    if isinstance(kind, f.Checked):
        return "500ms", "500ms"
    if isinstance(kind, f.Either):
        return sample(kind.kinds[0])
    if isinstance(kind, f.Enum):
        return kind.values[-1], kind.values[-1]
    if isinstance(kind, f.Boolean):
        return True, "true"
    if isinstance(kind, f.Integer):
        value = kind.low if kind.low is not None else 7
        return value, str(value)
    if isinstance(kind, f.Decimal):
        return Decimal("20.45"), "20.45"
    if isinstance(kind, f.Tokens):
        item, text = sample(kind.item)
        return [item, item], f"{text}{kind.separator}{text}"
    if isinstance(kind, f.String):
        if kind.pattern is not None:
            fixed = {
                "DTMF": "ww12#",
                "keys": "#",
                "man,": "Polly.Joanna",
                "a language": "en-US",
                "a three": "usd",
                "default, silent": "-6dB",
                "default, x-slow": "80%",
                "default, x-low": "+10%",
            }
            value = next(v for k, v in fixed.items() if kind.expected.startswith(k))
            return value, value
        return 'a&b "c" <d>', "a&amp;b &quot;c&quot; &lt;d&gt;"
    raise AssertionError(kind)


ATTRIBUTE_CASES = [
    pytest.param(cls, field, id=f"{cls.__name__}.{field.name}")
    for cls in all_element_classes()
    for field in cls._spec.fields.values()
    if not field.text
]


@pytest.mark.parametrize(("cls", "field"), ATTRIBUTE_CASES)
def test_every_attribute_writes_its_xml_name_and_value(cls: type[Node], field: Any) -> None:
    """One keyword argument -> one attribute with the declared XML name and the written value."""
    value, text = sample(field.kind)
    node = cls(**{field.name: value})
    assert node.to_xml(xml_declaration=False) == f'<{cls.tag} {field.xml}="{text}" />'
    from laml._model.node import _AttributeProperty

    if isinstance(getattr(cls, field.name, None), _AttributeProperty):
        # Reading the attribute gives a Python value that writes the same XML text.
        assert field.kind.to_xml(getattr(node, field.name)) == node.get(field.xml)


BUILDS = [
    (Response(), "<Response />"),
    (Response(Say("Hello")), "<Response><Say>Hello</Say></Response>"),
    (
        Response(Gather(Say("Press 1"), num_digits=1, action="/menu"), Hangup()),
        '<Response><Gather action="/menu" numDigits="1"><Say>Press 1</Say></Gather>'
        "<Hangup /></Response>",
    ),
    (Say("Hi", voice="alice", loop=0), '<Say loop="0" voice="alice">Hi</Say>'),
    (Say(message="Hi"), "<Say>Hi</Say>"),
    (Say("a < b & c > d"), "<Say>a &lt; b &amp; c &gt; d</Say>"),
    (
        Say("Hello", SsmlBreak(time="500ms"), "world", SsmlEmphasis("now", level="strong")),
        '<Say>Hello<break time="500ms" />world<emphasis level="strong">now</emphasis></Say>',
    ),
    (SsmlLang("Bonjour", xml_lang="fr-FR"), '<lang xml:lang="fr-FR">Bonjour</lang>'),
    (SsmlSayAs("12", interpret_as="digits"), '<say-as interpret-as="digits">12</say-as>'),
    (SsmlProsody("x", volume="-6dB", rate="80%", pitch="+5%"),
     '<prosody pitch="+5%" rate="80%" volume="-6dB">x</prosody>'),
    (SsmlP(SsmlS("One."), SsmlS("Two.")), "<p><s>One.</s><s>Two.</s></p>"),
    (SsmlPhoneme("pecan", alphabet="ipa", ph="pɪˈkɑːn"),
     '<phoneme alphabet="ipa" ph="pɪˈkɑːn">pecan</phoneme>'),
    (SsmlSub("W3C", alias="World Wide Web Consortium"),
     '<sub alias="World Wide Web Consortium">W3C</sub>'),
    (SsmlW("read", role="amazon:VBD"), '<w role="amazon:VBD">read</w>'),
    (Play(digits="ww9"), '<Play digits="ww9" />'),
    (Play("https://x.test/a.mp3", loop=2), '<Play loop="2">https://x.test/a.mp3</Play>'),
    (Pause(length=3), '<Pause length="3" />'),
    (Pause(length="3"), '<Pause length="3" />'),
    (Dial("+15551234567", timeout=5), '<Dial timeout="5">+15551234567</Dial>'),
    (Dial(Number("+15551112222"), Number("+15553334444", send_digits="1#"), record=True),
     '<Dial record="true"><Number>+15551112222</Number>'
     '<Number sendDigits="1#">+15553334444</Number></Dial>'),
    (Dial(Sip("sip:a@b.test", codecs=["PCMU", "OPUS"], session_timeout=0)),
     '<Dial><Sip codecs="PCMU,OPUS" sessionTimeout="0">sip:a@b.test</Sip></Dial>'),
    (Dial(Verto("user@space.verto.signalwire.com"), caller_name="Support"),
     '<Dial callerName="Support"><Verto>user@space.verto.signalwire.com</Verto></Dial>'),
    (Dial(Conference("room", ConferenceStream(name="s", url="wss://x.test/s"), beep="onExit")),
     '<Dial><Conference beep="onExit">room<Stream name="s" url="wss://x.test/s" />'
     "</Conference></Dial>"),
    (Conference("room", beep=False, status_callback_event="start end"),
     '<Conference beep="false" statusCallbackEvent="start end">room</Conference>'),
    (Queue("support", url="/about-to-connect"), '<Queue url="/about-to-connect">support</Queue>'),
    (Enqueue("support", wait_url="/wait"), '<Enqueue waitUrl="/wait">support</Enqueue>'),
    (Enqueue(Task({"skill": "en"})), '<Enqueue><Task>{"skill": "en"}</Task></Enqueue>'),
    (Echo(timeout=120), '<Echo timeout="120" />'),
    (Denoise("on"), "<Denoise>on</Denoise>"),
    (Leave(), "<Leave />"),
    (Hangup(), "<Hangup />"),
    (Reject(reason="busy"), '<Reject reason="busy" />'),
    (Redirect("/next", method="GET"), '<Redirect method="GET">/next</Redirect>'),
    (Refer(ReferSip("sip:x@y.test"), action="/done"),
     '<Refer action="/done"><Sip>sip:x@y.test</Sip></Refer>'),
    (Sms("Hi", to="+15551112222", from_="+15553334444"),
     '<Sms from="+15553334444" to="+15551112222">Hi</Sms>'),
    (Record(max_length=0, play_beep=False, storage_url="https://x.test/r", storage_url_method="PUT"),
     '<Record maxLength="0" playBeep="false" storageUrl="https://x.test/r" storageUrlMethod="PUT" />'),
    (Gather(input=["dtmf", "speech"], speech_timeout="auto", finish_on_key=""),
     '<Gather finishOnKey="" input="dtmf speech" speechTimeout="auto" />'),
    (Start(Stream(Parameter(name="k", value="v"), url="wss://x.test", track="both_tracks")),
     '<Start><Stream track="both_tracks" url="wss://x.test"><Parameter name="k" value="v" />'
     "</Stream></Start>"),
    (Stop(Stream(name="s1")), '<Stop><Stream name="s1" /></Stop>'),
    (Connect(Room("standup")), "<Connect><Room>standup</Room></Connect>"),
    (Connect(VirtualAgent(connector_name="agent")),
     '<Connect><VirtualAgent connectorName="agent" /></Connect>'),
    (Pay(Prompt(Say("Card number?"), for_="payment-card-number", attempt=[1, 2]),
         charge_amount="20.45", valid_card_types="visa amex", max_attempts=3),
     '<Pay chargeAmount="20.45" maxAttempts="3" validCardTypes="visa amex">'
     '<Prompt attempt="1 2" for="payment-card-number"><Say>Card number?</Say></Prompt></Pay>'),
    (Pay(postal_code=False), '<Pay postalCode="false" />'),
    (Pay(postal_code="94105"), '<Pay postalCode="94105" />'),
    (MessagingResponse(Message("Thanks!", to="+15551112222")),
     '<Response><Message to="+15551112222">Thanks!</Message></Response>'),
    (Message(Body("Hi"), Media("https://x.test/a.png")),
     "<Message><Body>Hi</Body><Media>https://x.test/a.png</Media></Message>"),
    (MessagingResponse(MessagingRedirect("/sms/next")),
     "<Response><Redirect>/sms/next</Redirect></Response>"),
    (FaxResponse(Receive(media_type="image/tiff", page_size="a4")),
     '<Response><Receive mediaType="image/tiff" pageSize="a4" /></Response>'),
    (FaxResponse(FaxReject()), "<Response><Reject /></Response>"),
    (Say("line\none\ttab\rcr"), "<Say>line\none\ttab\rcr</Say>"),
    (Parameter(name="n", value="a\nb\tc\rd\"e"),
     '<Parameter name="n" value="a&#10;b&#09;c&#13;d&quot;e" />'),
]  # fmt: skip


@pytest.mark.parametrize(("node", "expected"), BUILDS, ids=lambda v: repr(v)[:60])
def test_builds(node: Node, expected: str) -> None:
    """Builder call -> exact XML, with and without the declaration."""
    assert node.to_xml(xml_declaration=False) == expected
    assert str(node) == '<?xml version="1.0" encoding="UTF-8"?>' + expected


def test_fluent_methods_append_and_return_the_child() -> None:
    """``r.gather().say()`` builds inside the gather; ``append`` returns the parent."""
    response = Response()
    gather = response.gather(num_digits=1)
    say = gather.say("Press 1")
    assert isinstance(gather, Gather) and isinstance(say, Say)
    assert response.append(Hangup()) is response
    with response.dial() as dial:
        dial.number("+15551112222")
    assert response.to_xml(False) == (
        '<Response><Gather numDigits="1"><Say>Press 1</Say></Gather><Hangup />'
        "<Dial><Number>+15551112222</Number></Dial></Response>"
    )


def test_context_decides_the_class() -> None:
    """Sip, Stream, Reject and Redirect build the right class for their parent."""
    assert type(Dial().sip("sip:a@b.test")) is Sip
    assert type(Refer().sip("sip:a@b.test")) is ReferSip
    assert type(Start().stream(url="wss://x.test")) is Stream
    assert type(Conference("c").stream(name="s", url="wss://x.test")) is ConferenceStream
    assert type(Response().reject()) is Reject
    assert type(FaxResponse().reject()) is FaxReject
    assert type(Response().redirect("/x")) is Redirect
    assert type(MessagingResponse().redirect("/x")) is MessagingRedirect


def test_typed_attribute_access() -> None:
    """Attributes read back as Python values and are checked when assigned."""
    gather = Gather(num_digits=2, input="dtmf speech", action_on_empty_result=True)
    assert gather.num_digits == 2
    assert gather.input == ["dtmf", "speech"]
    assert gather.action_on_empty_result is True
    assert gather.action is None
    gather.num_digits = 4
    gather.action = None
    assert gather.to_xml(False) == (
        '<Gather actionOnEmptyResult="true" input="dtmf speech" numDigits="4" />'
    )
    with pytest.raises(LamlValueError, match="numDigits"):
        gather.num_digits = 0
    assert Pay(charge_amount="1.50").charge_amount == Decimal("1.50")
    assert Conference(beep="onEnter").beep == "onEnter"


def test_twilio_positional_attributes() -> None:
    """twilio-python builder methods take attributes positionally; so do laml's."""
    response = Response()
    response.pause(2)
    response.play("https://x.test/a.mp3", 3)
    response.gather("speech", "/next")
    response.dial().number(15551112222)
    assert response.to_xml(False) == (
        '<Response><Pause length="2" /><Play loop="3">https://x.test/a.mp3</Play>'
        '<Gather action="/next" input="speech" /><Dial><Number>15551112222</Number></Dial>'
        "</Response>"
    )


def test_camel_case_keywords_are_accepted_like_twilio() -> None:
    """twilio-python turns any keyword into an attribute name; the XML names work too."""
    assert Gather(numDigits=1).to_xml(False) == '<Gather numDigits="1" />'  # type: ignore[call-arg]
    with pytest.raises(LamlTypeError, match="twice"):
        Gather(numDigits=1, num_digits=2)  # type: ignore[call-arg]


def test_generic_nodes_build_anything_by_name() -> None:
    """``add_child`` is the escape hatch for elements laml does not model."""
    response = Response()
    child = response.add_child("Custom", "text", some_attr=True, other_value=2)
    child.append(Say("inner"))
    assert response.to_xml(False) == (
        '<Response><Custom otherValue="2" someAttr="true">text<Say>inner</Say></Custom></Response>'
    )
    with pytest.raises(LamlValueError):
        response.add_child("not a name")


def test_an_element_that_contains_itself_is_refused_when_written() -> None:
    """A cycle (or a tree deeper than Python's stack) is a LamlValueError, not a crash."""
    response = Response()
    loop = response.add_child("Loop")
    loop.append(loop)
    for write in (response.to_xml, response.to_element, lambda: response.to_xml(pretty=True)):
        with pytest.raises(LamlValueError, match="contains itself"):
            write()


def test_generic_nodes_rename_copy_and_refuse_what_xml_cannot_hold() -> None:
    """A generic node's name can change (twilio's ``name``); copies keep the name; text,
    attribute names and children are checked like everywhere else."""
    import copy

    response = Response()
    child = response.add_child("Custom", "hi", my_attr="x")
    assert (child.name, repr(child)) == ("Custom", "GenericNode('Custom', 'hi', myAttr='x')")
    child.name = "Other"
    child.append(" there")
    assert response.to_xml(False) == '<Response><Other myAttr="x">hi there</Other></Response>'
    shallow, deep = copy.copy(child), copy.deepcopy(response)
    assert shallow.tag == "Other" and shallow == child and shallow is not child
    assert deep == response and deep.to_xml() == response.to_xml()
    with pytest.raises(LamlTypeError, match="not float"):
        child.append(3.5)  # type: ignore[arg-type]
    with pytest.raises(LamlValueError, match="U\\+0000"):
        response.add_child("Custom", "a\x00b")
    with pytest.raises(LamlValueError, match="attribute name"):
        response.add_child("Custom", **{"bad name": 1})


ERRORS: list[tuple[Any, type[Exception], str]] = [
    (lambda: Dial(timeout=9999), LamlValueError,
     "<Dial> attribute 'timeout' must be an integer from 5 to 600 (got 9999)"),
    (lambda: Dial(timeout=4), LamlValueError, "from 5 to 600 (got 4)"),
    (lambda: Echo(timeout=121), LamlValueError, "from 5 to 120"),
    (lambda: Say("x", loop=-1), LamlValueError,
     "<Say> attribute 'loop' must be an integer of at least 0 (got -1)"),
    (lambda: Pay(max_attempts=4), LamlValueError, "'maxAttempts' (max_attempts=) must be an integer from 1 to 3"),
    (lambda: Pay(timeout=3), LamlValueError, "at least 4"),
    (lambda: Pay(charge_amount=-1), LamlValueError, "decimal number from 0 to 1000000"),
    (lambda: Gather(method="PUT"), LamlValueError,  # type: ignore[arg-type]
     "<Gather> attribute 'method' must be one of 'GET', 'POST' (got 'PUT')"),
    (lambda: Gather(finish_on_key="x"), LamlValueError, "keys from 0-9, * and #"),
    (lambda: Gather(num_digits=0), LamlValueError, "at least 1"),
    (lambda: Gather(num_digits=True), LamlValueError, "integer"),
    (lambda: Gather(num_digits=1.5), LamlValueError, "integer"),  # type: ignore[arg-type]
    (lambda: Gather(input="dtmf keyboard"), LamlValueError, "space-separated list of one of"),
    (lambda: Gather(input=[]), LamlValueError, "space-separated list"),
    (lambda: Record(play_beep="yes"), LamlValueError, "true or false (got 'yes')"),  # type: ignore[arg-type]
    # A union names its fixed words once.
    (lambda: Conference("r", beep="sometimes"), LamlValueError,  # type: ignore[arg-type]
     "'beep' must be one of 'true', 'false', 'onEnter', 'onExit' (got 'sometimes')"),
    (lambda: Gather(speech_timeout="soon"), LamlValueError,  # type: ignore[arg-type]
     "must be an integer of at least 0 or 'auto' (got 'soon')"),
    (lambda: Gather(input=["dtmf", "fax"]), LamlValueError, "(got ['dtmf', 'fax'])"),  # type: ignore[list-item]
    (lambda: Pay(charge_amount="1e3"), LamlValueError, "decimal number"),
    (lambda: Pay(charge_amount=True), LamlValueError, "decimal number"),
    (lambda: Say("x").break_(time="11s"), LamlValueError, "at most 10s (got '11s')"),
    (lambda: Number("+1", send_digits="12x"), LamlValueError, "DTMF digits"),
    (lambda: Say("x", voice="robot"), LamlValueError, "Polly.Joanna"),
    (lambda: SsmlBreak(time="11s"), LamlValueError, "at most 10s"),
    (lambda: SsmlBreak(time="fast"), LamlValueError, "at most 10s"),
    (lambda: SsmlProsody(volume="loudest"), LamlValueError, "decibels"),
    (lambda: Dial(caller_name="x" * 71), LamlValueError, "at most 70 characters"),
    (lambda: Denoise("maybe"), LamlValueError, "<Denoise> text must be one of 'on', 'off'"),
    (lambda: Say("bad \x00 text"), LamlValueError, "U+0000"),
    (lambda: Say("bad \ufffe"), LamlValueError, "U+FFFE"),
    (lambda: Say(message="bad \x1b"), LamlValueError, "U+001B"),
    (lambda: Parameter(name="a", value="\ud800"), LamlValueError, "U+D800"),
    (lambda: Gather(num_digit=1), LamlTypeError, "did you mean num_digits?"),  # type: ignore[call-arg]
    (lambda: Say("x", voise="alice"), LamlTypeError, "did you mean voice?"),  # type: ignore[call-arg]
    (lambda: Gather(Hangup()), LamlTypeError,  # type: ignore[arg-type]
     "<Hangup> cannot go inside <Gather>; <Gather> takes: Say, Play, Pause"),
    (lambda: Response().append(Number("+1")), LamlTypeError, "<Number> cannot go inside <Response>"),
    (lambda: Refer(Sip("sip:a@b")), LamlTypeError, "<Sip> cannot go inside <Refer>"),  # type: ignore[arg-type]
    (lambda: Gather().append("text"), LamlTypeError, "<Gather> cannot contain text"),
    (lambda: Response().append(42), LamlTypeError, "not int"),  # type: ignore[arg-type]
    (lambda: Say("a", message="b"), LamlTypeError, "text twice"),
    (lambda: Pause(1, 2), LamlTypeError, "at most 1 positional"),
]  # fmt: skip


@pytest.mark.parametrize(("build", "error", "message"), ERRORS, ids=lambda v: str(v)[:50])
def test_errors(build: Any, error: type[Exception], message: str) -> None:
    """Bad input raises the right error, naming the element, attribute, value and what is allowed."""
    with pytest.raises(error) as raised:
        build()
    assert message in str(raised.value)
    assert isinstance(raised.value, TwiMLException)


def test_errors_subclass_builtins() -> None:
    """Callers catching ValueError or TypeError keep working."""
    assert issubclass(LamlValueError, ValueError)
    assert issubclass(LamlTypeError, TypeError)


def test_equality_copy_and_repr() -> None:
    """Trees compare by value, copy deeply, and repr as the code that builds them."""
    import copy

    one = Response(Say("Hi", voice="alice"), Pause(length=1))
    two = Response(Say("Hi", voice="alice"), Pause(length=1))
    assert one == two
    clone = copy.deepcopy(one)
    assert clone == one and clone.children[0] is not one.children[0]
    two.append(Hangup())
    assert one != two
    assert repr(one) == "VoiceResponse(Say('Hi', voice='alice'), Pause(length=1))"


def test_navigation_helpers() -> None:
    """children, elements, text, iter and get give a typed view of a tree."""
    doc = Response(Gather(Say("a"), Say("b")), Say("Hello ", SsmlBreak(), "world"))
    assert [s.text for s in doc.iter(Say)] == ["a", "b", "Hello world"]
    assert len(doc.elements) == 2
    assert doc.elements[1].children[0] == "Hello "
    assert Gather(num_digits=3).get("numDigits") == "3"


def test_pretty_output_is_indented_and_keeps_mixed_content() -> None:
    """pretty=True indents elements but leaves text in mixed content as it is."""
    doc = Response(Gather(Say("Hi ", SsmlBreak(time="1s"), " there")), Hangup())
    assert doc.to_xml(pretty=True) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        "<Response>\n"
        "  <Gather>\n"
        '    <Say>Hi <break time="1s" /> there</Say>\n'
        "  </Gather>\n"
        "  <Hangup />\n"
        "</Response>"
    )


def test_to_element_gives_lxml() -> None:
    """to_element (and twilio's xml()) return an lxml element of the same document."""
    from lxml import etree

    doc = Response(Say("Hi", SsmlLang("x", xml_lang="fr-FR"), voice="alice"))
    element = doc.to_element()
    assert isinstance(element, etree._Element)
    assert element[0].get("voice") == "alice"
    assert element[0][0].get("{http://www.w3.org/XML/1998/namespace}lang") == "fr-FR"


def test_every_class_documents_itself() -> None:
    """Every element class and fluent method has a docstring."""
    for cls in all_element_classes():
        assert inspect.getdoc(cls), cls
