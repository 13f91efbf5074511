"""Django integration and examples/django_app, driven by Django's own test client."""

from __future__ import annotations

import json
import os
from typing import Any

import django
import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "examples.django_app.settings")
django.setup()

from django.http import HttpRequest  # noqa: E402
from django.test import Client, RequestFactory, override_settings  # noqa: E402

import laml as cx  # noqa: E402
from laml.webhooks import GatherRequest, RequestValidator  # noqa: E402
from laml.webhooks.django import CxmlResponse, laml_view, webhook  # noqa: E402

KEY = "PSK_django_test_key"
BASE = "http://testserver"
CALL = {"AccountSid": "AC1", "CallSid": "CA1", "From": "+15550001111", "To": "+15559990000"}


def signature(path: str, form: dict[str, str] | None, key: str = KEY, base: str = BASE) -> str:
    return RequestValidator(key).compute_signature(base + path, form)


@pytest.fixture
def client() -> Any:
    with override_settings(LAML_SIGNING_KEY=KEY):
        yield Client(enforce_csrf_checks=True)


# ------------------------------------------------------------------ the example


def test_example_valid_signature_answers_cxml(client: Any) -> None:
    response = client.post("/voice", CALL, HTTP_X_SIGNALWIRE_SIGNATURE=signature("/voice", CALL))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert b"<Gather" in response.content
    assert cx.validate(response.content) == []


@pytest.mark.parametrize(
    ("digits", "expected"),
    [("1", "<Number>+15551230001</Number>"), ("2", "+15551230002"), ("9", "not an option")],
)
def test_example_typed_gather_request(client: Any, digits: str, expected: str) -> None:
    form = {**CALL, "Digits": digits}
    response = client.post(
        "/voice/choice", form, HTTP_X_SIGNALWIRE_SIGNATURE=signature("/voice/choice", form)
    )
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert cx.validate(response.content) == []


def test_example_message(client: Any) -> None:
    form = {
        "AccountSid": "AC1",
        "MessageSid": "SM1",
        "From": "+15550001111",
        "To": "+15559990000",
        "NumMedia": "1",
        "MediaUrl0": "https://m/0",
        "MediaContentType0": "image/jpeg",
    }
    response = client.post("/sms", form, HTTP_X_SIGNALWIRE_SIGNATURE=signature("/sms", form))
    assert response.status_code == 200
    assert "1 picture(s)" in response.content.decode()


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_X_SIGNALWIRE_SIGNATURE": ""},
        {"HTTP_X_SIGNALWIRE_SIGNATURE": "AAAA"},
        {"HTTP_X_SIGNALWIRE_SIGNATURE": signature("/voice", CALL, key="wrong")},
        {"HTTP_X_SIGNALWIRE_SIGNATURE": signature("/voice", {**CALL, "To": "+1"})},
    ],
)
def test_example_bad_or_missing_signature_403(client: Any, headers: dict[str, str]) -> None:
    response = client.post("/voice", CALL, **headers)
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/plain")
    assert len(response.content) < 60


def test_twilio_header_and_bad_values(client: Any) -> None:
    response = client.post("/voice", CALL, HTTP_X_TWILIO_SIGNATURE=signature("/voice", CALL))
    assert response.status_code == 200
    form = {**CALL, "CallStatus": "dancing"}
    response = client.post(
        "/voice/choice", form, HTTP_X_SIGNALWIRE_SIGNATURE=signature("/voice/choice", form)
    )
    assert response.status_code == 400
    assert "'CallStatus'" in response.content.decode()
    assert "'dancing'" in response.content.decode()


# ------------------------------------------------------------------ the decorator

seen: list[Any] = []


@webhook(GatherRequest)
def gather_view(request: HttpRequest, call: GatherRequest) -> cx.Response:
    seen.append(call)
    return cx.Response(cx.Say("ok"))


@webhook
def bare_view(request: HttpRequest, number: int) -> CxmlResponse:
    return CxmlResponse(cx.Response(cx.Say(str(number))), status=201)


@laml_view
def plain_view(request: HttpRequest) -> cx.MessagingResponse:
    return cx.MessagingResponse(cx.Message("hi"))


