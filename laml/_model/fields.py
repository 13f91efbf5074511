"""Attribute declarations: XML names, value kinds and the checks they run.

An element's attributes are declared once, as a ``TypedDict`` whose values are
``Annotated`` types. The Python type says what a caller may pass (mypy checks it);
the metadata says what the type alone cannot: the XML name, a range, a pattern.
``field_from_hint`` turns one such declaration into a ``Field`` that converts
Python values to the exact XML text and back.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping, Sequence
from types import NoneType, UnionType
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from ..errors import LamlValueError, Rejected

if TYPE_CHECKING:
    from typing import TypedDict as TypedDict
else:

    class TypedDict:
        """What type checkers see as ``typing.TypedDict``, made cheap at run time.

        An element's attributes are declared as a ``TypedDict``; type checkers read it
        and laml reads its annotations when the element is first used. Creating a real
        ``TypedDict`` checks every annotation at import, which cost more than all the
        rest of importing laml, so at run time the declaration is a plain class that
        keeps its annotations as written. Calling it gives a ``dict``, as a
        ``TypedDict`` does.
        """

        # No annotations here: they would count as declared attributes.
        __total__ = True
        __required_keys__ = frozenset()
        __optional_keys__ = frozenset()

        def __new__(cls, *args: Any, **kwargs: Any) -> Any:
            return dict(*args, **kwargs)

        def __init_subclass__(cls, total: bool = True, **kwargs: Any) -> None:
            super().__init_subclass__(**kwargs)
            keys = frozenset(getattr(cls, "__annotations__", {}))
            cls.__total__ = total
            required = {k for b in cls.__bases__ for k in getattr(b, "__required_keys__", ())}
            optional = {k for b in cls.__bases__ for k in getattr(b, "__optional_keys__", ())}
            cls.__required_keys__ = frozenset(required | keys) if total else frozenset(required)
            cls.__optional_keys__ = frozenset(optional) if total else frozenset(optional | keys)


# Characters XML 1.0 forbids: C0 controls other than tab, LF and CR, lone surrogates,
# and the two non-characters U+FFFE and U+FFFF.
FORBIDDEN_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
"""The characters XML 1.0 forbids, as the inside of a regular expression class."""
_FORBIDDEN = re.compile(f"[{FORBIDDEN_CHARACTERS}]")
_FORBIDDEN_SEARCH = _FORBIDDEN.search


class LazyRegex:
    """A regular expression compiled the first time it is matched, not at import.

    ``fullmatch`` is then the compiled pattern's own method, so later matches cost
    what a compiled pattern costs.
    """

    __slots__ = ("fullmatch", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self.fullmatch: Callable[[str], re.Match[str] | None] = self._compile_and_match

    def _compile_and_match(self, text: str) -> re.Match[str] | None:
        self.fullmatch = re.compile(self.source).fullmatch
        return self.fullmatch(text)


XML_WHITESPACE = " \t\r\n"
"""XML's whitespace (the S production): space, tab, CR and LF. No-break space, NEL,
the Unicode line separators and the other characters ``str.isspace`` and
``str.strip`` count are text to XML, and to laml everywhere."""


def is_xml_space(text: str) -> bool:
    """Whether ``text`` holds XML whitespace only (the empty text does)."""
    return not text.strip(XML_WHITESPACE)


def forbidden_character(text: str) -> str | None:
    """Describe the first character of ``text`` that XML 1.0 forbids, if any."""
    match = _FORBIDDEN.search(text)
    if match is None:
        return None
    return f"U+{ord(match.group()):04X} at position {match.start()}"


def _check_chars(text: str) -> str:
    bad = forbidden_character(text)
    if bad is not None:
        raise Rejected(f"text XML 1.0 allows (found the forbidden character {bad})")
    return text


# ----------------------------------------------------------------------------- markers


class _Marker:
    """A small immutable value compared, hashed and shown by its fields."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.__class__, self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{self.__class__.__name__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{self.__class__.__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{self.__class__.__name__} is immutable")


