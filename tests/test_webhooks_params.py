"""The table of webhook request parameters: shape, documented types, look-ups."""

from __future__ import annotations

import keyword
import re

import pytest

from laml.webhooks import params
from laml.webhooks.params import KINDS, Param


def test_every_kind_is_well_formed() -> None:
    """Names and attribute names are unique per kind; types, sets and ranges agree."""
    assert set(KINDS) == set(params.RequestKind.__args__)  # type: ignore[attr-defined]
    for kind, table in KINDS.items():
        names = [p.name for p in table]
        attrs_ = [p.attr for p in table]
        assert len(names) == len(set(names)), kind
        assert len(attrs_) == len(set(attrs_)), kind
        assert "AccountSid" in names, kind
        for p in table:
            assert re.fullmatch(r"[A-Z][A-Za-z]*(-[A-Z]+)?(\{N\})?", p.name), p.name
            assert re.fullmatch(r"[a-z][a-z0-9_]*", p.attr), p.attr
            assert not keyword.iskeyword(p.attr), p.attr
            assert p.doc, p.name
            assert (p.type == "enum") == bool(p.values), p.name
            assert len(set(p.values)) == len(p.values), p.name
            if p.minimum is not None or p.maximum is not None:
                assert p.type in ("integer", "decimal"), p.name


def test_one_definition_per_name() -> None:
    """A name means the same thing in every kind: same attribute, type, values and range."""
    seen: dict[str, Param] = {}
    for table in KINDS.values():
        for p in table:
            first = seen.setdefault(p.name, p)
            assert (first.attr, first.type, first.values, first.minimum, first.maximum) == (
                p.attr,
                p.type,
                p.values,
                p.minimum,
                p.maximum,
            ), p.name


@pytest.mark.parametrize(
    ("kind", "name", "type_", "values"),
    [
        ("voice", "CallStatus", "enum", params.CALL_STATUSES),
        ("voice", "Direction", "enum", ("inbound", "outbound-api", "outbound-dial")),
        ("gather", "Confidence", "decimal", ()),
        ("gather", "Digits", "string", ()),
        (
            "dial",
            "DialCallStatus",
            "enum",
            ("completed", "answered", "busy", "no-answer", "failed", "canceled"),
        ),
        ("dial", "DialCallDuration", "integer", ()),
        ("record", "RecordingDuration", "integer", ()),
        ("enqueue", "QueueResult", "enum", params.QUEUE_RESULTS),
        ("enqueue_wait", "QueuePosition", "integer", ()),
        ("call_status", "CallDuration", "integer", ()),
        ("recording_status", "RecordingStatus", "enum", params.RECORDING_STATUSES),
        ("recording_status", "RecordingChannels", "integer", ()),
        ("message", "NumMedia", "integer", ()),
        ("message", "MediaUrl{N}", "string", ()),
        ("message_status", "MessageStatus", "enum", params.MESSAGE_STATUSES),
        ("fax_status", "NumPages", "integer", ()),
        ("fax_status", "FaxStatus", "enum", params.FAX_STATUSES),
        ("refer", "ReferCallStatus", "enum", params.REFER_CALL_STATUSES),
        ("conference_status", "StatusCallbackEvent", "enum", params.CONFERENCE_EVENTS),
        ("conference_status", "Duration", "integer", ()),
        ("conference_status", "Muted", "string", ()),
        (
            "stream_status",
            "StreamEvent",
            "enum",
            ("stream-started", "stream-stopped", "stream-error"),
        ),
        ("stream_status", "Unique-ID", "string", ()),
    ],
)
def test_documented_types(
    kind: params.RequestKind, name: str, type_: str, values: tuple[str, ...]
) -> None:
    found = {p.name: p for p in params.params(kind)}
    assert found[name].type == type_
    assert found[name].values == values


