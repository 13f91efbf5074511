"""The table of webhook request parameters SignalWire documents, per kind of request.

SignalWire asks a web app for cXML (and reports call, recording, message and fax
events) with an HTTP request whose form fields, or query string for GET, carry the
parameters below. Each request *kind* lists the parameters it documents, with the
documented type:

- ``"string"``: text, kept as sent;
- ``"integer"``: a whole number written in decimal digits (seconds, counts);
- ``"decimal"``: a number such as ``0.92`` (``Confidence``), with a documented range;
- ``"enum"``: one of a closed set of words (``CallStatus``, ``DialCallStatus``, ...).

An *indexed* parameter is numbered from zero: ``MediaUrl0``, ``MediaUrl1``, ... and is
listed here under its pattern name ``MediaUrl{N}``.

This one table is read by the typed request classes in :mod:`laml.webhooks`, by the
LaML Bin checker (which names the variables a bin may use) and by the call simulator
(which sends them). Sources, by kind:

- voice call request: SignalWire cXML voice overview, "Request parameters";
  ``ForwardedFrom`` and ``CallerName`` from the Compatibility REST API's StatusCallback
  parameters; ``SipUser`` from the mustache template guide (domain applications);
- Gather / Dial / Record / Enqueue / Queue results: the ``action`` (and ``waitUrl``,
  ``url``) sections of the ``<Gather>``, ``<Dial>``, ``<Record>``, ``<Enqueue>`` and
  ``<Queue>`` pages;
- call and recording status callbacks: the Compatibility REST API, Calls,
  "StatusCallback Parameters" and "RecordingStatusCallback Parameters";
- inbound message: SignalWire cXML messaging overview; ``SmsSid`` and ``NumSegments``
  from the mustache template guide (also ``Media`` and the ``APIVersion`` spelling, see
  :data:`TEMPLATE_VARIABLES`);
- message status callback: the Compatibility REST API, Messages, "StatusCallback
  Parameters" and "Message Status";
- inbound fax and fax results: SignalWire cXML fax overview and ``<Receive>`` page;
  fax status values from the Compatibility REST API, Faxes;
- ``<Refer>`` result, conference and stream status callbacks: the ``action`` and
  ``statusCallback`` sections of the ``<Refer>``, ``<Conference>`` and ``<Stream>`` pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Literal, get_args

import attrs

ParamType = Literal["string", "integer", "decimal", "enum"]
"""The documented type of a parameter's value."""

RequestKind = Literal[
    "voice",
    "gather",
    "dial",
    "record",
    "enqueue",
    "enqueue_wait",
    "queue",
    "call_status",
    "recording_status",
    "message",
    "message_status",
    "fax",
    "fax_status",
    "refer",
    "conference_status",
    "stream_status",
]
"""The kinds of webhook request SignalWire documents (keys of :data:`KINDS`)."""


@attrs.frozen
class Param:
    """One documented webhook request parameter.

    ``name`` is the form field name as sent (``"CallSid"``; ``"MediaUrl{N}"`` for an
    indexed one), ``attr`` the Python attribute name the typed request classes use,
    ``type`` the documented type, ``values`` the closed set of an ``"enum"``,
    ``minimum``/``maximum`` the documented range of a number, ``required`` whether
    every request of the kind carries it, ``doc`` a one-line description.
    """

    name: str
    attr: str
    type: ParamType = "string"
    doc: str = ""
    values: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    required: bool = False

    @property
    def indexed(self) -> bool:
        """Whether the parameter is numbered (``MediaUrl0``, ``MediaUrl1``, ...)."""
        return self.name.endswith("{N}")

    @property
    def stem(self) -> str:
        """The name without its ``{N}`` index pattern (``MediaUrl`` for ``MediaUrl{N}``)."""
        return self.name[:-3] if self.indexed else self.name


CallStatus = Literal[
    "queued",
    "ringing",
    "in-progress",
    "completed",
    "busy",
    "failed",
    "no-answer",
    "canceled",
]
"""``CallStatus`` values (voice overview, "CallStatus values")."""
CALL_STATUSES: tuple[str, ...] = get_args(CallStatus)

Direction = Literal["inbound", "outbound-api", "outbound-dial"]
"""``Direction`` values (voice overview)."""
DIRECTIONS: tuple[str, ...] = get_args(Direction)

