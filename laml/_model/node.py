"""The element base class every cXML element derives from.

An element class declares its whole content model in the signature of ``__init__``::

    class Gather(Node, tag="Gather"):
        def __init__(
            self, *content: Say | Play | Pause, **attributes: Unpack[GatherAttributes]
        ) -> None: ...

``*content`` names what may go inside (``str`` for text, element classes for
children); ``**attributes`` names the ``TypedDict`` that declares the attributes.
A class with attributes also returns ``reads(GatherAttributes).get`` from a
``__getattr__`` property inside ``if TYPE_CHECKING:``, which is how pyright (it has no
plugins) types ``gather.num_digits``; a test checks it names the same ``TypedDict``.
Type checkers read that signature as the constructor. At run time ``Node`` reads it
the first time the class is used (so importing laml costs little), and builds every
element with one shared constructor, so the signature is the single source of truth
for both.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, MutableMapping, MutableSequence
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    ClassVar,
    Concatenate,
    Literal,
    NamedTuple,
    ParamSpec,
    TypeVar,
    get_args,
    get_origin,
    get_type_hints,
)

from ..errors import LamlAttributeError, LamlError, LamlTypeError, LamlValueError, Rejected
from .fields import (
    _FORBIDDEN_SEARCH as _forbidden_search,
)
from .fields import (
    TWILIO,
    XML_WHITESPACE,
    Enum,
    Field,
    LazyRegex,
    field_from_hint,
    forbidden_character,
    is_xml_space,
    union_members,
)

if TYPE_CHECKING:
    import inspect

    from lxml.etree import _Element
    from typing_extensions import Self

    from ..diagnostics import Diagnostic

if TYPE_CHECKING:
    from typing import TypedDict

    T = TypeVar("T")

    def reads(attributes: type[T]) -> T:
        """For type checkers only: an instance of an element's attribute declaration.

        An element class returns ``reads(ItsAttributes).get`` from a ``__getattr__``
        property, so pyright types ``element.num_digits`` from the declaration
        (``int | None``) and reports a misspelt method as a call of ``None``."""

    class _NoAttributes(TypedDict):
        """What an element without attributes declares."""


P = ParamSpec("P")
N = TypeVar("N", bound="Node")


class _Unpack:
    """Stands in for ``typing.Unpack`` when a signature's annotations are evaluated."""

    def __class_getitem__(cls, item: Any) -> Any:
        return item


def _lower_camel(name: str) -> str:
    """twilio-python's keyword-to-attribute rule: ``status_callback`` -> ``statusCallback``."""
    if not name or "_" not in name:
        return name
    joined = "".join(part.title() for part in name.split("_"))
    if not joined:
        return name  # only underscores: nothing to camel-case
    return joined[0].lower() + joined[1:]


_TWILIO_KEYWORDS = {
    "from_": "from",
    "xml_lang": "xml:lang",
    "interpret_as": "interpret-as",
    "for_": "for",
    "break_": "break",
}


def twilio_attribute_name(keyword: str) -> str:
    """The XML attribute name twilio-python writes for a keyword argument."""
    return _lower_camel(_TWILIO_KEYWORDS.get(keyword, keyword))


_VARARGS = 0x04  # inspect.CO_VARARGS, read here without importing inspect
_VARKEYWORDS = 0x08  # inspect.CO_VARKEYWORDS


def _declared_parameters(init: Callable[..., None]) -> tuple[Any, Any]:
    """The annotations of ``*content`` and ``**attributes`` in a declared ``__init__``.

    Read from the function's code object rather than through ``inspect.signature``,
    which costs more than the rest of building a spec; both say the same.
    """
    code = init.__code__
    annotations = init.__annotations__
    names = code.co_varnames
    index = code.co_argcount + code.co_kwonlyargcount
    content = attributes = None
    if code.co_flags & _VARARGS:
        content = annotations.get(names[index])
        index += 1
    if code.co_flags & _VARKEYWORDS:
        attributes = annotations.get(names[index])
    return content, attributes


def _attributes_type(annotation: Any, module: dict[str, Any]) -> Any:
    """The ``TypedDict`` that ``**attributes: Unpack[...]`` names."""
    if isinstance(annotation, str):
        return eval(annotation, module, {"Unpack": _Unpack})
    # Evaluated already (a module without postponed annotations): Unpack[X].
    return get_args(annotation)[0] if get_args(annotation) else annotation


def _declared_hints(declared: Any, module: dict[str, Any]) -> dict[str, Any]:
    """The evaluated annotations of an attributes declaration, in declaration order.

    Annotations kept as text (``from __future__ import annotations``) are evaluated
    one by one in the module's namespace, as ``typing.get_type_hints`` would evaluate
    them at several times the cost; anything else goes through it.
    """
    written: dict[str, Any] = {}
    for klass in reversed(declared.__mro__):
        written.update(getattr(klass, "__annotations__", {}))
    if all(type(hint) is str for hint in written.values()):
        return {name: eval(hint, module) for name, hint in written.items()}
    return get_type_hints(declared, module, include_extras=True)


def _install_properties(cls: type[Node], names: Iterable[str]) -> None:
    """Give ``cls`` a property for each declared keyword it does not have yet."""
    for name in names:
        if not hasattr(cls, name):
            setattr(cls, name, _AttributeProperty(name, cls))


