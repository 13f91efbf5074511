"""Typed webhook requests: the classes follow the table, forms parse, bad values are named."""

from __future__ import annotations

import typing
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from laml import LamlError, LamlTypeError, LamlValueError
from laml.webhooks import (
    REQUEST_CLASSES,
    CallStatusRequest,
    DialRequest,
    FaxStatusRequest,
    GatherRequest,
    MessageRequest,
    RecordingStatusRequest,
    VoiceRequest,
    WebhookRequest,
    params,
)
from laml.webhooks import requests as typed

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CALL = {"AccountSid": "AC123", "CallSid": "CA456", "From": "+15551230000", "To": "+15559870000"}
MESSAGE = {"AccountSid": "AC123", "MessageSid": "SM1", "From": "+15551230000", "To": "+15559870000"}


class GetList:
    """A multi-value mapping shaped like Django's QueryDict and Werkzeug's MultiDict."""

    def __init__(self, items: list[tuple[str, str]]) -> None:
        self.items_ = items

    def __iter__(self) -> Any:
        return iter(dict.fromkeys(name for name, _ in self.items_))

    def __len__(self) -> int:
        return len(list(iter(self)))

    def keys(self) -> list[str]:
        return list(self)

    def __getitem__(self, name: str) -> str:
        return self.getlist(name)[-1]

    def getlist(self, name: str) -> list[str]:
        return [value for key, value in self.items_ if key == name]


# ------------------------------------------------------------------ the classes follow the table


@pytest.mark.parametrize("kind", list(params.KINDS))
def test_class_fields_are_the_table(kind: params.RequestKind) -> None:
    """Each class has exactly its kind's parameters (plus extra), with the documented types."""
    cls = REQUEST_CLASSES[kind]
    assert kind == cls.KIND
    hints = typing.get_type_hints(cls)
    fields = [f.name for f in attrs.fields(cls)]
    table = params.params(kind)
    assert sorted(fields) == sorted(["extra", *(p.attr for p in table)])
    for param in table:
        hint = hints[param.attr]
        args = set(typing.get_args(hint))
        if param.indexed:
            assert hint == tuple[str, ...], param.name
            continue
        if param.required:
            assert hint is str, param.name
            continue
        assert type(None) in args, param.name
        (inner,) = args - {type(None)}
        if param.type == "enum":
            assert typing.get_origin(inner) is typing.Literal, param.name
            assert set(typing.get_args(inner)) == set(param.values), param.name
        else:
            expected = {"string": str, "integer": int, "decimal": float}[param.type]
            assert inner is expected, param.name


def test_every_kind_has_a_class() -> None:
    assert set(REQUEST_CLASSES) == set(params.KINDS)
    assert all(issubclass(cls, WebhookRequest) for cls in REQUEST_CLASSES.values())


# ------------------------------------------------------------------ forms in, objects out


def test_voice_request_from_form() -> None:
    form = {
        **CALL,
        "ApiVersion": "2010-04-01",
        "CallStatus": "ringing",
        "Direction": "inbound",
        "ForwardedFrom": "+15550000001",
        "CallerName": "Ada",
        "MyParam": "kept",
        "SipHeader_X-Trace": "t-1",
    }
    assert VoiceRequest.from_form(form) == VoiceRequest(
        account_sid="AC123",
        call_sid="CA456",
        from_="+15551230000",
        to="+15559870000",
        api_version="2010-04-01",
        call_status="ringing",
        direction="inbound",
        forwarded_from="+15550000001",
        caller_name="Ada",
        extra={"MyParam": "kept", "SipHeader_X-Trace": "t-1"},
    )
    request = VoiceRequest.from_form(form)
    assert request.sip_headers() == {"SipHeader_X-Trace": "t-1"}
    assert request.extra["MyParam"] == "kept"


def test_gather_dial_and_status_values_are_typed() -> None:
    gather = GatherRequest.from_form(
        {**CALL, "Digits": "1#", "SpeechResult": "sales", "Confidence": "0.875"}
    )
    assert (gather.digits, gather.speech_result, gather.confidence) == ("1#", "sales", 0.875)
    dial = DialRequest.from_form(
        {**CALL, "DialCallStatus": "no-answer", "DialCallSid": "CA9", "DialCallDuration": "42"}
    )
    assert (dial.dial_call_status, dial.dial_call_sid, dial.dial_call_duration) == (
        "no-answer",
        "CA9",
        42,
    )
    status = CallStatusRequest.from_form({**CALL, "CallDuration": "0", "SequenceNumber": "3"})
    assert (status.call_duration, status.sequence_number) == (0, 3)
    recording = RecordingStatusRequest.from_form(
        {
            "AccountSid": "AC1",
            "CallSid": "CA1",
            "RecordingSid": "RE1",
            "RecordingStatus": "completed",
            "RecordingChannels": "2",
            "RecordingTrack": "both",
        }
    )
    assert (recording.recording_status, recording.recording_channels) == ("completed", 2)
    fax = FaxStatusRequest.from_form(
        {"AccountSid": "AC1", "FaxSid": "FX1", "From": "a", "To": "b", "NumPages": "3"}
    )
    assert fax.num_pages == 3


