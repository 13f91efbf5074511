"""Nothing a caller sends breaks a rendered bin, and nothing laml writes breaks XML.

Values are escaped for the place they stand (text, attribute value, comment, CDATA);
``check()`` reports variables where no escaping helps; names resolve on request
data only, never on Python attributes; every element and attribute name laml
writes follows XML's name rules.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from laml import GenericNode, LamlError, LamlValueError, Say, VoiceResponse, validate
from laml.bins import LamlBin
from laml.template import Template, escape_cdata, escape_comment

HOSTILE_VALUES = ["-->", "-", "--", "- -", "]]>", "]]", "<", "&", '"', "'", "\x01", "?>", "a-"]

CONTEXTS = {
    "text": "<Response><Say>{{From}}</Say></Response>",
    "attribute in double quotes": '<Response><Say voice="{{From}}">hi</Say></Response>',
    "attribute in single quotes": "<Response><Say voice='{{From}}'>hi</Say></Response>",
    "comment": "<Response><!--{{From}}--><Say>hi</Say></Response>",
    "comment with hyphens around": "<Response><!-- a-{{From}}-b --><Say>hi</Say></Response>",
    "comment before the root": "<!--{{From}}--><Response><Say>hi</Say></Response>",
    "CDATA": "<Response><Say><![CDATA[{{From}}]]></Say></Response>",
    "CDATA twice": "<Response><Say><![CDATA[{{From}}]]]]><![CDATA[>{{From}}]]></Say></Response>",
}


@pytest.mark.parametrize("context", list(CONTEXTS))
@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_every_value_renders_a_well_formed_document(context: str, value: str) -> None:
    """Each context, each hostile value: the rendered document parses."""
    bin = LamlBin(contents=CONTEXTS[context])
    rendered = bin.render({"From": value})
    etree.fromstring(rendered.encode())


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(list(CONTEXTS)), st.text(max_size=30))
def test_any_value_renders_a_well_formed_document(context: str, value: str) -> None:
    """Property: any text in any context still renders a document that parses."""
    rendered = LamlBin(contents=CONTEXTS[context]).render({"From": value})
    etree.fromstring(rendered.encode())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("-->", " -  - >"),
        ("-", " - "),
        ("--", " -  - "),
        ("a-b", "a - b"),
        ("x", "x"),
        ("\x01", " "),
    ],
)
def test_comment_escaping(value: str, expected: str) -> None:
    """In a comment, each hyphen stands between spaces; forbidden characters go, and
    a value left empty is a space."""
    assert escape_comment(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("]]>", "]]]]><![CDATA[>"), ("a]]>b]]>", "a]]]]><![CDATA[>b]]]]><![CDATA[>"), ("<&", "<&")],
)
def test_cdata_escaping(value: str, expected: str) -> None:
    """In CDATA, ']]>' is split across two sections; other characters stay as they are."""
    assert escape_cdata(value) == expected


def test_cdata_value_is_kept_exactly() -> None:
    """A value in CDATA reads back exactly as sent."""
    rendered = LamlBin(contents=CONTEXTS["CDATA"]).render({"From": "a]]>b<&"})
    assert etree.fromstring(rendered.encode())[0].text == "a]]>b<&"


def test_comment_variable_passes_check() -> None:
    """A variable in a comment is safe now, so check() finds nothing to say."""
    found = LamlBin(contents=CONTEXTS["comment"]).check()
    assert found == []


@pytest.mark.parametrize(
    "contents",
    [
        '<?xml version="1.0" encoding="{{From}}"?><Response/>',
        "<Response><{{From}}/></Response>",
        "<Response><Say {{From}}>hi</Say></Response>",
        "<Response><Say>hi</{{From}}></Response>",
        "<Response></Response>{{From}}",
    ],
)
def test_check_reports_variables_no_escaping_can_make_safe(contents: str) -> None:
    """A variable in a declaration, a name, a tag or outside the root is an error."""
    found = LamlBin(contents=contents).check()
    assert "LAML036" in [d.code for d in found]


@pytest.mark.parametrize(
    "contents",
    [
        '<?xml version="1.0" encoding="{{From}}"?><Response/>',
        "<Response><{{From}}/></Response>",
        "<Response><Say {{From}}>hi</Say></Response>",
    ],
)
def test_render_refuses_a_value_where_no_escaping_helps(contents: str) -> None:
    """A bin writes no caller's value into markup: it raises a LamlError instead."""
    with pytest.raises(LamlError, match="From"):
        LamlBin(contents=contents).render({"From": "x"})