def _declared_names_now(cls: type[Node], init: Callable[..., None]) -> list[str] | None:
    """The declared keywords, if ``**attributes: Unpack[X]`` names a class already defined.

    Read at class creation, so a class shows its attributes (``Gather.num_digits``,
    ``hasattr``, ``dir``, ``help``) before its first use. Only names are read: no type
    is evaluated. ``None`` when the declaration is not at hand yet; the spec installs
    the properties when it is built.
    """
    attributes = _declared_parameters(init)[1]
    if not (isinstance(attributes, str) and attributes.startswith("Unpack[")):
        return None
    declared = getattr(sys.modules.get(cls.__module__), attributes[7:-1], None)
    if not isinstance(declared, type):
        return None
    names: dict[str, None] = {}
    for klass in reversed(declared.__mro__):
        names.update(dict.fromkeys(getattr(klass, "__annotations__", {})))
    return list(names)


class _LazySpec:
    """Builds an element class's ``ElementSpec`` the first time it is asked for.

    The spec is then stored on the class, where it hides this descriptor, and the
    class gets a property for each declared attribute name. Every way to a node asks
    for the spec first (the constructor, the parser, unpickling), so a node's class
    always has its properties.
    """

    def __get__(self, node: Node | None, owner: type[Node]) -> ElementSpec:
        for cls in owner.__mro__[:-1]:  # the last is object
            init = cls.__dict__.get("_declared_init")
            if init is not None:
                spec = ElementSpec(cls, cls.__dict__["tag"], init)
                # Properties first: a thread that finds the spec finds them too.
                _install_properties(cls, spec.attribute_names())
                cls._spec = spec  # type: ignore[attr-defined]
                return spec
        raise AttributeError(f"{owner.__name__} is not a declared element, so it has no spec")


class Problem(NamedTuple):
    """A fault against the content model: its code and the sentence that explains it.

    The builder raises it, the parser fails with it and the validator reports it, so
    the three always say the same thing. ``code`` is SignalWire's error code where it
    documents one (see ``laml.CODES``).
    """

    code: str
    message: str


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """``"; did you mean X?"`` naming the closest candidates, or ``""``.

    A candidate that differs only in case wins; otherwise up to two close spellings.
    """
    names = list(candidates)
    lowered = {candidate.lower(): candidate for candidate in names}
    close = [lowered[name.lower()]] if name.lower() in lowered else []
    if not close:
        import difflib  # only a message needs it, so not at import

        close = difflib.get_close_matches(name, names, n=2, cutoff=0.6)
    return f"; did you mean {' or '.join(close)}?" if close else ""


def value_code(field: Field) -> str:
    """SignalWire's code for a bad method (13221) or sendDigits (13222), else laml's."""
    if isinstance(field.kind, Enum) and field.kind.values == ("GET", "POST"):
        return "13221"
    if field.xml == "sendDigits":
        return "13222"
    return "LAML003"


_ATTRIBUTE_TABLES = frozenset({"fields", "hints", "by_xml", "text_field", "order", "converters"})


