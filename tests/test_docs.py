"""The README's code runs and prints what the README says; every example runs."""

from __future__ import annotations

import contextlib
import importlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.S)


def readme_cases() -> list[tuple[str, str | None]]:
    blocks = BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    cases = []
    for index, (language, code) in enumerate(blocks):
        if language != "python":
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        output = following[1] if following and following[0] in ("xml", "text") else None
        cases.append((code, output))
    return cases


@pytest.mark.parametrize(("code", "output"), readme_cases(), ids=lambda v: str(v)[:40])
def test_readme_code_prints_what_the_readme_shows(code: str, output: str | None) -> None:
    """Each python block of the README runs; the block after it is its exact output."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<README>", "exec"), {"__name__": "__readme__"})
    if output is not None:
        assert out.getvalue() == output


def test_readme_has_code() -> None:
    assert len(readme_cases()) >= 5


EXAMPLES = importlib.import_module("examples").EXAMPLES


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_builds_a_document_that_parses(name: str) -> None:
    """Each example builds a document that lxml parses, with the expected root."""
    from lxml import etree

    module = importlib.import_module(f"examples.{name}")
    document = module.build()
    root = etree.fromstring(document.to_xml().encode())
    assert root.tag == "Response"
    assert len(root) >= 1


def test_examples_content() -> None:
    """The examples show what their names promise."""
    from examples import call_forwarding, conference_line, inbound_fax, ivr_menu, sms_auto_reply

    assert "<Gather" in ivr_menu.build().to_xml()
    forwarding = call_forwarding.build().to_xml()
    assert "<Dial" in forwarding and "<Record" in forwarding
    assert "<Conference" in conference_line.build().to_xml()
    assert "<Message" in sms_auto_reply.build("Ann").to_xml()
    assert "Hi Ann!" in sms_auto_reply.build("Ann").to_xml()
    assert "<Receive" in inbound_fax.build().to_xml()
    assert inbound_fax.build(office_open=False).to_xml(False) == "<Response><Reject /></Response>"
    from examples import laml_bins

    assert "You pressed 2." in laml_bins.build().to_xml()


@pytest.mark.parametrize("name", ["voicemail", "ivr", "sms_reply"])
def test_example_bins_check_clean(name: str) -> None:
    """The bundled bins have no error or warning, and render valid documents."""
    import laml
    from examples import laml_bins

    bin_ = laml_bins.load(name)
    assert [d for d in bin_.check() if d.severity != "info"] == []
    for digits in ("", "1"):
        document = bin_.render({**laml_bins.REQUEST, "Digits": digits})
        assert [d for d in laml.validate(document) if d.severity == "error"] == []


def test_demo_prints_every_example() -> None:
    """``python -m examples`` (what ``make demo`` runs) prints each example document."""
    result = subprocess.run(
        [sys.executable, "-m", "examples"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    for name in EXAMPLES:
        assert f"== {name}:" in result.stdout
    assert result.stdout.count("== ") == len(EXAMPLES) + 1
    assert "-- ivr.xml: clean" in result.stdout


def test_readme_lists_every_diagnostic_code() -> None:
    """Each code laml reports is explained in the README's table."""
    import laml

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code, (severity, meaning) in laml.CODES.items():
        assert f"| `{code}` | {severity} | {meaning} |" in readme
