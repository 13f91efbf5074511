"""Call flows written the way public guides write them, and the faults a new user hits."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI, Request
from fastapi import Response as FastAPIResponse
from flask import Flask, Response, abort
from flask import request as flask_request
from twilio.request_validator import RequestValidator as TwilioValidator

from laml.testing import CallSimulator, SimulationError

GATHER = '<Response><Gather numDigits="1" action="/k"><Say>Press a key</Say></Gather></Response>'


def guide_app(token: str) -> Flask:
    """As the quickstarts write it: twilio's validator, ``return str(...)`` (text/html)."""
    app = Flask("guide")

    @app.route("/voice", methods=["GET", "POST"])
    def voice() -> str:
        signature = flask_request.headers.get("X-Twilio-Signature", "") or (
            flask_request.headers.get("X-SignalWire-Signature", "")
        )
        if not TwilioValidator(token).validate(flask_request.url, flask_request.form, signature):
            abort(403)
        return "<Response><Say>Hello</Say></Response>"

    return app


@pytest.mark.parametrize("platform", ["signalwire", "twilio"])
def test_a_guide_app_served_as_html_and_checked_by_twilios_validator(platform: str) -> None:
    sim = CallSimulator(guide_app("tok123"), signing_key="tok123", platform=platform)  # type: ignore[arg-type]
    assert sim.call("/voice").said == ["Hello"]


def test_a_forbidden_answer_without_a_signing_key_says_to_give_one() -> None:
    with pytest.raises(SimulationError) as caught:
        CallSimulator(guide_app("tok123")).call("/voice")
    reason = caught.value.reason
    assert reason.startswith(
        "POST https://example.com/voice answered 403; the platform needs a 2xx status (body: "
    )
    assert reason.endswith(
        "; no signature was sent: if the app checks signatures, give the simulator the signing_key"
    )


def test_a_forbidden_answer_with_a_key_gives_no_such_hint() -> None:
    with pytest.raises(SimulationError) as caught:
        CallSimulator(guide_app("tok123"), signing_key="other").call("/voice")
    assert "no signature was sent" not in caught.value.reason
    assert caught.value.kind == "status"


def raising_flask() -> Flask:
    app = Flask("raising")
    app.testing = True

    @app.post("/voice")
    def voice() -> Response:
        return Response(GATHER, mimetype="text/xml")

    @app.post("/k")
    def key() -> Response:
        raise KeyError("Digits")

    return app


def raising_fastapi() -> FastAPI:
    app = FastAPI()

    @app.post("/voice")
    async def voice() -> FastAPIResponse:
        return FastAPIResponse(GATHER, media_type="application/xml")

    @app.post("/k")
    async def key(request: Request) -> FastAPIResponse:
        raise KeyError("Digits")

    return app


@pytest.mark.parametrize("make", [raising_flask, raising_fastapi])
def test_an_exception_in_the_app_names_the_url_and_keeps_the_transcript(make: object) -> None:
    sim = CallSimulator(make())  # type: ignore[operator]
    call = sim.call("/voice")
    with pytest.raises(SimulationError) as caught:
        call.press("4")
    error = caught.value
    assert error.reason == "POST https://example.com/k: the app raised KeyError: 'Digits'"
    assert error.kind == "exception"
    assert isinstance(error.__cause__, KeyError)
    assert str(error).endswith('[00:01] caller: press "4"\n[00:01] POST /k Digits=4')
    sim.close()


def test_the_explorer_places_an_exception_at_the_url_that_raised_it() -> None:
    graph = CallSimulator(raising_flask()).explore("/voice", keys="1")
    assert [(f.code, f.url, f.diagnostic.message) for f in graph.findings] == [
        ("LAML063", "https://example.com/k", "the app raised KeyError: 'Digits'")
    ]


def test_a_first_request_that_fails_does_not_call_its_route_unreached() -> None:
    graph = CallSimulator(guide_app("tok123")).explore("/voice")
    assert [f.code for f in graph.findings] == ["LAML060"]