class ElementSpec:
    """What one element class allows, read from its ``__init__`` signature."""

    fields: dict[str, Field]
    """Keyword -> the declared attribute (or the text given by keyword)."""
    by_xml: dict[str, Field]
    """XML attribute name -> its field (the text field left out)."""
    text_field: Field | None
    """The field of the text given by keyword (``message``), if any."""
    order: tuple[str, ...]
    """The keywords in declaration order (twilio-python's positional order)."""
    converters: dict[str, tuple[str, Callable[[object], str]]]
    """Keyword -> (XML name, the function that writes a value): the constructor's table."""
    hints: dict[str, Any]
    """Each attribute's declared type, as written in the attributes ``TypedDict``."""

    def __init__(self, cls: type[Node], tag: str, init: Callable[..., None]) -> None:
        self.cls = cls
        self.tag = tag
        module = sys.modules[cls.__module__].__dict__
        self._namespace = module
        content, attributes = _declared_parameters(init)
        self._content_annotation = content
        self._attributes_annotation = attributes
        self._children: tuple[type[Node], ...] | None = None
        self._by_tag: dict[str, type[Node]] | None = None
        self._twilio_children: frozenset[type[Node]] = frozenset()
        self._accepts_text: bool | None = None
        self.text_kind: Enum | None = None
        self.plain_text = False

    def attribute_names(self) -> list[str]:
        """The declared keywords, read without evaluating their types."""
        if self._attributes_annotation is None:
            return []
        declared = _attributes_type(self._attributes_annotation, self._namespace)
        names: dict[str, None] = {}
        for klass in reversed(declared.__mro__):
            # Own annotations only (Python 3.10+); builtin bases have none.
            names.update(dict.fromkeys(getattr(klass, "__annotations__", {})))
        return list(names)

    def __getattr__(self, name: str) -> Any:
        # The attribute tables are built from the declaration when first asked for:
        # knowing an element's children (the vocabulary) does not need them.
        if name not in _ATTRIBUTE_TABLES:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        self._read_attributes()
        return self.__dict__[name]

    def _read_attributes(self) -> None:
        fields: dict[str, Field] = {}
        hints: dict[str, Any] = {}
        if self._attributes_annotation is not None:
            module = self._namespace
            declared = _attributes_type(self._attributes_annotation, module)
            declared_hints = _declared_hints(declared, module)
            for name, hint in declared_hints.items():
                fields[name] = field_from_hint(name, hint)
            # twilio-python takes an element's text first, then its attributes; the
            # text is declared apart (``SayKeywords`` adds it to ``SayAttributes``).
            fields = {
                **{name: f for name, f in fields.items() if f.text},
                **{name: f for name, f in fields.items() if not f.text},
            }
            hints = {name: declared_hints[name] for name in fields}
        self.hints = hints
        self.by_xml = {f.xml: f for f in fields.values() if not f.text}
        self.text_field = next((f for f in fields.values() if f.text), None)
        self.order = tuple(fields)
        self.converters = {name: (f.xml, f.kind.to_xml) for name, f in fields.items() if not f.text}
        self.fields = fields  # last: the others are there once this is

    def resolve_content(self) -> None:
        """Evaluate the content annotation, once every class it names exists.

        Runs once: later calls return at once (the parser calls it for every element).
        """
        if self._children is not None:
            return
        members: list[Any] = []
        annotation = self._content_annotation
        if annotation is not None:
            resolved = (
                eval(annotation, self._namespace) if isinstance(annotation, str) else annotation
            )
            members = union_members(resolved)
        # Annotated[Child, TWILIO]: a child only Twilio's TwiML allows here.
        twilio_children: set[type[Node]] = set()
        for index, member in enumerate(members):
            if get_origin(member) is Annotated:
                base, *meta = get_args(member)
                if TWILIO in meta:
                    twilio_children.add(base)
                members[index] = base
        self._twilio_children = frozenset(twilio_children)
        literals = [v for m in members if get_origin(m) is Literal for v in get_args(m)]
        self.text_kind = Enum(literals) if literals else None
        self._accepts_text = str in members or bool(literals)
        self.plain_text = str in members and not literals
        children = tuple(m for m in members if isinstance(m, type) and issubclass(m, Node))
        self._children = (*children, GenericNode)

    @property
    def children(self) -> tuple[type[Node], ...]:
        """Element classes allowed as children (plus generic nodes, the escape hatch)."""
        if self._children is None:
            self.resolve_content()
        assert self._children is not None
        return self._children

    @property
    def children_by_tag(self) -> dict[str, type[Node]]:
        """The class each child tag means here (the first declared wins)."""
        by_tag = self._by_tag
        if by_tag is None:
            by_tag = {}
            for child in self.children:
                if child is not GenericNode:
                    by_tag.setdefault(child.tag, child)
            self._by_tag = by_tag
        return by_tag

    @property
    def twilio_children(self) -> frozenset[type[Node]]:
        """Children only Twilio's TwiML allows here (SignalWire does not document them)."""
        if self._children is None:
            self.resolve_content()
        return self._twilio_children

    @property
    def accepts_text(self) -> bool:
        """Whether the element may hold text."""
        if self._accepts_text is None:
            self.resolve_content()
        assert self._accepts_text is not None
        return self._accepts_text

    def child_names(self) -> str:
        names = [c.tag for c in self.children if c is not GenericNode]
        if self.accepts_text:
            names.insert(0, "text")
        return ", ".join(dict.fromkeys(names)) or "nothing"

    def signature(self) -> inspect.Signature:
        """The constructor as callers see it: content, then every attribute by keyword."""
        import inspect  # only introspection needs it, so not at import

        parameters = []
        if self._content_annotation is not None:
            parameters.append(
                inspect.Parameter(
                    "content", inspect.Parameter.VAR_POSITIONAL, annotation=self._content_annotation
                )
            )
        for name, hint in self.hints.items():
            if get_origin(hint) is Annotated:
                hint = get_args(hint)[0]
            parameters.append(
                inspect.Parameter(
                    name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=hint
                )
            )
        return inspect.Signature(parameters, return_annotation=None)

    def unknown_attribute(self, name: str, node: object) -> str:
        """Say that ``name`` is not an attribute of the element, with the closest names."""
        import difflib  # only a message needs it, so not at import

        names = [n for n in dir(type(node)) if not n.startswith("_")]
        close = difflib.get_close_matches(name, [*self.fields, *names], n=3, cutoff=0.6)
        hint = f"; did you mean {' or '.join(dict.fromkeys(close))}?" if close else ""
        known = ", ".join(f for f, v in self.fields.items() if not v.text) or "none"
        return f"<{self.tag}> has no attribute {name!r}{hint} (<{self.tag}> takes: {known})"

    def unknown_keyword(self, keyword: str) -> Field:
        """Find the field a twilio-style keyword means, or raise a helpful ``TypeError``."""
        field = self.by_xml.get(keyword) or self.by_xml.get(twilio_attribute_name(keyword))
        if field is not None:
            return field
        known = ", ".join(self.order) or "none"
        raise LamlTypeError(
            f"{self.cls.__name__}() got an unexpected keyword argument {keyword!r}"
            f"{did_you_mean(keyword, self.fields)} (<{self.tag}> takes: {known})"
        )

    # The content model's three checks: the builder, the parser and the validator
    # all take their verdict and their sentence from here.

    def attribute_problem(
        self, name: str, value: object, dialect: str = "twilio", *, hint: bool = True
    ) -> Problem | None:
        """What is wrong with the XML attribute ``name="value"`` here, or None.

        An unknown name (LAML002, naming the close ones, unless ``hint`` is false, and
        all the element takes in ``dialect``), or a value the attribute does not allow
        (13221, 13222 or LAML003).
        """
        field = self.by_xml.get(name)
        if field is None:
            names = [
                f.xml for f in self.by_xml.values() if dialect == "twilio" or not f.twilio_only
            ]
            known = ", ".join(sorted(names)) or "none"
            return Problem(
                "LAML002",
                f"<{self.tag}> has no attribute {name!r}"
                f"{did_you_mean(name, names) if hint else ''} "
                f"(it takes: {known})",
            )
        try:
            field.kind.to_xml(value)
        except Rejected as rejected:
            expected = rejected.expected
            if dialect == "signalwire" and field.signalwire_kind is not None:
                # Name only what SignalWire allows; Twilio's values are LAML012's to name.
                expected = field.signalwire_kind.expected
            message = field.describe_error(self.tag, value, expected, keyword=False)
            return Problem(value_code(field), message)
        return None

    def child_problem(self, child_tag: str, takes: str | None = None) -> Problem:
        """Why ``<child_tag>`` cannot go here (13215 in Dial and Refer, else LAML006).

        ``takes`` replaces the list of what the element takes (the validator names the
        verbs of the document's kind under the root).
        """
        code = "13215" if self.tag in ("Dial", "Refer") else "LAML006"
        hint = ""
        if child_tag not in self.children_by_tag and takes is None:
            hint = closest_element(child_tag, self.children_by_tag)
        return Problem(
            code,
            f"<{child_tag}> cannot go inside <{self.tag}>; "
            f"<{self.tag}> takes: {takes or self.child_names()}{hint}",
        )

    def text_problem(self, text: str, *, whitespace_counts: bool = False) -> Problem | None:
        """What is wrong with ``text`` as the element's text, or None (LAML005).

        Whitespace alone is layout in a document; ``whitespace_counts`` makes it
        content, as text given to the builder is.
        """
        if not self.accepts_text and (not is_xml_space(text) or (whitespace_counts and text)):
            found = text.strip(XML_WHITESPACE)[:40] or text[:40]
            return Problem("LAML005", f"<{self.tag}> cannot contain text (found {found!r})")
        if self.text_kind is not None and text not in self.text_kind.values:
            return Problem(
                "LAML005", f"<{self.tag}> text must be {self.text_kind.expected} (got {text!r})"
            )
        return None


