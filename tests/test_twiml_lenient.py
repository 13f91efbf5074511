"""laml.twiml builds whatever twilio-python builds, byte for byte, and warns where laml objects."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
import twilio.twiml as tw
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import laml
import laml.twiml as lt
import laml.twiml.messaging_response as lt_messaging
import laml.twiml.voice_response as lt_voice
from laml._model import fields as f
from laml._model.node import Node, twilio_attribute_name

from .strategies import attributes_strategy, fluent_methods, markup_heavy_text
from .twilio_pairs import ROOTS, make, twilio_builder_methods, twilio_classes


def run_both(code: str) -> tuple[str, str, list[str]]:
    """Run ``code`` against twilio.twiml and laml.twiml; their ``out`` and laml's warnings."""
    theirs: dict[str, Any] = {}
    exec(code.format(m="twilio.twiml"), theirs)
    ours: dict[str, Any] = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        exec(code.format(m="laml.twiml"), ours)
    messages = [str(w.message) for w in caught if issubclass(w.category, laml.LamlWarning)]
    return theirs["out"], ours["out"], messages


# (program, the bytes twilio-python writes, a phrase of each laml warning)
PROGRAMS = [
    (
        "from {m} import TwiML\nt = TwiML(); t.value = 'An utf-8 character: ñ'; out = t.to_xml()",
        '<?xml version="1.0" encoding="UTF-8"?><TwiML>An utf-8 character: ñ</TwiML>',
        ["TwiML() writes <TwiML>"],
    ),
    (
        "from {m}.messaging_response import MessagingResponse\n"
        "r = MessagingResponse(); r.append('No tags!'); out = r.to_xml(False)",
        "<Response>No tags!</Response>",
        ["<Response> takes no text"],
    ),
    (
        "from {m}.messaging_response import MessagingResponse, Body, Media\n"
        "r = MessagingResponse(); r.append(Body('Hello')); r.append(Media('a.jpg'))\n"
        "out = r.to_xml(False)",
        "<Response><Body>Hello</Body><Media>a.jpg</Media></Response>",
        ["<Body> cannot go inside <Response>", "<Media> cannot go inside <Response>"],
    ),
    (
        "from {m}.voice_response import Hangup\n"
        "h = Hangup(); h.parameter(name='paid', value=False); out = h.to_xml(False)",
        '<Hangup><Parameter name="paid" value="false" /></Hangup>',
        ["<Parameter> attribute 'value' must be text (got False)"],
    ),
    (
        "from {m}.voice_response import Say\n"
        "s = Say('Hi'); s.say_as('x', interpret_as='spell-out', role='yyyymmdd')\n"
        "out = s.to_xml(False)",
        '<Say>Hi<say-as interpret-as="spell-out" role="yyyymmdd">x</say-as></Say>',
        ["<say-as> has no attribute 'role'"],
    ),
    (
        "from {m}.voice_response import VoiceResponse\n"
        "r = VoiceResponse(); r.redirect('/x', method='get'); out = r.to_xml(False)",
        '<Response><Redirect method="get">/x</Redirect></Response>',
        ["<Redirect> attribute 'method' must be one of 'GET', 'POST' (got 'get')"],
    ),
    (
        "from {m}.voice_response import VoiceResponse\n"
        "r = VoiceResponse(); r.dial('+15550001111', timeout=2); out = r.to_xml(False)",
        '<Response><Dial timeout="2">+15550001111</Dial></Response>',
        ["<Dial> attribute 'timeout' must be an integer from 5 to 600 (got 2)"],
    ),
    (
        "from {m}.voice_response import VoiceResponse\n"
        "r = VoiceResponse(); r.gather(num_digits=0); out = r.to_xml(False)",
        '<Response><Gather numDigits="0" /></Response>',
        ["'numDigits' (num_digits=) must be an integer of at least 1 (got 0)"],
    ),
    (
        "from {m}.voice_response import VoiceResponse\n"
        "r = VoiceResponse(); r.dial(foo='bar'); out = r.to_xml(False)",
        '<Response><Dial foo="bar" /></Response>',
        ["<Dial> has no attribute 'foo' (foo=)"],
    ),
    (
        # A misspelt keyword: written as twilio writes it, the warning suggests the name.
        "from {m}.voice_response import VoiceResponse\n"
        "r = VoiceResponse(); r.gather(num_digitz=3); out = r.to_xml(False)",
        '<Response><Gather numDigitz="3" /></Response>',
        ["did you mean num_digits?"],
    ),
    (
        "from {m}.voice_response import Say\nout = Say('Hi', loop=-1, voice=True).to_xml(False)",
        '<Say loop="-1" voice="true">Hi</Say>',
        ["'loop' must be an integer of at least 0 (got -1)", "'voice' must be"],
    ),
    (
        "from {m}.voice_response import VoiceResponse, Gather\n"
        "r = VoiceResponse(); g = r.gather(); g.append(VoiceResponse().dial('1'))\n"
        "out = r.to_xml(False)",
        "<Response><Gather><Dial>1</Dial></Gather></Response>",
        ["<Dial> cannot go inside <Gather>"],
    ),
    (
        "from {m}.voice_response import VoiceResponse\n"
        "r = VoiceResponse(); r.hangup().append('bye'); out = r.to_xml(False)",
        "<Response><Hangup>bye</Hangup></Response>",
        ["<Hangup> takes no text"],
    ),
    (
        # A twilio-style element of one's own: no warning, validation reports it.
        "from {m} import TwiML\n"
        "class Custom(TwiML):\n"
        "    def __init__(self, text, **kwargs):\n"
        "        super().__init__(**kwargs)\n"
        "        self.name = 'Custom'\n"
        "        self.value = text\n"
        "out = Custom('x', some_thing=1).to_xml(False)",
        '<Custom someThing="1">x</Custom>',
        [],
    ),
    (
        # What twilio accepts without complaint, laml.twiml accepts silently.
        "from {m}.voice_response import VoiceResponse\n"
        "r = VoiceResponse(); r.say('Hi', voice='alice', loop=2).break_(time='1s')\n"
        "r.dial(caller_id='+15550001111').number('+15550002222'); out = r.to_xml(False)",
        '<Response><Say loop="2" voice="alice">Hi<break time="1s" /></Say>'
        '<Dial callerId="+15550001111"><Number>+15550002222</Number></Dial></Response>',
        [],
    ),
]


