"""Properties of every tree the model can build: well-formed, faithful, escaped or refused."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from laml import LamlValueError, Node, Parameter, Say
from laml._model.fields import forbidden_character

from .strategies import FORBIDDEN_CHARACTERS, XML_CHARACTERS, documents

XML_NS = "{http://www.w3.org/XML/1998/namespace}"
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def normalise_line_ends(text: str) -> str:
    """What an XML parser does to line ends in text (XML 1.0, section 2.11)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def shape_of_node(node: Node) -> tuple[Any, ...]:
    content = [
        normalise_line_ends(c) if isinstance(c, str) else shape_of_node(c) for c in node.children
    ]
    return (node.tag, node.attributes, content)


def shape_of_element(element: etree._Element) -> tuple[Any, ...]:
    content: list[Any] = []
    if element.text:
        content.append(element.text)
    for child in element:
        content.append(shape_of_element(child))
        if child.tail:
            content.append(child.tail)
    attributes = {
        ("xml:" + k[len(XML_NS) :] if k.startswith(XML_NS) else k): v
        for k, v in sorted(element.attrib.items())
    }
    return (element.tag, attributes, content)


@SETTINGS
@given(documents)
def test_every_tree_writes_xml_that_parses_back_to_the_same_tree(tree: Node) -> None:
    """Write, parse with lxml: the same tags, attributes and content come back."""
    text = tree.to_xml()
    parsed = etree.fromstring(text.encode("utf-8"))
    assert shape_of_element(parsed) == shape_of_node(tree)
    pretty = etree.fromstring(tree.to_xml(pretty=True).encode("utf-8"))
    assert pretty.tag == parsed.tag


_TEXT_CR = re.compile(r"(<[^>]*>)|&#13;")


def lxml_reference(tree: Node) -> str:
    """lxml's own serialization, with ElementTree's spelling of the same escapes."""
    text: str = etree.tostring(tree.to_element(), encoding="unicode")
    text = text.replace("/>", " />").replace("&#9;", "&#09;")
    # ElementTree leaves a carriage return in text as it is; lxml escapes it.
    return _TEXT_CR.sub(lambda m: m.group(1) or "\r", text)


@SETTINGS
@given(documents)
def test_the_writer_matches_lxml_serialization(tree: Node) -> None:
    """The string writer escapes exactly what lxml escapes, character for character."""
    assert tree.to_xml(xml_declaration=False) == lxml_reference(tree)


any_text = st.text(st.one_of(st.characters(), FORBIDDEN_CHARACTERS), max_size=40)


@SETTINGS
@given(any_text)
def test_any_text_is_escaped_or_refused(text: str) -> None:
    """Text content either comes back unchanged after a parse, or is refused."""
    if forbidden_character(text) is not None:
        try:
            Say(text)
        except LamlValueError:
            return
        raise AssertionError("a forbidden character was accepted")
    parsed = etree.fromstring(Say(text).to_xml().encode("utf-8"))
    assert (parsed.text or "") == normalise_line_ends(text)


@SETTINGS
@given(any_text)
def test_any_attribute_value_is_escaped_or_refused(value: str) -> None:
    """Attribute values come back exactly (line breaks and tabs included), or are refused."""
    if forbidden_character(value) is not None:
        try:
            Parameter(name="n", value=value)
        except LamlValueError:
            return
        raise AssertionError("a forbidden character was accepted")
    parsed = etree.fromstring(Parameter(name="n", value=value).to_xml().encode("utf-8"))
    assert parsed.get("value") == value


@SETTINGS
@given(st.text(XML_CHARACTERS, min_size=1, max_size=10), st.text(XML_CHARACTERS, max_size=10))
def test_text_pieces_concatenate(first: str, second: str) -> None:
    """Appending text after text extends it; nothing is dropped."""
    say = Say(first)
    say.append(second)
    assert say.text == first + second