class _AttributeProperty:
    # Reads and writes one declared attribute as a typed Python value. It knows the
    # attribute by keyword and its class; the field comes from the element's spec on
    # first use, so declaring or first using a class does not evaluate every type.

    __slots__ = ("name", "owner")

    def __init__(self, name: str, owner: type[Node]) -> None:
        self.name = name
        self.owner = owner

    @property
    def __doc__(self) -> str:  # type: ignore[override]
        """What ``help()`` shows for the attribute: its XML name and what it takes."""
        field = self.owner._spec.fields[self.name]
        if field.text:
            return (
                f"Not an XML attribute: {self.name}= gives the element's text, which is "
                "its content (read it from the content, not from this name)."
            )
        notes = " Twilio only: SignalWire does not document it." if field.twilio_only else ""
        if field.required:
            notes += " Required."
        return f"XML attribute {field.xml!r}: {field.kind.expected}, or None when absent.{notes}"

    def __get__(self, node: Node | None, owner: type[Node]) -> Any:
        if node is None:
            return self
        field = node._spec.fields.get(self.name)
        if field is None or field.text:
            return node._read_text_keyword(self.name)
        text = node._attrs.get(field.xml)
        return None if text is None else field.read(text)

    def __set__(self, node: Node, value: object) -> None:
        field = node._spec.fields.get(self.name)
        if field is None or field.text:
            node._set_text_keyword(self.name, value)
        elif value is None:
            node._attrs.pop(field.xml, None)
        else:
            node._assign(field, value)


class _ClassSignature:
    """``inspect.signature(Gather)``: the element's real keywords, built when first asked."""

    def __get__(self, node: object, owner: type[Node]) -> inspect.Signature | None:
        spec: ElementSpec | None = getattr(owner, "_spec", None)
        if spec is None or node is not None:
            return None
        for klass in owner.__mro__:
            init = klass.__dict__.get("__init__")
            if init is not None:
                if not getattr(init, "__module__", "").startswith("laml."):
                    # A program's subclass with a constructor of its own
                    # (``def __init__(self, text, brand="acme")``): inspect reads that.
                    return None
                break
        return spec.signature()


