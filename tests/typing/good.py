"""Native and twilio-style code that mypy --strict must accept."""

from __future__ import annotations

from typing import Any

from laml import Dial, Gather, Hangup, Number, Response, Say, SsmlBreak
from laml.twiml import TwiML
from laml.twiml.messaging_response import MessagingResponse
from laml.twiml.voice_response import VoiceResponse

doc = Response(Gather(Say("Press 1"), num_digits=1, action="/menu", method="POST"), Hangup())
mixed = Say("Hello", SsmlBreak(time="1s"), "world", voice="alice", loop=0)
dial = Dial(Number("+15551112222", send_digits="ww1"), timeout=20, record="record-from-answer")

response = VoiceResponse()
gather: Gather = response.gather(input=["dtmf", "speech"], speech_timeout="auto")
say: Say = gather.say("Hi", language="en-US")
say.break_(time="500ms").append("tail")
response.dial(caller_id="+15550001111").number("+15551112222")
sms = MessagingResponse()
sms.message("Thanks", to="+15551112222", from_="+15553334444")
text: str = doc.to_xml(pretty=True)
digits = gather.num_digits
typed_digits: int | None = gather.num_digits
action: str | None = gather.action
timeout: int | None = response.dial(timeout=30).timeout
voice: str | None = say.voice
record: bool | None = response.record(play_beep=True).play_beep
children = doc.children


def answer() -> TwiML:
    """twilio-style annotations keep working: every element is a TwiML."""
    return VoiceResponse()


gather.num_digits = 3
gather.num_digits = None
finish: str | None = gather.finish_on_key
if gather.timeout is not None:
    seconds: int = gather.timeout + 1
body: str | None = sms.message("Hi").action
parameter = response.pay().parameter(name="x", value="y")


class BrandedSay(Say):
    """A subclass with a constructor of its own keeps its element's attributes."""

    def __init__(self, text: str) -> None:
        super().__init__(text, voice="Polly.Joanna")


branded_voice: str | None = BrandedSay("Hi").voice
branded_loop: int | None = BrandedSay("Hi").loop


class LoudSay(Say):
    """A subclass passing the rest of its keywords on."""

    def __init__(self, text: str, **rest: Any) -> None:
        super().__init__(text, loop=2, **rest)


loud_loop: int | None = LoudSay("Hi", voice="alice").loop
