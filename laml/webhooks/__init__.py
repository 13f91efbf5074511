"""Answering SignalWire webhooks: signature checks, typed requests, framework glue.

- :class:`RequestValidator` checks ``X-SignalWire-Signature`` (and ``X-Twilio-Signature``);
- :mod:`laml.webhooks.params` is the table of documented request parameters;
- the typed requests (:class:`VoiceRequest`, :class:`GatherRequest`, ...) read a
  request's form into attributes of the documented types;
- :mod:`laml.webhooks.flask`, :mod:`laml.webhooks.django` and
  :mod:`laml.webhooks.starlette` (FastAPI too) wire both into a web app; each imports
  its framework and is imported only when used.
"""

from __future__ import annotations

from ..errors import ConfigurationError
from . import params
from ._common import CONTENT_TYPE, WebhookSettings
from .requests import (
    REQUEST_CLASSES,
    CallStatusRequest,
    ConferenceStatusRequest,
    DialRequest,
    EnqueueRequest,
    EnqueueWaitRequest,
    FaxRequest,
    FaxStatusRequest,
    GatherRequest,
    MessageRequest,
    MessageStatusRequest,
    QueueRequest,
    RecordingStatusRequest,
    RecordRequest,
    ReferRequest,
    StreamStatusRequest,
    VoiceRequest,
    WebhookRequest,
)
from .signature import SIGNATURE_HEADERS, RequestValidator, signature_from_headers

__all__ = [
    "CONTENT_TYPE",
    "REQUEST_CLASSES",
    "SIGNATURE_HEADERS",
    "CallStatusRequest",
    "ConferenceStatusRequest",
    "ConfigurationError",
    "DialRequest",
    "EnqueueRequest",
    "EnqueueWaitRequest",
    "FaxRequest",
    "FaxStatusRequest",
    "GatherRequest",
    "MessageRequest",
    "MessageStatusRequest",
    "QueueRequest",
    "RecordRequest",
    "RecordingStatusRequest",
    "ReferRequest",
    "RequestValidator",
    "StreamStatusRequest",
    "VoiceRequest",
    "WebhookRequest",
    "WebhookSettings",
    "params",
    "signature_from_headers",
]
