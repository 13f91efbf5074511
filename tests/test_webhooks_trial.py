"""Webhooks as a new user meets them: odd values, hostile bodies, proxies, odd answers."""

from __future__ import annotations

import json
from typing import Any

import pytest

import laml as cx
from laml import LamlError, LamlTypeError, LamlValueError
from laml.webhooks import (
    ConfigurationError,
    DialRequest,
    GatherRequest,
    RequestValidator,
    VoiceRequest,
)
from laml.webhooks._common import json_form

CALL = {"AccountSid": "AC1", "CallSid": "CA1", "From": "+15550001111", "To": "+15559990000"}


# ------------------------------------------------------------------ typed values


@pytest.mark.parametrize(
    ("confidence", "text"),
    [
        (0.5, "0.5"),
        (1e-05, "0.00001"),
        (1.5e-10, "0.00000000015"),
        (5e-324, "0." + "0" * 323 + "5"),
        (1.0, "1.0"),
        (0.0, "0.0"),
    ],
)
def test_small_confidence_is_written_without_exponent_and_reads_back(
    confidence: float, text: str
) -> None:
    built = GatherRequest(**_typed(CALL), confidence=confidence)
    assert built.to_form()["Confidence"] == text
    assert GatherRequest.from_form(built.to_form()) == built


@pytest.mark.parametrize(
    "duration", [10**18, 10**20, 10**400, 10**5000], ids=["1e18", "1e20", "1e400", "1e5000"]
)
def test_integer_too_long_for_a_form_is_refused_when_built(duration: int) -> None:
    with pytest.raises(LamlValueError, match="DialCallDuration"):
        DialRequest(**_typed(CALL), dial_call_duration=duration)


def test_largest_integer_round_trips() -> None:
    built = DialRequest(**_typed(CALL), dial_call_duration=10**18 - 1)
    assert DialRequest.from_form(built.to_form()) == built


def _typed(form: dict[str, str]) -> dict[str, str]:
    names = {"AccountSid": "account_sid", "CallSid": "call_sid", "From": "from_", "To": "to"}
    return {names[name]: value for name, value in form.items()}


def test_errors_are_laml_errors() -> None:
    with pytest.raises(LamlError):
        DialRequest(**_typed(CALL), dial_call_duration=10**400)


# ------------------------------------------------------------------ JSON bodies


@pytest.mark.parametrize(
    ("body", "form"),
    [
        ('{"Confidence": 1e-05}', {"Confidence": "0.00001"}),
        ('{"Confidence": 0.5, "Digits": 7}', {"Confidence": "0.5", "Digits": "7"}),
        ('{"Digits": "1", "Digits": "1"}', {"Digits": "1"}),
        ('{"Flag": true}', {"Flag": "true"}),
    ],
)
def test_json_numbers_read_as_a_form_would_carry_them(body: str, form: dict[str, str]) -> None:
    assert json_form(body) == form


def test_json_small_confidence_reaches_the_typed_request() -> None:
    call = GatherRequest.from_form(json_form(json.dumps({**CALL, "Confidence": 1e-05})))
    assert call.confidence == 1e-05


# ------------------------------------------------------------------ Flask answers


def _flask_app() -> Any:
    import flask

    from laml.webhooks.flask import laml_view

    app = flask.Flask("trial")
    answers: dict[str, Any] = {
        "status": (cx.Response(cx.Hangup()), 201),
        "headers": (cx.Response(cx.Hangup()), {"X-Trace": "t1"}),
        "both": (cx.Response(cx.Hangup()), 202, {"X-Trace": "t2"}),
        "header-list": (cx.Response(cx.Hangup()), 200, [("X-Trace", "t3")]),
    }

    @app.post("/<name>")
    @laml_view
    def answer(name: str) -> Any:
        return answers[name]

    return app