class Range(_Marker):
    """Inclusive bounds of a number; ``None`` leaves a side open."""

    __slots__ = ("high", "low")
    _fields = ("low", "high")
    low: int | None
    high: int | None

    def __init__(self, low: int | None = None, high: int | None = None) -> None:
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)


class Pattern(_Marker):
    """A regular expression the whole value must match, and how to say it to a person."""

    __slots__ = ("description", "regex")
    _fields = ("regex", "description")
    regex: str
    description: str

    def __init__(self, regex: str, description: str) -> None:
        object.__setattr__(self, "regex", regex)
        object.__setattr__(self, "description", description)


class MaxLength(_Marker):
    """The most characters a text value may have."""

    __slots__ = ("limit",)
    _fields = ("limit",)
    limit: int

    def __init__(self, limit: int) -> None:
        object.__setattr__(self, "limit", limit)


class Separator(_Marker):
    """The separator of a list attribute when it is not a space."""

    __slots__ = ("text",)
    _fields = ("text",)
    text: str

    def __init__(self, text: str) -> None:
        object.__setattr__(self, "text", text)


class Flag(_Marker):
    """A named marker: see ``TEXT``, ``TWILIO`` and ``URL``."""

    __slots__ = ("name",)
    _fields = ("name",)
    name: str

    def __init__(self, name: str) -> None:
        object.__setattr__(self, "name", name)


class TwilioValues:
    """Values of an enumerated attribute that only Twilio documents.

    laml builds them (twilio-python does), the Twilio schema accepts them, and
    validation warns about them for SignalWire. ``others=True`` says the same of
    every value outside the enumeration: the attribute is free text for Twilio
    (speech models, say) but a closed list for SignalWire.
    """

    def __init__(self, *values: str, others: bool = False) -> None:
        self.values = frozenset(values)
        self.others = others

    def __repr__(self) -> str:
        arguments = [repr(value) for value in sorted(self.values)]
        if self.others:
            arguments.append("others=True")
        return f"TwilioValues({', '.join(arguments)})"


class SignalWireType:
    """The type SignalWire documents for an attribute when it differs from Twilio's.

    ``Annotated[Tokens_[int], Range(1, 10), SignalWireType(int)]`` builds and checks
    Twilio's list, while the signalwire dialect takes one integer from 1 to 10 (the
    declaration's other markers, such as the range, apply to both).
    """

    def __init__(self, tp: Any) -> None:
        self.tp = tp

    def __repr__(self) -> str:
        return f"SignalWireType({self.tp!r})"


TEXT = Flag("text")
"""The key is the element's text, given by keyword the way twilio names it (``message``)."""
TWILIO = Flag("twilio")
"""The attribute exists in Twilio's TwiML only; SignalWire does not document it."""
URL = Flag("url")
"""The value is a URL (absolute or relative to the document)."""
REQUIRED = Flag("required")
"""SignalWire requires the attribute."""

# ------------------------------------------------------------------------------ kinds


class ValueKind:
    """How one attribute's values are checked and written."""

    expected: str = "a value"

    def to_xml(self, value: object) -> str:
        """Return the XML text for ``value`` or raise ``Rejected``."""
        raise NotImplementedError

    def from_xml(self, text: str) -> object:
        """Return the Python value for XML text this kind wrote or accepts."""
        return text

    def accepts(self, text: str) -> bool:
        """Tell whether XML text read from a document is a valid value."""
        try:
            self.to_xml(text)
        except Rejected:
            return False
        return True


class String(ValueKind):
    """Free text, optionally held to a pattern or a length."""

    def __init__(self, pattern: Pattern | None = None, max_length: int | None = None) -> None:
        self.pattern = pattern
        self._regex = LazyRegex(pattern.regex) if pattern else None
        self.max_length = max_length
        if pattern is not None:
            self.expected = pattern.description
        elif max_length is not None:
            self.expected = f"text of at most {max_length} characters"
        else:
            self.expected = "text"

    def to_xml(self, value: object) -> str:
        if type(value) is str:
            text = value
            if (
                _FORBIDDEN_SEARCH(text) is None
                and (self._regex is None or self._regex.fullmatch(text) is not None)
                and (self.max_length is None or len(text) <= self.max_length)
            ):
                return text
        elif isinstance(value, str):
            text = str.__str__(value)  # a str subclass: the text it holds
        elif _is_number(value):
            text = str(value)
        else:
            raise Rejected(self.expected)
        _check_chars(text)
        if self._regex is not None and self._regex.fullmatch(text) is None:
            raise Rejected(self.expected)
        if self.max_length is not None and len(text) > self.max_length:
            raise Rejected(self.expected)
        return text


