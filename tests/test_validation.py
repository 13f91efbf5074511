"""laml.validate and laml.parse over the corpus: codes at lines, round trips, Twilio items."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import laml
from laml import (
    ConferenceStream,
    Dial,
    Gather,
    ParseError,
    ReferSip,
    Response,
    Say,
    Sip,
    Stream,
    parse,
    validate,
)

from .strategies import documents, kind_of, with_parsed_line_ends
from .test_elements import SIGNALWIRE_ATTRIBUTES

CORPUS = Path(__file__).parent / "corpus"
VALID = sorted((CORPUS / "valid").glob("*.xml"))
INVALID = sorted((CORPUS / "invalid").glob("*.xml"))
TWILIO = sorted((CORPUS / "twilio").glob("*.xml"))
EXPECT = re.compile(r"<!-- expect: (.*?) -->")


def errors(found: list[laml.Diagnostic]) -> list[laml.Diagnostic]:
    return [d for d in found if d.severity == "error"]


def test_corpus_is_there() -> None:
    assert len(VALID) >= 10 and len(INVALID) >= 10 and len(TWILIO) >= 6


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_documents_have_no_error(path: Path) -> None:
    """Every valid document validates with no error (info about deprecations may appear)."""
    assert errors(validate(path)) == []
    assert [d for d in validate(path) if d.severity == "warning"] == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_documents_get_the_expected_codes_at_the_expected_lines(path: Path) -> None:
    """Each invalid document declares its findings as CODE@LINE; exactly those come back."""
    match = EXPECT.search(path.read_text(encoding="utf-8"))
    assert match, "the document must declare what it expects"
    expected = Counter(tuple(item.split("@")) for item in match.group(1).split())
    found = validate(path)
    assert Counter((d.code, str(d.line)) for d in found) == expected, [d.format() for d in found]
    for diagnostic in found:
        assert diagnostic.code in laml.CODES
        assert diagnostic.message and diagnostic.line >= 1 and diagnostic.column >= 1
        assert diagnostic.path.startswith("/") or diagnostic.code == "12100"


def test_the_valid_corpus_uses_every_signalwire_element_and_attribute() -> None:
    """Together, the valid documents hold every element and attribute SignalWire documents."""
    seen: set[tuple[str, str]] = set()
    for path in VALID:
        prefix = path.stem.split("-")[0]
        tree = parse(path, kind=prefix if prefix in ("voice", "messaging", "fax") else "auto")  # type: ignore[arg-type]
        for node in tree.iter():
            seen.add((type(node).__name__, ""))
            for name in node.attributes:
                seen.add((type(node).__name__, name))
    for cls, names in SIGNALWIRE_ATTRIBUTES.items():
        assert (cls.__name__, "") in seen, f"no <{cls.tag}> ({cls.__name__}) in the corpus"
        for name in names:
            assert (cls.__name__, name) in seen, f"{cls.__name__}.{name} is not in the corpus"


@pytest.mark.parametrize("path", TWILIO, ids=lambda p: p.stem)
def test_documents_written_for_twilio(path: Path) -> None:
    """Twilio documents in SignalWire's vocabulary are clean; the others name each Twilio item."""
    text = path.read_text(encoding="utf-8")
    declared = re.search(r"<!-- twilio-only: (.*?) -->", text)
    found = validate(path)
    if declared is None:
        assert found == []
        return
    messages = " ".join(d.message for d in found if d.code in ("LAML010", "LAML011", "LAML012"))
    for item in declared.group(1).split():
        if item in ("Identity", "Parameter"):
            continue  # inside a Twilio-only element, which is reported instead
        assert item in messages, f"{item} is not named: {[d.format() for d in found]}"
        assert "Twilio" in messages
    assert errors(validate(path, dialect="twilio")) == []