@pytest.mark.parametrize(
    ("name", "status", "trace"),
    [
        ("status", 201, None),
        ("headers", 200, "t1"),
        ("both", 202, "t2"),
        ("header-list", 200, "t3"),
    ],
)
def test_flask_tuples_with_headers_are_sent_as_cxml(
    name: str, status: int, trace: str | None
) -> None:
    response = _flask_app().test_client().post(f"/{name}")
    assert response.status_code == status
    assert response.headers["Content-Type"] == "text/xml; charset=utf-8"
    assert response.headers.get("X-Trace") == trace
    assert response.data.endswith(b"<Response><Hangup /></Response>")


# ------------------------------------------------------------------ behind a proxy


KEY = "PSK_trial_key"
PUBLIC = "https://hooks.example.com"


def _signed_flask_app(**config: Any) -> Any:
    import flask

    from laml.webhooks.flask import webhook

    app = flask.Flask("trial")
    app.config.update({"LAML_SIGNING_KEY": KEY, **config})

    @app.post("/voice")
    @webhook(VoiceRequest)
    def voice(call: VoiceRequest) -> cx.Response:
        return cx.Response(cx.Say(call.call_sid))

    return app


@pytest.mark.parametrize(
    ("public_url", "headers"),
    [
        (None, {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "hooks.example.com"}),
        (PUBLIC, {}),
        (PUBLIC + "/app", {}),
        (PUBLIC + "/app/", {}),
    ],
)
def test_flask_behind_proxyfix_that_strips_a_prefix(
    public_url: str | None, headers: dict[str, str]
) -> None:
    """Werkzeug's ProxyFix moves X-Forwarded-Prefix into SCRIPT_NAME: it is part of the URL."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    app = _signed_flask_app(LAML_PUBLIC_URL=public_url)
    app.wsgi_app = ProxyFix(app.wsgi_app, x_proto=1, x_host=1, x_prefix=1)  # type: ignore[method-assign]
    signature = RequestValidator(KEY).compute_signature(PUBLIC + "/app/voice?x=a+b", CALL)
    response = app.test_client().post(
        "/voice?x=a+b",
        data=CALL,
        headers={
            **headers,
            "X-Forwarded-Prefix": "/app",
            "X-SignalWire-Signature": signature,
        },
    )
    assert response.status_code == 200
    wrong = RequestValidator(KEY).compute_signature(PUBLIC + "/voice?x=a+b", CALL)
    response = app.test_client().post(
        "/voice?x=a+b",
        data=CALL,
        headers={**headers, "X-Forwarded-Prefix": "/app", "X-SignalWire-Signature": wrong},
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("headers", "public"),
    [
        ({"X-Forwarded-Host": "hooks.example.com", "X-Forwarded-Port": "8443"}, PUBLIC + ":8443"),
        (
            {"X-Forwarded-Host": "hooks.example.com:9000", "X-Forwarded-Port": "8443"},
            PUBLIC + ":8443",
        ),
        ({"X-Forwarded-Port": "8443"}, "https://localhost:8443"),
        ({"X-Forwarded-Host": "[::1]", "X-Forwarded-Port": "8443"}, "https://[::1]:8443"),
        ({"X-Forwarded-Host": "hooks.example.com", "X-Forwarded-Port": "443"}, PUBLIC),
        ({"X-Forwarded-Host": "hooks.example.com", "X-Forwarded-Port": "x"}, PUBLIC),
        ({"X-Forwarded-Host": "hooks.example.com", "X-Forwarded-Port": "\u00b2"}, PUBLIC),
    ],
)
def test_forwarded_port_is_part_of_the_url(headers: dict[str, str], public: str) -> None:
    app = _signed_flask_app(LAML_TRUST_FORWARDED=True)
    signature = RequestValidator(KEY).compute_signature(public + "/voice", CALL)
    response = app.test_client().post(
        "/voice",
        data=CALL,
        base_url="http://localhost:5000",
        headers={**headers, "X-Forwarded-Proto": "https", "X-SignalWire-Signature": signature},
    )
    assert response.status_code == 200


# ------------------------------------------------------------------ secrets


def test_flask_key_given_to_the_decorator_is_not_in_traceback_locals() -> None:
    """Error reporters (Sentry, debug pages) show each frame's locals: the key is hidden."""
    import traceback

    import flask

    from laml.webhooks.flask import webhook

    secret = "PSK_never_shown_7f3a"
    app = flask.Flask("trial")
    app.config["PROPAGATE_EXCEPTIONS"] = True

    @app.post("/voice")
    @webhook(VoiceRequest, signing_key=secret)
    def voice(call: VoiceRequest) -> cx.Response:
        raise RuntimeError("the handler failed")

    signature = RequestValidator(secret).compute_signature("http://localhost/voice", CALL)
    with pytest.raises(RuntimeError) as caught:
        app.test_client().post("/voice", data=CALL, headers={"X-SignalWire-Signature": signature})
    stack = traceback.TracebackException.from_exception(caught.value, capture_locals=True).stack
    shown = [
        f"{name} = {value}"
        for frame in stack
        if "laml" in frame.filename
        for name, value in (frame.locals or {}).items()
    ]
    assert shown
    assert not any(secret in line for line in shown)