def test_the_plugin_loads_with_the_pluggy_that_pytest_7_4_allows() -> None:
    # The plugin loads in every pytest run where laml is installed; ``wrapper=True``
    # is unknown to pluggy before 1.2 and would break those runs at import.
    from laml.testing import plugin

    options = plugin.pytest_runtest_makereport.pytest_impl  # type: ignore[attr-defined]
    assert options["hookwrapper"] is True
    assert not options.get("wrapper")


QUEUE_APP = {
    "/voice": '<Response><Enqueue action="/after">support</Enqueue></Response>',
    "/after": "<Response><Hangup/></Response>",
}


@pytest.mark.parametrize(
    ("platform", "sid"),
    [
        ("signalwire", "a5c35af9-ab86-5b0f-b712-819d98adced6"),
        ("twilio", "QUa5c35af9ab865b0fb712819d98adced6"),
    ],
)
def test_the_queue_sid_is_the_same_in_every_run(platform: str, sid: str) -> None:
    # Python's str hash changes from one process to the next; the SID must not.
    call = CallSimulator(QUEUE_APP, platform=platform).call("/voice")  # type: ignore[arg-type]
    call.dequeue()
    assert call.requests[-1].params["QueueSid"] == sid


RECORD_APP = {
    "/voice": '<Response><Record action="/r" maxLength="4"/></Response>',
    "/r": "<Response/>",
}


@pytest.mark.parametrize(
    ("duration", "digits", "sent", "seconds", "line"),
    [
        (3, "#", "#", "3", '[00:00] caller: record "#" (3s)'),
        (4, "#", "#", "4", '[00:00] caller: record "#" (4s)'),
        (10, "#", "", "4", "[00:00] caller: record (4s; maxLength ended it before the key #)"),
        (10, "", "", "4", "[00:00] caller: record (4s)"),
    ],
)
def test_a_key_after_max_length_does_not_end_the_recording(
    duration: int, digits: str, sent: str, seconds: str, line: str
) -> None:
    call = CallSimulator(RECORD_APP).call("/voice").record(duration, digits)
    assert call.requests[-1].params["Digits"] == sent
    assert call.requests[-1].params["RecordingDuration"] == seconds
    assert line in call.transcript_text().splitlines()


@pytest.mark.parametrize(
    "base_url", ["https://example.com/app", "https://example.com/app/", "https://example.com/?a=1"]
)
def test_a_base_url_with_a_path_is_refused_rather_than_dropped(base_url: str) -> None:
    # urljoin would send call("/voice") to https://example.com/voice, without the prefix.
    with pytest.raises(ValueError, match="without a path, query or fragment"):
        CallSimulator(QUEUE_APP, base_url=base_url)


@pytest.mark.parametrize("base_url", ["https://example.com", "https://example.com/"])
def test_a_base_url_of_a_host_is_taken(base_url: str) -> None:
    call = CallSimulator(QUEUE_APP, base_url=base_url).call("/voice")
    assert call.requests[0].url == "https://example.com/voice"


def test_the_transcript_keeps_one_line_per_event_when_values_hold_newlines() -> None:
    app = {
        "/voice": '<Response><Gather input="speech" action="/s"/></Response>',
        "/s": "<Response/>",
    }
    call = CallSimulator(app).call("/voice", Note="a\r\nb").speak("sales\nplease\tnow")
    assert call.transcript_text().splitlines() == [
        "[00:00] POST /voice",
        "[00:00] Gather action=/s input=speech",
        '[00:00] caller: speak "sales\\nplease\\tnow"',
        "[00:01] POST /s Confidence=0.90 SpeechResult=sales\\nplease\\tnow",
        "[00:01] call ended: completed (no more verbs)",
    ]
    assert call.requests[-1].params["SpeechResult"] == "sales\nplease\tnow"


def test_an_http_redirect_names_where_it_leads() -> None:
    # Django's APPEND_SLASH answers /voice with a 301 to /voice/.
    app = Flask("slash")
    app.add_url_rule("/voice/", "v", lambda: "<Response/>", methods=["POST"])
    with pytest.raises(SimulationError) as caught:
        CallSimulator(app).call("/voice")
    assert caught.value.reason.startswith("POST https://example.com/voice answered 30")
    assert caught.value.reason.endswith(
        "; it redirects to https://example.com/voice/: request that URL instead"
    )