MUTATIONS = [
    ("wrong case", lambda t: t.replace("<Say", "<say", 1).replace("</Say>", "</say>", 1)),
    ("unknown attribute", lambda t: t.replace("<Say", '<Say bogusAttribute="1"', 1)),
    ("method PUT", lambda t: t.replace("<Say", '<Redirect method="PUT">/x</Redirect><Say', 1)),
    ("verb inside Say", lambda t: t.replace("</Say>", "<Hangup/></Say>", 1)),
    ("negative loop", lambda t: t.replace("<Say", '<Say loop="-1"', 1)),
    ("unknown verb", lambda t: t.replace("<Say", "<Speak>hi</Speak><Say", 1)),
    (
        "dial timeout",
        lambda t: t.replace("<Say", '<Dial timeout="9999">+15551112222</Dial><Say', 1),
    ),
    ("finishOnKey", lambda t: t.replace("<Say", '<Gather finishOnKey="x"/><Say', 1)),
]
SAY_DOCUMENTS = [
    p for p in VALID + TWILIO if "<Say" in p.read_text() and "twilio-only" not in p.read_text()
]


@pytest.mark.parametrize("path", SAY_DOCUMENTS, ids=lambda p: p.stem)
@pytest.mark.parametrize(("name", "mutate"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_mutations_of_valid_documents_are_errors(path: Path, name: str, mutate: object) -> None:
    """Breaking a valid document in any of the usual ways gives at least one error."""
    text = path.read_text(encoding="utf-8")
    mutated = mutate(text)  # type: ignore[operator]
    assert mutated != text
    assert errors(validate(mutated)), name


# ------------------------------------------------------------------ parsing


def canonical(text: str | bytes) -> bytes:
    data = text.encode() if isinstance(text, str) else text
    parser = etree.XMLParser(remove_blank_text=True, remove_comments=True)
    return etree.tostring(etree.fromstring(data, parser), method="c14n")


@pytest.mark.parametrize("path", VALID + TWILIO, ids=lambda p: p.stem)
def test_parse_then_write_gives_the_same_document(path: Path) -> None:
    """parse(doc).to_xml() is canonically equal to doc for every valid document."""
    tree = parse(path)
    assert canonical(tree.to_xml()) == canonical(path.read_bytes())
    assert parse(tree.to_xml()) == tree


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_parse_of_written_tree_is_the_tree(tree: laml.Node) -> None:
    """parse(tree.to_xml()) == tree, up to XML's reading of CR in text as LF."""
    parsed = parse(tree.to_xml(), kind=kind_of(tree))  # type: ignore[arg-type]
    assert parsed == with_parsed_line_ends(tree)


def test_context_decides_the_class_when_parsing() -> None:
    """The same tag becomes a different class depending on its parent."""
    tree = parse(
        "<Response><Dial><Sip>sip:a@b.test</Sip><Conference>c<Stream name='s' url='wss://x'/>"
        "</Conference></Dial><Refer><Sip>sip:c@d.test</Sip></Refer>"
        "<Start><Stream url='wss://y'/></Start></Response>"
    )
    classes = [type(n) for n in tree.iter()]
    assert Sip in classes and ReferSip in classes and Stream in classes
    assert ConferenceStream in classes
    assert type(parse("<Response><Reject/></Response>", kind="fax").elements[0]) is laml.FaxReject
    assert (
        type(parse("<Response><Message>x</Message><Redirect>/y</Redirect></Response>").elements[1])
        is laml.MessagingRedirect
    )


PARSE_ERRORS = [
    ("<Response><Gather numDigits='0'/></Response>", 1, 19, "'numDigits'"),
    ("<Response>\n  <Foo/>\n</Response>", 2, 3, "<Foo> cannot go inside <Response>"),
    ("<Response><Hangup>x</Hangup></Response>", 1, 11, "cannot contain text"),
    ("<Response><Say bogus='1'>x</Say></Response>", 1, 16, "no attribute 'bogus'"),
    ("<Respons/>", 1, 1, "root element is <Respons>"),
    ("<Response>\n  <Denoise>maybe</Denoise>\n</Response>", 2, 3, "one of 'on', 'off'"),
    ("", 1, 1, "empty"),
    # Columns count characters: "é" is one character in two bytes.
    ("<Response><Say>é\x00</Say></Response>", 1, 17, "NUL"),
    ("<Response>\n<Say>é</Say><Say bogus='1'>x</Say></Response>", 2, 18, "no attribute 'bogus'"),
]


@pytest.mark.parametrize(("text", "line", "column", "message"), PARSE_ERRORS)
def test_parse_errors_say_where(text: str, line: int, column: int, message: str) -> None:
    """parse raises ParseError with the line, the column and the reason."""
    with pytest.raises(ParseError) as raised:
        parse(text)
    assert (raised.value.line, raised.value.column) == (line, column)
    assert message in str(raised.value)
    assert isinstance(raised.value, laml.LamlError)


def test_an_unknown_kind_or_dialect_is_a_usage_error() -> None:
    """A mistyped option is the caller's bug, not a finding about the document."""
    with pytest.raises(ValueError, match="kind must be"):
        parse("<Response/>", kind="video")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="kind must be"):
        validate("<Response/>", kind="video")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="dialect must be"):
        validate("<Response/>", dialect="plivo")  # type: ignore[arg-type]