# ------------------------------------------------------------------ settings


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"LAML_TRUST_FORWARDED": "false"}, "LAML_TRUST_FORWARDED (trust_forwarded) must be"),
        ({"LAML_VERIFY_SIGNATURES": "0"}, "LAML_VERIFY_SIGNATURES (verify) must be True or False"),
        ({"LAML_VERIFY_SIGNATURES": 0}, "(got 0)"),
        ({"LAML_PUBLIC_URL": "hooks.example.com"}, "LAML_PUBLIC_URL (public_url) must be"),
        ({"LAML_PUBLIC_URL": "ftp://hooks.example.com"}, "such as 'https://example.com'"),
        ({"LAML_PUBLIC_URL": "https://"}, "LAML_PUBLIC_URL"),
        ({"LAML_PUBLIC_URL": "https://hooks.example.com/?x=1"}, "LAML_PUBLIC_URL"),
        ({"LAML_PUBLIC_URL": " https://hooks.example.com"}, "LAML_PUBLIC_URL"),
        ({"LAML_PUBLIC_URL": b"https://hooks.example.com"}, "must be a str (got bytes)"),
        ({"LAML_SIGNING_KEY": 12345}, "LAML_SIGNING_KEY (signing_key) must be str or bytes"),
    ],
)
def test_flask_setting_of_the_wrong_shape_is_a_configuration_error(
    config: dict[str, Any], expected: str
) -> None:
    """Not a 403 for every request, nor a check silently on or off: an error naming it."""
    app = _signed_flask_app(**config)
    app.config["PROPAGATE_EXCEPTIONS"] = True
    with pytest.raises(ConfigurationError) as caught:
        app.test_client().post("/voice", data=CALL)
    assert expected in str(caught.value)
    assert "12345" not in str(caught.value)


@pytest.mark.parametrize(
    "config",
    [
        {"LAML_PUBLIC_URL": ""},
        {"LAML_PUBLIC_URL": None, "LAML_VERIFY_SIGNATURES": None},
        {"LAML_TRUST_FORWARDED": False},
    ],
)
def test_flask_empty_settings_read_as_unset(config: dict[str, Any]) -> None:
    app = _signed_flask_app(**config)
    signature = RequestValidator(KEY).compute_signature("http://localhost/voice", CALL)
    headers = {"X-SignalWire-Signature": signature}
    assert app.test_client().post("/voice", data=CALL, headers=headers).status_code == 200
    assert app.test_client().post("/voice", data=CALL).status_code == 403


def test_starlette_settings_of_the_wrong_shape_fail_when_built() -> None:
    from laml.webhooks.starlette import Webhooks

    with pytest.raises(ConfigurationError, match="trust_forwarded"):
        Webhooks(KEY, trust_forwarded="no")  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="public_url"):
        Webhooks(KEY, public_url="example.ngrok.app")


