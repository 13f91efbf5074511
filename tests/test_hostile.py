"""Hostile XML is refused cleanly by parse, validate and the command line, quickly and in bounded memory."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from laml import LamlError, ParseError, parse, validate
from laml.cli import main

CORPUS = Path(__file__).parent / "corpus" / "valid"

HOSTILE = {
    "external entity": b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b"<Response><Say>&x;</Say></Response>",
    "parameter entity": b'<!DOCTYPE r [<!ENTITY % p SYSTEM "http://example.com/evil.dtd"> %p;]>'
    b"<Response/>",
    "external DTD": b'<!DOCTYPE Response SYSTEM "http://example.com/cxml.dtd"><Response/>',
    "billion laughs": b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">'
        % (i, b"".join(b"&lol%s;" % (str(i - 1).encode() if i > 1 else b"") for _ in range(10)))
        for i in range(1, 10)
    )
    + b"]><Response><Say>&lol9;</Say></Response>",
    "quadratic blowup": b'<!DOCTYPE r [<!ENTITY a "'
    + b"x" * 50_000
    + b'">]><Response><Say>'
    + b"&a;" * 10_000
    + b"</Say></Response>",
    "xinclude": b'<Response xmlns:xi="http://www.w3.org/2001/XInclude">'
    b'<xi:include href="file:///etc/passwd" parse="text"/></Response>',
    "stylesheet processing instruction": b'<?xml-stylesheet type="text/xsl" href="http://example.com/x.xsl"?>'
    b"<Response/>",
    "deep nesting": b"<Response>" + b"<Say>" * 200_000 + b"</Say>" * 200_000 + b"</Response>",
    "13 MB document": b"<Response>" + b"<Pause/>" * (13 * 1024 * 1024 // 8) + b"</Response>",
    "20 MB attribute": b'<Response><Say voice="'
    + b"a" * (20 * 1024 * 1024)
    + b'">x</Say></Response>',
    "invalid UTF-8": b"<Response><Say>caf\xe9</Say></Response>",
    "NUL byte": b"<Response><Say>a\x00b</Say></Response>",
    "not XML": b"this is not xml at all",
    "empty input": b"",
    "only whitespace": b"   \n\t ",
    "two roots": b"<Response/><Response/>",
    "wrong root": b"<html><body>hi</body></html>",
    "UTF-16": "<Response/>".encode("utf-16"),
    "declared latin-1": b'<?xml version="1.0" encoding="ISO-8859-1"?><Response/>',
    "namespace": b'<Response xmlns="http://example.com/ns"><Say>x</Say></Response>',
    "unclosed": b"<Response><Say>",
    "DOCTYPE inside a broken declaration": b'<?xml version="1.0" <!DOCTYPE r [<!ENTITY a "b">]> ?>'
    b"<Response><Say>&a;</Say></Response>",
    "DOCTYPE after a processing instruction": b'<?xml version="1.0"?><?xml-stylesheet href="a"?>'
    b'<!DOCTYPE r [<!ENTITY a "b">]><Response/>',
}


def bounded(call: object) -> float:
    start = time.perf_counter()
    call()  # type: ignore[operator]
    return time.perf_counter() - start


@pytest.mark.parametrize("name", list(HOSTILE))
def test_parse_refuses_hostile_input(name: str) -> None:
    """parse raises ParseError (a LamlError) with a reason, within a second."""
    data = HOSTILE[name]

    def attempt() -> None:
        with pytest.raises(ParseError) as raised:
            parse(data)
        assert str(raised.value)

    assert bounded(attempt) < 1.0


@pytest.mark.parametrize("name", list(HOSTILE))
def test_validate_reports_hostile_input(name: str) -> None:
    """validate returns an error diagnostic instead of raising, within a second."""
    data = HOSTILE[name]
    found: list[object] = []
    assert bounded(lambda: found.extend(validate(data))) < 1.0
    assert found and all(d.severity == "error" for d in found)  # type: ignore[attr-defined]
    assert {d.code for d in found} <= {"12100"}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "name",
    [
        "external entity",
        "billion laughs",
        "DOCTYPE inside a broken declaration",
        "DOCTYPE after a processing instruction",
    ],
)
def test_a_doctype_is_refused_before_the_parser_sees_it(name: str) -> None:
    """The byte check names the DOCTYPE wherever it hides, even past a "<?"."""
    with pytest.raises(ParseError, match="holds a DOCTYPE"):
        parse(HOSTILE[name])


def test_no_file_or_network_is_touched(tmp_path: Path) -> None:
    """An entity pointing at a real file never brings the file's content in."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    document = (
        f'<!DOCTYPE r [<!ENTITY x SYSTEM "{secret.as_uri()}">]><Response><Say>&x;</Say></Response>'
    )
    with pytest.raises(ParseError):
        parse(document)
    assert "TOP-SECRET" not in " ".join(d.message for d in validate(document))


