"""Lenient twins of laml's elements: what twilio-python builds, they build, with a warning.

A program that runs under twilio-python must keep running under ``laml.twiml``: in a
webhook an exception is a failed call. So every class ``laml.twiml`` offers is a
subclass of laml's strict class (``laml.twiml.voice_response.Say`` is a ``laml.Say``)
whose checks warn with ``LamlWarning`` instead of raising, and write the bytes
twilio-python writes. Two things still raise: what twilio-python raises itself
(``TwiMLException``), and nothing is ever written that would make the document
unparseable (a character XML forbids is dropped, with a warning).
"""

from __future__ import annotations

import difflib
import json
import os
import re
import sys
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, MutableSequence
from typing import Any, ClassVar

from .._model.fields import Field, forbidden_character
from .._model.node import (
    GenericNode,
    Node,
    _is_native_content,
    _positional_as_keywords,
    _restore,
    _untagged_init,
    check_attribute_name,
    check_element_name,
    twilio_attribute_name,
)
from ..errors import LamlError, LamlValueError, LamlWarning, Rejected

TwiMLException = LamlError
"""twilio-python's error class; every error laml raises derives from it."""

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _is_element_name(name: object) -> bool:
    """Whether laml can write ``name`` as an element name (XML's rules, no prefix)."""
    try:
        check_element_name(name)
    except LamlValueError:
        return False
    return True


def _is_attribute_name(name: str) -> bool:
    """Whether laml can write ``name`` as an attribute name (XML's rules, ``xml:`` only)."""
    try:
        check_attribute_name(name)
    except LamlValueError:
        return False
    return True


_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_AS_TWILIO = "written as twilio-python writes it"


def _warn(message: str) -> None:
    """Warn with ``LamlWarning``, pointing at the first caller outside laml."""
    level = 2  # stacklevel 2 is the caller of this function
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    warnings.warn(message, LamlWarning, stacklevel=level)


def _clean(text: str, where: str) -> str:
    """``text`` without the characters XML 1.0 forbids, warning when there were any."""
    bad = forbidden_character(text)
    if bad is None:
        return text
    _warn(
        f"{where} holds {bad}, a character XML 1.0 forbids; it is dropped so the "
        "document parses (twilio-python would write a document no parser reads)"
    )
    return _FORBIDDEN.sub("", text)


def _twilio_text(value: object) -> str:
    """The attribute text twilio-python writes for any value."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def _content_text(value: object) -> str:
    """The text twilio-python writes for an element's value (a mapping as JSON)."""
    if isinstance(value, Mapping):
        return json.dumps(value)
    return _twilio_text(value)


def _is_twiml_base(node: Node) -> bool:
    """Whether ``node`` is built on the bare base (``TwiML()`` or a subclass of it), or is
    a generic node: elements laml does not model, which take anything."""
    return isinstance(node, GenericNode) or node._spec is TwiML._spec


