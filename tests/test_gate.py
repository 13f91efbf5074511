"""The gate schema validate tries first: it changes no finding, stands for its rules, bounds depth."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import laml
from laml import validate

from .strategies import documents

CORPUS = Path(__file__).parent / "corpus"
VALID = sorted((CORPUS / "valid").glob("*.xml"))
INVALID = sorted((CORPUS / "invalid").glob("*.xml"))
TWILIO = sorted((CORPUS / "twilio").glob("*.xml"))


def _without_gate(document: str | bytes | Path) -> list[laml.Diagnostic]:
    from laml.validation import validator as validation

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
    # An empty <Play> with digits plays the tones; the gate takes only a given URL, so
    # it leaves that rare document to the full check.
    ('<Response><Play digits="1234"/></Response>', [], False),
    # Empty URLs name nothing (LAML024); spaces of any kind are empty.
    ("<Response><Play/></Response>", ["LAML024"], False),
    ("<Response><Redirect> </Redirect></Response>", ["LAML024"], False),
    ("<Response><Redirect>\u00a0\u0085</Redirect></Response>", ["LAML024"], False),
    ("<Response><Message><Media>\n</Media></Message></Response>", ["LAML024"], False),
    ("<Response><Play>/a.mp3</Play><Redirect>/next</Redirect></Response>", [], True),
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
    # Nouns named by their text: the gate takes them with text only.
    ("<Response><Dial><Sip>sip:a@example.com</Sip></Dial></Response>", [], True),
    ("<Response><Dial><Sip> </Sip></Dial></Response>", ["LAML007"], False),
    ("<Response><Dial><Conference>room</Conference></Dial></Response>", [], True),
    ("<Response><Dial><Conference/></Dial></Response>", ["LAML007"], False),
    ("<Response><Refer><Sip>sip:b@example.com</Sip></Refer></Response>", [], True),
    ("<Response><Refer><Sip/></Refer></Response>", ["LAML007"], False),
    # A SIP URI starts with sip: or sips:; the gate takes the plain lower-case form.
    ("<Response><Dial><Sip>alice@example.com</Sip></Dial></Response>", ["LAML005"], False),
    ("<Response><Dial><Sip> SIPS:a@example.com </Sip></Dial></Response>", [], False),
    ("<Response><Dial><Sip>sips:a@example.com;transport=tls</Sip></Dial></Response>", [], True),
    ("<Response><Refer><Sip>tel:+15551234567</Sip></Refer></Response>", ["LAML005"], False),
    ("<Response><Dial><Sip>sip:</Sip></Dial></Response>", ["LAML005"], False),
    ("<Response><Dial><Sip>sip:alice@</Sip></Dial></Response>", ["LAML005"], False),
    ("<Response><Dial><Sip>sip:@example.com</Sip></Dial></Response>", ["LAML005"], False),
    ("<Response><Dial><Sip>sip:a@b@example.com</Sip></Dial></Response>", [], False),
    # ... and one that holds an element as well takes the slow way.
    (
        '<Response><Dial><Conference>room<Stream name="s" url="wss://example.com/a"/>'
        "</Conference></Dial></Response>",
        [],
        False,
    ),
    (
        '<Response><Dial><Conference><Stream name="s" url="wss://example.com/a"/>'
        "</Conference></Dial></Response>",
        ["LAML007"],
        False,
    ),
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


TWILIO_NOUN_CASES = [
    # (document, gated): Twilio's nouns that may hold elements.
    ("<Response><Enqueue>support</Enqueue></Response>", True),
    ("<Response><Enqueue><Task>{}</Task></Enqueue></Response>", False),
    ('<Response><Enqueue workflowSid="WW1"><Task>{}</Task></Enqueue></Response>', False),
    ('<Response><Enqueue workflowSid="WW1">support</Enqueue></Response>', True),
    ("<Response><Dial><Sip>sip:a@example.com</Sip></Dial></Response>", True),
    ("<Response><Dial><Client><Identity>alice</Identity></Client></Dial></Response>", True),
    ("<Response><Dial><Client>alice</Client></Dial></Response>", True),
    ("<Response><Dial><Client/></Dial></Response>", True),
]


@pytest.mark.parametrize(("document", "gated"), TWILIO_NOUN_CASES)
def test_twilio_nouns_are_checked_the_same_with_the_gate(document: str, gated: bool) -> None:
    """The gate takes Twilio's <Enqueue> and <Sip> with text only, and <Client> in any
    form (its rule then runs on it): the findings never depend on the gate."""
    from laml._xml.reader import read
    from laml.validation import validator as validation
    from laml.validation.schema import accepts

    found = validate(document, dialect="twilio")
    validation.USE_GATE = False
    try:
        assert found == validate(document, dialect="twilio")
    finally:
        validation.USE_GATE = True
    assert accepts(read(document), "twilio", gate=True) is gated


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


class _Parsers(NamedTuple):
    used: list[object]
    """The parsers of every parse since the test began (or ``used.clear()``)."""
    gate: object
    plain: object


@pytest.fixture
def parsers(monkeypatch: pytest.MonkeyPatch) -> _Parsers:
    """Records which of this thread's parsers each ``etree.fromstring`` call uses."""
    from lxml import etree

    from laml._xml import reader
    from laml.validation.schema import SCHEMAS

    used: list[object] = []
    parse = etree.fromstring

    def counted(data: bytes, parser: etree.XMLParser) -> etree._Element:
        used.append(parser)
        return parse(data, parser)

    monkeypatch.setattr(etree, "fromstring", counted)
    return _Parsers(used, reader._parser(SCHEMAS["signalwire", True]), reader._parser())