def call_view(view: Any, path: str, *args: Any, method: str = "post", **extra: Any) -> Any:
    request = getattr(RequestFactory(), method)(path, *args, **extra)
    return view(request) if not isinstance(view, tuple) else view[0](request, *view[1:])


@override_settings(LAML_SIGNING_KEY=KEY)
def test_round_trip_typed_request_through_a_post() -> None:
    sent = GatherRequest(
        account_sid="AC1",
        call_sid="CA7",
        from_="client:alice",
        to="+15559990000",
        direction="outbound-dial",
        digits="123",
        confidence=0.0,
        speech_result="ça va 🙂",
        extra={"tenant": "acme"},
    )
    form = sent.to_form()
    seen.clear()
    response = call_view(gather_view, "/g", form, HTTP_X_SIGNALWIRE_SIGNATURE=signature("/g", form))
    assert response.status_code == 200
    assert seen == [sent]


@override_settings(LAML_SIGNING_KEY=KEY)
def test_get_query_and_json_bodies() -> None:
    query = "AccountSid=AC1&CallSid=CA1&From=%2B1&To=%2B2&SpeechResult=a+b"
    seen.clear()
    good = signature(f"/g?{query}", None)
    response = call_view(gather_view, f"/g?{query}", method="get", HTTP_X_SIGNALWIRE_SIGNATURE=good)
    assert response.status_code == 200
    assert seen[-1].speech_result == "a b"
    other = f"/g?{query.replace('a+b', 'a%20b')}"
    response = call_view(gather_view, other, method="get", HTTP_X_SIGNALWIRE_SIGNATURE=good)
    assert response.status_code == 403

    body = json.dumps({**CALL, "Digits": "7"})
    hex_signature = RequestValidator(KEY).compute_body_signature(BASE + "/g", body)
    response = call_view(
        gather_view,
        "/g",
        body,
        content_type="application/json",
        HTTP_X_SIGNALWIRE_SIGNATURE=hex_signature,
    )
    assert response.status_code == 200
    assert seen[-1].digits == "7"


def test_public_url_forwarded_headers_and_switches() -> None:
    form = {**CALL, "Digits": "1"}
    public = signature("/g", form, base="https://hooks.example.com")
    with override_settings(LAML_SIGNING_KEY=KEY, LAML_PUBLIC_URL="https://hooks.example.com"):
        assert (
            call_view(gather_view, "/g", form, HTTP_X_SIGNALWIRE_SIGNATURE=public).status_code
            == 200
        )
    forwarded = {
        "HTTP_X_SIGNALWIRE_SIGNATURE": public,
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_X_FORWARDED_HOST": "hooks.example.com",
    }
    with override_settings(LAML_SIGNING_KEY=KEY, LAML_TRUST_FORWARDED=True):
        assert call_view(gather_view, "/g", form, **forwarded).status_code == 200
    with override_settings(LAML_SIGNING_KEY=KEY):
        assert call_view(gather_view, "/g", form, **forwarded).status_code == 403
    with override_settings(LAML_SIGNING_KEY=None, LAML_VERIFY_SIGNATURES=False):
        assert call_view(gather_view, "/g", form).status_code == 200
    from laml.webhooks import ConfigurationError

    with override_settings(LAML_SIGNING_KEY=None), pytest.raises(ConfigurationError):
        call_view(gather_view, "/g", form)


@pytest.mark.parametrize(
    ("raw_uri", "public_url"),
    [
        ("/g?x=1", None),  # the proxy stripped the mount point
        ("/app/g?x=1", None),  # the server saw the whole path
        ("/g?x=1", "https://hooks.example.com/app"),
        ("/app/g?x=1", "https://hooks.example.com/app"),
        ("/app/g?x=1", "https://hooks.example.com"),
    ],
)
def test_app_mounted_under_a_prefix(raw_uri: str, public_url: str | None) -> None:
    """An app under /app (FORCE_SCRIPT_NAME) is signed with /app in the URL, once."""
    form = {**CALL, "Digits": "1"}
    signed = signature("/app/g?x=1", form, base="https://hooks.example.com")
    extra = {"RAW_URI": raw_uri, "HTTP_X_SIGNALWIRE_SIGNATURE": signed}
    with override_settings(
        LAML_SIGNING_KEY=KEY,
        FORCE_SCRIPT_NAME="/app",
        LAML_PUBLIC_URL=public_url,
        LAML_TRUST_FORWARDED=True,
    ):
        request = RequestFactory().post("/g?x=1", form, secure=True, **extra)
        request.META["HTTP_X_FORWARDED_HOST"] = "hooks.example.com"
        assert gather_view(request).status_code == 200