@pytest.mark.parametrize(("code", "expected", "phrases"), PROGRAMS)
def test_twilio_programs_build_the_same_bytes(code: str, expected: str, phrases: list[str]) -> None:
    """Each program writes twilio-python's bytes; laml warns once for each objection."""
    theirs, ours, messages = run_both(code)
    assert theirs.removeprefix('<?xml version="1.0" encoding="UTF-8"?>') == (
        expected.removeprefix('<?xml version="1.0" encoding="UTF-8"?>')
    )
    assert ours == theirs
    assert len(messages) == len(phrases), messages
    for message, phrase in zip(messages, phrases, strict=True):
        assert phrase in message
        assert "SignalWire" in message


def test_what_twilio_raises_raises_twiml_exception() -> None:
    """Nesting something that is neither an element nor text is twilio's TwiMLException."""
    for library in (tw, lt):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            node = library.TwiML()
        with pytest.raises(library.TwiMLException, match="Only nesting of TwiML and strings"):
            node.append(12345)
    with pytest.raises(lt.TwiMLException):
        lt_voice.VoiceResponse().nest(object())
    assert issubclass(lt.TwiMLException, laml.LamlError)


@pytest.mark.parametrize(
    ("build", "expected", "phrase"),
    [
        (lambda: lt_voice.Say("a\x00b\x1fc"), "<Say>abc</Say>", "U+0000"),
        (lambda: lt_voice.Say("Hi", voice="ali\x0bce"), '<Say voice="alice">Hi</Say>', "U+000B"),
        (lambda: lt_voice.Redirect("/x\ufffe"), "<Redirect>/x</Redirect>", "U+FFFE"),
        (lambda: lt_voice.Dial(**{"a b": 1}), "<Dial />", "not an XML attribute name"),
        (lambda: lt_voice.VoiceResponse().append("\x01"), "<Response />", "U+0001"),
    ],
)
def test_characters_xml_forbids_are_dropped(build: Any, expected: str, phrase: str) -> None:
    """What would make the document unparseable is never written: dropped, with a warning."""
    with pytest.warns(laml.LamlWarning, match=re.escape(phrase)):
        node = build()
    assert node.to_xml(xml_declaration=False) == expected
    etree.fromstring(node.to_xml().encode())


@pytest.mark.parametrize(
    ("build", "error"),
    [
        (lambda: laml.Gather(num_digits=0), laml.LamlValueError),
        (lambda: laml.Dial(foo="bar"), laml.LamlTypeError),
        (lambda: laml.Redirect("/x", method="get"), laml.LamlValueError),
        (lambda: laml.MessagingResponse().append("No tags!"), laml.LamlTypeError),
        (lambda: laml.Say("Hi").say_as("x", role="yyyymmdd"), laml.LamlTypeError),
        (lambda: laml.Response().append(laml.Body("x")), laml.LamlTypeError),
    ],
)
def test_native_classes_stay_strict(build: Any, error: type[Exception]) -> None:
    """laml's own classes raise where laml.twiml warns."""
    with pytest.raises(error):
        build()


