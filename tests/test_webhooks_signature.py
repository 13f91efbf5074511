"""Webhook signatures: RequestValidator against known values, traps, and twilio-python."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator as TwilioValidator

from laml import LamlError, LamlTypeError
from laml.webhooks import SIGNATURE_HEADERS, RequestValidator, signature_from_headers
from laml.webhooks.signature import signing_string, url_variants

KEY = "12345"
URL = "https://mycompany.com/myapp.php?foo=1&bar=2"
FORM = {
    "CallSid": "CA1234567890ABCDE",
    "Caller": "+14158675310",
    "Digits": "1234",
    "From": "+14158675310",
    "To": "+18005551212",
}
FORM_SIGNATURE = "GvWf1cFY/Q7PnoempGyD5oXAezc="
BODY = '{"property": "value", "boolean": true}'
BODY_HASH = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620"
BODY_URL = URL + "&bodySHA256=" + BODY_HASH
BODY_URL_SIGNATURE = "a9nBmqA0ju/hNViExpshrM61xv4="

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class MultiValues:
    """A minimal multi-value mapping with ``getall`` (the shape twilio-python reads)."""

    def __init__(self, items: list[tuple[str, str]]) -> None:
        self.items_ = items

    def __iter__(self) -> Any:
        return iter(dict.fromkeys(name for name, _ in self.items_))

    def __len__(self) -> int:
        return len(dict.fromkeys(name for name, _ in self.items_))

    def __bool__(self) -> bool:
        return bool(self.items_)

    def keys(self) -> list[str]:
        return list(self)

    def __getitem__(self, name: str) -> str:
        return self.getall(name)[0]

    def getall(self, name: str) -> list[str]:
        return [value for key, value in self.items_ if key == name]


class GetList(MultiValues):
    """The same with ``getlist`` only (Django's QueryDict, Werkzeug's MultiDict)."""

    def getlist(self, name: str) -> list[str]:
        return MultiValues.getall(self, name)

    def getall(self, name: str) -> list[str]:
        raise AssertionError("getlist is preferred")

    def __getitem__(self, name: str) -> str:
        return self.getlist(name)[-1]


def sw_hex(key: str, url: str, body: str) -> str:
    return hmac.new(key.encode(), (url + body).encode(), hashlib.sha1).hexdigest()


# ------------------------------------------------------------------ known values


def test_form_signature_known_value() -> None:
    """The form scheme gives the published value for the classic example."""
    assert RequestValidator(KEY).compute_signature(URL, FORM) == FORM_SIGNATURE
    assert RequestValidator(KEY.encode()).compute_signature(URL, FORM) == FORM_SIGNATURE


def test_signing_string_table() -> None:
    """The signed text is the URL, then names in order, each with its sorted distinct values."""
    cases: list[tuple[Mapping[str, Any] | None, str]] = [
        (None, "u"),
        ({}, "u"),
        ({"b": "2", "a": "1"}, "ua1b2"),
        ({"a": ["3", "1", "3"]}, "ua1a3"),
        ({"B": "x", "a": "y"}, "uBxay"),  # code point order: capitals first
        ({"a": ""}, "ua"),
        (GetList([("k", "2"), ("k", "1"), ("j", "0")]), "uj0k1k2"),
        (MultiValues([("k", "b"), ("k", "a"), ("k", "b")]), "uka" + "kb"),
    ]
    for params, expected in cases:
        assert signing_string("u", params) == expected


def test_validate_form_known_value() -> None:
    validator = RequestValidator(KEY)
    assert validator.validate(URL, FORM, FORM_SIGNATURE)
    assert not validator.validate(URL, {**FORM, "Digits": "1235"}, FORM_SIGNATURE)
    assert not validator.validate(URL, {**FORM, "Extra": ""}, FORM_SIGNATURE)
    assert not validator.validate(URL + "&baz=3", FORM, FORM_SIGNATURE)
    assert not RequestValidator("12346").validate(URL, FORM, FORM_SIGNATURE)


# ------------------------------------------------------------------ ports


@pytest.mark.parametrize(
    ("signed", "requested", "expected"),
    [
        ("https://example.com/voice", "https://example.com:443/voice", True),
        ("https://example.com:443/voice", "https://example.com/voice", True),
        ("http://example.com/voice?x=1", "http://example.com:80/voice?x=1", True),
        ("http://example.com:80/voice", "http://example.com/voice", True),
        ("HTTPS://example.com:443", "HTTPS://example.com", True),
        ("https://user:pw@example.com/v", "https://user:pw@example.com:443/v", True),
        ("https://[::1]/v", "https://[::1]:443/v", True),
        ("https://[::1]:443/v", "https://[::1]/v", True),
        # another port is signed as it is
        ("https://example.com:8443/voice", "https://example.com/voice", False),
        ("https://example.com/voice", "https://example.com:8443/voice", False),
        # the default port of the other scheme is not a default here
        ("https://example.com:80/voice", "https://example.com/voice", False),
        ("http://example.com:443/voice", "http://example.com/voice", False),
        ("https://example.com/voice", "http://example.com/voice", False),
    ],
)
def test_default_port_with_and_without(signed: str, requested: str, expected: bool) -> None:
    """An https URL signed with or without :443 (http: :80) passes either way; nothing else."""
    validator = RequestValidator(KEY)
    signature = validator.compute_signature(signed, FORM)
    assert validator.validate(requested, FORM, signature) is expected


def test_url_variants_table() -> None:
    cases = {
        "https://a.b/x": ["https://a.b/x", "https://a.b:443/x"],
        "https://a.b:443?q=1": ["https://a.b:443?q=1", "https://a.b?q=1"],
        "http://a.b#f": ["http://a.b#f", "http://a.b:80#f"],
        "https://a.b:444/x": ["https://a.b:444/x"],
        "ftp://a.b/x": ["ftp://a.b/x"],
        "/relative/path": ["/relative/path"],
        "https://a.b/x?next=https://c.d:443/": [
            "https://a.b/x?next=https://c.d:443/",
            "https://a.b:443/x?next=https://c.d:443/",
        ],
    }
    for url, expected in cases.items():
        assert url_variants(url) == expected


# ------------------------------------------------------------------ traps


def test_repeated_keys() -> None:
    """A repeated name signs each distinct value once, in sorted order, in any mapping shape."""
    validator = RequestValidator(KEY)
    twilio = TwilioValidator(KEY)
    items = [("StatusCallbackEvent", "ringing"), ("StatusCallbackEvent", "answered")]
    items += [("StatusCallbackEvent", "ringing"), ("To", "+15550001111")]
    expected = twilio.compute_signature(URL, MultiValues(items))
    assert validator.compute_signature(URL, MultiValues(items)) == expected
    assert validator.compute_signature(URL, GetList(items)) == expected
    as_lists = {"StatusCallbackEvent": ["ringing", "answered", "ringing"], "To": "+15550001111"}
    assert validator.compute_signature(URL, as_lists) == expected
    as_tuple = {"StatusCallbackEvent": ("answered", "ringing"), "To": ["+15550001111"]}
    assert validator.validate(URL, as_tuple, expected)
    # only the first value, as a plain dict of the first values would give, is refused
    assert not validator.validate(URL, dict(items[:1] + items[3:]), expected)


def test_plus_and_percent_20_in_a_get_query_are_different_urls() -> None:
    """The URL is signed as requested: a GET query with '+' is not the one with '%20'."""
    validator = RequestValidator(KEY)
    with_plus = "https://example.com/voice?Body=hello+world&From=%2B15551234567"
    with_pct = "https://example.com/voice?Body=hello%20world&From=%2B15551234567"
    signature = validator.compute_signature(with_plus, None)
    assert validator.validate(with_plus, None, signature)
    assert validator.validate(with_plus, {}, signature)
    assert not validator.validate(with_pct, None, signature)
    assert signature == TwilioValidator(KEY).compute_signature(with_plus, {})


def test_unicode_values_and_key() -> None:
    """Names, values and keys outside ASCII are signed as UTF-8, as twilio-python does."""
    params = {"Body": "Grüße, 世界 🎉", "Naïve": "é", "From": "+15550001111"}
    for key in (KEY, "clé-секрет-🔑"):
        expected = TwilioValidator(key).compute_signature(URL, params)
        validator = RequestValidator(key)
        assert validator.compute_signature(URL, params) == expected
        assert validator.validate(URL, params, expected)
        assert not validator.validate(URL, {**params, "Body": "Grüsse, 世界 🎉"}, expected)


def test_json_body_signalwire_hex() -> None:
    """SignalWire signs URL + raw body as lowercase hex HMAC-SHA1; str and bytes bodies pass."""
    validator = RequestValidator(KEY)
    url = "https://example.com/status"
    body = '{"CallSid": "CA1", "Body": "héllo"}'
    signature = sw_hex(KEY, url, body)
    assert validator.compute_body_signature(url, body) == signature
    assert validator.validate(url, body, signature)
    assert validator.validate(url, body.encode(), signature)
    assert validator.validate(url, body, signature.upper())
    assert validator.validate("https://example.com:443/status", body, signature)
    assert not validator.validate(url, body.replace("CA1", "CA2"), signature)
    assert not validator.validate(url + "?x=1", body, signature)
    assert not RequestValidator("other").validate(url, body, signature)
    # the hex signature of a body is not a form signature
    assert not validator.validate(url, {}, signature)


def test_json_body_twilio_body_sha256() -> None:
    """Twilio's JSON scheme: bodySHA256 in the query, the URL alone signed."""
    validator = RequestValidator(KEY)
    assert validator.validate(BODY_URL, BODY, BODY_URL_SIGNATURE)
    assert validator.validate(BODY_URL, BODY.encode(), BODY_URL_SIGNATURE)
    assert not validator.validate(BODY_URL, BODY + " ", BODY_URL_SIGNATURE)
    wrong_hash = BODY_URL.replace(BODY_HASH, "1" + BODY_HASH[1:])
    signature = validator.compute_signature(wrong_hash, None)
    assert not validator.validate(wrong_hash, BODY, signature)
    # the same URL signature without the body check would pass: the hash is what refused it
    assert validator.validate(wrong_hash, None, signature)


