"""Element classes at run time: undeclared attributes refused, real signatures and help."""

from __future__ import annotations

import inspect
import pydoc
import warnings
from typing import Any

import pytest
import twilio.twiml.voice_response as tw_voice

import laml
import laml.twiml.voice_response as lt_voice
from laml._model.node import Node

from .twilio_pairs import twilio_classes

ELEMENTS = sorted(
    (
        value
        for value in vars(laml).values()
        if isinstance(value, type)
        and issubclass(value, Node)
        and "_declared_init" in value.__dict__
    ),
    key=lambda cls: cls.__name__,
)


@pytest.mark.parametrize(
    ("build", "name", "suggestion"),
    [
        # (element, attribute assigned, what the message suggests)
        (lambda: laml.Gather(action="/menu"), "num_digitz", "did you mean num_digits?"),
        (lambda: laml.Say("Hi"), "voise", "did you mean voice?"),
        (lambda: laml.Dial(), "callerid", "did you mean caller_id or caller_name?"),
        (lambda: laml.Message("x"), "form_", "did you mean from_?"),
        (lambda: laml.Hangup(), "reason", "(<Hangup> takes: none)"),
        (lambda: laml.SsmlBreak(), "strenght", "did you mean strength?"),
    ],
)
def test_assigning_an_undeclared_attribute_raises(build: Any, name: str, suggestion: str) -> None:
    """The assignment raises LamlAttributeError (an AttributeError) instead of being lost."""
    node = build()
    before = node.to_xml()
    with pytest.raises(laml.LamlAttributeError, match=r"has no attribute") as raised:
        setattr(node, name, 3)
    assert isinstance(raised.value, AttributeError)
    assert suggestion in str(raised.value)
    assert node.to_xml() == before
    assert name not in vars(node)


def test_declared_attributes_still_assign() -> None:
    """Declared attributes set, convert, check and delete as before."""
    gather = laml.Gather(action="/menu")
    gather.num_digits = 3
    assert gather.to_xml(False) == '<Gather action="/menu" numDigits="3" />'
    gather.num_digits = None
    assert gather.to_xml(False) == '<Gather action="/menu" />'
    with pytest.raises(laml.LamlValueError):
        gather.num_digits = 0


def test_twilio_module_keeps_undeclared_attributes_with_a_warning() -> None:
    """twilio-python keeps any Python attribute; laml.twiml does too, and warns."""
    theirs = tw_voice.Gather(action="/menu")
    theirs.num_digitz = 3
    ours = lt_voice.Gather(action="/menu")
    with pytest.warns(laml.LamlWarning, match="did you mean num_digits"):
        ours.num_digitz = 3
    assert ours.num_digitz == 3
    assert ours.to_xml() == theirs.to_xml()


@pytest.mark.parametrize("cls", ELEMENTS, ids=lambda c: c.__name__)
def test_signature_shows_content_and_every_keyword(cls: type[Node]) -> None:
    """inspect.signature(cls) lists the declared content and each attribute keyword."""
    parameters = list(inspect.signature(cls).parameters.values())
    keywords = [p for p in parameters if p.kind is p.KEYWORD_ONLY]
    assert [p.name for p in keywords] == list(cls._spec.fields)
    assert all(p.default is None and p.annotation is not p.empty for p in keywords)
    content = [p for p in parameters if p.kind is p.VAR_POSITIONAL]
    assert len(content) + len(keywords) == len(parameters)
    if content:
        assert content[0].annotation is not inspect.Parameter.empty


def test_gather_signature_reads_like_its_declaration() -> None:
    """The example from the README: content first, then typed keywords."""
    signature = inspect.signature(laml.Gather)
    assert str(signature).startswith("(*content: 'Say | Play | Pause', input: ")
    assert signature.parameters["num_digits"].annotation == int | None
    assert "action: str | None = None" in str(signature)


def test_fluent_methods_show_the_signature_of_what_they_add() -> None:
    """A fluent method's signature is its element's, bound or not."""
    bound = inspect.signature(laml.Response().gather)
    assert bound.parameters == inspect.signature(laml.Gather).parameters
    unbound = inspect.signature(laml.Response.pause)
    assert list(unbound.parameters) == ["self", "length"]
    assert inspect.signature(lt_voice.VoiceResponse().gather).parameters == bound.parameters


