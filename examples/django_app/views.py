"""Views: each checks the signature, receives a typed request and returns a laml document."""

from __future__ import annotations

from django.http import HttpRequest

import laml as cx
from laml.webhooks import GatherRequest, MessageRequest, VoiceRequest
from laml.webhooks.django import webhook

SALES = "+15551230001"
SUPPORT = "+15551230002"


def menu() -> cx.Response:
    """What a caller hears first."""
    return cx.Response(
        cx.Gather(
            cx.Say("For sales, press 1. For support, press 2."),
            action="/voice/choice",
            num_digits=1,
            timeout=5,
        ),
        cx.Say("We did not hear a choice."),
        cx.Redirect("/voice"),
    )


@webhook(VoiceRequest)
def voice(request: HttpRequest, call: VoiceRequest) -> cx.Response:
    return menu()


@webhook(GatherRequest)
def choice(request: HttpRequest, call: GatherRequest) -> cx.Response:
    numbers = {"1": SALES, "2": SUPPORT}
    if call.digits not in numbers:
        return cx.Response(cx.Say("Sorry, that is not an option."), cx.Redirect("/voice"))
    return cx.Response(
        cx.Say("Connecting you now."),
        cx.Dial(cx.Number(numbers[call.digits]), caller_id=call.to, timeout=20),
        cx.Say("Nobody could take your call. Goodbye."),
        cx.Hangup(),
    )


@webhook(MessageRequest)
def sms(request: HttpRequest, message: MessageRequest) -> cx.MessagingResponse:
    pictures = len(message.media_urls)
    return cx.MessagingResponse(
        cx.Message(f"Thanks! We got your message and {pictures} picture(s).")
    )
