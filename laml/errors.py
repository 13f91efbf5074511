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
