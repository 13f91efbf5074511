"""A migrated twilio-python program keeps running: what it does after building an element
(assigning, reading, logging, pickling, validating) never raises under ``laml.twiml``."""

from __future__ import annotations

import pickle
import subprocess
import sys
import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import laml
import laml.twiml.messaging_response as lt_messaging
import laml.twiml.voice_response as lt_voice
from laml._model.node import Node

from .test_twiml_lenient import invalid_value
from .twilio_pairs import twilio_classes


def run_both(code: str) -> tuple[list[str], list[str], list[str]]:
    """Run ``code`` against twilio.twiml and laml.twiml: what each ``out()`` got, and
    laml's warnings. Neither side may raise."""
    theirs: list[str] = []
    exec(code.format(m="twilio.twiml"), {"out": theirs.append})
    ours: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        exec(code.format(m="laml.twiml"), {"out": ours.append})
    messages = [str(w.message) for w in caught if issubclass(w.category, laml.LamlWarning)]
    return theirs, ours, messages


# (program, what laml.twiml gives to out(), a phrase of each laml warning); twilio-python
# must run the program too. Where both columns should agree, SAME stands for twilio's.
SAME = object()
PROGRAMS: list[tuple[str, Any, list[str]]] = [
    (
        # An assignment laml's checks refuse: written as twilio-python writes values.
        "from {m}.voice_response import Gather\n"
        "g = Gather(action='/x'); g.num_digits = 0; g.method = 'get'\n"
        "out(g.to_xml(False))",
        ['<Gather action="/x" method="get" numDigits="0" />'],
        ["'numDigits' (num_digits=) must be an integer of at least 1 (got 0)", "'method'"],
    ),
    (
        "from {m}.voice_response import Say, Dial\n"
        "s = Say('Hi'); s.loop = True; d = Dial(); d.timeout = 2; d.caller_id = 15551112222\n"
        "out(s.to_xml(False)); out(d.to_xml(False))",
        ['<Say loop="true">Hi</Say>', '<Dial callerId="15551112222" timeout="2" />'],
        ["'loop' must be", "'timeout' must be"],
    ),
    (
        # The text keyword: twilio-python keeps it as a Python attribute and writes nothing.
        "from {m}.voice_response import Say\n"
        "s = Say('Hi'); s.message = 'Bye'; out(s.message); out(s.to_xml(False))",
        SAME,
        ["message= gives the element's text only when it is built"],
    ),
    (
        "from {m}.voice_response import Number\n"
        "n = Number('+15550001111'); n.phone_number = '+15550002222'; out(n.to_xml(False))",
        SAME,
        ["phone_number= gives the element's text"],
    ),
    (
        # twilio-python's attrs is a dict: what is set in it is written.
        "from {m}.voice_response import Gather\n"
        "g = Gather(action='/x'); g.attrs['numDigits'] = 3; g.attrs['timeout'] = 'soon'\n"
        "del g.attrs['action']; out(g.to_xml(False)); out(str(sorted(g.attrs)))",
        SAME,
        ["'timeout' must be an integer"],
    ),
    (
        "from {m}.voice_response import VoiceResponse\n"
        "r = VoiceResponse(); r.attrs['fooBar'] = True; out(r.to_xml(False))\n"
        "out(str('fooBar' in r.attrs)); out(str(len(r.attrs)))",
        SAME,
        ["<Response> has no attribute 'fooBar'"],
    ),
    (
        # twilio-python's verbs is a list: what is added to it is written.
        "from {m}.voice_response import VoiceResponse, Say, Hangup\n"
        "r = VoiceResponse(); r.say('a'); r.verbs.append(Hangup()); r.verbs.insert(0, Say('b'))\n"
        "out(r.to_xml(False)); out(str(len(r.verbs))); out(r.verbs[0].to_xml(False))",
        SAME,
        [],
    ),
    (
        # Walking a tree by twilio-python's name and value, through elements that have
        # an attribute or a text keyword called name or value.
        "from {m}.voice_response import VoiceResponse\n"
        "r = VoiceResponse(); d = r.dial(); d.conference('Room 1'); d.queue('support')\n"
        "r.enqueue('q'); st = r.start().stream(name='s1', url='wss://example.com/s')\n"
        "st.parameter(name='k', value='v'); r.connect().room('r')\n"
        "def walk(node):\n"
        "    out(node.name + ' ' + repr(node.value))\n"
        "    for child in node.verbs:\n"
        "        walk(child)\n"
        "walk(r)",
        SAME,
        [],
    ),
    (
        # Setting them means the tag and the text, as in twilio-python.
        "from {m}.voice_response import Parameter, Stream\n"
        "p = Parameter(name='a', value='b'); p.value = 'c'; out(p.to_xml(False))\n"
        "s = Stream(name='x', url='wss://example.com/s'); s.name = 'Stream'\n"
        "out(s.to_xml(False))",
        SAME,
        ["<Parameter> takes no text"],
    ),
    (
        # Copies keep what the object holds: a subclass's tag, Python attributes.
        "import copy\n"
        "from {m} import TwiML\n"
        "from {m}.voice_response import VoiceResponse\n"
        "class Custom(TwiML):\n"
        "    def __init__(self, body=None, **kwargs):\n"
        "        super().__init__(**kwargs)\n"
        "        self.name = 'Custom'\n"
        "        self.value = body\n"
        "        self.note = 1\n"
        "r = VoiceResponse(); r.append(Custom('hi', a='b'))\n"
        "for clone in (copy.copy(r), copy.deepcopy(r), copy.copy(r.verbs[0])):\n"
        "    out(clone.to_xml(False)); out(repr(getattr(clone, 'note', None)))\n"
        "out(repr(copy.deepcopy(r.verbs[0]).note))",
        SAME,
        ["<Custom> cannot go inside <Response>"],
    ),
    (
        # xml() is an ElementTree element, which ElementTree's functions take.
        "import xml.etree.ElementTree as ET\n"
        "from {m}.voice_response import VoiceResponse\n"
        "r = VoiceResponse(); r.say('Hi', voice='alice'); r.add_child('Foo', 'x')\n"
        "el = r.xml(); ET.SubElement(el, 'Hangup'); el.append(ET.Element('Leave'))\n"
        "out(el.find('Say').get('voice')); out(str([c.tag for c in el.iter()]))\n"
        "out(ET.tostring(el, encoding='unicode'))",
        SAME,
        [],
    ),
    (
        # Elements in sets and as keys, by identity, as twilio-python's are.
        "from {m} import GenericNode, TwiML\n"
        "from {m}.voice_response import VoiceResponse, Say\n"
        "r = VoiceResponse(); a = r.say('x'); b = r.say('x'); c = r.add_child('Foo')\n"
        "seen = {{a, b, c, r}}; out(str(len(seen))); notes = {{a: 'first'}}; out(notes[a])\n"
        "out(str(b in notes))",
        SAME,
        [],
    ),
    (
        # A twilio-style subclass that sets verbs and attrs itself.
        "from {m} import TwiML\n"
        "from {m}.voice_response import VoiceResponse, Say\n"
        "class Custom(TwiML):\n"
        "    def __init__(self, **kwargs):\n"
        "        super().__init__(**kwargs)\n"
        "        self.name = 'Custom'\n"
        "        self.verbs = [Say('a')]\n"
        "        self.attrs = {{'fooBar': 1, 'on': True}}\n"
        "r = VoiceResponse(); r.verbs = [Custom(x=1)]; r.attrs = dict(r.attrs)\n"
        "out(r.to_xml(False))",
        SAME,
        ["<Custom> cannot go inside <Response>"],
    ),
    (
        # verbs holds the children, not the value (the text before them), as in twilio.
        "from {m}.voice_response import Say\n"
        "s = Say('Hi'); s.break_(time='1s'); out(str(len(s.verbs))); out(s.verbs[0].name)\n"
        "out(repr(s.value)); del s.verbs[0]; out(s.to_xml(False))",
        SAME,
        [],
    ),
    (
        # add_child and GenericNode: twilio's members, a mapping written as JSON.
        "from {m} import GenericNode\n"
        "from {m}.voice_response import VoiceResponse\n"
        "r = VoiceResponse(); c = r.add_child('Custom', {{'k': [1, 2]}}, some_key='x')\n"
        "c.add_child('Inner', 'v').attrs['a'] = 1; out(r.to_xml(False)); out(c.name)\n"
        "g = GenericNode('Foo', 'text', a_b='c'); out(repr(g.value)); out(repr(list(g.verbs)))\n"
        "g.value = {{'x': 'ñ'}}; out(g.to_xml(False)); out(str(dict(g.attrs)))",
        SAME,
        [],
    ),
    (
        # What would not parse is dropped with a warning, in generic elements too.
        "from {m}.voice_response import VoiceResponse\n"
        "r = VoiceResponse(); r.add_child('Foo', 'a\\x00b', **{{'bad name': 1, 'ok': 2}})\n"
        "out(r.to_xml(False))",
        ['<Response><Foo ok="2">ab</Foo></Response>'],
        ["<Foo> text holds U+0000", "'bad name', which is not an XML attribute name"],
    ),
    (
        "from {m}.voice_response import Say\n"
        "s = Say(); s.verbs.append('one '); s.verbs.append('two'); out(s.to_xml(False))",
        ["<Say>one two</Say>"],  # twilio-python keeps only the last string (see README)
        [],
    ),
]


