"""Call forwarding with voicemail: ring two phones, then record a message.

twilio-python style through ``laml.twiml``: fluent methods append and return children.
"""

from __future__ import annotations

from laml.twiml.voice_response import VoiceResponse


def build() -> VoiceResponse:
    response = VoiceResponse()
    dial = response.dial(
        action="/forward/after-dial",
        timeout=20,
        caller_id="+15550001111",
        answer_on_bridge=True,
        record="record-from-answer",
    )
    dial.number("+15551112222")
    dial.number("+15553334444", send_digits="ww1")
    response.say("Nobody could take your call. Please leave a message after the tone.")
    response.record(
        action="/forward/voicemail",
        max_length=120,
        finish_on_key="#",
        play_beep=True,
        transcribe=True,
        transcribe_callback="/forward/transcription",
    )
    response.say("We did not get a recording. Goodbye.")
    response.hangup()
    return response


if __name__ == "__main__":
    print(build())
