"""twilio-python's ``twilio.twiml`` API, built on laml's typed elements.

Migrating is a change of import: ``from twilio.twiml.voice_response import
VoiceResponse`` becomes ``from laml.twiml.voice_response import VoiceResponse``.
Every public name of twilio-python 9.x is here, with the same signatures, and
the same programs write the same bytes. Values are checked as they are given, but
where twilio-python builds a document, ``laml.twiml`` builds the same one and warns
(``laml.LamlWarning``) about what SignalWire will make of it, instead of raising:
a migrated webhook never fails a call that worked before. laml's own classes
(``laml.Say``, ...) raise instead.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from .._model.node import twilio_attribute_name
from ._lenient import TwiMLException

if TYPE_CHECKING:
    # Every element is a TwiML to type checkers, as in twilio-python: the module's
    # names are laml's classes to them, which the lenient classes subclass.
    from .._model.node import GenericNode
    from .._model.node import Node as TwiML
else:
    from ._lenient import TwilioGenericNode as GenericNode
    from ._lenient import TwiML


def lower_camel(string: str) -> str:
    """Turn a snake-case keyword into the camel-case attribute name, as twilio-python does."""
    if not string or "_" not in string:
        return string
    result = "".join(part.title() for part in string.split("_"))
    return result[0].lower() + result[1:]


def format_language(language: str | None) -> str | None:
    """Normalise a language such as ``en_us`` to ``en-US``; raise for anything else."""
    if not language:
        return language
    if not re.match("^[a-zA-Z]{2}[_-][a-zA-Z]{2}$", language):
        raise TwiMLException("Invalid value for language parameter.")
    return language[0:2].lower() + "-" + language[3:5].upper()


from . import fax_response, messaging_response, voice_response  # noqa: E402

__all__ = [
    "ET",
    "GenericNode",
    "TwiML",
    "TwiMLException",
    "fax_response",
    "format_language",
    "json",
    "lower_camel",
    "messaging_response",
    "re",
    "twilio_attribute_name",
    "voice_response",
]
