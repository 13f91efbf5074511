"""Transports: send one HTTP request to the app under test, in process, and read its answer.

One small interface (``Transport.send``) with three implementations: a WSGI
application (Flask, Django), an ASGI application (FastAPI, Starlette) run on a
private event loop, and a mapping of paths to LaML Bins or documents. The call
engine above knows nothing of frameworks.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import inspect
import io
import sys
import weakref
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol, TypeVar, Union
from urllib.parse import parse_qsl

import attrs

from ..bins import LamlBin


@attrs.frozen
class HttpRequest:
    """A request as the platform sends it: method, path with query, headers, form body."""

    method: str
    path: str
    """The path and query string, like ``/menu?step=2``."""
    query: str
    host: str
    scheme: str
    headers: Mapping[str, str]
    body: bytes = b""


@attrs.frozen
class HttpResponse:
    """The app's answer: status code, headers (lower-case names) and body bytes."""

    status: int
    headers: Mapping[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower case (``text/xml``)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


class Transport(Protocol):
    """What sends a request to the app under test and returns its answer."""

    def send(self, request: HttpRequest) -> HttpResponse: ...

    def routes(self) -> list[str] | None:
        """The paths the app declares, when it can tell (else ``None``)."""
        ...


AppLike = Union[Callable[..., Any], Mapping[str, Union[LamlBin, str]]]
"""A WSGI application, an ASGI application, or a mapping of paths to bins or documents."""


class WSGITransport:
    """Calls a WSGI application (PEP 3333) directly, with an environ built per request."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    def send(self, request: HttpRequest) -> HttpResponse:
        host, _, port = request.host.partition(":")
        environ: dict[str, Any] = {
            "REQUEST_METHOD": request.method,
            "SCRIPT_NAME": "",
            "PATH_INFO": request.path.partition("?")[0],
            "QUERY_STRING": request.query,
            "SERVER_NAME": host,
            "SERVER_PORT": port or ("443" if request.scheme == "https" else "80"),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": request.scheme,
            "wsgi.input": io.BytesIO(request.body),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
            "CONTENT_LENGTH": str(len(request.body)),
            "HTTP_HOST": request.host,
        }
        for name, value in request.headers.items():
            key = name.upper().replace("-", "_")
            if key == "CONTENT_TYPE":
                environ["CONTENT_TYPE"] = value
            else:
                environ["HTTP_" + key] = value
        started: list[Any] = []

        def start_response(
            status: str, headers: list[tuple[str, str]], exc_info: Any = None
        ) -> Any:
            started[:] = [status, headers]
            return lambda data: chunks.append(data)

        chunks: list[bytes] = []
        result: Iterable[bytes] = self.app(environ, start_response)
        try:
            chunks.extend(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        status_line, header_list = started
        headers = {name.lower(): value for name, value in header_list}
        return HttpResponse(int(status_line.split(" ", 1)[0]), headers, b"".join(chunks))

    def routes(self) -> list[str] | None:
        url_map = getattr(self.app, "url_map", None)  # Flask
        if url_map is not None:
            return sorted(
                rule.rule
                for rule in url_map.iter_rules()
                if rule.endpoint != "static" and "<" not in rule.rule
            )
        return _django_routes(self.app)


def _django_routes(app: object) -> list[str] | None:
    if type(app).__module__.split(".")[0] != "django":
        return None
    from django.urls import URLPattern, URLResolver, get_resolver

    found: list[str] = []

    def walk(patterns: Iterable[Any], prefix: str) -> None:
        for pattern in patterns:
            text = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, text)
            elif isinstance(pattern, URLPattern) and "<" not in text and "(" not in text:
                found.append("/" + text)

    walk(get_resolver().url_patterns, "")
    return sorted(found)


_T = TypeVar("_T")


def _outside_running_loop(function: Callable[..., _T], *args: Any) -> _T:
    """``function(*args)``, on a worker thread when this thread runs an event loop.

    The private loop cannot run inside another (an ``async def`` test under
    pytest-asyncio or anyio): there the call waits for a thread that runs it.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args)
    with concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="laml-asgi") as pool:
        return pool.submit(function, *args).result()


def _close_when_collected(runtime: _Runtime) -> None:
    """Close the private loop of a transport nobody closed, as it is collected.

    A collection can come at any point, also while this thread holds a lock (a thread
    pool's, say), so this never waits for another thread. Outside an event loop it runs
    the app's shutdown as ``close()`` does; inside one, where the private loop cannot
    run, it closes the loop without the shutdown.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        runtime.close()
        return
    loop = runtime.loop
    if loop is not None and not loop.is_closed() and not loop.is_running():
        loop.close()


class _Runtime:
    """The private event loop of an ASGI transport and the app's lifespan task."""

    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self.lifespan: asyncio.Task[None] | None = None
        self.to_app: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.from_app: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    def close(self) -> None:
        loop = self.loop
        if loop is None or loop.is_closed():
            return
        if self.lifespan is not None and not self.lifespan.done():
            loop.run_until_complete(self.shutdown())
        loop.close()

    async def shutdown(self) -> None:
        await self.to_app.put({"type": "lifespan.shutdown"})
        await self.from_app.get()
        if self.lifespan is not None:
            await self.lifespan


