"""The call simulator: platform behaviour, failures and their messages, transports."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

import pytest
from flask import Flask, Response, request

from laml import Dial, Gather, Hangup, LamlError, Pause, Play, Record, Redirect, Say
from laml import Response as Doc
from laml.bins import LamlBin
from laml.testing import CallSimulator, SimulationError, VirtualClock

XML = "text/xml"


def document_app(routes: dict[str, Callable[[dict[str, str]], str]]) -> Flask:
    """A Flask app whose routes answer documents built from the request's values."""
    app = Flask("documents")

    def make(build: Callable[[dict[str, str]], str]) -> Callable[[], Response]:
        def view() -> Response:
            values = {**request.args.to_dict(), **request.form.to_dict()}
            values["_method"] = request.method
            return Response(build(values), mimetype=XML)

        return view

    for index, (path, build) in enumerate(routes.items()):
        app.add_url_rule(path, f"r{index}", make(build), methods=["GET", "POST"])
    return app


def fixed(doc: Doc | str) -> Callable[[dict[str, str]], str]:
    text = doc if isinstance(doc, str) else str(doc)
    return lambda values: text


# ----------------------------------------------------------------- first request


def test_first_request_carries_the_standard_voice_parameters() -> None:
    seen: list[dict[str, str]] = []
    app = document_app({"/voice": lambda v: (seen.append(v), str(Doc(Hangup())))[1]})
    call = CallSimulator(app).call("/voice", from_="+15550001111", to="+15550002222", Foo="bar")
    params = seen[0]
    assert params["From"] == "+15550001111"
    assert params["To"] == "+15550002222"
    assert params["CallStatus"] == "ringing"
    assert params["Direction"] == "inbound"
    assert params["ApiVersion"] == "2010-04-01"
    assert params["Foo"] == "bar"
    assert params["_method"] == "POST"
    assert call.requests[0].params["CallSid"] == params["CallSid"]
    assert call.requests[0].status == 200


UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


@pytest.mark.parametrize(
    ("platform", "call_sid", "account_sid"),
    [
        ("signalwire", UUID, UUID),
        ("twilio", re.compile(r"^CA[0-9a-f]{32}$"), re.compile(r"^AC[0-9a-f]{32}$")),
    ],
)
def test_sids_look_like_the_platforms(
    platform: Any, call_sid: re.Pattern[str], account_sid: re.Pattern[str]
) -> None:
    app = document_app({"/voice": fixed(Doc(Hangup()))})
    call = CallSimulator(app, platform=platform).call("/voice")
    assert call_sid.match(call.requests[0].params["CallSid"])
    assert account_sid.match(call.requests[0].params["AccountSid"])


def test_later_requests_say_the_call_is_in_progress() -> None:
    app = document_app(
        {
            "/voice": fixed(Doc(Redirect("/next"))),
            "/next": fixed(Doc(Hangup())),
        }
    )
    call = CallSimulator(app).call("/voice")
    assert [r.params["CallStatus"] for r in call.requests] == ["ringing", "in-progress"]
    assert call.requests[0].params["CallSid"] == call.requests[1].params["CallSid"]


# ----------------------------------------------------------------- verbs and the clock


def test_say_play_pause_advance_the_clock() -> None:
    doc = Doc(
        Say("one two three four five"),
        Play("https://example.com/a.mp3", loop=2),
        Pause(length=3),
        Hangup(),
    )
    app = document_app({"/voice": fixed(doc)})
    call = CallSimulator(app, seconds_per_word=0.5, seconds_per_play=4).call("/voice")
    assert call.said == ["one two three four five"]
    assert call.played == ["https://example.com/a.mp3", "https://example.com/a.mp3"]
    assert call.elapsed == 2.5 + 8 + 3
    assert [e.time for e in call.transcript if e.kind == "verb"] == [0, 2.5, 6.5, 10.5, 13.5]


