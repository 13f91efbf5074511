"""Attribute mistakes the type checkers catch; each line ends with mypy's code (with laml's
plugin) and, where pyright reports it too, pyright's rule after ``pyright:``."""

from __future__ import annotations

from typing import Any

from laml import Dial, Gather, Hangup, Response, Say
from laml.twiml.voice_response import VoiceResponse

gather = Gather(action="/menu")
Response().gahter(num_digits=1)  # attr-defined; pyright: reportOptionalCall
Gather().sya("hi")  # attr-defined; pyright: reportOptionalCall
VoiceResponse().dial().numbr("+15551112222")  # attr-defined; pyright: reportOptionalCall
Hangup().paramter(name="x", value="y")  # attr-defined; pyright: reportOptionalCall
digits: str = gather.num_digits  # assignment; pyright: reportAssignmentType
timeout: str | None = Dial().timeout  # assignment; pyright: reportAssignmentType
finish: int = gather.finish_on_key  # assignment; pyright: reportAssignmentType
total = gather.num_digits + 1  # operator; pyright: reportOptionalOperand
loop = Say("Hi").lop  # attr-defined
text = Say("Hi").message  # attr-defined


class LoudSay(Say):
    def __init__(self, text: str, **rest: Any) -> None:
        super().__init__(text, loop=2, **rest)


loud = LoudSay("Hi").lop  # attr-defined