class ASGITransport:
    """Runs an ASGI application (``http`` scope, ASGI 3) in process, on its own event loop.

    Before the first request the app's ``lifespan`` startup runs (when the app
    speaks the lifespan protocol; an app that does not is used as it is), and
    ``close()`` (or the transport being collected) runs its shutdown, so apps that
    open resources at startup work unchanged. Raises ``RuntimeError`` when the
    app reports a failed startup.
    """

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app
        self._runtime = _Runtime()
        self._state: dict[str, Any] = {}
        weakref.finalize(self, _close_when_collected, self._runtime)

    def send(self, request: HttpRequest) -> HttpResponse:
        return _outside_running_loop(self._send_now, request)

    def _send_now(self, request: HttpRequest) -> HttpResponse:
        runtime = self._runtime
        if runtime.loop is None or runtime.loop.is_closed():
            runtime.loop = asyncio.new_event_loop()
            runtime.loop.run_until_complete(self._startup())
        return runtime.loop.run_until_complete(self._send(request))

    def close(self) -> None:
        """Run the app's lifespan shutdown, then close the private event loop."""
        _outside_running_loop(self._runtime.close)

    async def _startup(self) -> None:
        runtime = self._runtime
        runtime.to_app = asyncio.Queue()
        runtime.from_app = asyncio.Queue()
        scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": self._state}
        to_app, from_app = runtime.to_app, runtime.from_app

        async def run() -> None:
            try:
                await self.app(scope, to_app.get, from_app.put)
            except Exception:
                # An app without lifespan support raises for the unknown scope type.
                await from_app.put({"type": "lifespan.unsupported"})

        runtime.lifespan = asyncio.get_running_loop().create_task(run())
        await to_app.put({"type": "lifespan.startup"})
        answer = await from_app.get()
        if answer["type"] == "lifespan.startup.failed":
            raise RuntimeError(f"the app's startup failed: {answer.get('message', '')}")

    async def _send(self, request: HttpRequest) -> HttpResponse:
        host, _, port = request.host.partition(":")
        scope = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1",
            "method": request.method,
            "scheme": request.scheme,
            "path": request.path.partition("?")[0],
            "raw_path": request.path.partition("?")[0].encode("latin-1", "replace"),
            "query_string": request.query.encode("latin-1", "replace"),
            "root_path": "",
            "headers": [
                (b"host", request.host.encode("latin-1")),
                *(
                    (name.lower().encode("latin-1"), value.encode("latin-1"))
                    for name, value in request.headers.items()
                ),
                (b"content-length", str(len(request.body)).encode()),
            ],
            "client": ("127.0.0.1", 0),
            "state": dict(self._state),
            "server": (host, int(port or (443 if request.scheme == "https" else 80))),
        }
        sent_body = False
        status = 500
        headers: dict[str, str] = {}
        chunks: list[bytes] = []

        async def receive() -> dict[str, Any]:
            nonlocal sent_body
            if not sent_body:
                sent_body = True
                return {"type": "http.request", "body": request.body, "more_body": False}
            return {"type": "http.disconnect"}

        async def send(message: Mapping[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                for name, value in message.get("headers", []):
                    headers[bytes(name).decode("latin-1").lower()] = bytes(value).decode("latin-1")
            elif message["type"] == "http.response.body":
                chunks.append(bytes(message.get("body", b"")))

        await self.app(scope, receive, send)
        return HttpResponse(status, headers, b"".join(chunks))

    def routes(self) -> list[str] | None:
        routes = getattr(self.app, "routes", None)  # Starlette, FastAPI
        if routes is None:
            return None
        found = []
        for route in routes:
            path = getattr(route, "path", None)
            methods = getattr(route, "methods", None)
            if not isinstance(path, str) or "{" in path or methods is None:
                continue
            if path in ("/openapi.json", "/docs", "/redoc", "/docs/oauth2-redirect"):
                continue
            found.append(path)
        return sorted(found)


class MappingTransport:
    """Serves a mapping of paths to ``LamlBin``s or document strings, as bins are served.

    A bin renders with the request's query string and form parameters; a path
    that is not in the mapping answers 404.
    """

    def __init__(self, documents: Mapping[str, LamlBin | str]) -> None:
        self.documents = dict(documents)

    def send(self, request: HttpRequest) -> HttpResponse:
        path = request.path.partition("?")[0]
        entry = self.documents.get(path)
        if entry is None:
            return HttpResponse(404, {"content-type": "text/plain"}, b"no bin at " + path.encode())
        if isinstance(entry, LamlBin):
            form = request.body.decode("utf-8") if request.method == "POST" else ""
            params = parse_qsl(request.query, keep_blank_values=True)
            text = entry.render(params, parse_qsl(form, keep_blank_values=True))
        else:
            text = entry
        return HttpResponse(200, {"content-type": "text/xml; charset=utf-8"}, text.encode("utf-8"))

    def routes(self) -> list[str] | None:
        return sorted(self.documents)


def is_asgi(app: object) -> bool:
    """Whether ``app`` is an ASGI application (an ``async`` callable)."""
    if inspect.iscoroutinefunction(app):
        return True
    call = getattr(app, "__call__", None)  # noqa: B004
    return inspect.iscoroutinefunction(call)


def transport_for(app: AppLike | Transport) -> Transport:
    """The transport that reaches ``app``: mapping, ASGI or WSGI, or ``app`` if it is one."""
    if isinstance(app, (WSGITransport, ASGITransport, MappingTransport)):
        return app
    if isinstance(app, Mapping):
        return MappingTransport(app)
    if not callable(app):
        if hasattr(app, "send") and hasattr(app, "routes"):
            return app
        raise TypeError(
            "app must be a WSGI or ASGI application or a mapping of paths to bins or "
            f"documents, not {type(app).__name__}"
        )
    if is_asgi(app):
        return ASGITransport(app)
    return WSGITransport(app)
