"""Test call flows: a call simulator that drives a webhook app as SignalWire would.

::

    from laml.testing import CallSimulator

    sim = CallSimulator(app, signing_key="PSK_test")
    call = sim.call("/voice")
    call.press("1")
    assert call.said[-1] == "Connecting you to sales"

Works with WSGI apps (Flask, Django), ASGI apps (FastAPI, Starlette) and
mappings of paths to LaML Bins. ``sim.explore("/voice")`` walks every path of
the flow into a ``CallGraph`` with findings. The pytest plugin (registered
automatically) adds the ``laml_app`` and ``call_simulator`` fixtures.
"""

from __future__ import annotations

from ..errors import SimulationError
from ._engine import Call, CallStatus, Event, Pending, Request
from ._transports import (
    ASGITransport,
    HttpRequest,
    HttpResponse,
    MappingTransport,
    Transport,
    WSGITransport,
)
from .assertions import assert_laml_equal
from .clock import VirtualClock
from .explore import CallGraph, Edge, Finding, GraphNode, explore
from .simulator import CallSimulator, Exchange

__all__ = [
    "ASGITransport",
    "Call",
    "CallGraph",
    "CallSimulator",
    "CallStatus",
    "Edge",
    "Event",
    "Exchange",
    "Finding",
    "GraphNode",
    "HttpRequest",
    "HttpResponse",
    "MappingTransport",
    "Pending",
    "Request",
    "SimulationError",
    "Transport",
    "VirtualClock",
    "WSGITransport",
    "assert_laml_equal",
    "explore",
]