@pytest.mark.parametrize(("code", "expected", "phrases"), PROGRAMS)
def test_twilio_programs_that_change_elements_keep_running(
    code: str, expected: Any, phrases: list[str]
) -> None:
    """Each program runs under both; laml.twiml writes the bytes given and warns once for
    each objection, saying what SignalWire will do."""
    theirs, ours, messages = run_both(code)
    assert ours == (theirs if expected is SAME else expected)
    assert len(messages) == len(phrases), messages
    for message, phrase in zip(messages, phrases, strict=True):
        assert phrase in message


def test_what_twilio_raises_on_verbs_raises_twiml_exception() -> None:
    """Something that is neither an element nor text, added through verbs."""
    with pytest.raises(laml.twiml.TwiMLException, match="Only nesting of TwiML and strings"):
        lt_voice.VoiceResponse().verbs.append(5)


@pytest.mark.parametrize("name", ["bad name", "ns:Foo", "1st", ""])
def test_an_element_name_xml_cannot_hold_raises_twiml_exception(name: str) -> None:
    """twilio-python would write a document no parser reads; there is no element to keep."""
    with pytest.raises(laml.twiml.TwiMLException, match="not a valid XML element name"):
        lt_voice.VoiceResponse().add_child(name)
    with pytest.raises(laml.twiml.TwiMLException, match="not a valid XML element name"):
        laml.twiml.GenericNode(name, "x")