def test_validate_a_built_tree() -> None:
    """doc.validate() reports what laml.validate reports for its text."""
    doc = Response(Say("hi"), laml.Hangup(), Say("after"))
    assert [d.code for d in doc.validate()] == ["LAML020"]
    dial = Response(Dial(Sip("sip:a@b.test"), laml.Number("+15551112222")))
    assert [d.code for d in dial.validate()] == ["13215"]
    assert validate(Response(Gather(Say("x"), num_digits=1))) == []


def test_dialect_twilio_accepts_twilio_vocabulary() -> None:
    """With dialect='twilio' Twilio-only elements and attributes are not reported."""
    text = "<Response><Dial sequential='true'><Client>jane</Client></Dial></Response>"
    assert {d.code for d in validate(text)} == {"LAML010", "LAML011"}
    assert validate(text, dialect="twilio") == []
    # Dialing a Client, Twilio takes a client identifier as the caller ID.
    client = "<Response><Dial callerId='client:joey'><Client>jane</Client></Dial></Response>"
    assert validate(client, dialect="twilio") == []


TWILIO_VALUES = [
    # (document, the attribute reported, the values named)
    (
        '<Response><Dial><Conference statusCallbackEvent="start modify announcement">r'
        "</Conference></Dial></Response>",
        "statusCallbackEvent",
        "'modify', 'announcement' are Twilio's",
    ),
    (
        '<Response><Dial><Conference recordingStatusCallbackEvent="completed absent">r'
        "</Conference></Dial></Response>",
        "recordingStatusCallbackEvent",
        "'absent' is Twilio's",
    ),
    (
        '<Response><Pay tokenType="payment-method" paymentConnectorUrl="https://example.com/p"/>'
        "</Response>",
        "tokenType",
        "'payment-method' is Twilio's",
    ),
    (
        '<Response><Pay paymentConnectorUrl="https://example.com/p"><Prompt for="postal-code" '
        'errorType="timeout internal-error"><Say>Zip?</Say></Prompt></Pay></Response>',
        "errorType",
        "'internal-error' is Twilio's",
    ),
    (
        '<Response><Gather input="speech" enhanced="true" speechModel="numbers_and_commands"/>'
        "</Response>",
        "speechModel",
        "'numbers_and_commands' is Twilio's; SignalWire documents one of 'default', "
        "'phone_call', 'video'",
    ),
]


@pytest.mark.parametrize(("document", "attribute", "named"), TWILIO_VALUES)
def test_values_only_twilio_documents(document: str, attribute: str, named: str) -> None:
    """A value only Twilio documents is a warning for SignalWire, at its attribute; the
    SignalWire schema leaves it out, the Twilio schema and dialect accept it."""
    from laml._xml.reader import read
    from laml.validation.schema import accepts

    (found,) = validate(document)
    assert (found.code, found.severity) == ("LAML012", "warning")
    assert f"attribute {attribute!r}: {named}" in found.message
    assert document[found.column - 1 :].startswith(attribute)
    assert validate(document, dialect="twilio") == []
    assert not accepts(read(document), "signalwire")
    assert accepts(read(document), "twilio")


TWILIO_CHILDREN = [
    # (document, the message of the one finding)
    (
        '<Response><Pay paymentConnectorUrl="https://example.com/p"><Prompt for="postal-code">'
        '<Say>Zip code?</Say><Pause length="1"/></Prompt></Pay></Response>',
        "<Pause> inside <Prompt> is Twilio-only; on SignalWire, pause with <break> inside <Say>",
    ),
    (
        '<Response><Hangup><Parameter name="reason" value="done"/></Hangup></Response>',
        "<Parameter> inside <Hangup> is Twilio-only; SignalWire has no equivalent",
    ),
    (
        '<Response><Reject reason="busy"><Parameter name="a" value="b"/></Reject></Response>',
        "<Parameter> inside <Reject> is Twilio-only; SignalWire has no equivalent",
    ),
]


