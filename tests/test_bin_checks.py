"""The bin checker in a repository of bins: what a new user runs into, reported clearly."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import laml
from laml.bins import LamlBin
from laml.cli import main
from laml.format import format_document
from laml.template import Template
from laml.template.check import closest_parameter


def findings(source: str, **options: object) -> list[tuple[str, str, int, int]]:
    found = laml.validate(source, template=True, **options)  # type: ignore[arg-type]
    return [(d.code, d.severity, d.line, d.column) for d in found]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Form", "From"),
        ("from", "From"),
        ("digits", "Digits"),
        ("Digit", "Digits"),
        ("CallSID", "CallSid"),
        ("SpeechResults", "SpeechResult"),
        ("RecordingURL", "RecordingUrl"),
        ("Greeting", None),
        ("Name", None),
        ("From", None),
        ("X", None),
    ],
)
def test_closest_parameter(name: str, expected: str | None) -> None:
    assert closest_parameter(name) == expected


def test_a_misspelled_variable_is_a_warning_that_names_the_parameter() -> None:
    source = "<Response><Say>Hello {{Form}}</Say></Response>"
    (finding,) = laml.validate(source, template=True)
    assert (finding.code, finding.severity, finding.line, finding.column) == (
        "LAML039",
        "warning",
        1,
        22,
    )
    assert "did you mean From?" in finding.message
    assert laml.validate(source, template=True, declared=["Form"]) == []


def test_an_unknown_variable_that_resembles_nothing_stays_information() -> None:
    assert findings("<Response><Say>{{Greeting}}</Say></Response>") == [("LAML035", "info", 1, 16)]


def test_a_section_in_a_start_tag_hides_nothing_else() -> None:
    """The split section, the misspelled attribute, the verb that never runs, the bad value."""
    source = (
        "<Response>\n"
        '  <Say {{#Digits}}loop="2"{{/Digits}} voise="man">Hi</Say>\n'
        "  <Hangup/>\n"
        "  <Say>never</Say>\n"
        '  <Pause length="-3"/>\n'
        "</Response>"
    )
    assert findings(source) == [
        ("LAML036", "error", 2, 8),
        ("LAML036", "error", 2, 27),
        ("LAML002", "error", 2, 39),
        ("LAML020", "warning", 4, 3),
        ("LAML003", "error", 5, 10),
    ]


def test_a_section_that_splits_elements_is_not_reported_twice() -> None:
    """A rendering that is not XML because a section splits an element: LAML036 only."""
    source = "<Response>{{#Digits}}<Say>{{/Digits}}hi</Say></Response>"
    assert [code for code, *_ in findings(source)] == ["LAML036"]


def test_a_mismatched_close_tag_hides_no_misspelled_variable() -> None:
    source = "<Response>\n{{#Digits}}<Say>{{Form}} {{{Body}}}</Say>{{/Digit}}\n</Response>"
    assert findings(source) == [
        ("LAML039", "warning", 2, 17),
        ("LAML031", "error", 2, 26),
        ("LAML030", "error", 2, 42),
    ]


@pytest.mark.parametrize("template", [False, True])
def test_a_bare_ampersand_is_reported_at_the_ampersand(template: bool) -> None:
    source = "<Response>\n  <Redirect>https://example.com/next?a=1&b=2</Redirect>\n</Response>"
    (finding,) = [d for d in laml.validate(source, template=template) if d.code == "12100"]
    assert (finding.line, finding.column) == (2, 41)
    assert source.splitlines()[1][40] == "&"
    assert "write it as '&amp;'" in finding.message


def test_a_bare_ampersand_after_accents_is_found_by_character() -> None:
    source = "<Response><Say>Grüße à Zoë & co</Say></Response>"
    (finding,) = laml.validate(source)
    assert finding.column == source.index("&") + 1


def test_e164_says_what_really_happens() -> None:
    """SignalWire sends no e164 parameter: the section renders nothing, the number is lost."""
    source = "<Response>\n  <Dial>{{#e164}}{{To}}{{/e164}}</Dial>\n</Response>"
    found = laml.validate(source, template=True)
    # The <Dial> really renders empty, so that is reported too (LAML007).
    assert [d.code for d in found] == ["LAML007", "LAML034"]
    finding = found[1]
    assert (finding.code, finding.severity, finding.line, finding.column) == (
        "LAML034",
        "error",
        2,
        9,
    )
    assert "renders nothing" in finding.message and "write {{To}} alone" in finding.message
    assert "<Dial></Dial>" in LamlBin(contents=source).render({"To": "+15551230000"})


def test_plain_validation_of_a_bin_suggests_bin() -> None:
    source = "<Response>\n{{#Digits}}<Say>{{Digits}}</Say>{{/Digits}}\n</Response>"
    found = laml.validate(source)
    assert found[0].code == "LAML005"
    hint = found[-1]
    assert (hint.code, hint.severity, hint.line, hint.column) == ("LAML038", "info", 2, 1)
    assert "--bin" in hint.message
    assert all(
        d.code != "LAML038" for d in laml.validate("<Response><Say>{ {x} }</Say></Response>")
    )
    assert all(d.code != "LAML038" for d in laml.validate(source, template=True))


def test_fmt_refuses_a_bin_and_leaves_it_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = "<Response>\n{{#Digits}}\n  <Say>{{Digits}}</Say>\n{{/Digits}}\n</Response>\n"
    with pytest.raises(laml.ParseError) as raised:
        format_document(source)
    assert (raised.value.code, raised.value.line, raised.value.column) == ("LAML038", 2, 1)
    path = tmp_path / "ivr.xml"
    path.write_text(source)
    assert main(["fmt", str(path)], io.StringIO()) == 1
    assert path.read_text() == source
    assert "laml fmt leaves bins as they are" in capsys.readouterr().err


# ----------------------------------------------------------- escaping by place


PLACES = [
    ('<Say voice="{{v}}"/>', "a\nb", '<Say voice="a&#10;b"/>'),
    ("<Say voice='{{v}}'/>", "it's\t\r", "<Say voice='it&apos;s&#9;&#13;'/>"),
    ("<Say>{{v}}</Say>", "a\nb & c\r\n", "<Say>a\nb &amp; c&#13;\n</Say>"),
    ("<![CDATA[{{v}}]]>", "a\r\n", "<![CDATA[a]]>&#13;<![CDATA[\n]]>"),
    ("<!-- {{v}} -->", "x--y-", "<!-- x -  - y -  -->"),
    ("<![CDATA[{{v}}]]>", "a]]>b & c", "<![CDATA[a]]]]><![CDATA[>b & c]]>"),
    # No escaping is meant for a processing instruction: a bin refuses to write a value
    # there (RenderError); a plain template escapes it as text, so '?>' cannot form.
    ("<?x {{v}}?>", "a?>b", "<?x a?&gt;b?>"),
]


@pytest.mark.parametrize(("template", "value", "expected"), PLACES)
def test_each_value_is_escaped_for_where_it_stands(
    template: str, value: str, expected: str
) -> None:
    assert Template(template).render({"v": value}) == expected


@settings(max_examples=150)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_every_value_comes_back_as_sent_from_every_place(value: str) -> None:
    """Attribute values, text and CDATA give back every character XML can hold, line
    breaks and tabs included; a comment stays a comment. The document always parses."""
    template = Template(
        '<Response><Say voice="{{v}}">{{v}}</Say><!--{{v}}--><Play><![CDATA[{{v}}]]></Play>'
        "</Response>"
    )
    rendered = template.render({"v": value})
    root = etree.fromstring(rendered.encode())
    kept = re.sub("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "", value)
    assert root[0].get("voice") == kept
    assert (root[0].text or "") == kept
    assert isinstance(root[1], etree._Comment)
    assert "".join(root[2].itertext()) == kept


@pytest.mark.parametrize(
    "source",
    [
        "<Response><Say>{{" + " " * 60_000 + "</Say></Response>",
        "<Response><Say>{{#" + " \t" * 30_000 + "x</Say></Response>",
        "<Response>" + "{{ " * 20_000 + "</Response>",
    ],
)
def test_long_runs_inside_braces_cost_linear_time(source: str) -> None:
    """A hostile bin with a long run after '{{' is answered quickly, checked or not."""
    start = time.perf_counter()
    laml.validate(source)
    laml.validate(source, template=True)
    assert time.perf_counter() - start < 3


def test_a_split_section_hides_no_fault_that_every_rendering_has() -> None:
    """A bare '&' is unreadable in every rendering: reported next to the split section."""
    source = (
        "<Response><Redirect>/a?b=1&c=2</Redirect>{{#Digits}}<Say>{{/Digits}}hi</Say></Response>"
    )
    assert [(code, column) for code, _, _, column in findings(source)] == [
        ("12100", 27),
        ("LAML036", 58),
    ]


SIP_IN_BINS = [
    # a <Sip> in a bin -> whether its SIP URI is reported (LAML005)
    ("alice@{{Host}}", True),  # no scheme, whatever Host is
    ("{{Host}}", False),  # the tag may give all of it
    ("sip:{{User}}@example.com", False),
    ("si{{Rest}}", False),  # too short to tell
    ("tel:{{To}}", True),
]


@pytest.mark.parametrize(("text", "reported"), SIP_IN_BINS)
def test_a_sip_uri_in_a_bin_is_judged_by_what_comes_before_its_first_tag(
    text: str, reported: bool
) -> None:
    """Mustache in a <Sip>: the text before the first tag settles the scheme or not."""
    source = f"<Response><Dial><Sip>{text}</Sip></Dial></Response>"
    codes = [
        d.code for d in laml.validate(source, template=True, declared=["Host", "User", "Rest"])
    ]
    assert ("LAML005" in codes) is reported, codes