def test_a_document_the_gate_refuses_is_parsed_with_it_once(parsers: _Parsers) -> None:
    """The general way streams a document through the gate while parsing it; after a
    refusal only the plain parse runs, and the gate is not asked again."""
    from laml._xml import reader
    from laml.validation.schema import SCHEMAS

    gate = SCHEMAS["signalwire", True]
    declaration = b'<?xml version="1.0" encoding="UTF-8"?>'
    gate_parser, plain_parser = parsers.gate, parsers.plain
    cases = [
        (b"<Response><Say>hi</Say></Response>", True, [gate_parser]),
        (
            b'<Response><Redirect method="PUT">/x</Redirect></Response>',
            False,
            [gate_parser, plain_parser],
        ),
    ]
    for body, accepted, used in cases:
        parsers.used.clear()
        assert reader.read_validated(declaration + body, reader.MAX_BYTES, gate)[2] is accepted
        assert parsers.used == used
    parsers.used.clear()
    with pytest.raises(laml.ParseError, match="not well-formed"):
        reader.read_validated(declaration + b"<Response><Say>", reader.MAX_BYTES, gate)
    assert parsers.used == [gate_parser, plain_parser]


def test_validate_asks_the_gate_once_about_a_usual_document(parsers: _Parsers) -> None:
    """A usual document meets the gate while it is parsed; after a refusal only the
    plain parse runs, and the gate is not asked again. Another document is read the
    general way, which streams it through the gate too."""
    declaration = b'<?xml version="1.0" encoding="UTF-8"?>'
    gate_parser, plain_parser = parsers.gate, parsers.plain
    cases = [
        # (document, codes found, parsers used)
        (declaration + b"<Response><Say>hi</Say></Response>", [], [gate_parser]),
        (
            declaration + b'<Response><Redirect method="PUT">/x</Redirect></Response>',
            ["13221"],
            [gate_parser, plain_parser],
        ),
        (declaration + b"<Response><Say>", ["12100"], [gate_parser, plain_parser]),
        (declaration + b"<Response><Say>hi</Say></Response><!-- c -->", [], [gate_parser]),
    ]
    for document, codes, used in cases:
        parsers.used.clear()
        assert [d.code for d in validate(document)] == codes
        assert parsers.used == used


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_the_quick_way_in_finds_what_the_general_path_finds(tree: laml.Node) -> None:
    """A document after the usual declaration takes the quick way in; a comment after
    its root sends the same document the general way, and nothing else changes."""
    from laml.validation.schema import SCHEMAS

    SCHEMAS["signalwire", True]  # compiled now, so that both ways meet the gate
    text = tree.to_xml()
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert validate(text) == validate(text + "<!-- the general path -->")


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
    from laml.validation.xsd import SchemaWriter as _Writer
    from laml.validation.xsd import build_gate

    for dialect in ("signalwire", "twilio"):
        assert build_gate(dialect)[1] == 10  # Response Pay Prompt Say and six levels of markup
        shipped = _Writer(dialect)
        shipped.document()
        assert shipped.deepest() is None