def test_message_media_lists() -> None:
    form = {
        **MESSAGE,
        "Body": "Grüße 🎉",
        "NumMedia": "3",
        "MediaUrl2": "https://m/2",
        "MediaUrl0": "https://m/0",
        "MediaUrl1": "https://m/1",
        "MediaContentType0": "image/png",
        "MediaContentType1": "image/gif",
        "MediaContentType2": "video/mp4",
    }
    message = MessageRequest.from_form(form)
    assert message.media_urls == ("https://m/0", "https://m/1", "https://m/2")
    assert message.media_content_types == ("image/png", "image/gif", "video/mp4")
    assert message.body == "Grüße 🎉"
    assert message.num_media == 3
    assert message.to_form() == form


def test_multi_value_mappings_and_repeats() -> None:
    items = [*CALL.items(), ("Digits", "5"), ("Digits", "5")]
    assert GatherRequest.from_form(GetList(items)).digits == "5"
    assert GatherRequest.from_form({**CALL, "Digits": ["5"]}).digits == "5"
    with pytest.raises(LamlValueError, match="'Digits' was sent with 2 different values"):
        GatherRequest.from_form(GetList([*items, ("Digits", "6")]))
    with pytest.raises(LamlValueError, match="'Custom' was sent with 2 different values"):
        GatherRequest.from_form(GetList([*items, ("Custom", "a"), ("Custom", "b")]))


@pytest.mark.parametrize(
    ("cls", "name", "value", "expected"),
    [
        (GatherRequest, "Confidence", "1.5", "from 0 to 1"),
        (GatherRequest, "Confidence", "-0.1", "from 0 to 1"),
        (GatherRequest, "Confidence", "nan", "decimal"),
        (GatherRequest, "Confidence", "inf", "decimal"),
        (GatherRequest, "Confidence", "1e-1", "decimal"),
        (GatherRequest, "Confidence", "", "decimal"),
        (GatherRequest, "Confidence", "0x1", "decimal"),
        (DialRequest, "DialCallDuration", "-1", "whole number"),
        (DialRequest, "DialCallDuration", "1.0", "whole number"),
        (DialRequest, "DialCallDuration", "1_000", "whole number"),
        (DialRequest, "DialCallDuration", " 5", "whole number"),
        (DialRequest, "DialCallDuration", "+5", "whole number"),
        (DialRequest, "DialCallDuration", "\u0663", "whole number"),  # Arabic-Indic three
        (DialRequest, "DialCallDuration", "9" * 19, "whole number"),
        (DialRequest, "DialCallDuration", "", "whole number"),
        (DialRequest, "DialCallStatus", "COMPLETED", "one of completed, answered"),
        (DialRequest, "DialCallStatus", "in-progress", "one of completed, answered"),
        (VoiceRequest, "CallStatus", "", "one of queued"),
        (VoiceRequest, "Direction", "outbound", "one of inbound"),
        (RecordingStatusRequest, "RecordingChannels", "3", "from 1 to 2"),
    ],
)
def test_bad_values_name_parameter_and_value(
    cls: type[WebhookRequest], name: str, value: str, expected: str
) -> None:
    form = {**CALL, "RecordingSid": "RE1", name: value}
    with pytest.raises(LamlValueError) as info:
        cls.from_form(form)
    message = str(info.value)
    assert cls.__name__ in message
    assert repr(name) in message
    assert repr(value) in message
    assert expected in message
    assert isinstance(info.value, LamlError) and isinstance(info.value, ValueError)


def test_long_bad_values_are_cut_in_messages() -> None:
    with pytest.raises(LamlValueError) as info:
        DialRequest.from_form({**CALL, "DialCallStatus": "x" * 10_000})
    assert len(str(info.value)) < 300


@pytest.mark.parametrize(
    ("cls", "form", "missing"),
    [
        (VoiceRequest, {"AccountSid": "AC1", "From": "a", "To": "b"}, "CallSid"),
        (GatherRequest, {"CallSid": "CA1", "From": "a", "To": "b"}, "AccountSid"),
        (MessageRequest, {**CALL}, "MessageSid"),
        (RecordingStatusRequest, {"AccountSid": "AC1", "CallSid": "CA1"}, "RecordingSid"),
    ],
)
def test_missing_required_parameter(
    cls: type[WebhookRequest], form: dict[str, str], missing: str
) -> None:
    with pytest.raises(LamlValueError, match=f"required parameter '{missing}' is missing"):
        cls.from_form(form)


def test_numbered_parameters_without_a_gap() -> None:
    with pytest.raises(LamlValueError, match="MediaUrl2 was sent without MediaUrl1"):
        MessageRequest.from_form({**MESSAGE, "MediaUrl0": "a", "MediaUrl2": "c"})
    # names that only look numbered are kept as sent
    message = MessageRequest.from_form({**MESSAGE, "MediaUrl01": "a", "MediaUrlX": "b"})
    assert message.media_urls == ()
    assert dict(message.extra) == {"MediaUrl01": "a", "MediaUrlX": "b"}


