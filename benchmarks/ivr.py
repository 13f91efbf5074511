"""The typical 11-element IVR document, built four ways for the speed ratios.

Every builder here writes the same bytes; ``bench_build.py`` checks that before timing.
"""

from __future__ import annotations

from lxml.etree import Element, SubElement, tostring

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'


def build_laml_twiml() -> object:
    """The document through ``laml.twiml``, twilio-style."""
    from laml.twiml.voice_response import VoiceResponse

    response = VoiceResponse()
    gather = response.gather(num_digits=1, action="/menu", method="POST", timeout=5)
    gather.say("Press 1 for sales, 2 for support.", voice="alice", language="en-US")
    gather.play("https://example.com/menu.mp3", loop=1)
    gather.pause(length=2)
    response.say("We did not receive any input. Goodbye!")
    dial = response.dial(timeout=20, caller_id="+15550001111")
    dial.number("+15551112222")
    dial.number("+15553334444", send_digits="ww1")
    response.redirect("/fallback", method="POST")
    response.hangup()
    return response


def build_twilio() -> object:
    """The same program through twilio-python."""
    from twilio.twiml.voice_response import VoiceResponse

    response = VoiceResponse()
    gather = response.gather(num_digits=1, action="/menu", method="POST", timeout=5)
    gather.say("Press 1 for sales, 2 for support.", voice="alice", language="en-US")
    gather.play("https://example.com/menu.mp3", loop=1)
    gather.pause(length=2)
    response.say("We did not receive any input. Goodbye!")
    dial = response.dial(timeout=20, caller_id="+15550001111")
    dial.number("+15551112222")
    dial.number("+15553334444", send_digits="ww1")
    response.redirect("/fallback", method="POST")
    response.hangup()
    return response


def build_laml_native() -> object:
    """The document with laml's native constructors."""
    from laml import Dial, Gather, Hangup, Number, Pause, Play, Redirect, Response, Say

    return Response(
        Gather(
            Say("Press 1 for sales, 2 for support.", voice="alice", language="en-US"),
            Play("https://example.com/menu.mp3", loop=1),
            Pause(length=2),
            num_digits=1,
            action="/menu",
            method="POST",
            timeout=5,
        ),
        Say("We did not receive any input. Goodbye!"),
        Dial(
            Number("+15551112222"),
            Number("+15553334444", send_digits="ww1"),
            timeout=20,
            caller_id="+15550001111",
        ),
        Redirect("/fallback", method="POST"),
        Hangup(),
    )


def bare_lxml() -> str:
    """The same document with bare lxml ``SubElement`` and ``tostring``."""
    root = Element("Response")
    gather = SubElement(
        root, "Gather", {"action": "/menu", "method": "POST", "numDigits": "1", "timeout": "5"}
    )
    say = SubElement(gather, "Say", {"language": "en-US", "voice": "alice"})
    say.text = "Press 1 for sales, 2 for support."
    play = SubElement(gather, "Play", {"loop": "1"})
    play.text = "https://example.com/menu.mp3"
    SubElement(gather, "Pause", {"length": "2"})
    say = SubElement(root, "Say")
    say.text = "We did not receive any input. Goodbye!"
    dial = SubElement(root, "Dial", {"callerId": "+15550001111", "timeout": "20"})
    number = SubElement(dial, "Number")
    number.text = "+15551112222"
    number = SubElement(dial, "Number", {"sendDigits": "ww1"})
    number.text = "+15553334444"
    redirect = SubElement(root, "Redirect", {"method": "POST"})
    redirect.text = "/fallback"
    SubElement(root, "Hangup")
    text: str = tostring(root, encoding="unicode")
    return DECLARATION + text.replace("/>", " />")
