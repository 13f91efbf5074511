"""laml.validate over the corpus: codes at lines, Twilio vocabulary, positions, rule messages."""

from __future__ import annotations

import gc
import re
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import laml
from laml import (
    Dial,
    Gather,
    Response,
    Say,
    Sip,
    parse,
    validate,
)

from .signalwire_attributes import SIGNALWIRE_ATTRIBUTES

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


@pytest.mark.parametrize(
    ("document", "code", "message"),
    [
        ("<Response><say>x</say></Response>", "13750", "<say> is not a cXML element; names are case-sensitive: did you mean <Say>?"),
        ("<Response><Gather><PAUSE/></Gather></Response>", "LAML001",
         "<PAUSE> is not a cXML element; names are case-sensitive: did you mean <Pause>?"),
        ("<Response><Foo/></Response>", "13750", "<Foo> is not a cXML element"),
    ],
)  # fmt: skip
def test_an_unknown_element_names_the_close_one(document: str, code: str, message: str) -> None:
    """Under the root SignalWire's 13750, deeper laml's LAML001; a name that differs only
    in case is named."""
    (found,) = laml.validate(document)
    assert (found.code, found.message) == (code, message)


def test_an_unknown_kind_or_dialect_is_a_usage_error() -> None:
    """A mistyped option is the caller's bug, not a finding about the document."""
    with pytest.raises(ValueError, match="kind must be"):
        parse("<Response/>", kind="video")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="kind must be"):
        validate("<Response/>", kind="video")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="dialect must be"):
        validate("<Response/>", dialect="plivo")  # type: ignore[arg-type]


class _Payload(bytes):
    """A bytes subclass, as some frameworks hand a request body over."""


@pytest.mark.parametrize(
    "document",
    [
        b"<Response><Say>hi</Say><Hangup/><Say>late</Say></Response>",
        b'<?xml version="1.0" encoding="UTF-8"?><Response><Pause length="x"/></Response>',
        b"<Response><Say>",
    ],
)
def test_a_subclass_of_bytes_is_read_as_its_bytes(document: bytes) -> None:
    """Findings, not a type error, and the same findings as for plain bytes."""
    assert validate(_Payload(document)) == validate(document) != []


def test_a_document_of_another_type_is_a_usage_error() -> None:
    with pytest.raises(laml.LamlTypeError, match="not bytearray"):
        validate(bytearray(b"<Response/>"))  # type: ignore[arg-type]


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


@pytest.mark.parametrize(
    "document",
    [
        # gated, with a finding
        b'<?xml version="1.0" encoding="UTF-8"?><Response><Redirect>/a</Redirect>'
        b"<Hangup/></Response>",
        # the general way, with findings
        "<Response><Say>hi</Say><Hangup/><Say>late</Say><Bogus/><!-- c --></Response>",
    ],
)
def test_findings_leave_no_reference_cycle(document: str | bytes) -> None:
    """Each finding holds the document's context to find its place later; the context
    lets go of the findings when the checks end, so the tree is freed as soon as the
    findings are, without waiting for the garbage collector."""
    placed = laml.validate(document)  # also compiles what the first call compiles
    assert placed and all(d.line >= 1 and d.path.startswith("/Response") for d in placed)
    gc.collect()
    gc.disable()
    try:
        found = laml.validate(document)  # places not read: each finding holds its context
        assert [d.code for d in found] == [d.code for d in placed]
        del found
        assert gc.collect() == 0
    finally:
        gc.enable()
