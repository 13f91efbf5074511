"""Findings on real documents: the document kind, empty values, SignalWire's own lists
and types, and 'did you mean' for misspelt elements. Each row holds with and without
the gate schema."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import laml
from laml.validation import validator


@pytest.fixture(params=[True, False], ids=["gate", "no-gate"])
def gate(request: pytest.FixtureRequest) -> Iterator[None]:
    saved = validator.USE_GATE
    validator.USE_GATE = request.param
    try:
        yield
    finally:
        validator.USE_GATE = saved


def doc(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><Response>{body}</Response>'


def findings(document: str, **options: str) -> list[tuple[str, str, str]]:
    return [(d.code, d.severity, d.message) for d in laml.validate(document, **options)]  # type: ignore[arg-type]


# (document, dialect, [(code, severity, words in the message)]): exactly these findings.
CASES = [
    # A call that also sends an SMS, as Twilio's quickstarts write it.
    (
        '<Say>Thanks for calling</Say><Message to="+15551112222">Hi</Message>',
        "signalwire",
        [("13750", "error", "<Message> in a call is how Twilio sends an SMS")],
    ),
    ('<Say>Thanks</Say><Message to="+15551112222">Hi</Message>', "twilio", []),
    (
        '<Message to="+15551112222">Hi</Message><Gather><Say>Press 1</Say></Gather>',
        "signalwire",
        [("13750", "error", "send it with <Sms>")],
    ),
    ('<Message to="+15551112222">Hi</Message><Redirect>/next</Redirect>', "signalwire", []),
    ('<Sms to="+15551112222">Hi</Sms><Say>Sent</Say>', "signalwire", []),
    (
        "<Message>Hi</Message><Receive/>",
        "signalwire",
        [("13750", "error", "<Receive> is not a verb of messaging documents")],
    ),
    # Empty destinations and values.
    ("<Dial/>", "signalwire", [("LAML007", "error", "<Dial> has nothing to dial")]),
    ("<Dial>  </Dial>", "signalwire", [("LAML007", "error", "<Dial> has nothing to dial")]),
    (
        "<Dial><Number></Number></Dial>",
        "signalwire",
        [("13223", "error", "<Number> is empty: it gives no number to dial")],
    ),
    (
        "<Dial><Number> </Number></Dial>",
        "signalwire",
        [("13223", "error", "<Number> is empty")],
    ),
    (
        '<Dial callerId="">+15551112222</Dial>',
        "signalwire",
        [("13223", "warning", "<Dial> callerId '' is not an E.164 number")],
    ),
    (
        '<Dial callerId=""><Sip>sip:a@example.com</Sip></Dial>',
        "signalwire",
        [("LAML003", "error", "'callerId' dialing <Sip> must be letters")],
    ),
    (
        "<Dial><Sip/></Dial>",
        "signalwire",
        [("LAML007", "error", "<Sip> is empty: it gives no SIP URI")],
    ),
    (
        "<Dial><Conference></Conference></Dial>",
        "signalwire",
        [("LAML007", "error", "<Conference> is empty: it gives no conference name")],
    ),
    ("<Dial><Queue/></Dial>", "signalwire", [("LAML007", "error", "<Queue> is empty")]),
    ("<Dial><Verto/></Dial>", "signalwire", [("LAML007", "error", "<Verto> is empty")]),
    ("<Refer><Sip/></Refer>", "signalwire", [("LAML007", "error", "<Sip> is empty")]),
    ("<Connect><Room/></Connect>", "signalwire", [("LAML007", "error", "<Room> is empty")]),
    (
        "<Dial><Client><Identity>alice</Identity></Client></Dial>",
        "twilio",
        [],
    ),
    ("<Dial><Client/></Dial>", "twilio", [("LAML007", "error", "<Client> is empty")]),
    (
        "<Dial><Sip>alice@example.com</Sip></Dial>",
        "signalwire",
        [("LAML005", "error", "<Sip> text 'alice@example.com' is not a SIP URI")],
    ),
    ("<Dial><Sip>sip:alice@example.com;transport=udp</Sip></Dial>", "signalwire", []),
    (
        "<Dial><Sip>sip:alice smith@example.com</Sip></Dial>",
        "signalwire",
        [("LAML005", "error", "holds whitespace, which a SIP URI cannot")],
    ),
    (
        "<Dial><Sip>sips:</Sip></Dial>",
        "signalwire",
        [("LAML005", "error", "gives no address after 'sips:'")],
    ),
    (
        "<Dial><Sip>sip:alice@</Sip></Dial>",
        "signalwire",
        [("LAML005", "error", "gives no address after 'sip:' (sip:user@host)")],
    ),
    ("<Dial><Sip><Uri>sip:alice@example.com</Uri></Sip></Dial>", "twilio", []),
    (
        "<Dial><Sip><Uri>alice@example.com</Uri></Sip></Dial>",
        "twilio",
        [("LAML005", "error", "<Uri> text 'alice@example.com' is not a SIP URI")],
    ),
    # A space in a stream's URL is one fault, said once.
    (
        '<Start><Stream url="wss://a.example.com/s x"/></Start>',
        "signalwire",
        [("LAML024", "error", "it holds whitespace")],
    ),
    (
        '<Start><Stream url="https://a.example.com/s"/></Start>',
        "signalwire",
        [("31922", "error", "must be a wss:// URL")],
    ),
    # A name that is blank names nothing: a conference stream's, a parameter's.
    (
        '<Dial><Conference>room<Stream name="" url="wss://a.example.com/s"/></Conference></Dial>',
        "signalwire",
        [("LAML003", "error", "<Stream> attribute 'name' must be a name that is not blank")],
    ),
    (
        '<Start><Stream url="wss://a.example.com/s"><Parameter name="\u00a0" value=""/>'
        "</Stream></Start>",
        "signalwire",
        [("LAML003", "error", "<Parameter> attribute 'name' must be a name that is not blank")],
    ),
    (
        '<Start><Stream url="wss://a.example.com/s"><Parameter name="a" value=""/></Stream></Start>',
        "signalwire",
        [],
    ),
    # Twilio's <Client> and <Application> may take their name from a child element,
    # which must then name something.
    ("<Dial><Client><Identity>alice</Identity></Client></Dial>", "twilio", []),
    (
        "<Dial><Client><Identity> </Identity></Client></Dial>",
        "twilio",
        [("LAML007", "error", "<Client> is empty: it gives no client identity")],
    ),
    (
        '<Dial><Client><Parameter name="a" value="b"/></Client></Dial>',
        "twilio",
        [("LAML007", "error", "<Client> is empty")],
    ),
    ('<Dial><Client>alice<Parameter name="a" value="b"/></Client></Dial>', "twilio", []),
    ("<Dial><Application><ApplicationSid>AP1</ApplicationSid></Application></Dial>", "twilio", []),
    (
        "<Dial><Application><ApplicationSid/></Application></Dial>",
        "twilio",
        [("LAML007", "error", "<Application> is empty: it gives no application SID")],
    ),
    (
        "<Redirect>ftp://example.com/x</Redirect>",
        "signalwire",
        [("LAML024", "error", "<Redirect> text 'ftp://example.com/x' is not a usable URL")],
    ),
    (
        '<Gather action="http:/next"/>',
        "signalwire",
        [("LAML024", "error", "<Gather> attribute 'action' 'http:/next' is not a usable URL")],
    ),
    (
        '<Message to="">Hi</Message>',
        "signalwire",
        [("13223", "warning", "<Message> attribute 'to' '' is not an E.164 number")],
    ),
    (
        '<Gather method=""/>',
        "signalwire",
        [("13221", "error", "'method' must be one of 'GET', 'POST' (got '')")],
    ),
    ("<Enqueue/>", "signalwire", [("14204", "error", "needs a queue name")]),
    # Twilio's TaskRouter form names a workflow instead of a queue.
    ('<Enqueue workflowSid="WW1"><Task>{}</Task></Enqueue>', "twilio", []),
    ('<Enqueue workflowSid="WW1">support</Enqueue>', "twilio", []),
    (
        '<Enqueue workflowSid=" "><Task>{}</Task></Enqueue>',
        "twilio",
        [("14204", "error", "needs a queue name as its text, or a workflowSid")],
    ),
    ("<Enqueue/>", "twilio", [("14204", "error", "or a workflowSid")]),
    ("<Redirect> </Redirect>", "signalwire", [("LAML024", "error", "<Redirect> is empty")]),
    (
        '<Message to="+15551112222"><Body>Hi</Body><Media></Media></Message>',
        "signalwire",
        [("LAML024", "error", "<Media> is empty: it gives no URL")],
    ),
    ('<Play digits="ww1"></Play>', "signalwire", []),
    # A <Play> with neither a URL nor digits plays nothing.
    ("<Play/>", "signalwire", [("LAML024", "error", "<Play> is empty: it gives no URL")]),
    ('<Play digits=""> </Play>', "twilio", [("LAML024", "error", "and no digits")]),
    ("<Gather><Play></Play></Gather>", "signalwire", [("LAML024", "error", "<Play> is empty")]),
    ('<Play loop="2">https://example.com/a.mp3</Play>', "signalwire", []),
    # In the signalwire dialect, "allowed" names only SignalWire's values.
    (
        '<Dial><Conference statusCallbackEvent="start bogus">room</Conference></Dial>',
        "signalwire",
        [("LAML003", "error", "'join', 'leave', 'mute', 'hold', 'speaker' (got 'start bogus')")],
    ),
    (
        '<Dial><Conference statusCallbackEvent="start bogus">room</Conference></Dial>',
        "twilio",
        [("LAML003", "error", "'speaker', 'modify', 'announcement' (got 'start bogus')")],
    ),
    (
        '<Dial><Conference statusCallbackEvent="start modify">room</Conference></Dial>',
        "signalwire",
        [("LAML012", "warning", "'modify' is Twilio's")],
    ),
    # SignalWire's own type: one attempt number.
    (
        '<Pay><Prompt for="payment-card-number" attempt="1 2"><Say>Card</Say></Prompt></Pay>',
        "signalwire",
        [("LAML012", "warning", "SignalWire documents an integer from 1 to 10")],
    ),
    (
        '<Pay><Prompt for="payment-card-number" attempt="1 2"><Say>Card</Say></Prompt></Pay>',
        "twilio",
        [],
    ),
    (
        '<Pay><Prompt for="payment-card-number" attempt="3"><Say>Card</Say></Prompt></Pay>',
        "signalwire",
        [],
    ),
    (
        '<Pay><Prompt for="payment-card-number" attempt="11"><Say>Card</Say></Prompt></Pay>',
        "signalwire",
        [("LAML003", "error", "'attempt' must be an integer from 1 to 10 (got '11')")],
    ),
    # Misspelt elements, like misspelt attributes, get a suggestion.
    (
        "<Sya>Hi</Sya>",
        "signalwire",
        [("13750", "error", "<Sya> is not a cXML element; did you mean <Say>?")],
    ),
    (
        "<Gather><Paly>a.mp3</Paly></Gather>",
        "signalwire",
        [("LAML001", "error", "did you mean <Play>?")],
    ),
    (
        "<Dial><Nmuber>+15551112222</Nmuber></Dial>",
        "signalwire",
        [("LAML001", "error", "did you mean <Number>?")],
    ),
    ("<Hangupp/>", "signalwire", [("13750", "error", "did you mean <Hangup>?")]),
    ("<Xyzzy/>", "signalwire", [("13750", "error", "<Xyzzy> is not a cXML element")]),
]


@pytest.mark.usefixtures("gate")
@pytest.mark.parametrize(("body", "dialect", "expected"), CASES)
def test_findings(body: str, dialect: str, expected: list[tuple[str, str, str]]) -> None:
    """Each document gets exactly the expected findings."""
    found = findings(doc(body), dialect=dialect)
    assert [(code, severity) for code, severity, _ in found] == [
        (code, severity) for code, severity, _ in expected
    ], found
    for (_, _, message), (_, _, words) in zip(found, expected, strict=True):
        assert words in message


def test_unknown_element_without_a_close_name_gets_no_suggestion() -> None:
    """No suggestion when nothing is close."""
    (finding,) = laml.validate(doc("<Xyzzy/>"))
    assert "did you mean" not in finding.message


@pytest.mark.parametrize(
    ("document", "words"),
    [
        (doc("<Sya>Hi</Sya>"), "did you mean <Say>?"),
        (doc('<Say voise="alice">Hi</Say>'), "did you mean voice?"),
        (doc("<Gather><Paly>a.mp3</Paly></Gather>"), "did you mean <Play>?"),
    ],
)
def test_parse_suggests_too(document: str, words: str) -> None:
    """laml.parse refuses misspelt names with the same suggestion."""
    with pytest.raises(laml.ParseError, match=words.replace("?", r"\?")):
        laml.parse(document)


@pytest.mark.parametrize(
    ("verbs", "kind"),
    [
        (["Say", "Message"], "voice"),
        (["Message", "Play"], "voice"),
        (["Message"], "messaging"),
        (["Message", "Redirect"], "messaging"),
        (["Receive"], "fax"),
        (["Redirect"], "voice"),
        ([], "voice"),
    ],
)
def test_a_voice_verb_makes_a_voice_document(verbs: list[str], kind: str) -> None:
    """The kind follows the verbs: any voice-only verb makes a voice document."""
    from laml._model.vocabulary import kind_of

    assert kind_of(verbs) == kind


@pytest.mark.parametrize(
    "build",
    [
        lambda: laml.Number(""),
        lambda: laml.Number(phone_number=""),
        lambda: laml.Sip(""),
        lambda: laml.Conference(""),
        lambda: laml.Queue(""),
        lambda: laml.Enqueue(""),
        lambda: laml.Dial().number(""),
        lambda: laml.Refer().sip(""),
        lambda: laml.Redirect(""),
        lambda: laml.MessagingRedirect(url=""),
        lambda: laml.Media(""),
    ],
)
def test_the_builder_refuses_empty_destinations(build: object) -> None:
    """An explicitly empty number, address or name raises instead of writing <Number />."""
    with pytest.raises(laml.LamlValueError, match="cannot be empty"):
        build()  # type: ignore[operator]


def test_a_dial_built_with_nothing_to_dial_is_reported() -> None:
    """A Dial built without a destination validates with LAML007."""
    assert [d.code for d in laml.Response(laml.Dial()).validate()] == ["LAML007"]
