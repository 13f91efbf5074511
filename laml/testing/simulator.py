"""``CallSimulator``: drive a webhook app the way SignalWire would, inside a test.

The simulator sends the app the requests the platform sends (signed, with the
documented parameters), reads each cXML answer, validates and parses it, and runs
its verbs on a virtual clock. Voice: ``sim.call(...)`` returns a ``Call`` that
waits at each Gather, Dial, Record or Enqueue for the test to act. Messaging:
``sim.message(...)`` returns an ``Exchange`` with the replies.

Sources: SignalWire's cXML voice and messaging reference (the verbs, their
defaults and the request parameters of each ``action``) and the Compatibility
REST API reference (standard request parameters, CallStatus values).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlencode, urljoin, urlsplit

import attrs

from ..checking import validate
from ..errors import ParseError, SimulationError
from ..parsing import parse
from ..webhooks import RequestValidator
from ..webhooks.params import params as webhook_params
from ._engine import Call, Event, Request
from ._transports import AppLike, HttpRequest, HttpResponse, Transport, transport_for

if TYPE_CHECKING:
    from .._model.node import Node
    from .explore import CallGraph

Platform = Literal["signalwire", "twilio"]

API_VERSION = "2010-04-01"
_XML_TYPES = ("text/xml", "application/xml", "text/html")
"""The content types read as a document. ``text/html`` is among them because the
platform reads such an answer as a document too, and the usual Flask handler
``return str(response)`` serves it."""
_SIGNATURE_HEADERS: dict[str, str] = {
    "signalwire": "X-SignalWire-Signature",
    "twilio": "X-Twilio-Signature",
}


class _Rooms(dict[str, list[Call]]):
    """Queues or conferences by name; an unknown name holds nobody."""

    def __missing__(self, key: str) -> list[Call]:
        return []


@attrs.define
class Trace:
    """What a walk of the call flow saw: each URL's verbs and the Gathers that ran."""

    documents: dict[str, list[Node]] = attrs.field(factory=dict)
    gathers: set[tuple[str, int]] = attrs.field(factory=set)


@attrs.define
class Exchange:
    """A simulated inbound message and the app's answer.

    ``replies`` is the body of every ``<Message>`` in order; ``media`` the URL of
    every ``<Media>`` (or ``media`` attribute); ``requests`` what was sent.
    """

    replies: list[str] = attrs.field(factory=list)
    media: list[str] = attrs.field(factory=list)
    messages: list[dict[str, str]] = attrs.field(factory=list)
    """Each ``<Message>``'s attributes (``to``, ``from``, ``action``, ...)."""
    requests: list[Request] = attrs.field(factory=list)