def test_confidence_range_and_required() -> None:
    confidence = {p.name: p for p in params.params("gather")}["Confidence"]
    assert (confidence.minimum, confidence.maximum) == (0.0, 1.0)
    required = {kind: {p.name for p in table if p.required} for kind, table in KINDS.items()}
    assert required["voice"] == {"AccountSid", "CallSid", "From", "To"}
    assert required["message"] == {"AccountSid", "MessageSid", "From", "To"}
    assert required["fax"] == {"AccountSid", "FaxSid", "From", "To"}
    assert required["recording_status"] == {"AccountSid", "CallSid", "RecordingSid"}
    assert required["stream_status"] == {"AccountSid", "CallSid", "StreamSid"}


def test_kinds_extend_the_standard_voice_parameters() -> None:
    voice = set(params.params("voice"))
    for kind in (
        "gather",
        "dial",
        "record",
        "enqueue",
        "enqueue_wait",
        "queue",
        "call_status",
        "refer",
        "conference_status",
    ):
        assert voice <= set(params.params(kind)), kind
    assert set(params.params("message")) <= set(params.params("message_status"))
    assert set(params.params("fax")) <= set(params.params("fax_status"))


def test_lookup_table() -> None:
    media = {p.name: p for p in params.params("message")}["MediaUrl{N}"]
    cases: list[tuple[params.RequestKind, str, tuple[str, int | None] | None]] = [
        ("voice", "CallSid", ("CallSid", None)),
        ("voice", "Digits", None),
        ("gather", "Digits", ("Digits", None)),
        ("message", "MediaUrl0", ("MediaUrl{N}", 0)),
        ("message", "MediaUrl12", ("MediaUrl{N}", 12)),
        ("message", "MediaContentType3", ("MediaContentType{N}", 3)),
        ("message", "MediaUrl", None),
        ("message", "MediaUrl01", None),
        ("message", "MediaUrl-1", None),
        ("message", "MediaUrl12345", None),
        ("message", "MediaUrl{N}", None),
        ("fax_status", "MediaUrl", ("MediaUrl", None)),
        ("fax_status", "MediaUrl0", None),
    ]
    for kind, name, expected in cases:
        found = params.lookup(kind, name)
        actual = None if found is None else (found[0].name, found[1])
        assert actual == expected, (kind, name)
    assert media.indexed and media.stem == "MediaUrl"


def test_parameter_names_cover_what_bins_may_use() -> None:
    """Every variable the mustache guide and the verb pages name is documented."""
    names = params.parameter_names()
    for name in (
        "AccountSid",
        "APIVersion",
        "ApiVersion",
        "CallSid",
        "CallStatus",
        "CallerName",
        "Direction",
        "From",
        "To",
        "ForwardedFrom",
        "ParentCallSid",
        "Digits",
        "SpeechResult",
        "Confidence",
        "RecordingUrl",
        "RecordingSid",
        "RecordingDuration",
        "DialCallStatus",
        "DialCallSid",
        "DialCallDuration",
        "QueueResult",
        "QueueSid",
        "QueueTime",
        "MessageSid",
        "SmsSid",
        "SmsStatus",
        "MessageStatus",
        "Body",
        "NumMedia",
        "NumSegments",
        "Media",
        "SipUser",
        "FaxSid",
        "FaxStatus",
        "NumPages",
        "RemoteStationId",
        "ErrorCode",
        "ErrorMessage",
        "HangupDirection",
    ):
        assert name in names, name
        assert params.is_documented(name), name
    assert "MediaUrl{N}" in names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("CallSid", True),
        ("MediaUrl0", True),
        ("MediaContentType9", True),
        ("MediaUrl9999", True),
        ("MediaUrl00", False),
        ("MediaUrl", True),  # the fax document
        ("MediaContentType", False),
        ("SipHeader_X-From-Number", True),
        ("DialSipHeader_X-Trace", True),
        ("SipHeader_Y", False),
        ("callsid", False),
        ("Foo", False),
        ("", False),
    ],
)
def test_is_documented(name: str, expected: bool) -> None:
    assert params.is_documented(name) is expected