def test_ssml_is_flattened_to_its_words() -> None:
    document = (
        '<Response><Say>Hello <emphasis>dear</emphasis> <break time="1s"/>'
        '<sub alias="World Wide Web">WWW</sub> user</Say></Response>'
    )
    call = CallSimulator(document_app({"/voice": fixed(document)})).call("/voice")
    assert call.said == ["Hello dear World Wide Web user"]


@pytest.mark.parametrize(
    ("attributes", "keys", "sent", "extra_time"),
    [
        ({"num_digits": 1}, "1", "1", 0),
        ({"num_digits": 2}, "12", "12", 0),
        ({"num_digits": 2}, "123", "12", 0),  # keys after numDigits are dropped
        ({"num_digits": 3}, "12", "12", 5),  # too few: the Gather times out, then sends
        ({}, "1234#", "1234", 0),  # finishOnKey # by default
        ({}, "12", "12", 5),  # no numDigits, no finish key: timeout
        ({"finish_on_key": "*"}, "12*", "12", 0),
        ({"finish_on_key": "*"}, "1#2*", "1#2", 0),
        ({"num_digits": 4, "finish_on_key": "#"}, "12#", "12", 0),
        ({"timeout": 9}, "7", "7", 9),
    ],
)
def test_press_shapes_digits(
    attributes: dict[str, Any], keys: str, sent: str, extra_time: int
) -> None:
    app = document_app(
        {
            "/voice": fixed(Doc(Gather(action="/got", **attributes))),
            "/got": fixed(Doc(Hangup())),
        }
    )
    call = CallSimulator(app).call("/voice").press(keys)
    assert call.requests[-1].params["Digits"] == sent
    assert call.requests[-1].url == "https://example.com/got"
    assert call.elapsed == extra_time


def test_gather_without_action_posts_back_to_the_current_document() -> None:
    app = document_app(
        {
            "/voice": lambda v: str(
                Doc(Say(f"got {v['Digits']}"), Hangup())
                if "Digits" in v
                else Doc(Gather(num_digits=1))
            ),
        }
    )
    call = CallSimulator(app).call("/voice").press("5")
    assert call.said == ["got 5"]
    assert [r.url for r in call.requests] == ["https://example.com/voice"] * 2


@pytest.mark.parametrize(
    ("on_empty", "expected_said", "requests"),
    [(False, ["next verb"], 1), (True, ["empty action"], 2)],
)
def test_timeout_runs_the_next_verb_or_the_action_on_empty_result(
    on_empty: bool, expected_said: list[str], requests: int
) -> None:
    app = document_app(
        {
            "/voice": fixed(
                Doc(Gather(action="/got", action_on_empty_result=on_empty), Say("next verb"))
            ),
            "/got": fixed(Doc(Say("empty action"))),
        }
    )
    call = CallSimulator(app).call("/voice").wait()
    assert call.said == expected_said
    assert len(call.requests) == requests
    assert call.elapsed >= 5
    if on_empty:
        assert call.requests[-1].params["Digits"] == ""


def test_get_method_sends_parameters_in_the_query_string() -> None:
    seen: list[dict[str, str]] = []

    def got(values: dict[str, str]) -> str:
        seen.append(values)
        return str(Doc(Hangup()))

    app = document_app(
        {
            "/voice": fixed(Doc(Gather(action="/got?step=2", method="GET", num_digits=1))),
            "/got": got,
        }
    )
    call = CallSimulator(app).call("/voice").press("3")
    assert seen[0]["_method"] == "GET"
    assert seen[0]["Digits"] == "3"
    assert seen[0]["step"] == "2"
    query = dict(parse_qsl(call.requests[-1].url.partition("?")[2]))
    assert query == {"step": "2"}


def test_redirect_resolves_relative_urls_against_the_current_one() -> None:
    app = document_app(
        {
            "/ivr/start": fixed(Doc(Redirect("next", method="GET"))),
            "/ivr/next": fixed(Doc(Redirect("../done"))),
            "/done": fixed(Doc(Hangup())),
        }
    )
    call = CallSimulator(app).call("/ivr/start")
    assert [(r.method, r.url) for r in call.requests] == [
        ("POST", "https://example.com/ivr/start"),
        ("GET", "https://example.com/ivr/next"),
        ("POST", "https://example.com/done"),
    ]


