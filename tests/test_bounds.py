"""Work grows linearly with the input, findings are capped, and rendering has a bound.

The time budgets are generous guards against quadratic work coming back: each
shape runs at 64 kB, which takes well under a second when the work is linear and
took from seconds to minutes when it was not.
"""

from __future__ import annotations

import contextlib
import time
import tracemalloc
from collections.abc import Callable

import pytest

import laml
from laml import LamlError, validate
from laml.bins import LamlBin, request_parameters
from laml.template import RenderLimitError, Template

KB = 1024
BUDGET = 5.0
"""Seconds a 64 kB shape may take on a busy machine (linear work takes well under 1)."""


def _repeat(head: str, unit: str, tail: str, size: int = 64 * KB) -> str:
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail


def _positions(document: str) -> Callable[[], object]:
    def run() -> object:
        return [(d.line, d.column, d.path) for d in validate(document)]

    return run


SHAPES: dict[str, Callable[[], object]] = {
    "validate: colons in <Say>": _positions(_repeat("<Response><Say>", ":", "</Say></Response>")),
    "validate: colons in an attribute value": _positions(
        _repeat("<Response><Say voice='", ":", "'>hi</Say></Response>")
    ),
    "validate: colon-spaced text": _positions(
        _repeat("<Response><Say>", "a: ", "</Say></Response>")
    ),
    "validate: unknown elements": _positions(_repeat("<Response>", "<Foo/>", "</Response>")),
    "validate: unknown attributes (refused)": _positions(
        "<Response><Say "
        + " ".join(f"a{i}='1'" for i in range(64 * KB // 10))
        + ">hi</Say></Response>"
    ),
    "validate: unknown attributes on many elements": _positions(
        _repeat("<Response>", "<Say a='1' b='2' c='3'>x</Say>", "</Response>")
    ),
    "validate: misplaced verbs": _positions(
        _repeat("<Response><Gather>", "<Dial/>", "</Gather></Response>")
    ),
    "parse: many verbs": lambda: laml.parse(
        _repeat("<Response>", "<Say>hello</Say><Pause length='1'/>", "</Response>")
    ),
    "format: many verbs": lambda: laml.format_document(
        _repeat("<Response>", "<Say>hello</Say><Pause length='1'/>", "</Response>")
    ),
    "check: many section names": LamlBin(
        contents="<Response>"
        + "".join(f"{{{{#S{i}}}}}<Say>x</Say>{{{{/S{i}}}}}" for i in range(64 * KB // 40))
        + "</Response>"
    ).check,
    "check: one long comment": LamlBin(
        contents=_repeat("<Response><!-- ", "x", " --><Say>hi</Say></Response>")
    ).check,
    "check: one long CDATA section": LamlBin(
        contents=_repeat("<Response><Say><![CDATA[", "x", "]]></Say></Response>")
    ).check,
    "check: one long element name": LamlBin(
        contents=_repeat("<Response><", "S", "/></Response>")
    ).check,
    "check: deep elements holding variables": LamlBin(
        contents=_repeat("<Response>", "<a>{{x}}", "</Response>")
    ).check,
    "check: many tags on one line": LamlBin(
        contents=_repeat("<Response>\n<Say>", "{{#a}}{{/a}}", "</Say>\n</Response>")
    ).check,
    "check: many comments on one line": LamlBin(
        contents=_repeat("<Response>\n<Say>", "{{! c }}", "</Say>\n</Response>")
    ).check,
    "render: one key repeated": lambda: LamlBin(
        contents="<Response><Say>hi</Say></Response>"
    ).render(_repeat("", "D=1&", "")),
    "render: many tags on one line": lambda: Template(
        _repeat("<Response><Say>", "{{#a}}{{/a}}", "</Say></Response>")
    ).render({}),
}


@pytest.mark.parametrize("name", list(SHAPES))
def test_64_kb_shape_is_linear(name: str) -> None:
    """Each shape at 64 kB ends within the budget, with a result or a LamlError."""
    start = time.perf_counter()
    with contextlib.suppress(LamlError):
        SHAPES[name]()
    elapsed = time.perf_counter() - start
    assert elapsed < BUDGET, f"{name}: {elapsed:.1f} s"


def test_colons_are_text_not_a_namespace() -> None:
    """A run of colons in text is valid text."""
    assert validate("<Response><Say>" + ":" * 4_000 + "</Say></Response>") == []
    assert validate("<Response><Say>a: b</Say><Play>https://a.test/x</Play></Response>") == []


def test_findings_are_capped_with_a_count_of_the_rest() -> None:
    """20,000 unknown elements (and the size): the first 1,000 findings, then one
    that counts the rest."""
    found = validate(_repeat("<Response>", "<Foo/>", "</Response>", 20_000 * 6 + 21))
    assert len(found) == laml.MAX_FINDINGS + 1
    assert found[0].code == "11750"
    assert {d.code for d in found[1:-1]} == {"13750"}
    assert [(d.line, d.column) for d in found[1:4]] == [(1, 11), (1, 17), (1, 23)]
    assert found[-2].path == "/Response/Foo[999]"
    last = found[-1]
    assert last.code == "LAML009"
    assert last.severity == "error"
    assert "19,001 more findings" in last.message


def test_findings_below_the_cap_are_all_given() -> None:
    """200 unknown attributes give 200 findings, each at its own attribute."""
    attributes = " ".join(f"a{i}='1'" for i in range(200))
    found = validate(f"<Response><Say {attributes}>hi</Say></Response>")
    assert len(found) == 200
    assert {d.code for d in found} == {"LAML002"}
    assert found[1].column - found[0].column == len("a0='1' ")
    assert found[150].path == "/Response/Say[1]"


def test_an_element_with_too_many_attributes_is_refused() -> None:
    """More than 256 attributes on one element is hostile input: one finding, quickly."""
    attributes = " ".join(f"a{i}='1'" for i in range(257))
    document = f"<Response><Say {attributes}>hi</Say></Response>"
    found = validate(document)
    assert [d.code for d in found] == ["12100"]
    assert "257 attributes" in found[0].message
    with pytest.raises(laml.ParseError, match="at most 256"):
        laml.parse(document)
    with pytest.raises(laml.ParseError, match="at most 256"):
        laml.format_document(document)
    spread = "".join(f"<Pause length='{i % 9}'/>" for i in range(400))
    assert validate(f"<Response>{spread}</Response>") == []


def test_paths_count_same_tag_siblings() -> None:
    """Paths of many findings are computed once per document, and stay correct."""
    found = validate("<Response>" + "<Say/><Foo/>" * 3 + "<Gather><Foo/><Foo/></Gather></Response>")
    paths = [d.path for d in found if "Foo" in d.message]
    assert paths == [
        "/Response/Foo[1]",
        "/Response/Foo[2]",
        "/Response/Foo[3]",
        "/Response/Gather[1]/Foo[1]",
        "/Response/Gather[1]/Foo[2]",
    ]


def test_bin_check_findings_are_capped() -> None:
    """A bin with thousands of unknown elements reports at most 1,000 and a count."""
    found = LamlBin(contents=_repeat("<Response>", "<Foo/>", "</Response>", 9_000)).check()
    assert len(found) == laml.MAX_FINDINGS + 1
    assert found[-1].code == "LAML009"


def test_check_of_many_sections_is_small_and_still_finds_faults() -> None:
    """3,000 section names check in bounded memory; a fault inside one is still found."""
    body = "".join(f"{{{{#S{i}}}}}<Say>x</Say>{{{{/S{i}}}}}" for i in range(3000))
    contents = f"<Response>{body}{{{{#T}}}}<Say loop='-1'>x</Say>{{{{/T}}}}</Response>"
    tracemalloc.start()
    try:
        found = LamlBin(contents=contents).check(declared=[f"S{i}" for i in range(3000)] + ["T"])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20, f"{peak / 2**20:.0f} MiB"
    assert [(d.code, d.line) for d in found] == [("LAML003", 1)]
    assert "loop" in found[0].message


def test_check_of_few_sections_still_tries_every_combination() -> None:
    """Two sections that are each fine alone but not together are found."""
    contents = (
        "<Response><Dial>{{#a}}<Number>+15551230000</Number>{{/a}}"
        "{{#b}}<Conference>room</Conference>{{/b}}</Dial></Response>"
    )
    found = LamlBin(contents=contents).check(declared=["a", "b"])
    # Both set mixes nouns (13000); both empty leaves nothing to dial (LAML007).
    assert [d.code for d in found] == ["13000", "LAML007"]
    assert "a set, b set" in found[0].message
    assert "a empty, b empty" in found[1].message


def test_repeated_keys_are_gathered_in_order() -> None:
    """A repeated key becomes the list of its values, in order, across sources."""
    assert request_parameters("D=1&D=2&E=x", [("D", "3")]) == {"D": ["1", "2", "3"], "E": "x"}
    merged = request_parameters("D=1&" * 80_000)
    assert merged == {"D": ["1"] * 80_000}


# ------------------------------------------------------------------ rendering bound

IVR = """<Response>
{{#Digits}}
  <Say>You pressed {{Digits}}. Connecting you now.</Say>
{{/Digits}}
{{^Digits}}
  <Gather numDigits="1"><Say>Press a key.</Say></Gather>
{{/Digits}}
</Response>"""


def _peak(call: Callable[[], object]) -> tuple[int, BaseException | None]:
    tracemalloc.start()
    raised: BaseException | None = None
    try:
        call()
    except LamlError as error:
        raised = error
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak, raised


def test_render_bomb_stops_at_the_output_bound() -> None:
    """10,000 Digits=1 against the IVR bin stops at 64 kB, in little memory and time."""
    start = time.perf_counter()
    peak, raised = _peak(lambda: LamlBin(contents=IVR).render("Digits=1&" * 10_000))
    assert time.perf_counter() - start < BUDGET
    assert isinstance(raised, RenderLimitError)
    assert "65,536" in str(raised)
    assert peak < 16 * 2**20


def test_nested_sections_bomb_stops() -> None:
    """Four nested sections over a 240-byte query stop at the bound."""
    contents = "<Response><Say>{{#D}}{{#D}}{{#D}}{{#D}}1 {{/D}}{{/D}}{{/D}}{{/D}}</Say></Response>"
    with pytest.raises(RenderLimitError):
        LamlBin(contents=contents).render("D=1&" * 60)


def test_sections_that_write_nothing_still_stop() -> None:
    """Nested sections whose body is empty cannot loop without end either."""
    contents = "<Response>{{#D}}{{#D}}{{#D}}{{#D}}{{/D}}{{/D}}{{/D}}{{/D}}</Response>"
    start = time.perf_counter()
    with pytest.raises(RenderLimitError):
        LamlBin(contents=contents).render("D=1&" * 1000)
    assert time.perf_counter() - start < BUDGET


def test_max_output_is_adjustable() -> None:
    """``max_output`` is the bound in characters; within it the rendering is whole."""
    bin = LamlBin(contents="<Response><Say>{{#D}}{{.}}{{/D}}</Say></Response>")
    assert (
        bin.render("D=ab&" * 10, max_output=100) == f"<Response><Say>{'ab' * 10}</Say></Response>"
    )
    with pytest.raises(RenderLimitError):
        bin.render("D=ab&" * 100, max_output=100)
    assert len(bin.render("D=ab&" * 100, max_output=None)) == 232
    with pytest.raises(RenderLimitError):
        Template("{{#D}}x{{/D}}").render({"D": [1] * 70_000})


def test_render_limit_error_is_a_laml_error() -> None:
    """The bound is reported with a LamlError the caller can catch as one."""
    assert issubclass(RenderLimitError, LamlError)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Digits=1", "<Say>You pressed 1. Connecting you now.</Say>"),
        ("Digits=1&Digits=2", "<Say>You pressed 1,2. Connecting you now.</Say>" * 2),
        ("Digits=%3C&Digits=2", "<Say>You pressed &lt;,2. Connecting you now.</Say>" * 2),
    ],
)
def test_a_repeated_parameter_writes_its_values_joined(query: str, expected: str) -> None:
    """Where one value is expected, a repeated parameter writes its values joined by
    commas, never a Python list."""
    rendered = LamlBin(contents=IVR).render(query)
    assert expected in rendered.replace("\n  ", "").replace("\n", "")
    assert "[" not in rendered and "'" not in rendered


@pytest.mark.parametrize(
    ("template", "data", "expected"),
    [
        ("{{x}}", {"x": ["a", "b"]}, "a,b"),
        ("{{x}}", {"x": ("a", ["b", "c"])}, "a,b,c"),
        ("{{x}}", {"x": []}, ""),
        ("{{{x}}}", {"x": ["<a>", "b"]}, "<a>,b"),
        ("{{#x}}[{{.}}]{{/x}}", {"x": ["a", "b"]}, "[a][b]"),
    ],
)
def test_lists_are_written_joined(template: str, data: object, expected: str) -> None:
    """A list in a variable's place writes its items joined by commas."""
    assert Template(template).render(data) == expected


def test_a_mapping_is_not_written_as_a_python_repr() -> None:
    """A mapping where text is expected is refused, not written as ``{...}``."""
    with pytest.raises(LamlError, match="mapping"):
        Template("{{x}}").render({"x": {"a": 1}})