def test_a_simulation_error_is_shown_under_the_public_module() -> None:
    import pickle

    assert f"{SimulationError.__module__}.{SimulationError.__qualname__}" == (
        "laml.testing.SimulationError"
    )
    copy = pickle.loads(pickle.dumps(SimulationError("POST /x answered 500")))
    assert isinstance(copy, SimulationError)


SPEECH_APP = {
    "/voice": '<Response><Gather input="speech" action="/said"><Say>Say a name</Say></Gather>'
    "</Response>",
    "/said": "<Response><Say>{{SpeechResult}}</Say></Response>",
}


def test_explore_says_when_a_speech_gather_had_no_phrase_to_try() -> None:
    graph = CallSimulator(SPEECH_APP).explore("/voice")
    assert [(f.code, f.diagnostic.message) for f in graph.findings] == [
        (
            "LAML069",
            "the <Gather> at /voice takes speech only and no phrase was given (speech=...): "
            "only silence was tried there",
        ),
        ("LAML066", "the route /said is never requested on any path from /voice"),
    ]
    tried = CallSimulator(SPEECH_APP).explore("/voice", speech=["sales"])
    assert [f.code for f in tried.findings] == []


def test_an_asgi_app_is_driven_from_inside_a_running_event_loop() -> None:
    # As in an ``async def`` test under pytest-asyncio or anyio.
    import asyncio
    from collections.abc import AsyncIterator
    from contextlib import asynccontextmanager

    events: list[str] = []

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        events.append("startup")
        yield
        events.append("shutdown")

    app = raising_fastapi()
    app.router.lifespan_context = lifespan

    async def scenario() -> tuple[list[str], str]:
        sim = CallSimulator(app)
        call = sim.call("/voice")
        with pytest.raises(SimulationError) as caught:
            call.press("1")
        sim.close()
        return call.said, caught.value.reason

    said, reason = asyncio.run(scenario())
    assert said == ["Press a key"]
    assert reason == "POST https://example.com/k: the app raised KeyError: 'Digits'"
    assert events == ["startup", "shutdown"]


@pytest.mark.parametrize(
    ("actual", "expected", "message"),
    [
        (
            '<Response><Say voice="a"/></Response>',
            "<Response/>",
            "line 1, column 16: actual: <Say> attribute 'voice' must be",
        ),
        ("<Response/>", "<Response><Bogus/></Response>", "line 1, column 11: expected: "),
    ],
)
def test_assert_laml_equal_says_which_side_it_cannot_read(
    actual: str, expected: str, message: str
) -> None:
    from laml.errors import ParseError
    from laml.testing import assert_laml_equal

    with pytest.raises(ParseError) as caught:
        assert_laml_equal(actual, expected)
    assert str(caught.value).startswith(message)


VOICEMAIL = {
    "/voice": '<Response><Record action="/saved" maxLength="30"/><Say>not reached</Say></Response>',
    "/saved": "<Response><Say>Thanks</Say></Response>",
}


def test_a_caller_who_hangs_up_during_record_still_sends_the_recording() -> None:
    call = CallSimulator(VOICEMAIL).call("/voice").record(12, hangup=True)
    assert call.ended and call.status == "completed"
    params = call.requests[-1].params
    assert (params["Digits"], params["RecordingDuration"], params["CallStatus"]) == (
        "hangup",
        "12",
        "completed",
    )
    assert call.said == []  # the answer to a call that has ended is not run
    assert call.transcript_text().splitlines()[-3:] == [
        '[00:00] caller: record "hangup" (12s; the caller hangs up)',
        "[00:12] POST /saved Digits=hangup RecordingDuration=12",
        "[00:12] call ended: completed (the caller hung up; the answer is not run)",
    ]


def test_a_hang_up_after_max_length_comes_after_the_answer() -> None:
    call = CallSimulator(VOICEMAIL).call("/voice").record(40, hangup=True)
    assert call.requests[-1].params["Digits"] == ""
    assert call.said == ["Thanks"]
    assert call.ended and call.status == "completed"


