"""Typed webhook requests: what SignalWire posts, read from a form into attrs classes.

One class per request kind of :mod:`laml.webhooks.params`; their attributes are the
table's parameters with the documented types::

    req = GatherRequest.from_form(request.form)   # any mapping: dict, MultiDict, QueryDict
    req.digits          # "1" or None
    req.confidence      # 0.92 (float) or None
    req.extra           # every parameter the table does not list, kept as sent
    req.to_form()       # back to {"CallSid": "...", "Digits": "1", ...}

A value that does not fit its type, or a required parameter that is missing, raises
``LamlValueError`` naming the class, the parameter and the value. Constructing a class
directly checks the same rules on the typed values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, ClassVar, TypeVar

import attrs

from .._model.params import (
    CallStatus as CallStatus,
)
from .._model.params import (
    ConferenceEvent as ConferenceEvent,
)
from .._model.params import (
    DialCallStatus as DialCallStatus,
)
from .._model.params import (
    Direction as Direction,
)
from .._model.params import (
    FaxStatus as FaxStatus,
)
from .._model.params import (
    MessageStatus as MessageStatus,
)
from .._model.params import (
    QueueResult as QueueResult,
)
from .._model.params import (
    RecordingStatus as RecordingStatus,
)
from .._model.params import (
    RecordingTrack as RecordingTrack,
)
from .._model.params import (
    ReferCallStatus as ReferCallStatus,
)
from .._model.params import (
    StreamEvent as StreamEvent,
)
from .._model.params import (
    StreamTrack as StreamTrack,
)
from ..errors import LamlTypeError, LamlValueError
from .params import HEADER_PREFIXES, KINDS, Param, RequestKind, lookup
from .signature import FormParams, form_values, is_mapping

R = TypeVar("R", bound="WebhookRequest")

_INTEGER = re.compile(r"[0-9]{1,18}\Z")
_INTEGER_LIMIT = 10**18 - 1
"""The largest whole number a form field may carry (18 digits)."""
# A float written out without an exponent has at most 17 significant digits after up
# to 323 zeros (5e-324 is the smallest), so 350 digits after the point are enough.
_DECIMAL = re.compile(r"(?:[0-9]{1,18}(?:\.[0-9]{0,350})?|\.[0-9]{1,350})\Z")
_SHOWN = 80


def _show(value: object) -> str:
    """``repr`` of a value for a message, cut to a readable length."""
    if isinstance(value, int) and value.bit_length() > 256:
        return f"a whole number of about {int(value.bit_length() * 0.30103)} digits"
    text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 4] + "...'"


def _expected(param: Param) -> str:
    if param.type == "enum":
        return "one of " + ", ".join(param.values)
    what = "a whole number" if param.type == "integer" else "a decimal number"
    if param.minimum is not None and param.maximum is not None:
        return f"{what} from {param.minimum:g} to {param.maximum:g}"
    if param.minimum is not None:
        return f"{what} >= {param.minimum:g}"
    return what


def _refuse(owner: str, param: Param, value: object) -> LamlValueError:
    return LamlValueError(
        f"{owner}: parameter {param.name!r} must be {_expected(param)} (got {_show(value)})"
    )


def _parse(owner: str, param: Param, text: str) -> object:
    """The typed value of one form field, or ``LamlValueError``."""
    if param.type == "string":
        return text
    if param.type == "enum":
        if text not in param.values:
            raise _refuse(owner, param, text)
        return text
    pattern = _INTEGER if param.type == "integer" else _DECIMAL
    if not pattern.match(text):
        raise _refuse(owner, param, text)
    number = int(text) if param.type == "integer" else float(text)
    if (param.minimum is not None and number < param.minimum) or (
        param.maximum is not None and number > param.maximum
    ):
        raise _refuse(owner, param, text)
    return number


def _check(owner: str, param: Param, value: object) -> None:
    """Refuse a typed value that the parameter's documented type does not allow."""
    if param.type in ("string", "enum"):
        if not isinstance(value, str):
            raise LamlTypeError(
                f"{owner}: parameter {param.name!r} must be a str (got {type(value).__name__})"
            )
        if param.type == "enum" and value not in param.values:
            raise _refuse(owner, param, value)
        return
    if isinstance(value, bool) or not isinstance(
        value, int if param.type == "integer" else (int, float)
    ):
        raise LamlTypeError(
            f"{owner}: parameter {param.name!r} must be "
            f"{'an int' if param.type == 'integer' else 'a float'} (got {type(value).__name__})"
        )
    number = value  # an int is compared as it is: float() of a huge one overflows
    if number != number or number in (float("inf"), float("-inf")):
        raise _refuse(owner, param, value)
    if (param.minimum is not None and number < param.minimum) or (
        param.maximum is not None and number > param.maximum
    ):
        raise _refuse(owner, param, value)
    if isinstance(value, int) and value > _INTEGER_LIMIT:
        raise LamlValueError(
            f"{owner}: parameter {param.name!r} must have at most 18 digits (got {_show(value)})"
        )


