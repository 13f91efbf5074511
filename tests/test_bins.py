"""LaML Bins: rendering as SignalWire would, and checking every rendering before upload."""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import laml
from laml.bins import DEFAULT_CONTENTS, LamlBin, request_parameters
from laml.template import Template, TemplateError, escape_xml, render

from .conftest import LamlCommand

ROOT = Path(__file__).resolve().parent.parent
BINS = Path(__file__).parent / "bins"
VALID = sorted((BINS / "valid").glob("*.xml"))
INVALID = sorted((BINS / "invalid").glob("*.xml"))
DECLARE = re.compile(r"<!-- declare: (.*?) -->")
EXPECT = re.compile(r"<!-- expect: (.*?) -->")
SAMPLE = {
    "From": "+15551230000",
    "To": "+15553210000",
    "Body": "Hello",
    "Digits": "1",
    "SipUser": "+15550001111",
    "SipHeader_X-FROM_NUMBER": "+15557654321",
    "MessageSid": "SM123",
    "NumMedia": "0",
    "NumSegments": "1",
    "Greeting": "Hi there",
    "Dest": ["+15550000001", "+15550000002"],
    "Timeout": "20",
}


def declared(path: Path) -> list[str]:
    match = DECLARE.search(path.read_text())
    return match.group(1).split() if match else []


def serious(found: list[laml.Diagnostic]) -> list[laml.Diagnostic]:
    return [d for d in found if d.severity != "info"]


def test_corpus_is_there() -> None:
    assert len(VALID) >= 8 and len(INVALID) >= 8


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_real_bins_check_clean_and_render_valid_documents(path: Path) -> None:
    """Bins written the way SignalWire's guides write them check clean and render valid cXML."""
    contents = path.read_text()
    found = laml.validate(contents, template=True, declared=declared(path))
    assert serious(found) == [], [d.format(path.name) for d in found]
    rendered = LamlBin(contents=contents).render(SAMPLE)
    assert [d for d in laml.validate(rendered) if d.severity == "error"] == []
    assert "{{" not in rendered


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_broken_bins_are_caught_at_the_right_line(path: Path) -> None:
    """Each broken bin gets exactly the expected errors and warnings at the expected lines."""
    contents = path.read_text()
    match = EXPECT.search(contents)
    assert match
    expected = Counter(tuple(item.split("@")) for item in match.group(1).split())
    found = serious(LamlBin(contents=contents).check())
    assert Counter((d.code, str(d.line)) for d in found) == expected, [d.format() for d in found]


MUTATIONS = [
    ("unclosed section", "{{#Digits}}", "{{#Digits}}{{#Extra}}", "LAML030"),
    ("unescaped", "{{From}}", "{{{From}}}", "LAML031"),
    ("split element", "<Say>", "{{#Extra}}<Say>{{/Extra}}", "LAML036"),
    ("bad method", "<Say", '<Redirect method="PUT">/x</Redirect><Say', "13221"),
]


MUTATED = [
    pytest.param(path, *mutation[1:], id=f"{path.stem}-{mutation[0]}")
    for path in VALID
    for mutation in MUTATIONS
    if mutation[1] in path.read_text()
]


@pytest.mark.parametrize(("path", "old", "new", "code"), MUTATED)
def test_mutated_bins_are_caught_where_they_were_broken(
    path: Path, old: str, new: str, code: str
) -> None:
    """Breaking a good bin is reported with the right code on the line that was changed."""
    contents = path.read_text()
    broken = contents.replace(old, new, 1)
    line = contents[: contents.index(old)].count("\n") + 1
    found = LamlBin(contents=broken).check(declared=[*declared(path), "Extra"])
    assert any(d.code == code and d.line == line for d in found), [d.format() for d in found]


def test_checking_every_combination_of_sections() -> None:
    """A fault that only one combination of sections produces is found, and says when."""
    contents = (
        "<Response>\n{{#Digits}}<Say>a</Say>{{/Digits}}\n"
        "{{#Body}}{{^Digits}}<Gather method='PUT'/>{{/Digits}}{{/Body}}\n</Response>"
    )
    found = serious(laml.validate(contents, template=True))
    assert [(d.code, d.line) for d in found] == [("13221", 3)]
    assert "Digits empty" in found[0].message and "Body set" in found[0].message


def test_many_sections_use_a_sample_of_combinations() -> None:
    """Beyond ten section names, all on, all off and each alone are checked, quickly."""
    names = [f"S{i}" for i in range(14)]
    body = "".join(f"{{{{#{n}}}}}<Say>{n}</Say>{{{{/{n}}}}}" for n in names)
    start = time.perf_counter()
    found = laml.validate(f"<Response>{body}</Response>", template=True, declared=names)
    assert found == []
    assert time.perf_counter() - start < 2


# ------------------------------------------------------------------ rendering


