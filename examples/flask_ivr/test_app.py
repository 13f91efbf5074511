"""The Flask phone menu, driven end to end through the laml pytest plugin."""

from __future__ import annotations

import pytest

from laml.testing import CallSimulator, SimulationError

MENU = "Welcome to Example Corp. For sales, press 1. To leave a message, press 2."


def test_the_caller_hears_the_menu(call_simulator: CallSimulator) -> None:
    call = call_simulator.call("/voice")
    assert call.said == [MENU]
    assert call.pending == "gather"


def test_a_wrong_key_says_sorry_and_repeats_the_menu(call_simulator: CallSimulator) -> None:
    call = call_simulator.call("/voice").press("7")
    assert call.said == [MENU, "Sorry, that is not an option.", MENU]
    assert call.pending == "gather"


def test_silence_says_goodbye(call_simulator: CallSimulator) -> None:
    call = call_simulator.call("/voice").wait()
    assert call.said[-1] == "We did not hear a choice. Goodbye."
    assert call.ended and call.status == "completed"


def test_sales_answers(call_simulator: CallSimulator) -> None:
    call = call_simulator.call("/voice").press("1")
    assert call.pending == "dial"
    call.answer(duration=95)
    assert call.requests[-1].params["DialCallStatus"] == "completed"
    assert call.requests[-1].params["DialCallDuration"] == "95"
    assert call.said[-1] == "Thank you for calling. Goodbye."
    assert call.ended


def test_sales_busy_goes_to_voicemail(call_simulator: CallSimulator) -> None:
    call = call_simulator.call("/voice").press("1").busy()
    assert call.said[-2:] == [
        "Sales cannot take your call right now.",
        "Please leave a message after the tone, then press the pound key.",
    ]
    assert call.pending == "record"


def test_voicemail(call_simulator: CallSimulator) -> None:
    call = call_simulator.call("/voice").press("2").record(duration=12, digits="#")
    assert call.said[-1] == "Thank you. We received your 12 second message. Goodbye."
    assert call.ended


def test_golden_transcript(call_simulator: CallSimulator) -> None:
    call = call_simulator.call("/voice").press("1").no_answer()
    call.record(duration=12, digits="#")
    assert call.transcript_text() == GOLDEN


GOLDEN = """\
[00:00] POST /voice
[00:00] Gather action=/menu numDigits=1 timeout=5
[00:00] Say "Welcome to Example Corp. For sales, press 1. To leave a message, press 2."
[00:05] caller: press "1"
[00:05] POST /menu Digits=1
[00:05] Say "Connecting you to sales."
[00:07] Dial "+15557770000" action=/sales-status timeout=20
[00:07] caller: no-answer (timeout 20s)
[00:27] POST /sales-status DialCallDuration=0 DialCallStatus=no-answer
[00:27] Say "Sales cannot take your call right now."
[00:30] Redirect "/voicemail"
[00:30] POST /voicemail
[00:30] Say "Please leave a message after the tone, then press the pound key."
[00:34] Record action=/voicemail-saved finishOnKey=# maxLength=120
[00:34] caller: record "#" (12s)
[00:46] POST /voicemail-saved Digits=# RecordingDuration=12
[00:46] Say "Thank you. We received your 12 second message. Goodbye."
[00:50] Hangup
[00:50] call ended: completed"""


def test_an_unsigned_request_is_refused(laml_app: object) -> None:
    with pytest.raises(SimulationError, match="answered 403"):
        CallSimulator(laml_app).call("/voice")