def test_twins_are_laml_elements() -> None:
    """A laml.twiml element is the laml element, and a TwiML; what it builds is lenient too."""
    say = lt_voice.VoiceResponse().say("Hi")
    assert isinstance(say, laml.Say) and isinstance(say, lt.TwiML)
    assert type(say) is lt_voice.Say
    assert type(say.break_(time="1s")) is lt_voice.SsmlBreak
    assert isinstance(lt_messaging.MessagingResponse().message("x"), laml.Message)
    assert lt_voice.Say("Hi") == lt_voice.Say("Hi")
    assert repr(lt_voice.Say("Hi", loop=2)) == "Say('Hi', loop=2)"


def test_twilio_attributes_of_an_element() -> None:
    """name, value, verbs and attrs read as twilio-python's do."""
    say = lt_voice.Say("Hi", voice="alice")
    assert (say.name, say.value) == ("Say", "Hi")
    say.value = "Bye"
    assert say.to_xml(False) == '<Say voice="alice">Bye</Say>'
    assert dict(say.attrs) == {"voice": "alice"}
    response = lt_voice.VoiceResponse()
    response.append(say)
    assert response.verbs == [say]
    with pytest.warns(laml.LamlWarning, match="has no attribute 'x'"):
        response.attrs["x"] = "1"
    assert response.to_xml(False) == '<Response x="1"><Say voice="alice">Bye</Say></Response>'