@pytest.mark.parametrize(
    ("build", "read", "expected"),
    [
        (lambda: lt_voice.Say("x", loop=True), "loop", "true"),
        (lambda: lt_voice.Gather(num_digits="three"), "num_digits", "three"),
        (lambda: lt_voice.Dial(timeout=2.5), "timeout", "2.5"),
        (lambda: lt_voice.Pay(charge_amount="ten"), "charge_amount", "ten"),
        (lambda: lt_voice.Gather(num_digits=3), "num_digits", 3),
    ],
)
def test_values_written_as_twilio_writes_them_read_and_repr(
    build: Any, read: str, expected: object
) -> None:
    """A value laml's checks refused reads back as its text, and repr() (what a log line
    shows) does not raise."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", laml.LamlWarning)
        node = build()
    assert getattr(node, read) == expected
    assert f"{read}={expected!r}" in repr(node)


def test_native_text_keyword_cannot_be_assigned() -> None:
    """laml's own classes stay strict: the text keyword is not an attribute."""
    say = laml.Say("Hi")
    with pytest.raises(laml.LamlAttributeError, match="message= gives the element's text"):
        say.message = "Bye"  # type: ignore[attr-defined]
    with pytest.raises(AttributeError, match=r"read it from \.text"):
        say.message  # type: ignore[attr-defined]  # noqa: B018
    assert say.to_xml(False) == "<Say>Hi</Say>"


