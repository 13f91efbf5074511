"""Hostile inputs found by trying laml the way an attacker would."""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import random
import time
from pathlib import Path

import pytest

from laml.bins import LamlBin
from laml.cli import main
from laml.errors import LamlTypeError, LamlValueError
from laml.template.check import closest_parameter
from laml.webhooks import RequestValidator, WebhookRequest


@pytest.mark.parametrize("command", ["render", "variables"])
@pytest.mark.parametrize("files", [0, 1, 2])
def test_a_directory_where_one_bin_is_expected_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, files: int
) -> None:
    for index in range(files):
        (tmp_path / f"b{index}.xml").write_text("<Response><Say>{{a}}</Say></Response>")
    out = io.StringIO()
    status = main([command, str(tmp_path)], out)
    err = capsys.readouterr().err
    assert status == 2
    assert "Traceback" not in err
    assert err.count("\n") == 1
    assert "directory" in err
    assert out.getvalue() == ""


def _near_misses(count: int) -> list[str]:
    """Distinct names, each two swaps and one letter away from SpeechResult."""
    generator = random.Random(11)
    found: dict[str, None] = {}
    while len(found) < count:
        letters = list("SpeechResult")
        for _ in range(2):
            i, j = generator.randrange(12), generator.randrange(12)
            letters[i], letters[j] = letters[j], letters[i]
        found["".join(letters) + generator.choice("abcdeSpRu")] = None
    return list(found)


@pytest.mark.parametrize(
    "names",
    [
        [f"a{index}" for index in range(32_000)],
        _near_misses(15_000),
    ],
    ids=["numbered", "near-misses"],
)
def test_checking_many_distinct_unknown_variables_is_quick(names: list[str]) -> None:
    contents = (
        "<Response><Say>" + "".join(f"{{{{{name}}}}}" for name in names) + "</Say></Response>"
    )
    assert len(contents) > 250_000
    started = time.perf_counter()
    found = LamlBin(contents=contents).check()
    elapsed = time.perf_counter() - started
    assert found  # unknown variables are reported (capped)
    assert elapsed < 8.0, f"{elapsed:.1f} s to check {len(contents):,} characters"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Form", "From"),
        ("digits", "Digits"),
        ("CallSID", "CallSid"),
        ("Callsid", "CallSid"),
        ("CalSid", "CallSid"),
        ("CllaSid", "CallSid"),
        ("SpeechResutl", "SpeechResult"),
        ("Digitz", "Digits"),
        ("a12345", None),
        ("xyz", None),
        ("From", None),
    ],
)
def test_misspelled_parameters_are_still_suggested(name: str, expected: str | None) -> None:
    assert closest_parameter(name) == expected


SURROGATE_TEXTS = ["\ud800", "http://127.0.0.1/\udfff", "a\udcffb"]


@pytest.mark.parametrize("text", SURROGATE_TEXTS)
def test_a_signature_over_text_utf8_cannot_encode_is_false_not_an_exception(text: str) -> None:
    validator = RequestValidator("signing-key")
    url = "http://127.0.0.1/voice"
    assert validator.validate(text, {"From": "+15551230000"}, "abc=") is False
    assert validator.validate(url, {"From": text}, "abc=") is False
    assert validator.validate(url, {text: "x"}, "abc=") is False
    assert validator.validate(url, text, "abc") is False
    assert isinstance(validator.compute_signature(url, {"Digits": text}), str)
    assert isinstance(validator.compute_body_signature(text, text), str)


def test_bytes_a_framework_kept_as_surrogate_escapes_are_signed_as_sent() -> None:
    key = b"signing-key"
    raw_url = b"http://127.0.0.1/voice?x=\xff"
    expected = base64.b64encode(hmac.new(key, raw_url, hashlib.sha1).digest()).decode("ascii")
    url = raw_url.decode("utf-8", "surrogateescape")
    validator = RequestValidator(key)
    assert validator.compute_signature(url) == expected
    assert validator.validate(url, None, expected) is True


def test_a_signing_key_utf8_cannot_encode_is_refused_without_quoting_it() -> None:
    with pytest.raises(LamlValueError) as caught:
        RequestValidator("secret\ud800key")
    assert "secret" not in str(caught.value)
    assert "\ud800" not in str(caught.value)


def test_from_form_on_the_base_request_class_is_a_type_error() -> None:
    with pytest.raises(LamlTypeError, match="VoiceRequest"):
        WebhookRequest.from_form({"CallSid": "CA0123"})