def _text(param: Param, value: object) -> str:
    """A typed value as form text; a float in plain decimal (``0.00001``, never ``1e-05``)."""
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")
    return str(value)


def _freeze_extra(value: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class WebhookRequest:
    """Base of the typed webhook requests; ``KIND`` names the table in :data:`params.KINDS`.

    ``extra`` holds every form field the kind does not document (custom query
    parameters, ``SipHeader_X-...`` headers, anything the platform adds later), as sent.
    """

    KIND: ClassVar[RequestKind]

    extra: Mapping[str, str] = attrs.field(factory=dict, converter=_freeze_extra)

    def __attrs_post_init__(self) -> None:
        owner = type(self).__name__
        for param in KINDS[self.KIND]:
            value = getattr(self, param.attr)
            if param.indexed:
                if not isinstance(value, tuple):
                    raise LamlTypeError(
                        f"{owner}: {param.attr} must be a tuple of str (got {type(value).__name__})"
                    )
                for item in value:
                    _check(owner, param, item)
            elif value is None:
                if param.required:
                    raise LamlValueError(f"{owner}: required parameter {param.name!r} is missing")
            else:
                _check(owner, param, value)
        for name, text in self.extra.items():
            if not isinstance(name, str) or not isinstance(text, str):
                raise LamlTypeError(f"{owner}: extra parameters must map str to str")
            if lookup(self.KIND, name) is not None:
                raise LamlValueError(
                    f"{owner}: {name!r} is a documented parameter, not an extra one"
                )

    @classmethod
    def from_form(cls: type[R], form: FormParams) -> R:
        """The typed request from form fields (POST body or GET query), as the platform sent them.

        ``form`` is any mapping of field name to value: a ``dict``, Flask/Werkzeug's
        ``MultiDict``, Django's ``QueryDict``, Starlette's ``FormData``. A name sent twice
        with different values, a value that does not fit its documented type, a numbered
        parameter with a gap (``MediaUrl1`` without ``MediaUrl0``) and a missing required
        parameter raise ``LamlValueError``; a ``form`` that is not a mapping, or a
        non-``str`` name or value, raises ``LamlTypeError``.
        """
        owner = cls.__name__
        if not hasattr(cls, "KIND"):
            raise LamlTypeError(
                f"{owner} is the base of the typed requests; call from_form on one of "
                "them, such as VoiceRequest, GatherRequest or MessageRequest"
            )
        if not is_mapping(form):
            raise LamlTypeError(
                f"{owner}.from_form takes a mapping of form fields (got {type(form).__name__})"
            )
        fields: dict[str, Any] = {}
        numbered: dict[str, dict[int, str]] = {}
        extra: dict[str, str] = {}
        for name in form:
            if not isinstance(name, str):
                raise LamlTypeError(f"{owner}: form field names must be str")
            distinct = list(dict.fromkeys(form_values(form, name)))
            if len(distinct) != 1:
                raise LamlValueError(
                    f"{owner}: parameter {name!r} was sent with {len(distinct)} different "
                    f"values (got {_show(distinct[:3])})"
                )
            text = distinct[0]
            found = lookup(cls.KIND, name)
            if found is None:
                extra[name] = text
                continue
            param, index = found
            if index is None:
                fields[param.attr] = _parse(owner, param, text)
            else:
                numbered.setdefault(param.attr, {})[index] = text
        for attr, items in numbered.items():
            for position, index in enumerate(sorted(items)):
                if position != index:
                    stem = next(p.stem for p in KINDS[cls.KIND] if p.attr == attr)
                    raise LamlValueError(
                        f"{owner}: parameter {stem}{index} was sent without {stem}{position}"
                    )
            fields[attr] = tuple(items[i] for i in sorted(items))
        for param in KINDS[cls.KIND]:
            if param.required and param.attr not in fields:
                raise LamlValueError(f"{owner}: required parameter {param.name!r} is missing")
        return cls(extra=extra, **fields)

    def to_form(self) -> dict[str, str]:
        """The form fields the platform would send for this request (``None`` ones left out).

        Numbers are written in decimal (``"0.5"``, ``"17"``); ``from_form(to_form())``
        gives an equal object.
        """
        form: dict[str, str] = {}
        for param in KINDS[self.KIND]:
            value = getattr(self, param.attr)
            if param.indexed:
                for index, item in enumerate(value):
                    form[f"{param.stem}{index}"] = item
            elif value is not None:
                form[param.name] = _text(param, value)
        form.update(self.extra)
        return form

    def sip_headers(self) -> dict[str, str]:
        """The ``SipHeader_X-...`` and ``DialSipHeader_X-...`` fields of ``extra``."""
        return {
            name: value for name, value in self.extra.items() if name.startswith(HEADER_PREFIXES)
        }


@attrs.frozen(kw_only=True)
class VoiceRequest(WebhookRequest):
    """The request for cXML when a call arrives or a voice document is fetched.

    Source: SignalWire cXML voice overview, "Request parameters"; ``ForwardedFrom`` and
    ``CallerName`` from the REST API's call StatusCallback parameters.
    """

    KIND: ClassVar[RequestKind] = "voice"

    account_sid: str
    call_sid: str
    from_: str
    to: str
    api_version: str | None = None
    call_status: CallStatus | None = None
    direction: Direction | None = None
    parent_call_sid: str | None = None
    forwarded_from: str | None = None
    caller_name: str | None = None
    sip_user: str | None = None


@attrs.frozen(kw_only=True)
class GatherRequest(VoiceRequest):
    """The request to ``<Gather action>``: the caller's keys or speech (``<Gather>`` page)."""

    KIND: ClassVar[RequestKind] = "gather"

    digits: str | None = None
    speech_result: str | None = None
    confidence: float | None = None


@attrs.frozen(kw_only=True)
class DialRequest(VoiceRequest):
    """The request to ``<Dial action>`` when the dialed call ends (``<Dial>`` page)."""

    KIND: ClassVar[RequestKind] = "dial"

    dial_call_status: DialCallStatus | None = None
    dial_call_sid: str | None = None
    dial_call_duration: int | None = None
    recording_url: str | None = None
    dial_sip_call_id: str | None = None
    dial_sip_response_code: str | None = None
    hangup_direction: str | None = None


@attrs.frozen(kw_only=True)
class RecordRequest(VoiceRequest):
    """The request to ``<Record action>`` when a recording ends (``<Record>`` page)."""

    KIND: ClassVar[RequestKind] = "record"

    digits: str | None = None
    recording_duration: int | None = None
    recording_url: str | None = None
    recording_sid: str | None = None


@attrs.frozen(kw_only=True)
class EnqueueRequest(VoiceRequest):
    """The request to ``<Enqueue action>`` when the call leaves the queue (``<Enqueue>``)."""

    KIND: ClassVar[RequestKind] = "enqueue"

    queue_result: QueueResult | None = None
    queue_sid: str | None = None
    queue_time: int | None = None


@attrs.frozen(kw_only=True)
class EnqueueWaitRequest(VoiceRequest):
    """The request to ``<Enqueue waitUrl>`` while the caller waits (``<Enqueue>`` page)."""

    KIND: ClassVar[RequestKind] = "enqueue_wait"

    queue_sid: str | None = None
    queue_time: int | None = None
    queue_position: int | None = None
    current_queue_size: int | None = None
    avg_queue_time: int | None = None


@attrs.frozen(kw_only=True)
class QueueRequest(VoiceRequest):
    """The request to ``<Queue url>`` before a dequeued caller is bridged (``<Queue>``)."""

    KIND: ClassVar[RequestKind] = "queue"

    queue_sid: str | None = None
    queue_time: int | None = None
    dequeing_call_sid: str | None = None


@attrs.frozen(kw_only=True)
class CallStatusRequest(VoiceRequest):
    """A call's ``StatusCallback`` (REST API, Calls, "StatusCallback Parameters")."""

    KIND: ClassVar[RequestKind] = "call_status"

    call_duration: int | None = None
    recording_url: str | None = None
    recording_sid: str | None = None
    recording_duration: int | None = None
    timestamp: str | None = None
    callback_source: str | None = None
    sequence_number: int | None = None
    hangup_by: str | None = None
    hangup_direction: str | None = None
    audio_in_mos: str | None = None


@attrs.frozen(kw_only=True)
class RecordingStatusRequest(WebhookRequest):
    """A ``recordingStatusCallback`` (REST API, Calls, "RecordingStatusCallback Parameters")."""

    KIND: ClassVar[RequestKind] = "recording_status"

    account_sid: str
    call_sid: str
    recording_sid: str
    recording_url: str | None = None
    recording_status: RecordingStatus | None = None
    recording_duration: int | None = None
    recording_channels: int | None = None
    recording_source: str | None = None
    recording_track: RecordingTrack | None = None


@attrs.frozen(kw_only=True)
class MessageRequest(WebhookRequest):
    """The request for cXML when a message arrives (cXML messaging overview).

    ``media_urls[i]`` and ``media_content_types[i]`` are the form's ``MediaUrl{i}`` and
    ``MediaContentType{i}``, numbered from 0.
    """

    KIND: ClassVar[RequestKind] = "message"

    account_sid: str
    message_sid: str
    from_: str
    to: str
    api_version: str | None = None
    sms_sid: str | None = None
    body: str | None = None
    num_media: int | None = None
    num_segments: int | None = None
    media_urls: tuple[str, ...] = ()
    media_content_types: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class MessageStatusRequest(MessageRequest):
    """A message's ``StatusCallback`` (REST API, Messages, "StatusCallback Parameters")."""

    KIND: ClassVar[RequestKind] = "message_status"

    message_status: MessageStatus | None = None
    sms_status: MessageStatus | None = None
    error_code: str | None = None


@attrs.frozen(kw_only=True)
class FaxRequest(WebhookRequest):
    """The request for cXML when a fax arrives (cXML fax overview)."""

    KIND: ClassVar[RequestKind] = "fax"

    account_sid: str
    fax_sid: str
    from_: str
    to: str
    api_version: str | None = None


@attrs.frozen(kw_only=True)
class FaxStatusRequest(FaxRequest):
    """The request to ``<Receive action>`` and a sent fax's ``StatusCallback`` (fax pages)."""

    KIND: ClassVar[RequestKind] = "fax_status"

    fax_status: FaxStatus | None = None
    error_code: str | None = None
    error_message: str | None = None
    media_url: str | None = None
    media_sid: str | None = None
    num_pages: int | None = None
    original_media_url: str | None = None
    remote_station_id: str | None = None


@attrs.frozen(kw_only=True)
class ReferRequest(VoiceRequest):
    """The request to ``<Refer action>`` after a SIP transfer (``<Refer>`` page)."""

    KIND: ClassVar[RequestKind] = "refer"

    notify_sip_response_code: str | None = None
    refer_call_status: ReferCallStatus | None = None
    refer_sip_response_code: str | None = None


@attrs.frozen(kw_only=True)
class ConferenceStatusRequest(VoiceRequest):
    """A ``<Conference statusCallback>`` request (``<Conference>`` page).

    ``muted``, ``hold``, ``start_conference_on_enter`` and ``end_conference_on_exit``
    are kept as the text sent (``"true"``/``"false"``), as the page types them.
    """

    KIND: ClassVar[RequestKind] = "conference_status"

    conference_sid: str | None = None
    friendly_name: str | None = None
    status_callback_event: ConferenceEvent | None = None
    event_name: str | None = None
    duration: int | None = None
    muted: str | None = None
    hold: str | None = None
    start_conference_on_enter: str | None = None
    end_conference_on_exit: str | None = None
    recording_url: str | None = None
    recording_file_size: str | None = None
    timestamp: str | None = None


@attrs.frozen(kw_only=True)
class StreamStatusRequest(WebhookRequest):
    """A ``<Stream statusCallback>`` request (``<Stream>`` page)."""

    KIND: ClassVar[RequestKind] = "stream_status"

    account_sid: str
    call_sid: str
    stream_sid: str
    conference_sid: str | None = None
    stream_name: str | None = None
    stream_event: StreamEvent | None = None
    stream_error: str | None = None
    stream_track: StreamTrack | None = None
    timestamp: str | None = None
    unique_id: str | None = None


REQUEST_CLASSES: Mapping[RequestKind, type[WebhookRequest]] = MappingProxyType(
    {
        cls.KIND: cls
        for cls in (
            VoiceRequest,
            GatherRequest,
            DialRequest,
            RecordRequest,
            EnqueueRequest,
            EnqueueWaitRequest,
            QueueRequest,
            CallStatusRequest,
            RecordingStatusRequest,
            MessageRequest,
            MessageStatusRequest,
            FaxRequest,
            FaxStatusRequest,
            ReferRequest,
            ConferenceStatusRequest,
            StreamStatusRequest,
        )
    }
)
"""The typed class of each request kind."""
