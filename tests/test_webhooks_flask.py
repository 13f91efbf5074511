"""Flask integration and examples/flask_app.py, driven by Flask's own test client."""

from __future__ import annotations

import json
from typing import Any

import flask
import pytest

import laml as cx
from examples.flask_app import create_app
from laml.webhooks import GatherRequest, MessageRequest, RequestValidator, VoiceRequest
from laml.webhooks.flask import cxml_response, laml_view, webhook

KEY = "PSK_flask_test_key"
BASE = "http://localhost"
CALL = {"AccountSid": "AC1", "CallSid": "CA1", "From": "+15550001111", "To": "+15559990000"}


def signed(path: str, form: dict[str, str], key: str = KEY, base: str = BASE) -> dict[str, str]:
    return {"X-SignalWire-Signature": RequestValidator(key).compute_signature(base + path, form)}


@pytest.fixture
def client() -> Any:
    return create_app(KEY).test_client()


# ------------------------------------------------------------------ the example


def test_example_valid_signature_answers_cxml(client: Any) -> None:
    response = client.post("/voice", data=CALL, headers=signed("/voice", CALL))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/xml; charset=utf-8"
    assert b"<Gather" in response.data
    assert cx.validate(response.data) == []


@pytest.mark.parametrize(
    ("digits", "expected"),
    [("1", "<Number>+15551230001</Number>"), ("2", "+15551230002"), ("7", "not an option")],
)
def test_example_typed_gather_request(client: Any, digits: str, expected: str) -> None:
    form = {**CALL, "Digits": digits, "Confidence": "0.5"}
    response = client.post("/voice/choice", data=form, headers=signed("/voice/choice", form))
    assert response.status_code == 200
    assert expected in response.get_data(as_text=True)
    assert cx.validate(response.data) == []


def test_example_message_media(client: Any) -> None:
    form = {
        "AccountSid": "AC1",
        "MessageSid": "SM1",
        "From": "+15550001111",
        "To": "+15559990000",
        "Body": "hi",
        "NumMedia": "2",
        "MediaUrl0": "https://m/0",
        "MediaUrl1": "https://m/1",
    }
    response = client.post("/sms", data=form, headers=signed("/sms", form))
    assert response.status_code == 200
    assert "2 picture(s)" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-SignalWire-Signature": ""},
        {"X-SignalWire-Signature": "bm90IGEgc2lnbmF0dXJl"},
        {"X-SignalWire-Signature": "é"},
        signed("/voice", CALL, key="another key"),
        signed("/voice", CALL, base="https://localhost"),
    ],
)
def test_example_bad_or_missing_signature_403(client: Any, headers: dict[str, str]) -> None:
    response = client.post("/voice", data=CALL, headers=headers)
    assert response.status_code == 403
    assert response.headers["Content-Type"].startswith("text/plain")
    assert len(response.data) < 60
    assert KEY.encode() not in response.data


def test_example_tampered_form_403(client: Any) -> None:
    headers = signed("/voice/choice", {**CALL, "Digits": "1"})
    response = client.post("/voice/choice", data={**CALL, "Digits": "2"}, headers=headers)
    assert response.status_code == 403


def test_twilio_header_is_read_too(client: Any) -> None:
    (signature,) = signed("/voice", CALL).values()
    response = client.post("/voice", data=CALL, headers={"X-Twilio-Signature": signature})
    assert response.status_code == 200


def test_bad_value_is_400_naming_the_parameter(client: Any) -> None:
    form = {**CALL, "Confidence": "1.7"}
    response = client.post("/voice/choice", data=form, headers=signed("/voice/choice", form))
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "'Confidence'" in text and "'1.7'" in text


# ------------------------------------------------------------------ the decorator


def make_app(**config: Any) -> tuple[Any, list[Any]]:
    app = flask.Flask("t")
    app.config.update({"LAML_SIGNING_KEY": KEY, **config})
    seen: list[Any] = []

    @app.route("/gather", methods=["GET", "POST"])
    @webhook(GatherRequest)
    def gather(call: GatherRequest) -> cx.Response:
        seen.append(call)
        return cx.Response(cx.Say(f"you said {call.digits}"))

    @app.post("/bare")
    @webhook
    def bare() -> cx.Response:
        return cx.Response(cx.Hangup())

    @app.post("/status/<int:number>")
    @webhook(verify=True)
    def status(number: int) -> tuple[str, int]:
        return "", 204

    @app.post("/created")
    @laml_view
    def created() -> tuple[cx.Response, int]:
        return cx.Response(cx.Say("made")), 201

    @app.post("/built")
    def built() -> Any:
        return cxml_response(cx.MessagingResponse(cx.Message("x")))

    @app.post("/fragment")
    @laml_view
    def fragment() -> cx.Say:
        return cx.Say("not a document")

    return app, seen