@pytest.mark.parametrize(("document", "message"), TWILIO_CHILDREN)
def test_children_only_twilio_allows_in_their_parent(document: str, message: str) -> None:
    """A child SignalWire does not document in this parent is reported at the child,
    and accepted by the Twilio dialect and schema."""
    from laml._xml.reader import read
    from laml.validation.schema import accepts

    (found,) = validate(document)
    assert (found.code, found.message) == ("LAML010", message)
    assert found.path.endswith(("Pause[1]", "Parameter[1]"))
    assert validate(document, dialect="twilio") == []
    assert accepts(read(document), "twilio")
    assert not accepts(read(document), "signalwire")


@pytest.mark.parametrize(
    "document",
    [
        '<Response><Dial><Conference statusCallbackEvent="start end">r</Conference></Dial>'
        "</Response>",
        '<Response><Gather input="speech" enhanced="true" speechModel="phone_call"/></Response>',
        '<Response><Pay tokenType="one-time" paymentConnectorUrl="https://example.com/p"/>'
        "</Response>",
    ],
)
def test_values_signalwire_documents_pass(document: str) -> None:
    """The SignalWire values of the same attributes draw no finding."""
    assert validate(document) == []


def test_size_limit() -> None:
    """Documents over 64 kB get SignalWire's 11750."""
    big = "<Response>" + "<Pause/>" * 9000 + "</Response>"
    assert [d.code for d in validate(big)] == ["11750"]


def test_kind_can_be_forced() -> None:
    """kind='messaging' reports voice verbs as not supported."""
    assert [d.code for d in validate("<Response><Say>x</Say></Response>", kind="messaging")] == [
        "13750"
    ]


def test_unreachable_is_reported_once() -> None:
    """Several verbs after <Hangup> give one warning, at the first of them."""
    found = validate("<Response><Hangup/><Say>a</Say><Say>b</Say><Pause/></Response>")
    assert [(d.code, d.path) for d in found] == [("LAML020", "/Response/Say[1]")]


def test_diagnostics_locate_lazily_but_completely() -> None:
    """Positions are found on first use, and equal what an eager scan gives."""
    found = validate("<Response>\n  <Gather method='PUT'/>\n</Response>")
    (only,) = found
    assert (only.line, only.column, only.path) == (2, 11, "/Response/Gather[1]")
    assert only == laml.Diagnostic("13221", "error", only.message, 2, 11, "/Response/Gather[1]")
    assert "line=2, column=11" in repr(only)


POSITIONS = [
    # (document, expected (line, column) of the one finding)
    # A start tag over several lines: the finding is where the attribute is.
    ('<Response>\n  <Gather\n      numDigits="1"\n      method="PUT"\n  />\n</Response>', (4, 7)),
    # A '>' inside an earlier value does not end the tag early.
    ('<Response><Gather action="/a>b" method="PUT"/></Response>', (1, 33)),
    # The attribute's name inside another value is not the attribute.
    ('<Response><Gather action="/x?method=1" method="PUT"/></Response>', (1, 40)),
    # Columns count characters: "é" is two bytes.
    ('<Response><Say>é</Say><Gather method="PUT"/></Response>', (1, 31)),
    # Comments and CDATA that hold a '<' are skipped.
    (
        '<Response><!-- <Gather> --><Say><![CDATA[<a>]]></Say><Gather method="PUT"/></Response>',
        (1, 62),
    ),
    # The element itself, after a processing-instruction-free declaration and a comment.
    ('<?xml version="1.0"?>\n<!-- a -->\n<Response>\n  <Sya/>\n</Response>', (4, 3)),
]


@pytest.mark.parametrize(("document", "where"), POSITIONS)
def test_findings_point_at_the_attribute_or_element(document: str, where: tuple[int, int]) -> None:
    """Lines and columns are exact, however the start tags are laid out."""
    (found,) = validate(document)
    assert (found.line, found.column) == where