ESCAPES = [
    ("plain", "plain"),
    ("a & b", "a &amp; b"),
    ("<Hangup/>", "&lt;Hangup/&gt;"),
    ("say \"hi\" 'there'", "say &quot;hi&quot; &apos;there&apos;"),
    ("bell\x07 nul\x00 ok", "bell nul ok"),
    ("\ufffe\uffff", ""),
    ("tab\tline\ncr\r", "tab\tline\ncr\r"),
]


@pytest.mark.parametrize(("value", "expected"), ESCAPES)
def test_values_are_escaped_for_xml(value: str, expected: str) -> None:
    """Values are escaped for text and attributes alike; forbidden characters are removed."""
    assert escape_xml(value) == expected


def test_injection_is_impossible() -> None:
    """A caller's value cannot add an element or leave an attribute."""
    bin_ = LamlBin(
        contents='<Response><Say voice="alice">{{Body}}</Say><Dial callerId="{{From}}"/></Response>'
    )
    document = bin_.render({"Body": "</Say><Hangup/><Say>", "From": '"><Hangup/><x y="'})
    tree = laml.parse(document)
    assert [type(e).__name__ for e in tree.elements] == ["Say", "Dial"]
    assert tree.elements[0].text == "</Say><Hangup/><Say>"


def test_request_parameters_merge_forms_and_query_strings() -> None:
    """A repeated key becomes a list; query strings, mappings and pairs all work."""
    assert request_parameters("Dest=%2B1&Dest=%2B2&x=1", {"y": "2"}, [("x", "3")]) == {
        "Dest": ["+1", "+2"],
        "x": ["1", "3"],
        "y": "2",
    }
    ring = LamlBin(
        contents="<Response><Dial>{{#Dest}}<Number>{{.}}</Number>{{/Dest}}</Dial></Response>"
    )
    assert ring.render("Dest=%2B15550000001&Dest=%2B15550000002") == (
        "<Response><Dial><Number>+15550000001</Number><Number>+15550000002</Number></Dial></Response>"
    )


def test_bin_object_mirrors_the_rest_api() -> None:
    """Defaults, and building from the REST API's JSON."""
    empty = LamlBin(name="new")
    assert empty.contents == DEFAULT_CONTENTS
    assert empty.render() == DEFAULT_CONTENTS
    payload = {
        "sid": "5184b831-184f-4209-872d-ccdccc80f2f1",
        "date_created": "2019-11-26T20:00:00Z",
        "date_updated": "2020-05-05T20:00:00Z",
        "date_last_accessed": None,
        "account_sid": "b3877c40-da60-4998-90ad-b792e98472af",
        "name": "IVR",
        "contents": "<Response><Say>Hello {{From}}!</Say></Response>",
        "request_url": "https://example.signalwire.com/laml-bins/5184b831",
        "num_requests": 1337,
        "api_version": "2010-04-01",
        "uri": "/api/laml/2010-04-01/Accounts/b3877c40/LamlBins/5184b831",
        "unknown_field": "ignored",
    }
    bin_ = LamlBin.from_api(payload)
    assert bin_.num_requests == 1337 and bin_.sid == payload["sid"]
    tree = bin_.to_response({"From": "Ann"})
    assert tree == laml.Response(laml.Say("Hello Ann!"))
    with pytest.raises(laml.ParseError, match="not valid"):
        LamlBin(contents='<Response><Pause length="{{N}}"/></Response>').to_response({"N": "-1"})


def test_template_variables_and_positions() -> None:
    """Template.variables lists each name with where and how it is used."""
    template = Template(
        "<Response>\n{{#Digits}}<Say>{{Digits}} {{{Body}}}</Say>{{/Digits}}\n</Response>"
    )
    uses = template.variables
    assert [(u.line, u.column, u.usage) for u in uses["Digits"]] == [
        (2, 1, "section"),
        (2, 17, "variable"),
    ]
    assert [(u.line, u.column, u.usage) for u in uses["Body"]] == [(2, 28, "unescaped")]


TEMPLATE_ERRORS = [
    ("{{#a}}\n{{/b}}", 2, 1, "'b' closes the section 'a' opened at line 1, column 1"),
    ("x {{/a}}", 1, 3, "never opened"),
    ("\n\n  {{#a}}", 3, 3, "never closed"),
    (
        "{{#a}}{{#b}}{{/a}}{{/b}}",
        1,
        7,
        "the section 'b' is never closed ('a' closes at line 1, column 13)",
    ),
    ("{{#a}}{{#b}}{{/c}}", 1, 13, "'c' closes the section 'b'"),
    ("{{= x =}}", 1, 1, "two delimiters"),
    ("ok {{name", 1, 4, "no closing"),
    ("{{}}", 1, 1, "empty tag"),
    ("{{{x}} y", 1, 1, "no closing '}}}'"),
    ("{{#}}x{{/}}", 1, 1, "a section needs a name"),
    ("a\n  {{^}}", 2, 3, "a section needs a name"),
]


