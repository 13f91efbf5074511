"""Writing XML Schemas from the element model: the shipped schema and the gate.

``SchemaWriter`` writes ``schema/laml.xsd`` (and its Twilio dialect): the model and
the schema must never disagree, so the schema is derived from the model's
declarations; ``make schema`` rewrites the files and the test suite checks the
committed ones are up to date. ``GateWriter`` writes the gate, the stricter schema
``validate`` tries first, from the same model plus the gate fragments the rules
declare (``rules.GATES``).
"""

from __future__ import annotations

from collections.abc import Mapping

from .._model import fields as f
from .._model.node import GenericNode, Node
from .._model.patterns import integer_pattern
from .._model.types import NOT_BLANK_PATTERN
from .._model.vocabulary import NOT_VERBS, ROOTS
from .._xml.writer import escape_text, quote_attribute
from .gate import Gate
from .rules import GATES

XS = "http://www.w3.org/2001/XMLSchema"

GENERATOR = "tools/build_schema.py"
"""The script, in a checkout, that writes ``schema/*.xsd`` (``make schema`` runs it)."""
GENERATED_BY = (
    f"Generated from laml's element model by {GENERATOR}: edit the model,\n"
    "     then run `make schema`."
)
"""The comment at the top of every schema file, naming how to regenerate it."""

# Simple types worth a name, by the structure of the kind that produces them.
_NAMED = {
    ("enum", ("true", "false")): ("Bool", "true or false."),
    ("enum", ("GET", "POST")): ("Method", "The HTTP method of a request SignalWire makes."),
    ("enum", ("POST", "PUT")): ("StorageMethod", "The HTTP method for uploading a recording."),
    ("enum", ("trim-silence", "do-not-trim")): ("Trim", "Whether silence is cut from a recording."),
    ("enum", ("inbound_track", "outbound_track", "both_tracks")): (
        "StreamTrack",
        "Which audio of the call is streamed.",
    ),
}


def _kind_key(kind: f.ValueKind) -> tuple[object, ...] | None:
    if isinstance(kind, f.Enum):
        return ("enum", kind.values)
    if isinstance(kind, f.Boolean):
        return ("enum", ("true", "false"))
    return None


GATE_SPEECH_LEVELS = 6
"""How deep the gate lets speech markup (SSML) nest; deeper markup takes the slow path.
Without recursion, every document the gate accepts has a known greatest depth."""
GATE_COMMON_VERBS = ("Say", "Play", "Gather", "Dial", "Redirect", "Hangup", "Pause", "Message")
"""The verbs most documents use, first in the gate's choice: libxml2 compares a child's
name with a choice's names in order."""
_NOTHING: Mapping[str, str | None] = {}


def _at_most(particle: str, most: int) -> str:
    """One to ``most`` of a particle, as nested optional groups: libxml2 checks these
    faster than maxOccurs, which it counts."""
    nested = ""
    for _ in range(most - 1):
        nested = f'<xs:sequence minOccurs="0">{particle}{nested}</xs:sequence>'
    return f"<xs:sequence>{particle}{nested}</xs:sequence>"


def _free_text(kind: f.ValueKind) -> bool:
    """Whether any text is a value: plain text, or a union with plain text in it."""
    if isinstance(kind, f.Either):
        return any(_free_text(member) for member in kind.kinds)
    return isinstance(kind, f.String) and kind.pattern is None and not kind.max_length