class TwiML(Node, tag="TwiML"):
    """twilio-python's base class: every ``laml.twiml`` element derives from it.

    ``TwiML()`` itself writes ``<TwiML>``, as twilio-python does, with a warning:
    SignalWire runs no such element. Subclass it for an element laml does not model,
    the way twilio-python code does (``self.name = "Custom"``); the element is written
    as given and ``laml.validate`` reports it.
    """

    # twilio-python's elements can be kept in sets and used as keys (by identity);
    # laml's compare by value and so have no hash. Equal trees stay ==.
    __hash__ = object.__hash__  # type: ignore[assignment]

    MAP: ClassVar[dict[str, str]] = {
        "from_": "from",
        "xml_lang": "xml:lang",
        "interpret_as": "interpret-as",
        "for_": "for",
        "break_": "break",
    }
    """twilio-python's keyword renames (the rest are camel-cased)."""

    def __init__(self, *content: str | Node) -> None: ...

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("__init__") is _untagged_init:
            # twilio-python's subclasses may inherit the constructor.
            del cls.__init__

    def _set_undeclared(self, name: str, value: Any) -> None:
        # twilio-python keeps any Python attribute; so does laml.twiml, warning when it
        # looks like an attribute of the element that will not be written. A name with
        # a leading underscore is a program's own state (a subclass's ``self._calls``):
        # no keyword writes such a name, so it is kept without a word.
        if name != "tag" and not name.startswith("_") and not _is_twiml_base(self):
            _warn(
                f"{self._spec.unknown_attribute(name, self)}; kept as a Python attribute, as "
                "twilio-python keeps it, but not written: SignalWire never sees it"
            )
        object.__setattr__(self, name, value)

    def _assign(self, field: Field, value: object) -> None:
        # ``gather.num_digits = 0``: twilio-python keeps any value, so a value laml's
        # checks refuse is written as twilio-python would write it, with a warning.
        try:
            text = field.kind.to_xml(value)
        except Rejected as rejected:
            text = _refused(self, field, value, rejected)
        self._attrs[field.xml] = text

    def _read_text_keyword(self, name: str) -> Any:
        # What ``say.message = ...`` kept, as twilio-python keeps it.
        try:
            return self.__dict__[name]
        except (AttributeError, KeyError):
            return Node._read_text_keyword(self, name)

    def _set_text_keyword(self, name: str, value: object) -> None:
        # twilio-python keeps ``say.message = "..."`` as a Python attribute and does not
        # write it; so does laml.twiml, with a warning.
        _warn(
            f"<{self.tag}>: {name}= gives the element's text only when it is built; the "
            "value is kept as a Python attribute, as twilio-python keeps it, but not "
            "written: set .value to change the text"
        )
        self.__dict__[name] = value

    def _set_tag(self, value: object) -> None:
        # twilio-python's subclasses name their element by setting it; the name
        # setter below has checked it.
        object.__setattr__(self, "tag", value)

    def xml(self) -> ET.Element:
        """The element as an ``xml.etree.ElementTree`` element, as twilio-python's
        ``xml()`` returns it (laml's own classes return an lxml one)."""
        return ET.fromstring(self.to_xml(xml_declaration=False))

    @property
    def name(self) -> str:
        """twilio-python's name for the tag."""
        return self.tag

    @name.setter
    def name(self, value: str) -> None:
        if not _is_element_name(value):
            raise TwiMLException(f"{value!r} is not a valid XML element name")
        self.tag = value

    @property
    def value(self) -> Any:
        """twilio-python's element value: the text before the first child, or ``None``."""
        content = self._content
        if content and isinstance(content[0], str):
            return content[0]
        return None

    @value.setter
    def value(self, value: object) -> None:
        content = self._content
        if content and isinstance(content[0], str):
            del content[0]
        if value is None or value == "":
            return
        text = _clean(_content_text(value), f"<{self.tag}> text")
        if not _is_twiml_base(self):
            _check_text(self, text)
        if content and isinstance(content[0], str):
            content[0] = text + content[0]
        else:
            content.insert(0, text)

    @property
    def verbs(self) -> MutableSequence[Node | str]:
        """twilio-python's list of children and text; what is added to it is checked as
        ``append()`` checks it."""
        return _Verbs(self)

    @verbs.setter
    def verbs(self, items: Iterable[Node | str]) -> None:
        _Verbs(self)[:] = list(items)

    @property
    def attrs(self) -> MutableMapping[str, Any]:
        """twilio-python's attributes by XML name (the written text); what is set in it is
        written under that name, checked as a keyword is."""
        return _Attrs(self)

    @attrs.setter
    def attrs(self, mapping: Mapping[str, Any]) -> None:
        items = dict(mapping)  # read first: it may be this element's own attrs
        self._attrs.clear()
        view = _Attrs(self)
        for key, value in items.items():
            view[key] = value


class _Attrs(MutableMapping[str, Any]):
    """A node's attributes as twilio-python's ``attrs`` dict: XML name -> text."""

    __slots__ = ("_node",)

    def __init__(self, node: Node) -> None:
        self._node = node

    def __getitem__(self, key: str) -> str:
        return self._node._attrs[key]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._node._attrs))

    def __len__(self) -> int:
        return len(self._node._attrs)

    def __setitem__(self, key: str, value: object) -> None:
        node = self._node
        field = None if isinstance(node, GenericNode) else node._spec.by_xml.get(key)
        if field is None:
            _set_unknown(node, key, value, xml=key)
        else:
            node._assign(field, value)

    def __delitem__(self, key: str) -> None:
        del self._node._attrs[key]

    def __repr__(self) -> str:
        return repr(self._node._attrs)