def test_laml_twiml_documents_pickle() -> None:
    """A response kept in a cache (pickled) comes back as the same laml.twiml classes."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", laml.LamlWarning)
        response = lt_voice.VoiceResponse()
        gather = response.gather(num_digits=0, action="/menu")
        gather.say("Press 1", loop=True)
        response.note = "kept"  # a Python attribute, as twilio-python keeps one
        response.add_child("Custom", "x", some_key=1).add_child("Inner")
    copy = pickle.loads(pickle.dumps(response))
    assert type(copy) is lt_voice.VoiceResponse
    assert type(copy.verbs[0]) is lt_voice.Gather
    assert type(copy.verbs[1]) is type(response.verbs[1])
    assert copy == response and copy.to_xml() == response.to_xml()
    assert copy.note == "kept"


class BrandedSay(lt_voice.Say):
    """A program's own subclass of a laml.twiml element, as twilio-python code has."""

    def __init__(self, message: str, **attributes: Any) -> None:
        attributes.setdefault("voice", "Polly.Joanna")
        super().__init__(message, **attributes)


class AcmeResponse(lt_voice.VoiceResponse):
    def __init__(self) -> None:
        super().__init__()
        self.say("Welcome to Acme")


def test_subclasses_of_laml_twiml_elements_pickle() -> None:
    """A subclass of a laml.twiml element pickles as itself, as under twilio-python
    (it raised PicklingError naming laml's class)."""
    response = AcmeResponse()
    response.append(BrandedSay("Hi", loop=2))
    copy = pickle.loads(pickle.dumps(response))
    assert type(copy) is AcmeResponse
    assert type(copy.verbs[1]) is BrandedSay
    assert copy.to_xml(False) == (
        '<Response><Say>Welcome to Acme</Say><Say loop="2" voice="Polly.Joanna">Hi</Say></Response>'
    )
    assert copy == response


@pytest.mark.parametrize(
    "program",
    [
        # Only laml.twiml imported, as a migrated app does.
        "from laml.twiml.voice_response import VoiceResponse\n"
        "r = VoiceResponse(); r.dial()\n"
        "print(sorted(d.code for d in r.validate()))",
        "import laml\nprint(sorted(d.code for d in laml.Response(laml.Dial()).validate()))",
    ],
)
def test_validate_on_an_element_in_a_fresh_process(program: str) -> None:
    """``.validate()`` works before ``laml.validate`` was ever used."""
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['LAML007']"


# ------------------------------------------------------- every attribute, any value

BREAKABLE = sorted(
    (
        (ours, name)
        for _, ours in twilio_classes()
        for name, field in ours._spec.fields.items()
        if not field.text and invalid_value(field.kind) is not None
    ),
    key=lambda pair: (pair[0].__name__, pair[1]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_value_given_any_way_writes_the_same_text(data: Any) -> None:
    """A value laml's checks refuse, given as a keyword, assigned to the attribute or set
    in ``attrs``, is written the same way (twilio-python's text), with a warning, and the
    element still reads, prints and pickles."""
    cls, name = data.draw(st.sampled_from(BREAKABLE))
    field = cls._spec.fields[name]
    strategy = invalid_value(field.kind)
    assert strategy is not None
    value = data.draw(strategy)
    text = str(value).lower() if isinstance(value, bool) else str(value)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        built: Node = cls(**{name: value})
        assigned: Node = cls()
        setattr(assigned, name, value)
        through_attrs: Any = cls()
        through_attrs.attrs[field.xml] = value
    assert len([w for w in caught if issubclass(w.category, laml.LamlWarning)]) == 3
    for node in (built, assigned, through_attrs):
        assert node.attributes == {field.xml: text}
        assert getattr(node, name) is not None
        assert repr(node)
        assert pickle.loads(pickle.dumps(node)) == node


# ------------------------------------------------- one number for a list attribute


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, "1"),  # SignalWire documents one integer
        (10, "10"),
        ("2", "2"),
        ([1, 2], "1 2"),  # Twilio documents a list
        ((3,), "3"),
        ("2 3", "2 3"),
    ],
)
def test_prompt_attempt_takes_one_number_or_a_list(value: Any, expected: str) -> None:
    """``Prompt(attempt=1)`` as SignalWire documents it builds, in laml's classes and in
    laml.twiml (without a warning)."""
    assert laml.Prompt(attempt=value).attributes == {"attempt": expected}
    with warnings.catch_warnings():
        warnings.simplefilter("error", laml.LamlWarning)
        assert lt_voice.Prompt(attempt=value).attributes == {"attempt": expected}


