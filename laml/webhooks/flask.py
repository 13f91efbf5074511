"""Flask integration: answer webhooks with laml documents, verify signatures, typed requests.

Install with ``pip install 'laml-cxml[flask]'``. ::

    import flask
    import laml as cx
    from laml.webhooks import GatherRequest
    from laml.webhooks.flask import webhook

    app = flask.Flask(__name__)
    app.config["LAML_SIGNING_KEY"] = os.environ["SIGNALWIRE_SIGNING_KEY"]

    @app.post("/voice/choice")
    @webhook(GatherRequest)
    def choice(call: GatherRequest) -> cx.Response:
        return cx.Response(cx.Say(f"You pressed {call.digits}"))

:func:`webhook` checks ``X-SignalWire-Signature`` (403 with a short text body when it is
missing or wrong), reads the form into the typed request given, passes it to the view
as its first argument, and sends a returned laml document as ``text/xml; charset=utf-8``.
:func:`laml_view` does only the last part.

Settings, read from ``app.config`` when the decorator's own arguments are not given:

- ``LAML_SIGNING_KEY``: the signing key (API Credentials page of the dashboard);
- ``LAML_VERIFY_SIGNATURES``: ``False`` turns the check off (local development only);
- ``LAML_PUBLIC_URL``: scheme, host and optional path prefix the platform calls, for an
  app behind a proxy (``"https://example.com"``);
- ``LAML_TRUST_FORWARDED``: ``True`` to build the URL from ``X-Forwarded-Proto`` and
  ``X-Forwarded-Host`` (and ``X-Forwarded-Port``).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, overload
from urllib.parse import quote

try:
    import flask
except ImportError as error:
    raise ImportError("laml.webhooks.flask needs Flask: pip install 'laml-cxml[flask]'") from error

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


def cxml_response(document: object, status: int = 200) -> flask.Response:
    """A Flask response carrying a laml document as ``text/xml; charset=utf-8``."""
    body = render(document)
    if body is None:
        raise TypeError(f"cxml_response takes a laml Response (got {type(document).__name__})")
    return flask.Response(body, status=status, content_type=CONTENT_TYPE)


def _convert(result: Any) -> Any:
    """A laml document, alone or in Flask's tuples, becomes a cXML response.

    The tuples are Flask's: ``(document, status)``, ``(document, headers)`` and
    ``(document, status, headers)``; anything else is left to Flask.
    """
    if isinstance(result, tuple) and len(result) in (2, 3):
        body = render(result[0])
        if body is None:
            return result
        response = flask.Response(body, content_type=CONTENT_TYPE)
        return (response, *result[1:])
    body = render(result)
    if body is not None:
        return flask.Response(body, content_type=CONTENT_TYPE)
    return result


def laml_view(view: View) -> View:
    """Let a view return a laml document: sent as cXML.

    Flask's tuples work too: ``(document, status)``, ``(document, headers)``,
    ``(document, status, headers)``.
    """

    if inspect.iscoroutinefunction(view):

        @functools.wraps(view)
        async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
            return _convert(await view(*args, **kwargs))

        return async_wrapper

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return _convert(view(*args, **kwargs))

    return wrapper


def request_url(settings: WebhookSettings | None = None) -> str:
    """The URL the platform requested, as it signed it, for the current Flask request.

    Use it, not ``flask.request.url``, to check a signature yourself: Werkzeug decodes
    ``%7E`` and ``%C3%A9`` in that URL, which changes what was signed. ``settings``
    gives ``public_url`` and ``trust_forwarded`` (none by default).

    The path is taken as sent (``RAW_URI``/``REQUEST_URI`` when the server gives them),
    after the app's mount point (``SCRIPT_NAME``, which Werkzeug's ``ProxyFix`` sets
    from ``X-Forwarded-Prefix``) when the server's raw path does not hold it already.
    """
    settings = settings if settings is not None else WebhookSettings()
    environ = flask.request.environ
    script = quote(environ.get("SCRIPT_NAME", "").encode("latin-1"), safe=_SAFE_PATH)
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if isinstance(raw, str) and raw.startswith("/"):
        path_and_query = with_prefix(script, raw.encode("latin-1").decode("utf-8", "replace"))
    else:
        path_and_query = script + quote(
            environ.get("PATH_INFO", "").encode("latin-1"), safe=_SAFE_PATH
        )
        query = environ.get("QUERY_STRING", "")
        if query:
            path_and_query += "?" + query.encode("latin-1").decode("utf-8", "replace")
    return settings.url(
        flask.request.scheme, flask.request.host, path_and_query, flask.request.headers
    )


def _settings(
    signing_key: str | bytes | None,
    verify: bool | None,
    public_url: str | None,
    trust_forwarded: bool | None,
) -> WebhookSettings:
    return settings_from(
        flask.current_app.config.get,
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
    """Decorate a Flask view that answers a SignalWire webhook.

    The request's signature is checked first: missing or wrong gives ``403`` with a short
    ``text/plain`` body and the view is not called. With ``request_class`` (for example
    ``VoiceRequest``), the form (the query string for GET, the fields of a JSON body) is
    read into it and handed to the view as its first argument; a value that does not fit
    its documented type gives ``400`` naming the parameter. A returned laml document is
    sent as ``text/xml; charset=utf-8``.

    Use as ``@webhook``, ``@webhook()`` or ``@webhook(VoiceRequest, ...)``; the keyword
    arguments override the app's ``LAML_*`` settings. A missing signing key while
    checks are on raises ``ConfigurationError`` (a 500), never lets the request in.
    """
    if callable(request_class) and not (
        isinstance(request_class, type) and issubclass(request_class, WebhookRequest)
    ):
        return webhook()(request_class)
    typed = request_class if isinstance(request_class, type) else None
    key = Hidden(signing_key)  # so that no traceback's locals show the key

    def refusal_or_args(args: tuple[Any, ...]) -> flask.Response | tuple[Any, ...]:
        """The 403/400 answer, or the view's positional arguments (the typed request first)."""
        settings = _settings(key.value, verify, public_url, trust_forwarded)
        request = flask.request
        params: ParamsOrBody
        if is_json(request.content_type):
            params = request.get_data(cache=True)
        elif request.method in ("GET", "HEAD"):
            params = None
        else:
            params = request.form
        if not settings.check(request_url(settings), params, request.headers):
            return flask.Response(FORBIDDEN, status=403, content_type="text/plain")
        if typed is None:
            return args
        try:
            if isinstance(params, (str, bytes)):
                call = typed.from_form(json_form(params))
            else:
                call = typed.from_form(request.args if params is None else params)
        except LamlError as error:
            return flask.Response(
                f"bad webhook request: {error}\n", status=400, content_type="text/plain"
            )
        return (call, *args)

    def decorate(view: View) -> View:
        if inspect.iscoroutinefunction(view):

            @functools.wraps(view)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                checked = refusal_or_args(args)
                if isinstance(checked, flask.Response):
                    return checked
                return _convert(await view(*checked, **kwargs))

            return async_wrapper

        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            checked = refusal_or_args(args)
            if isinstance(checked, flask.Response):
                return checked
            return _convert(view(*checked, **kwargs))

        return wrapper

    return decorate
