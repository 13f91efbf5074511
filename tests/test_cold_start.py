"""Cold start: what ``import laml`` and writing a document load, and what laziness keeps.

Building and writing a document must not load what only reading, validating,
templates, the command line or the web integrations need; each check runs in a
fresh interpreter and reads ``sys.modules``. Element specs are built on first use,
so they must come out the same whatever order the classes are first used in.
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import laml
from laml import Gather, GenericNode, Response, Say

from .strategies import documents

WRITE_ONE_VERB = "import laml; laml.Response(laml.Say('hi')).to_xml()"


def run_fresh(program: str, stdin: bytes = b"") -> str:
    """Run ``program`` in a new interpreter and return what it printed."""
    done = subprocess.run(
        [sys.executable, "-c", program], input=stdin, capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode()


@cache
def loaded_by(program: str) -> frozenset[str]:
    """The modules ``program`` loads beyond those of a bare interpreter."""
    report = "\nimport json as _j, sys as _s\nprint(_j.dumps(sorted(_s.modules)))"
    bare = set(json.loads(run_fresh("pass" + report)))
    return frozenset(set(json.loads(run_fresh(program + report))) - bare)


def has_loaded(modules: frozenset[str], name: str) -> bool:
    """Whether the module ``name`` or one of its submodules is among ``modules``."""
    return any(module == name or module.startswith(name + ".") for module in modules)


HEAVY = [
    ("lxml", "the XML library reads, validates and pretty-prints"),
    ("attr", "attrs serves templates and bins"),
    ("attrs", "attrs serves templates and bins"),
    ("typing_extensions", "only type checkers need it"),
    ("laml.parsing", "reading a document"),
    ("laml.validation", "validating a document"),
    ("laml.format", "formatting a document"),
    ("laml.template", "the mustache template engine"),
    ("laml.bins", "LaML Bins"),
    ("laml.cli", "the command line"),
    ("argparse", "the command line's parser"),
    ("laml.twiml", "the twilio-python compatible names"),
    ("laml.webhooks", "the web integrations"),
    ("laml.testing", "the test helpers"),
    ("laml.client", "the REST client"),
    ("flask", "a web framework"),
    ("django", "a web framework"),
    ("starlette", "a web framework"),
    ("httpx", "the HTTP client"),
    ("inspect", "reading signatures costs more than building specs"),
    ("difflib", "only error messages suggest close names"),
    ("xml.sax", "xml.sax.saxutils pulls in urllib.request"),
    ("urllib.request", "nothing in laml fetches URLs"),
    ("decimal", "only decimal attributes need it, given or read"),
]


@pytest.mark.parametrize(("module", "why"), HEAVY, ids=[module for module, _ in HEAVY])
def test_building_and_writing_a_document_loads_no_heavy_module(module: str, why: str) -> None:
    """import laml, build <Response><Say>hi</Say></Response>, write it -> `module` not loaded."""
    assert not has_loaded(loaded_by(WRITE_ONE_VERB), module), f"{module} is loaded ({why})"


VALIDATE_ONE = "import laml; laml.validate(b'<Response><Say>hi</Say><Hangup/></Response>')"

NOT_FOR_ONE_VALIDATION = [
    ("attr", "attrs serves templates and bins"),
    ("attrs", "attrs serves templates and bins"),
    ("laml.template", "the mustache template engine, for bins"),
    ("laml.validation.xsd", "the gate schema is built once enough documents were checked"),
    ("laml.cli", "the command line"),
    ("xml.sax", "xml.sax.saxutils pulls in urllib.request"),
    ("urllib.request", "nothing in laml fetches URLs"),
]


@pytest.mark.parametrize(
    ("module", "why"), NOT_FOR_ONE_VALIDATION, ids=[m for m, _ in NOT_FOR_ONE_VALIDATION]
)
def test_validating_one_document_loads_no_module_it_does_not_need(module: str, why: str) -> None:
    """import laml, validate one small document -> `module` not loaded."""
    assert not has_loaded(loaded_by(VALIDATE_ONE), module), f"{module} is loaded ({why})"


VALIDATE_COMMAND = (
    "import io, tempfile, laml.cli\n"
    "with tempfile.NamedTemporaryFile(suffix='.xml') as file:\n"
    "    file.write(b'<Response><Hangup/></Response>'); file.flush()\n"
    "    assert laml.cli.main(['validate', file.name], io.StringIO()) == 0"
)

NOT_FOR_THE_VALIDATE_COMMAND = [
    ("laml.client", "the bins commands load only for `laml bins`"),
    ("laml.testing", "the call explorer loads only for `laml explore`"),
    ("difflib", "only `laml bins diff` and error messages that suggest names use it"),
    ("httpx", "nothing is fetched"),
]


@pytest.mark.parametrize(
    ("module", "why"),
    NOT_FOR_THE_VALIDATE_COMMAND,
    ids=[m for m, _ in NOT_FOR_THE_VALIDATE_COMMAND],
)
def test_the_validate_command_loads_no_other_command(module: str, why: str) -> None:
    """`laml validate` of a valid document -> `module` not loaded."""
    assert not has_loaded(loaded_by(VALIDATE_COMMAND), module), f"{module} is loaded ({why})"


USES = [
    ("import laml; laml.parse('<Response><Hangup/></Response>')", "lxml"),
    ("import laml; laml.validate(b'<Response><Hangup/></Response>')", "lxml"),
    ("import laml; laml.validate(b'<Response><Hangup/></Response>')", "laml.validation"),
    ("import laml; laml.Response(laml.Hangup()).to_xml(pretty=True)", "lxml"),
    ("import laml; laml.Response(laml.Hangup()).to_element()", "lxml"),
    ("import laml; laml.format_document('<Response/>')", "laml.format"),
    ("import laml; laml.validate(b'<Response/>', template=True)", "laml.template"),
    ("import laml.cli", "argparse"),
]


@pytest.mark.parametrize(("program", "module"), USES)
def test_what_a_feature_needs_is_loaded_when_it_is_used(program: str, module: str) -> None:
    """A program that reads, validates, pretty-prints or parses arguments -> `module` loaded."""
    assert has_loaded(loaded_by(program), module)


LAZY_NAMES = [
    ("parse", "laml.parsing"),
    ("validate", "laml.checking"),
    ("format_document", "laml.format"),
    ("schema_path", "laml.validation.schema"),
]


@pytest.mark.parametrize(("name", "module"), LAZY_NAMES)
def test_names_loaded_on_first_use_are_the_functions_of_their_modules(
    name: str, module: str
) -> None:
    """laml.<name> -> the function defined in `module`, listed by dir() and __all__."""
    value = getattr(laml, name)
    assert value.__module__ == module
    assert value is getattr(sys.modules[module], name)
    assert name in dir(laml)
    assert name in laml.__all__


def test_an_unknown_name_is_an_attribute_error() -> None:
    """laml.no_such_name -> AttributeError naming it, as for any module."""
    with pytest.raises(AttributeError, match="no_such_name"):
        laml.no_such_name  # noqa: B018


def test_every_public_name_resolves() -> None:
    """Every name in laml.__all__ -> an attribute of laml."""
    assert [name for name in laml.__all__ if not hasattr(laml, name)] == []


SPEC_DUMP = """
import json, random, sys
import laml, laml.fax, laml.messaging, laml.ssml, laml.voice
from laml._model.node import Node

