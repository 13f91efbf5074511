"""laml.parse: round trips through the typed tree, the class context decides, errors that say where."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

import laml
from laml import (
    ConferenceStream,
    ParseError,
    ReferSip,
    Sip,
    Stream,
    parse,
)

from .strategies import documents, kind_of, with_parsed_line_ends

CORPUS = Path(__file__).parent / "corpus"
VALID = sorted((CORPUS / "valid").glob("*.xml"))
TWILIO = sorted((CORPUS / "twilio").glob("*.xml"))


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
    ("<Response>\n  <Foo/>\n</Response>", 2, 3, "<Foo> is not a cXML element"),
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