@pytest.mark.parametrize("dialect", ["signalwire", "twilio"])
def test_no_repeated_choice_slows_the_gate(dialect: str) -> None:
    """libxml2 counts the rounds of a choice that may repeat, and a content model with a
    counter runs on its slow automaton; the gate repeats a sequence of one choice
    instead, and bounds counts by nesting. The shipped schema keeps the plain form."""
    from lxml import etree

    from laml.validation.schema import schema_path
    from laml.validation.xsd import XS, build_gate

    def repeated_choices(root: etree._Element) -> int:
        return sum(choice.get("maxOccurs", "1") != "1" for choice in root.iter(f"{{{XS}}}choice"))

    gate = etree.fromstring(build_gate(dialect)[0].encode())
    assert repeated_choices(gate) == 0
    counted = [  # what else libxml2 gives a counter: a bounded repeat, or at least two
        particle
        for particle in gate.iter(f"{{{XS}}}sequence", f"{{{XS}}}element")
        if particle.get("maxOccurs", "1") not in ("1", "unbounded")
        or particle.get("minOccurs", "1") not in ("0", "1")
    ]
    assert counted == []
    assert gate.findall(f".//{{{XS}}}sequence[@maxOccurs='unbounded']")
    assert repeated_choices(etree.parse(str(schema_path(dialect))).getroot()) > 0


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


@pytest.mark.parametrize("dialect", ["signalwire", "twilio"])
@pytest.mark.parametrize(
    "document", ["<Say>hi</Say>", "<Gather/>", "<Message>hi</Message>", "<response/>"]
)
def test_the_gate_takes_only_a_response(dialect: str, document: str) -> None:
    """The validator skips the root check for a document the gate accepted: a document
    whose root is not <Response> never passes it, and gets 12100 either way."""
    from laml._xml.reader import read
    from laml.validation.schema import accepts

    assert accepts(read(document), dialect, gate=True) is False  # type: ignore[arg-type]
    assert [d.code for d in validate(document, dialect=dialect)] == ["12100"]  # type: ignore[arg-type]


EMPTY_NAMES = [
    ("<Enqueue></Enqueue>", "14204"),
    ("<Enqueue> </Enqueue>", "14204"),
    ("<Dial><Queue></Queue></Dial>", "LAML007"),
    ("<Dial><Conference> </Conference></Dial>", "LAML007"),
    ("<Dial><Sip></Sip></Dial>", "LAML007"),
    ("<Connect><Room>\u00a0</Room></Connect>", "LAML007"),
]


@pytest.mark.parametrize("dialect", ["signalwire", "twilio"])
@pytest.mark.parametrize(("body", "code"), EMPTY_NAMES)
def test_an_empty_name_is_reported_in_both_dialects(dialect: str, body: str, code: str) -> None:
    """Where an element may hold elements as well as text (Twilio's <Enqueue><Task>),
    the gate cannot check its text, so it refuses the element and the rule runs: the
    finding is the same with the gate compiled as without it."""
    from laml.validation import validator as validation
    from laml.validation.schema import SCHEMAS

    SCHEMAS[dialect, True]  # compiled now, so that this document may take it
    document = f"<Response>{body}</Response>"
    found = [d.code for d in validate(document, dialect=dialect)]  # type: ignore[arg-type]
    assert code in found
    validation.USE_GATE = False
    try:
        assert [d.code for d in validate(document, dialect=dialect)] == found  # type: ignore[arg-type]
    finally:
        validation.USE_GATE = True


KIND_CASES = [
    # (verbs, kind, the codes every path reports)
    ("<Say>Hi</Say><Hangup/>", "auto", []),
    ("<Say>Hi</Say><Hangup/><Pause/>", "auto", ["LAML020"]),
    ("<Message>Hi</Message>", "auto", []),
    ("<Message>Hi</Message><Redirect>/next</Redirect><Message>Bye</Message>", "auto", ["LAML020"]),
    ('<Receive action="/fax"/>', "auto", []),
    # A voice verb makes it a voice document; SignalWire's calls send SMS with <Sms>.
    ("<Say>Hi</Say><Message>Hi</Message>", "auto", ["13750"]),
    ("<Hangup/><Message>Hi</Message>", "auto", ["13750", "LAML020"]),
    # Found before the verb that shows the guess wrong, and found again after: once.
    ("<Hangup/><Pause/><Message>Hi</Message>", "auto", ["LAML020", "13750"]),
    ("<Say>Hi</Say>", "messaging", ["13750"]),
    ("<Message>Hi</Message>", "voice", ["13750"]),
    ('<Receive action="/fax"/>', "voice", ["13750"]),
    ("<Say>Hi</Say><Reject/>", "fax", ["13750"]),
    ("<Reject/>", "fax", []),
    (
        "<!-- a comment --><Redirect>/next</Redirect><!-- another --><Say>Hi</Say>",
        "auto",
        ["LAML020"],
    ),
    ("<Dial/>", "auto", ["LAML007"]),
    (
        "<Hangup/><Dial>+15551234567<Number>+15557654321</Number></Dial>",
        "auto",
        ["13215", "LAML020"],
    ),
]


