"""Voice documents: ``<Response>`` with verbs and nouns for calls.

Build natively::

    Response(Gather(Say("Press 1"), num_digits=1, action="/menu"), Hangup())

or the twilio-python way, with fluent methods that append and return the child::

    response = Response()
    response.gather(num_digits=1, action="/menu").say("Press 1")

Attributes are keyword arguments in snake case (``num_digits`` writes
``numDigits``). Elements and attributes that only Twilio has build too, so
migrated code runs; validation reports them.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Literal, Union

from ._model.fields import (
    REQUIRED,
    TEXT,
    TWILIO,
    MaxLength,
    Pattern,
    Range,
    Separator,
    SignalWireType,
    Tokens_,
    TwilioValues,
    TypedDict,
)
from ._model.node import Node, adds
from ._model.types import (
    Bool,
    CallEvents,
    Digits,
    FinishOnKey,
    Int,
    Language,
    Method,
    Name,
    RecordingEvents,
    StorageMethod,
    StreamTrack,
    Text,
    Trim,
    Url,
    Voice,
)
from .ssml import (
    SsmlBreak,
    SsmlEmphasis,
    SsmlInline,
    SsmlLang,
    SsmlP,
    SsmlPhoneme,
    SsmlProsody,
    SsmlS,
    SsmlSayAs,
    SsmlSub,
    SsmlW,
)

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from typing import Unpack
    else:
        from typing_extensions import Unpack

    from ._model.node import reads

TextContent = Annotated[str | None, TEXT]
Seconds = Annotated[Int, Range(0)]

# ---------------------------------------------------------------- shared nouns


class ParameterAttributes(TypedDict, total=False):
    name: Annotated[Name, REQUIRED]
    value: Annotated[Text, REQUIRED]


class Parameter(Node, tag="Parameter"):
    """A custom name/value pair passed to a stream, a payment connector or Twilio's nouns."""

    def __init__(self, **attributes: Unpack[ParameterAttributes]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(ParameterAttributes).get


class Config(Node, tag="Config", twilio_only=True):
    """Twilio only: a name/value setting for a transcription or virtual agent."""

    def __init__(self, **attributes: Unpack[ParameterAttributes]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(ParameterAttributes).get


# ------------------------------------------------------------------ say / play


class SayAttributes(TypedDict, total=False):
    voice: Voice
    loop: Annotated[Int, Range(0)]
    language: Language


class SayKeywords(SayAttributes, total=False):
    """``SayAttributes`` and the text, given by keyword."""

    message: TextContent


class Say(Node, tag="Say", keep_whitespace=True):
    """Speak text (at most 4096 characters), optionally marked up with SSML."""

    def __init__(
        self, *content: str | SsmlInline | None, **attributes: Unpack[SayKeywords]
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(SayAttributes).get

    break_ = adds(SsmlBreak)
    emphasis = adds(SsmlEmphasis)
    lang = adds(SsmlLang)
    p = adds(SsmlP)
    phoneme = adds(SsmlPhoneme)
    prosody = adds(SsmlProsody)
    s = adds(SsmlS)
    say_as = adds(SsmlSayAs)
    sub = adds(SsmlSub)
    w = adds(SsmlW)

    # The names twilio-python 6.x used (and so the `signalwire` package's VoiceResponse).
    ssml_break = break_
    ssml_emphasis = emphasis
    ssml_lang = lang
    ssml_p = p
    ssml_phoneme = phoneme
    ssml_prosody = prosody
    ssml_s = s
    ssml_say_as = say_as
    ssml_sub = sub
    ssml_w = w


class PlayAttributes(TypedDict, total=False):
    loop: Annotated[Int, Range(0)]
    digits: Digits


class PlayKeywords(PlayAttributes, total=False):
    """``PlayAttributes`` and the text, given by keyword."""

    url: TextContent


class Play(Node, tag="Play"):
    """Play an audio file by URL, or DTMF tones with ``digits``."""

    def __init__(self, *content: str | None, **attributes: Unpack[PlayKeywords]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(PlayAttributes).get


class PauseAttributes(TypedDict, total=False):
    length: Seconds


class Pause(Node, tag="Pause"):
    """Wait silently for ``length`` seconds (default 1)."""

    def __init__(self, **attributes: Unpack[PauseAttributes]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(PauseAttributes).get


# ------------------------------------------------------------------------- pay

CardType = Literal[
    "visa", "mastercard", "amex", "maestro", "discover", "optima", "jcb", "diners-club", "enroute"
]
PromptFor = Literal[
    "payment-card-number",
    "expiration-date",
    "security-code",
    "postal-code",
    "bank-routing-number",
    "bank-account-number",
    "payment-processing",
]
PaymentError = Literal[
    "timeout",
    "invalid-card-number",
    "invalid-card-type",
    "invalid-date",
    "invalid-security-code",
    "invalid-bank-routing-number",
    "invalid-bank-account-number",
    "input-matching-failed",
    "internal-error",
]


class PromptAttributes(TypedDict, total=False):
    for_: Annotated[PromptFor | None, "for", REQUIRED]
    error_type: Annotated[Tokens_[PaymentError], "errorType", TwilioValues("internal-error")]
    card_type: Annotated[Tokens_[CardType], "cardType"]
    # SignalWire documents one attempt number; Twilio a list of them.
    attempt: Annotated[Union[Tokens_[int], int], Range(1, 10), SignalWireType(int)]
    require_matching_inputs: Annotated[Bool, "requireMatchingInputs", TWILIO]


class Prompt(Node, tag="Prompt"):
    """What to say or play at one step of a ``<Pay>`` (chosen by ``for_``)."""

    def __init__(
        self,
        *content: Say | Play | Annotated[Pause, TWILIO],
        **attributes: Unpack[PromptAttributes],
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(PromptAttributes).get

    say = adds(Say)
    play = adds(Play)
    pause = adds(Pause)


class PayAttributes(TypedDict, total=False):
    input: Literal["dtmf"] | None
    action: Url
    bank_account_type: Annotated[
        Literal[
            "consumer-checking", "consumer-savings", "commercial-checking", "commercial-savings"
        ]
        | None,
        "bankAccountType",
        TWILIO,
    ]
    status_callback: Annotated[Url, "statusCallback"]
    status_callback_method: Annotated[Method, "statusCallbackMethod", TWILIO]
    timeout: Annotated[Int, Range(4)]
    max_attempts: Annotated[Int, "maxAttempts", Range(1, 3)]
    security_code: Annotated[Bool, "securityCode"]
    postal_code: Annotated[Union[bool, str, None], "postalCode"]
    min_postal_code_length: Annotated[Int, "minPostalCodeLength", Range(0)]
    payment_connector: Annotated[Text, "paymentConnector", TWILIO]
    payment_method: Annotated[Literal["credit-card", "ach-debit"] | None, "paymentMethod"]
    token_type: Annotated[
        Literal["one-time", "reusable", "payment-method"] | None,
        "tokenType",
        TwilioValues("payment-method"),
    ]
    charge_amount: Annotated[Union[float, int, str, None], "chargeAmount", Range(0, 1_000_000)]
    currency: Annotated[Text, Pattern(r"[A-Za-z]{3}", "a three-letter currency code such as usd")]
    description: Text
    valid_card_types: Annotated[Tokens_[CardType], "validCardTypes"]
    language: Language
    payment_connector_url: Annotated[Url, "paymentConnectorUrl"]


class Pay(Node, tag="Pay"):
    """Collect card or bank details by keypad and send them to a payment connector."""

    def __init__(
        self, *content: Prompt | Parameter, **attributes: Unpack[PayAttributes]
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(PayAttributes).get

    prompt = adds(Prompt)
    parameter = adds(Parameter)


# ------------------------------------------------------------------ dial nouns


class NumberAttributes(TypedDict, total=False):
    send_digits: Annotated[Digits, "sendDigits"]
    url: Url
    method: Method
    status_callback_event: Annotated[CallEvents, "statusCallbackEvent"]
    status_callback: Annotated[Url, "statusCallback"]
    status_callback_method: Annotated[Method, "statusCallbackMethod"]
    byoc: Annotated[Text, TWILIO]
    machine_detection: Annotated[Text, "machineDetection", TWILIO]
    amd_status_callback_method: Annotated[Method, "amdStatusCallbackMethod", TWILIO]
    amd_status_callback: Annotated[Url, "amdStatusCallback", TWILIO]
    machine_detection_timeout: Annotated[Seconds, "machineDetectionTimeout", TWILIO]
    machine_detection_speech_threshold: Annotated[
        Seconds, "machineDetectionSpeechThreshold", TWILIO
    ]
    machine_detection_speech_end_threshold: Annotated[
        Seconds, "machineDetectionSpeechEndThreshold", TWILIO
    ]
    machine_detection_silence_timeout: Annotated[Seconds, "machineDetectionSilenceTimeout", TWILIO]


class NumberKeywords(NumberAttributes, total=False):
    """``NumberAttributes`` and the text, given by keyword."""

    phone_number: TextContent


class Number(Node, tag="Number", needs_text=True):
    """A phone number to dial; up to 10 in one ``<Dial>`` ring at once."""

    def __init__(self, *content: str | None, **attributes: Unpack[NumberKeywords]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(NumberAttributes).get


StreamCodec = Literal["PCMU@8000h", "L16@16000h", "L16@24000h"]


class ConferenceStreamAttributes(TypedDict, total=False):
    name: Annotated[Name, REQUIRED]
    url: Annotated[Url, REQUIRED]
    bidir: Bool
    codec: StreamCodec | None
    realtime: Bool
    status_callback: Annotated[Url, "statusCallback"]
    status_callback_method: Annotated[Method, "statusCallbackMethod"]
    stream_ssl_validate_certificate: Annotated[Bool, "streamSslValidateCertificate"]
    stream_start_conference_on_enter: Annotated[Bool, "streamStartConferenceOnEnter"]
    track: StreamTrack


class ConferenceStream(Node, tag="Stream"):
    """SignalWire only: stream a conference's audio to a WebSocket (``wss://``) server."""

    def __init__(
        self, *content: Parameter, **attributes: Unpack[ConferenceStreamAttributes]
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(ConferenceStreamAttributes).get

    parameter = adds(Parameter)


ConferenceEvent = Literal[
    "start", "end", "join", "leave", "mute", "hold", "speaker", "modify", "announcement"
]
ConferenceRecordingEvent = Literal["in-progress", "completed", "failed", "absent"]


class ConferenceAttributes(TypedDict, total=False):
    muted: Bool
    beep: Union[bool, Literal["true", "false", "onEnter", "onExit"], None]
    start_conference_on_enter: Annotated[Bool, "startConferenceOnEnter"]
    end_conference_on_exit: Annotated[Bool, "endConferenceOnExit"]
    wait_url: Annotated[Url, "waitUrl"]
    wait_method: Annotated[Method, "waitMethod"]
    max_participants: Annotated[Int, "maxParticipants", Range(1)]
    record: Literal["do-not-record", "record-from-start"] | None
    recording_configuration_id: Annotated[Text, "recordingConfigurationId", TWILIO]
    region: Annotated[
        Literal["us1", "us2", "ie1", "sg1", "br1", "au1", "jp1", "de1"] | None, TWILIO
    ]
    coach: Text
    trim: Trim
    status_callback_event: Annotated[
        Tokens_[ConferenceEvent], "statusCallbackEvent", TwilioValues("modify", "announcement")
    ]
    status_callback: Annotated[Url, "statusCallback"]
    status_callback_method: Annotated[Method, "statusCallbackMethod"]
    recording_status_callback: Annotated[Url, "recordingStatusCallback"]
    recording_status_callback_method: Annotated[Method, "recordingStatusCallbackMethod"]
    recording_status_callback_event: Annotated[
        Tokens_[ConferenceRecordingEvent], "recordingStatusCallbackEvent", TwilioValues("absent")
    ]
    event_callback_url: Annotated[Url, "eventCallbackUrl"]
    jitter_buffer_size: Annotated[
        Literal["large", "medium", "small", "off"] | None, "jitterBufferSize", TWILIO
    ]
    participant_label: Annotated[Text, "participantLabel", TWILIO]
    stream_url: Annotated[Url, "streamUrl"]


class ConferenceKeywords(ConferenceAttributes, total=False):
    """``ConferenceAttributes`` and the text, given by keyword."""

    name: TextContent


class Conference(Node, tag="Conference", needs_text=True):
    """Join a named conference room; may carry a conference ``<Stream>``."""

    def __init__(
        self, *content: str | ConferenceStream | None, **attributes: Unpack[ConferenceKeywords]
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(ConferenceAttributes).get

    stream = adds(ConferenceStream)


class QueueAttributes(TypedDict, total=False):
    url: Url
    method: Method
    reservation_sid: Annotated[Text, "reservationSid", TWILIO]
    post_work_activity_sid: Annotated[Text, "postWorkActivitySid", TWILIO]


class QueueKeywords(QueueAttributes, total=False):
    """``QueueAttributes`` and the text, given by keyword."""

    name: TextContent


class Queue(Node, tag="Queue", needs_text=True):
    """Connect to the caller waiting longest in a named queue."""

    def __init__(self, *content: str | None, **attributes: Unpack[QueueKeywords]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(QueueAttributes).get


class SipUriAttributes(TypedDict, total=False):
    priority: Annotated[Int, Range(0)]
    weight: Annotated[Int, Range(0)]
    username: Text
    password: Text


class SipUriKeywords(SipUriAttributes, total=False):
    """``SipUriAttributes`` and the text, given by keyword."""

    sip_url: TextContent


class SipUri(Node, tag="Uri", twilio_only=True):
    """Twilio only: one of several SIP URIs to try; SignalWire takes the URI as text."""

    def __init__(self, *content: str | None, **attributes: Unpack[SipUriKeywords]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(SipUriAttributes).get


class Header(Node, tag="Header", twilio_only=True):
    """Twilio only: a custom SIP header; SignalWire takes headers in the URI query."""

    def __init__(self, **attributes: Unpack[ParameterAttributes]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(ParameterAttributes).get


class Headers(Node, tag="Headers", twilio_only=True):
    """Twilio only: the custom SIP headers of a ``<Sip>``."""

    def __init__(self, *content: Header) -> None: ...

    header = adds(Header)


Codec = Literal["PCMU", "PCMA", "G722", "G729", "OPUS"]


class SipAttributes(TypedDict, total=False):
    username: Text
    password: Text
    url: Url
    method: Method
    status_callback_event: Annotated[CallEvents, "statusCallbackEvent"]
    status_callback: Annotated[Url, "statusCallback"]
    status_callback_method: Annotated[Method, "statusCallbackMethod"]
    machine_detection: Annotated[Text, "machineDetection", TWILIO]
    amd_status_callback_method: Annotated[Method, "amdStatusCallbackMethod", TWILIO]
    amd_status_callback: Annotated[Url, "amdStatusCallback", TWILIO]
    machine_detection_timeout: Annotated[Seconds, "machineDetectionTimeout", TWILIO]
    machine_detection_speech_threshold: Annotated[
        Seconds, "machineDetectionSpeechThreshold", TWILIO
    ]
    machine_detection_speech_end_threshold: Annotated[
        Seconds, "machineDetectionSpeechEndThreshold", TWILIO
    ]
    machine_detection_silence_timeout: Annotated[Seconds, "machineDetectionSilenceTimeout", TWILIO]
    codecs: Annotated[Tokens_[Codec], Separator(",")]
    session_timeout: Annotated[Int, "sessionTimeout", Range(0)]


class SipKeywords(SipAttributes, total=False):
    """``SipAttributes`` and the text, given by keyword."""

    sip_url: TextContent


class Sip(Node, tag="Sip", needs_text=True):
    """A SIP URI to dial; up to 10 in one ``<Dial>``, with no other nouns beside them."""

    def __init__(
        self, *content: str | SipUri | Headers | None, **attributes: Unpack[SipKeywords]
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(SipAttributes).get

    uri = adds(SipUri)
    headers = adds(Headers)


class Verto(Node, tag="Verto", needs_text=True):
    """SignalWire only: a Verto (WebRTC) client address to dial."""

    def __init__(self, *content: str | None) -> None: ...


class IdentityAttributes(TypedDict, total=False):
    """No attributes: only the text, given by keyword (``IdentityKeywords``)."""


class IdentityKeywords(IdentityAttributes, total=False):
    """``IdentityAttributes`` and the text, given by keyword."""

    client_identity: TextContent


class Identity(Node, tag="Identity", twilio_only=True):
    """Twilio only: the identity of a Twilio Client endpoint."""

    def __init__(self, *content: str | None, **attributes: Unpack[IdentityKeywords]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(IdentityAttributes).get


class ClientAttributes(TypedDict, total=False):
    url: Url
    method: Method
    status_callback_event: Annotated[CallEvents, "statusCallbackEvent"]
    status_callback: Annotated[Url, "statusCallback"]
    status_callback_method: Annotated[Method, "statusCallbackMethod"]


class ClientKeywords(ClientAttributes, total=False):
    """``ClientAttributes`` and the text, given by keyword."""

    identity: TextContent


class Client(Node, tag="Client", twilio_only=True):
    """Twilio only: dial a Twilio Client app; on SignalWire use ``<Sip>`` or ``<Verto>``."""

    def __init__(
        self, *content: str | Identity | Parameter | None, **attributes: Unpack[ClientKeywords]
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(ClientAttributes).get

    identity = adds(Identity)
    parameter = adds(Parameter)


class SimAttributes(TypedDict, total=False):
    """No attributes: only the text, given by keyword (``SimKeywords``)."""


class SimKeywords(SimAttributes, total=False):
    """``SimAttributes`` and the text, given by keyword."""

    sim_sid: TextContent


class Sim(Node, tag="Sim", twilio_only=True):
    """Twilio only: dial a Twilio Super SIM."""

    def __init__(self, *content: str | None, **attributes: Unpack[SimKeywords]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(SimAttributes).get


class ApplicationSidAttributes(TypedDict, total=False):
    """No attributes: only the text, given by keyword (``ApplicationSidKeywords``)."""


class ApplicationSidKeywords(ApplicationSidAttributes, total=False):
    """``ApplicationSidAttributes`` and the text, given by keyword."""

    sid: TextContent


class ApplicationSid(Node, tag="ApplicationSid", twilio_only=True):
    """Twilio only: the SID of the application to dial."""

    def __init__(
        self, *content: str | None, **attributes: Unpack[ApplicationSidKeywords]
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(ApplicationSidAttributes).get


class ApplicationAttributes(TypedDict, total=False):
    url: Url
    method: Method
    status_callback_event: Annotated[CallEvents, "statusCallbackEvent"]
    status_callback: Annotated[Url, "statusCallback"]
    status_callback_method: Annotated[Method, "statusCallbackMethod"]
    customer_id: Annotated[Text, "customerId"]
    copy_parent_to: Annotated[Bool, "copyParentTo"]


class ApplicationKeywords(ApplicationAttributes, total=False):
    """``ApplicationAttributes`` and the text, given by keyword."""

    application_sid: TextContent


class Application(Node, tag="Application", twilio_only=True):
    """Twilio only: dial a TwiML application."""

    def __init__(
        self,
        *content: str | ApplicationSid | Parameter | None,
        **attributes: Unpack[ApplicationKeywords],
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(ApplicationAttributes).get

    application_sid = adds(ApplicationSid)
    parameter = adds(Parameter)


class WhatsAppAttributes(TypedDict, total=False):
    url: Url
    method: Method
    status_callback_event: Annotated[CallEvents, "statusCallbackEvent"]
    status_callback: Annotated[Url, "statusCallback"]
    status_callback_method: Annotated[Method, "statusCallbackMethod"]


class WhatsAppKeywords(WhatsAppAttributes, total=False):
    """``WhatsAppAttributes`` and the text, given by keyword."""

    phone_number: TextContent


class WhatsApp(Node, tag="WhatsApp", twilio_only=True):
    """Twilio only: dial a WhatsApp number."""

    def __init__(self, *content: str | None, **attributes: Unpack[WhatsAppKeywords]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(WhatsAppAttributes).get


DialRecord = Literal[
    "do-not-record",
    "record-from-answer",
    "record-from-ringing",
    "record-from-answer-dual",
    "record-from-ringing-dual",
]
RingTone = Literal[
    "at", "au", "bg", "br", "be", "ch", "cl", "cn", "cz", "de", "dk", "ee", "es", "fi", "fr",
    "gr", "hu", "il", "in", "it", "lt", "jp", "mx", "my", "nl", "no", "nz", "ph", "pl", "pt",
    "ru", "se", "sg", "th", "uk", "us", "us-old", "tw", "ve", "za",
]  # fmt: skip


class DialAttributes(TypedDict, total=False):
    action: Url
    method: Method
    timeout: Annotated[Int, Range(5, 600)]
    hangup_on_star: Annotated[Bool, "hangupOnStar"]
    time_limit: Annotated[Int, "timeLimit", Range(0)]
    caller_id: Annotated[Text, "callerId"]
    record: Union[DialRecord, bool, None]
    trim: Trim
    recording_status_callback: Annotated[Url, "recordingStatusCallback"]
    recording_configuration_id: Annotated[Text, "recordingConfigurationId", TWILIO]
    recording_status_callback_method: Annotated[Method, "recordingStatusCallbackMethod"]
    recording_status_callback_event: Annotated[RecordingEvents, "recordingStatusCallbackEvent"]
    answer_on_bridge: Annotated[Bool, "answerOnBridge"]
    ring_tone: Annotated[RingTone | None, "ringTone"]
    recording_track: Annotated[Literal["both", "inbound", "outbound"] | None, "recordingTrack"]
    sequential: Annotated[Bool, TWILIO]
    refer_url: Annotated[Url, "referUrl", TWILIO]
    refer_method: Annotated[Method, "referMethod", TWILIO]
    events: Annotated[Literal["call-progress-event"] | None, TWILIO]
    passports: Annotated[Text, TWILIO]
    caller_name: Annotated[Text, "callerName", MaxLength(70)]
    recording_storage_url: Annotated[Url, "recordingStorageUrl"]
    recording_storage_url_method: Annotated[StorageMethod, "recordingStorageUrlMethod"]


class DialKeywords(DialAttributes, total=False):
    """``DialAttributes`` and the text, given by keyword."""

    number: TextContent


DialNoun = Union[Number, Conference, Queue, Sip, Verto, Client, Sim, Application, WhatsApp]


class Dial(Node, tag="Dial"):
    """Connect the caller to another party: numbers, SIP, Verto, a conference or a queue."""

    def __init__(
        self, *content: str | DialNoun | None, **attributes: Unpack[DialKeywords]
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(DialAttributes).get

    client = adds(Client)
    conference = adds(Conference)
    number = adds(Number)
    queue = adds(Queue)
    sim = adds(Sim)
    sip = adds(Sip)
    application = adds(Application)
    whats_app = adds(WhatsApp)
    verto = adds(Verto)


# ---------------------------------------------------------------- other verbs


class EchoAttributes(TypedDict, total=False):
    timeout: Annotated[Int, Range(5, 120)]


class Echo(Node, tag="Echo"):
    """Play the caller's audio back to them, for ``timeout`` seconds (5 to 120)."""

    def __init__(self, **attributes: Unpack[EchoAttributes]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(EchoAttributes).get


class TaskAttributes(TypedDict, total=False):
    priority: Annotated[Int, Range(0)]
    timeout: Annotated[Int, Range(0)]


class TaskKeywords(TaskAttributes, total=False):
    """``TaskAttributes`` and the text, given by keyword."""

    body: Annotated[Union[str, Mapping[str, object], None], TEXT]


class Task(Node, tag="Task", twilio_only=True):
    """Twilio only: a TaskRouter task (a mapping is written as JSON)."""

    def __init__(self, *content: str | None, **attributes: Unpack[TaskKeywords]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(TaskAttributes).get


class EnqueueAttributes(TypedDict, total=False):
    action: Url
    max_queue_size: Annotated[Int, "maxQueueSize", Range(1), TWILIO]
    method: Method
    wait_url: Annotated[Url, "waitUrl"]
    wait_url_method: Annotated[Method, "waitUrlMethod"]
    workflow_sid: Annotated[Text, "workflowSid", TWILIO]


class EnqueueKeywords(EnqueueAttributes, total=False):
    """``EnqueueAttributes`` and the text, given by keyword."""

    name: TextContent


class Enqueue(Node, tag="Enqueue", needs_text=True):
    """Put the caller in a named queue, with ``wait_url`` played while they wait."""

    def __init__(
        self, *content: str | Task | None, **attributes: Unpack[EnqueueKeywords]
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(EnqueueAttributes).get

    task = adds(Task)


class GatherAttributes(TypedDict, total=False):
    input: Tokens_[Literal["dtmf", "speech"]]
    action: Url
    method: Method
    timeout: Seconds
    speech_timeout: Annotated[Union[int, Literal["auto"], None], "speechTimeout", Range(0)]
    max_speech_time: Annotated[Seconds, "maxSpeechTime", TWILIO]
    profanity_filter: Annotated[Bool, "profanityFilter"]
    finish_on_key: Annotated[FinishOnKey, "finishOnKey"]
    num_digits: Annotated[Int, "numDigits", Range(1)]
    partial_result_callback: Annotated[Url, "partialResultCallback"]
    partial_result_callback_method: Annotated[Method, "partialResultCallbackMethod"]
    language: Language
    hints: Text
    barge_in: Annotated[Bool, "bargeIn", TWILIO]
    debug: Annotated[Bool, TWILIO]
    action_on_empty_result: Annotated[Bool, "actionOnEmptyResult"]
    # Twilio's list of models grows with its speech providers; SignalWire names three.
    speech_model: Annotated[
        Literal["default", "phone_call", "video"] | str | None,
        "speechModel",
        TwilioValues(others=True),
    ]
    enhanced: Bool


class Gather(Node, tag="Gather"):
    """Collect keypad digits or speech while prompting, then request ``action``."""

    def __init__(
        self, *content: Say | Play | Pause, **attributes: Unpack[GatherAttributes]
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(GatherAttributes).get

    say = adds(Say)
    pause = adds(Pause)
    play = adds(Play)


class Hangup(Node, tag="Hangup"):
    """End the call."""

    def __init__(self, *content: Annotated[Parameter, TWILIO]) -> None: ...

    parameter = adds(Parameter)


class Leave(Node, tag="Leave"):
    """Take the caller out of the queue they wait in, and go on after ``<Enqueue>``."""

    def __init__(self) -> None: ...


class RecordAttributes(TypedDict, total=False):
    action: Url
    method: Method
    timeout: Seconds
    finish_on_key: Annotated[FinishOnKey, "finishOnKey"]
    max_length: Annotated[Seconds, "maxLength"]
    play_beep: Annotated[Bool, "playBeep"]
    trim: Trim
    recording_status_callback: Annotated[Url, "recordingStatusCallback"]
    recording_status_callback_method: Annotated[Method, "recordingStatusCallbackMethod"]
    recording_status_callback_event: Annotated[RecordingEvents, "recordingStatusCallbackEvent"]
    transcribe: Bool
    transcribe_callback: Annotated[Url, "transcribeCallback"]
    recording_configuration_id: Annotated[Text, "recordingConfigurationId", TWILIO]
    storage_url: Annotated[Url, "storageUrl"]
    storage_url_method: Annotated[StorageMethod, "storageUrlMethod"]


class Record(Node, tag="Record"):
    """Record the caller and send the recording's URL to ``action``."""

    def __init__(self, **attributes: Unpack[RecordAttributes]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(RecordAttributes).get


class RedirectAttributes(TypedDict, total=False):
    method: Method


class RedirectKeywords(RedirectAttributes, total=False):
    """``RedirectAttributes`` and the text, given by keyword."""

    url: TextContent


class Redirect(Node, tag="Redirect", needs_text=True):
    """Continue the call with the document at another URL; later verbs never run."""

    def __init__(self, *content: str | None, **attributes: Unpack[RedirectKeywords]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(RedirectAttributes).get


class ReferSipAttributes(TypedDict, total=False):
    """No attributes: only the text, given by keyword (``ReferSipKeywords``)."""


class ReferSipKeywords(ReferSipAttributes, total=False):
    """``ReferSipAttributes`` and the text, given by keyword."""

    sip_url: TextContent


class ReferSip(Node, tag="Sip", needs_text=True):
    """The SIP URI a ``<Refer>`` transfers the call to (no attributes)."""

    def __init__(self, *content: str | None, **attributes: Unpack[ReferSipKeywords]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(ReferSipAttributes).get


class ReferAttributes(TypedDict, total=False):
    action: Url
    method: Method


class Refer(Node, tag="Refer"):
    """Transfer a SIP call elsewhere with a SIP REFER."""

    def __init__(self, *content: ReferSip, **attributes: Unpack[ReferAttributes]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(ReferAttributes).get

    sip = adds(ReferSip)
    refer_sip = sip  # twilio-python 6.x's name


class RejectAttributes(TypedDict, total=False):
    reason: Literal["rejected", "busy"] | None


class Reject(Node, tag="Reject"):
    """Refuse an incoming call without answering it (no charge)."""

    def __init__(
        self, *content: Annotated[Parameter, TWILIO], **attributes: Unpack[RejectAttributes]
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(RejectAttributes).get

    parameter = adds(Parameter)


class SmsAttributes(TypedDict, total=False):
    to: Text
    from_: Annotated[Text, "from"]
    action: Url
    method: Method
    status_callback: Annotated[Url, "statusCallback"]


class SmsKeywords(SmsAttributes, total=False):
    """``SmsAttributes`` and the text, given by keyword."""

    message: TextContent


class Sms(Node, tag="Sms"):
    """Send a text message during a call (under 1600 characters)."""

    def __init__(self, *content: str | None, **attributes: Unpack[SmsKeywords]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(SmsAttributes).get


# ------------------------------------------------------------------ streaming


class StreamAttributes(TypedDict, total=False):
    name: Text
    connector_name: Annotated[Text, "connectorName", TWILIO]
    url: Url
    track: StreamTrack
    status_callback: Annotated[Url, "statusCallback"]
    status_callback_method: Annotated[Method, "statusCallbackMethod"]
    audio_format: Annotated[Text, "audioFormat", TWILIO]
    sample_rate: Annotated[Text, "sampleRate", TWILIO]
    auth_bearer_token: Annotated[Text, "authBearerToken"]
    codec: StreamCodec | None
    realtime: Bool


class Stream(Node, tag="Stream"):
    """Stream the call's audio to a WebSocket (``wss://``) server."""

    def __init__(self, *content: Parameter, **attributes: Unpack[StreamAttributes]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(StreamAttributes).get

    parameter = adds(Parameter)


class SiprecAttributes(TypedDict, total=False):
    name: Text
    connector_name: Annotated[Text, "connectorName"]
    track: StreamTrack
    status_callback: Annotated[Url, "statusCallback"]
    status_callback_method: Annotated[Method, "statusCallbackMethod"]


class Siprec(Node, tag="Siprec", twilio_only=True):
    """Twilio only: record the call with a SIPREC connector."""

    def __init__(self, *content: Parameter, **attributes: Unpack[SiprecAttributes]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(SiprecAttributes).get

    parameter = adds(Parameter)


class TranscriptionAttributes(TypedDict, total=False):
    name: Text
    track: StreamTrack
    status_callback_url: Annotated[Url, "statusCallbackUrl"]
    status_callback_method: Annotated[Method, "statusCallbackMethod"]
    inbound_track_label: Annotated[Text, "inboundTrackLabel"]
    outbound_track_label: Annotated[Text, "outboundTrackLabel"]
    partial_results: Annotated[Bool, "partialResults"]
    language_code: Annotated[Text, "languageCode"]
    transcription_engine: Annotated[Text, "transcriptionEngine"]
    profanity_filter: Annotated[Bool, "profanityFilter"]
    speech_model: Annotated[Text, "speechModel"]
    hints: Text
    enable_automatic_punctuation: Annotated[Bool, "enableAutomaticPunctuation"]
    intelligence_service: Annotated[Text, "intelligenceService"]


class Transcription(Node, tag="Transcription", twilio_only=True):
    """Twilio only: real-time transcription of the call."""

    def __init__(
        self, *content: Config | Parameter, **attributes: Unpack[TranscriptionAttributes]
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(TranscriptionAttributes).get

    config = adds(Config)
    parameter = adds(Parameter)


class RecordingAttributes(TypedDict, total=False):
    recording_status_callback: Annotated[Url, "recordingStatusCallback"]
    recording_status_callback_method: Annotated[Method, "recordingStatusCallbackMethod"]
    recording_status_callback_event: Annotated[RecordingEvents, "recordingStatusCallbackEvent"]
    trim: Trim
    track: Literal["both", "inbound", "outbound"] | None
    channels: Literal["mono", "dual"] | None
    recording_configuration_id: Annotated[Text, "recordingConfigurationId"]


class Recording(Node, tag="Recording", twilio_only=True):
    """Twilio only: start recording the call in the background."""

    def __init__(self, **attributes: Unpack[RecordingAttributes]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(RecordingAttributes).get


class StartAttributes(TypedDict, total=False):
    action: Annotated[Url, TWILIO]
    method: Annotated[Method, TWILIO]


class Start(Node, tag="Start"):
    """Start something in the background (a ``<Stream>``) and go on with the next verb."""

    def __init__(
        self,
        *content: Stream | Siprec | Transcription | Recording,
        **attributes: Unpack[StartAttributes],
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(StartAttributes).get

    stream = adds(Stream)
    siprec = adds(Siprec)
    transcription = adds(Transcription)
    recording = adds(Recording)


class Stop(Node, tag="Stop"):
    """Stop a background ``<Stream>`` by its name."""

    def __init__(self, *content: Stream | Siprec | Transcription) -> None: ...

    stream = adds(Stream)
    siprec = adds(Siprec)
    transcription = adds(Transcription)


# -------------------------------------------------------------------- connect


class RoomAttributes(TypedDict, total=False):
    participant_identity: Annotated[Text, "participantIdentity", TWILIO]


class RoomKeywords(RoomAttributes, total=False):
    """``RoomAttributes`` and the text, given by keyword."""

    name: TextContent


class Room(Node, tag="Room", needs_text=True):
    """A video room to connect the caller to, by its unique name."""

    def __init__(self, *content: str | None, **attributes: Unpack[RoomKeywords]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(RoomAttributes).get


class AutopilotAttributes(TypedDict, total=False):
    """No attributes: only the text, given by keyword (``AutopilotKeywords``)."""


class AutopilotKeywords(AutopilotAttributes, total=False):
    """``AutopilotAttributes`` and the text, given by keyword."""

    name: TextContent


class Autopilot(Node, tag="Autopilot", twilio_only=True):
    """Twilio only (retired): an Autopilot assistant."""

    def __init__(self, *content: str | None, **attributes: Unpack[AutopilotKeywords]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(AutopilotAttributes).get


class VirtualAgentAttributes(TypedDict, total=False):
    connector_name: Annotated[Name, "connectorName", REQUIRED]
    language: Annotated[Text, TWILIO]
    sentiment_analysis: Annotated[Bool, "sentimentAnalysis", TWILIO]
    status_callback: Annotated[Url, "statusCallback", TWILIO]
    status_callback_method: Annotated[Method, "statusCallbackMethod", TWILIO]


class VirtualAgent(Node, tag="VirtualAgent"):
    """A Dialogflow agent (deprecated by SignalWire: existing applications only)."""

    def __init__(
        self,
        *content: Config | Annotated[Parameter, TWILIO],
        **attributes: Unpack[VirtualAgentAttributes],
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(VirtualAgentAttributes).get

    config = adds(Config)
    parameter = adds(Parameter)


class ConversationAttributes(TypedDict, total=False):
    service_instance_sid: Annotated[Text, "serviceInstanceSid"]
    inbound_autocreation: Annotated[Bool, "inboundAutocreation"]
    routing_assignment_timeout: Annotated[Seconds, "routingAssignmentTimeout"]
    inbound_timeout: Annotated[Seconds, "inboundTimeout"]
    url: Url
    method: Method
    record: Union[DialRecord, bool, None]
    trim: Trim
    recording_status_callback: Annotated[Url, "recordingStatusCallback"]
    recording_status_callback_method: Annotated[Method, "recordingStatusCallbackMethod"]
    recording_status_callback_event: Annotated[RecordingEvents, "recordingStatusCallbackEvent"]
    status_callback: Annotated[Url, "statusCallback"]
    status_callback_method: Annotated[Method, "statusCallbackMethod"]
    status_callback_event: Annotated[
        Tokens_[Literal["call-initiated", "call-ringing", "call-answered", "call-completed"]],
        "statusCallbackEvent",
    ]


class Conversation(Node, tag="Conversation", twilio_only=True):
    """Twilio only: connect the call to a Twilio Conversation."""

    def __init__(self, **attributes: Unpack[ConversationAttributes]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(ConversationAttributes).get


class RelayLanguageAttributes(TypedDict, total=False):
    code: Text
    tts_provider: Annotated[Text, "ttsProvider"]
    voice: Text
    transcription_provider: Annotated[Text, "transcriptionProvider"]
    speech_model: Annotated[Text, "speechModel"]
    hints: Text
    asr_smart_format: Annotated[Bool, "asrSmartFormat"]
    tts_text_normalization: Annotated[Text, "ttsTextNormalization"]
    tts_language_text_normalization: Annotated[Bool, "ttsLanguageTextNormalization"]


class RelayLanguage(Node, tag="Language", twilio_only=True):
    """Twilio only: per-language settings of a ``<ConversationRelay>``."""

    def __init__(self, **attributes: Unpack[RelayLanguageAttributes]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(RelayLanguageAttributes).get


class ConversationRelayAttributes(TypedDict, total=False):
    url: Url
    language: Text
    tts_language: Annotated[Text, "ttsLanguage"]
    transcription_language: Annotated[Text, "transcriptionLanguage"]
    tts_provider: Annotated[Text, "ttsProvider"]
    voice: Text
    transcription_provider: Annotated[Text, "transcriptionProvider"]
    speech_model: Annotated[Text, "speechModel"]
    profanity_filter: Annotated[Bool, "profanityFilter"]
    dtmf_detection: Annotated[Bool, "dtmfDetection"]
    welcome_greeting: Annotated[Text, "welcomeGreeting"]
    partial_prompts: Annotated[Bool, "partialPrompts"]
    welcome_greeting_interruptible: Annotated[Text, "welcomeGreetingInterruptible"]
    interruptible: Text
    preemptible: Bool
    hints: Text
    intelligence_service: Annotated[Text, "intelligenceService"]
    report_input_during_agent_speech: Annotated[Bool, "reportInputDuringAgentSpeech"]
    elevenlabs_text_normalization: Annotated[Text, "elevenlabsTextNormalization"]
    interrupt_sensitivity: Annotated[Text, "interruptSensitivity"]
    debug: Text
    # twilio-python spells these four keywords in camel case; kept for compatibility.
    backgroundNoiseReduction: Text
    speechTimeout: Text
    deepgramSmartFormat: Text
    ignoreBackchannel: Text
    events: Text
    partial_prompt_on_hangup: Annotated[Bool, "partialPromptOnHangup"]
    eager_eot_threshold: Annotated[Text, "eagerEotThreshold"]
    asr_smart_format: Annotated[Bool, "asrSmartFormat"]
    tts_text_normalization: Annotated[Text, "ttsTextNormalization"]
    tts_language_text_normalization: Annotated[Bool, "ttsLanguageTextNormalization"]
    elevenlabs_language_text_normalization: Annotated[Bool, "elevenlabsLanguageTextNormalization"]
    include_in_prompt: Annotated[Text, "includeInPrompt"]
    customer_name: Annotated[Text, "customerName"]
    application_reconnect: Annotated[Bool, "applicationReconnect"]
    echo_prompt_filtering: Annotated[Bool, "echoPromptFiltering"]
    turn_detection: Annotated[Bool, "turnDetection"]


class ConversationRelay(Node, tag="ConversationRelay", twilio_only=True):
    """Twilio only: connect the call to a text-based AI service over a WebSocket."""

    def __init__(
        self,
        *content: RelayLanguage | Parameter,
        **attributes: Unpack[ConversationRelayAttributes],
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(ConversationRelayAttributes).get

    language = adds(RelayLanguage)
    parameter = adds(Parameter)


class AiSessionAttributes(TypedDict, total=False):
    ai_connector: Annotated[Text, "aiConnector"]
    ai_session_configuration: Annotated[Text, "aiSessionConfiguration"]


class AiSession(Node, tag="AiSession", twilio_only=True):
    """Twilio only: connect the call to an AI connector session."""

    def __init__(self, **attributes: Unpack[AiSessionAttributes]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(AiSessionAttributes).get


class ConversationRelaySessionAttributes(TypedDict, total=False):
    connector: Text
    session_configuration: Annotated[Text, "sessionConfiguration"]


class ConversationRelaySession(Node, tag="ConversationRelaySession", twilio_only=True):
    """Twilio only: connect the call to a ConversationRelay session connector."""

    def __init__(self, **attributes: Unpack[ConversationRelaySessionAttributes]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(ConversationRelaySessionAttributes).get


class ConnectAttributes(TypedDict, total=False):
    action: Url
    method: Annotated[Method, TWILIO]


ConnectNoun = Union[
    Room,
    Stream,
    VirtualAgent,
    Autopilot,
    Conversation,
    ConversationRelay,
    AiSession,
    ConversationRelaySession,
]


class Connect(Node, tag="Connect"):
    """Connect the call to a video room, a bidirectional stream or an agent."""

    def __init__(self, *content: ConnectNoun, **attributes: Unpack[ConnectAttributes]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(ConnectAttributes).get

    room = adds(Room)
    autopilot = adds(Autopilot)
    stream = adds(Stream)
    virtual_agent = adds(VirtualAgent)
    conversation = adds(Conversation)
    conversation_relay = adds(ConversationRelay)
    ai_session = adds(AiSession)
    conversation_relay_session = adds(ConversationRelaySession)


class Denoise(Node, tag="Denoise"):
    """SignalWire only: turn noise reduction ``on`` or ``off`` for the rest of the call."""

    def __init__(self, *content: Literal["on", "off"]) -> None: ...


VoiceVerb = Union[
    Connect,
    Denoise,
    Dial,
    Echo,
    Enqueue,
    Gather,
    Hangup,
    Leave,
    Pause,
    Pay,
    Play,
    Record,
    Redirect,
    Refer,
    Reject,
    Say,
    Sms,
    Start,
    Stop,
]
"""Every verb a voice ``<Response>`` may hold."""


class VoiceResponse(Node, tag="Response"):
    """The root of a voice document: verbs run top to bottom."""

    # twilio-python also lets ``<Queue>`` and ``<Prompt>`` sit directly under the root;
    # they build for compatibility and validation reports them.
    def __init__(self, *content: VoiceVerb | Queue | Prompt) -> None: ...

    connect = adds(Connect)
    denoise = adds(Denoise)
    dial = adds(Dial)
    echo = adds(Echo)
    enqueue = adds(Enqueue)
    gather = adds(Gather)
    hangup = adds(Hangup)
    leave = adds(Leave)
    pause = adds(Pause)
    play = adds(Play)
    queue = adds(Queue)
    record = adds(Record)
    redirect = adds(Redirect)
    reject = adds(Reject)
    say = adds(Say)
    sms = adds(Sms)
    pay = adds(Pay)
    prompt = adds(Prompt)
    start = adds(Start)
    stop = adds(Stop)
    refer = adds(Refer)


Response = VoiceResponse