class Node:
    """A cXML element: a tag, attributes (XML name -> text) and mixed content.

    Nodes are mutable, because twilio-style code nests children after construction.
    Every value is checked when it enters the node, so a node can always be written.
    """

    __slots__ = ("_attrs", "_content")
    if TYPE_CHECKING:
        _spec: ClassVar[ElementSpec]

        # twilio-python's members, which every laml.twiml element has (type checkers
        # see laml.twiml's names as these classes): without them a migrated program
        # that reads ``gather.attrs`` would be reported. laml's own classes lack them
        # at run time.
        name: Any
        """twilio-python's name of the tag (``laml.twiml`` elements)."""
        value: Any
        """twilio-python's text of the element (``laml.twiml`` elements)."""

        verbs: MutableSequence[Node | str]
        """twilio-python's list of children (``laml.twiml`` elements)."""
        attrs: MutableMapping[str, Any]
        """twilio-python's attributes by XML name (``laml.twiml`` elements)."""
    else:
        _spec = _LazySpec()
    tag: str
    """The element's XML name."""

    _attrs: dict[str, str]
    _content: list[Node | str]

    twilio_only: ClassVar[bool] = False
    """Whether only Twilio's TwiML has this element (it builds; validation reports it)."""

    keep_whitespace: ClassVar[bool] = False
    """Whether whitespace-only text between children is content (speech), not layout."""

    needs_text: ClassVar[bool] = False
    """Whether the element's text names something (a number, an address, a name, a URL),
    so that empty text is refused rather than written as an element that names nothing."""

    _rebuild: ClassVar[Callable[[Node, tuple[Any, ...], dict[str, Any]], None] | None] = None
    """How a lenient class (``laml.twiml``'s) builds an element where the checks of the
    constructor refuse: the element, its content and its keywords, as given."""

    _validator: ClassVar[Callable[..., list[Diagnostic]] | None] = None
    """What ``validate`` runs: installed by ``laml.validation`` when it loads (which
    ``import laml`` does), because the element model imports no layer above it."""

    def __init_subclass__(
        cls,
        tag: str | None = None,
        twilio_only: bool = False,
        keep_whitespace: bool = False,
        needs_text: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init_subclass__(**kwargs)
        if tag is None:
            if "__init__" not in cls.__dict__:
                cls.__init__ = _untagged_init  # type: ignore[method-assign]
            return
        cls.tag = tag
        cls.twilio_only = twilio_only
        cls.keep_whitespace = keep_whitespace
        cls.needs_text = needs_text
        init = cls.__dict__.get("__init__")
        if init is None:
            raise TypeError(f"{cls.__name__} must declare its content model as __init__")
        # The spec is built from the declared signature on first use (see _LazySpec);
        # instances are built by the shared constructor.
        cls._declared_init = init  # type: ignore[attr-defined]
        del cls.__init__
        names = _declared_names_now(cls, init)
        if names is not None:
            _install_properties(cls, names)

    __signature__ = _ClassSignature()

    def __init__(self, *content: Any, **attributes: Any) -> None:
        """Build the element from its content (text and child elements, in order) and
        its XML attributes by keyword; the class's signature names both and their
        types. Raises ``LamlTypeError`` or ``LamlValueError`` for what the element
        cannot take (a ``laml.twiml`` element instead writes what twilio-python would,
        with a ``LamlWarning``)."""
        # ``content`` and ``attributes`` stay as given: a lenient class (``_rebuild``)
        # builds from them again where these checks refuse.
        try:
            spec = self._spec
            if spec._children is None:
                spec.resolve_content()
            attrs: dict[str, str] = {}
            _set_attrs(self, attrs)
            items: list[Node | str] = []
            _set_content(self, items)
            children = content
            keywords = attributes
            if children:
                if len(children) == 1 and children[0].__class__ is str and spec.plain_text:
                    # The common case, a single text: check it here rather than in _add.
                    text = children[0]
                    if text:
                        if _forbidden_search(text) is not None:
                            self._add(text)  # raises, naming the character
                        else:
                            items.append(text)
                    elif self.needs_text:
                        raise LamlValueError(_empty_text(spec))
                    children = ()
                elif not _is_native_content(children, spec):
                    keywords = _positional_as_keywords(spec, children, keywords)
                    children = ()
            if keywords:
                converters = spec.converters
                for key, value in keywords.items():
                    if value is None:
                        continue
                    entry = converters.get(key)
                    if entry is None:
                        self._set_by_keyword(key, value, bool(children), keywords)
                        continue
                    try:
                        attrs[entry[0]] = entry[1](value)
                    except Rejected as rejected:
                        field = spec.fields[key]
                        raise LamlValueError(
                            field.describe_error(spec.tag, value, rejected.expected)
                        ) from None
            if children:
                allowed = spec._children
                for item in children:
                    # Children the content model lists go straight in; _add explains
                    # the rest.
                    if isinstance(item, allowed):  # type: ignore[arg-type]
                        items.append(item)
                    else:
                        self._add(item)
        except LamlError:
            rebuild = self._rebuild
            if rebuild is None:
                raise
            rebuild(content, attributes)  # bound: the element is the first argument

    def _set_by_keyword(
        self, key: str, value: object, has_content: bool, keywords: dict[str, Any]
    ) -> None:
        """Set what a keyword other than a declared attribute name means: text or an alias."""
        spec = self._spec
        field = spec.fields.get(key) or spec.unknown_keyword(key)
        if field.name != key and keywords.get(field.name) is not None:
            raise LamlTypeError(
                f"{type(self).__name__}() got attribute {field.xml!r} twice: as {key}= "
                f"and as {field.name}="
            )
        if field.text:
            if has_content or self._content:
                raise LamlTypeError(
                    f"{type(self).__name__}() got its text twice: positionally and as {field.name}="
                )
            text = field.convert(value, spec.tag)
            if not text and self.needs_text:
                raise LamlValueError(_empty_text(spec))
            self._add_text(text)
            return
        if field.xml in self._attrs:
            raise LamlTypeError(f"{type(self).__name__}() got attribute {field.xml!r} twice")
        self._attrs[field.xml] = field.convert(value, spec.tag)

    # ------------------------------------------------------------------ content

    def _add_text(self, text: str) -> None:
        if not text:
            return
        content = self._content
        if content and type(content[-1]) is str:
            content[-1] += text
        else:
            content.append(text)

    def _add(self, item: object) -> None:
        spec = self._spec
        if isinstance(item, str):
            item = str.__str__(item)  # a str subclass is written as the text it holds
            if not spec.accepts_text:
                problem = spec.text_problem(item, whitespace_counts=True)
                raise LamlTypeError(problem.message if problem else item)
            bad = forbidden_character(item)
            if bad is not None:
                raise LamlValueError(
                    f"<{spec.tag}> text must be text XML 1.0 allows "
                    f"(found the forbidden character {bad}): {item!r}"
                )
            self._add_text(item)
            if spec.text_kind is not None:
                problem = spec.text_problem(self.text)
                if problem is not None:
                    raise LamlValueError(problem.message)
        elif isinstance(item, spec._children or spec.children):
            self._content.append(item)
        elif isinstance(item, Node):
            raise LamlTypeError(spec.child_problem(item.tag).message)
        else:
            raise LamlTypeError(
                f"<{spec.tag}> takes elements and text, not {type(item).__name__} ({item!r})"
            )

    def nest(self, verb: N) -> N:
        """Add a child (or text) and return it, as twilio-python's ``nest`` does."""
        self._add(verb)
        return verb

    def append(self, verb: Node | str) -> Self:
        """Add a child (or text) and return this element, for chaining."""
        self._add(verb)
        return self

    def add_child(self, name: str, value: object = None, **attributes: Any) -> GenericNode:
        """Add an element laml does not model, by name; validation will report it.

        ``value`` is its text (a number or bool is written as text; in ``laml.twiml`` a
        mapping is written as JSON, as twilio-python writes it)."""
        return self.nest(GenericNode(name, value, **attributes))

    @property
    def children(self) -> tuple[Node | str, ...]:
        """The content in document order: child elements and text."""
        return tuple(self._content)

    @property
    def elements(self) -> tuple[Node, ...]:
        """The child elements, without text."""
        return tuple(c for c in self._content if not isinstance(c, str))

    @property
    def text(self) -> str:
        """The element's own text (not its children's), joined."""
        return "".join(c for c in self._content if isinstance(c, str))

    @property
    def attributes(self) -> dict[str, str]:
        """The attributes as written: XML name -> text, in document order."""
        return {name: self._attrs[name] for name in sorted(self._attrs)}

    def get(self, name: str) -> str | None:
        """An attribute's XML text by XML name (``numDigits``), or ``None``."""
        return self._attrs.get(name)

    def iter(self, kind: type[N] | None = None) -> Iterator[Node]:
        """This element and every descendant, depth first; only ``kind`` when given."""
        if kind is None or isinstance(self, kind):
            yield self
        for child in self._content:
            if not isinstance(child, str):
                yield from child.iter(kind)

    # ------------------------------------------------------------- serialization

    def to_xml(self, xml_declaration: bool = True, *, pretty: bool = False) -> str:
        """Write the element as XML text, exactly as twilio-python writes it.

        ``pretty=True`` indents the document for people (through lxml).
        """
        if pretty:
            from .._xml.writer import pretty_xml

            return pretty_xml(self, xml_declaration)
        write = _WRITER[0]
        if write is None:
            from .._xml.writer import write_xml  # the element model imports no layer above

            write = _WRITER[0] = write_xml
        return write(self, xml_declaration)

    def to_element(self) -> _Element:
        """Build the same document as an lxml element."""
        from .._xml.writer import to_element

        return to_element(self)

    def validate(self, *, kind: str = "auto", dialect: str = "signalwire") -> list[Diagnostic]:
        """Validate this tree as ``laml.validate`` would its text; lines refer to
        ``to_xml(pretty=True)``."""
        validator = Node._validator
        assert validator is not None, "importing laml installs the validator"
        return validator(self, kind=kind, dialect=dialect)

    def xml(self) -> Any:
        """twilio-python's name for ``to_element``: an lxml element here; ``laml.twiml``'s
        elements return an ``xml.etree.ElementTree`` element, as twilio-python's do."""
        return self.to_element()

    def __str__(self) -> str:
        return self.to_xml()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> Literal[False]:
        return False

    # ------------------------------------------------------------------ values

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Node)
        return (
            self.tag == other.tag
            and self._attrs == other._attrs
            and self._content == other._content
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        parts = [repr(c) for c in self._content]
        spec = self._spec
        for name in sorted(self._attrs):
            field = spec.by_xml.get(name)
            if field is None:
                parts.append(f"{name}={self._attrs[name]!r}")
            else:
                parts.append(f"{field.name}={field.read(self._attrs[name])!r}")
        return f"{type(self).__name__}({', '.join(parts)})"

    def __copy__(self) -> Self:
        clone = object.__new__(type(self))
        _set_attrs(clone, dict(self._attrs))
        _set_content(clone, list(self._content))
        state = _extra_state(self)
        if state:
            # A subclass's own attributes, such as the tag a twilio-style subclass sets.
            clone.__dict__.update(state)
        return clone

    def __reduce__(self) -> tuple[Any, ...]:
        # Unpickling goes through _restore, which builds the class's spec first.
        return (_restore, (type(self), self._attrs, self._content), _extra_state(self))

    def __deepcopy__(self, memo: dict[int, object]) -> Self:
        clone = object.__new__(type(self))
        memo[id(self)] = clone
        _set_attrs(clone, dict(self._attrs))
        _set_content(
            clone, [c if isinstance(c, str) else c.__deepcopy__(memo) for c in self._content]
        )
        state = _extra_state(self)
        if state:
            import copy  # only a subclass with attributes of its own needs it

            clone.__dict__.update(copy.deepcopy(state, memo))
        return clone

    def __setattr__(self, name: str, value: Any) -> None:
        # The tag is fixed by the class. Only declared attributes (and the slots) can
        # be set: anything else would be kept on the Python object and silently left
        # out of the document.
        if name == "tag":
            self._set_tag(value)
        elif hasattr(getattr(type(self), name, None), "__set__"):
            object.__setattr__(self, name, value)
        elif name[:1] == "_":
            # A subclass's own state: no attribute keyword starts with "_", so no
            # value meant for the document is lost this way.
            object.__setattr__(self, name, value)
        else:
            self._set_undeclared(name, value)

    def _set_undeclared(self, name: str, value: Any) -> None:
        raise LamlAttributeError(
            f"{self._spec.unknown_attribute(name, self)}; only declared attributes are "
            "written, so the value would be lost"
        )

    def _assign(self, field: Field, value: object) -> None:
        # ``element.num_digits = 3``: checked as the keyword is.
        self._attrs[field.xml] = field.convert(value, self.tag)

    def _read_text_keyword(self, name: str) -> Any:
        raise AttributeError(
            f"{type(self).__name__!r} object has no attribute {name!r} ({name}= gives "
            f"<{self.tag}>'s text: read it from .text)"
        )

    def _set_text_keyword(self, name: str, value: object) -> None:
        # ``say.message = ...``: the text keyword names content, not an attribute.
        raise LamlAttributeError(
            f"<{self.tag}> has no attribute {name!r}: {name}= gives the element's text "
            "when it is built, which is content (read it with .text)"
        )

    def _set_tag(self, value: object) -> None:
        raise LamlTypeError(
            f"the tag of {type(self).__name__} is <{self.tag}>; build another element "
            "instead, or a GenericNode for one laml does not model"
        )

    if TYPE_CHECKING:
        # Attribute properties are installed per class from its declaration. Type
        # checkers read them through ``__getattr__``: each class with attributes
        # returns its declaration's ``get`` (see ``reads``); this one has none.
        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(_NoAttributes).get


def _empty_text(spec: ElementSpec) -> str:
    field = spec.text_field
    name = f" ({field.name}=)" if field is not None else ""
    return (
        f"<{spec.tag}> text{name} cannot be empty: it names where the call or message "
        "goes (a number, an address, a name or a URL)"
    )


_WRITER: list[Callable[[Node, bool], str] | None] = [None]
"""The writer ``to_xml`` calls, found on first use."""
_set_attrs: Callable[[Node, dict[str, str]], None] = Node.__dict__["_attrs"].__set__
_set_content: Callable[[Node, list[Node | str]], None] = Node.__dict__["_content"].__set__
"""The slots' own setters, which skip ``Node.__setattr__`` where speed counts."""


def _extra_state(node: Node) -> dict[str, Any] | None:
    """Attributes a subclass without ``__slots__`` keeps in its ``__dict__``, if any."""
    return getattr(node, "__dict__", None) or None


def _restore(
    cls: type[Node], attrs: dict[str, str], content: list[Node | str], tag: str | None = None
) -> Node:
    """Rebuild a pickled node; its class's spec (and attribute properties) come first."""
    if tag is None:  # a generic node has no spec
        cls._spec  # noqa: B018 - built on first access
    node = object.__new__(cls)
    node._attrs = attrs
    node._content = content
    if tag is not None:
        node.tag = tag
    return node


def _untagged_init(self: Node, *args: object, **kwargs: object) -> None:
    raise LamlTypeError(
        f"{type(self).__name__} has no tag: declare elements as "
        f"class Name(Node, tag='Name'), or build unknown elements with add_child()"
    )


def _is_native_content(content: tuple[Any, ...], spec: ElementSpec) -> bool:
    """Whether positional arguments are content rather than twilio-style positional attributes.

    twilio-python's builder methods take attributes positionally in a fixed order
    (``response.pause(2)``); laml's classes take content positionally. Arguments are
    content when one of them is an element, or when a single one is text the element
    takes; several arguments with no element among them are twilio-style attributes
    (``Say("Hi", "alice")`` is ``Say("Hi", voice="alice")``).
    """
    first = content[0]
    if len(content) == 1:
        return isinstance(first, Node) or (isinstance(first, str) and spec.accepts_text)
    return any(isinstance(item, Node) for item in content)


def _positional_as_keywords(
    spec: ElementSpec, content: tuple[Any, ...], attributes: dict[str, Any]
) -> dict[str, Any]:
    """Map positional arguments to keywords in twilio-python's parameter order."""
    if len(content) > len(spec.order):
        raise LamlTypeError(
            f"{spec.cls.__name__}() takes at most {len(spec.order)} positional arguments "
            f"({', '.join(spec.order) or 'none'}) but {len(content)} were given"
        )
    merged = dict(zip(spec.order, content, strict=False))
    for key, value in attributes.items():
        if key in merged:
            raise LamlTypeError(f"{spec.cls.__name__}() got multiple values for argument {key!r}")
        merged[key] = value
    return merged


_NAME_START = (
    "A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_NAME_MORE = "\\-.0-9\u00b7\u0300-\u036f\u203f\u2040"
_NCNAME = LazyRegex(f"[{_NAME_START}][{_NAME_START}{_NAME_MORE}]*")
"""XML 1.0's Name production (fifth edition) without the colon: cXML uses no namespaces."""


def check_element_name(name: object) -> str:
    """The name as a plain ``str`` if XML allows it as an element name, else
    ``LamlValueError``. Colons are refused: a prefix would need a namespace."""
    if not isinstance(name, str) or _NCNAME.fullmatch(name) is None:
        raise LamlValueError(
            f"{name!r} is not a valid XML element name (letters, digits, '_', '-', '.'; "
            "no spaces, no colon, not starting with a digit, '-' or '.')"
        )
    return str.__str__(name)


def check_attribute_name(name: str) -> str:
    """Like ``check_element_name`` for an attribute: the ``xml:`` prefix is allowed
    (``xml:lang``), namespace declarations (``xmlns``) are not."""
    local = name[4:] if name.startswith("xml:") else name
    if _NCNAME.fullmatch(local) is None or name == "xmlns":
        raise LamlValueError(f"{name!r} is not a valid XML attribute name for cXML")
    return str.__str__(name)


class GenericNode(Node):
    """An element laml does not model, built by name as twilio-python builds it.

    It may hold any attributes and content. Validation reports it unless it is
    part of the vocabulary.
    """

    __slots__ = ("tag",)

    def __init__(self, name: str, value: object = None, **attributes: Any) -> None:
        self.tag = name  # checked by _set_tag
        _set_content(self, [])
        _set_attrs(self, {})
        if value is not None and value != "":
            self._add_text(_generic_text(name, value))
        for key, item in attributes.items():
            if item is None:
                continue
            xml_name = check_attribute_name(twilio_attribute_name(key))
            self._attrs[xml_name] = _generic_text(name, item)

    @property
    def name(self) -> str:
        """twilio-python's name for the tag."""
        return self.tag

    @name.setter
    def name(self, value: str) -> None:
        self.tag = value

    def _set_tag(self, value: object) -> None:
        _set_tag(self, check_element_name(value))

    def _add(self, item: object) -> None:
        if isinstance(item, str):
            self._add_text(_generic_text(self.tag, item))
        elif isinstance(item, Node):
            self._content.append(item)
        else:
            raise LamlTypeError(
                f"<{self.tag}> takes elements and text, not {type(item).__name__} ({item!r})"
            )

    def __reduce__(self) -> tuple[Any, ...]:
        state = _extra_state(self)
        return (_restore, (type(self), self._attrs, self._content, self.tag), state)

    def __repr__(self) -> str:
        parts = [repr(self.tag), *(repr(c) for c in self._content)]
        parts += [f"{k}={v!r}" for k, v in sorted(self._attrs.items())]
        return f"GenericNode({', '.join(parts)})"

    def __copy__(self) -> Self:
        clone = super().__copy__()
        clone.tag = self.tag
        return clone

    def __deepcopy__(self, memo: dict[int, object]) -> Self:
        clone = super().__deepcopy__(memo)
        clone.tag = self.tag
        return clone


_set_tag: Callable[[GenericNode, str], None] = GenericNode.__dict__["tag"].__set__


def _generic_text(tag: str, value: object) -> str:
    if value is True or value is False:
        text = str(value).lower()
    else:
        text = str.__str__(value) if isinstance(value, str) else str(value)
    bad = forbidden_character(text)
    if bad is not None:
        raise LamlValueError(
            f"<{tag}> value must be text XML 1.0 allows (found the forbidden character {bad})"
        )
    return text


def closest_element(tag: str, *candidates: Iterable[str]) -> str:
    """``"; did you mean <Say>?"`` for a misspelt element name, trying each group of
    candidate names in turn (what the parent takes first), or ``""``."""
    import difflib  # only a message needs it, so not at import

    for names in candidates:
        close = difflib.get_close_matches(tag, list(names), n=2, cutoff=0.6)
        if close:
            return f"; did you mean {' or '.join(f'<{name}>' for name in close)}?"
    return ""


def adds(cls: Callable[P, N]) -> Callable[Concatenate[Any, P], N]:
    """Make a fluent method that builds a ``cls`` child, appends it and returns it."""

    def add(self: Node, /, *args: P.args, **kwargs: P.kwargs) -> N:
        # The parent's content model lists ``cls``, so no check is needed here.
        child = cls(*args, **kwargs)
        self._content.append(child)
        return child

    add.element_class = lambda: cls  # type: ignore[attr-defined]
    add.__wrapped__ = _FluentSignature(lambda: cls)  # type: ignore[attr-defined]
    tag = getattr(cls, "tag", getattr(cls, "__name__", "element"))
    add.__doc__ = f"Append a new <{tag}> built from these arguments and return it."
    return add


def adds_later(get: Callable[[], Callable[P, N]]) -> Callable[Concatenate[Any, P], N]:
    """Like ``adds`` for a class defined later (or the class being defined)."""

    def add(self: Node, /, *args: P.args, **kwargs: P.kwargs) -> N:
        return self.nest(get()(*args, **kwargs))

    add.element_class = get  # type: ignore[attr-defined]
    add.__wrapped__ = _FluentSignature(get)  # type: ignore[attr-defined]
    add.__doc__ = "Append a new child element built from these arguments and return it."
    return add


class _FluentSignature:
    """What ``inspect.signature`` reads for a fluent method: ``self`` and then the
    constructor of the element it adds, built when first asked."""

    __slots__ = ("_get",)

    def __init__(self, get: Callable[[], Callable[..., Node]]) -> None:
        self._get = get

    def __call__(self, *args: object, **kwargs: object) -> None:  # pragma: no cover
        raise TypeError("a signature, not a method")

    @property
    def __signature__(self) -> inspect.Signature:
        import inspect  # only introspection needs it, so not at import

        signature = inspect.signature(self._get())
        this = inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY)
        return signature.replace(
            parameters=[this, *signature.parameters.values()],
            return_annotation=getattr(self._get(), "__name__", None),
        )
