"""FastAPI app answering SignalWire's webhooks: a voice menu and an SMS auto-reply.

Every route checks ``X-SignalWire-Signature`` through a dependency that also gives the
typed request; handlers return laml documents, sent as ``text/xml`` by ``@cxml``.
``laml`` is imported as ``cx`` so its ``Response`` does not clash with Starlette's.

    pip install 'laml-cxml[fastapi]' uvicorn
    SIGNALWIRE_SIGNING_KEY=PSK_... uvicorn examples.fastapi_app:app --port 8000

Behind a proxy or tunnel, set ``LAML_PUBLIC_URL`` to the URL the platform calls.
"""

import os
from typing import Annotated

from fastapi import Depends, FastAPI

import laml as cx
from laml.webhooks import GatherRequest, MessageRequest, VoiceRequest
from laml.webhooks.starlette import CxmlResponse, Webhooks, cxml

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


def create_app(
    signing_key: str | None = None,
    *,
    verify: bool = True,
    public_url: str | None = None,
    trust_forwarded: bool = False,
) -> FastAPI:
    """The app; the key defaults to the ``SIGNALWIRE_SIGNING_KEY`` environment variable."""
    app = FastAPI()
    webhooks = Webhooks(
        signing_key or os.environ.get("SIGNALWIRE_SIGNING_KEY"),
        verify=verify,
        public_url=public_url or os.environ.get("LAML_PUBLIC_URL"),
        trust_forwarded=trust_forwarded,
    )
    # Annotations are evaluated here (no "from __future__ import annotations" in this
    # module), so FastAPI sees each dependency bound to this app's Webhooks.
    Call = Annotated[VoiceRequest, Depends(webhooks.verified(VoiceRequest))]
    Choice = Annotated[GatherRequest, Depends(webhooks.verified(GatherRequest))]
    Sms = Annotated[MessageRequest, Depends(webhooks.verified(MessageRequest))]

    @app.post("/voice", response_class=CxmlResponse)
    @cxml
    async def voice(call: Call) -> cx.Response:
        return menu()

    @app.post("/voice/choice", response_class=CxmlResponse)
    @cxml
    async def choice(call: Choice) -> cx.Response:
        numbers = {"1": SALES, "2": SUPPORT}
        if call.digits not in numbers:
            return cx.Response(cx.Say("Sorry, that is not an option."), cx.Redirect("/voice"))
        return cx.Response(
            cx.Say("Connecting you now."),
            cx.Dial(cx.Number(numbers[call.digits]), caller_id=call.to, timeout=20),
            cx.Say("Nobody could take your call. Goodbye."),
            cx.Hangup(),
        )

    @app.post("/sms", response_class=CxmlResponse)
    @cxml
    def sms(message: Sms) -> cx.MessagingResponse:
        pictures = len(message.media_urls)
        return cx.MessagingResponse(
            cx.Message(f"Thanks! We got your message and {pictures} picture(s).")
        )

    return app


app = create_app()


def build() -> cx.Response:
    """The menu document."""
    return menu()