@pytest.mark.parametrize(("source", "line", "column", "message"), TEMPLATE_ERRORS)
def test_syntax_errors_say_where(source: str, line: int, column: int, message: str) -> None:
    """Unclosed, mismatched and crossing sections, bad delimiters and unclosed tags."""
    with pytest.raises(TemplateError) as raised:
        Template(source)
    assert (raised.value.line, raised.value.column) == (line, column)
    assert message in str(raised.value)
    assert isinstance(raised.value, laml.LamlError)


def test_hostile_templates_fail_fast() -> None:
    """10,000 nested sections and a 10 MB value get a clear answer quickly."""
    start = time.perf_counter()
    nested = "{{#a}}" * 10_000 + "x" + "{{/a}}" * 10_000
    with pytest.raises(TemplateError, match="nest deeper"):
        Template(nested)
    assert [d.code for d in laml.validate(f"<Response>{nested}</Response>", template=True)] == [
        "LAML030"
    ]
    big = render("<Say>{{v}}</Say>", {"v": "<&" * 5_000_000}, max_output=None)
    assert len(big) > 10_000_000
    assert time.perf_counter() - start < 5


VALUES = st.text(
    st.one_of(
        st.sampled_from(list("<>&\"'\x00\x01\x1b\ufffe")),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=20,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    path=st.sampled_from(VALID),
    values=st.fixed_dictionaries(
        {name: VALUES for name in ("From", "To", "Body", "Greeting", "SipUser")}
    ),
    digits=st.one_of(st.just(""), st.text("0123456789#*", min_size=1, max_size=3)),
)
def test_clean_bins_render_valid_documents_for_any_values(
    path: Path, values: dict[str, str], digits: str
) -> None:
    """Whatever callers send, a bin that checks clean renders a document with no parse error."""
    params = {**SAMPLE, **values, "Digits": digits}
    document = LamlBin(contents=path.read_text()).render(params)
    found = laml.validate(document)
    assert not [d for d in found if d.code in ("12100", "13750", "LAML001", "LAML006", "LAML005")]


# ---------------------------------------------------------------- command line


def test_render_command(laml_command: LamlCommand) -> None:
    """`laml render` prints the rendered, validated document."""
    result = laml_command(
        "render",
        "examples/bins/ivr.xml",
        "--param",
        "Digits=5",
        "--query",
        "To=%2B15553210000&From=%2B15551230000",
    )
    assert result.returncode == 0, result.stderr
    assert "<Say>You pressed 5. Connecting you now.</Say>" in result.stdout
    assert 'callerId="+15553210000"' in result.stdout
    bad = laml_command("render", "tests/bins/invalid/bad-branch.xml", "--param", "Digits=1")
    assert bad.returncode == 1
    assert "13221" in bad.stderr


def test_variables_command(laml_command: LamlCommand) -> None:
    """`laml variables` lists each variable with its positions."""
    result = laml_command("variables", "examples/bins/ivr.xml")
    assert result.returncode == 0
    assert (
        result.stdout.splitlines()[0] == "Digits\t4:1 (section), 5:20 (variable), 10:1 (inverted)"
    )


def test_validate_bin_command(laml_command: LamlCommand) -> None:
    """`laml validate --bin` checks templates, with --var for query-string variables."""
    clean = laml_command("validate", "--bin", "examples/bins")
    assert clean.returncode == 0, clean.stdout
    broken = laml_command(
        "validate", "--bin", "--format", "json", "tests/bins/invalid/split-section.xml"
    )
    assert broken.returncode == 1
    assert '"code": "LAML036"' in broken.stdout
    custom = laml_command(
        "validate", "--bin", "--var", "Greeting", "tests/bins/valid/custom-variable.xml"
    )
    assert custom.stdout == ""


INFO_FINDINGS = [
    # (bin, declared query-string variables, expected (code, line, column) findings)
    ("<Response><Say>Hello {{Name}}</Say></Response>", (), [("LAML035", 1, 22)]),
    ("<Response><Say>Hello {{Name}}</Say></Response>", ("Name",), []),
    ("<Response><Say>You called from {{From}}</Say></Response>", (), []),
    ('<Response><Gather numDigits="{{Count}}"/></Response>', ("Count",), [("LAML037", 1, 19)]),
    (
        '<Response><Gather numDigits="{{Count}}"/></Response>',
        (),
        [("LAML037", 1, 19), ("LAML035", 1, 30)],
    ),
]


@pytest.mark.parametrize(("contents", "declared", "expected"), INFO_FINDINGS)
def test_information_about_variables(
    contents: str, declared: tuple[str, ...], expected: list[tuple[str, int, int]]
) -> None:
    """Variables SignalWire does not send (LAML035) and typed values only known at request
    time (LAML037) are reported as information, where the template has them."""
    found = laml.validate(contents, template=True, declared=declared)
    assert sorted((d.code, d.line, d.column) for d in found) == sorted(expected)
    assert {d.severity for d in found} <= {"info"}