def _without_gate(document: str | bytes | Path) -> list[laml.Diagnostic]:
    from laml import validation

    validation.USE_GATE = False
    try:
        return validate(document)
    finally:
        validation.USE_GATE = True


@pytest.mark.parametrize("path", VALID + INVALID + TWILIO, ids=lambda p: p.stem)
def test_the_gate_schema_changes_no_finding_on_the_corpus(path: Path) -> None:
    """With or without the gate schema, validate reports exactly the same findings."""
    assert validate(path) == _without_gate(path)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_the_gate_schema_changes_no_finding_on_random_trees(tree: laml.Node) -> None:
    """The gate only skips rules a document it accepts cannot break."""
    text = tree.to_xml()
    assert validate(text) == _without_gate(text)


MEDIA = "<Media>https://example.com/a.png</Media>"
NUMBER = "<Number>+15551234567</Number>"
SIP = "<Sip>sip:desk@example.com</Sip>"
GATED_RULE_CASES = [
    # (document, expected codes, whether the gate accepts it)
    ('<Response><Say voice="Google.en-US-Standard-A">Hi</Say></Response>', ["LAML012"], False),
    ('<Response><Say voice="ElevenLabs.rachel">Hi</Say></Response>', ["LAML012"], False),
    ('<Response><Say voice="gcloud.en-US-Standard-A">Hi</Say></Response>', [], True),
    ('<Response><Say voice="Polly.Joanna">Hi</Say></Response>', [], True),
    ('<Response><Say voice="Azure.en-US-JennyNeural">Hi</Say></Response>', [], False),
    ("<Response><Start><Stream/></Start></Response>", ["LAML004"], False),
    ('<Response><Stop><Stream name="live"/></Stop></Response>', [], False),
    ('<Response><Start><Stream url="https://example.com/s"/></Start></Response>', ["31922"], False),
    ('<Response><Connect><Stream url="wss://example.com/s"/></Connect></Response>', [], True),
    # wss:// alone is not enough: the URL must parse too (found by the fuzzer).
    ('<Response><Start><Stream url="wss://a.]]>b.test/s"/></Start></Response>', ["LAML024"], False),
    (
        '<Response><Start><Stream url="wss://a.test:b.test/s"/></Start></Response>',
        ["LAML024"],
        False,
    ),
    (
        '<Response><Connect><VirtualAgent connectorName="a"/></Connect></Response>',
        ["LAML025"],
        False,
    ),
    (f"<Response><Message>{MEDIA * 11}</Message></Response>", ["LAML023"], False),
    (f"<Response><Message><Body>Hi</Body>{MEDIA * 10}</Message></Response>", [], False),
    (f"<Response><Message>{MEDIA * 10}</Message></Response>", [], True),
    ("<Response><Dial>+15551234567</Dial></Response>", [], True),
    # Ten nouns of one kind ring at once; the gate counts them without a counter.
    (f"<Response><Dial>{NUMBER * 10}</Dial></Response>", [], True),
    (f"<Response><Dial>{NUMBER * 11}</Dial></Response>", ["13215"], False),
    (f"<Response><Dial>{SIP * 10}</Dial></Response>", [], True),
    (f"<Response><Dial>{SIP * 11}</Dial></Response>", ["13215"], False),
    (f"<Response><Dial>{NUMBER}{SIP}</Dial></Response>", ["13215"], False),
    ("<Response><Dial> 555-1234 </Dial></Response>", ["13223"], True),
    (
        "<Response><Dial>+15551234567<Number>+15557654321</Number></Dial></Response>",
        ["13215"],
        True,
    ),
    # callerId: E.164, or a name when dialing SIP (which the gate leaves to the rule).
    ('<Response><Dial callerId="+15550001111">+15551112222</Dial></Response>', [], True),
    ('<Response><Dial callerId="5550001111">+15551112222</Dial></Response>', ["13223"], False),
    (
        '<Response><Dial callerId="desk"><Sip>sip:a@example.com</Sip></Dial></Response>',
        [],
        False,
    ),
    (
        '<Response><Dial callerId="a desk"><Sip>sip:a@example.com</Sip></Dial></Response>',
        ["LAML003"],
        False,
    ),
    # Streams: no query string; a two-way stream (in Connect) sends the inbound track only.
    (
        '<Response><Start><Stream url="wss://example.com/s?id=1"/></Start></Response>',
        ["31922"],
        False,
    ),
    (
        '<Response><Start><Stream url="wss://example.com/s" track="both_tracks"/></Start></Response>',
        [],
        True,
    ),
    (
        '<Response><Connect><Stream url="wss://example.com/s" track="both_tracks"/></Connect>'
        "</Response>",
        ["LAML003"],
        False,
    ),
    # Gather speech: hints of at most 100 characters each; speechModel needs enhanced,
    # which a schema cannot tie to it, so the gate leaves speechModel to the rule.
    ('<Response><Gather hints="sales, support"/></Response>', [], True),
    (f'<Response><Gather hints="sales, {"x" * 101}"/></Response>', ["LAML003"], False),
    ('<Response><Gather speechModel="video"/></Response>', ["LAML026"], False),
    ('<Response><Gather speechModel="video" enhanced="true"/></Response>', [], False),
    # Play digits: SignalWire ignores them inside Gather; the gate leaves them to the rule.
    ('<Response><Gather><Play digits="1234"/></Gather></Response>', ["LAML026"], False),
    ('<Response><Play digits="1234"/></Response>', [], True),
    # Message numbers: E.164; only a <Message> may come from a short code.
    ('<Response><Message from="12345">Hi</Message></Response>', [], True),
    ('<Response><Message to="12345">Hi</Message></Response>', ["13223"], False),
    ('<Response><Sms to="12345">Hi</Sms></Response>', ["13223"], False),
    ('<Response><Sms from="12345" to="+15551112222">Hi</Sms></Response>', ["13223"], False),
    ('<Response><Sms from="+15553334444" to="+15551112222">Hi</Sms></Response>', [], True),
    # URLs: a valid port stays on the fast path; "//host" is left to the full check.
    ("<Response><Redirect>https://example.com:65535/x</Redirect></Response>", [], True),
    ("<Response><Redirect>//example.com/x</Redirect></Response>", [], False),
    # Integers: the gate takes plain digits in range; other spellings take the slow path.
    ('<Response><Dial timeout="600">+15551234567</Dial></Response>', [], True),
    ('<Response><Dial timeout="601">+15551234567</Dial></Response>', ["LAML003"], False),
    ('<Response><Dial timeout="4">+15551234567</Dial></Response>', ["LAML003"], False),
    ('<Response><Dial timeout="+20">+15551234567</Dial></Response>', [], False),
    ('<Response><Dial timeout="020">+15551234567</Dial></Response>', [], False),
    ('<Response><Gather numDigits="0"/></Response>', ["LAML003"], False),
    ('<Response><Gather numDigits="12"/></Response>', [], True),
    ('<Response><Pause length="0"/></Response>', [], True),
    # Lists of choices: the gate takes the documented spellings only.
    ('<Response><Redirect method="GET">/next</Redirect></Response>', [], True),
    ('<Response><Redirect method="get">/next</Redirect></Response>', ["13221"], False),
    ('<Response><Record trim="do-not-trim"/></Response>', [], True),
    ('<Response><Record trim="do-not-trimx"/></Response>', ["LAML003"], False),
]