@pytest.mark.parametrize("value", [0, 11, True, 1.5, [], [0, 1], "one"])
def test_prompt_attempt_out_of_range(value: Any) -> None:
    with pytest.raises(laml.LamlValueError, match="an integer from 1 to 10, or a space-"):
        laml.Prompt(attempt=value)


@pytest.mark.parametrize(
    ("build", "expected", "phrases"),
    [
        # The text's warning, said once although the strict constructor saw it first.
        (
            lambda: lt_voice.Say("a\x00b", voice=True),
            '<Say voice="true">ab</Say>',
            ["<Say> text holds U+0000", "'voice' must be"],
        ),
        (
            lambda: lt_voice.VoiceResponse().say("a\x00b", loop=-1),
            '<Say loop="-1">ab</Say>',
            ["<Say> text holds U+0000", "'loop' must be"],
        ),
        (lambda: lt_voice.Say("a\x00b"), "<Say>ab</Say>", ["<Say> text holds U+0000"]),
        # A forbidden character in a value that is right without it: one warning.
        (
            lambda: lt_voice.Say("Hi", voice="alice\x01"),
            '<Say voice="alice">Hi</Say>',
            ["'voice' holds U+0001"],
        ),
        # A value still wrong without it: the character once, then what is left.
        (
            lambda: lt_voice.Say("Hi", voice="a\x00b"),
            '<Say voice="ab">Hi</Say>',
            ["'voice' holds U+0000", "'voice' must be man, woman, alice or an engine"],
        ),
        (
            lambda: lt_voice.Gather(num_digits="1\x00x"),
            '<Gather numDigits="1x" />',
            ["'numDigits' holds U+0000", "must be an integer of at least 1 (got '1x')"],
        ),
    ],
)
def test_each_objection_is_said_once(build: Any, expected: str, phrases: list[str]) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        node = build()
    messages = [str(w.message) for w in caught if issubclass(w.category, laml.LamlWarning)]
    assert node.to_xml(False) == expected
    assert len(messages) == len(phrases), messages
    for message, phrase in zip(messages, phrases, strict=True):
        assert phrase in message


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("num_digits", "<Gather> has no attribute 'num_digits' (did you mean numDigits?)"),
        ("numDigitz", "<Gather> has no attribute 'numDigitz' (did you mean numDigits?)"),
        ("zzz", "<Gather> has no attribute 'zzz'; written as twilio-python writes it"),
    ],
)
def test_attrs_names_the_xml_name_it_meant(key: str, message: str) -> None:
    """attrs takes XML names, so its warning suggests XML names; written as given."""
    gather = lt_voice.Gather()
    with pytest.warns(laml.LamlWarning) as caught:
        gather.attrs[key] = 3
    assert [str(w.message).startswith(message) for w in caught] == [True]
    assert gather.attributes == {key: "3"}


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (lambda: lt_voice.Number(""), "<Number />"),
        (lambda: lt_voice.Dial().number(phone_number="", send_digits="ww1"), None),
        # twilio-python's positional order: the destination first, then the attributes.
        (lambda: lt_voice.Dial().number("", "ww1"), '<Number sendDigits="ww1" />'),
        (
            lambda: lt_voice.Number("", "ww1", "/whisper"),
            '<Number sendDigits="ww1" url="/whisper" />',
        ),
        (lambda: lt_messaging.Message().media(""), "<Media />"),
        (lambda: lt_messaging.MessagingResponse().redirect("", "POST"), None),
    ],
)
def test_an_empty_destination_is_said_however_it_is_given(build: Any, expected: str | None) -> None:
    """An element whose text names a destination warns when it is empty, given by
    keyword or in twilio-python's positional order, and is written as twilio writes it."""
    with pytest.warns(laml.LamlWarning, match="is empty, so it names no destination") as caught:
        node = build()
    assert len(caught) == 1, [str(w.message) for w in caught]
    if expected is not None:
        assert node.to_xml(False) == expected
