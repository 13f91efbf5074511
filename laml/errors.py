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


class CommandRefused(LamlError):
    """A command stops before writing anything (the ``laml`` command exits with status 1)."""


class ConfigurationError(LamlError):
    """A webhook setting is missing or of the wrong shape.

    Raised when signature checks are on but no signing key was given, and for a
    setting that cannot be what the user meant (see ``laml.webhooks.WebhookSettings``).
    """


class SimulationError(LamlError, AssertionError):
    """The app or its documents did something the platform would refuse.

    The message names the URL and the fault (a status that is not 2xx, a content
    type that is not XML, an invalid document with the finding's code and line, a
    redirect loop with its URLs, an action while the call waits for something
    else) and ends with the transcript so far. ``url`` and ``transcript`` hold the
    same facts for code.
    """

    def __init__(
        self, message: str, *, url: str = "", transcript: str = "", kind: str = "state"
    ) -> None:
        self.reason = message
        self.url = url
        self.transcript = transcript
        self.kind = kind
        """What went wrong: ``status`` (not 2xx), ``content-type``, ``invalid``
        (a document with an error finding), ``loop`` (max_steps), ``url`` (outside
        the app or not GET/POST), ``exception`` (the app raised one; it is the
        ``__cause__``), or ``state`` (an action the call does not wait for)."""
        text = message
        if transcript:
            text += "\n\ntranscript so far:\n" + transcript
        super().__init__(text)


# Shown in tracebacks and pytest's reports under the module users import it from.
SimulationError.__module__ = "laml.testing"


class ClientError(LamlError):
    """The API could not be reached, or answered with something that is not the API's."""


class ClientConfigError(ClientError, ValueError):
    """The space URL, project ID or API token is missing or unusable."""


class ApiError(ClientError):
    """The API refused a request (a 4xx answer, or a 5xx or 429 left after retrying).

    ``status`` is the HTTP status, ``code`` SignalWire's error code (or None when the
    body has none), ``api_message`` the API's own message. The message names the
    method and path, never the API token.
    """

    def __init__(
        self,
        status: int,
        reason: str,
        method: str,
        path: str,
        code: str | None = None,
        api_message: str | None = None,
    ) -> None:
        text = f"{status} {reason} for {method} {path}"
        if api_message:
            text += f": {api_message}"
        if code:
            text += f" (error code {code})"
        super().__init__(text)
        self.status = status
        self.reason = reason
        self.method = method
        self.path = path
        self.code = code
        self.api_message = api_message
