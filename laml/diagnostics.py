"""Diagnostics: the one record every check in laml reports a finding with."""

from __future__ import annotations

from typing import Any, Literal, Protocol

Severity = Literal["error", "warning", "info"]


Location = tuple[int, int, str]
"""Line, column and element path."""


class Finder(Protocol):
    """What finds where an element, or one of its attributes, sits in a document."""

    def locate(self, element: Any, attribute: str | None) -> Location: ...


Pending = tuple[Finder, Any, "str | None"]
"""A place not looked up yet: the finder, the element and the attribute name."""


class Diagnostic:
    """One finding: what is wrong, how bad it is, and where.

    ``code`` is SignalWire's error code when SignalWire documents one for the fault
    (``"13221"``), else a stable laml code (``"LAML002"``); ``path`` locates the
    element like ``/Response/Gather[1]/Say[2]``.

    Finding a column means scanning the document, so a diagnostic may be given a
    ``pending`` place instead of a position: a finder, an element and an attribute
    name (or None). The finder's ``locate`` runs the first time ``line``, ``column``
    or ``path`` is read, and code that only counts errors never pays it.
    """

    __slots__ = ("_column", "_line", "_path", "_pending", "code", "message", "severity")

    def __init__(
        self,
        code: str,
        severity: Severity,
        message: str,
        line: int = 0,
        column: int = 0,
        path: str = "",
        pending: Pending | None = None,
    ) -> None:
        self.code = code
        self.severity: Severity = severity
        self.message = message
        self._line = line
        self._column = column
        self._path = path
        self._pending = pending

    def _where(self) -> Location:
        if self._pending is not None:
            finder, element, attribute = self._pending
            self._line, self._column, self._path = finder.locate(element, attribute)
            self._pending = None
        return self._line, self._column, self._path

    @property
    def line(self) -> int:
        """1-based line of the finding (0 when the document has none)."""
        return self._where()[0]

    @property
    def column(self) -> int:
        """1-based column of the finding."""
        return self._where()[1]

    @property
    def path(self) -> str:
        """The element's path, like ``/Response/Gather[1]/Say[2]``."""
        return self._where()[2]

    def _key(self) -> tuple[str, str, str, int, int, str]:
        line, column, path = self._where()
        return (self.code, self.severity, self.message, line, column, path)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Diagnostic):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        code, severity, message, line, column, path = self._key()
        return (
            f"Diagnostic(code={code!r}, severity={severity!r}, message={message!r}, "
            f"line={line}, column={column}, path={path!r})"
        )

    def format(self, file: str = "-") -> str:
        """``file:line:column: severity CODE message``, the form editors and CI read."""
        return f"{file}:{self.line}:{self.column}: {self.severity} {self.code} {self.message}"

    def to_dict(self, file: str = "-") -> dict[str, object]:
        """The fields as a JSON-ready mapping, with the file name."""
        return {
            "file": file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "path": self.path,
        }


CODES: dict[str, tuple[Severity, str]] = {
    "11750": ("error", "The document is larger than 64 kB, SignalWire's limit for a response."),
    "12100": ("error", "The document cannot be read: not well-formed, not UTF-8, or hostile XML."),
    "13000": ("error", "A <Conference> is mixed with <Number> nouns, or used twice in one <Dial>."),
    "13215": ("error", "A noun is misplaced in <Dial> or <Refer>, or a <Dial> has too many."),
    "13221": ("error", "An HTTP method attribute is neither GET nor POST."),
    "13222": ("error", "sendDigits holds characters other than 0-9, A-D, *, #, w and W."),
    "13223": ("warning", "A phone number is not in E.164 form (+ and up to 15 digits)."),
    "13750": ("error", "A verb is not supported here: unknown, or of another document kind."),
    "14204": ("error", "An <Enqueue> has no queue name."),
    "31922": ("error", "A stream URL is not a wss:// URL without spaces or a query string."),
    "LAML001": ("error", "An element that no cXML vocabulary has."),
    "LAML002": ("error", "An attribute the element does not have."),
    "LAML003": ("error", "An attribute value outside what the attribute allows."),
    "LAML004": ("error", "A required attribute is missing."),
    "LAML005": ("error", "Text where the element takes none, or text it does not allow."),
    "LAML006": ("error", "An element inside a parent that does not take it."),
    "LAML007": (
        "error",
        "An element that names where a call goes is empty, or a <Dial> has nothing to dial.",
    ),
    "LAML009": (
        "error",
        "More findings than laml lists: the first 1,000 are given, this one counts the rest.",
    ),
    "LAML010": ("error", "An element only Twilio supports; SignalWire does not run it."),
    "LAML011": ("warning", "An attribute only Twilio supports; SignalWire ignores it."),
    "LAML012": (
        "warning",
        "A value only Twilio documents: a Google. voice, a Conference modify event, ...",
    ),
    "LAML020": ("warning", "A verb after <Hangup>, <Reject> or <Redirect> never runs."),
    "LAML021": ("error", "<Say> text is longer than 4096 characters."),
    "LAML022": ("error", "A message body is 1600 characters or longer."),
    "LAML023": ("error", "A <Message> has more than 10 <Media>."),
    "LAML024": ("error", "A URL attribute or text does not parse as a URL."),
    "LAML025": ("info", "Deprecated vocabulary that SignalWire still runs for old applications."),
    "LAML026": ("warning", "An attribute that has no effect on SignalWire where it stands."),
    "LAML030": (
        "error",
        "The bin's mustache does not parse (unclosed or mismatched section, bad tag).",
    ),
    "LAML031": ("error", "{{{x}}} or {{& x}} writes a caller's value into the XML unescaped."),
    "LAML032": ("error", "A partial: bins have no partials to include."),
    "LAML033": ("warning", "The mustache delimiters change, which SignalWire does not document."),
    "LAML034": (
        "error",
        "Twilio's e164 helper: SignalWire sends no e164, so the section renders nothing.",
    ),
    "LAML035": ("info", "A variable SignalWire does not send; it must come from the query string."),
    "LAML036": (
        "error",
        "A section splits an element, or mustache sits in a name or outside the root.",
    ),
    "LAML037": ("info", "A typed value comes from a variable and is only known at request time."),
    "LAML038": (
        "info",
        "Mustache in a document read as plain cXML: check it as a LaML Bin (--bin).",
    ),
    "LAML039": ("warning", "A variable spelled like a request parameter it is not (Form, From)."),
}
"""Every code laml reports: its usual severity and what it means."""


def make(
    code: str, message: str, line: int = 0, column: int = 0, path: str = "",
    severity: Severity | None = None,
) -> Diagnostic:  # fmt: skip
    """A diagnostic with the code's usual severity unless another is given."""
    return Diagnostic(code, severity or CODES[code][0], message, line, column, path)


MAX_FINDINGS = 1000
"""The most findings one check lists; one more finding then says how many were left out."""


def capped(found: list[Diagnostic], limit: int = MAX_FINDINGS) -> list[Diagnostic]:
    """The first ``limit`` findings (in the order given), then one ``LAML009`` finding that
    counts the rest, with the gravest severity among them."""
    if len(found) <= limit:
        return found
    rest = found[limit:]
    severities = {d.severity for d in rest}
    order: tuple[Severity, ...] = ("error", "warning", "info")
    severity = next(s for s in order if s in severities)
    last = found[limit - 1]
    summary = Diagnostic(
        "LAML009",
        severity,
        f"{len(rest):,} more findings are not listed; only the first {limit:,} are",
        last.line,
        last.column,
        last.path,
    )
    return [*found[:limit], summary]
