"""Starlette and FastAPI integration and examples/fastapi_app.py, with Starlette's TestClient."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi import Depends, FastAPI
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.routing import Route
from starlette.testclient import TestClient

import laml as cx
from examples.fastapi_app import create_app
from laml.webhooks import ConfigurationError, GatherRequest, RequestValidator, VoiceRequest
from laml.webhooks.starlette import CxmlResponse, Webhooks, cxml

KEY = "PSK_starlette_test_key"
BASE = "http://testserver"
CALL = {"AccountSid": "AC1", "CallSid": "CA1", "From": "+15550001111", "To": "+15559990000"}


def signed(
    path: str, form: dict[str, str] | None, key: str = KEY, base: str = BASE
) -> dict[str, str]:
    return {"X-SignalWire-Signature": RequestValidator(key).compute_signature(base + path, form)}


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app(KEY))


# ------------------------------------------------------------------ the FastAPI example


def test_example_valid_signature_answers_cxml(client: TestClient) -> None:
    response = client.post("/voice", data=CALL, headers=signed("/voice", CALL))
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/xml; charset=utf-8"
    assert b"<Gather" in response.content
    assert cx.validate(response.content) == []


@pytest.mark.parametrize(
    ("digits", "expected"),
    [("1", "<Number>+15551230001</Number>"), ("2", "+15551230002"), ("0", "not an option")],
)
def test_example_typed_gather_request(client: TestClient, digits: str, expected: str) -> None:
    form = {**CALL, "Digits": digits}
    response = client.post("/voice/choice", data=form, headers=signed("/voice/choice", form))
    assert response.status_code == 200
    assert expected in response.text
    assert cx.validate(response.content) == []


def test_example_sync_handler_and_message(client: TestClient) -> None:
    form = {"AccountSid": "AC1", "MessageSid": "SM1", "From": "+1", "To": "+2", "NumMedia": "0"}
    response = client.post("/sms", data=form, headers=signed("/sms", form))
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/xml; charset=utf-8"
    assert "0 picture(s)" in response.text


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-SignalWire-Signature": ""},
        {"X-SignalWire-Signature": "\u00e9".encode("latin-1")},
        signed("/voice", CALL, key="wrong"),
        signed("/voice", {**CALL, "From": "+19999999999"}),
    ],
)
def test_example_bad_or_missing_signature_403(client: TestClient, headers: dict[str, Any]) -> None:
    response = client.post("/voice", data=CALL, headers=headers)
    assert response.status_code == 403
    assert len(response.content) < 80
    assert KEY not in response.text


def test_example_bad_value_400(client: TestClient) -> None:
    form = {**CALL, "Direction": "sideways"}
    response = client.post("/voice", data=form, headers=signed("/voice", form))
    assert response.status_code == 400
    assert "'Direction'" in response.text and "'sideways'" in response.text


def test_example_twilio_header(client: TestClient) -> None:
    (signature,) = signed("/voice", CALL).values()
    response = client.post("/voice", data=CALL, headers={"X-Twilio-Signature": signature})
    assert response.status_code == 200


# ------------------------------------------------------------------ FastAPI pieces


def fastapi_app(webhooks: Webhooks, seen: list[Any]) -> FastAPI:
    app = FastAPI()

    @app.api_route("/g", methods=["GET", "POST"])
    @cxml
    async def gather(
        call: GatherRequest = Depends(webhooks.verified(GatherRequest)),  # noqa: B008
    ) -> cx.Response:
        seen.append(call)
        return cx.Response(cx.Say("ok"))

    @app.post("/only-check", dependencies=[Depends(webhooks.verified())])
    def only_check() -> dict[str, str]:
        return {"checked": "yes"}

    @app.post("/explicit")
    def explicit() -> CxmlResponse:
        return CxmlResponse(cx.MessagingResponse(cx.Message("m")), status_code=201)

    return app


def test_round_trip_typed_request_through_a_post() -> None:
    seen: list[Any] = []
    client = TestClient(fastapi_app(Webhooks(KEY), seen))
    sent = GatherRequest(
        account_sid="AC1",
        call_sid="CA3",
        from_="+15550001111",
        to="+15559990000",
        call_status="in-progress",
        digits="",
        speech_result="straße & <co>",
        confidence=0.125,
        extra={"SipHeader_X-Room": "7"},
    )
    form = sent.to_form()
    response = client.post("/g", data=form, headers=signed("/g", form))
    assert response.status_code == 200
    assert seen == [sent]


def test_get_query_json_and_plain_checks() -> None:
    seen: list[Any] = []
    client = TestClient(fastapi_app(Webhooks(KEY), seen))
    query = "AccountSid=AC1&CallSid=CA1&From=%2B1&To=%2B2&SpeechResult=x+y"
    response = client.get(f"/g?{query}", headers=signed(f"/g?{query}", None))
    assert response.status_code == 200
    assert seen[-1].speech_result == "x y"
    other = query.replace("x+y", "x%20y")
    assert client.get(f"/g?{other}", headers=signed(f"/g?{query}", None)).status_code == 403

    body = json.dumps({**CALL, "Digits": "3", "Confidence": 1})
    signature = RequestValidator(KEY).compute_body_signature(BASE + "/g", body)
    response = client.post(
        "/g",
        content=body,
        headers={"Content-Type": "application/json", "X-SignalWire-Signature": signature},
    )
    assert response.status_code == 200
    assert (seen[-1].digits, seen[-1].confidence) == ("3", 1.0)

    assert client.post("/only-check", data=CALL).status_code == 403
    response = client.post("/only-check", data=CALL, headers=signed("/only-check", CALL))
    assert response.json() == {"checked": "yes"}
    response = client.post("/explicit")
    assert (response.status_code, response.headers["content-type"]) == (
        201,
        "text/xml; charset=utf-8",
    )


def test_public_url_forwarded_and_switches() -> None:
    form = {**CALL, "Digits": "1"}
    public = signed("/g", form, base="https://hooks.example.com")
    app = fastapi_app(Webhooks(KEY, public_url="https://hooks.example.com"), [])
    assert TestClient(app).post("/g", data=form, headers=public).status_code == 200
    forwarded = {**public, "X-Forwarded-Proto": "https", "X-Forwarded-Host": "hooks.example.com"}
    trusting = TestClient(fastapi_app(Webhooks(KEY, trust_forwarded=True), []))
    assert trusting.post("/g", data=form, headers=forwarded).status_code == 200
    default = TestClient(fastapi_app(Webhooks(KEY), []))
    assert default.post("/g", data=form, headers=forwarded).status_code == 403
    off = TestClient(fastapi_app(Webhooks(verify=False), []))
    assert off.post("/g", data=form).status_code == 200
    no_key = TestClient(fastapi_app(Webhooks(), []))
    with pytest.raises(ConfigurationError):
        no_key.post("/g", data=form, headers=public)
    assert KEY not in repr(Webhooks(KEY))


# ------------------------------------------------------------------ plain Starlette


def starlette_app(webhooks: Webhooks, seen: list[Any]) -> Starlette:
    async def voice(request: Request, call: VoiceRequest) -> cx.Response:
        seen.append(call)
        return cx.Response(cx.Say(f"hello {call.from_}"))

    def sync_view(request: Request) -> cx.Response:
        return cx.Response(cx.Hangup())

    @cxml
    async def unchecked(request: Request) -> cx.Response:
        return cx.Response(cx.Pause(length=1))

    return Starlette(
        routes=[
            Route("/voice", webhooks.endpoint(VoiceRequest)(voice), methods=["POST"]),
            Route("/hangup", webhooks.endpoint()(sync_view), methods=["POST"]),
            Route("/pause", unchecked, methods=["POST"]),
        ]
    )


def test_starlette_endpoint() -> None:
    seen: list[Any] = []
    client = TestClient(starlette_app(Webhooks(KEY), seen))
    response = client.post("/voice", data=CALL, headers=signed("/voice", CALL))
    assert (response.status_code, response.headers["content-type"]) == (
        200,
        "text/xml; charset=utf-8",
    )
    assert "<Say>hello +15550001111</Say>" in response.text
    assert seen == [VoiceRequest.from_form(CALL)]
    response = client.post("/voice", data=CALL)
    assert (response.status_code, response.headers["content-type"]) == (
        403,
        "text/plain; charset=utf-8",
    )
    assert response.text == "webhook signature missing or invalid\n"
    bad = {**CALL, "CallStatus": "?"}
    response = client.post("/voice", data=bad, headers=signed("/voice", bad))
    assert response.status_code == 400 and "'CallStatus'" in response.text
    response = client.post("/hangup", data=CALL, headers=signed("/hangup", CALL))
    assert response.text.endswith("<Response><Hangup /></Response>")
    assert client.post("/hangup", data=CALL).status_code == 403
    assert client.post("/pause").text.endswith('<Response><Pause length="1" /></Response>')


def test_cxml_response_render() -> None:
    assert CxmlResponse("<Response/>").body == b"<Response/>"
    assert CxmlResponse(b"<Response/>").body == b"<Response/>"
    assert CxmlResponse().body == b""
    with pytest.raises(TypeError):
        CxmlResponse(123)
    with pytest.raises(cx.LamlTypeError):
        CxmlResponse(cx.Say("alone"))


def test_form_with_a_file_is_refused_not_crashing() -> None:
    """A multipart form holding a file cannot be a signed webhook: 403, no exception."""
    seen: list[Any] = []
    client = TestClient(starlette_app(Webhooks(KEY), seen))
    signature = signed("/voice", CALL)
    response = client.post(
        "/voice", data=CALL, files={"upload": ("a.txt", b"data")}, headers=signature
    )
    assert response.status_code == 403
    assert seen == []