def test_a_recording_ends_with_a_key_or_a_hang_up_not_both() -> None:
    call = CallSimulator(VOICEMAIL).call("/voice")
    with pytest.raises(ValueError, match="not both"):
        call.record(5, "#", hangup=True)


def test_max_steps_counts_requests_since_the_caller_last_acted() -> None:
    menu = {
        "/voice": '<Response><Gather numDigits="1" action="/again"/></Response>',
        "/again": "<Response><Redirect>/voice</Redirect></Response>",
    }
    call = CallSimulator(menu, max_steps=3).call("/voice")
    for _ in range(10):  # 2 requests a press, 21 in all: a walk, not a loop
        call.press("1")
    assert len(call.requests) == 21
    assert call.pending == "gather"
    loop = {"/voice": "<Response><Redirect>/voice</Redirect></Response>"}
    with pytest.raises(SimulationError) as caught:
        CallSimulator(loop, max_steps=3).call("/voice")
    assert caught.value.reason == (
        "more than 3 requests since the caller last acted (max_steps); the call keeps going "
        "round: https://example.com/voice -> https://example.com/voice"
    )


def test_explore_counts_the_callbacks_a_document_names_as_reached() -> None:
    app = Flask("callbacks")

    def xml(text: str) -> Callable[[], Response]:
        return lambda: Response(text, mimetype="text/xml")

    app.add_url_rule(
        "/voice",
        "voice",
        xml(
            '<Response><Dial action="/after"><Number statusCallback="/number-status">'
            "+15551112222</Number></Dial></Response>"
        ),
        methods=["POST"],
    )
    app.add_url_rule(
        "/after",
        "after",
        xml('<Response><Say>Bye</Say><Record recordingStatusCallback="rec-status"/></Response>'),
        methods=["POST"],
    )
    for route in ("/number-status", "/rec-status", "/forgotten"):
        app.add_url_rule(route, route, lambda: ("", 204), methods=["POST"])
    graph = CallSimulator(app).explore("/voice", max_depth=2)
    unreached = [f.url for f in graph.findings if f.code == "LAML066"]
    assert unreached == ["/forgotten"]


def test_a_huge_loop_moves_the_clock_without_listing_every_repeat() -> None:
    app = {"/voice": '<Response><Play loop="1000000000">a.mp3</Play><Say>Bye</Say></Response>'}
    call = CallSimulator(app).call("/voice")
    assert call.played == ["https://example.com/a.mp3"] * 100
    assert call.elapsed == 1_000_000_000 * 5.0 + 0.4
    assert call.transcript[101].note == "repeated 999999900 more times, not listed one by one"
    assert call.said == ["Bye"]


def test_a_small_loop_is_listed_in_full() -> None:
    app = {"/voice": '<Response><Say loop="3">Hi there</Say></Response>'}
    call = CallSimulator(app).call("/voice")
    assert call.said == ["Hi there"] * 3
    assert call.elapsed == 2.4


def test_a_simulator_collected_inside_an_event_loop_waits_for_no_thread() -> None:
    """A collection can come while this thread holds a lock, such as a thread pool's;
    a transport nobody closed is then closed without starting a thread to run the
    app's shutdown (waiting for one there deadlocked)."""
    import asyncio
    import gc
    import threading
    from unittest import mock

    started: list[str] = []

    def refuse(thread: threading.Thread) -> None:
        started.append(thread.name)
        raise RuntimeError("no thread may start during a collection")

    async def app(scope: dict[str, object], receive: object, send: object) -> None:
        if scope["type"] != "http":
            raise RuntimeError("no lifespan")  # so nothing waits on the private loop
        await send(  # type: ignore[operator]
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"text/xml")],
            }
        )
        await send({"type": "http.response.body", "body": b"<Response><Say>Hi</Say></Response>"})  # type: ignore[operator]

    async def scenario() -> None:
        sim = CallSimulator(app)
        assert sim.call("/voice").said == ["Hi"]
        transport = sim.transport
        loop = transport._runtime.loop
        del sim, transport
        with mock.patch.object(threading.Thread, "start", refuse):
            gc.collect()
        assert loop is not None and loop.is_closed()

    asyncio.run(scenario())
    assert started == []