class _Verbs(MutableSequence[Any]):
    """A node's children as twilio-python's ``verbs`` list: the content after the
    leading text, which is twilio-python's ``value``."""

    __slots__ = ("_node",)

    def __init__(self, node: Node) -> None:
        self._node = node

    def _parts(self) -> tuple[list[Node | str], list[Node | str]]:
        content = self._node._content
        lead = content[:1] if content and type(content[0]) is str else []
        return lead, content[len(lead) :]

    def _store(self, lead: list[Node | str], rest: list[Node | str]) -> None:
        content = self._node._content
        content[:] = lead + rest
        _join_text(content)

    def __getitem__(self, index: Any) -> Any:
        return self._parts()[1][index]

    def __len__(self) -> int:
        return len(self._parts()[1])

    def __setitem__(self, index: Any, value: Any) -> None:
        lead, rest = self._parts()
        if isinstance(index, slice):
            rest[index] = [_admit(self._node, item) for item in value]
        else:
            rest[index] = _admit(self._node, value)
        self._store(lead, rest)

    def __delitem__(self, index: Any) -> None:
        lead, rest = self._parts()
        del rest[index]
        self._store(lead, rest)

    def insert(self, index: int, value: Any) -> None:
        lead, rest = self._parts()
        rest.insert(index, _admit(self._node, value))
        self._store(lead, rest)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, tuple, _Verbs)):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return repr(self._parts()[1])


def _join_text(content: list[Node | str]) -> None:
    """Keep the content as laml keeps it: no empty text, no two texts in a row."""
    index = 0
    while index < len(content):
        item = content[index]
        if type(item) is str:
            if not item:
                del content[index]
                continue
            if index and type(content[index - 1]) is str:
                content[index - 1] += item  # type: ignore[operator]
                del content[index]
                continue
        index += 1


def _check_text(node: Node, text: str) -> None:
    """Warn when ``node`` takes no text or not this text."""
    spec = node._spec
    if not spec.accepts_text:
        _warn(
            f"<{spec.tag}> takes no text (got {text!r}); {_AS_TWILIO}, "
            "but SignalWire does not read text there"
        )
    elif spec.text_kind is not None and text not in spec.text_kind.values:
        _warn(
            f"<{spec.tag}> text must be {spec.text_kind.expected} (got {text!r}); "
            f"{_AS_TWILIO}, but SignalWire does not accept it"
        )


def _base_init(self: Node, *content: Any, **attributes: Any) -> None:
    """``TwiML()`` and twilio-style subclasses of it: any content and attributes."""
    if type(self) is TwiML:
        _warn(
            "TwiML() writes <TwiML>, which SignalWire does not run: build a VoiceResponse, "
            "MessagingResponse or FaxResponse, or add_child() for an element laml lacks"
        )
    else:
        # A twilio-style subclass of the base: its tag is its class name until it sets one.
        self.tag = type(self).__name__
    # The strict constructor, which hands what its checks refuse to ``_rebuild``.
    Node.__init__(self, *content, **attributes)


def _rebuild(self: Node, content: tuple[Any, ...], attributes: dict[str, Any]) -> None:
    """Build as twilio-python does what the strict constructor refused."""
    spec = self._spec
    if (
        len(content) == 1
        and content[0].__class__ is str
        and spec.plain_text
        and _FORBIDDEN.search(content[0])
    ):
        # The strict attempt added this text first, through _lenient_add, and said what
        # it dropped; it is not said twice.
        content = (_FORBIDDEN.sub("", content[0]),)
    self._attrs = {}
    self._content = []
    native = bool(content) and _is_native_content(content, spec)
    if content and not native:
        # twilio-python's order: the text first, then the attributes.
        attributes = _positional_as_keywords(spec, content, attributes)
    if self.needs_text and (
        (native and content == ("",))
        or (spec.text_field and attributes.get(spec.text_field.name) == "")
    ):
        _warn(
            f"<{spec.tag}> is empty, so it names no destination; {_AS_TWILIO}, but "
            "SignalWire has nowhere to send the call"
        )
    if native:
        for item in content:
            self._add(item)
    for key, value in attributes.items():
        if value is None:
            continue
        field = spec.fields.get(key) or spec.by_xml.get(key)
        if field is None:
            field = spec.by_xml.get(twilio_attribute_name(key))
        if field is not None and field.text:
            text = value if isinstance(value, str) else _content_text(value)
            if text:
                self._add(text)
            continue
        if field is None:
            _set_unknown(self, key, value)
            continue
        try:
            text = field.kind.to_xml(value)
        except Rejected as rejected:
            text = _refused(self, field, value, rejected)
        self._attrs[field.xml] = text