@pytest.mark.parametrize(("document", "codes", "gated"), GATED_RULE_CASES)
def test_rules_the_gate_stands_for_still_report(
    document: str, codes: list[str], gated: bool
) -> None:
    """Each rule the gate enforces or moves to the root pass reports the same with the gate
    on and off, and documents that break none of them take the fast path."""
    from laml._xml.reader import read
    from laml.validation.schema import accepts

    found = validate(document)
    assert [d.code for d in found] == codes
    assert found == _without_gate(document)
    assert accepts(read(document), "signalwire", gate=True) is gated


def test_the_gate_parser_recovers_after_a_refusal() -> None:
    """A document the gate refuses, or one that is not well-formed, leaves the thread's
    gate parser ready: the next document it accepts takes the fast path again."""
    from laml._xml.reader import MAX_BYTES, read_validated
    from laml.validation.schema import SCHEMAS

    gate = SCHEMAS["signalwire", True]
    good = b"<Response><Say>hi</Say></Response>"
    refused = b'<Response><Redirect method="PUT">/x</Redirect></Response>'
    assert read_validated(good, MAX_BYTES, gate)[2]
    assert not read_validated(refused, MAX_BYTES, gate)[2]
    assert read_validated(good, MAX_BYTES, gate)[2]
    with pytest.raises(laml.ParseError, match="not well-formed"):
        read_validated(b"<Response><Say>", MAX_BYTES, gate)
    assert read_validated(good, MAX_BYTES, gate)[2]
    assert not read_validated(good, MAX_BYTES, None)[2]