class Content(ValueKind):
    """An element's text given by keyword: strings, numbers, or a mapping as JSON."""

    expected = "text"

    def to_xml(self, value: object) -> str:
        if isinstance(value, str):
            return _check_chars(str.__str__(value))
        if isinstance(value, Mapping):
            # twilio-python writes a mapping (a TaskRouter task) as JSON.
            import json

            return _check_chars(json.dumps(value))
        if _is_number(value):
            return str(value)
        raise Rejected(self.expected)


def _decimal_class() -> type | None:
    """``decimal.Decimal`` if the program has imported ``decimal``, else None.

    ``decimal`` is not imported for this: a program holding a ``Decimal`` or naming it
    in an annotation has imported it. While another thread is still importing it, the
    module stands in ``sys.modules`` without its names yet, and this is None too.
    """
    return getattr(sys.modules.get("decimal"), "Decimal", None)


def _is_number(value: object) -> bool:
    """Whether ``value`` is an int, a float or a ``decimal.Decimal``, and not a bool."""
    if isinstance(value, (int, float)):
        return not isinstance(value, bool)
    decimal = _decimal_class()
    return decimal is not None and isinstance(value, decimal)


_INTEGER = LazyRegex(r"[+-]?[0-9]+")
_MAX_DIGITS = 100
"""The most significant digits an integer attribute may have (cXML's need a handful)."""
_LARGEST = 10**_MAX_DIGITS