DialCallStatus = Literal["completed", "answered", "busy", "no-answer", "failed", "canceled"]
"""``DialCallStatus`` values (``<Dial>`` page, values of DialCallStatus)."""
DIAL_CALL_STATUSES: tuple[str, ...] = get_args(DialCallStatus)

QueueResult = Literal[
    "bridged",
    "bridging-in-progress",
    "error",
    "hangup",
    "leave",
    "redirected",
    "redirected-from-bridged",
    "queue-full",
    "system-error",
]
"""``QueueResult`` values (``<Enqueue>`` page)."""
QUEUE_RESULTS: tuple[str, ...] = get_args(QueueResult)

RecordingStatus = Literal["in-progress", "completed", "absent", "failed"]
"""``RecordingStatus`` values (REST API recording callback; ``absent`` from the webhooks guide)."""
RECORDING_STATUSES: tuple[str, ...] = get_args(RecordingStatus)

RecordingTrack = Literal["inbound", "outbound", "both"]
"""``RecordingTrack`` values (REST API, RecordingStatusCallback parameters)."""
RECORDING_TRACKS: tuple[str, ...] = get_args(RecordingTrack)

MessageStatus = Literal[
    "queued",
    "sending",
    "sent",
    "delivered",
    "undelivered",
    "failed",
    "receiving",
    "received",
]
"""``MessageStatus`` / ``SmsStatus`` values (REST API, "Message Status")."""
MESSAGE_STATUSES: tuple[str, ...] = get_args(MessageStatus)

FaxStatus = Literal[
    "queued",
    "processing",
    "sending",
    "delivered",
    "receiving",
    "received",
    "no-answer",
    "busy",
    "failed",
    "canceled",
]
"""``FaxStatus`` values (REST API, Faxes, status values)."""
FAX_STATUSES: tuple[str, ...] = get_args(FaxStatus)


ReferCallStatus = Literal["in-progress", "busy", "no-answer", "canceled", "failed"]
"""``ReferCallStatus`` values (``<Refer>`` page)."""
REFER_CALL_STATUSES: tuple[str, ...] = get_args(ReferCallStatus)

ConferenceEvent = Literal[
    "conference-end",
    "conference-start",
    "participant-leave",
    "participant-join",
    "participant-mute",
    "participant-unmute",
    "participant-hold",
    "participant-unhold",
    "participant-speech-start",
    "participant-speech-stop",
]
"""``StatusCallbackEvent`` values of a conference status callback (``<Conference>`` page)."""
CONFERENCE_EVENTS: tuple[str, ...] = get_args(ConferenceEvent)

StreamEvent = Literal["stream-started", "stream-stopped", "stream-error"]
"""``StreamEvent`` values (``<Stream>`` page)."""
STREAM_EVENTS: tuple[str, ...] = get_args(StreamEvent)

StreamTrack = Literal["inbound_track", "outbound_track", "both_tracks"]
"""``StreamTrack`` values (``<Stream>`` page)."""
STREAM_TRACKS: tuple[str, ...] = get_args(StreamTrack)


def _p(
    name: str,
    attr: str,
    doc: str,
    type: ParamType = "string",
    values: tuple[str, ...] = (),
    minimum: float | None = None,
    maximum: float | None = None,
    required: bool = False,
) -> Param:
    return Param(name, attr, type, doc, values, minimum, maximum, required)


# --------------------------------------------------------------- the parameters

_ACCOUNT_SID = _p(
    "AccountSid", "account_sid", "the project (account) the request belongs to", required=True
)
_API_VERSION = _p("ApiVersion", "api_version", "version of the API the request follows")
_FROM = _p("From", "from_", "the caller or sender: E.164 number, SIP URI or client", required=True)
_TO = _p(
    "To", "to", "the called number or recipient: E.164 number, SIP URI or client", required=True
)
_CALL_SID = _p("CallSid", "call_sid", "unique id of the call", required=True)

VOICE: tuple[Param, ...] = (
    _ACCOUNT_SID,
    _API_VERSION,
    _CALL_SID,
    _p("CallStatus", "call_status", "state of the call", "enum", CALL_STATUSES),
    _p(
        "Direction",
        "direction",
        "who started the call: inbound, REST API or <Dial>",
        "enum",
        DIRECTIONS,
    ),
    _FROM,
    _TO,
    _p("ParentCallSid", "parent_call_sid", "the call that created this call leg"),
    _p("ForwardedFrom", "forwarded_from", "the number the call was forwarded from"),
    _p("CallerName", "caller_name", "caller name, when caller ID lookup is enabled"),
    _p("SipUser", "sip_user", "user part of the SIP URI called (domain applications)"),
)

