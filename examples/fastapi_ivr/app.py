"""The same phone menu in FastAPI: an ASGI app the simulator runs in process.

Press 1 for sales (a transfer; if nobody takes it, voicemail), press 2 to leave
a message, or say "sales" or "message". ``test_app.py`` drives it end to end.
"""

from __future__ import annotations

from fastapi import FastAPI, Form, Response

from laml import VoiceResponse

SALES_NUMBER = "+15557770000"

app = FastAPI()


def cxml(document: VoiceResponse) -> Response:
    return Response(content=str(document), media_type="application/xml")


@app.post("/voice")
async def voice() -> Response:
    document = VoiceResponse()
    menu = document.gather(input="dtmf speech", num_digits=1, action="/menu", timeout=5)
    menu.say("Welcome to Example Corp. Press 1 or say sales. Press 2 or say message.")
    document.say("We did not hear a choice. Goodbye.")
    document.hangup()
    return cxml(document)


@app.post("/menu")
async def menu(
    digits: str = Form("", alias="Digits"), speech: str = Form("", alias="SpeechResult")
) -> Response:
    document = VoiceResponse()
    if digits == "1" or "sales" in speech.lower():
        document.say("Connecting you to sales.")
        document.dial(SALES_NUMBER, action="/sales-status", timeout=20)
    elif digits == "2" or "message" in speech.lower():
        document.redirect("/voicemail")
    else:
        document.say("Sorry, that is not an option.")
        document.redirect("/voice")
    return cxml(document)


@app.post("/sales-status")
async def sales_status(status: str = Form(..., alias="DialCallStatus")) -> Response:
    document = VoiceResponse()
    if status == "completed":
        document.say("Thank you for calling. Goodbye.")
        document.hangup()
    else:
        document.say("Sales cannot take your call right now.")
        document.redirect("/voicemail")
    return cxml(document)


@app.post("/voicemail")
async def voicemail() -> Response:
    document = VoiceResponse()
    document.say("Please leave a message after the tone, then press the pound key.")
    document.record(action="/voicemail-saved", max_length=120, finish_on_key="#")
    return cxml(document)


@app.post("/voicemail-saved")
async def voicemail_saved(seconds: str = Form("0", alias="RecordingDuration")) -> Response:
    document = VoiceResponse()
    document.say(f"Thank you. We received your {seconds} second message. Goodbye.")
    document.hangup()
    return cxml(document)