# ------------------------------------------------------------------ wrong types


@pytest.mark.parametrize("form", [None, "AccountSid=AC1", 5, [("AccountSid", "AC1")], b"x"])
def test_from_form_refuses_what_is_not_a_mapping(form: Any) -> None:
    with pytest.raises(LamlTypeError, match="from_form takes a mapping"):
        GatherRequest.from_form(form)


class _StarletteLikeURL:
    def __str__(self) -> str:
        return "https://hooks.example.com/voice"


@pytest.mark.parametrize(
    ("url", "params", "expected"),
    [
        (None, {}, "url must be a str"),
        (b"https://hooks.example.com/voice", {}, "url must be a str"),
        (_StarletteLikeURL(), {}, "str\\(request.url\\)"),
        ("https://hooks.example.com/voice", [("Digits", "1")], "params_or_body must be"),
        ("https://hooks.example.com/voice", 5, "params_or_body must be"),
    ],
)
def test_validate_names_arguments_of_the_wrong_type(url: Any, params: Any, expected: str) -> None:
    with pytest.raises(LamlTypeError, match=expected):
        RequestValidator(KEY).validate(url, params, "c2lnbmF0dXJl")


@pytest.mark.parametrize(
    ("url", "params"),
    [(None, {}), (_StarletteLikeURL(), None), ("https://hooks.example.com", [("a", "b")])],
)
def test_compute_signature_names_arguments_of_the_wrong_type(url: Any, params: Any) -> None:
    with pytest.raises(LamlTypeError):
        RequestValidator(KEY).compute_signature(url, params)


# ------------------------------------------------------------------ async views


def test_flask_async_view_is_awaited() -> None:
    import flask

    from laml.webhooks.flask import laml_view, webhook

    app = flask.Flask("trial")
    app.config["LAML_SIGNING_KEY"] = KEY

    @app.post("/voice")
    @webhook(GatherRequest)
    async def voice(call: GatherRequest) -> cx.Response:
        return cx.Response(cx.Say(f"pressed {call.digits}"))

    @app.post("/plain")
    @laml_view
    async def plain() -> cx.Response:
        return cx.Response(cx.Hangup())

    form = {**CALL, "Digits": "4"}
    signature = RequestValidator(KEY).compute_signature("http://localhost/voice", form)
    client = app.test_client()
    response = client.post("/voice", data=form, headers={"X-SignalWire-Signature": signature})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/xml; charset=utf-8"
    assert b"<Say>pressed 4</Say>" in response.data
    assert client.post("/voice", data=form).status_code == 403
    assert client.post("/plain").data.endswith(b"<Response><Hangup /></Response>")


def test_huge_int_for_a_decimal_is_refused_by_its_range() -> None:
    with pytest.raises(LamlValueError, match="'Confidence' must be a decimal number from 0 to 1"):
        GatherRequest(**_typed(CALL), confidence=10**400)
    with pytest.raises(LamlValueError, match="about 5000 digits"):
        GatherRequest(**_typed(CALL), confidence=10**5000)


@pytest.mark.parametrize(
    ("proto", "public"),
    [("https", PUBLIC), ("HTTPS", PUBLIC), ("Https", PUBLIC), ("wss", "http://hooks.example.com")],
)
def test_forwarded_proto_is_read_without_regard_to_case(proto: str, public: str) -> None:
    app = _signed_flask_app(LAML_TRUST_FORWARDED=True)
    signature = RequestValidator(KEY).compute_signature(public + "/voice", CALL)
    headers = {
        "X-Forwarded-Proto": proto,
        "X-Forwarded-Host": "hooks.example.com",
        "X-SignalWire-Signature": signature,
    }
    assert app.test_client().post("/voice", data=CALL, headers=headers).status_code == 200
