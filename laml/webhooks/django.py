"""Django integration: answer webhooks with laml documents, verify signatures, typed requests.

Install with ``pip install 'laml-cxml[django]'``. ::

    import laml as cx
    from laml.webhooks import GatherRequest
    from laml.webhooks.django import webhook

    @webhook(GatherRequest)
    def choice(request, call: GatherRequest) -> cx.Response:
        return cx.Response(cx.Say(f"You pressed {call.digits}"))

:func:`webhook` exempts the view from CSRF (the platform cannot send a token; the
signature takes its place), checks ``X-SignalWire-Signature`` (403 with a short text
body when it is missing or wrong), reads the form into the typed request given, passes
it to the view after ``request``, and sends a returned laml document as
``text/xml; charset=utf-8``. :func:`laml_view` does only the last part.

Settings (``settings.py``), each overridable by the decorator's keyword arguments:

- ``LAML_SIGNING_KEY``: the signing key (API Credentials page of the dashboard);
- ``LAML_VERIFY_SIGNATURES``: ``False`` turns the check off (local development only);
- ``LAML_PUBLIC_URL``: scheme, host and optional path prefix the platform calls, for an
  app behind a proxy (``"https://example.com"``);
- ``LAML_TRUST_FORWARDED``: ``True`` to build the URL from ``X-Forwarded-Proto`` and
  ``X-Forwarded-Host`` (and ``X-Forwarded-Port``). Django's own
  ``SECURE_PROXY_SSL_HEADER`` is honoured too.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, overload
from urllib.parse import quote

try:
    from django.conf import settings as django_settings
    from django.http import HttpRequest, HttpResponse
except ImportError as error:
    raise ImportError(
        "laml.webhooks.django needs Django: pip install 'laml-cxml[django]'"
    ) from error

from ..errors import LamlError
from ._common import (
    CONTENT_TYPE,
    FORBIDDEN,
    Hidden,
    WebhookSettings,
    is_json,
    json_form,
    render,
    settings_from,
    with_prefix,
)
from .requests import WebhookRequest
from .signature import ParamsOrBody

View = Callable[..., Any]

_SAFE_PATH = "/:@!$&'()*+,;=~"


class CxmlResponse(HttpResponse):  # type: ignore[misc]
    """An ``HttpResponse`` carrying a laml document as ``text/xml; charset=utf-8``."""

    def __init__(self, document: object, status: int = 200, **kwargs: Any) -> None:
        body = render(document)
        if body is None:
            raise TypeError(f"CxmlResponse takes a laml Response (got {type(document).__name__})")
        super().__init__(body, status=status, content_type=CONTENT_TYPE, **kwargs)


def _convert(result: Any) -> Any:
    body = render(result)
    if body is not None:
        return HttpResponse(body, content_type=CONTENT_TYPE)
    return result


def laml_view(view: View) -> View:
    """Let a Django view return a laml document: it is sent as cXML."""

    if inspect.iscoroutinefunction(view):

        @functools.wraps(view)
        async def async_wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            return _convert(await view(request, *args, **kwargs))

        return async_wrapper

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return _convert(view(request, *args, **kwargs))

    return wrapper


def request_url(request: HttpRequest, settings: WebhookSettings | None = None) -> str:
    """The URL the platform requested, as it signed it, for a Django request.

    Use it to check a signature yourself; ``settings`` gives ``public_url`` and
    ``trust_forwarded`` (none by default).
    """
    settings = settings if settings is not None else WebhookSettings()
    meta = request.META
    raw = meta.get("RAW_URI") or meta.get("REQUEST_URI")
    if isinstance(raw, str) and raw.startswith("/"):
        # the mount point (SCRIPT_NAME, FORCE_SCRIPT_NAME) when a proxy stripped it
        script = request.path[: len(request.path) - len(request.path_info)]
        path_and_query = with_prefix(quote(script.encode("utf-8"), safe=_SAFE_PATH), raw)
    else:
        path_and_query = quote(request.path.encode("utf-8"), safe=_SAFE_PATH)
        query = meta.get("QUERY_STRING", "")
        if query:
            path_and_query += "?" + query
    host = "" if settings.public_url else request.get_host()  # get_host checks ALLOWED_HOSTS
    return settings.url(request.scheme, host, path_and_query, request.headers)


def _settings(
    signing_key: str | bytes | None,
    verify: bool | None,
    public_url: str | None,
    trust_forwarded: bool | None,
) -> WebhookSettings:
    return settings_from(
        lambda name: getattr(django_settings, name, None),
        signing_key=signing_key,
        verify=verify,
        public_url=public_url,
        trust_forwarded=trust_forwarded,
    )


@overload
def webhook(request_class: View, /) -> View: ...


@overload
def webhook(
    request_class: type[WebhookRequest] | None = None,
    /,
    *,
    signing_key: str | bytes | None = None,
    verify: bool | None = None,
    public_url: str | None = None,
    trust_forwarded: bool | None = None,
) -> Callable[[View], View]: ...


def webhook(
    request_class: type[WebhookRequest] | View | None = None,
    /,
    *,
    signing_key: str | bytes | None = None,
    verify: bool | None = None,
    public_url: str | None = None,
    trust_forwarded: bool | None = None,
) -> Callable[[View], View] | View:
    """Decorate a Django view that answers a SignalWire webhook.

    The view is CSRF-exempt and its request's signature is checked first: missing or
    wrong gives ``403`` with a short ``text/plain`` body and the view is not called.
    With ``request_class`` (for example ``VoiceRequest``), ``request.POST`` (the query
    for GET, the fields of a JSON body) is read into it and passed after ``request``;
    a value that does not fit its documented type gives ``400`` naming the parameter.
    A returned laml document is sent as ``text/xml; charset=utf-8``.

    Use as ``@webhook``, ``@webhook()`` or ``@webhook(VoiceRequest, ...)``. A missing
    signing key while checks are on raises ``ConfigurationError`` (a 500).
    """
    if callable(request_class) and not (
        isinstance(request_class, type) and issubclass(request_class, WebhookRequest)
    ):
        return webhook()(request_class)
    typed = request_class if isinstance(request_class, type) else None
    key = Hidden(signing_key)  # so that no traceback's locals show the key

    def refusal_or_args(
        request: HttpRequest, args: tuple[Any, ...]
    ) -> HttpResponse | tuple[Any, ...]:
        """The 403/400 answer, or the view's arguments after ``request`` (typed request first)."""
        settings = _settings(key.value, verify, public_url, trust_forwarded)
        params: ParamsOrBody
        if is_json(request.content_type):
            params = request.body
        elif request.method in ("GET", "HEAD"):
            params = None
        else:
            params = request.POST
        if not settings.check(request_url(request, settings), params, request.headers):
            return HttpResponse(FORBIDDEN, status=403, content_type="text/plain")
        if typed is None:
            return args
        try:
            if isinstance(params, (str, bytes)):
                call = typed.from_form(json_form(params))
            else:
                call = typed.from_form(request.GET if params is None else params)
        except LamlError as error:
            return HttpResponse(
                f"bad webhook request: {error}\n", status=400, content_type="text/plain"
            )
        return (call, *args)

    def decorate(view: View) -> View:
        wrapper: View
        if inspect.iscoroutinefunction(view):

            async def async_wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
                checked = refusal_or_args(request, args)
                if isinstance(checked, HttpResponse):
                    return checked
                return _convert(await view(request, *checked, **kwargs))

            wrapper = async_wrapper
        else:

            def sync_wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
                checked = refusal_or_args(request, args)
                if isinstance(checked, HttpResponse):
                    return checked
                return _convert(view(request, *checked, **kwargs))

            wrapper = sync_wrapper
        functools.update_wrapper(wrapper, view)
        # what csrf_exempt does, set on the wrapper itself so an async view stays async
        setattr(wrapper, "csrf_exempt", True)  # noqa: B010
        return wrapper

    return decorate