class SchemaWriter:
    """Writes the shipped schema of one dialect (``signalwire`` or ``twilio``)."""

    gate = False

    def __init__(self, dialect: str) -> None:
        self.dialect = dialect
        self.tag = ""
        self.types: dict[str, str] = {}
        self.simple: dict[str, str] = {}
        self.done: set[type[Node]] = set()
        self.nested: dict[str, set[str]] = {}
        """Type name -> the types of the elements it may hold."""

    def allowed(self, twilio_only: bool) -> bool:
        return self.dialect == "twilio" or not twilio_only

    # ------------------------------------------------------------ simple types

    def simple_type(self, kind: f.ValueKind, indent: str) -> str:
        """An attribute's type: a name to refer to, or an anonymous definition."""
        key = _kind_key(kind)
        if key in _NAMED:
            name, doc = _NAMED[key]
            if name not in self.simple:
                body = self.restriction(kind, "    ")
                self.simple[name] = (
                    f'  <xs:simpleType name="{name}">\n'
                    f"    <xs:annotation><xs:documentation>{escape_text(doc)}</xs:documentation>"
                    f"</xs:annotation>\n{body}  </xs:simpleType>\n"
                )
            return name
        return ""

    def restriction(self, kind: f.ValueKind, indent: str) -> str:
        """The body of an ``xs:simpleType`` for ``kind``."""
        i = indent

        def restrict(facets: list[tuple[str, object]], base: str = "xs:string") -> str:
            lines = "".join(
                f"{i}  <xs:{name} value={quote_attribute(str(v))}/>\n" for name, v in facets
            )
            return f'{i}<xs:restriction base="{base}">\n{lines}{i}</xs:restriction>\n'

        if isinstance(kind, f.Checked):
            return restrict([("pattern", kind.rule.xsd_pattern)])  # type: ignore[attr-defined]
        if isinstance(kind, (f.Enum, f.Boolean)):
            values = kind.values if isinstance(kind, f.Enum) else ("true", "false")
            return restrict([("enumeration", v) for v in values])
        if isinstance(kind, f.Integer) and self.integer_as_pattern(kind):
            return restrict([("pattern", integer_pattern(kind.low or 0, kind.high))])
        if isinstance(kind, (f.Integer, f.Decimal)):
            base = "xs:integer" if isinstance(kind, f.Integer) else "xs:decimal"
            bounds = [("minInclusive", kind.low), ("maxInclusive", kind.high)]
            return restrict([(n, v) for n, v in bounds if v is not None], base)
        if isinstance(kind, f.String):
            facets: list[tuple[str, object]] = []
            if kind.pattern is not None:
                facets.append(("pattern", kind.pattern.regex))
            if kind.max_length is not None:
                facets.append(("maxLength", kind.max_length))
            return restrict(facets)
        if isinstance(kind, f.Tokens) and kind.separator == " ":
            item = self.simple_type(kind.item, i + "    ")
            if item:
                inner = f'{i}  <xs:simpleType><xs:list itemType="{item}"/></xs:simpleType>\n'
            else:
                inner = (
                    f"{i}  <xs:simpleType>\n{i}    <xs:list>\n{i}      <xs:simpleType>\n"
                    f"{self.restriction(kind.item, i + '        ')}"
                    f"{i}      </xs:simpleType>\n{i}    </xs:list>\n{i}  </xs:simpleType>\n"
                )
            minimum = f'{i}  <xs:minLength value="1"/>\n'
            return f"{i}<xs:restriction>\n{inner}{minimum}{i}</xs:restriction>\n"
        if isinstance(kind, f.Tokens):
            assert isinstance(kind.item, f.Enum)
            one = "(" + "|".join(kind.item.values) + ")"
            sep = f" *{kind.separator} *"
            return restrict([("pattern", f"{one}({sep}{one})*")])
        if isinstance(kind, f.Either):
            members = ""
            for member in kind.kinds:
                name = self.simple_type(member, i + "  ")
                if name:
                    members += (
                        f'{i}  <xs:simpleType><xs:restriction base="{name}"/></xs:simpleType>\n'
                    )
                else:
                    members += (
                        f"{i}  <xs:simpleType>\n{self.restriction(member, i + '    ')}"
                        f"{i}  </xs:simpleType>\n"
                    )
            return f"{i}<xs:union>\n{members}{i}</xs:union>\n"
        if isinstance(kind, f.Content):
            return f'{i}<xs:restriction base="xs:string"/>\n'
        raise TypeError(f"no schema type for {kind!r}")

    # ----------------------------------------------------------- element types

    def integer_as_pattern(self, kind: f.Integer) -> bool:
        """Whether an integer type is written as a pattern rather than bounds."""
        return False

    def required(self, field: f.Field) -> bool:
        """Whether the schema requires the attribute."""
        return field.required

    def attribute_pattern(self, field: f.Field, pattern: str | None) -> str | None:
        """The pattern that replaces the attribute's type, if any."""
        return None

    def attribute(self, field: f.Field, indent: str, pattern: str | None = None) -> str:
        use = ' use="required"' if self.required(field) else ""
        pattern = self.attribute_pattern(field, pattern)
        if pattern is not None:
            return (
                f'{indent}<xs:attribute name="{field.xml}"{use}><xs:simpleType>'
                f'<xs:restriction base="xs:string"><xs:pattern value={quote_attribute(pattern)}/>'
                f"</xs:restriction></xs:simpleType></xs:attribute>\n"
            )
        kind = field.kind_for(self.dialect)
        name = self.simple_type(kind, indent)
        if field.xml == "xml:lang":
            # xml:lang is predefined by XML; the schema imports its declaration.
            return f'{indent}<xs:attribute ref="xml:lang"{use}/>\n'
        if name:
            return f'{indent}<xs:attribute name="{field.xml}" type="{name}"{use}/>\n'
        if _free_text(kind):
            return f'{indent}<xs:attribute name="{field.xml}" type="xs:string"{use}/>\n'
        return (
            f'{indent}<xs:attribute name="{field.xml}"{use}>\n{indent}  <xs:simpleType>\n'
            f"{self.restriction(kind, indent + '    ')}{indent}  </xs:simpleType>\n"
            f"{indent}</xs:attribute>\n"
        )

    def attributes(
        self, cls: type[Node], indent: str, under: Mapping[str, str | None] = _NOTHING
    ) -> str:
        fields = sorted(
            (
                fd
                for fd in cls._spec.fields.values()
                if not fd.text
                and self.allowed(fd.twilio_only)
                and (fd.xml not in under or under[fd.xml] is not None)
            ),
            key=lambda fd: fd.xml,
        )
        return "".join(self.attribute(fd, indent, under.get(fd.xml)) for fd in fields)

    def leaves_out(self, child: type[Node]) -> bool:
        """Whether the schema refuses this element everywhere."""
        return False

    def children(self, cls: type[Node]) -> list[type[Node]]:
        spec = cls._spec
        spec.resolve_content()
        by_tag: dict[str, type[Node]] = {}
        not_verbs = NOT_VERBS.get(cls, frozenset())
        for child in spec.children:
            if child is GenericNode or not self.allowed(
                child.twilio_only or child in spec.twilio_children
            ):
                continue
            if self.leaves_out(child) or child in not_verbs:
                continue
            by_tag.setdefault(child.tag, child)
        return list(by_tag.values())

    def type_name(self, cls: type[Node]) -> str:
        return "Ssml" + cls.__name__[4:] if cls.__name__.startswith("Ssml") else cls.__name__

    def child_type(self, parent: type[Node], child: type[Node], level: int = 0) -> str:
        """The type of ``child`` under ``parent``. ``level`` is the parent's level of
        speech markup (0 outside it), which only the gate counts."""
        return self.element_type(child)

    def children_group(
        self, cls: type[Node], children: list[type[Node]], child_types: dict[type[Node], str]
    ) -> tuple[str, str, str]:
        """The opening of the group that holds the children, its elements, its closing."""
        elements = "".join(
            f'      <xs:element name="{c.tag}" type="{child_types[c]}"/>\n' for c in children
        )
        opening, closing = self.any_number_of()
        return opening, elements, closing

    def any_number_of(self) -> tuple[str, str]:
        """The opening and closing of a group that takes its elements in any number
        and order."""
        return '<xs:choice minOccurs="0" maxOccurs="unbounded">', "</xs:choice>"

    def text_base(self, cls: type[Node], name: str) -> str | None:
        """The simple type of the element's text, when it is not the model's own."""
        return None

    def verb_order(self, verbs: dict[str, type[Node]]) -> dict[str, type[Node]]:
        """The verbs in the order the root's choice lists them."""
        return verbs

    def element_type(
        self,
        cls: type[Node],
        name: str | None = None,
        under: Mapping[str, str | None] = _NOTHING,
        level: int = 0,
    ) -> str:
        children = self.children(cls)
        if level > 1 and children:
            # The gate's copy of nesting speech markup at this level.
            name = name or f"{self.type_name(cls)}{level}"
        name = name or self.type_name(cls)
        if name in self.types:
            return name
        self.types[name] = ""  # reserve, for recursive SSML
        if level >= GATE_SPEECH_LEVELS:
            children = []  # deeper markup takes the slow path (only the gate counts levels)
        spec = cls._spec
        self.tag = cls.tag
        child_types = {c: self.child_type(cls, c, level) for c in children}
        self.nested[name] = set(child_types.values())
        doc = (cls.__doc__ or "").strip().splitlines()[0].replace("``", "")
        head = (
            f'  <xs:complexType name="{name}"{{mixed}}>\n'
            f"    <xs:annotation><xs:documentation>{escape_text(doc)}</xs:documentation>"
            f"</xs:annotation>\n"
        )
        attributes = self.attributes(
            cls, "      " if not children and spec.accepts_text else "    ", under
        )
        if children:
            if self.text_base(cls, name) is not None:
                raise ValueError(f"<{cls.tag}> holds elements: a pattern cannot check its text")
            self.tag = cls.tag
            group, elements, closing = self.children_group(cls, children, child_types)
            body = f"    {group}\n{elements}    {closing}\n{self.attributes(cls, '    ', under)}"
            mixed = ' mixed="true"' if spec.accepts_text else ""
        elif spec.accepts_text:
            base = self.text_base(cls, name) or "xs:string"
            if base == "xs:string" and spec.text_kind is not None:
                base = f"{name}Text"
                self.simple[base] = (
                    f'  <xs:simpleType name="{base}">\n{self.restriction(spec.text_kind, "    ")}'
                    f"  </xs:simpleType>\n"
                )
            extension = (
                f'      <xs:extension base="{base}">\n{attributes}      </xs:extension>\n'
                if attributes
                else f'      <xs:extension base="{base}"/>\n'
            )
            body = f"    <xs:simpleContent>\n{extension}    </xs:simpleContent>\n"
            mixed = ""
        else:
            body = attributes
            mixed = ""
        self.types[name] = head.format(mixed=mixed) + body + "  </xs:complexType>\n"
        return name

    def deepest(self, name: str = "Response") -> int | None:
        """The most levels of elements a document of type ``name`` can have; None when
        types nest without end. Call after ``document``."""
        found: dict[str, int | None] = {}

        def levels(type_name: str, seen: frozenset[str]) -> int | None:
            if type_name in seen:
                return None  # a type that holds itself
            if type_name not in found:
                most = 0
                for inner in self.nested.get(type_name, ()):
                    below = levels(inner, seen | {type_name})
                    if below is None:
                        found[type_name] = None
                        return None
                    most = max(most, below)
                found[type_name] = 1 + most
            return found[type_name]

        return levels(name, frozenset())

    def document(self) -> str:
        voice = ROOTS["voice"]
        verbs: dict[str, type[Node]] = {}
        for document_root in ROOTS.values():
            for verb in self.children(document_root):
                verbs.setdefault(verb.tag, verb)
        verbs = self.verb_order(verbs)
        elements = "".join(
            f'        <xs:element name="{tag}" type="{self.child_type(voice, cls)}"/>\n'
            for tag, cls in verbs.items()
        )
        self.nested["Response"] = {self.child_type(voice, cls) for cls in verbs.values()}
        described = (
            "SignalWire cXML as SignalWire documents it"
            if self.dialect == "signalwire"
            else "SignalWire cXML plus the vocabulary only Twilio's TwiML has"
        )
        opening, closing = self.any_number_of()
        root = (
            '  <xs:element name="Response">\n'
            "    <xs:annotation><xs:documentation>The root of every document. Voice, messaging "
            "and fax documents share it; which verbs fit which kind of document is checked "
            "by laml, not by this schema.</xs:documentation></xs:annotation>\n"
            "    <xs:complexType>\n"
            f"      {opening}\n"
            f"{elements}"
            f"      {closing}\n"
            "    </xs:complexType>\n"
            "  </xs:element>\n"
        )
        parts = [
            '<?xml version="1.0" encoding="UTF-8"?>\n',
            f"<!-- {GENERATED_BY} -->\n",
            f'<xs:schema xmlns:xs="{XS}" elementFormDefault="unqualified">\n',
            f"  <xs:annotation><xs:documentation>XML Schema of {described}: voice, messaging "
            "and fax documents. Element and attribute names are case-sensitive; there is no "
            "namespace. Limits that a schema cannot say (counts of nouns, text lengths, "
            "E.164 numbers, URLs) are checked by laml validate.</xs:documentation>"
            "</xs:annotation>\n",
            '  <xs:import namespace="http://www.w3.org/XML/1998/namespace"'
            ' schemaLocation="xml.xsd"/>\n',
            root,
        ]
        parts += list(self.types.values())
        parts += [self.simple[k] for k in sorted(self.simple)]
        parts.append("</xs:schema>\n")
        return "".join(parts)


