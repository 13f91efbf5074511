"""Attribute mistakes mypy --strict catches with laml's plugin; each line ends with its code."""

from __future__ import annotations

from laml import Dial, Gather, Response, Say
from laml.twiml.voice_response import VoiceResponse

gather = Gather(action="/menu")
Response().gahter(num_digits=1)  # attr-defined
Gather().sya("hi")  # attr-defined
VoiceResponse().dial().numbr("+15551112222")  # attr-defined
digits: str = gather.num_digits  # assignment
timeout: str | None = Dial().timeout  # assignment
loop = Say("Hi").lop  # attr-defined
text = Say("Hi").message  # attr-defined
