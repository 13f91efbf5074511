"""The simulator against real Django, Starlette and FastAPI apps, signed as the platform signs."""

from __future__ import annotations

import os
from typing import Any

import pytest
from flask import Flask, Response, abort, request
from starlette.requests import Request as StarletteRequest

from laml import VoiceResponse
from laml.testing import CallSimulator, SimulationError
from laml.webhooks import RequestValidator


def test_the_django_example_project_through_wsgi_signed() -> None:
    """The webhooks example project (its views check signatures) runs unchanged."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "examples.django_app.settings")
    import django

    django.setup()
    from django.core.wsgi import get_wsgi_application
    from django.test import override_settings

    with override_settings(ALLOWED_HOSTS=["example.com"], LAML_SIGNING_KEY="PSK_django"):
        sim = CallSimulator(get_wsgi_application(), signing_key="PSK_django")
        call = sim.call("/voice").press("1")
        assert call.said == ["For sales, press 1. For support, press 2.", "Connecting you now."]
        assert call.pending == "dial"
        call.no_answer()
        assert call.said[-1] == "Nobody could take your call. Goodbye."
        assert call.ended
        assert sim.message("/sms", body="hi").replies == [
            "Thanks! We got your message and 0 picture(s)."
        ]
        assert sim.transport.routes() == ["/sms", "/voice", "/voice/choice"]
        with pytest.raises(SimulationError, match="answered 403"):
            CallSimulator(get_wsgi_application(), signing_key="wrong").call("/voice")


def test_starlette_app_through_asgi() -> None:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response as StarletteResponse
    from starlette.routing import Route

    async def voice(request: Request) -> StarletteResponse:
        form = await request.form()
        document = VoiceResponse()
        if form.get("Digits"):
            document.say(f"You pressed {form['Digits']}")
        else:
            document.gather(num_digits=2).say("Two digits please")
        return StarletteResponse(str(document), media_type="text/xml")

    app = Starlette(routes=[Route("/voice", voice, methods=["POST"])])
    sim = CallSimulator(app)
    call = sim.call("/voice").press("42")
    assert call.said == ["Two digits please", "You pressed 42"]
    assert sim.transport.routes() == ["/voice"]


# ---------------------------------------------------------------- signatures


def twilio_guide_app(auth_token: str) -> Flask:
    """A Flask app as Twilio's public guide writes one: it checks X-Twilio-Signature
    with twilio-python's own RequestValidator and refuses anything else with 403."""
    from twilio.request_validator import RequestValidator as TwilioValidator

    app = Flask("guide")

    @app.route("/voice", methods=["GET", "POST"])
    def voice() -> Response:
        validator = TwilioValidator(auth_token)
        if not validator.validate(
            request.url, request.form, request.headers.get("X-Twilio-Signature", "")
        ):
            abort(403)
        document = VoiceResponse()
        if "Digits" in request.values:
            document.say(f"You chose {request.values['Digits']}")
        else:
            document.gather(num_digits=1, action="/voice?step=2", method="GET").say("Choose")
        return Response(str(document), mimetype="text/xml")

    return app


def test_a_twilio_guide_app_verifying_signatures_runs_unchanged() -> None:
    sim = CallSimulator(twilio_guide_app("tok3n"), signing_key="tok3n", platform="twilio")
    call = sim.call("/voice").press("4")
    assert call.said == ["Choose", "You chose 4"]
    assert [r.method for r in call.requests] == ["POST", "GET"]


@pytest.mark.parametrize(
    "options", [{"signing_key": "wrong"}, {"signing_key": None}], ids=["wrong key", "unsigned"]
)
def test_a_bad_signature_shows_the_refusal(options: dict[str, Any]) -> None:
    sim = CallSimulator(twilio_guide_app("tok3n"), platform="twilio", **options)
    with pytest.raises(SimulationError) as caught:
        sim.call("/voice")
    assert caught.value.reason.startswith(
        "POST https://example.com/voice answered 403; the platform needs a 2xx status"
    )
    assert "wrong" not in str(caught.value) and "tok3n" not in str(caught.value)


def test_signalwire_signature_header_verified_with_the_webhooks_validator() -> None:
    app = Flask("signalwire")
    seen: list[str] = []

    @app.post("/voice")
    def voice() -> Response:
        signature = request.headers.get("X-SignalWire-Signature")
        seen.append(request.headers.get("X-Twilio-Signature", "none"))
        if not RequestValidator("PSK_test").validate(request.url, request.form, signature):
            abort(403)
        return Response("<Response><Say>verified</Say></Response>", mimetype="text/xml")

    call = CallSimulator(app, signing_key="PSK_test", base_url="https://ivr.example.org:8443").call(
        "/voice"
    )
    assert call.said == ["verified"]
    assert seen == ["none"]
    assert "PSK_test" not in repr(CallSimulator(app, signing_key="PSK_test"))


def test_fastapi_example_app_routes_are_known() -> None:
    from examples.fastapi_ivr.app import app

    sim = CallSimulator(app)
    assert sim.transport.routes() == [
        "/menu", "/sales-status", "/voice", "/voicemail", "/voicemail-saved",
    ]  # fmt: skip


def test_a_fastapi_lifespan_runs_before_the_first_request_and_at_close() -> None:
    from collections.abc import AsyncIterator
    from contextlib import asynccontextmanager

    from fastapi import FastAPI
    from fastapi import Response as FastAPIResponse

    events: list[str] = []

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[dict[str, str]]:
        events.append("startup")
        yield {"greeting": "Hello from the database"}
        events.append("shutdown")

    app = FastAPI(lifespan=lifespan)

    @app.post("/voice")
    async def voice(request: StarletteRequest) -> FastAPIResponse:
        return FastAPIResponse(
            f"<Response><Say>{request.state.greeting}</Say></Response>",
            media_type="text/xml",
        )

    with CallSimulator(app) as sim:
        assert sim.call("/voice").said == ["Hello from the database"]
        assert events == ["startup"]
    assert events == ["startup", "shutdown"]