def test_lenient_documents_are_reported_by_validation() -> None:
    """What laml.twiml let through, laml.validate reports."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", laml.LamlWarning)
        response = lt_voice.VoiceResponse()
        response.dial("+15550001111", timeout=2)
        response.redirect("/x", method="get")
    codes = {d.code for d in response.validate()}
    assert {"LAML003", "13221"} <= codes


def test_warnings_point_at_the_callers_line() -> None:
    """The warning names the user's file and line, not laml's."""
    with pytest.warns(laml.LamlWarning) as caught:
        lt_voice.VoiceResponse().gather(num_digits=0)
    assert caught[0].filename == __file__


def test_warnings_become_errors_with_the_documented_filter(tmp_path: Path) -> None:
    """pytest's `filterwarnings = error::laml.LamlWarning` (as the README says) fails a test."""
    (tmp_path / "test_app.py").write_text(
        "from laml.twiml.voice_response import VoiceResponse\n"
        "def test_dial():\n"
        "    VoiceResponse().dial(foo='x')\n"
    )
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", str(tmp_path)]
    setting = ["-o", "filterwarnings=error::laml.LamlWarning"]
    strict = subprocess.run(
        command + setting, capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert strict.returncode == 1, strict.stdout
    assert "LamlWarning: <Dial> has no attribute 'foo'" in strict.stdout


# ------------------------------------------------------------ random lenient programs

Step = tuple[Any, ...]
UNKNOWN = st.from_regex(r"x[a-z]{1,6}(_[a-z]{1,4})?", fullmatch=True)


def is_known(cls: type[Node], keyword: str) -> bool:
    """Whether ``keyword`` names one of the element's attributes in any spelling."""
    spec = cls._spec
    return (
        keyword in spec.fields
        or keyword in spec.by_xml
        or twilio_attribute_name(keyword) in spec.by_xml
    )


def invalid_value(kind: f.Kind) -> st.SearchStrategy[Any] | None:
    """Values ``kind`` refuses that twilio-python writes as str() does, or None."""
    if isinstance(kind, f.Integer) and (kind.low is not None or kind.high is not None):
        options = []
        if kind.low is not None:
            options.append(st.integers(kind.low - 1000, kind.low - 1))
        if kind.high is not None:
            options.append(st.integers(kind.high + 1, kind.high + 1000))
        return st.one_of(options)
    if isinstance(kind, f.Enum):
        return st.from_regex(r"[A-Z][a-zA-Z]{0,5}", fullmatch=True).filter(
            lambda v: v not in kind.values
        )
    if isinstance(kind, f.Boolean):
        return st.sampled_from(["yes", "no", "True", "1"])
    return None


@st.composite
def lenient_programs(
    draw: st.DrawFn, theirs: type, ours: type[Node], depth: int, warned: list[bool]
) -> list[Step]:
    """Random calls of the shared fluent API with unknown keywords, values out of range
    and misplaced children mixed in. ``warned[0]`` learns whether laml must warn,
    ``warned[1]`` whether it may (an element appended where it belongs, built with
    twilio's placeholder text, may still hold a value laml objects to)."""
    methods = twilio_builder_methods(theirs)
    ours_methods = fluent_methods(ours)
    steps: list[Step] = []
    for _ in range(draw(st.integers(0, 3 if depth and methods else 0))):
        name = draw(st.sampled_from(sorted(methods)))
        child = ours_methods[name]
        signature = inspect.signature(methods[name]).parameters
        parameters = list(signature)[1:]
        names = [p for p in parameters if p in child._spec.fields]
        kwargs = draw(attributes_strategy(child, names, strings_only=True))
        if draw(st.booleans()):
            unknown = draw(UNKNOWN.filter(lambda n, child=child: not is_known(child, n)))
            kwargs[unknown] = draw(st.one_of(st.integers(), st.booleans(), markup_heavy_text))
            warned[0] = True
        breakable = [n for n in names if invalid_value(child._spec.fields[n].kind) is not None]
        if breakable and draw(st.booleans()):
            broken = draw(st.sampled_from(breakable))
            strategy = invalid_value(child._spec.fields[broken].kind)
            assert strategy is not None
            kwargs[broken] = draw(strategy)
            warned[0] = True
        text_field = child._spec.text_field
        args = []
        if text_field is not None and text_field.name in parameters:
            required = signature[text_field.name].default is inspect.Parameter.empty
            if required or draw(st.booleans()):
                args.append(draw(markup_heavy_text))
                if args[-1] == "" and child.needs_text:
                    warned[0] = True  # a destination that names nothing
        child_theirs = type(methods[name](make(theirs), *args, **kwargs))
        inner = draw(lenient_programs(child_theirs, child, depth - 1, warned)) if depth else []
        steps.append(("call", name, args, kwargs, inner))
        if draw(st.integers(0, 4)) == 0:
            # Any element, wherever it lands; a warning when its parent does not take it.
            theirs_class, ours_class = draw(st.sampled_from(PAIRS))
            steps.append(("append", theirs_class, ours_class))
            if issubclass(ours_class, ours._spec.children):
                warned[1] = True
            else:
                warned[0] = True
    return steps


def rebuild_arguments(cls: type) -> list[str]:
    """The placeholder arguments ``make`` gives a twilio-python class."""
    return [
        "x"
        for p in inspect.signature(cls).parameters.values()
        if p.default is p.empty and p.kind is p.POSITIONAL_OR_KEYWORD
    ]


PAIRS = sorted(twilio_classes(), key=lambda pair: pair[0].__name__)


def run(program: list[Step], node: Any, side: int) -> None:
    for step in program:
        if step[0] == "append":
            # Both sides built with the arguments twilio's constructor requires.
            required = make(step[1])
            node.append(required if side == 0 else step[2](*rebuild_arguments(step[1])))
        else:
            _, name, args, kwargs, inner = step
            run(inner, getattr(node, name)(*args, **kwargs), side)


@pytest.mark.parametrize(("theirs", "ours"), ROOTS, ids=lambda c: c.__name__)
@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_lenient_programs_write_twilio_bytes(
    theirs: type, ours: type[Node], data: Any
) -> None:
    """Unknown keywords, values out of range, misplaced children: twilio's bytes, a warning."""
    warned = [False, False]
    program = data.draw(lenient_programs(theirs, ours, 2, warned))
    theirs_root, ours_root = theirs(), ours()
    run(program, theirs_root, 0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        run(program, ours_root, 1)
    assert ours_root.to_xml(xml_declaration=False) == theirs_root.to_xml(xml_declaration=False)
    lamls = [w for w in caught if issubclass(w.category, laml.LamlWarning)]
    if warned[0]:
        assert lamls
    elif not warned[1]:
        assert lamls == [], [str(w.message) for w in lamls]


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("laml.twiml.voice_response", "Gather"),
        ("laml.twiml.voice_response", "SsmlBreak"),
        ("laml.twiml.messaging_response", "Message"),
        ("laml.twiml.fax_response", "Receive"),
    ],
)
def test_help_on_a_twiml_class_names_its_module_and_explains_every_method(
    module: str, name: str
) -> None:
    """help() of a laml.twiml class -> it says the module it was imported from, and no
    method is left with Python's placeholder text."""
    import importlib
    import pydoc

    cls = getattr(importlib.import_module(module), name)
    assert cls.__module__ == module
    text = pydoc.render_doc(cls, renderer=pydoc.plaintext)
    assert f"in module {module}" in text
    assert "See help(type(self)) for accurate signature" not in text
