"""Cold start: a class not used yet shows its attributes as a used one does.

Element specs are built on first use; looking at a class (``hasattr``, ``dir``,
``Gather.num_digits``) must not depend on whether an element was built before.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import laml
from laml._model.node import Node

CLASS_VIEW = """
import json
import laml
from laml._model.node import Node

view = {}
for name in laml.__all__:
    cls = getattr(laml, name)
    if isinstance(cls, type) and issubclass(cls, Node) and "_declared_init" in vars(cls):
        attributes = sorted(n for n in dir(cls) if not n.startswith("_"))
        view[name] = [attributes, [hasattr(cls, n) for n in attributes]]
print(json.dumps(view, sort_keys=True))
"""


def element_classes() -> dict[str, type[Node]]:
    """Every declared element class laml exports, by name."""
    found: dict[str, type[Node]] = {}
    for name in laml.__all__:
        value = getattr(laml, name)
        if isinstance(value, type) and issubclass(value, Node) and "_declared_init" in vars(value):
            found[name] = value
    return found


def test_an_unused_class_lists_and_has_its_attribute_properties() -> None:
    """Fresh interpreter, no element built -> dir() and hasattr() as after building each."""
    done = subprocess.run(
        [sys.executable, "-c", CLASS_VIEW], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    cold = json.loads(done.stdout)
    warm = {}
    for name, cls in element_classes().items():
        cls._spec  # noqa: B018 - built on first access
        attributes = sorted(n for n in dir(cls) if not n.startswith("_"))
        warm[name] = [attributes, [True] * len(attributes)]
    assert len(warm) > 60
    assert cold == warm


UNUSED_GATHER = """
import laml
prop = laml.Gather.num_digits
print(prop.__doc__)
"""


def test_an_unused_class_gives_its_attribute_property() -> None:
    """laml.Gather.num_digits before any Gather is built -> the property and its doc."""
    done = subprocess.run(
        [sys.executable, "-c", UNUSED_GATHER], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == laml.Gather.num_digits.__doc__
    assert "numDigits" in done.stdout


VALIDATE_FILE = """
import json, sys
from laml.cli import main

status = main(["validate", sys.argv[1]])
print(json.dumps([status, sorted(sys.modules)]))
"""

NOT_FOR_LAML_VALIDATE = [
    ("laml.testing", "the simulator and explorer, for `laml explore`"),
    ("laml.webhooks", "the web integrations"),
    ("asyncio", "only the ASGI transports need it"),
    ("httpx", "the HTTP client"),
    ("laml.template", "the mustache template engine, for bins"),
    ("attr", "attrs serves templates and bins"),
]


def test_laml_validate_of_one_file_loads_only_what_validating_needs(tmp_path: Path) -> None:
    """`laml validate small.xml` -> exit 0, none of the explorer, web or template modules."""
    document = tmp_path / "small.xml"
    document.write_text('<Response><Gather numDigits="1"><Say>hi</Say></Gather></Response>')
    done = subprocess.run(
        [sys.executable, "-c", VALIDATE_FILE, str(document)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    status, modules = json.loads(done.stdout.splitlines()[-1])
    assert status == 0
    loaded = [
        name
        for name, _ in NOT_FOR_LAML_VALIDATE
        if any(m == name or m.startswith(name + ".") for m in modules)
    ]
    assert loaded == []


def test_laml_explore_still_takes_its_arguments() -> None:
    """`laml explore --help` -> exit 0 and lists the explorer's own options."""
    done = subprocess.run(
        [sys.executable, "-m", "laml", "explore", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "--max-depth" in done.stdout and "--entry" in done.stdout


def test_the_text_keyword_is_not_described_as_an_attribute() -> None:
    """Say.message, WhatsApp.phone_number (text given by keyword) -> help says it is text."""
    say_text = laml.Say.message.__doc__
    number_text = laml.WhatsApp.phone_number.__doc__
    for doc in (say_text, number_text):
        assert doc is not None
        assert doc.startswith("Not an XML attribute") and "text" in doc
    assert not hasattr(laml.Say("hi"), "message")
    assert laml.Gather.num_digits.__doc__.startswith("XML attribute 'numDigits'")


ABSTRACT_MIXIN = """
import abc
import laml

class Announcement(laml.Say, abc.ABC):
    def __init__(self, *content, **attributes):
        super().__init__(*content, **attributes)

print(Announcement("hi", voice="alice").to_xml(False))
"""


def test_an_element_subclass_can_mix_in_an_abstract_base() -> None:
    """class Announcement(laml.Say, abc.ABC) -> builds and writes as Say does."""
    done = subprocess.run(
        [sys.executable, "-c", ABSTRACT_MIXIN], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == '<Say voice="alice">hi</Say>'