def _describe_range(noun: str, low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{noun} from {low} to {high}"
    if low is not None:
        return f"{noun} of at least {low}"
    if high is not None:
        return f"{noun} of at most {high}"
    return noun


class Integer(ValueKind):
    """A whole number within a range; digit strings are accepted as twilio accepts them."""

    def __init__(self, low: int | None = None, high: int | None = None) -> None:
        self.low = low
        self.high = high
        self.expected = _describe_range("an integer", low, high)

    def to_xml(self, value: object) -> str:
        if type(value) is int:
            if (self.low is None or value >= self.low) and (
                self.high is None or value <= self.high
            ):
                if -_LARGEST < value < _LARGEST:
                    return str(value)
                raise Rejected(self.expected)
            number: int | None = value
            text = ""
        elif type(value) is str and _INTEGER.fullmatch(value):
            number, text = _integer(value), value
        else:
            raise Rejected(self.expected)
        if number is None:
            raise Rejected(self.expected)
        if (self.low is not None and number < self.low) or (
            self.high is not None and number > self.high
        ):
            raise Rejected(self.expected)
        return text

    def from_xml(self, text: str) -> object:
        return _integer(text)


def _integer(text: str) -> int | None:
    """The value of a digit string, or None when it has more than ``_MAX_DIGITS``
    significant digits: no cXML number is that long, and Python refuses to convert
    more than 4,300 digits."""
    if len(text) <= _MAX_DIGITS:
        return int(text)
    digits = text.lstrip("+-").lstrip("0") or "0"
    if len(digits) > _MAX_DIGITS:
        return None
    return -int(digits) if text.startswith("-") else int(digits)


_DECIMAL = LazyRegex(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")


class Decimal(ValueKind):
    """A decimal amount within a range."""

    def __init__(self, low: int | None = None, high: int | None = None) -> None:
        self.low = low
        self.high = high
        self.expected = _describe_range("a decimal number", low, high)

    def to_xml(self, value: object) -> str:
        from decimal import Decimal as _Decimal
        from decimal import InvalidOperation

        if _is_number(value):
            text = str(value)
        elif type(value) is str:
            text = value
        else:
            raise Rejected(self.expected)
        if _DECIMAL.fullmatch(text) is None:
            raise Rejected(self.expected)
        try:
            number = _Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            raise Rejected(self.expected) from None
        if (self.low is not None and number < self.low) or (
            self.high is not None and number > self.high
        ):
            raise Rejected(self.expected)
        return text

    def from_xml(self, text: str) -> object:
        from decimal import Decimal as _Decimal

        return _Decimal(text)


class Boolean(ValueKind):
    """``true`` or ``false``; Python booleans are written in lower case."""

    expected = "true or false"

    def to_xml(self, value: object) -> str:
        if value is True:
            return "true"
        if value is False:
            return "false"
        if value == "true" or value == "false":
            return str(value)
        raise Rejected(self.expected)

    def from_xml(self, text: str) -> object:
        return text == "true"


class Enum(ValueKind):
    """One of a closed set of strings."""

    def __init__(self, values: Sequence[str]) -> None:
        self.values = tuple(values)
        self._set = frozenset(self.values)
        self.expected = "one of " + ", ".join(repr(v) for v in self.values)

    def to_xml(self, value: object) -> str:
        if value.__class__ is str and value in self._set:
            return value
        raise Rejected(self.expected)


class Tokens(ValueKind):
    """A list, written with a separator; a string already in that form is accepted too."""

    def __init__(self, item: ValueKind, separator: str = " ") -> None:
        self.item = item
        self.separator = separator
        if separator == " ":
            self.expected = f"a space-separated list of {item.expected}"
        else:
            self.expected = f"a list separated by {separator!r} of {item.expected}"
        if isinstance(item, (Integer, Decimal)):
            # A number on its own is a list of one (``attempt=2``).
            listed = (
                "a space-separated list of them"
                if separator == " "
                else f"a list of them separated by {separator!r}"
            )
            self.expected = f"{item.expected}, or {listed}"

    def _split(self, text: str) -> list[str]:
        if self.separator == " ":
            return text.split()
        return [part.strip() for part in text.split(self.separator)]

    def to_xml(self, value: object) -> str:
        if type(value) is str:
            parts = self._split(value)
            if not parts:
                raise Rejected(self.expected)
            try:
                for part in parts:
                    self.item.to_xml(part)
            except Rejected:
                raise Rejected(self.expected) from None
            return _check_chars(value)
        if isinstance(value, (list, tuple)) and value:
            try:
                return self.separator.join([self.item.to_xml(part) for part in value])
            except Rejected:
                raise Rejected(self.expected) from None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            # One item on its own (``attempt=2``): a list of one.
            try:
                return self.item.to_xml(value)
            except Rejected:
                raise Rejected(self.expected) from None
        raise Rejected(self.expected)

    def from_xml(self, text: str) -> object:
        return [self.item.from_xml(part) for part in self._split(text)]


def _describe_either(kinds: Sequence[ValueKind]) -> str:
    """What a union allows, its fixed words named once: "an integer of at least 0 or
    'auto'", "one of 'true', 'false', 'onEnter', 'onExit'"."""
    words: list[str] = []
    phrases: list[str] = []
    at = 0  # where the fixed words go among the phrases
    for kind in kinds:
        if isinstance(kind, Boolean):
            values: Sequence[str] = ("true", "false")
        elif isinstance(kind, Enum):
            values = kind.values
        else:
            phrases.append(kind.expected)
            continue
        if not words:
            at = len(phrases)
        words += [value for value in values if value not in words]
    if words:
        named = repr(words[0]) if len(words) == 1 else "one of " + ", ".join(map(repr, words))
        phrases.insert(at, named)
    return " or ".join(phrases)


class Either(ValueKind):
    """The first of several kinds that accepts the value."""

    def __init__(self, kinds: Sequence[ValueKind]) -> None:
        self.kinds = tuple(kinds)
        self.expected = _describe_either(self.kinds)

    def to_xml(self, value: object) -> str:
        for kind in self.kinds:
            try:
                return kind.to_xml(value)
            except Rejected:
                continue
        raise Rejected(self.expected)

    def from_xml(self, text: str) -> object:
        for kind in self.kinds:
            if kind.accepts(text):
                return kind.from_xml(text)
        return text


class Checked(ValueKind):
    """Another kind plus one more rule, described in words."""

    def __init__(self, base: ValueKind, rule: Callable[[str], bool], expected: str) -> None:
        self.base = base
        self.rule = rule
        self.expected = expected

    def to_xml(self, value: object) -> str:
        try:
            text = self.base.to_xml(value)
        except Rejected:
            raise Rejected(self.expected) from None
        if not self.rule(text):
            raise Rejected(self.expected)
        return text

    def from_xml(self, text: str) -> object:
        return self.base.from_xml(text)


# ------------------------------------------------------------------------------ fields


class Field(_Marker):
    """One declared attribute of one element.

    ``signalwire_kind`` is set when SignalWire documents fewer values than ``kind``
    accepts (see ``TwilioValues``).
    """

    __slots__ = (
        "kind",
        "name",
        "required",
        "signalwire_kind",
        "text",
        "twilio_only",
        "url",
        "xml",
    )
    _fields = ("name", "xml", "kind", "text", "twilio_only", "url", "required", "signalwire_kind")
    name: str
    xml: str
    kind: ValueKind
    text: bool
    twilio_only: bool
    url: bool
    required: bool
    signalwire_kind: ValueKind | None

    def __init__(
        self,
        name: str,
        xml: str,
        kind: ValueKind,
        text: bool = False,
        twilio_only: bool = False,
        url: bool = False,
        required: bool = False,
        signalwire_kind: ValueKind | None = None,
    ) -> None:
        for key, value in (
            ("name", name),
            ("xml", xml),
            ("kind", kind),
            ("text", text),
            ("twilio_only", twilio_only),
            ("url", url),
            ("required", required),
            ("signalwire_kind", signalwire_kind),
        ):
            object.__setattr__(self, key, value)

    def kind_for(self, dialect: str) -> ValueKind:
        """The values one dialect documents for this attribute."""
        if dialect == "signalwire" and self.signalwire_kind is not None:
            return self.signalwire_kind
        return self.kind

    def twilio_values(self, text: str) -> list[str]:
        """The parts of a valid value that only Twilio documents."""
        if self.signalwire_kind is None:
            return []
        kind = self.signalwire_kind
        if isinstance(kind, Tokens) and isinstance(self.kind, Tokens):
            return [part for part in kind._split(text) if not kind.item.accepts(part)]
        return [] if kind.accepts(text) else [text]

    def read(self, text: str) -> Any:
        """The Python value of the attribute's XML text; the text itself when it is not
        of the attribute's type (``laml.twiml`` writes what twilio-python writes)."""
        try:
            return self.kind.from_xml(text)
        except (ValueError, ArithmeticError):
            return text

    def convert(self, value: object, tag: str) -> str:
        """Return the XML text of ``value`` or raise ``LamlValueError`` saying why."""
        try:
            return self.kind.to_xml(value)
        except Rejected as rejected:
            raise LamlValueError(self.describe_error(tag, value, rejected.expected)) from None

    def describe_error(self, tag: str, value: object, expected: str, keyword: bool = True) -> str:
        """Say which element and attribute refused which value, and what is allowed.

        ``keyword`` names the Python keyword too, for values given to the builder.
        """
        if self.text:
            where = f"<{tag}> text ({self.name}=)"
        elif self.name == self.xml or not keyword:
            where = f"<{tag}> attribute {self.xml!r}"
        else:
            where = f"<{tag}> attribute {self.xml!r} ({self.name}=)"
        return f"{where} must be {expected} (got {value!r})"


_T = TypeVar("_T")

Tokens_ = Union[Sequence[_T], str, None]
"""A list attribute: a sequence of items, or a string already joined."""


def union_members(tp: Any) -> list[Any]:
    if get_origin(tp) in (Union, UnionType):
        members: list[Any] = []
        for arg in get_args(tp):
            members.extend(union_members(arg))
        return members
    return [tp]


def _kind_for(tp: Any, meta: Sequence[object]) -> ValueKind:
    """Derive the checking kind from a declared Python type and its metadata."""
    members = [m for m in union_members(tp) if m is not NoneType]
    bounds = next((m for m in meta if isinstance(m, Range)), Range())
    pattern = next((m for m in meta if isinstance(m, Pattern)), None)
    max_length = next((m.limit for m in meta if isinstance(m, MaxLength)), None)
    separator = next((m.text for m in meta if isinstance(m, Separator)), " ")
    sequences = [m for m in members if get_origin(m) in (Sequence, list, tuple)]
    if sequences:
        (item,) = get_args(sequences[0])[:1]
        return Tokens(_kind_for(item, [m for m in meta if not isinstance(m, Separator)]), separator)
    decimal = _decimal_class()  # an annotation naming Decimal imported it
    if float in members or (decimal is not None and decimal in members):
        return Decimal(bounds.low, bounds.high)
    kinds: list[ValueKind] = []
    literals: list[str] = []
    for member in members:
        if member is bool:
            kinds.append(Boolean())
        elif member is int:
            kinds.append(Integer(bounds.low, bounds.high))
        elif get_origin(member) is Literal:
            literals.extend(get_args(member))
    if literals:
        kinds.append(Enum(literals))
    if str in members:
        kinds.append(String(pattern, max_length))
    if not kinds:
        raise TypeError(f"no attribute kind for the type {tp!r}")
    return kinds[0] if len(kinds) == 1 else Either(kinds)


def _signalwire_kind(kind: ValueKind, twilio: TwilioValues) -> ValueKind:
    """``kind`` without the values only Twilio documents."""
    if isinstance(kind, Tokens):
        return Tokens(_signalwire_kind(kind.item, twilio), kind.separator)
    if isinstance(kind, Either) and twilio.others:
        (enum,) = [k for k in kind.kinds if isinstance(k, Enum)]
        return _signalwire_kind(enum, twilio)
    if isinstance(kind, Enum) and twilio.values <= set(kind.values):
        return Enum([value for value in kind.values if value not in twilio.values])
    raise TypeError(f"TwilioValues must name values of an enumeration, not of {kind!r}")


def field_from_hint(name: str, hint: Any) -> Field:
    """Build the ``Field`` declared as ``name: hint`` in an attributes ``TypedDict``."""
    meta: Sequence[object] = ()
    if get_origin(hint) is Annotated:
        hint, *meta = get_args(hint)
    xml = next((m for m in meta if isinstance(m, str)), name)
    checks = [m for m in meta if callable(m) and not isinstance(m, type)]
    is_text = TEXT in meta
    kind: ValueKind = Content() if is_text else _kind_for(hint, meta)
    for check in checks:
        rule, expected = check, getattr(check, "expected", kind.expected)
        kind = Checked(kind, rule, expected)
    twilio = next((m for m in meta if isinstance(m, TwilioValues)), None)
    own = next((m for m in meta if isinstance(m, SignalWireType)), None)
    signalwire_kind = None if twilio is None else _signalwire_kind(kind, twilio)
    if own is not None:
        signalwire_kind = _kind_for(own.tp, [m for m in meta if not isinstance(m, Separator)])
    return Field(
        name=name,
        xml=xml,
        kind=kind,
        text=is_text,
        twilio_only=TWILIO in meta,
        url=URL in meta,
        required=REQUIRED in meta,
        signalwire_kind=signalwire_kind,
    )


def rule(
    expected: str, xsd_pattern: str
) -> Callable[[Callable[[str], bool]], Callable[[str], bool]]:
    """Mark a predicate over XML text as an attribute rule.

    ``expected`` says the rule to a person; ``xsd_pattern`` says it to the schema.
    """

    def mark(predicate: Callable[[str], bool]) -> Callable[[str], bool]:
        predicate.expected = expected  # type: ignore[attr-defined]
        predicate.xsd_pattern = xsd_pattern  # type: ignore[attr-defined]
        return predicate

    return mark


__all__ = [
    "REQUIRED",
    "TEXT",
    "TWILIO",
    "URL",
    "Annotated",
    "Field",
    "MaxLength",
    "Pattern",
    "Range",
    "Separator",
    "SignalWireType",
    "Tokens_",
    "TwilioValues",
    "field_from_hint",
    "forbidden_character",
    "rule",
]
