"""twilio-python's TwiML classes paired with laml.twiml's, for the tests that compare them."""

from __future__ import annotations

import inspect
from typing import Any

import twilio.twiml as tw
import twilio.twiml.fax_response as tw_fax
import twilio.twiml.messaging_response as tw_messaging
import twilio.twiml.voice_response as tw_voice

import laml.twiml as lt
import laml.twiml.fax_response as lt_fax
import laml.twiml.messaging_response as lt_messaging
import laml.twiml.voice_response as lt_voice

MODULES = [(tw, lt), (tw_voice, lt_voice), (tw_messaging, lt_messaging), (tw_fax, lt_fax)]
ROOTS = [
    (tw_voice.VoiceResponse, lt_voice.VoiceResponse),
    (tw_messaging.MessagingResponse, lt_messaging.MessagingResponse),
    (tw_fax.FaxResponse, lt_fax.FaxResponse),
]


def public_names(module: Any) -> set[str]:
    return {n for n in dir(module) if not n.startswith("_")}


def twilio_builder_methods(cls: type) -> dict[str, Any]:
    """twilio-python's fluent methods of a class: those that build one child."""
    base = set(dir(tw.TwiML))
    return {
        name: member
        for name, member in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_") and name not in base
    }


def make(cls: type) -> Any:
    """An instance of a twilio-python class, with its required text if it has one."""
    required = [
        p
        for p in list(inspect.signature(cls).parameters.values())
        if p.default is p.empty and p.kind is p.POSITIONAL_OR_KEYWORD
    ]
    return cls(*["x"] * len(required))


def twilio_classes() -> list[tuple[type, type]]:
    pairs = []
    for theirs, ours in MODULES[1:]:
        for name in public_names(theirs):
            value = getattr(theirs, name)
            if isinstance(value, type) and issubclass(value, tw.TwiML) and value is not tw.TwiML:
                pairs.append((value, getattr(ours, name)))
    return pairs
