"""Exceptions shared by every part of laml.

Each subclasses the builtin it resembles, so callers that already catch
``ValueError`` or ``TypeError`` keep working, and ``LamlError`` catches them all.
"""

from __future__ import annotations


class LamlError(Exception):
    """Base of every error laml raises on purpose."""


class LamlValueError(LamlError, ValueError):
    """A value that the element or attribute does not allow."""


class LamlTypeError(LamlError, TypeError):
    """A keyword, child or argument of the wrong kind for the element."""


class LamlAttributeError(LamlError, AttributeError):
    """An assignment to an attribute the element does not have."""


class LamlWarning(UserWarning):
    """Something laml builds as asked but SignalWire will not take as meant.

    ``laml.twiml`` warns instead of raising wherever twilio-python builds a document:
    migrated code keeps running, and the warning says what SignalWire will do with
    the value. Turn the warnings into errors in tests with pytest's
    ``filterwarnings = error::laml.LamlWarning``.
    """