classes = sorted(
    {
        value
        for module in (laml.voice, laml.ssml, laml.messaging, laml.fax)
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, Node) and "tag" in vars(value)
    },
    key=lambda cls: (cls.__module__, cls.__qualname__),
)
order = sys.argv[1]
if order == "reversed":
    classes.reverse()
elif order != "declared":
    random.Random(int(order)).shuffle(classes)
dump = {}
for cls in classes:
    spec = cls._spec
    dump[f"{cls.__module__}.{cls.__qualname__}"] = {
        "fields": [
            [f.name, f.xml, f.kind.expected, f.signalwire_kind and f.signalwire_kind.expected,
             f.text, f.url, f.required, f.twilio_only]
            for f in spec.fields.values()
        ],
        "children": [child.__qualname__ for child in spec.children],
        "text": spec.text_kind and spec.text_kind.expected,
        "accepts_text": spec.accepts_text,
    }
print(json.dumps(dump, sort_keys=True))
"""


def spec_dump(order: str) -> dict[str, object]:
    """Every element's spec, built in a fresh interpreter in the given order."""
    done = subprocess.run(
        [sys.executable, "-c", SPEC_DUMP, order], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    dumped: dict[str, object] = json.loads(done.stdout)
    return dumped


def test_specs_are_the_same_whatever_order_the_classes_are_first_used_in() -> None:
    """Specs built in declared, reversed and shuffled orders -> identical fields and content.

    typing caches equal types, and two ``Literal`` types with the same values in a
    different order are equal: whichever is evaluated first would give both its order.
    Declarations must list such values in one order.
    """
    declared = spec_dump("declared")
    assert len(declared) > 60
    for order in ("reversed", "1", "2"):
        assert spec_dump(order) == declared, order


PICKLED_READ = """
import json, pickle, sys
tree = pickle.loads(sys.stdin.buffer.read())
gather = tree.elements[0]
before = gather.num_digits
gather.timeout = 7
print(json.dumps([before, gather.timeout, tree.to_xml(), repr(tree)]))
"""


def test_a_pickled_tree_reads_and_writes_attributes_in_a_fresh_interpreter() -> None:
    """Unpickling before any element is used -> attribute properties work as after building."""
    tree = Response(Gather(Say("Press 1"), num_digits=1, action="/menu"))
    tree.add_child("Custom", "text", some_name="x")
    before, timeout, xml, shown = json.loads(run_fresh(PICKLED_READ, pickle.dumps(tree)))
    expected = Response(Gather(Say("Press 1"), num_digits=1, action="/menu", timeout=7))
    expected.append(GenericNode("Custom", "text", some_name="x"))
    assert (before, timeout, xml, shown) == (1, 7, expected.to_xml(), repr(expected))


THREADS_BUILD = """
import threading
import laml

barrier = threading.Barrier(8)
results, errors = [], []

def work(number):
    try:
        barrier.wait()
        gather = laml.Gather(laml.Say("hi"), num_digits=number + 1)
        gather.timeout = number + 2
        results.append((gather.num_digits, gather.timeout, gather.to_xml(False)))
    except Exception as error:
        errors.append(repr(error))

threads = [threading.Thread(target=work, args=(number,)) for number in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(sorted(results), errors)
"""


def test_threads_that_first_use_a_class_together_all_build_it() -> None:
    """8 threads building the first Gather at once -> 8 correct elements, no error."""
    expected = sorted(
        (n + 1, n + 2, f'<Gather numDigits="{n + 1}" timeout="{n + 2}"><Say>hi</Say></Gather>')
        for n in range(8)
    )
    assert run_fresh(THREADS_BUILD).strip() == f"{expected} []"


def test_attribute_declarations_are_called_as_typed_dicts_are() -> None:
    """GatherAttributes(num_digits=1) -> a plain dict, as calling a TypedDict gives."""
    from laml.voice import GatherAttributes

    made = GatherAttributes(num_digits=1, action="/menu")
    assert (type(made), made) == (dict, {"num_digits": 1, "action": "/menu"})
    assert GatherAttributes.__optional_keys__ == frozenset(GatherAttributes.__annotations__)
    assert GatherAttributes.__required_keys__ == frozenset()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_pickling_keeps_every_tree(tree: laml.Node) -> None:
    """Any document -> pickled and loaded, an equal tree that writes the same bytes."""
    clone = pickle.loads(pickle.dumps(tree))
    assert clone == tree
    assert clone.to_xml() == tree.to_xml()


GATE_LATER = """
import json, sys
import laml
from laml.validation import schema, validator

document = b"<Response><Say>hi</Say><Hangup/><Say>never heard</Say></Response>"
first = [d.to_dict("d") for d in laml.validate(document)]
before = [("signalwire", True) in schema.SCHEMAS, "laml.validation.xsd" in sys.modules]
for _ in range(validator.GATE_AFTER):
    laml.validate(b"<Response><Hangup/></Response>")
after = [("signalwire", True) in schema.SCHEMAS, "laml.validation.xsd" in sys.modules]
last = [d.to_dict("d") for d in laml.validate(document)]
print(json.dumps([before, after, first == last, [d["code"] for d in first]]))
"""


def test_the_gate_is_built_only_once_enough_documents_were_checked() -> None:
    """One validation -> no gate built; GATE_AFTER more -> the gate compiled; same findings."""
    before, after, same, codes = json.loads(run_fresh(GATE_LATER))
    assert (before, after, same, codes) == ([False, False], [True, True], True, ["LAML020"])


QUOTED = [
    ("plain", '"plain"'),
    ('say "hi"', "'say \"hi\"'"),
    ("it's", '"it\'s"'),
    ("both \" and '", '"both &quot; and \'"'),
    ("a<b & c>d", '"a&lt;b &amp; c&gt;d"'),
    ("line\nbreak\r\ttab", '"line&#10;break&#13;&#9;tab"'),
    ("", '""'),
]


@pytest.mark.parametrize(("text", "expected"), QUOTED)
def test_schema_attribute_values_are_quoted_as_before(text: str, expected: str) -> None:
    """Text -> the quoted attribute value the schema writer puts in the XSD."""
    from laml._xml.writer import quote_attribute

    assert quote_attribute(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_quoting_matches_the_standard_library(text: str) -> None:
    """Any text -> the same quoting and escaping as xml.sax.saxutils, which laml no
    longer imports (it pulls in urllib.request)."""
    from xml.sax.saxutils import escape, quoteattr

    from laml._xml.writer import escape_text, quote_attribute

    assert (quote_attribute(text), escape_text(text)) == (quoteattr(text), escape(text))


# A first `from decimal import Decimal` slowed down, as on a loaded machine: while one
# thread imports decimal, the module stands half-made in sys.modules.
DECIMAL_IMPORT_RACE = """
import sys, threading, time
class SlowDecimal:
    def find_spec(self, name, path, target=None):
        if name == "_decimal":
            time.sleep(0.6)
        return None
sys.meta_path.insert(0, SlowDecimal())
import laml
PAY = b'<?xml version="1.0" encoding="UTF-8"?><Response><Pay chargeAmount="abc"/></Response>'
MANY = (b'<?xml version="1.0" encoding="UTF-8"?><Response><Dial><Number>+15551234567</Number>'
        b'</Dial><Gather><Say>x</Say></Gather><Record/><Pay/></Response>')
found = {}
def run(name, document, delay):
    time.sleep(delay)
    try:
        found[name] = [d.code for d in laml.validate(document)]
    except Exception as error:
        found[name] = repr(error)
threads = [threading.Thread(target=run, args=("pay", PAY, 0)),
           threading.Thread(target=run, args=("many", MANY, 0.2))]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
import json
print(json.dumps([found["pay"], found["many"], [d.code for d in laml.validate(MANY)]]))
"""


def test_a_thread_that_meets_decimal_half_imported_still_validates() -> None:
    """Element specs built while another thread imports ``decimal`` for the first time
    do not read the half-made module: both threads get findings, the same as alone."""
    pay, many, alone = json.loads(run_fresh(DECIMAL_IMPORT_RACE))
    assert pay == ["LAML003"]
    assert many == alone