@pytest.mark.parametrize(
    ("outcome", "status", "elapsed", "duration"),
    [
        ("answer", "completed", 42, "42"),
        ("busy", "busy", 0, "0"),
        ("no_answer", "no-answer", 15, "0"),
        ("fail", "failed", 0, "0"),
    ],
)
def test_dial_outcomes_reach_the_action(
    outcome: str, status: str, elapsed: int, duration: str
) -> None:
    app = document_app(
        {
            "/voice": fixed(Doc(Dial("+15557770000", action="/after", timeout=15))),
            "/after": lambda v: str(Doc(Say(v["DialCallStatus"]))),
        }
    )
    call = CallSimulator(app).call("/voice")
    assert call.pending == "dial"
    act = getattr(call, outcome)
    act(42) if outcome == "answer" else act()
    params = call.requests[-1].params
    assert params["DialCallStatus"] == status
    assert params["DialCallDuration"] == duration
    assert UUID.match(params["DialCallSid"])
    assert call.said == [status]
    assert call.elapsed == pytest.approx(elapsed + 0.4)  # and one word said at 0.4 s


def test_dial_without_action_continues_with_the_next_verb() -> None:
    app = document_app({"/voice": fixed(Doc(Dial("+15557770000"), Say("after the dial")))})
    call = CallSimulator(app).call("/voice").busy()
    assert call.said == ["after the dial"]
    assert call.ended and len(call.requests) == 1


def test_record_sends_the_recording_and_caps_it_at_max_length() -> None:
    app = document_app(
        {
            "/voice": fixed(Doc(Record(max_length=20))),
        }
    )
    call = CallSimulator(app).call("/voice")
    assert call.pending == "record"
    call.record(duration=45, digits="#")
    params = call.requests[-1].params
    assert call.requests[-1].url == "https://example.com/voice"
    assert params["RecordingDuration"] == "20"
    assert params["Digits"] == ""  # maxLength ended it before the key
    assert params["RecordingUrl"].endswith("/Recordings/" + params["RecordingSid"])
    assert call.elapsed == 20


@pytest.mark.parametrize(
    ("verb", "status"),
    [
        ("<Hangup/>", "completed"),
        ('<Reject reason="busy"/>', "busy"),
        ("<Reject/>", "no-answer"),
        ("<Say>bye</Say>", "completed"),
    ],
)
def test_how_the_call_ends(verb: str, status: str) -> None:
    app = document_app({"/voice": fixed(f"<Response>{verb}<Say>never</Say></Response>")})
    call = CallSimulator(app).call("/voice")
    assert call.ended
    assert call.status == status
    assert "never" not in call.said or verb == "<Say>bye</Say>"


def test_verbs_not_simulated_are_in_the_transcript() -> None:
    doc = '<Response><Echo timeout="5"/><Connect><Stream url="wss://example.com/s"/></Connect></Response>'
    call = CallSimulator(document_app({"/voice": fixed(doc)})).call("/voice")
    lines = call.transcript_text().splitlines()
    assert "[00:00] Echo timeout=5 (not simulated)" in lines
    assert "[00:00] Connect (not simulated)" in lines


def test_sms_verb_requests_its_action() -> None:
    app = document_app(
        {
            "/voice": fixed('<Response><Sms action="/sent">see you</Sms><Say>no</Say></Response>'),
            "/sent": lambda v: str(Doc(Say(v["SmsStatus"]))),
        }
    )
    call = CallSimulator(app).call("/voice")
    assert call.said == ["sending"]
    assert [e.text for e in call.transcript if e.verb == "Sms"] == ["see you"]