SECRET = "PSK_never_on_the_debug_page_91c"


@webhook(GatherRequest, signing_key=SECRET)
def failing_view(request: HttpRequest, call: GatherRequest) -> cx.Response:
    raise RuntimeError("the handler failed")


def test_key_given_to_the_decorator_is_not_on_the_debug_page() -> None:
    """Django's DEBUG error page lists each frame's locals: the key shows as hidden."""
    import sys

    from django.views.debug import ExceptionReporter

    form = {**CALL, "Digits": "1"}
    request = RequestFactory().post(
        "/g", form, HTTP_X_SIGNALWIRE_SIGNATURE=signature("/g", form, key=SECRET)
    )
    try:
        failing_view(request)
    except RuntimeError:
        reporter = ExceptionReporter(request, *sys.exc_info())
    else:
        pytest.fail("the view did not raise")
    frames = [frame for frame in reporter.get_traceback_frames() if "laml" in frame["filename"]]
    shown = [f"{name} = {value}" for frame in frames for name, value in frame["vars"]]
    assert frames and shown
    assert not any(SECRET in line for line in shown)


@webhook(GatherRequest)
async def async_gather_view(request: HttpRequest, call: GatherRequest) -> cx.Response:
    return cx.Response(cx.Say(f"pressed {call.digits}"))


@laml_view
async def async_plain_view(request: HttpRequest) -> cx.Response:
    return cx.Response(cx.Hangup())


@override_settings(LAML_SIGNING_KEY=KEY)
def test_async_views_stay_async_and_are_checked() -> None:
    import asyncio
    import inspect

    from django.test import AsyncRequestFactory

    assert inspect.iscoroutinefunction(async_gather_view)
    assert getattr(async_gather_view, "csrf_exempt", False) is True
    form = {**CALL, "Digits": "4"}
    factory = AsyncRequestFactory()
    signed = factory.post("/g", form, headers={"X-SignalWire-Signature": signature("/g", form)})
    response = asyncio.run(async_gather_view(signed))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert b"<Say>pressed 4</Say>" in response.content
    assert asyncio.run(async_gather_view(factory.post("/g", form))).status_code == 403
    plain = asyncio.run(async_plain_view(factory.post("/p")))
    assert plain.content.endswith(b"<Response><Hangup /></Response>")


def test_example_view_through_the_async_client() -> None:
    """A sync view under ASGI: the whole stack (CSRF middleware on) with AsyncClient."""
    import asyncio

    from django.test import AsyncClient

    form = {**CALL, "Digits": "1"}
    headers = {"X-SignalWire-Signature": signature("/voice/choice", form)}

    async def post() -> Any:
        with override_settings(LAML_SIGNING_KEY=KEY):
            return await AsyncClient(enforce_csrf_checks=True).post(
                "/voice/choice", form, headers=headers
            )

    assert asyncio.run(post()).status_code == 200


@override_settings(LAML_SIGNING_KEY=KEY)
def test_bare_decorator_and_laml_view() -> None:
    response = call_view(
        (bare_view, 5), "/b", CALL, HTTP_X_SIGNALWIRE_SIGNATURE=signature("/b", CALL)
    )
    assert (response.status_code, response["Content-Type"]) == (201, "text/xml; charset=utf-8")
    assert response.content.endswith(b"<Response><Say>5</Say></Response>")
    assert call_view((bare_view, 5), "/b", CALL).status_code == 403
    response = call_view(plain_view, "/p")
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.endswith(b"<Response><Message>hi</Message></Response>")
    assert getattr(gather_view, "csrf_exempt", False) is True


def test_cxml_response_refuses_other_values() -> None:
    with pytest.raises(TypeError):
        CxmlResponse("<Response/>")
    with pytest.raises(cx.LamlTypeError):
        CxmlResponse(cx.Say("alone"))