_RECORDING_URL = _p("RecordingUrl", "recording_url", "URL of the recorded audio")
_RECORDING_SID = _p("RecordingSid", "recording_sid", "unique id of the recording")
_RECORDING_DURATION = _p(
    "RecordingDuration",
    "recording_duration",
    "length of the recording in seconds",
    "integer",
    minimum=0,
)
_QUEUE_SID = _p("QueueSid", "queue_sid", "unique id of the queue")
# QueueTime: the <Enqueue> page types it "string" for the action request and "integer"
# for the waitUrl request; both describe seconds, so it is a whole number everywhere.
_QUEUE_TIME = _p(
    "QueueTime", "queue_time", "seconds the call waited in the queue", "integer", minimum=0
)

GATHER = (
    *VOICE,
    _p("Digits", "digits", "the keys the caller pressed"),
    _p("SpeechResult", "speech_result", "the caller's speech, transcribed"),
    _p(
        "Confidence",
        "confidence",
        "how sure the transcription is, from 0.0 to 1.0",
        "decimal",
        minimum=0.0,
        maximum=1.0,
    ),
)

DIAL = (
    *VOICE,
    _p(
        "DialCallStatus",
        "dial_call_status",
        "outcome of the dialed call",
        "enum",
        DIAL_CALL_STATUSES,
    ),
    _p("DialCallSid", "dial_call_sid", "unique id of the dialed call leg"),
    _p(
        "DialCallDuration",
        "dial_call_duration",
        "length of the dialed call in seconds",
        "integer",
        minimum=0,
    ),
    _RECORDING_URL,
    _p("DialSipCallId", "dial_sip_call_id", "SIP Call-ID of the INVITE to a <Sip> destination"),
    _p("DialSipResponseCode", "dial_sip_response_code", "SIP response code to that INVITE"),
    _p("HangupDirection", "hangup_direction", "which side hung up (<Verto> destinations)"),
)

RECORD = (
    *VOICE,
    _p("Digits", "digits", "the keys pressed to end the recording"),
    _RECORDING_DURATION,
    _RECORDING_URL,
    _RECORDING_SID,
)

ENQUEUE = (
    *VOICE,
    _p("QueueResult", "queue_result", "what became of the queued call", "enum", QUEUE_RESULTS),
    _QUEUE_SID,
    _QUEUE_TIME,
)

ENQUEUE_WAIT = (
    *VOICE,
    _QUEUE_SID,
    _QUEUE_TIME,
    _p("QueuePosition", "queue_position", "the caller's place in the queue", "integer", minimum=0),
    _p("CurrentQueueSize", "current_queue_size", "callers now in the queue", "integer", minimum=0),
    _p(
        "AvgQueueTime",
        "avg_queue_time",
        "average wait in the queue in seconds",
        "integer",
        minimum=0,
    ),
)

QUEUE = (
    *VOICE,
    _QUEUE_SID,
    _QUEUE_TIME,
    _p("DequeingCallSid", "dequeing_call_sid", "the call taking the caller out of the queue"),
)

CALL_STATUS = (
    *VOICE,
    _p("CallDuration", "call_duration", "length of the call in seconds", "integer", minimum=0),
    _RECORDING_URL,
    _RECORDING_SID,
    _RECORDING_DURATION,
    _p("Timestamp", "timestamp", "when the event happened, RFC 2822 date"),
    _p("CallbackSource", "callback_source", "what sent the callback"),
    _p("SequenceNumber", "sequence_number", "order of the event, from 0", "integer", minimum=0),
    _p("HangupBy", "hangup_by", "which number ended the call"),
    _p("HangupDirection", "hangup_direction", "which direction ended the call"),
    _p("AudioInMos", "audio_in_mos", "mean opinion score of the audio, 1 (worst) to 5"),
)