def test_enqueue_waits_until_dequeued_and_another_call_can_bridge_it() -> None:
    app = document_app(
        {
            "/wait": fixed(
                '<Response><Enqueue action="/left" waitUrl="/music">support</Enqueue></Response>'
            ),
            "/music": fixed("<Response><Say>please hold</Say></Response>"),
            "/left": lambda v: str(Doc(Say(f"queue {v['QueueResult']} after {v['QueueTime']}"))),
            "/agent": fixed("<Response><Dial><Queue>support</Queue></Dial></Response>"),
        }
    )
    sim = CallSimulator(app)
    caller = sim.call("/wait")
    assert caller.pending == "enqueue"
    assert caller.said == ["please hold"]
    assert sim.queues["support"] == [caller]
    assert sim.queues["nobody"] == []
    agent = sim.call("/agent")
    assert agent.pending == "dial"
    assert sim.queues["support"] == []
    assert caller.said[-1] == "queue bridged after 0"


def test_leave_in_hold_music_leaves_the_queue() -> None:
    app = document_app(
        {
            "/wait": fixed(
                '<Response><Enqueue waitUrl="/music">q</Enqueue><Say>out</Say></Response>'
            ),
            "/music": fixed('<Response><Pause length="30"/><Leave/></Response>'),
        }
    )
    sim = CallSimulator(app)
    call = sim.call("/wait")
    assert call.said == ["out"]
    assert call.elapsed == pytest.approx(30.4)
    assert sim.queues["q"] == []


def test_conference_membership_across_calls() -> None:
    app = document_app(
        {"/room": fixed("<Response><Dial><Conference>room</Conference></Dial></Response>")}
    )
    sim = CallSimulator(app)
    first, second = sim.call("/room"), sim.call("/room")
    assert sim.conferences["room"] == [first, second]
    first.hangup()
    assert sim.conferences["room"] == [second]
    second.answer(duration=10)
    assert sim.conferences["room"] == []


# ----------------------------------------------------------------- messaging


def test_message_exchange_reads_every_reply_and_its_media() -> None:
    app = document_app(
        {
            "/sms": lambda v: (
                "<Response><Message>you said "
                + v["Body"]
                + "</Message><Message><Body>second</Body>"
                "<Media>https://example.com/cat.jpg</Media></Message></Response>"
            ),
        }
    )
    exchange = CallSimulator(app).message("/sms", body="hi", media=["https://example.com/in.png"])
    assert exchange.replies == ["you said hi", "second"]
    assert exchange.media == ["https://example.com/cat.jpg"]
    params = exchange.requests[0].params
    assert params["NumMedia"] == "1"
    assert params["MediaUrl0"] == "https://example.com/in.png"
    assert UUID.match(params["MessageSid"])


# ----------------------------------------------------------------- failures: messages a user reads


def messages_of(app: Any, act: Callable[[CallSimulator], object], **options: Any) -> str:
    with pytest.raises(SimulationError) as caught:
        act(CallSimulator(app, **options))
    assert isinstance(caught.value, LamlError)
    return caught.value.reason


def test_a_500_names_the_url_and_status() -> None:
    app = Flask("boom")

    @app.post("/voice")
    def voice() -> str:
        raise RuntimeError("database down")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    reason = messages_of(app, lambda sim: sim.call("/voice"))
    assert reason.startswith(
        "POST https://example.com/voice answered 500; the platform needs a 2xx status"
    )


def test_a_content_type_that_is_not_xml() -> None:
    app = Flask("plain")
    app.add_url_rule(
        "/voice", "v", lambda: Response("<Response/>", mimetype="text/plain"), methods=["POST"]
    )
    reason = messages_of(app, lambda sim: sim.call("/voice"))
    assert reason == (
        "POST https://example.com/voice answered with content type 'text/plain'; "
        "a cXML document is served as text/xml or application/xml (text/html is read too)"
    )


def test_a_document_served_as_html_is_read() -> None:
    # Flask's ``return str(response)``, as the public quickstarts write it, serves text/html.
    app = Flask("html")
    app.add_url_rule("/voice", "v", lambda: "<Response><Say>Hi</Say></Response>", methods=["POST"])
    call = CallSimulator(app).call("/voice")
    assert call.said == ["Hi"]
    assert call.status == "completed"


