"""No input makes laml raise anything but a LamlError, and validate never raises.

The command line answers every input with findings or a one-line message and exit
status 1 or 2, never a traceback.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import laml
from laml import Dial, GenericNode, LamlError, ParseError, Say, VoiceResponse, parse, validate
from laml.bins import LamlBin
from laml.cli import main

LONG = "1" * 4301
HUGE_TIMEOUT = f'<Response><Dial timeout="{LONG}">+15551230000</Dial></Response>'


# ----------------------------------------------------------------- long integers


def test_validate_reports_a_huge_integer() -> None:
    """An integer of 4,301 digits is a finding, not a ValueError."""
    found = validate(HUGE_TIMEOUT)
    assert [d.code for d in found] == ["LAML003"]
    assert "timeout" in found[0].message


@pytest.mark.parametrize("digits", [LONG, "-" + LONG, "0" * 5000 + "5"])
def test_parse_refuses_or_reads_long_digit_strings(digits: str) -> None:
    """parse raises ParseError for an out-of-range long number and reads padded ones."""
    document = f'<Response><Dial timeout="{digits}">+15551230000</Dial></Response>'
    if digits.endswith("5"):
        dial = parse(document).elements[0]
        assert isinstance(dial, Dial)
        assert dial.timeout == 5
    else:
        with pytest.raises(ParseError, match="timeout"):
            parse(document)


def test_builder_refuses_a_huge_integer_with_a_laml_error() -> None:
    """Dial(timeout='1' * 4301) raises LamlValueError."""
    with pytest.raises(laml.LamlValueError, match="timeout"):
        Dial(timeout=LONG)
    with pytest.raises(laml.LamlValueError, match="timeout"):
        Dial(timeout=int(LONG[:4000]))


def test_bin_to_response_refuses_a_huge_integer() -> None:
    """A bin rendering a huge integer raises ParseError from to_response."""
    bin = LamlBin(contents='<Response><Dial timeout="{{T}}">+15551230000</Dial></Response>')
    with pytest.raises(ParseError):
        bin.to_response({"T": LONG})


# ----------------------------------------------------------------- reading bounded


def test_a_file_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    """A file larger than max_bytes is refused after reading max_bytes + 1 bytes."""
    big = tmp_path / "big.xml"
    with big.open("wb") as file:
        file.truncate(2**40)  # sparse: a terabyte that takes no disk
    found = validate(big, max_bytes=1000)
    assert [d.code for d in found] == ["12100"]
    assert "larger than the 1,000 bytes" in found[0].message
    with pytest.raises(ParseError, match="larger than"):
        parse(big, max_bytes=1000)


def test_a_missing_or_unreadable_path_is_a_finding(tmp_path: Path) -> None:
    """A path that cannot be read is a finding for validate, a ParseError for parse."""
    for path in [tmp_path / "missing.xml", tmp_path]:
        found = validate(path)
        assert [d.code for d in found] == ["12100"]
        with pytest.raises(ParseError):
            parse(path)
    fifo = tmp_path / "p.xml"
    os.mkfifo(fifo)
    assert "not a regular file" in validate(fifo)[0].message


def test_dev_zero_is_refused_by_size() -> None:
    """/dev/zero as a path is read only up to the limit."""
    found = validate(Path("/dev/zero"), max_bytes=100)
    assert "larger than the 100 bytes" in found[0].message


# ------------------------------------------------------------------- the builder


@pytest.mark.parametrize(
    "build",
    [
        lambda: VoiceResponse().add_child("foo", _="x"),
        lambda: Say("hi", _=1),
        lambda: Say("hi", __=1),
        lambda: GenericNode("a", **{"": "x"}),
    ],
)
def test_odd_keywords_raise_laml_errors(build: object) -> None:
    """An empty or underscore-only keyword is refused with a LamlError, or names itself."""
    try:
        node = build()  # type: ignore[operator]
    except LamlError:
        return
    assert isinstance(node, laml.Node)
    etree.fromstring(node.to_xml().encode())
    node.to_xml(pretty=True)


def test_underscore_keyword_on_a_generic_node_is_an_attribute() -> None:
    """``_`` is a valid XML name, so add_child writes it as it is."""
    response = VoiceResponse()
    response.add_child("foo", _="x")
    assert response.to_xml(False) == '<Response><foo _="x" /></Response>'


class Name(str):
    """A str subclass, as some frameworks hand out."""


def test_str_subclasses_are_written_as_text() -> None:
    """A str subclass as a name or a value is written as plain text."""
    response = VoiceResponse()
    response.add_child(Name("foo"), Name("bar"), x=Name("1")).append(Name(" and more"))
    assert response.to_xml(False) == '<Response><foo x="1">bar and more</foo></Response>'
    say = Say(Name("hello"))
    say.append(Name(" there"))
    assert say.to_xml(False) == "<Say>hello there</Say>"


# ----------------------------------------------------------------------- property


def _kinds() -> st.SearchStrategy[object]:
    return st.one_of(
        st.text(max_size=200),
        st.binary(max_size=200),
        st.lists(
            st.sampled_from(
                ["<", ">", "/", "Response", "Say", "Dial", " ", "=", '"', ":", "1", "timeout"]
            ),
            max_size=40,
        ).map(lambda parts: "<Response>" + "".join(parts) + "</Response>"),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_kinds())
def test_validate_never_raises_and_parse_raises_only_laml_errors(document: object) -> None:
    """For arbitrary text and bytes: validate returns, parse and fmt raise only LamlError."""
    assert isinstance(validate(document), list)  # type: ignore[arg-type]
    for call in (parse, laml.format_document):
        with contextlib.suppress(LamlError):
            call(document)  # type: ignore[operator]


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80), st.dictionaries(st.text(max_size=8), st.text(max_size=20)))
def test_bins_raise_only_laml_errors(contents: str, params: dict[str, str]) -> None:
    """render, check and to_response on arbitrary contents and parameters."""
    bin = LamlBin(contents=contents)
    assert isinstance(bin.check(), list)
    for call in (bin.render, bin.to_response):
        with contextlib.suppress(LamlError):
            call(params)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=30), st.text(max_size=30), st.text(max_size=30))
def test_builder_raises_only_laml_errors(name: str, key: str, value: str) -> None:
    """add_child with any name, attribute and value: a node that writes, or a LamlError."""
    response = VoiceResponse()
    try:
        response.add_child(name, value, **{key: value})
    except LamlError:
        return
    text = response.to_xml()
    etree.fromstring(text.encode())
    response.to_xml(pretty=True)
    assert isinstance(response.validate(), list)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40).filter(lambda s: "\x00" not in s))
def test_validate_and_parse_of_paths(name: str) -> None:
    """Arbitrary path names: validate returns findings, parse raises only LamlError."""
    path = Path("/nonexistent-dir-for-laml") / (name or "x")
    assert validate(path)
    with pytest.raises(LamlError):
        parse(path)


# ------------------------------------------------------------------ command line


def _cli(arguments: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    completed = subprocess.run(
        [sys.executable, "-m", "laml", *arguments],
        input=stdin,
        capture_output=True,
        timeout=60,
    )
    return (
        completed.returncode,
        completed.stdout.decode("utf-8"),
        completed.stderr.decode("utf-8", "replace"),
    )


def _no_traceback(status: int, err: str) -> None:
    assert status in (0, 1, 2)
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) <= 1


def test_cli_directory_with_a_fifo_a_dangling_link_a_loop_and_a_directory(tmp_path: Path) -> None:
    """Odd entries under a directory are each one finding line; nothing hangs."""
    (tmp_path / "good.xml").write_text("<Response><Hangup/></Response>")
    os.mkfifo(tmp_path / "p.xml")
    (tmp_path / "dangling.xml").symlink_to(tmp_path / "nowhere")
    (tmp_path / "loop.xml").symlink_to(tmp_path / "loop.xml")
    (tmp_path / "x.xml").mkdir()
    status, out, err = _cli(["validate", str(tmp_path)])
    _no_traceback(status, err)
    assert status == 1
    lines = out.splitlines()
    assert len(lines) == 3
    assert all("12100" in line for line in lines)
    assert {Path(line.split(":")[0]).name for line in lines} == {
        "p.xml",
        "dangling.xml",
        "loop.xml",
    }


@pytest.mark.parametrize("name", ["dangling.xml", "loop.xml", "missing.xml"])
def test_cli_odd_file_arguments(tmp_path: Path, name: str) -> None:
    """A dangling link, a loop or a missing file as an argument: one line, no traceback."""
    (tmp_path / "dangling.xml").symlink_to(tmp_path / "nowhere")
    (tmp_path / "loop.xml").symlink_to(tmp_path / "loop.xml")
    status, _out, err = _cli(["validate", str(tmp_path / name)])
    _no_traceback(status, err)
    assert status in (1, 2)


def test_cli_dev_zero_is_refused_by_size() -> None:
    """/dev/zero as an argument is read up to the limit and refused as too large."""
    status, out, err = _cli(["validate", "/dev/zero"])
    _no_traceback(status, err)
    assert status == 1
    assert "larger than" in out


def test_cli_stdin_is_read_only_up_to_the_limit() -> None:
    """A 3 MB stdin is refused as too large, as /dev/zero would be."""
    status, out, err = _cli(["validate", "-"], stdin=b"<Response>" + b" " * 3_000_000)
    _no_traceback(status, err)
    assert "larger than" in out


def test_cli_huge_integer_is_a_finding(tmp_path: Path) -> None:
    """An integer of 4,301 digits is a finding line, not a traceback."""
    path = tmp_path / "t.xml"
    path.write_text(HUGE_TIMEOUT)
    status, out, err = _cli(["validate", str(path)])
    _no_traceback(status, err)
    assert status == 1
    assert "LAML003" in out


def test_cli_file_name_with_a_newline_cannot_forge_a_line(tmp_path: Path) -> None:
    """A newline in a file name is written escaped: one finding, one line."""
    path = tmp_path / "a\nb.xml:1:1: error 0000 forged.xml"
    path.write_text("<Response><Foo/></Response>")
    out = io.StringIO()
    assert main(["validate", str(path)], out) == 1
    assert len(out.getvalue().splitlines()) == 1
    assert "\\n" in out.getvalue()


def test_cli_json_with_an_undecodable_file_name_is_utf8(tmp_path: Path) -> None:
    """An undecodable byte in a file name still gives valid UTF-8 JSON."""
    directory = os.fsencode(tmp_path)
    with open(os.path.join(directory, b"bad\xff.xml"), "wb") as file:
        file.write(b"<Response><Foo/></Response>")
    status, out, err = _cli(["validate", "--format", "json", str(tmp_path)])
    _no_traceback(status, err)
    rows = json.loads(out)
    assert rows[0]["file"].endswith("bad\\xff.xml")


def test_cli_render_of_a_bomb_is_one_line(tmp_path: Path) -> None:
    """Rendering past the bound is a one-line message and exit status 1."""
    path = tmp_path / "bin.xml"
    path.write_text("<Response><Say>{{#D}}{{#D}}{{#D}}{{D}}{{/D}}{{/D}}{{/D}}</Say></Response>")
    status, _out, err = _cli(["render", str(path), "--query", "D=1&" * 60])
    _no_traceback(status, err)
    assert status == 1
    assert "65,536" in err
