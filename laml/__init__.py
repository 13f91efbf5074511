"""laml: typed builder for SignalWire Compatibility XML (cXML, also called LaML).

Build a document from typed elements and write it::

    from laml import Response, Gather, Say, Hangup

    doc = Response(Gather(Say("Press 1"), num_digits=1, action="/menu"), Hangup())
    print(doc.to_xml())

``laml.twiml`` offers the same elements under twilio-python's names and API.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._model.node import GenericNode, Node
from .diagnostics import CODES, MAX_FINDINGS, Diagnostic
from .errors import (
    LamlAttributeError,
    LamlError,
    LamlTypeError,
    LamlValueError,
    LamlWarning,
    ParseError,
)
from .fax import FaxReject, FaxResponse, Receive
from .messaging import Body, Media, Message, MessagingRedirect, MessagingResponse
from .ssml import (
    SsmlBreak,
    SsmlEmphasis,
    SsmlLang,
    SsmlP,
    SsmlPhoneme,
    SsmlProsody,
    SsmlS,
    SsmlSayAs,
    SsmlSub,
    SsmlW,
)
from .voice import (
    AiSession,
    Application,
    ApplicationSid,
    Autopilot,
    Client,
    Conference,
    ConferenceStream,
    Config,
    Connect,
    Conversation,
    ConversationRelay,
    ConversationRelaySession,
    Denoise,
    Dial,
    Echo,
    Enqueue,
    Gather,
    Hangup,
    Header,
    Headers,
    Identity,
    Leave,
    Number,
    Parameter,
    Pause,
    Pay,
    Play,
    Prompt,
    Queue,
    Record,
    Recording,
    Redirect,
    Refer,
    ReferSip,
    Reject,
    RelayLanguage,
    Response,
    Room,
    Say,
    Sim,
    Sip,
    Siprec,
    SipUri,
    Sms,
    Start,
    Stop,
    Stream,
    Task,
    Transcription,
    Verto,
    VirtualAgent,
    VoiceResponse,
    WhatsApp,
)

if TYPE_CHECKING:
    from .checking import validate
    from .format import format_document
    from .parsing import parse
    from .validation.schema import schema_path

# Reading, validating and formatting need lxml and the schema; building and writing a
# document do not. These names load their modules when first used, so `import laml`
# stays cheap for a webhook that only writes documents.
_LAZY = ("format_document", "parse", "schema_path", "validate")


def __getattr__(name: str) -> Any:
    # Plain import statements, so that tools reading imports see these edges too.
    value: Any
    if name == "validate":
        from .checking import validate as value
    elif name == "parse":
        from .parsing import parse as value
    elif name == "format_document":
        from .format import format_document as value
    elif name == "schema_path":
        from .validation.schema import schema_path as value
    else:
        raise AttributeError(f"module 'laml' has no attribute {name!r}")
    globals()[name] = value
    return value


def _validate_node(node: Node, **options: Any) -> list[Diagnostic]:
    # ``element.validate()`` loads the validator on first use, as ``laml.validate`` does
    # (the element model cannot import it: the validator is built on the model).
    from .validation.validator import validate_document

    return validate_document(node, **options)


if Node._validator is None:
    Node._validator = _validate_node


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__version__ = "0.1.0"

__all__ = [
    "CODES",
    "MAX_FINDINGS",
    "AiSession",
    "Application",
    "ApplicationSid",
    "Autopilot",
    "Body",
    "Client",
    "Conference",
    "ConferenceStream",
    "Config",
    "Connect",
    "Conversation",
    "ConversationRelay",
    "ConversationRelaySession",
    "Denoise",
    "Diagnostic",
    "Dial",
    "Echo",
    "Enqueue",
    "FaxReject",
    "FaxResponse",
    "Gather",
    "GenericNode",
    "Hangup",
    "Header",
    "Headers",
    "Identity",
    "LamlAttributeError",
    "LamlError",
    "LamlTypeError",
    "LamlValueError",
    "LamlWarning",
    "Leave",
    "Media",
    "Message",
    "MessagingRedirect",
    "MessagingResponse",
    "Node",
    "Number",
    "Parameter",
    "ParseError",
    "Pause",
    "Pay",
    "Play",
    "Prompt",
    "Queue",
    "Receive",
    "Record",
    "Recording",
    "Redirect",
    "Refer",
    "ReferSip",
    "Reject",
    "RelayLanguage",
    "Response",
    "Room",
    "Say",
    "Sim",
    "Sip",
    "SipUri",
    "Siprec",
    "Sms",
    "SsmlBreak",
    "SsmlEmphasis",
    "SsmlLang",
    "SsmlP",
    "SsmlPhoneme",
    "SsmlProsody",
    "SsmlS",
    "SsmlSayAs",
    "SsmlSub",
    "SsmlW",
    "Start",
    "Stop",
    "Stream",
    "Task",
    "Transcription",
    "Verto",
    "VirtualAgent",
    "VoiceResponse",
    "WhatsApp",
    "format_document",
    "parse",
    "schema_path",
    "validate",
]
