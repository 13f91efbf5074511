"""A phone menu in Flask, written the way public guides write one.

Press 1 for sales (a transfer; if nobody takes it, voicemail), press 2 to leave
a message. Any other key says sorry and plays the menu again; silence says
goodbye. Every request must carry a valid ``X-SignalWire-Signature`` made with
the signing key (``SIGNALWIRE_SIGNING_KEY``; ``PSK_test`` here). ``test_app.py``
drives it end to end with ``laml.testing``.
"""

from __future__ import annotations

import os

from flask import Flask, Response, abort, request

from laml import VoiceResponse
from laml.webhooks import RequestValidator

SALES_NUMBER = "+15557770000"

app = Flask(__name__)
validator = RequestValidator(os.environ.get("SIGNALWIRE_SIGNING_KEY", "PSK_test"))


@app.before_request
def check_signature() -> None:
    signature = request.headers.get("X-SignalWire-Signature", "")
    if not validator.validate(request.url, request.form, signature):
        abort(403)


def cxml(document: VoiceResponse) -> Response:
    return Response(str(document), mimetype="text/xml")


@app.post("/voice")
def voice() -> Response:
    document = VoiceResponse()
    menu = document.gather(num_digits=1, action="/menu", timeout=5)
    menu.say("Welcome to Example Corp. For sales, press 1. To leave a message, press 2.")
    document.say("We did not hear a choice. Goodbye.")
    document.hangup()
    return cxml(document)


@app.post("/menu")
def menu() -> Response:
    choice = request.form.get("Digits", "")
    document = VoiceResponse()
    if choice == "1":
        document.say("Connecting you to sales.")
        document.dial(SALES_NUMBER, action="/sales-status", timeout=20)
    elif choice == "2":
        document.redirect("/voicemail")
    else:
        document.say("Sorry, that is not an option.")
        document.redirect("/voice")
    return cxml(document)


@app.post("/sales-status")
def sales_status() -> Response:
    document = VoiceResponse()
    if request.form.get("DialCallStatus") == "completed":
        document.say("Thank you for calling. Goodbye.")
        document.hangup()
    else:
        document.say("Sales cannot take your call right now.")
        document.redirect("/voicemail")
    return cxml(document)


@app.post("/voicemail")
def voicemail() -> Response:
    document = VoiceResponse()
    document.say("Please leave a message after the tone, then press the pound key.")
    document.record(action="/voicemail-saved", max_length=120, finish_on_key="#")
    return cxml(document)


@app.post("/voicemail-saved")
def voicemail_saved() -> Response:
    seconds = request.form.get("RecordingDuration", "0")
    document = VoiceResponse()
    document.say(f"Thank you. We received your {seconds} second message. Goodbye.")
    document.hangup()
    return cxml(document)