def test_json_body_without_hash_or_hex_is_refused() -> None:
    validator = RequestValidator(KEY)
    signature = validator.compute_signature(URL, None)
    assert validator.validate(URL, None, signature)
    assert not validator.validate(URL, BODY, signature)


@pytest.mark.parametrize(
    "signature",
    [
        None,
        "",
        " ",
        "not base64!",
        "é",
        "ü" * 28,
        b"GvWf1cFY/Q7PnoempGyD5oXAezc=",
        12,
        [],
        "A" * 10_000,
    ],
)
def test_malformed_signature_is_false_never_raises(signature: Any) -> None:
    validator = RequestValidator(KEY)
    assert validator.validate(URL, FORM, signature) is False
    assert validator.validate(URL, BODY, signature) is False
    assert validator.validate(BODY_URL, BODY, signature) is False


def test_signature_headers_order_and_case() -> None:
    assert SIGNATURE_HEADERS == ("X-SignalWire-Signature", "X-Twilio-Signature")
    cases: list[tuple[dict[str, str], str | None]] = [
        ({"X-SignalWire-Signature": "sw", "X-Twilio-Signature": "tw"}, "sw"),
        ({"x-twilio-signature": "tw", "x-signalwire-signature": "sw"}, "sw"),
        ({"X-TWILIO-SIGNATURE": "tw"}, "tw"),
        ({"Content-Type": "text/plain"}, None),
        ({}, None),
    ]
    for headers, expected in cases:
        assert signature_from_headers(headers) == expected


