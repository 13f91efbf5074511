"""Webhook app: answer SignalWire's voice webhooks from a web application.

SignalWire POSTs the call's parameters as a form and reads the cXML in the reply.
This app uses only the standard library (WSGI) so it runs anywhere; the same two
handlers fit Flask, Django or FastAPI unchanged (see the README).

    python -m examples.webhook_app     # serves http://localhost:8000/voice
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qsl

from laml import Dial, Gather, Hangup, Number, Redirect, Response, Say

CONTENT_TYPE = "text/xml; charset=utf-8"
SALES = "+15551230001"
SUPPORT = "+15551230002"

StartResponse = Callable[[str, list[tuple[str, str]]], object]


def build() -> Response:
    """The menu a caller hears first (``/voice``)."""
    return Response(
        Gather(
            Say("For sales, press 1. For support, press 2."),
            action="/voice/choice",
            method="POST",
            num_digits=1,
            timeout=5,
        ),
        Say("We did not hear a choice."),
        Redirect("/voice", method="POST"),
    )


def choice(digits: str) -> Response:
    """Where a pressed key leads (``/voice/choice``)."""
    numbers = {"1": SALES, "2": SUPPORT}
    if digits not in numbers:
        return Response(Say("Sorry, that is not an option."), Redirect("/voice", method="POST"))
    return Response(
        Say("Connecting you now."),
        Dial(Number(numbers[digits]), timeout=20),
        Say("Nobody could take your call. Goodbye."),
        Hangup(),
    )


def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    """The WSGI application: route, read the form, reply with cXML."""
    path = str(environ.get("PATH_INFO", ""))
    if path == "/voice":
        document = build()
    elif path == "/voice/choice":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        form = dict(parse_qsl(environ["wsgi.input"].read(length).decode()))
        document = choice(form.get("Digits", ""))
    else:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]
    body_bytes = document.to_xml().encode()
    start_response(
        "200 OK", [("Content-Type", CONTENT_TYPE), ("Content-Length", str(len(body_bytes)))]
    )
    return [body_bytes]


if __name__ == "__main__":
    from wsgiref.simple_server import make_server

    with make_server("localhost", 8000, app) as server:
        print("POST webhooks to http://localhost:8000/voice (Ctrl-C stops)")
        server.serve_forever()
