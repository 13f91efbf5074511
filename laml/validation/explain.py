"""Explaining why the schema refused a document, element by element, in plain sentences.

The walk gives each element its class from its tag and its parent's class, then asks
the element model (``ElementSpec.attribute_problem``, ``child_problem``,
``text_problem``) what is wrong: the same verdicts and sentences the builder raises
and the parser fails with.
"""

from __future__ import annotations

from lxml import etree

from .._model.fields import Tokens, is_xml_space
from .._model.node import Node
from .._model.vocabulary import ROOTS, children_by_tag, misplaced_problem
from .._xml.reader import iter_elements
from ..diagnostics import MAX_FINDINGS
from ..parsing import attribute_name
from .context import Context


def classify(context: Context) -> None:
    """Give each element its class from its tag and its parent's class."""
    classes: dict[etree._Element, type[Node]] = {}
    root_cls = ROOTS[context.kind]
    classes[context.root] = root_cls
    # Under the root, a verb of another document kind keeps its own class.
    any_kind: dict[str, type[Node]] = {}
    for root_class in ROOTS.values():
        for tag, child_class in children_by_tag(root_class).items():
            any_kind.setdefault(tag, child_class)
    stack: list[tuple[etree._Element, type[Node]]] = [(context.root, root_cls)]
    while stack:
        element, cls = stack.pop()
        by_tag = children_by_tag(cls)
        if cls is root_cls:
            by_tag = {**any_kind, **by_tag}
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            found = by_tag.get(tag)
            if found is not None:
                classes[child] = found
                stack.append((child, found))
    # Document order, for reporting.
    context.classes = {e: classes[e] for e in iter_elements(context.root) if e in classes}


_TWILIO_EQUIVALENTS = {
    "Client": "dial a SIP endpoint with <Sip> or a browser client with <Verto>",
    "Uri": "give the SIP URI as the text of <Sip>",
    "Headers": "pass SIP headers as query parameters of the <Sip> URI",
    "Header": "pass SIP headers as query parameters of the <Sip> URI",
    "Recording": "record with the record attribute of <Dial> or with <Record>",
    "w": "use <say-as> or <phoneme> to steer pronunciation",
    "Pause": "pause with <break> inside <Say>",
    "paymentConnector": "use paymentConnectorUrl",
}


def _twilio_note(name: str) -> str:
    equivalent = _TWILIO_EQUIVALENTS.get(name)
    return f"; on SignalWire, {equivalent}" if equivalent else "; SignalWire has no equivalent"


def explain(context: Context) -> None:
    """Walk the document with the model and report every fault it finds."""
    for element in iter_elements(context.root):
        cls = context.classes.get(element)
        if cls is None:
            continue
        _explain_attributes(context, element, cls)
        _explain_content(context, element, cls)


def _explain_attributes(context: Context, element: etree._Element, cls: type[Node]) -> None:
    spec = cls._spec
    tag = spec.tag
    if cls.twilio_only and context.dialect == "signalwire":
        return  # the element itself is reported; its attributes add nothing
    for key, value in element.attrib.items():
        name = attribute_name(str(key))
        field = spec.by_xml.get(name)
        if field is None:
            # Past the findings listed, a did-you-mean would never be read.
            hint = len(context.found) < MAX_FINDINGS
            problem = spec.attribute_problem(name, value, context.dialect, hint=hint)
            assert problem is not None
            context.report(problem.code, problem.message, element, name)
            continue
        if field.twilio_only and context.dialect == "signalwire":
            context.report(
                "LAML011",
                f"<{tag}> attribute {name!r} is Twilio-only{_twilio_note(name)}",
                element,
                name,
            )
        problem = spec.attribute_problem(name, value, context.dialect)
        if problem is not None:
            context.report(problem.code, problem.message, element, name)
            continue
        if context.dialect == "signalwire":
            twilio_values = field.twilio_values(str(value))
            if twilio_values:
                signalwire = field.kind_for("signalwire")
                documented = signalwire.item if isinstance(signalwire, Tokens) else signalwire
                verb = "is" if len(twilio_values) == 1 else "are"
                context.report(
                    "LAML012",
                    f"<{tag}> attribute {name!r}: {', '.join(map(repr, twilio_values))} "
                    f"{verb} Twilio's; SignalWire documents {documented.expected}",
                    element,
                    name,
                )
    for field in spec.fields.values():
        if field.required and field.xml not in element.attrib:
            context.report("LAML004", f"<{tag}> needs the attribute {field.xml!r}", element)


