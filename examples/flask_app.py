"""Flask app answering SignalWire's webhooks: a voice menu and an SMS auto-reply.

Every route checks ``X-SignalWire-Signature`` with the project's signing key and hands
the view a typed request; the views return laml documents, sent as cXML.

    pip install 'laml-cxml[flask]'
    SIGNALWIRE_SIGNING_KEY=PSK_... flask --app examples.flask_app run --port 8000

Behind a proxy or tunnel, set ``LAML_PUBLIC_URL`` to the URL the platform calls
(``https://example.ngrok.app``) so the signed URL matches.
"""

from __future__ import annotations

import os

import flask

import laml as cx
from laml.webhooks import GatherRequest, MessageRequest, VoiceRequest
from laml.webhooks.flask import webhook

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


def create_app(signing_key: str | None = None, **settings: object) -> flask.Flask:
    """The app; the key defaults to the ``SIGNALWIRE_SIGNING_KEY`` environment variable."""
    app = flask.Flask(__name__)
    app.config["LAML_SIGNING_KEY"] = signing_key or os.environ.get("SIGNALWIRE_SIGNING_KEY")
    app.config["LAML_PUBLIC_URL"] = os.environ.get("LAML_PUBLIC_URL")
    app.config.update(settings)

    @app.post("/voice")
    @webhook(VoiceRequest)
    def voice(call: VoiceRequest) -> cx.Response:
        return menu()

    @app.post("/voice/choice")
    @webhook(GatherRequest)
    def choice(call: GatherRequest) -> cx.Response:
        numbers = {"1": SALES, "2": SUPPORT}
        if call.digits not in numbers:
            return cx.Response(cx.Say("Sorry, that is not an option."), cx.Redirect("/voice"))
        return cx.Response(
            cx.Say("Connecting you now."),
            cx.Dial(cx.Number(numbers[call.digits]), caller_id=call.to, timeout=20),
            cx.Say("Nobody could take your call. Goodbye."),
            cx.Hangup(),
        )

    @app.post("/sms")
    @webhook(MessageRequest)
    def sms(message: MessageRequest) -> cx.MessagingResponse:
        pictures = len(message.media_urls)
        reply = f"Thanks! We got your message and {pictures} picture(s)."
        return cx.MessagingResponse(cx.Message(reply))

    return app


def build() -> cx.Response:
    """The menu document, for ``make demo`` style printing."""
    return menu()


if __name__ == "__main__":
    create_app().run(port=8000)