NAMESPACE_ERRORS = [
    # (document, what the error says): a parser validating with a schema would let
    # these namespace errors through, so the reader parses them plainly first.
    ("<Response><a:Say>x</a:Say></Response>", "Namespace prefix a on Say"),
    ('<Response><Say a:voice="x">y</Say></Response>', "Namespace prefix a for voice"),
    ('<Response><Say a:voice = "x">y</Say></Response>', "Namespace prefix a for voice"),
    ("<a:Response/>", "Namespace prefix a on Response"),
    ("<Response><a:Say\n>x</a:Say></Response>", "Namespace prefix a on Say"),
    ("<?x:y?><Response/>", "colons are forbidden from PI names"),
    ("<Response><Say>x</Say><?x:y?></Response>", "colons are forbidden from PI names"),
    ('<Response xmlns:a=""/>', "Empty XML namespace"),
]


@pytest.mark.parametrize(("document", "says"), NAMESPACE_ERRORS)
def test_namespace_errors_are_refused_with_or_without_the_gate(document: str, says: str) -> None:
    """Found by the fuzzer: with the gate checked while parsing, these passed."""
    (found,) = validate(document)
    assert found.code == "12100"
    assert says in found.message
    assert [found] == _without_gate(document)


def _speech(levels: int) -> str:
    return (
        "<Response><Say>"
        + "<prosody>" * levels
        + "hi"
        + "</prosody>" * levels
        + "</Say></Response>"
    )


@pytest.mark.parametrize(("levels", "gated"), [(1, True), (6, True), (7, False), (20, False)])
def test_the_gate_bounds_speech_markup_nesting(levels: int, gated: bool) -> None:
    """Deeper speech markup than the gate takes is still valid; it takes the slow path."""
    from laml._xml.reader import read
    from laml.validation.schema import accepts

    document = _speech(levels)
    assert validate(document) == [] == _without_gate(document)
    assert accepts(read(document), "signalwire", gate=True) is gated


def test_the_gate_knows_the_deepest_document_it_takes() -> None:
    """Without recursion the gate has a greatest depth; the shipped schema has none."""
    from laml.validation.xsd import _Writer, build_gate

    for dialect in ("signalwire", "twilio"):
        assert build_gate(dialect)[1] == 10  # Response Pay Prompt Say and six levels of markup
        shipped = _Writer(dialect)
        shipped.document()
        assert shipped.deepest() is None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_no_document_the_gate_takes_is_deeper_than_its_bound(tree: laml.Node) -> None:
    """validate skips the depth check for such documents, so the bound must hold."""
    from laml._xml.reader import read
    from laml.validation.schema import GATE_DEPTHS, accepts

    root = read(tree.to_xml())
    if accepts(root, "signalwire", gate=True):
        deepest = max(len(list(e.iterancestors())) + 1 for e in root.iter())
        bound = GATE_DEPTHS["signalwire"]
        assert bound is not None and deepest <= bound


@pytest.mark.parametrize(("max_depth", "refused"), [(9, True), (10, False), (64, False)])
def test_a_limit_below_the_gates_bound_is_still_checked(max_depth: int, refused: bool) -> None:
    """A document the gate takes is checked against a max_depth lower than its bound."""
    document = (
        "<Response><Pay><Prompt for='payment-card-number'><Say>" + "<prosody>" * 6 + "hi" + "</prosody>" * 6
        + "</Say></Prompt></Pay></Response>"
    )  # fmt: skip
    codes = [d.code for d in validate(document, max_depth=max_depth)]
    assert codes == (["12100"] if refused else [])