RECORDING_STATUS = (
    _ACCOUNT_SID,
    _p("CallSid", "call_sid", "unique id of the recorded call", required=True),
    _p("RecordingSid", "recording_sid", "unique id of the recording", required=True),
    _RECORDING_URL,
    _p("RecordingStatus", "recording_status", "state of the recording", "enum", RECORDING_STATUSES),
    _RECORDING_DURATION,
    _p(
        "RecordingChannels",
        "recording_channels",
        "number of audio channels, 1 or 2",
        "integer",
        minimum=1,
        maximum=2,
    ),
    _p("RecordingSource", "recording_source", "what kind of call made the recording"),
    _p("RecordingTrack", "recording_track", "which audio was recorded", "enum", RECORDING_TRACKS),
)

MESSAGE = (
    _ACCOUNT_SID,
    _API_VERSION,
    _p("MessageSid", "message_sid", "unique id of the message", required=True),
    _p("SmsSid", "sms_sid", "unique id of the message (older name)"),
    _FROM,
    _TO,
    _p("Body", "body", "the text of the message"),
    _p("NumMedia", "num_media", "number of media files attached", "integer", minimum=0),
    _p("NumSegments", "num_segments", "number of SMS segments the text took", "integer", minimum=0),
    _p("MediaUrl{N}", "media_urls", "URL of the attached media number N (from 0)"),
    _p("MediaContentType{N}", "media_content_types", "content type of the media number N"),
)

MESSAGE_STATUS = (
    *MESSAGE,
    _p("MessageStatus", "message_status", "state of the message", "enum", MESSAGE_STATUSES),
    _p("SmsStatus", "sms_status", "state of the message (older name)", "enum", MESSAGE_STATUSES),
    _p("ErrorCode", "error_code", "why the message failed or was undelivered"),
)

FAX = (
    _ACCOUNT_SID,
    _API_VERSION,
    _p("FaxSid", "fax_sid", "unique id of the fax", required=True),
    _FROM,
    _TO,
)

FAX_STATUS = (
    *FAX,
    _p("FaxStatus", "fax_status", "state of the fax", "enum", FAX_STATUSES),
    _p("ErrorCode", "error_code", "why the fax failed"),
    _p("ErrorMessage", "error_message", "why the fax failed, in words"),
    _p("MediaUrl", "media_url", "URL of the received fax document"),
    _p("MediaSid", "media_sid", "unique id of the fax media"),
    _p("NumPages", "num_pages", "pages received", "integer", minimum=0),
    _p("OriginalMediaUrl", "original_media_url", "the media URL given when the fax was sent"),
    _p("RemoteStationId", "remote_station_id", "the sending machine's station id (TSID)"),
)

REFER = (
    *VOICE,
    _p("NotifySipResponseCode", "notify_sip_response_code", "last code the SIP NOTIFYs reported"),
    _p(
        "ReferCallStatus",
        "refer_call_status",
        "outcome of the transfer",
        "enum",
        REFER_CALL_STATUSES,
    ),
    _p("ReferSipResponseCode", "refer_sip_response_code", "response code to the SIP REFER"),
)

_CONFERENCE_SID = _p("ConferenceSid", "conference_sid", "unique id of the conference")
_TIMESTAMP = _p("Timestamp", "timestamp", "when the event happened")

CONFERENCE_STATUS = (
    *VOICE,
    _CONFERENCE_SID,
    _p("FriendlyName", "friendly_name", "the conference's name"),
    _p(
        "StatusCallbackEvent",
        "status_callback_event",
        "what happened in the conference",
        "enum",
        CONFERENCE_EVENTS,
    ),
    _p("EventName", "event_name", "name of the event"),
    _p("Duration", "duration", "length of the conference in seconds", "integer", minimum=0),
    _p("Muted", "muted", "whether the participant is muted (true or false)"),
    _p("Hold", "hold", "whether the participant is on hold (true or false)"),
    _p("StartConferenceOnEnter", "start_conference_on_enter", "the participant's setting"),
    _p("EndConferenceOnExit", "end_conference_on_exit", "the participant's setting"),
    _RECORDING_URL,
    _p("RecordingFileSize", "recording_file_size", "size of the recording file"),
    _TIMESTAMP,
)

STREAM_STATUS = (
    _ACCOUNT_SID,
    _p("CallSid", "call_sid", "unique id of the streamed call", required=True),
    _CONFERENCE_SID,
    _p("StreamSid", "stream_sid", "unique id of the stream", required=True),
    _p("StreamName", "stream_name", "the stream's name (its StreamSid unless named)"),
    _p("StreamEvent", "stream_event", "what happened to the stream", "enum", STREAM_EVENTS),
    _p("StreamError", "stream_error", "what went wrong, for stream-error"),
    _p("StreamTrack", "stream_track", "which audio is streamed", "enum", STREAM_TRACKS),
    _TIMESTAMP,
    _p("Unique-ID", "unique_id", "the call's unique identifier"),
)