# ------------------------------------------------------------- names resolve on data


@pytest.mark.parametrize(
    "template",
    [
        "<Say>{{Digits.__class__.__base__.__subclasses__}}</Say>",
        "<Say>{{Digits.__class__}}</Say>",
        "<Say>{{Digits.pop}}</Say>",
        "<Say>{{#Digits.pop}}x{{/Digits.pop}}</Say>",
        "<Say>{{From.upper}}</Say>",
        "<Say>{{#From.upper}}x{{/From.upper}}</Say>",
        "<Say>{{Digits.count}}</Say>",
    ],
)
def test_dotted_names_never_reach_python_attributes(template: str) -> None:
    """Attributes and methods of values are invisible; the request data is unchanged."""
    bin = LamlBin(contents=f"<Response>{template}</Response>")
    params = {"Digits": ["1", "2"], "From": "+15551230000"}
    assert bin.render(params) == "<Response><Say></Say></Response>"
    assert params == {"Digits": ["1", "2"], "From": "+15551230000"}


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{{Digits.0}}", "1"),
        ("{{Digits.1}}", "2"),
        ("{{Digits.2}}", ""),
        ("{{Digits.-1}}", ""),
        ("{{#Digits.1}}[{{.}}]{{/Digits.1}}", "[2]"),
    ],
)
def test_list_positions(template: str, expected: str) -> None:
    """``name.N`` is the N-th value (from 0) of a repeated parameter."""
    rendered = LamlBin(contents=f"<Response><Say>{template}</Say></Response>").render(
        "Digits=1&Digits=2"
    )
    assert rendered == f"<Response><Say>{expected}</Say></Response>"


def test_objects_are_not_data() -> None:
    """An object that is not a mapping has no names a template can read."""

    class Call:
        sid = "CA123"

    assert Template("[{{sid}}][{{call.sid}}]").render({"call": Call()}) == "[][]"
    assert Template("[{{sid}}]").render(Call()) == "[]"


# ------------------------------------------------------------ names the builder writes

BAD_NAMES = ["a:b", "a²", "a b", "a b><evil/", "1a", "", "-a", ".a", "a\u0300\u0000", "xml:", "a>"]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_add_child_refuses_names_xml_refuses(name: str) -> None:
    """add_child checks the element name against XML's rules (and refuses prefixes)."""
    with pytest.raises(LamlValueError):
        VoiceResponse().add_child(name)


@pytest.mark.parametrize("name", [*BAD_NAMES, "xmlns:a", "xmlns"])
def test_generic_attribute_names_follow_xml_rules(name: str) -> None:
    """An attribute named x² (or anything XML refuses, or a namespace declaration) is refused."""
    with pytest.raises(LamlValueError):
        GenericNode("a", **{name: "1"})


@pytest.mark.parametrize("name", ["a", "_", "a.b-c", "é", "中文", "a\u00b7b", "A1"])
def test_good_names_are_written(name: str) -> None:
    """Names XML allows are written and read back by lxml, plain and pretty."""
    node = GenericNode(name, "x", **{name: "1"})
    etree.fromstring(node.to_xml().encode())
    assert node.to_element().tag == name
    node.to_xml(pretty=True)


def test_xml_lang_is_still_written() -> None:
    """The predeclared xml: prefix stays allowed for attributes."""
    node = GenericNode("a", xml_lang="en")
    assert node.to_xml(False) == '<a xml:lang="en" />'


def test_renaming_a_generic_node_is_checked() -> None:
    """GenericNode.name = 'a b><evil/' is refused; a good name is taken."""
    node = GenericNode("a")
    with pytest.raises(LamlValueError):
        node.name = "a b><evil/"
    with pytest.raises(LamlValueError):
        node.tag = "a:b"
    node.name = "b"
    assert node.to_xml(False) == "<b />"


def test_a_typed_element_keeps_its_tag() -> None:
    """Say(...).tag cannot be reassigned."""
    say = Say("hi")
    with pytest.raises(LamlError):
        say.tag = "a b><evil/"
    assert say.to_xml(False) == "<Say>hi</Say>"


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=12))
def test_any_accepted_name_is_one_lxml_accepts(name: str) -> None:
    """Property: a name add_child accepts never meets lxml's 'Invalid tag name'."""
    response = VoiceResponse()
    try:
        response.add_child(name, **{"x": "1"})
    except LamlValueError:
        return
    response.to_xml(pretty=True)
    etree.fromstring(response.to_xml().encode())
    assert isinstance(validate(response), list)