@pytest.mark.parametrize(("theirs", "ours"), twilio_classes(), ids=lambda c: c.__name__)
def test_twilio_module_classes_show_the_same_signatures(theirs: type, ours: type[Node]) -> None:
    """laml.twiml's classes show the keywords of the laml class they extend."""
    native = next(c for c in ours.__mro__ if "_declared_init" in c.__dict__)
    assert inspect.signature(ours) == inspect.signature(native)


def test_help_lists_the_attributes() -> None:
    """help(Gather) names each attribute with its XML name and what it takes."""
    text = pydoc.render_doc(laml.Gather, renderer=pydoc.plaintext)
    assert "num_digits\n" in text
    assert "XML attribute 'numDigits': an integer of at least 1, or None when absent." in text
    assert "Gather(*content: 'Say | Play | Pause', input:" in text
    say_help = pydoc.render_doc(laml.Say.say_as, renderer=pydoc.plaintext)
    assert "interpret_as" in say_help


def test_twilio_only_attributes_say_so_in_help() -> None:
    """An attribute only Twilio documents says so in its help."""
    with warnings.catch_warnings():
        doc = inspect.getdoc(vars(laml.Gather)["barge_in"])
    assert doc is not None and "Twilio only" in doc


def test_twilio_module_keeps_private_state_without_a_warning() -> None:
    """A program's own state on an element (a subclass's ``self._calls``) is no
    attribute anybody meant to write: kept, as twilio-python keeps it, and not warned
    about, so ``error::laml.LamlWarning`` does not fail such a program."""

    class CountingResponse(lt_voice.VoiceResponse):
        def __init__(self) -> None:
            super().__init__()
            self._calls = 0

    with warnings.catch_warnings():
        warnings.simplefilter("error", laml.LamlWarning)
        response = CountingResponse()
        response._calls += 1
        say = lt_voice.Say("Hi")
        say._meta = {"from": "cache"}
    assert response._calls == 1 and say._meta == {"from": "cache"}
    assert response.to_xml(False) == "<Response />"
    with pytest.warns(laml.LamlWarning, match="has no attribute 'calls'"):
        response.calls = 2  # a public name still might be a misspelt attribute


def test_native_elements_keep_private_state_and_refuse_public_names() -> None:
    """laml's own classes keep a subclass's private state (``self._brand``): no
    attribute keyword starts with ``_``, so nothing meant for the document is lost. A
    public name the element lacks still raises, with the closest names."""

    class Menu(laml.Gather):
        def __init__(self, brand: str) -> None:
            super().__init__(num_digits=1)
            self._brand = brand

    menu = Menu("acme")
    menu._seen = True
    assert (menu._brand, menu._seen) == ("acme", True)
    assert menu.to_xml(False) == '<Gather numDigits="1" />'
    with pytest.raises(laml.LamlAttributeError, match="num_digits"):
        menu.num_digitz = 3


class BrandedSay(laml.Say):
    def __init__(self, text: str, brand: str = "acme") -> None:
        super().__init__(text, voice="Polly.Joanna")


class GreetingResponse(lt_voice.VoiceResponse):
    def __init__(self, greeting: str) -> None:
        super().__init__()
        self.say(greeting)


class QuietSay(lt_voice.Say):
    pass


@pytest.mark.parametrize(
    ("cls", "parameters"),
    [
        (BrandedSay, ["text", "brand"]),
        (GreetingResponse, ["greeting"]),
        (QuietSay, ["content", "message", "voice", "loop", "language"]),
        (laml.Say, ["content", "message", "voice", "loop", "language"]),
    ],
)
def test_signature_of_a_subclass_is_its_own_constructor(
    cls: type[Node], parameters: list[str]
) -> None:
    """A program's subclass with a constructor of its own shows that constructor
    (``help()``, IDEs); one without shows its element's keywords."""
    assert list(inspect.signature(cls).parameters) == parameters