def _explain_content(context: Context, element: etree._Element, cls: type[Node]) -> None:
    spec = cls._spec
    spec.resolve_content()
    tag = spec.tag
    texts = [element.text] + [child.tail for child in element]
    problem = spec.text_problem("".join(t for t in texts if t))
    if problem is not None:
        context.report(problem.code, problem.message, element)
    if cls.twilio_only and context.dialect == "signalwire":
        return
    for child in element:
        child_tag = child.tag
        if not isinstance(child_tag, str):
            continue
        child_cls = context.classes.get(child)
        if child_cls is not None:
            if context.dialect != "signalwire":
                continue
            if child_cls.twilio_only:
                context.report(
                    "LAML010",
                    f"<{child_tag}> is Twilio-only{_twilio_note(child_tag)}",
                    child,
                )
            elif child_cls in spec.twilio_children:
                context.report(
                    "LAML010",
                    f"<{child_tag}> inside <{tag}> is Twilio-only{_twilio_note(child_tag)}",
                    child,
                )
            continue
        _explain_misplaced(context, element, cls, child)


def _explain_misplaced(
    context: Context, parent: etree._Element, cls: type[Node], child: etree._Element
) -> None:
    tag = str(child.tag)
    # Past the cap, hints would cost time for findings nobody sees.
    hint = len(context.found) < MAX_FINDINGS
    problem = misplaced_problem(cls, tag, context.kind, at_root=parent is context.root, hint=hint)
    context.report(problem.code, problem.message, child)


def schema_findings(context: Context, errors: list[etree._LogEntry], explained: set[str]) -> None:
    """Report schema complaints at elements the model walk found nothing wrong with.

    A complaint is left out when a finding already sits at its element or below it.
    Paths are looked up in one table made by one walk, so many complaints cost
    no more than one each.
    """
    locator = context.locator()
    by_path = {_xpath_form(path): element for element, path in locator.paths().items()}
    covered: set[str] = set()
    for path in explained:
        _cover(covered, path)
    for entry in errors:
        element = by_path.get(_xpath_form(entry.path), context.root) if entry.path else None
        element = context.root if element is None else element
        path = locator.path(element)
        if path in covered or _layout_only(entry, element):
            continue
        message = entry.message.replace("Element '", "<").replace("':", ">:", 1)
        context.report("LAML003", f"the schema refuses this: {message}", element)
        _cover(covered, path)


def _layout_only(entry: etree._LogEntry, element: etree._Element) -> bool:
    """Whether the complaint is about whitespace in an element of empty content
    (``<Hangup> </Hangup>``): layout, which ``parse`` and ``fmt`` drop too."""
    return (
        "content type is empty" in entry.message
        and not len(element)
        and (element.text is None or is_xml_space(element.text))
    )


def _xpath_form(path: str) -> str:
    """A path with every step numbered, as ``element_paths`` writes it and libxml2 may not
    (it leaves out ``[1]`` when an element has no sibling of the same name)."""
    steps = path.split("/")
    return "/".join(
        step if not step or "[" in step or index < 2 else f"{step}[1]"
        for index, step in enumerate(steps)
    )


def _cover(covered: set[str], path: str) -> None:
    """Mark a path and every path above it as holding a finding."""
    while path and path not in covered:
        covered.add(path)
        path = path.rpartition("/")[0]