XML_NAMESPACE_SCHEMA = r"""<?xml version="1.0" encoding="UTF-8"?>
<!-- The declaration of xml:lang, which laml.xsd imports; kept beside it so that
     validation never needs the network. -->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           targetNamespace="http://www.w3.org/XML/1998/namespace">
  <xs:attribute name="lang">
    <xs:simpleType>
      <xs:restriction base="xs:string">
        <xs:pattern value="[A-Za-z]{2,3}([\-_][A-Za-z0-9]{1,8})*"/>
      </xs:restriction>
    </xs:simpleType>
  </xs:attribute>
</xs:schema>
"""


def _is_speech(cls: type[Node]) -> bool:
    """Whether the class is speech markup (SSML), which may nest without end."""
    return cls.__name__.startswith("Ssml")


class GateWriter(SchemaWriter):
    """Writes the gate: the shipped schema made stricter by the rules' gate fragments.

    A document the gate accepts breaks none of the gated rules, so ``validate`` skips
    them; the gate also bounds nesting, so such a document has a known depth.
    """

    gate = True

    def __init__(self, dialect: str, fragments: Gate | None = None) -> None:
        super().__init__(dialect)
        merged = Gate()
        for fragment in GATES if fragments is None else [fragments]:
            merged = merged.merge(fragment)
        self.fragments = merged

    def integer_as_pattern(self, kind: f.Integer) -> bool:
        # libxml2 checks a pattern faster than integer bounds.
        return (kind.low or 0) >= 0

    def required(self, field: f.Field) -> bool:
        return field.required or (self.tag, field.xml) in self.fragments.required

    def attribute_pattern(self, field: f.Field, pattern: str | None) -> str | None:
        fragments = self.fragments
        pattern = (
            pattern
            or fragments.attributes.get((self.tag, field.xml))
            or (fragments.url_attributes if field.url else None)
        )
        if (self.tag, field.xml) == ("Say", "voice") and self.dialect == "signalwire":
            pattern = fragments.signalwire_voice or pattern
        return pattern

    def leaves_out(self, child: type[Node]) -> bool:
        return child.tag in self.fragments.left_out

    def children(self, cls: type[Node]) -> list[type[Node]]:
        # A pattern cannot check the text of an element that holds elements too: the
        # gate takes such an element with text only, and one that holds an element
        # takes the slow way, where the rule about its text runs.
        fragments = self.fragments
        if cls.tag in fragments.non_empty or cls.tag in fragments.text:
            return []
        return super().children(cls)

    def child_type(self, parent: type[Node], child: type[Node], level: int = 0) -> str:
        """The child's own type, or a copy that takes less of some attributes under this
        parent (``Gate.under``); speech markup gets a copy per level."""
        under = self.fragments.under.get((parent.tag, child.tag))
        if self.dialect == "signalwire" and under:
            return self.element_type(child, parent.tag + self.type_name(child), under)
        if _is_speech(child):
            return self.element_type(child, level=level + 1)
        return self.element_type(child)

    def children_group(
        self, cls: type[Node], children: list[type[Node]], child_types: dict[type[Node], str]
    ) -> tuple[str, str, str]:
        fragments = self.fragments
        tag = cls.tag
        group, elements, closing = super().children_group(cls, children, child_types)
        if tag in fragments.exactly_one_child:
            group, closing = "<xs:choice>", "</xs:choice>"
        elif tag in fragments.one_kind_of_noun:
            # One kind of noun, at most so many of it; some nouns come alone.
            most, single = fragments.one_kind_of_noun[tag]
            elements = "".join(
                "      "
                + (
                    f'<xs:element name="{c.tag}" type="{child_types[c]}"/>'
                    if c.tag in single
                    else _at_most(f'<xs:element name="{c.tag}" type="{child_types[c]}"/>', most)
                )
                + "\n"
                for c in children
            )
            group, closing = '<xs:choice minOccurs="0">', "</xs:choice>"
        elif tag in fragments.max_children:
            choice = "".join(
                f'<xs:element name="{c.tag}" type="{child_types[c]}"/>' for c in children
            )
            choice = f"<xs:choice>{choice}</xs:choice>"
            elements = "      " + _at_most(choice, fragments.max_children[tag]) + "\n"
            group, closing = '<xs:choice minOccurs="0">', "</xs:choice>"
        return group, elements, closing

    def any_number_of(self) -> tuple[str, str]:
        # libxml2 counts the rounds of a repeated choice, and a content model with a
        # counter is run by its slower automaton at every child and at the element's
        # end. A repeated sequence of one choice takes the same children with none.
        return (
            '<xs:sequence minOccurs="0" maxOccurs="unbounded"><xs:choice>',
            "</xs:choice></xs:sequence>",
        )

    def text_base(self, cls: type[Node], name: str) -> str | None:
        fragments = self.fragments
        if cls.tag in fragments.text:
            if cls.tag in fragments.non_empty:
                raise ValueError(f"<{cls.tag}> has a gate text pattern and is non_empty too")
            # xs:token trims the spaces around the text and makes simpler patterns
            # possible, which libxml2 checks faster.
            base = f"{name}GateText"
            pattern, lengths = fragments.text[cls.tag]
            self.simple[base] = (
                f'  <xs:simpleType name="{base}"><xs:restriction base="xs:token">'
                f"<xs:pattern value={quote_attribute(pattern)}/>{lengths}"
                f"</xs:restriction></xs:simpleType>\n"
            )
            return base
        if cls.tag in fragments.non_empty:
            base = f"{name}GateText"
            self.simple[base] = (
                f'  <xs:simpleType name="{base}"><xs:restriction base="xs:string">'
                # Python counts more characters as whitespace than XSD's \s does; the
                # pattern counts them all, so the gate is never more lenient than the rule.
                f"<xs:pattern value={quote_attribute(NOT_BLANK_PATTERN)}/>"
                f"</xs:restriction></xs:simpleType>\n"
            )
            return base
        return None

    def verb_order(self, verbs: dict[str, type[Node]]) -> dict[str, type[Node]]:
        common = [tag for tag in GATE_COMMON_VERBS if tag in verbs]
        return {tag: verbs[tag] for tag in common + [t for t in verbs if t not in common]}


def build(dialect: str, gate: bool = False) -> str:
    """The schema text for ``dialect`` (``signalwire`` or ``twilio``); ``gate`` makes
    the stricter schema laml.validate uses to skip rules a document cannot break."""
    writer = GateWriter(dialect) if gate else SchemaWriter(dialect)
    return writer.document()


def build_gate(dialect: str) -> tuple[str, int | None]:
    """The gate schema's text, and the most levels a document it accepts can have
    (None when unbounded): ``validate`` needs no depth check for deep enough limits."""
    writer = GateWriter(dialect)
    text = writer.document()
    return text, writer.deepest()


FILES = {"laml.xsd": "signalwire", "laml-twilio.xsd": "twilio"}
"""The shipped schema files and their dialects (``xml.xsd`` beside them is fixed)."""
