"""Answering SignalWire webhooks: signature checks, typed requests, framework glue.

- :class:`RequestValidator` checks ``X-SignalWire-Signature`` (and ``X-Twilio-Signature``);
- :mod:`laml.webhooks.params` is the table of documented request parameters;
- :mod:`laml.webhooks.flask`, :mod:`laml.webhooks.django` and
  :mod:`laml.webhooks.starlette` (FastAPI too) wire both into a web app; each imports
  its framework and is imported only when used.
"""

from __future__ import annotations

from . import params
from .signature import SIGNATURE_HEADERS, RequestValidator, signature_from_headers

__all__ = [
    "SIGNATURE_HEADERS",
    "RequestValidator",
    "params",
    "signature_from_headers",
]
