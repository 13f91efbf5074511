"""twilio-python's ``twilio.twiml.messaging_response``, with laml's typed elements."""

from __future__ import annotations

from ..messaging import Body, Media, Message, MessagingResponse
from ..messaging import MessagingRedirect as Redirect
from . import TwiML
from ._lenient import install

__all__ = ["Body", "Media", "Message", "MessagingResponse", "Redirect", "TwiML"]

install(globals())