class CallSimulator:
    """Simulates SignalWire (or Twilio) calling a webhook app in the same process.

    ``app``: a WSGI application (Flask, Django), an ASGI application (FastAPI,
    Starlette; run on a private event loop, no server) or a mapping of paths to
    ``LamlBin``s or document strings (bins render with the request parameters).
    ``base_url`` is the scheme and host (and port) the platform believes the app
    has, without a path (``ValueError`` otherwise): requests are signed for it
    and the path of each request. ``signing_key`` signs every request with the
    webhooks module's validator (``X-SignalWire-Signature``, or
    ``X-Twilio-Signature`` with ``platform="twilio"``); ``None`` sends no
    signature. ``max_steps`` bounds the requests that follow one another without
    the caller acting (a redirect loop raises ``SimulationError``); a test may
    walk a menu any number of times. ``seconds_per_word`` and ``seconds_per_play`` say
    how long speech and each audio file take on the virtual clock; ``seed`` makes
    the SIDs reproducible.
    """

    def __init__(
        self,
        app: AppLike | Transport,
        base_url: str = "https://example.com",
        signing_key: str | None = None,
        platform: Platform = "signalwire",
        max_steps: int = 100,
        *,
        seconds_per_word: float = 0.4,
        seconds_per_play: float = 5.0,
        seed: int | None = 0,
    ) -> None:
        if platform not in _SIGNATURE_HEADERS:
            raise ValueError(f"platform must be signalwire or twilio, not {platform!r}")
        if max_steps < 1:
            raise ValueError(f"max_steps must be >= 1 (got {max_steps!r})")
        if seconds_per_word < 0 or seconds_per_play < 0:
            raise ValueError("seconds_per_word and seconds_per_play must be >= 0")
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"base_url must be an absolute http(s) URL (got {base_url!r})")
        if parts.path.strip("/") or parts.query or parts.fragment:
            # The app is called at the paths given to call(), from the host's root.
            raise ValueError(
                "base_url is a scheme and host (with a port if need be), without a path, "
                f"query or fragment: give the path to call() (got {base_url!r})"
            )
        self.transport = transport_for(app)
        self.base_url = base_url.rstrip("/")
        self.platform: Platform = platform
        self.max_steps = max_steps
        self.seconds_per_word = seconds_per_word
        self.seconds_per_play = seconds_per_play
        self._validator = None if signing_key is None else RequestValidator(signing_key)
        self._random = random.Random(seed)
        self._host = parts.netloc
        self._scheme = parts.scheme
        self.account_sid = self.new_sid("AC")
        self.queues: dict[str, list[Call]] = _Rooms()
        """Who waits in each queue, across calls: name -> calls in order."""
        self.conferences: dict[str, list[Call]] = _Rooms()
        """Who is in each conference, across calls: name -> calls."""
        self.calls: list[Call] = []
        """Every call started, in order."""
        self.observers: list[object] = []
        """Objects told of each call started (their ``seen(call)`` method)."""
        self.trace: Trace | None = None
        """When set, where the explorer collects documents and the Gathers that ran."""

    def __repr__(self) -> str:
        signed = "signed" if self._validator else "unsigned"
        return f"<CallSimulator {self.platform} {self.base_url} {signed}>"

    # ------------------------------------------------------------------ public

    def call(
        self,
        path: str,
        *,
        from_: str = "+15550001111",
        to: str = "+15550002222",
        method: str = "POST",
        direction: str = "inbound",
        **params: str,
    ) -> Call:
        """Start an inbound call whose first webhook is ``path``; run it until it waits.

        Extra keywords are sent as form parameters with every request of the
        call. Raises ``SimulationError`` when the app answers with an error, a
        non-XML content type or an invalid document.
        """
        values = {
            "AccountSid": self.account_sid,
            "ApiVersion": API_VERSION,
            "CallSid": self.new_sid("CA"),
            "CallStatus": "ringing",
            "Direction": direction,
            "From": from_,
            "To": to,
        }
        standard = {p.name: values[p.name] for p in webhook_params("voice") if p.name in values}
        standard.update((name, str(value)) for name, value in params.items())
        call = Call(self, standard, self.max_steps)
        self.calls.append(call)
        try:
            call.start(method.upper(), path, {})
        finally:
            for observer in self.observers:
                seen = getattr(observer, "seen", None)
                if seen is not None:
                    seen(call)
        return call

    def message(
        self,
        path: str,
        *,
        body: str = "",
        from_: str = "+15550001111",
        to: str = "+15550002222",
        media: Sequence[str] = (),
        method: str = "POST",
        **params: str,
    ) -> Exchange:
        """Deliver an inbound message to ``path``; return the app's replies.

        Sends the documented messaging parameters (MessageSid, AccountSid, From,
        To, Body, NumMedia, MediaUrl{N}); a ``<Redirect>`` in the answer is
        followed, up to ``max_steps`` requests.
        """
        sid = self.new_sid("MM" if media else "SM")
        values = {
            "AccountSid": self.account_sid,
            "ApiVersion": API_VERSION,
            "MessageSid": sid,
            "SmsSid": sid,
            "From": from_,
            "To": to,
            "Body": body,
            "NumMedia": str(len(media)),
        }
        form = {p.name: values[p.name] for p in webhook_params("message") if p.name in values}
        form.update((f"MediaUrl{index}", url) for index, url in enumerate(media))
        form.update((name, str(value)) for name, value in params.items())
        exchange = Exchange()
        url = urljoin(self.base_url + "/", path)
        verb_method = method.upper()
        for _ in range(self.max_steps):
            response = self._send(verb_method, url, form)
            exchange.requests.append(Request(verb_method, url, form, response.status))
            document = self._document(response, verb_method, url, "messaging", "")
            redirect: Node | None = None
            for verb in document:
                if verb.tag == "Message":
                    exchange.messages.append(dict(verb.attributes))
                    bodies = [child for child in verb.elements if child.tag == "Body"]
                    text = bodies[0].text if bodies else verb.text
                    exchange.replies.append(text.strip())
                    exchange.media.extend(
                        child.text.strip() for child in verb.elements if child.tag == "Media"
                    )
                elif verb.tag == "Redirect":
                    redirect = verb
                    break
            if redirect is None:
                return exchange
            url = urljoin(url, redirect.text.strip() or url)
            verb_method = (redirect.get("method") or "POST").upper()
        raise SimulationError(
            f"more than {self.max_steps} requests for one message (max_steps); "
            f"the last was {verb_method} {url}",
            url=url,
            kind="loop",
        )

    def explore(
        self,
        path: str,
        *,
        from_: str = "+15550001111",
        to: str = "+15550002222",
        keys: str = "0123456789*#",
        speech: Sequence[str] = (),
        max_depth: int = 12,
        max_calls: int = 2000,
    ) -> CallGraph:
        """Walk every path of the call flow from ``path``; see ``laml.testing.explore``."""
        from .explore import explore

        return explore(
            self, path, from_=from_, to=to, keys=keys, speech=speech,
            max_depth=max_depth, max_calls=max_calls,
        )  # fmt: skip

    def close(self) -> None:
        """Release the transport: an ASGI app's lifespan shutdown runs and its loop closes."""
        close = getattr(self.transport, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> CallSimulator:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def twin(self) -> CallSimulator:
        """A new simulator for the same app, base URL, platform, key and clock settings.

        It has its own calls, queues and conferences, and a ``trace``.
        """
        twin = CallSimulator.__new__(CallSimulator)
        twin.__dict__.update(self.__dict__)
        twin._random = random.Random(0)
        twin.queues = _Rooms()
        twin.conferences = _Rooms()
        twin.calls = []
        twin.observers = []
        twin.trace = Trace()
        return twin

    # ------------------------------------------------------------------ platform

    def new_sid(self, prefix: str) -> str:
        """A new SID: a UUID on SignalWire, ``prefix`` and 32 hex digits on Twilio."""
        bits = self._random.getrandbits(128)
        if self.platform == "twilio":
            return prefix + format(bits, "032x")
        return str(uuid.UUID(int=bits, version=4))

    def recording_url(self, call: Call, recording_sid: str) -> str:
        """Where the platform would store a recording of ``call``."""
        account = call.params.get("AccountSid", self.account_sid)
        if self.platform == "twilio":
            return f"https://api.twilio.com/{API_VERSION}/Accounts/{account}/Recordings/{recording_sid}"
        return (
            f"https://example.signalwire.com/api/laml/{API_VERSION}/Accounts/{account}"
            f"/Recordings/{recording_sid}"
        )

    def fetch_voice(
        self, call: Call, method: str, url: str, params: Mapping[str, str], kind: str = "voice"
    ) -> list[Node]:
        """Request ``url`` for ``call`` and return the verbs of the voice document."""
        shown = {
            name: value
            for name, value in params.items()
            if call.params.get(name) != value
            and not name.endswith("Sid")
            and name != "RecordingUrl"
        }
        call.record_event("request", method, shown, url=url)
        response = self._send(method, url, params, call)
        call.requests.append(
            Request(method, url, dict(params), response.status, call.elapsed, kind)
        )
        verbs = self._document(response, method, url, "voice", call.transcript_text())
        if self.trace is not None:
            self.trace.documents.setdefault(url, verbs)
        return verbs

    def _send(
        self, method: str, url: str, params: Mapping[str, str], call: Call | None = None
    ) -> HttpResponse:
        if method not in ("GET", "POST"):
            raise SimulationError(
                f"{method} {url}: the method must be GET or POST",
                url=url,
                transcript=call.transcript_text() if call else "",
                kind="url",
            )
        parts = urlsplit(url)
        if parts.netloc != self._host or parts.scheme != self._scheme:
            raise SimulationError(
                f"{method} {url}: the URL is outside the app under test ({self.base_url})",
                url=url,
                transcript=call.transcript_text() if call else "",
                kind="url",
            )
        headers: dict[str, str] = {"User-Agent": "laml-call-simulator"}
        query = parts.query
        body = b""
        if method == "GET":
            extra = urlencode(params)
            query = f"{query}&{extra}" if query and extra else (query or extra)
            signed_url = f"{parts.scheme}://{parts.netloc}{parts.path}" + (
                f"?{query}" if query else ""
            )
            signed_params: Mapping[str, str] = {}
        else:
            body = urlencode(params).encode("utf-8")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            signed_url = url
            signed_params = params
        if self._validator is not None:
            headers[_SIGNATURE_HEADERS[self.platform]] = self._sign(signed_url, signed_params)
        path = (parts.path or "/") + (f"?{query}" if query else "")
        request = HttpRequest(method, path, query, parts.netloc, parts.scheme, headers, body)
        try:
            return self.transport.send(request)
        except Exception as error:
            raise SimulationError(
                f"{method} {url}: the app raised {type(error).__name__}: {error}",
                url=url,
                transcript=call.transcript_text() if call else "",
                kind="exception",
            ) from error

    def _sign(self, url: str, params: Mapping[str, str]) -> str:
        assert self._validator is not None
        return self._validator.compute_signature(url, dict(params) or None)

    def _document(
        self,
        response: HttpResponse,
        method: str,
        url: str,
        kind: Literal["voice", "messaging"],
        transcript: str,
    ) -> list[Node]:
        where = f"{method} {url}"
        if not 200 <= response.status < 300:
            excerpt = " ".join(response.body[:400].decode("utf-8", "replace").split())[:80]
            hint = ""
            location = response.headers.get("location", "")
            if 300 <= response.status < 400 and location:
                hint = f"; it redirects to {urljoin(url, location)}: request that URL instead"
            if response.status in (401, 403) and self._validator is None:
                hint = (
                    "; no signature was sent: if the app checks signatures, give the "
                    "simulator the signing_key"
                )
            raise SimulationError(
                f"{where} answered {response.status}; the platform needs a 2xx status"
                + (f" (body: {excerpt!r})" if excerpt else "")
                + hint,
                url=url,
                transcript=transcript,
                kind="status",
            )
        content_type = response.content_type
        if content_type not in _XML_TYPES and not content_type.endswith("+xml"):
            raise SimulationError(
                f"{where} answered with content type {content_type or 'none'!r}; "
                "a cXML document is served as text/xml or application/xml (text/html is read too)",
                url=url,
                transcript=transcript,
                kind="content-type",
            )
        findings = validate(response.body, kind=kind, dialect=self.platform)
        errors = [finding for finding in findings if finding.severity == "error"]
        if errors:
            first = errors[0]
            more = f" (and {len(errors) - 1} more error(s))" if len(errors) > 1 else ""
            raise SimulationError(
                f"{where} answered an invalid document: {first.code} at line {first.line}, "
                f"column {first.column}: {first.message}{more}",
                url=url,
                transcript=transcript,
                kind="invalid",
            )
        try:
            document = parse(response.body, kind=kind)
        except ParseError as error:
            raise SimulationError(
                f"{where} answered a document laml cannot run: {error}",
                url=url,
                transcript=transcript,
                kind="invalid",
            ) from error
        return list(document.elements)


__all__ = ["CallSimulator", "Event", "Exchange", "Request", "SimulationError"]