@pytest.mark.parametrize(("verbs", "kind", "codes"), KIND_CASES)
def test_the_kind_and_the_order_of_verbs_are_checked_the_same_with_the_gate(
    verbs: str, kind: str, codes: list[str]
) -> None:
    """The gated pass reads the kind from the bytes first and the verbs only when one
    may not fit: it reports what the full pass reports, in every kind."""
    from laml._xml.reader import read
    from laml.validation import validator as validation
    from laml.validation.schema import accepts

    document = f"<Response>{verbs}</Response>".encode()
    assert accepts(read(document), "signalwire", gate=True)  # the gated pass runs
    gated = validate(document, kind=kind)  # type: ignore[arg-type]
    validation.USE_GATE = False
    try:
        plain = validate(document, kind=kind)  # type: ignore[arg-type]
    finally:
        validation.USE_GATE = True
    assert sorted(d.code for d in gated) == sorted(codes)
    assert gated == plain


PREFIX_CASES = [
    # (document, whether a name may hold a prefix)
    (b"<Response><Say>Hi</Say></Response>", False),
    (b"<Response><Play>https://example.com/a.mp3</Play></Response>", False),
    (
        b"<Response><Redirect>https://a.test/x</Redirect><Play>http://b.test/y</Play></Response>",
        False,
    ),
    (b"<Response><x:Say>Hi</x:Say></Response>", True),
    (b'<Response><Say x:voice="alice">Hi</Say></Response>', True),
    (b"<Response><Play>https://example.com:8080/a.mp3</Play></Response>", True),  # ":8080/"
    (b"<Response><Say>Hours: 9 to 5</Say></Response>", True),  # looks so: the slow path
    # More URLs than the quick look reads: the pattern decides.
    (b"<Response>" + b"<Play>https://a.test/x</Play>" * 6 + b"</Response>", False),
    (b"<Response>" + b"<Play>https://a.test/x</Play>" * 6 + b"<x:Say/></Response>", True),
    # The first colon is a URL's and is stepped over; the next decides.
    (b'<Response><Play>https://a.test/x</Play><Say x:voice="a">Hi</Say></Response>', True),
    (b"<Response><Play>https://a.test/x</Play><x:Say/></Response>", True),
    (b"<Response><Play>https:", False),
    (b"<Response><Play>https://", False),
]


@pytest.mark.parametrize(("document", "expected"), PREFIX_CASES)
def test_colons_of_urls_do_not_send_a_document_the_slow_way(
    document: bytes, expected: bool
) -> None:
    from laml._xml.reader import _may_hold_prefix

    assert _may_hold_prefix(document, 0) is expected


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([b"<a", b"x", b":", b"//", b"/", b" ", b">", b"=", b":b", b"://"])))
def test_the_quick_look_for_prefixes_misses_none(pieces: list[bytes]) -> None:
    """It may say a prefix is possible where there is none, never the other way."""
    from laml._xml.reader import _PREFIXED_NAME, _may_hold_prefix

    data = b"".join(pieces)
    if _PREFIXED_NAME.search(data) is not None:
        assert _may_hold_prefix(data, 0)


@settings(max_examples=300, deadline=None)
@given(
    st.sets(st.sampled_from(["Sip", "Conference", "Message", "Receive", "Say"]), min_size=1),
    st.lists(st.sampled_from(["<Sip>", "<Sip/>", "<Sipx>", "<Say ", "<Message>", "x", "<", "Sip"])),
)
def test_the_search_for_start_tags_misses_none(names: set[str], pieces: list[str]) -> None:
    """The byte search that tells whether a rule's elements may be there never says no
    when one is (literal searches for a few tags, a pattern for more)."""
    import re

    from laml.validation.rules import _start_tags

    data = "".join(pieces).encode()
    present = any(re.search(f"<{name}[\\s/>]", data.decode()) for name in names)
    if present:
        assert _start_tags(names)(data)
