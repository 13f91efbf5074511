"""Following the XML a template's text spells, to know where each mustache tag stands.

The renderer escapes a value for the place it stands (element text, an attribute
value, a comment, a CDATA section) and the bin checker reports tags standing where
no escaping helps (in a name, inside a tag, in a declaration). Both ask this one
scanner. It reads the text in runs with ``str.find`` and regular expressions, never
a character at a time into a growing buffer, so its work is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .parser import LiteralText, TemplateNode, Variable, events

CONTENT, TAG_NAME, END_TAG, IN_TAG, VALUE, COMMENT, CDATA, OTHER, MARKUP_START, OUTSIDE = range(10)
"""Scanner states: element content, an element name, an end tag, inside a start tag,
an attribute value, a comment, a CDATA section, other markup (a declaration or a
processing instruction), the few characters after ``<!`` that decide which, and
(for a variable only) content outside the root element."""

STATE_NAMES = {
    TAG_NAME: "an element name",
    END_TAG: "an end tag",
    IN_TAG: "a start tag, outside any attribute value",
    COMMENT: "a comment",
    CDATA: "a CDATA section",
    OTHER: "a declaration or processing instruction",
    MARKUP_START: "markup",
    OUTSIDE: "the document, outside <Response>",
}

UNSAFE = frozenset((TAG_NAME, END_TAG, IN_TAG, OTHER, MARKUP_START, OUTSIDE))
"""States where no escaping makes a caller's value safe."""

_NAME_RUN = re.compile(r"[^\s/>]*")
_TAG_RUN = re.compile(r"[^\"'>/]*")
_DECIDED = ("<!--", "<![CDATA[")


class XmlScanner:
    """Follows the XML spelled by a template's literal text, fed in pieces."""

    def __init__(self) -> None:
        self.state = CONTENT
        self.stack: list[tuple[str, int]] = []  # (name, unique id)
        self.name: list[str] = []
        self.quote = ""
        self.attribute = 0  # id of the attribute value being read
        self.ended = ""  # terminator of a comment, CDATA section or other markup
        self.tail = ""  # the end of what was read in that state, for a split terminator
        self.buffer = ""  # "<!" and what follows, until it says what it starts
        self.counter = 0
        self.closing = False

    @property
    def where(self) -> int:
        """The state a tag standing here is in: a bare '<' starts an element name,
        and content outside every element is ``OUTSIDE``."""
        state = self.state
        if state == MARKUP_START and self.buffer == "<":
            return TAG_NAME
        if state == CONTENT and not self.stack:
            return OUTSIDE
        return state

    def context(self) -> tuple[object, ...]:
        """Where the scanner is now, as a comparable value: the state and the innermost
        open element (each has its own id, so it stands for the whole path)."""
        inner = self.stack[-1] if self.stack else None
        if self.state == VALUE:
            return (VALUE, inner, self.attribute)
        return (self.where, inner)

    def feed(self, text: str) -> None:
        """Read the next piece of literal text."""
        index, length = 0, len(text)
        while index < length:
            state = self.state
            if state == CONTENT:
                found = text.find("<", index)
                if found < 0:
                    return
                index = self._after_lt(text, found + 1)
            elif state == TAG_NAME:
                run = _NAME_RUN.match(text, index)
                assert run is not None
                self.name.append(run.group())
                index = run.end()
                if index < length:
                    char = text[index]
                    index += 1
                    if char == ">":
                        self._start_tag_done(self_closing=False)
                    else:
                        self.closing = char == "/"
                        self.state = IN_TAG
            elif state == END_TAG:
                found = text.find(">", index)
                if found < 0:
                    self.name.append(text[index:])
                    return
                self.name.append(text[index:found])
                name = "".join(self.name).strip()
                if self.stack and self.stack[-1][0] == name:
                    self.stack.pop()
                self.state = CONTENT
                index = found + 1
            elif state == IN_TAG:
                run = _TAG_RUN.match(text, index)
                assert run is not None
                if run.group().strip():
                    self.closing = False
                index = run.end()
                if index < length:
                    char = text[index]
                    index += 1
                    if char in "\"'":
                        self.counter += 1
                        self.state, self.quote, self.attribute = VALUE, char, self.counter
                    elif char == ">":
                        self._start_tag_done(self_closing=self.closing)
                    else:
                        self.closing = True
            elif state == VALUE:
                found = text.find(self.quote, index)
                if found < 0:
                    return
                self.state = IN_TAG
                index = found + 1
            elif state == MARKUP_START:
                index = self._markup_start(text, index)
            else:  # COMMENT, CDATA, OTHER: look for the terminator, which may be split
                window = self.tail + text[index:]
                found = window.find(self.ended)
                if found < 0:
                    self.tail = window[-(len(self.ended) - 1) :]
                    return
                index += found - len(self.tail) + len(self.ended)
                self.state, self.tail = CONTENT, ""

    def _after_lt(self, text: str, index: int) -> int:
        """Just after a '<': an end tag, markup, or an element name."""
        if index >= len(text):
            self.state, self.buffer = MARKUP_START, "<"
            return index
        char = text[index]
        if char == "/":
            self.state, self.name = END_TAG, []
            return index + 1
        if char == "?":
            self._enter(OTHER, "?>")
            return index + 1
        if char == "!":
            self.state, self.buffer = MARKUP_START, "<!"
            return index + 1
        self.state, self.name, self.closing = TAG_NAME, [], False
        return index

    def _markup_start(self, text: str, index: int) -> int:
        """Read '<' or '<!' and what follows until it says what it starts."""
        if self.buffer == "<":
            self.state = CONTENT
            return self._after_lt(text, index)
        while index < len(text):
            self.buffer += text[index]
            index += 1
            buffer = self.buffer
            if buffer == "<!--":
                self._enter(COMMENT, "-->")
                return index
            if buffer == "<![CDATA[":
                self._enter(CDATA, "]]>")
                return index
            if not any(decided.startswith(buffer) for decided in _DECIDED):
                self._enter(OTHER, ">")
                return index
        return index

    def _enter(self, state: int, ended: str) -> None:
        self.state, self.ended, self.tail, self.buffer = state, ended, "", ""

    def _start_tag_done(self, self_closing: bool) -> None:
        name = "".join(self.name)
        if not self_closing and name:
            self.counter += 1
            self.stack.append((name, self.counter))
        self.state, self.closing = CONTENT, False


def describe(context: tuple[object, ...]) -> str:
    """Where a context stands, in words."""
    state = context[0]
    inner = context[1]
    inside = f"<{inner[0]}>" if isinstance(inner, tuple) else "the document, outside <Response>"
    if state == VALUE:
        return f"an attribute value of {inside}"
    if state in (CONTENT, OUTSIDE):
        return f"the content of {inside}" if inner else inside
    assert isinstance(state, int)
    return STATE_NAMES.get(state, "markup")


def variable_states(nodes: Iterable[TemplateNode]) -> dict[int, int]:
    """The scanner state each variable of a parsed template stands in, by ``id``,
    reading every section's body once (as when every section is set)."""
    scanner = XmlScanner()
    states: dict[int, int] = {}
    for _, node in events(nodes):
        if type(node) is LiteralText:
            scanner.feed(node.text)
        elif type(node) is Variable:
            states[id(node)] = scanner.where
    return states
