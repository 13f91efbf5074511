"""Starlette and FastAPI integration: cXML responses, signature checks, typed requests.

Install with ``pip install 'laml-cxml[fastapi]'`` (or ``[starlette]``). FastAPI::

    from fastapi import Depends, FastAPI
    import laml as cx
    from laml.webhooks import GatherRequest
    from laml.webhooks.starlette import CxmlResponse, Webhooks, cxml

    app = FastAPI()
    webhooks = Webhooks(os.environ["SIGNALWIRE_SIGNING_KEY"])

    @app.post("/voice/choice", response_class=CxmlResponse)
    @cxml
    async def choice(call: GatherRequest = Depends(webhooks.verified(GatherRequest))):
        return cx.Response(cx.Say(f"You pressed {call.digits}"))

Starlette: ``Route("/voice/choice", webhooks.endpoint(GatherRequest)(choice),
methods=["POST"])`` with ``async def choice(request, call)``.

- :class:`CxmlResponse` sends a laml document as ``text/xml; charset=utf-8``; a FastAPI
  handler must return it (or be decorated with :func:`cxml`), since FastAPI would write
  any other object as JSON.
- :meth:`Webhooks.verified` is a FastAPI dependency: it checks ``X-SignalWire-Signature``
  (403 when missing or wrong) and gives the typed request.
- :meth:`Webhooks.endpoint` does the same for a Starlette endpoint.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, overload
from urllib.parse import quote

try:
    from starlette.concurrency import run_in_threadpool
    from starlette.exceptions import HTTPException
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse, Response
except ImportError as error:
    raise ImportError(
        "laml.webhooks.starlette needs Starlette (or FastAPI): pip install 'laml-cxml[fastapi]'"
    ) from error

from ..errors import LamlError
from ._common import FORBIDDEN, WebhookSettings, is_json, json_form, render
from .requests import WebhookRequest
from .signature import ParamsOrBody

R = TypeVar("R", bound=WebhookRequest)
F = TypeVar("F", bound=Callable[..., Any])

_SAFE_PATH = "/:@!$&'()*+,;=~"


class CxmlResponse(Response):
    """A response carrying a laml document (or cXML text) as ``text/xml; charset=utf-8``.

    ``CxmlResponse(doc)`` writes ``doc.to_xml()``; ``str`` and ``bytes`` are sent as they
    are. Use it as FastAPI's ``response_class`` too.
    """

    media_type = "text/xml"
    charset = "utf-8"

    def render(self, content: Any) -> bytes:
        body = render(content)
        if body is not None:
            return body
        if content is None:
            return b""
        if isinstance(content, bytes):
            return content
        if isinstance(content, str):
            return content.encode("utf-8")
        raise TypeError(f"CxmlResponse takes a laml Response (got {type(content).__name__})")


def _convert(result: Any) -> Any:
    return CxmlResponse(result) if render(result) is not None else result


def cxml(handler: F) -> F:
    """Let a FastAPI or Starlette handler return a laml document: sent as :class:`CxmlResponse`.

    The handler's parameters (and FastAPI dependencies) are kept; its return annotation
    is presented as ``CxmlResponse`` so FastAPI builds no JSON model from it.
    """
    try:
        signature = inspect.signature(handler, eval_str=True)
    except (NameError, TypeError):
        signature = inspect.signature(handler)
    wrapper: Callable[..., Any]
    if inspect.iscoroutinefunction(handler):

        async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
            return _convert(await handler(*args, **kwargs))

        wrapper = async_wrapper
    else:

        def sync_wrapper(*args: Any, **kwargs: Any) -> Any:
            return _convert(handler(*args, **kwargs))

        wrapper = sync_wrapper
    functools.update_wrapper(wrapper, handler)
    setattr(wrapper, "__signature__", signature.replace(return_annotation=CxmlResponse))  # noqa: B010
    return wrapper  # type: ignore[return-value]


class Webhooks:
    """Signature checks and typed requests for a Starlette or FastAPI app.

    - ``signing_key``: the project's signing key (API Credentials page). Required while
      ``verify`` is true: a check without a key raises ``ConfigurationError`` (a 500).
    - ``verify``: ``False`` turns checks off (local development only).
    - ``public_url``: scheme, host and optional path prefix the platform calls, for an
      app behind a proxy (``"https://example.com"``).
    - ``trust_forwarded``: build the URL from ``X-Forwarded-Proto``/``-Host``/``-Port``.

    The key never appears in the ``repr``.
    """

    def __init__(
        self,
        signing_key: str | bytes | None = None,
        *,
        verify: bool = True,
        public_url: str | None = None,
        trust_forwarded: bool = False,
    ) -> None:
        self.settings = WebhookSettings(
            signing_key=signing_key,
            verify=verify,
            public_url=public_url,
            trust_forwarded=trust_forwarded,
        )

    def __repr__(self) -> str:
        return f"Webhooks({self.settings!r})"

    def url(self, request: Request) -> str:
        """The URL the platform requested, as it signed it."""
        scope = request.scope
        raw_path = scope.get("raw_path")
        if isinstance(raw_path, bytes) and raw_path.startswith(b"/"):
            path = raw_path.decode("latin-1")
        else:
            full = scope.get("root_path", "") + scope.get("path", "")
            path = quote(full.encode("utf-8"), safe=_SAFE_PATH)
        query = scope.get("query_string", b"")
        if query:
            path += "?" + query.decode("latin-1")
        host = request.headers.get("host") or request.url.netloc
        return self.settings.url(request.url.scheme, host, path, request.headers)

    async def check(self, request: Request) -> tuple[bool, ParamsOrBody]:
        """Whether the request's signature is valid, with the form or body it covered."""
        params: ParamsOrBody
        if is_json(request.headers.get("content-type")):
            params = await request.body()
        elif request.method in ("GET", "HEAD"):
            params = None
        else:
            params = await request.form()
        return self.settings.check(self.url(request), params, request.headers), params

    async def _typed(self, request: Request, request_class: type[R]) -> R:
        valid, params = await self.check(request)
        if not valid:
            raise HTTPException(403, FORBIDDEN.strip())
        try:
            if isinstance(params, (str, bytes)):
                return request_class.from_form(json_form(params))
            return request_class.from_form(request.query_params if params is None else params)
        except LamlError as error:
            raise HTTPException(400, f"bad webhook request: {error}") from None

    @overload
    def verified(self) -> Callable[[Request], Awaitable[None]]: ...

    @overload
    def verified(self, request_class: type[R]) -> Callable[[Request], Awaitable[R]]: ...

    def verified(
        self, request_class: type[R] | None = None
    ) -> Callable[[Request], Awaitable[R | None]]:
        """A FastAPI dependency: checks the signature, then gives the typed request.

        ``Depends(webhooks.verified(GatherRequest))`` gives a ``GatherRequest``;
        ``dependencies=[Depends(webhooks.verified())]`` only checks. A bad or missing
        signature raises ``HTTPException(403)``; a value that does not fit its type,
        ``HTTPException(400)`` naming the parameter.
        """

        async def dependency(request: Request) -> R | None:
            if request_class is None:
                valid, _ = await self.check(request)
                if not valid:
                    raise HTTPException(403, FORBIDDEN.strip())
                return None
            return await self._typed(request, request_class)

        return dependency

    def endpoint(
        self, request_class: type[WebhookRequest] | None = None
    ) -> Callable[[Callable[..., Any]], Callable[[Request], Awaitable[Response]]]:
        """Wrap a Starlette endpoint: check, read the typed request, send documents as cXML.

        The handler is called as ``handler(request)`` or, with ``request_class``,
        ``handler(request, call)``; it may be ``async`` or not. A bad or missing
        signature answers ``403`` with a short text body, without calling it.
        """

        def decorate(handler: Callable[..., Any]) -> Callable[[Request], Awaitable[Response]]:
            @functools.wraps(handler)
            async def wrapper(request: Request) -> Response:
                try:
                    if request_class is None:
                        valid, _ = await self.check(request)
                        if not valid:
                            raise HTTPException(403, FORBIDDEN.strip())
                        args: tuple[Any, ...] = (request,)
                    else:
                        args = (request, await self._typed(request, request_class))
                except HTTPException as error:
                    return PlainTextResponse(str(error.detail) + "\n", error.status_code)
                if inspect.iscoroutinefunction(handler):
                    result = await handler(*args)
                else:
                    result = await run_in_threadpool(handler, *args)
                converted = _convert(result)
                if not isinstance(converted, Response):
                    raise TypeError(
                        "a webhook endpoint returns a laml document or a Response "
                        f"(got {type(result).__name__})"
                    )
                return converted

            return wrapper

        return decorate