def test_round_trip_typed_request_through_a_post() -> None:
    """A request built as an object, posted as a form, arrives equal to itself."""
    app, seen = make_app()
    sent = GatherRequest(
        account_sid="AC1",
        call_sid="CA9",
        from_="sip:alice@example.com",
        to="+15559990000",
        call_status="in-progress",
        direction="inbound",
        digits="42#",
        speech_result="quarante-deux, s'il vous plaît",
        confidence=0.25,
        extra={"tenant": "acme", "SipHeader_X-Trace": "abc"},
    )
    form = sent.to_form()
    response = app.test_client().post("/gather", data=form, headers=signed("/gather", form))
    assert response.status_code == 200
    assert seen == [sent]


def test_get_request_signs_the_url_with_its_raw_query() -> None:
    """GET: the query string is read raw, so '+' and '%20' stay as sent."""
    app, seen = make_app()
    query = "AccountSid=AC1&CallSid=CA1&From=%2B1555&To=%2B1666&Digits=1&SpeechResult=hello+world"
    url = f"{BASE}/gather?{query}"
    signature = RequestValidator(KEY).compute_signature(url, None)
    client = app.test_client()
    response = client.get(f"/gather?{query}", headers={"X-SignalWire-Signature": signature})
    assert response.status_code == 200
    assert seen[-1].speech_result == "hello world"
    assert seen[-1].from_ == "+1555"
    other = query.replace("hello+world", "hello%20world")
    response = client.get(f"/gather?{other}", headers={"X-SignalWire-Signature": signature})
    assert response.status_code == 403


def test_json_body_signed_by_signalwire() -> None:
    app, seen = make_app()
    body = json.dumps({**CALL, "Digits": "5", "Confidence": 0.5})
    validator = RequestValidator(KEY)
    signature = validator.compute_body_signature(BASE + "/gather", body)
    response = app.test_client().post(
        "/gather",
        data=body,
        content_type="application/json",
        headers={"X-SignalWire-Signature": signature},
    )
    assert response.status_code == 200
    assert (seen[-1].digits, seen[-1].confidence) == ("5", 0.5)
    response = app.test_client().post(
        "/gather",
        data=body.replace('"5"', '"6"'),
        content_type="application/json",
        headers={"X-SignalWire-Signature": signature},
    )
    assert response.status_code == 403


def test_public_url_setting() -> None:
    app, _ = make_app(LAML_PUBLIC_URL="https://voice.example.com/")
    form = {**CALL, "Digits": "1"}
    client = app.test_client()
    good = signed("/gather", form, base="https://voice.example.com")
    assert client.post("/gather", data=form, headers=good).status_code == 200
    # signed with :443, as the platform sometimes does
    with_port = signed("/gather", form, base="https://voice.example.com:443")
    assert client.post("/gather", data=form, headers=with_port).status_code == 200
    assert client.post("/gather", data=form, headers=signed("/gather", form)).status_code == 403


def test_forwarded_headers_only_when_trusted() -> None:
    form = {**CALL, "Digits": "1"}
    headers = {
        **signed("/gather", form, base="https://public.example.com"),
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "public.example.com, internal:8080",
    }
    trusting, _ = make_app(LAML_TRUST_FORWARDED=True)
    assert trusting.test_client().post("/gather", data=form, headers=headers).status_code == 200
    default, _ = make_app()
    assert default.test_client().post("/gather", data=form, headers=headers).status_code == 403


def test_verification_off_only_when_asked() -> None:
    app, _ = make_app(LAML_VERIFY_SIGNATURES=False, LAML_SIGNING_KEY=None)
    response = app.test_client().post("/gather", data=CALL)
    assert response.status_code == 200