def test_key_never_shown() -> None:
    key = "PSK_very_secret_value"
    validator = RequestValidator(key)
    assert key not in repr(validator)
    assert key not in str(validator)
    with pytest.raises(LamlTypeError) as info:
        validator.compute_signature(URL, {"Digits": 5})
    assert key not in str(info.value)
    assert "Digits" in str(info.value)


def test_bad_types_raise_laml_errors() -> None:
    with pytest.raises(LamlTypeError):
        RequestValidator(None)  # type: ignore[arg-type]
    with pytest.raises(LamlError):
        RequestValidator(KEY).compute_signature(URL, {1: "x"})  # type: ignore[dict-item]
    with pytest.raises(LamlError):
        RequestValidator(KEY).validate(URL, {"a": [b"x"]}, "sig")


# ------------------------------------------------------------------ differential

keys = st.text(min_size=1, max_size=40)
names = st.text(min_size=1, max_size=12)
values = st.text(max_size=20)
hosts = st.from_regex(r"[a-z][a-z0-9-]{0,10}(\.[a-z]{2,5}){1,2}", fullmatch=True)
paths = st.lists(st.text(max_size=8).map(lambda s: quote(s, safe="")), max_size=3).map(
    lambda parts: "/" + "/".join(parts)
)
queries = st.lists(st.tuples(names, values), max_size=3).map(
    lambda pairs: "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in pairs)
)