def test_an_invalid_document_names_the_code_and_line() -> None:
    doc = '<Response>\n  <Gather action="/x" method="PUT"/>\n</Response>'
    reason = messages_of(document_app({"/voice": fixed(doc)}), lambda sim: sim.call("/voice"))
    assert reason.startswith("POST https://example.com/voice answered an invalid document: ")
    assert "13221 at line 2" in reason


def test_a_redirect_loop_names_its_urls() -> None:
    app = document_app({"/a": fixed(Doc(Redirect("/b"))), "/b": fixed(Doc(Redirect("/a")))})
    reason = messages_of(app, lambda sim: sim.call("/a"), max_steps=10)
    assert reason == (
        "more than 10 requests since the caller last acted (max_steps); the call keeps going round: "
        "https://example.com/a -> https://example.com/b -> https://example.com/a"
    )


def test_a_timeout_into_a_loop_is_caught_by_max_steps() -> None:
    app = document_app(
        {
            "/menu": fixed(Doc(Gather(num_digits=1, action="/spin", action_on_empty_result=True))),
            "/spin": fixed(Doc(Redirect("/spin"))),
        }
    )
    sim = CallSimulator(app, max_steps=3)
    call = sim.call("/menu")
    with pytest.raises(SimulationError) as caught:
        call.wait()
    assert caught.value.reason == (
        "more than 3 requests since the caller last acted (max_steps); the call keeps "
        "going round: https://example.com/spin -> https://example.com/spin"
    )
    assert "transcript so far:\n[00:00] POST /menu" in str(caught.value)


def test_waiting_at_a_menu_again_and_again_is_no_loop() -> None:
    # Each wait() is the caller acting: the test walks, the app does not spin.
    app = document_app({"/menu": fixed(Doc(Gather(num_digits=1, action_on_empty_result=True)))})
    call = CallSimulator(app, max_steps=3).call("/menu")
    for _ in range(5):
        call.wait()
    assert call.pending == "gather"
    assert call.elapsed == 25


def test_press_while_a_dial_is_pending_names_what_is_pending() -> None:
    call = CallSimulator(document_app({"/voice": fixed(Doc(Dial("+15557770000")))})).call("/voice")
    with pytest.raises(SimulationError) as caught:
        call.press("1")
    assert caught.value.reason == (
        "press('1'): no <Gather> is pending; the call waits for the outcome of its <Dial> "
        "(answer, busy, no_answer or fail)"
    )
    with pytest.raises(SimulationError, match="no <Dial> is pending; the call waits for input"):
        CallSimulator(document_app({"/voice": fixed(Doc(Gather()))})).call("/voice").busy()


def test_acting_on_an_ended_call() -> None:
    call = CallSimulator(document_app({"/voice": fixed(Doc(Hangup()))})).call("/voice")
    with pytest.raises(SimulationError, match=r"wait\(\): the call has ended \(completed\)"):
        call.wait()


@pytest.mark.parametrize("keys", ["1a", "x", " 1"])
def test_press_refuses_keys_a_phone_has_not(keys: str) -> None:
    call = CallSimulator(document_app({"/voice": fixed(Doc(Gather()))})).call("/voice")
    with pytest.raises(ValueError, match="digits must be 0-9"):
        call.press(keys)


def test_speech_to_a_dtmf_only_gather_and_keys_to_a_speech_only_one() -> None:
    sim = CallSimulator(
        document_app(
            {"/d": fixed(Doc(Gather(input="dtmf"))), "/s": fixed(Doc(Gather(input="speech")))}
        )
    )
    with pytest.raises(SimulationError, match="takes only DTMF"):
        sim.call("/d").speak("hello")
    with pytest.raises(SimulationError, match="takes only speech"):
        sim.call("/s").press("1")


