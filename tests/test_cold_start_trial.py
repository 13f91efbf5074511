"""Cold start: a class not used yet shows its attributes as a used one does.

Element specs are built on first use; looking at a class (``hasattr``, ``dir``,
``Gather.num_digits``) must not depend on whether an element was built before.
"""

from __future__ import annotations

import json
import subprocess
import sys

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