RULE_MESSAGES = [
    # (document, code, what the message says)
    ("<Response><Redirect>ftp://example.com/x</Redirect></Response>", "LAML024", "'ftp'"),
    ("<Response><Redirect>http:/next</Redirect></Response>", "LAML024", "scheme but no host"),
    ("<Response><Redirect>/a b</Redirect></Response>", "LAML024", "whitespace"),
    ("<Response><Play>https://example.com:99999/a.mp3</Play></Response>", "LAML024", "Port"),
    ("<Response><Redirect>//example.com:70000/x</Redirect></Response>", "LAML024", "Port"),
    ("<Response><Redirect>//[::1/x</Redirect></Response>", "LAML024", "IPv6"),
    (
        '<Response><Connect><Stream url="wss://example.com:65536/s"/></Connect></Response>',
        "LAML024",
        "Port",
    ),
    (f"<Response><Sms>{'a' * 1600}</Sms></Response>", "LAML022", "under 1600"),
    (
        '<Response><Dial><Conference streamUrl="https://example.com/s">r</Conference></Dial>'
        "</Response>",
        "31922",
        "wss://",
    ),
    ("<Response><Enqueue> </Enqueue></Response>", "14204", "queue name"),
]


@pytest.mark.parametrize(("document", "code", "says"), RULE_MESSAGES)
def test_rule_findings_say_what_is_wrong(document: str, code: str, says: str) -> None:
    (found,) = validate(document)
    assert found.code == code
    assert says in found.message


URL_ALPHABET = "hpstwrm:/?#.[]@%-_ 0123456789aé"


@settings(max_examples=500, deadline=None)
@given(st.text(URL_ALPHABET, max_size=24))
def test_the_quick_url_pattern_takes_only_urls_that_parse(text: str) -> None:
    """Whatever the quick pattern (and so the gate) accepts, the full check accepts too."""
    from laml._model.patterns import PLAIN_URL
    from laml.validation.rules import url_problem

    if re.fullmatch(PLAIN_URL, text):
        assert url_problem(text) is None


def test_the_shared_patterns_mean_the_same_to_python_and_to_libxml2() -> None:
    """Each pattern accepts the same strings as a Python regular expression and as an XML
    Schema pattern, over a table of edge cases and thousands of random strings."""
    import random

    from laml._model import patterns as _patterns

    rng = random.Random(7)
    samples = [
        "",
        "/",
        "//",
        "//a",
        "/a",
        "?",
        "#x",
        "a",
        "a/b",
        "https://a",
        "https://a:0",
        "https://a:65535",
        "https://a:65536",
        "https://a:099",
        "wss://a.b/c?d#e",
        "http:",
        "ws://a:8080/",
        "rtmps://x",
        "a:b",
        "https://a/é",
        "https://[::1]/",
    ] + ["".join(rng.choice(URL_ALPHABET) for _ in range(rng.randint(0, 16))) for _ in range(3000)]
    samples += ["+1", "+12", "+15551234567", "+123456789012345", "+1234567890123456", "+0123"]
    samples += ["a, b", "x" * 100, "x" * 101, "a," + "y" * 100, "a," + "y" * 101, ",", ""]
    patterns = (_patterns.PLAIN_URL, _patterns.PLAIN_STREAM_URL, _patterns.PORT)
    for pattern in (*patterns, _patterns.PHONE_NUMBER, _patterns.HINTS):
        xsd = etree.XMLSchema(
            etree.fromstring(
                '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="v">'
                '<xs:simpleType><xs:restriction base="xs:string"><xs:pattern value='
                + quoteattr(pattern)
                + "/></xs:restriction></xs:simpleType></xs:element></xs:schema>"
            )
        )
        for sample in samples:
            element = etree.Element("v")
            element.text = sample
            assert xsd.validate(element) is bool(re.fullmatch(pattern, sample)), (pattern, sample)


def test_a_misplaced_verb_names_the_verbs_of_its_kind_of_document() -> None:
    """Under the root, the list is the document kind's verbs, not everything twilio-python
    can append to a response (it also builds <Queue> and <Prompt> there)."""
    (voice,) = validate("<Response><Number>+15551112222</Number></Response>")
    assert voice.code == "13750"
    assert "Say" in voice.message and "Queue" not in voice.message
    (messaging,) = validate("<Response><Message>hi</Message><Body>x</Body></Response>")
    assert messaging.message.endswith("<Response> takes: Message, Redirect")
