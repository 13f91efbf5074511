"""Every exception laml raises on purpose.

Each subclasses the builtin it resembles, so callers that already catch
``ValueError`` or ``TypeError`` keep working, and ``LamlError`` catches them all.
"""

from __future__ import annotations

from .diagnostics import Diagnostic


class LamlError(Exception):
    """Base of every error laml raises on purpose."""


class LamlValueError(LamlError, ValueError):
    """A value that the element or attribute does not allow."""


class LamlTypeError(LamlError, TypeError):
    """A keyword, child or argument of the wrong kind for the element."""


class Rejected(Exception):
    """Raised by a value kind when a value is not allowed; carries what was expected.

    Internal: the element model catches it and raises ``LamlValueError`` (or reports a
    finding) with a sentence that names the element and the attribute.
    """

    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected


class ParseError(LamlError):
    """The input is not a cXML document laml will read; says where and why."""

    def __init__(self, message: str, line: int = 0, column: int = 0, code: str = "12100") -> None:
        super().__init__(f"line {line}, column {column}: {message}" if line else message)
        self.reason = message
        self.line = line
        self.column = column
        self.code = code

    def diagnostic(self) -> Diagnostic:
        """This error as a diagnostic."""
        return Diagnostic(self.code, "error", self.reason, self.line, self.column, "")


class TemplateError(LamlError):
    """A template that is not valid mustache; says where and why."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(f"line {line}, column {column}: {message}")
        self.reason = message
        self.line = line
        self.column = column


class UsageError(LamlError):
    """A command line laml cannot act on (the ``laml`` command exits with status 2)."""


class LamlAttributeError(LamlError, AttributeError):
    """An assignment to an attribute the element does not have."""


class LamlWarning(UserWarning):
    """Something laml builds as asked but SignalWire will not take as meant.

    ``laml.twiml`` warns instead of raising wherever twilio-python builds a document:
    migrated code keeps running, and the warning says what SignalWire will do with
    the value. Turn the warnings into errors in tests with pytest's
    ``filterwarnings = error::laml.LamlWarning``.
    """


class RenderError(LamlError, ValueError):
    """A value a template rendering cannot write (a mapping, or a value where no
    escaping makes it safe), or a rendering that went past its bound."""


class RenderLimitError(RenderError):
    """A rendering wrote more than ``max_output`` characters, or took more steps."""
