"""The FastAPI phone menu, driven end to end through the laml pytest plugin."""

from __future__ import annotations

import pytest

from laml.testing import CallSimulator, SimulationError

MENU = "Welcome to Example Corp. Press 1 or say sales. Press 2 or say message."


def test_the_caller_hears_the_menu(call_simulator: CallSimulator) -> None:
    call = call_simulator.call("/voice")
    assert call.said == [MENU]
    assert call.pending == "gather"


def test_a_wrong_key_says_sorry_and_repeats_the_menu(call_simulator: CallSimulator) -> None:
    call = call_simulator.call("/voice").press("9")
    assert call.said == [MENU, "Sorry, that is not an option.", MENU]


def test_silence_says_goodbye(call_simulator: CallSimulator) -> None:
    call = call_simulator.call("/voice").wait()
    assert call.said[-1] == "We did not hear a choice. Goodbye."
    assert call.status == "completed"


def test_saying_sales_transfers_and_the_call_is_answered(call_simulator: CallSimulator) -> None:
    call = call_simulator.call("/voice").speak("sales please", confidence=0.92)
    assert call.requests[-1].params["SpeechResult"] == "sales please"
    assert call.requests[-1].params["Confidence"] == "0.92"
    call.answer(duration=60)
    assert call.said[-1] == "Thank you for calling. Goodbye."
    assert call.ended


def test_sales_busy_goes_to_voicemail(call_simulator: CallSimulator) -> None:
    call = call_simulator.call("/voice").press("1").busy()
    assert call.said[-1] == "Please leave a message after the tone, then press the pound key."
    assert call.pending == "record"


def test_voicemail(call_simulator: CallSimulator) -> None:
    call = call_simulator.call("/voice").press("2").record(duration=30, digits="#")
    assert call.said[-1] == "Thank you. We received your 30 second message. Goodbye."
    assert call.ended


def test_pressing_during_a_transfer_names_what_the_call_waits_for(
    call_simulator: CallSimulator,
) -> None:
    call = call_simulator.call("/voice").press("1")
    with pytest.raises(SimulationError) as caught:
        call.press("2")
    assert caught.value.reason == (
        "press('2'): no <Gather> is pending; the call waits for the outcome of its "
        "<Dial> (answer, busy, no_answer or fail)"
    )
