"""Mistakes mypy --strict must catch; each line ends with the error code expected."""

from __future__ import annotations

from laml import Dial, Gather, Hangup, Response, Say
from laml.twiml.voice_response import VoiceResponse

Gather(method="PUT")  # arg-type
Gather(num_digit=1)  # call-arg
Gather(Hangup())  # arg-type
Say("x", loop="forever")  # arg-type
Response(Say("x"), "text")  # arg-type
Dial(timeout="10")  # arg-type
VoiceResponse().gather().say("x", voise="alice")  # call-arg
