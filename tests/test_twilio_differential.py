"""laml.twiml against twilio-python 9.x: same names, same signatures, same bytes."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
import twilio.twiml as tw
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import laml.twiml as lt
from laml._model.node import Node

from .strategies import attributes_strategy, fluent_methods, markup_heavy_text
from .twilio_pairs import MODULES, ROOTS, make, public_names, twilio_builder_methods, twilio_classes


@pytest.mark.parametrize(("theirs", "ours"), MODULES, ids=lambda m: m.__name__)
def test_every_public_name_of_twilio_is_here(theirs: Any, ours: Any) -> None:
    """Every public name of each twilio.twiml module exists in the laml.twiml module."""
    missing = public_names(theirs) - public_names(ours)
    assert missing == set()


@pytest.mark.parametrize(("theirs", "ours"), twilio_classes(), ids=lambda c: c.__name__)
def test_same_tag_and_fluent_methods(theirs: type, ours: type[Node]) -> None:
    """Each class writes the same tag and has every fluent method, with the same parameters."""
    assert make(theirs).name == ours.tag
    methods = fluent_methods(ours)
    for name, method in twilio_builder_methods(theirs).items():
        assert name in methods, f"{ours.__name__} lacks {name}()"
        child = methods[name]
        parameters = [
            p.name
            for p in inspect.signature(method).parameters.values()
            if p.kind is p.POSITIONAL_OR_KEYWORD and p.name != "self"
        ]
        # Positional order matters: twilio-python code may pass attributes positionally.
        ours_order = [n for n in child._spec.order if n in parameters]
        assert ours_order == parameters, f"{ours.__name__}.{name}() parameters differ"


@pytest.mark.parametrize(("theirs", "ours"), twilio_classes(), ids=lambda c: c.__name__)
def test_same_xml_attribute_names(theirs: type, ours: type[Node]) -> None:
    """Each keyword twilio-python accepts writes the same XML attribute name in laml."""
    for name, method in twilio_builder_methods(theirs).items():
        child = fluent_methods(ours)[name]
        for parameter in list(inspect.signature(method).parameters)[1:]:
            if parameter == "kwargs":
                continue
            field = child._spec.fields[parameter]
            if field.text:
                continue
            expected = tw.lower_camel(tw.TwiML.MAP.get(parameter, parameter))
            assert field.xml == expected, f"{child.__name__}.{parameter}"


# ------------------------------------------------------------ random programs

Step = tuple[Any, ...]


@st.composite
def programs(draw: st.DrawFn, theirs: type, ours: type[Node], depth: int) -> list[Step]:
    """Random calls of the fluent API that twilio-python and laml share."""
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
        text_field = child._spec.text_field
        args = []
        if text_field is not None and text_field.name in parameters:
            required = signature[text_field.name].default is inspect.Parameter.empty
            if required or draw(st.booleans()):
                args.append(draw(markup_heavy_text))
        child_theirs = type(methods[name](make(theirs), *args, **kwargs))
        inner = draw(programs(child_theirs, child, depth - 1)) if depth else []
        steps.append(("call", name, args, kwargs, inner))
        child._spec.resolve_content()
        if ours._spec.accepts_text and draw(st.booleans()):
            # One string after a child is its tail in both libraries.
            steps.append(("text", draw(markup_heavy_text.filter(bool))))
    return steps


def run(program: list[Step], node: Any) -> None:
    for step in program:
        if step[0] == "text":
            node.append(step[1])
        else:
            _, name, args, kwargs, inner = step
            run(inner, getattr(node, name)(*args, **kwargs))


# An empty destination (<Number />) builds with a LamlWarning; the bytes are compared here.
@pytest.mark.filterwarnings("ignore::laml.LamlWarning")
@pytest.mark.parametrize(("theirs", "ours"), ROOTS, ids=lambda c: c.__name__)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_programs_write_the_same_bytes(theirs: type, ours: type[Node], data: Any) -> None:
    """Any program over the shared vocabulary writes byte-identical documents."""
    program = data.draw(programs(theirs, ours, 3))
    theirs_root, ours_root = theirs(), ours()
    run(program, theirs_root)
    run(program, ours_root)
    assert str(ours_root) == str(theirs_root)
    assert ours_root.to_xml(xml_declaration=False) == theirs_root.to_xml(xml_declaration=False)


def test_helpers_behave_like_twilio() -> None:
    """lower_camel and format_language give twilio-python's answers."""
    for word in ["", "a", "status_callback", "from_", "x_y_z", "already_Camel", "a__b", "_x"]:
        assert lt.lower_camel(word) == tw.lower_camel(word)
    for language in ["en_us", "EN-gb", "", None]:
        assert lt.format_language(language) == tw.format_language(language)
    for bad in ["english", "e-us", "en_usa"]:
        with pytest.raises(tw.TwiMLException):
            tw.format_language(bad)
        with pytest.raises(lt.TwiMLException):
            lt.format_language(bad)


def test_twilio_6_names_used_by_the_signalwire_package() -> None:
    """Code written for `signalwire` 2.x (twilio-python 6.54) keeps its method names."""
    from laml.twiml.voice_response import VoiceResponse

    response = VoiceResponse()
    say = response.say("Hi")
    say.ssml_break(time="1s")
    say.ssml_emphasis("now", level="strong")
    say.ssml_say_as("42", interpret_as="cardinal")
    response.refer().refer_sip("sip:alice@example.com")
    assert response.to_xml(xml_declaration=False) == (
        '<Response><Say>Hi<break time="1s" /><emphasis level="strong">now</emphasis>'
        '<say-as interpret-as="cardinal">42</say-as></Say>'
        "<Refer><Sip>sip:alice@example.com</Sip></Refer></Response>"
    )