@pytest.mark.parametrize("name", ["billion laughs", "deep nesting", "20 MB attribute", "xinclude"])
def test_command_line_refuses_hostile_input(name: str, tmp_path: Path) -> None:
    """`laml validate` exits 1 with a 12100 line for hostile files, in a real process."""
    path = tmp_path / "hostile.xml"
    path.write_bytes(HOSTILE[name])
    result = subprocess.run(
        [sys.executable, "-m", "laml", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert " error 12100 " in result.stdout
    assert result.stderr == ""


def test_memory_stays_bounded() -> None:
    """Refusing the biggest inputs does not grow the process by more than about 100 MB."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for name in ("13 MB document", "20 MB attribute", "quadratic blowup", "billion laughs"):
        validate(HOSTILE[name])
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 100 * 1024


def test_limits_are_configurable() -> None:
    """max_bytes and max_depth move the limits."""
    deep = "<Response>" + "<Say>" * 1 + "x" + "</Say>" * 1 + "</Response>"
    assert validate(deep, max_depth=2) == []
    assert validate(deep, max_depth=1)[0].code == "12100"
    with pytest.raises(ParseError, match="more than the 10 laml reads"):
        parse("<Response></Response>", max_bytes=10)


SEEDS = [p.read_bytes() for p in sorted(CORPUS.glob("*.xml"))]


@st.composite
def mutated_documents(draw: st.DrawFn) -> bytes:
    """A corpus document with random bytes replaced, inserted or removed."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        action = draw(st.sampled_from(["replace", "insert", "delete", "splice"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if action == "replace" and data:
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(
                st.sampled_from(
                    [
                        b"<",
                        b">",
                        b"&",
                        b'"',
                        b"<!DOCTYPE x>",
                        b"<?pi?>",
                        b"\x00",
                        b"\xff",
                        b"<Say>",
                        b"</Dial>",
                        b"&amp;",
                        b"]]>",
                        b"<![CDATA[x]]>",
                    ]
                )
            )
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        else:
            other = draw(st.sampled_from(SEEDS))
            start = draw(st.integers(0, len(other)))
            data[at:at] = other[start : start + draw(st.integers(1, 200))]
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(mutated_documents(), st.binary(max_size=300)))
def test_fuzz_parse_and_validate_end_in_a_result_or_a_laml_error(data: bytes) -> None:
    """No input ends in anything but a tree, a diagnostic list or a LamlError, in under a second."""
    start = time.perf_counter()
    try:
        tree = parse(data)
    except LamlError:
        pass
    else:
        assert tree.to_xml()
    found = validate(data)
    assert isinstance(found, list)
    assert time.perf_counter() - start < 1.0


def test_command_line_survives_a_fuzzed_file(tmp_path: Path) -> None:
    """main() returns 0 or 1 for damaged files, never raises."""
    for index, seed in enumerate(SEEDS):
        damaged = seed[: len(seed) // 2] + b"\xff<" + seed[len(seed) // 2 :]
        path = tmp_path / f"{index}.xml"
        path.write_bytes(damaged)
        assert main(["validate", str(path)], out=open(tmp_path / "out.txt", "w")) in (0, 1)  # noqa: SIM115


NUL_PLACES = [
    b"<Response>a\x00b</Response>",
    b'<Response><Say voice="x\x00">a</Say></Response>',
    b"<Response><!-- \x00 --></Response>",
    b"<Response><Say><![CDATA[\x00]]></Say></Response>",
    b"<Resp\x00onse/>",
    b'<?xml version="1.0"\x00?><Response/>',
    b"\x00<Response/>",
    b"<Response/>\n\x00",
    b"<Response/><!--\x00-->",
]


@pytest.mark.parametrize("document", NUL_PLACES)
def test_a_nul_byte_is_named_wherever_it_stands(document: bytes) -> None:
    """The parser refuses NUL bytes anywhere; the error says NUL and points at it."""
    (found,) = validate(document)
    assert (found.code, found.message) == ("12100", "the document holds a NUL byte")
    line, column = found.line, found.column
    assert document.split(b"\n")[line - 1][column - 1 : column] == b"\x00"
    with pytest.raises(ParseError, match="NUL byte"):
        parse(document)


def test_a_utf8_byte_order_mark_is_read_and_positions_ignore_it() -> None:
    """Editors on Windows start files with a BOM; it is not content."""
    bom = b"\xef\xbb\xbf"
    assert validate(bom + b'<?xml version="1.0"?><Response><Say>hi</Say></Response>') == []
    (found,) = validate(bom + b"<Response>\n  <Sya/>\n</Response>")
    assert (found.code, found.line, found.column) == ("13750", 2, 3)


def test_text_with_a_lone_surrogate_is_refused_where_it_stands() -> None:
    """A str that UTF-8 cannot encode is refused at the surrogate's line and column."""
    with pytest.raises(ParseError, match="lone surrogate") as raised:
        parse("<Response>\n<Say>ab\ud800</Say></Response>")
    assert (raised.value.line, raised.value.column) == (2, 8)
    (found,) = validate("<Response><Say>\udfff</Say></Response>")
    assert (found.code, found.line, found.column) == ("12100", 1, 16)


def test_namespaces_are_refused_but_xml_attributes_are_names_like_any_other() -> None:
    """A declared prefix is refused wherever it is; xml:lang needs no declaration, so it
    reaches the model, which names it as an attribute <Say> does not have."""
    declared = "<Response><Say>a</Say><Say xmlns:a='urn:a' a:b='1'>x</Say></Response>"
    with pytest.raises(ParseError, match="XML namespace"):
        parse(declared)
    assert [d.code for d in validate("<Response><Say xml:lang='en'>x</Say></Response>")] == [
        "LAML002"
    ]


def test_something_that_is_not_a_document_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="not int"):
        validate(42)  # type: ignore[arg-type]


PLACED_REFUSALS = [
    # document -> (line, column, what the message says)
    ('<Response xmlns:x="urn:x"><x:Say>hi</x:Say></Response>', 1, 1, "prefix 'x' ('urn:x')"),
    ('<Response xmlns="urn:y">\n <Say>hi</Say></Response>', 1, 1, "default XML namespace"),
    (
        "<Response>\n  <Say>a</Say><Say xmlns:a='urn:a' a:b='1'>x</Say></Response>",
        2,
        15,
        "<Say> declares the XML namespace prefix 'a'",
    ),
    ("<Response><?php echo 1 ?><Say>hi</Say></Response>", 1, 11, "instruction <?php?>"),
    ('<?xml version="1.0"?>\n<!-- <?no?> -->\n<?style a?><Response/>', 3, 1, "<?style?>"),
    ("<Response><Say>x</Say></Response><?after?>", 1, 34, "<?after?>"),
    # Both: whichever comes first.
    ('<Response>\n<Say xmlns:a="urn:a">x</Say>\n<?pi x?></Response>', 2, 1, "prefix 'a'"),
    ('<Response>\n<?pi x?>\n<Say xmlns:a="urn:a">x</Say></Response>', 2, 1, "<?pi?>"),
    ('<Response><Say xmlns="">x</Say></Response>', 1, 11, "declares a default XML namespace"),
]


@pytest.mark.parametrize(("document", "line", "column", "says"), PLACED_REFUSALS)
def test_namespaces_and_instructions_are_refused_where_they_stand(
    document: str, line: int, column: int, says: str
) -> None:
    """A namespace or a processing instruction -> one 12100 finding at its start tag,
    naming the element and prefix, or the instruction's target."""
    (found,) = validate(document)
    assert (found.code, found.line, found.column) == ("12100", line, column)
    assert says in found.message