def test_urls_outside_the_app_are_refused() -> None:
    app = document_app({"/voice": fixed(Doc(Redirect("https://elsewhere.example/x")))})
    reason = messages_of(app, lambda sim: sim.call("/voice"))
    assert reason == (
        "POST https://elsewhere.example/x: the URL is outside the app under test "
        "(https://example.com)"
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"platform": "plivo"}, "platform must be signalwire or twilio"),
        ({"max_steps": 0}, "max_steps must be >= 1"),
        ({"base_url": "example.com"}, "base_url must be an absolute http"),
    ],
)
def test_options_are_checked(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        CallSimulator({}, **options)


def test_the_app_must_be_an_app() -> None:
    with pytest.raises(TypeError, match="app must be a WSGI or ASGI application"):
        CallSimulator(42)  # type: ignore[arg-type]


# ----------------------------------------------------------------- bins and documents


def test_a_mapping_of_bins_renders_with_the_request_parameters() -> None:
    menu = LamlBin(
        contents=(
            '<Response><Gather numDigits="1" action="/choice"><Say>Hello {{From}}</Say>'
            "</Gather></Response>"
        )
    )
    choice = LamlBin(contents="<Response><Say>You pressed {{Digits}}</Say></Response>")
    sim = CallSimulator({"/menu": menu, "/choice": choice, "/plain": "<Response/>"})
    call = sim.call("/menu", from_="+15551230000").press("4")
    assert call.said == ["Hello +15551230000", "You pressed 4"]
    assert sim.call("/plain").ended
    with pytest.raises(SimulationError, match="answered 404"):
        sim.call("/missing")


# ----------------------------------------------------------------- transcript and clock


def test_transcript_events_carry_the_document_url_and_time() -> None:
    app = document_app({"/voice": fixed(Doc(Pause(length=2), Say("hi")))})
    call = CallSimulator(app).call("/voice")
    say = next(e for e in call.transcript if e.verb == "Say")
    assert (say.time, say.url, say.text, say.kind) == (2, "https://example.com/voice", "hi", "verb")


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "00:00"), (5.9, "00:05"), (65, "01:05"), (3725, "1:02:05")]
)
def test_transcript_time_format(seconds: float, text: str) -> None:
    from laml.testing.clock import format_time

    assert format_time(seconds) == text


@pytest.mark.parametrize("step", [-1, float("nan"), float("inf")])
def test_the_clock_only_moves_forward(step: float) -> None:
    with pytest.raises(ValueError, match="only moves forward"):
        VirtualClock().advance(step)


def test_a_recorded_dial_sends_its_recording_url() -> None:
    app = document_app(
        {
            "/voice": fixed(
                Doc(Dial("+15557770000", action="/after", record="record-from-answer"))
            ),
            "/after": fixed(Doc(Hangup())),
        }
    )
    call = CallSimulator(app).call("/voice").answer(duration=5)
    assert "/Recordings/" in call.requests[-1].params["RecordingUrl"]
    busy = CallSimulator(app).call("/voice").busy()
    assert "RecordingUrl" not in busy.requests[-1].params


def test_say_loop_repeats_the_text() -> None:
    call = CallSimulator(document_app({"/voice": fixed(Doc(Say("hi", loop=3)))})).call("/voice")
    assert call.said == ["hi", "hi", "hi"]
    assert call.elapsed == pytest.approx(1.2)


def test_a_caller_hanging_up_in_a_queue_leaves_it() -> None:
    app = document_app({"/wait": fixed("<Response><Enqueue>q</Enqueue></Response>")})
    sim = CallSimulator(app)
    call = sim.call("/wait")
    assert sim.queues["q"] == [call]
    call.hangup()
    assert sim.queues["q"] == []
    assert call.transcript_text().splitlines()[-2:] == [
        "[00:00] caller: hangup",
        "[00:00] call ended: completed (the caller hung up)",
    ]


def test_a_forked_call_goes_its_own_way() -> None:
    app = document_app(
        {
            "/voice": fixed(Doc(Gather(num_digits=1, action="/k"))),
            "/k": lambda v: str(Doc(Say(f"key {v['Digits']}"))),
        }
    )
    call = CallSimulator(app).call("/voice")
    other = call.fork()
    call.press("1")
    other.press("2")
    assert (call.said, other.said) == (["key 1"], ["key 2"])
    assert len(call.requests) == len(other.requests) == 2