def _refused(node: Node, field: Field, value: object, rejected: Rejected) -> str:
    """The text twilio-python writes for a value laml's checks refuse, with a warning."""
    tag = node._spec.tag
    written = _twilio_text(value)
    text = _clean(written, f"<{tag}> attribute {field.xml!r}")
    if text != written and isinstance(value, str):
        # The characters XML forbids are said and dropped; what is left is checked as
        # given, so the same fault is not said twice.
        try:
            field.kind.to_xml(text)
        except Rejected as left:
            value, rejected = text, left
        else:
            return text
    _warn(
        f"{field.describe_error(tag, value, rejected.expected)}; written as "
        f"{text!r} as twilio-python writes it, but SignalWire documents no such "
        "value: expect it to be refused or ignored"
    )
    return text


def _set_unknown(node: Node, key: str, value: object, xml: str | None = None) -> None:
    tag = node.tag
    by_keyword = xml is None
    if xml is None:
        xml = twilio_attribute_name(TwiML.MAP.get(key, key))
    if not _is_attribute_name(xml):
        _warn(
            f"<{tag}>: {key}= would write {xml!r}, which is not an XML attribute name; "
            "it is dropped so the document parses"
        )
        return
    text = _clean(_twilio_text(value), f"<{tag}> attribute {xml!r}")
    if not _is_twiml_base(node):
        spec = node._spec
        if by_keyword:
            close = difflib.get_close_matches(key, list(spec.fields), n=3, cutoff=0.6)
            given = f"{xml!r} ({key}=)"
        else:
            # Set in attrs by XML name: suggest XML names (num_digits -> numDigits).
            camel = twilio_attribute_name(xml)
            names = list(spec.by_xml)
            close = [camel] if camel in spec.by_xml else []
            close = close or difflib.get_close_matches(xml, names, n=3, cutoff=0.6)
            given = repr(xml)
        hint = f" (did you mean {' or '.join(close)}?)" if close else ""
        _warn(
            f"<{tag}> has no attribute {given}{hint}; {_AS_TWILIO}, but "
            "SignalWire does not document it: expect it to be ignored"
        )
    node._attrs[xml] = text


def _admit(self: Node, item: object) -> Node | str:
    """Check a child or text as twilio-python does, warning where the strict element
    raises; return what is kept (text without the characters XML forbids)."""
    if isinstance(item, str):
        text = _clean(str(item), f"<{self.tag}> text")
        if text and not _is_twiml_base(self):
            _check_text(self, text)
        return text
    if isinstance(item, Node):
        if _is_twiml_base(self):
            return item  # an element laml does not model takes any child
        spec = self._spec
        if not isinstance(item, spec.children):
            _warn(
                f"<{item.tag}> cannot go inside <{spec.tag}> (<{spec.tag}> takes: "
                f"{spec.child_names()}); {_AS_TWILIO}, but SignalWire does not run it there"
            )
        return item
    # twilio-python's own refusal, with its words.
    raise TwiMLException("Only nesting of TwiML and strings are allowed")


def _lenient_add(self: Node, item: object) -> None:
    """Add a child or text as twilio-python does, warning where the strict element raises."""
    kept = _admit(self, item)
    if isinstance(kept, str):
        self._add_text(kept)
    else:
        self._content.append(kept)


TwiML.__init__ = _base_init  # type: ignore[method-assign]
TwiML._rebuild = _rebuild
TwiML._add = _lenient_add  # type: ignore[method-assign]


class TwilioGenericNode(GenericNode, TwiML):
    """``laml.twiml.GenericNode`` and what ``add_child`` builds: an element by name, with
    twilio-python's ``value``, ``verbs`` and ``attrs``, written as twilio-python writes
    it (a mapping as JSON); what would not parse is dropped with a warning."""

    def __init__(self, name: str, value: object = None, **attributes: Any) -> None:
        self.tag = name  # checked: a name XML cannot hold raises TwiMLException
        self._attrs = {}
        self._content = []
        if value is not None and value != "":
            self.value = value
        for key, item in attributes.items():
            if item is not None:
                _set_unknown(self, key, item)

    _add = _lenient_add  # before GenericNode's own, which raises

    def _set_undeclared(self, name: str, value: Any) -> None:
        object.__setattr__(self, name, value)  # twilio-python keeps any Python attribute


