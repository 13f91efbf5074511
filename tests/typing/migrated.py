"""A twilio-python 9.x program after its imports changed to laml.twiml: mypy --strict (with
and without laml's plugin) and pyright must accept every line."""

from __future__ import annotations

from typing import Literal

from laml.twiml import TwiML, TwiMLException
from laml.twiml.messaging_response import Body, Media, MessagingResponse
from laml.twiml.voice_response import (
    Dial,
    Enqueue,
    Gather,
    Number,
    Pay,
    Prompt,
    Say,
    Start,
    VoiceResponse,
)
from laml.voice import SayAttributes


def menu(greeting: str | None) -> str:
    response = VoiceResponse()
    gather = Gather(input="speech dtmf", timeout=3, num_digits=1, action="/menu")
    gather.say(greeting, voice="Polly.Joanna", language="en-US", loop=2)  # may be None
    response.append(gather)
    response.say("We did not receive input")
    response.redirect("/voice", method="POST")
    return str(response)


def queue() -> str:
    # Twilio's TaskRouter example: no queue name, a workflow.
    response = VoiceResponse()
    enqueue = Enqueue(None, workflow_sid="WW0123456789abcdef0123456789abcdef")
    enqueue.task('{"account_number": "12345abcdef"}', priority=5)
    response.append(enqueue)
    response.enqueue(None, workflow_sid="WW0123456789abcdef0123456789abcdef")
    dial = Dial(None, caller_id="+15551112222")
    dial.append(Number("+15553334444"))
    response.append(dial)
    return response.to_xml(xml_declaration=False)


def payment() -> str:
    response = VoiceResponse()
    pay = Pay(charge_amount="10.00", max_attempts=3, security_code=True)
    prompt = Prompt(for_="payment-card-number", attempt=1)  # SignalWire: one attempt
    prompt.say("Please enter your card number")
    pay.append(prompt)
    pay.prompt(for_="expiration-date", attempt=[2, 3]).say("The expiry date, please")
    response.append(pay)
    start = Start()
    start.stream(name="audio", url="wss://example.com/stream").parameter(name="k", value="v")
    response.append(start)
    return str(response)


def twilio_members() -> None:
    # twilio-python's own members of every element: name, value, verbs, attrs.
    gather = Gather(num_digits=3, action="/x")
    tag: str = gather.name
    text = gather.value
    say = Say("Hi")
    say.value = "Bye"
    gather.attrs["timeout"] = 5
    del gather.attrs["action"]
    for key, value in gather.attrs.items():
        print(key, value)
    gather.verbs.append(say)
    print(tag, text, len(gather.verbs), gather.verbs[0])


def changed_after_building() -> None:
    gather = Gather(action="/menu")
    gather.num_digits = 4
    digits: int | None = gather.num_digits
    say = Say("Hi")
    say.voice = "alice"
    print(digits, say.loop)


def sms(media: str | None) -> MessagingResponse:
    response = MessagingResponse()
    message = response.message("Check out this owl!")
    message.media(media)
    response.append(Body("Hello"))
    response.append(Media("https://example.com/owl.png"))
    return response


class Custom(TwiML):
    def __init__(self, body: str | None = None, **kwargs: str) -> None:
        super().__init__(**kwargs)
        self.name = "Custom"
        self.value = body


def answer() -> TwiML:
    response = VoiceResponse()
    try:
        response.append(Custom("x"))
        response.add_child("Foo", "bar", baz="qux").add_child("Inner")
        response.add_child("Task", {"selected_language": "es"})  # written as JSON
        response.nest(Say("x")).append("more")
    except TwiMLException:
        pass
    return response


def follow_up(method: Literal["GET", "POST"], events: list[Literal["initiated", "ringing"]]) -> str:
    # A value from a fixed set held in a variable: annotated with the values it takes.
    response = VoiceResponse()
    response.redirect("/next", method=method)
    response.dial().number("+15551112222", status_callback_event=events)
    # Keywords kept in a dict: annotated with the element's declaration.
    options: SayAttributes = {"voice": "alice", "language": "en-US"}
    response.say("Goodbye", **options)
    return str(response)