def test_missing_key_fails_closed() -> None:
    app, seen = make_app(LAML_SIGNING_KEY=None)
    response = app.test_client().post("/gather", data=CALL, headers=signed("/gather", CALL))
    assert response.status_code == 500
    assert seen == []
    app.testing = True
    from laml.webhooks import ConfigurationError

    with pytest.raises(ConfigurationError, match="no webhook signing key"):
        app.test_client().post("/gather", data=CALL, headers=signed("/gather", CALL))


def test_bare_decorator_url_variables_and_plain_returns() -> None:
    app, _ = make_app()
    client = app.test_client()
    response = client.post("/bare", data=CALL, headers=signed("/bare", CALL))
    assert (response.status_code, response.content_type) == (200, "text/xml; charset=utf-8")
    assert response.data.endswith(b"<Response><Hangup /></Response>")
    response = client.post("/status/7", data=CALL, headers=signed("/status/7", CALL))
    assert response.status_code == 204
    assert client.post("/status/7", data=CALL).status_code == 403


def test_laml_view_and_cxml_response() -> None:
    app, _ = make_app()
    client = app.test_client()
    response = client.post("/created")
    assert (response.status_code, response.content_type) == (201, "text/xml; charset=utf-8")
    assert b"<Say>made</Say>" in response.data
    response = client.post("/built")
    assert response.content_type == "text/xml; charset=utf-8"
    assert response.data.endswith(b"<Response><Message>x</Message></Response>")
    app.testing = True
    with pytest.raises(cx.LamlTypeError, match="put <Say> inside a Response"):
        client.post("/fragment")


def test_view_gets_voice_request_type() -> None:
    app = flask.Flask("v")
    app.config["LAML_SIGNING_KEY"] = KEY
    seen: list[Any] = []

    @app.post("/v")
    @webhook(VoiceRequest, signing_key="override")
    def v(call: VoiceRequest) -> cx.Response:
        seen.append(call)
        return cx.Response()

    client = app.test_client()
    assert client.post("/v", data=CALL, headers=signed("/v", CALL)).status_code == 403
    response = client.post("/v", data=CALL, headers=signed("/v", CALL, key="override"))
    assert response.status_code == 200
    assert isinstance(seen[0], VoiceRequest) and seen[0].call_sid == "CA1"
    assert not isinstance(seen[0], MessageRequest)


def test_real_server_on_loopback() -> None:
    """Served by a real WSGI server on 127.0.0.1: the signed URL is rebuilt from the raw URI."""
    import threading

    import httpx
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, create_app(KEY))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.port}"
        path = "/voice/choice?tenant=a+b&note=%C3%A9t%C3%A9"
        form = {**CALL, "Digits": "1"}
        headers = signed(path, form, base=base)
        with httpx.Client(base_url=base, timeout=10) as http:
            response = http.post(path, data=form, headers=headers)
            assert response.status_code == 200
            assert response.headers["content-type"] == "text/xml; charset=utf-8"
            assert "+15551230001" in response.text
            other = path.replace("a+b", "a%20b")
            assert http.post(other, data=form, headers=headers).status_code == 403
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[1, 2]", "must be an object"),
        ('{"CallSid": {"nested": 1}}', "'CallSid' must be text or a number"),
        ('{"CallSid": null}', "'CallSid' must be text or a number"),
        ("{not json", "does not parse"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"CallSid": ' * 100_000, "nested too deeply"),
        ('{"Digits": "1", "Digits": "2"}', "'Digits' is given twice"),
        ('{"Confidence": NaN}', "NaN, which is not a number"),
        ('{"Confidence": -Infinity}', "-Infinity, which is not a number"),
        ('{"Confidence": 1e400}', "'Confidence' must be text or a number (got a number too large"),
        ('{"Digits": 1' + "0" * 5000 + "}", "does not parse"),
        (b'{"Digits": "\xff"}'.decode("unicode_escape").encode("latin-1"), "does not parse"),
    ],
)
def test_signed_json_that_is_not_flat_parameters_is_400(body: str | bytes, expected: str) -> None:
    app, seen = make_app()
    signature = RequestValidator(KEY).compute_body_signature(BASE + "/gather", body)
    response = app.test_client().post(
        "/gather",
        data=body,
        content_type="application/json",
        headers={"X-SignalWire-Signature": signature},
    )
    assert response.status_code == 400
    assert expected in response.get_data(as_text=True)
    assert seen == []