def _add_child(self: Node, name: str, value: object = None, **attributes: Any) -> GenericNode:
    """Add an element laml does not model, by name, as twilio-python's ``add_child``."""
    return self.nest(TwilioGenericNode(name, value, **attributes))


TwiML.add_child = _add_child  # type: ignore[method-assign]

_TWINS: dict[type[Node], type[Node]] = {}
_TWIML_MODULES = {
    "laml.voice": "laml.twiml.voice_response",
    "laml.ssml": "laml.twiml.voice_response",
    "laml.messaging": "laml.twiml.messaging_response",
    "laml.fax": "laml.twiml.fax_response",
}
"""The ``laml.twiml`` module that offers the twins of each module's strict classes."""


def lenient(cls: type[Node]) -> type[Node]:
    """The ``laml.twiml`` class of a strict element class (made once, then reused)."""
    if issubclass(cls, TwiML) or cls is GenericNode or not hasattr(cls, "_spec"):
        return cls
    twin = _TWINS.get(cls)
    if twin is not None:
        return twin
    namespace: dict[str, Any] = {
        # The strict constructor, which hands what its checks refuse to ``_rebuild``.
        "__init__": Node.__init__,
        "_rebuild": _rebuild,
        "__module__": _TWIML_MODULES.get(cls.__module__, cls.__module__),
        "__qualname__": cls.__qualname__,
        "__doc__": cls.__doc__,
        "__reduce__": _reduce_twin,
        # twilio-python's meaning wins over an attribute or text keyword of the same
        # name (<Stream name>, <Parameter value>, Conference(name=...)): ``name`` is
        # the tag and ``value`` the text, so code that walks a tree keeps working.
        "name": TwiML.__dict__["name"],
        "value": TwiML.__dict__["value"],
    }
    # The class dictionaries, not getattr: reading every attribute would build lazy ones.
    for klass in reversed(cls.__mro__):
        for name, member in vars(klass).items():
            get = getattr(member, "element_class", None)
            if get is not None and callable(member):
                namespace[name] = _fluent(name, member, get)
    twin = type(cls.__name__, (cls, TwiML), namespace)
    _TWINS[cls] = twin
    return twin


def _reduce_twin(self: Node) -> tuple[Any, ...]:
    """How pickle rebuilds the element: from the strict class its class twins."""
    # A twin is made at run time, so pickle cannot find it by name: it is rebuilt from
    # the strict class it twins. A program's own subclass of a twin (``class
    # BrandedSay(Say)``) is found by its name, as any class is.
    strict = type(self).__mro__[1]
    if _TWINS.get(strict) is not type(self):
        return Node.__reduce__(self)
    return (
        _restore_twin,
        (strict, self._attrs, self._content),
        getattr(self, "__dict__", None) or None,
    )


def _restore_twin(strict: type[Node], attrs: dict[str, str], content: list[Node | str]) -> Node:
    """Rebuild a pickled ``laml.twiml`` element."""
    return _restore(lenient(strict), attrs, content)


def _fluent(name: str, method: Callable[..., Any], get: Callable[[], type[Node]]) -> Any:
    """A fluent method that builds the lenient twin of what ``method`` builds."""

    built: list[type[Node]] = []  # the twin, found on the first call

    def add(self: Node, /, *args: Any, **kwargs: Any) -> Node:
        if not built:
            built.append(lenient(get()))
        child = built[0](*args, **kwargs)
        self._content.append(child)
        return child

    add.__name__ = name
    add.__qualname__ = getattr(method, "__qualname__", name)
    add.__doc__ = method.__doc__
    add.element_class = lambda: lenient(get())  # type: ignore[attr-defined]
    add.__wrapped__ = method  # type: ignore[attr-defined]
    return add


def install(namespace: dict[str, Any]) -> None:
    """Replace each strict element class in a module namespace by its lenient twin."""
    for name, value in list(namespace.items()):
        if isinstance(value, type) and issubclass(value, Node) and value is not TwiML:
            namespace[name] = lenient(value)
