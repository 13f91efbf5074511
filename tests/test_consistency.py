"""fmt, parse and validate agree: one definition of XML whitespace, fmt idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from laml import LamlError, ParseError, format_document, parse, validate
from laml._model.fields import XML_WHITESPACE, is_xml_space

CORPUS = sorted((Path(__file__).parent / "corpus" / "valid").glob("*.xml"))
NOT_XML_SPACE = ["\u00a0", "\u0085", "\u2028", "\u2029", "\u3000", "\x0b", "\x0c", "\x1c"]


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            "<Response><Say><![CDATA[]]></Say></Response>",
            '<?xml version="1.0" encoding="UTF-8"?>\n<Response>\n  <Say />\n</Response>\n',
        ),
        (
            "<Response><Say>a<![CDATA[]]>b</Say></Response>",
            '<?xml version="1.0" encoding="UTF-8"?>\n<Response>\n  <Say>ab</Say>\n</Response>\n',
        ),
        (
            "<Response><Hangup> </Hangup></Response>",
            '<?xml version="1.0" encoding="UTF-8"?>\n<Response>\n  <Hangup />\n</Response>\n',
        ),
    ],
)
def test_fmt_examples(document: str, expected: str) -> None:
    """Empty CDATA and layout whitespace take their final form on the first pass."""
    once = format_document(document)
    assert once.decode() == expected
    assert format_document(once) == once


def test_one_definition_of_xml_whitespace() -> None:
    """XML whitespace is space, tab, CR and LF, and nothing else."""
    assert XML_WHITESPACE == " \t\r\n"
    assert is_xml_space(" \t\r\n")
    assert is_xml_space("")
    for character in NOT_XML_SPACE:
        assert not is_xml_space(character)


@pytest.mark.parametrize("character", ["\u00a0", "\u0085", "\u2028", "\u3000"])
def test_non_xml_space_between_verbs_is_text_everywhere(character: str) -> None:
    """U+00A0 and friends between verbs are text: parse refuses it, fmt keeps it,
    validate reports it."""
    document = f"<Response><Say>hi</Say>{character}<Hangup/></Response>"
    assert [d.code for d in validate(document)] == ["LAML005"]
    with pytest.raises(ParseError, match="cannot contain text"):
        parse(document)
    assert character.encode() in format_document(document)


@pytest.mark.parametrize(
    "document",
    [
        "<Response><Hangup> </Hangup></Response>",
        "<Response><Hangup>\n</Hangup></Response>",
        "<Response><Leave>\t</Leave></Response>",
        "<Response> <Hangup/> </Response>",
        "<Response><Dial>\n  <Number>+15551230000</Number>\n</Dial></Response>",
    ],
)
def test_layout_whitespace_is_fine_in_both(document: str) -> None:
    """Whitespace in an element without content, or between children, is layout for
    parse and validate alike."""
    assert [d for d in validate(document) if d.severity == "error"] == []
    parse(document)


def test_whitespace_as_a_url_is_text_that_names_nothing() -> None:
    """<Redirect> takes text, so parse builds it; its text is the URL, and whitespace
    alone names none, which validate reports (LAML024) like any empty value."""
    document = "<Response><Redirect> </Redirect></Response>"
    assert [d.code for d in validate(document)] == ["LAML024"]
    parse(document)


@pytest.mark.parametrize(
    "document",
    ["<Response><Hangup>\u00a0</Hangup></Response>", "<Response><Leave>x</Leave></Response>"],
)
def test_text_in_an_empty_element_is_refused_by_both(document: str) -> None:
    """Anything but XML whitespace in an element without content is an error in both."""
    assert [d.severity for d in validate(document)] == ["error"]
    with pytest.raises(ParseError):
        parse(document)


_PIECES = [
    "<Say>",
    "</Say>",
    "<Hangup/>",
    "<Hangup>",
    "</Hangup>",
    "<![CDATA[",
    "]]>",
    "<![CDATA[]]>",
    "<!---->",
    "<!-- c -->",
    " ",
    "\n",
    "\u00a0",
    "\u2028",
    "x",
    "<Gather>",
    "</Gather>",
    '<Pause length="1"/>',
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_fmt_is_idempotent(pieces: list[str]) -> None:
    """Property: fmt(fmt(x)) == fmt(x) for every document fmt accepts."""
    document = "<Response>" + "".join(pieces) + "</Response>"
    try:
        once = format_document(document)
    except LamlError:
        return
    assert format_document(once) == once


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_parse_and_validate_agree(pieces: list[str]) -> None:
    """Property: parse accepts a document exactly when validate finds no error
    (for documents of these pieces, which hold no rule-only faults)."""
    document = "<Response>" + "".join(pieces) + "</Response>"
    errors = [d for d in validate(document) if d.severity == "error"]
    try:
        parse(document)
    except ParseError:
        assert errors
        return
    assert errors == []


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_fmt_is_idempotent_on_the_corpus(path: Path) -> None:
    """Every valid corpus document formats to a fixed point."""
    once = format_document(path)
    assert format_document(once) == once