@st.composite
def urls(draw: st.DrawFn, ports: tuple[str, ...] = ("", ":default")) -> str:
    scheme = draw(st.sampled_from(["http", "https"]))
    port = draw(st.sampled_from(ports))
    if port == ":default":
        port = ":443" if scheme == "https" else ":80"
    query = draw(queries)
    return f"{scheme}://{draw(hosts)}{port}{draw(paths)}" + (f"?{query}" if query else "")


forms = st.lists(st.tuples(names, values), max_size=8)


@SETTINGS
@given(key=keys, url=urls(ports=("", ":default", ":8080")), items=forms)
def test_differential_compute_signature(key: str, url: str, items: list[tuple[str, str]]) -> None:
    """Same form signature as twilio-python for any key, URL and (repeated) parameters."""
    expected = TwilioValidator(key).compute_signature(url, MultiValues(items))
    validator = RequestValidator(key)
    assert validator.compute_signature(url, MultiValues(items)) == expected
    grouped: dict[str, list[str]] = {}
    for name, value in items:
        grouped.setdefault(name, []).append(value)
    assert validator.compute_signature(url, grouped) == expected


@SETTINGS
@given(key=keys, url=urls(), items=forms, use_port=st.booleans(), data=st.data())
def test_differential_validate_form(
    key: str, url: str, items: list[tuple[str, str]], use_port: bool, data: st.DataObject
) -> None:
    """A request twilio-python signs is accepted by both; a tampered one by neither."""
    twilio = TwilioValidator(key)
    signed_url = url_variants(url)[1] if use_port else url
    signature = twilio.compute_signature(signed_url, MultiValues(items))
    form = MultiValues(items)
    assert RequestValidator(key).validate(url, form, signature)
    assert twilio.validate(url, form, signature)

    tampered = [*items, (data.draw(names, "extra name"), data.draw(values, "extra value"))]
    if twilio.compute_signature(signed_url, MultiValues(tampered)) != signature:
        assert not RequestValidator(key).validate(url, MultiValues(tampered), signature)
        assert not twilio.validate(url, MultiValues(tampered), signature)
    other_key = key + "x"
    assert not RequestValidator(other_key).validate(url, form, signature)


@SETTINGS
@given(key=keys, url=urls(), body=st.text(max_size=60), use_port=st.booleans())
def test_differential_json_bodies(key: str, url: str, body: str, use_port: bool) -> None:
    """JSON bodies signed either way (Twilio's bodySHA256, SignalWire's hex) are accepted."""
    validator = RequestValidator(key)
    twilio = TwilioValidator(key)
    digest = hashlib.sha256(body.encode()).hexdigest()
    hashed_url = url + ("&" if "?" in url else "?") + "bodySHA256=" + digest
    signed_url = url_variants(hashed_url)[1] if use_port else hashed_url
    signature = twilio.compute_signature(signed_url, {})
    assert twilio.validate(hashed_url, body, signature)
    assert validator.validate(hashed_url, body, signature)
    assert not validator.validate(hashed_url, body + "}", signature)
    assert not twilio.validate(hashed_url, body + "}", signature)

    hex_url = url_variants(url)[1] if use_port else url
    hex_signature = sw_hex(key, hex_url, body)
    assert validator.validate(url, body, hex_signature)
    assert validator.validate(url, body.encode(), hex_signature)
    assert not validator.validate(url, body + " ", hex_signature)
