"""The content model speaks with one voice: the builder, the parser and the validator
give the same sentence (and the parser and validator the same code) for each fault."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import laml
from laml import Conference, Denoise, Dial, Gather, Hangup, Number, Say
from laml._model.node import did_you_mean

FAULTS: list[tuple[Callable[[], object], str, str, str]] = [
    (lambda: Gather(method="PUT"), '<Response><Gather method="PUT"/></Response>', "13221",  # type: ignore[arg-type]
     "<Gather> attribute 'method' must be one of 'GET', 'POST' (got 'PUT')"),
    (lambda: Say("x", voice="robot"), '<Response><Say voice="robot">x</Say></Response>',
     "LAML003", "<Say> attribute 'voice' must be "),
    (lambda: Gather(Hangup()), "<Response><Gather><Hangup/></Gather></Response>", "LAML006",  # type: ignore[arg-type]
     "<Hangup> cannot go inside <Gather>; <Gather> takes: Say, Play, Pause"),
    (lambda: Dial(Say("x")), "<Response><Dial><Say>x</Say></Dial></Response>", "13215",  # type: ignore[arg-type]
     "<Say> cannot go inside <Dial>; <Dial> takes: text, "),
    (lambda: Gather().append("text"), "<Response><Gather>text</Gather></Response>", "LAML005",
     "<Gather> cannot contain text (found 'text')"),
    (lambda: Denoise("maybe"), "<Response><Denoise>maybe</Denoise></Response>",
     "LAML005", "<Denoise> text must be one of 'on', 'off' (got 'maybe')"),
]  # fmt: skip


@pytest.mark.parametrize(("build", "document", "code", "message"), FAULTS)
def test_builder_parser_and_validator_say_the_same(
    build: Callable[[], object], document: str, code: str, message: str
) -> None:
    """One fault, three entry points, one sentence."""
    with pytest.raises(laml.LamlError) as built:
        build()
    with pytest.raises(laml.ParseError) as parsed:
        laml.parse(document)
    (found,) = [d for d in laml.validate(document) if d.severity == "error"]
    assert str(built.value).startswith(message)
    assert parsed.value.reason == str(built.value) == found.message
    assert parsed.value.code == found.code == code


@pytest.mark.parametrize(
    ("document", "takes"),
    [
        ("<Response><Number>+15551234567</Number></Response>", "Connect, Denoise, Dial, "),
        ("<Response><Conference>room</Conference></Response>", "Redirect, Refer, Reject, "),
    ],
)
def test_a_misplaced_verb_under_the_root_reads_the_same_when_parsed_and_validated(
    document: str, takes: str
) -> None:
    """Under the root, the parser and the validator give SignalWire's 13750 and name the
    verbs of the document's kind (not what twilio-python builds there)."""
    with pytest.raises(laml.ParseError) as parsed:
        laml.parse(document)
    (found,) = laml.validate(document)
    assert parsed.value.reason == found.message
    assert parsed.value.code == found.code == "13750"
    assert takes in found.message
    assert "Queue" not in found.message


def test_a_builder_value_error_also_names_the_keyword() -> None:
    """Where the keyword differs from the XML name, the builder's sentence names both;
    otherwise it is the parser's and the validator's."""
    document = '<Response><Dial><Number sendDigits="12x">+15551234567</Number></Dial></Response>'
    with pytest.raises(laml.LamlValueError) as built:
        Number("+15551234567", send_digits="12x")
    with pytest.raises(laml.ParseError) as parsed:
        laml.parse(document)
    (found,) = laml.validate(document)
    assert parsed.value.reason == found.message
    assert parsed.value.code == found.code == "13222"
    assert str(built.value) == found.message.replace("'sendDigits'", "'sendDigits' (send_digits=)")


def test_an_unknown_attribute_reads_the_same_when_parsed_and_validated() -> None:
    """The parser and the validator name the close names and what the element takes."""
    document = "<Response><Say voise='alice'>x</Say></Response>"
    with pytest.raises(laml.ParseError) as parsed:
        laml.parse(document)
    (found,) = laml.validate(document)
    expected = (
        "<Say> has no attribute 'voise'; did you mean voice? (it takes: language, loop, voice)"
    )
    assert parsed.value.reason == found.message == expected
    assert parsed.value.code == found.code == "LAML002"


def test_a_builder_keyword_gets_the_same_suggestion() -> None:
    """The builder speaks of keywords, but suggests with the same rule."""
    with pytest.raises(laml.LamlTypeError, match="did you mean voice\\?"):
        Say("x", voise="alice")  # type: ignore[call-arg]
    with pytest.raises(laml.LamlTypeError, match="did you mean beep\\?"):
        Conference("room", BEEP=True)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("name", "candidates", "expected"),
    [
        ("voise", ["voice", "loop", "language"], "; did you mean voice?"),
        ("VOICE", ["voice", "loop"], "; did you mean voice?"),
        ("numDigit", ["numDigits", "finishOnKey"], "; did you mean numDigits?"),
        ("zzz", ["voice", "loop"], ""),
        ("x", [], ""),
        ("actio", ["action", "actions"], "; did you mean action or actions?"),
    ],
)
def test_did_you_mean(name: str, candidates: list[str], expected: str) -> None:
    """Case first, then up to two close spellings, else nothing."""
    assert did_you_mean(name, candidates) == expected


UNKNOWN = [
    ("<Response><Sya>Hi</Sya></Response>", "13750", "<Sya> is not a cXML element; did you mean <Say>?"),
    ("<Response><say>Hi</say></Response>", "13750",
     "<say> is not a cXML element; names are case-sensitive: did you mean <Say>?"),
    ("<Response><Gather><Paly>a.mp3</Paly></Gather></Response>", "LAML001",
     "<Paly> is not a cXML element; did you mean <Play>?"),
    ("<Response><Foo/></Response>", "13750", "<Foo> is not a cXML element"),
]  # fmt: skip


@pytest.mark.parametrize(("document", "code", "message"), UNKNOWN)
def test_an_unknown_element_gets_one_verdict_from_parser_and_validator(
    document: str, code: str, message: str
) -> None:
    """A name cXML does not have: the same code and sentence from parse and validate."""
    with pytest.raises(laml.ParseError) as parsed:
        laml.parse(document)
    (found,) = laml.validate(document)
    assert (parsed.value.code, str(parsed.value.reason)) == (found.code, found.message)
    assert (found.code, found.message) == (code, message)