KINDS: Mapping[RequestKind, tuple[Param, ...]] = MappingProxyType(
    {
        "voice": VOICE,
        "gather": GATHER,
        "dial": DIAL,
        "record": RECORD,
        "enqueue": ENQUEUE,
        "enqueue_wait": ENQUEUE_WAIT,
        "queue": QUEUE,
        "call_status": CALL_STATUS,
        "recording_status": RECORDING_STATUS,
        "message": MESSAGE,
        "message_status": MESSAGE_STATUS,
        "fax": FAX,
        "fax_status": FAX_STATUS,
        "refer": REFER,
        "conference_status": CONFERENCE_STATUS,
        "stream_status": STREAM_STATUS,
    }
)
"""Every request kind and the parameters it documents, in the table's order."""

TEMPLATE_VARIABLES = (
    _p("APIVersion", "api_version", "API version, as the mustache template guide spells it"),
    _p("Media", "media", "the attached media, as the mustache template guide names it"),
)
"""Names the mustache template guide lists for LaML Bins with no request kind documenting
them: a bin may use them, and the request classes keep them in ``extra``."""

HEADER_PREFIXES = ("SipHeader_X-", "DialSipHeader_X-")
"""Families of parameters named after a SIP X-header (``SipHeader_X-Custom``).

Sent for SIP calls (``<Sip>`` page and the mustache template guide); their names
depend on the headers, so they are not in :data:`KINDS` and the request classes
keep them in ``extra``.
"""

_INDEX = re.compile(r"(0|[1-9][0-9]{0,3})\Z")


def params(kind: RequestKind) -> tuple[Param, ...]:
    """The documented parameters of one request kind, in the table's order.

    Raises ``KeyError`` for a kind that is not in :data:`KINDS`.
    """
    return KINDS[kind]


def iter_params() -> Iterator[Param]:
    """Every documented parameter once (the first entry of each name), across all kinds."""
    seen: set[str] = set()
    for table in KINDS.values():
        for param in table:
            if param.name not in seen:
                seen.add(param.name)
                yield param


_NAMES = frozenset(
    [param.name for param in iter_params()] + [param.name for param in TEMPLATE_VARIABLES]
)
_STEMS = tuple(param.stem for param in iter_params() if param.indexed)


def parameter_names() -> frozenset[str]:
    """Every documented parameter name: all kinds and :data:`TEMPLATE_VARIABLES`.

    Numbered parameters appear as their pattern (``"MediaUrl{N}"``); see :func:`is_documented`
    for a name as sent.
    """
    return _NAMES


_BY_NAME = {
    kind: {param.name: param for param in table if not param.indexed}
    for kind, table in KINDS.items()
}
_NUMBERED = {
    kind: tuple(param for param in table if param.indexed) for kind, table in KINDS.items()
}


def lookup(kind: RequestKind, name: str) -> tuple[Param, int | None] | None:
    """The parameter of ``kind`` a form field name stands for, with its index if numbered.

    ``lookup("message", "MediaUrl2")`` is ``(<MediaUrl{N}>, 2)``; a name the kind does not
    document gives ``None``. Indexes are written without leading zeros, at most 9999.
    Raises ``KeyError`` for a kind that is not in :data:`KINDS`.
    """
    param = _BY_NAME[kind].get(name)
    if param is not None:
        return param, None
    for numbered in _NUMBERED[kind]:
        if name.startswith(numbered.stem):
            rest = name[len(numbered.stem) :]
            if _INDEX.match(rest):
                return numbered, int(rest)
    return None


def is_documented(name: str) -> bool:
    """Whether ``name`` is a parameter SignalWire documents for some webhook request.

    True for every name in :func:`parameter_names`, for numbered names such as
    ``MediaUrl3``, and for the SIP header families (``SipHeader_X-Anything``).
    """
    if name in _NAMES or name.startswith(HEADER_PREFIXES):
        return True
    return any(
        name.startswith(stem) and _INDEX.match(name[len(stem) :]) is not None for stem in _STEMS
    )