def test_construction_checks_typed_values() -> None:
    with pytest.raises(LamlValueError, match="'Confidence'"):
        GatherRequest(account_sid="a", call_sid="c", from_="f", to="t", confidence=2.0)
    with pytest.raises(LamlTypeError, match="'DialCallDuration' must be an int"):
        DialRequest(account_sid="a", call_sid="c", from_="f", to="t", dial_call_duration="5")  # type: ignore[arg-type]
    with pytest.raises(LamlTypeError, match="'DialCallDuration' must be an int"):
        DialRequest(account_sid="a", call_sid="c", from_="f", to="t", dial_call_duration=True)
    with pytest.raises(LamlValueError, match="'CallStatus'"):
        VoiceRequest(account_sid="a", call_sid="c", from_="f", to="t", call_status="up")  # type: ignore[arg-type]
    with pytest.raises(LamlValueError, match="'Digits' is a documented parameter"):
        GatherRequest(account_sid="a", call_sid="c", from_="f", to="t", extra={"Digits": "1"})
    with pytest.raises(LamlTypeError):
        VoiceRequest.from_form({**CALL, "Digits": 1})
    with pytest.raises(LamlTypeError):
        MessageRequest(
            account_sid="a",
            message_sid="m",
            from_="f",
            to="t",
            media_urls=["u"],  # type: ignore[arg-type]
        )


def test_requests_are_frozen() -> None:
    request = VoiceRequest.from_form({**CALL, "Custom": "x"})
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        request.call_sid = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        request.extra["Custom"] = "y"  # type: ignore[index]


# ------------------------------------------------------------------ round trips


def value_strategy(param: params.Param) -> st.SearchStrategy[str]:
    if param.type == "enum":
        return st.sampled_from(param.values)
    if param.type == "integer":
        low = int(param.minimum or 0)
        high = int(param.maximum) if param.maximum is not None else 10**12
        return st.integers(low, high).map(str)
    if param.type == "decimal":
        # The platform writes decimals without an exponent; repr() of a tiny float has one.
        return (
            st.floats(param.minimum, param.maximum, allow_nan=False)
            .map(repr)
            .filter(lambda text: "e" not in text)
        )
    return st.text(max_size=30)


@st.composite
def forms(draw: st.DrawFn, kind: params.RequestKind) -> dict[str, str]:
    form: dict[str, str] = {}
    for param in params.params(kind):
        if param.indexed:
            for index, value in enumerate(draw(st.lists(value_strategy(param), max_size=3))):
                form[f"{param.stem}{index}"] = value
        elif param.required or draw(st.booleans()):
            form[param.name] = draw(value_strategy(param))
    extra_names = st.text(min_size=1, max_size=10).map(lambda s: "X" + s)
    form.update(draw(st.dictionaries(extra_names, st.text(max_size=10), max_size=3)))
    form.update(draw(st.dictionaries(st.just("SipHeader_X-Custom"), st.text(max_size=5))))
    return form


@SETTINGS
@given(data=st.data(), kind=st.sampled_from(list(params.KINDS)))
def test_round_trip_form_object_form(data: st.DataObject, kind: params.RequestKind) -> None:
    """A form in canonical spelling gives an object whose to_form() is that form again."""
    form = data.draw(forms(kind))
    cls = REQUEST_CLASSES[kind]
    request = cls.from_form(form)
    assert request.to_form() == form
    assert cls.from_form(request.to_form()) == request
    for param in params.params(kind):
        if param.name in form and param.type == "integer":
            assert getattr(request, param.attr) == int(form[param.name])
        if param.name in form and param.type == "decimal":
            assert getattr(request, param.attr) == float(form[param.name])


def test_round_trip_of_a_built_object() -> None:
    """An object built in Python survives to_form -> from_form unchanged."""
    built = GatherRequest(
        account_sid="AC1",
        call_sid="CA1",
        from_="sip:alice@example.com",
        to="+15550001111",
        call_status="in-progress",
        digits="",
        confidence=1.0,
        extra={"tenant": "acme"},
    )
    assert built.to_form()["Confidence"] == "1.0"
    assert built.to_form()["Digits"] == ""
    assert GatherRequest.from_form(built.to_form()) == built


def test_module_literals_match_the_table() -> None:
    pairs = [
        (typed.CallStatus, params.CALL_STATUSES),
        (typed.Direction, params.DIRECTIONS),
        (typed.DialCallStatus, params.DIAL_CALL_STATUSES),
        (typed.QueueResult, params.QUEUE_RESULTS),
        (typed.RecordingStatus, params.RECORDING_STATUSES),
        (typed.RecordingTrack, params.RECORDING_TRACKS),
        (typed.MessageStatus, params.MESSAGE_STATUSES),
        (typed.FaxStatus, params.FAX_STATUSES),
        (typed.ReferCallStatus, params.REFER_CALL_STATUSES),
        (typed.ConferenceEvent, params.CONFERENCE_EVENTS),
        (typed.StreamEvent, params.STREAM_EVENTS),
        (typed.StreamTrack, params.STREAM_TRACKS),
    ]
    for literal, values in pairs:
        assert typing.get_args(literal) == values
