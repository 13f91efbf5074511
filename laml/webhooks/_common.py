"""What the Flask, Django and Starlette modules share: settings, the public URL, the check."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from .._model.node import Node
from ..errors import ConfigurationError, LamlTypeError, LamlValueError
from .signature import HeaderLookup, ParamsOrBody, RequestValidator, signature_from_headers

CONTENT_TYPE = "text/xml; charset=utf-8"
"""The content type of a cXML answer."""

FORBIDDEN = "webhook signature missing or invalid\n"
"""The body of the 403 answer to a request whose signature does not check out."""


class Hidden:
    """A signing key held where tracebacks and debug pages show locals: its repr hides it."""

    __slots__ = ("value",)

    def __init__(self, value: str | bytes | None) -> None:
        self.value = value

    def __repr__(self) -> str:
        return "<hidden>" if self.value is not None else "None"


def _hide(value: object) -> str:
    return "<hidden>" if value is not None else "None"


@attrs.frozen
class WebhookSettings:
    """How a web app checks webhook signatures.

    - ``signing_key``: the project's signing key (dashboard, API Credentials). Required
      while ``verify`` is true: a check without a key raises :class:`ConfigurationError`
      rather than letting requests through.
    - ``verify``: ``False`` turns the check off (local development only); it is never off
      by default.
    - ``public_url``: the scheme, host and optional path prefix the platform calls
      (``"https://example.com"``, ``"https://example.com/app"``), for an app behind a
      proxy; the request's path and query string are appended to it (a path that
      starts with the prefix already is not given it twice).
    - ``trust_forwarded``: build the URL from ``X-Forwarded-Proto``,
      ``X-Forwarded-Host`` and ``X-Forwarded-Port`` (their first value) when the proxy
      sets them. Off by default, since a client can send these headers itself when no
      proxy replaces them.

    A setting of the wrong shape raises :class:`ConfigurationError` naming it (never the
    key's value): a key that is not ``str``/``bytes``, ``verify`` or ``trust_forwarded``
    that is not ``True``/``False`` (a string such as ``"false"`` from the environment
    would read as true), a ``public_url`` that is not an ``http(s)://host`` URL without
    query or fragment.
    """

    signing_key: str | bytes | None = attrs.field(default=None, repr=_hide)
    verify: bool = True
    public_url: str | None = None
    trust_forwarded: bool = False

    def __attrs_post_init__(self) -> None:
        if self.signing_key is not None and not isinstance(self.signing_key, (str, bytes)):
            raise ConfigurationError(
                "LAML_SIGNING_KEY (signing_key) must be str or bytes "
                f"(got {type(self.signing_key).__name__})"
            )
        for setting, attr in (
            ("LAML_VERIFY_SIGNATURES", "verify"),
            ("LAML_TRUST_FORWARDED", "trust_forwarded"),
        ):
            value = getattr(self, attr)
            if not isinstance(value, bool):
                shown = repr(value) if len(repr(value)) <= 12 else type(value).__name__
                raise ConfigurationError(f"{setting} ({attr}) must be True or False (got {shown})")
        if self.public_url is not None and self.public_url != "":
            _check_public_url(self.public_url)

    def url(self, scheme: str, host: str, path_and_query: str, headers: HeaderLookup) -> str:
        """The URL the platform signed, from what the app sees of the request.

        ``path_and_query`` is the path as requested (percent-encoded) with ``?query``
        as sent, if any.
        """
        if self.public_url:
            base = self.public_url.rstrip("/")
            rest = base.partition("://")[2]
            prefix = "/" + rest.partition("/")[2] if "/" in rest else ""
            if prefix and with_prefix(prefix, path_and_query) == path_and_query:
                base = base[: len(base) - len(prefix)]  # the app sees the prefix already
            return base + path_and_query
        if self.trust_forwarded:
            proto = (_first(headers, "X-Forwarded-Proto") or "").lower()
            scheme = proto if proto in ("http", "https") else scheme
            host = _first(headers, "X-Forwarded-Host") or host
            port = _first(headers, "X-Forwarded-Port")
            if port and port.isascii() and port.isdigit():
                bracket = host.rfind("]")
                colon = host.rfind(":")
                if colon > bracket:
                    host = host[:colon]
                host = f"{host}:{port}"
        return f"{scheme}://{host}{path_and_query}"

    def check(self, url: str, params_or_body: ParamsOrBody, headers: HeaderLookup) -> bool:
        """Whether the request's signature header is valid for ``url`` and the form or body.

        True when ``verify`` is off; false for a form that holds anything but text (an
        uploaded file). Raises :class:`ConfigurationError` when checks are on and no
        signing key was given.
        """
        if not self.verify:
            return True
        if self.signing_key is None or self.signing_key in ("", b""):
            raise ConfigurationError(
                "no webhook signing key: give the key from the API Credentials page, "
                "or turn signature checks off explicitly for local development"
            )
        signature = signature_from_headers(headers)
        if signature is None:
            return False
        try:
            return RequestValidator(self.signing_key).validate(url, params_or_body, signature)
        except LamlTypeError:
            return False  # a form holding something other than text (a file) is not signed


def settings_from(
    lookup: Callable[[str], Any],
    *,
    signing_key: str | bytes | None,
    verify: bool | None,
    public_url: str | None,
    trust_forwarded: bool | None,
) -> WebhookSettings:
    """The settings a decorator gives, each falling back to the framework's own setting
    (``LAML_SIGNING_KEY``, ``LAML_VERIFY_SIGNATURES``, ``LAML_PUBLIC_URL``,
    ``LAML_TRUST_FORWARDED``, read with ``lookup``), then to the default."""

    def setting(name: str, given: Any, default: Any) -> Any:
        value = given if given is not None else lookup(name)
        return default if value is None else value

    return WebhookSettings(
        signing_key=setting("LAML_SIGNING_KEY", signing_key, None),
        verify=setting("LAML_VERIFY_SIGNATURES", verify, True),
        public_url=setting("LAML_PUBLIC_URL", public_url, None),
        trust_forwarded=setting("LAML_TRUST_FORWARDED", trust_forwarded, False),
    )


def with_prefix(prefix: str, path_and_query: str) -> str:
    """``path_and_query`` under the app's mount point ``prefix`` (``"/app"``, or ``""``).

    A server's raw request path holds the mount point when the proxy passes the path
    on unchanged, and lacks it when the proxy strips it (and says so in
    ``X-Forwarded-Prefix``, or the app is configured with it); either way the platform
    requested the path with the prefix.
    """
    prefix = prefix.rstrip("/")
    if not prefix:
        return path_and_query
    path = path_and_query.partition("?")[0]
    if path == prefix or path.startswith(prefix + "/"):
        return path_and_query
    return prefix + path_and_query


def _check_public_url(url: object) -> None:
    """Refuse a public URL the platform could not have requested."""
    if not isinstance(url, str):
        raise ConfigurationError(
            f"LAML_PUBLIC_URL (public_url) must be a str (got {type(url).__name__})"
        )
    scheme, sep, rest = url.partition("://")
    host = rest.partition("/")[0]
    if (
        not sep
        or scheme.lower() not in ("http", "https")
        or not host
        or any(mark in rest for mark in "?#")
        or any(char.isspace() for char in url)
    ):
        raise ConfigurationError(
            "LAML_PUBLIC_URL (public_url) must be the scheme, host and optional path the "
            f"platform calls, such as 'https://example.com' (got {url[:80]!r})"
        )


def _first(headers: HeaderLookup, name: str) -> str | None:
    value = headers.get(name)
    if value is None:
        value = next((v for k, v in headers.items() if str(k).lower() == name.lower()), None)
    if value is None:
        return None
    return value.split(",")[0].strip() or None


def is_json(content_type: str | None) -> bool:
    """Whether a request's ``Content-Type`` is JSON (``application/json``, ``...+json``)."""
    media = (content_type or "").split(";")[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


def json_form(body: str | bytes) -> dict[str, str]:
    """The fields of a JSON request body: a flat object whose values are text or numbers.

    Numbers are written back in plain decimal (``0.00001``, never ``1e-05``) and
    ``true``/``false`` as such, so the typed request classes read them as they would read
    a form. Anything else raises ``LamlValueError``: not an object, nested values,
    ``null``, ``NaN``/``Infinity``, a name given twice with different values, nesting
    too deep for the parser, invalid JSON or UTF-8.
    """

    def refuse_constant(name: str) -> object:
        raise LamlValueError(f"webhook JSON body holds {name}, which is not a number")

    def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
        data: dict[str, object] = {}
        for name, value in items:
            if name in data and data[name] != value:
                raise LamlValueError(
                    f"webhook JSON parameter {name!r} is given twice with different values"
                )
            data[name] = value
        return data

    try:
        data = json.loads(body, object_pairs_hook=pairs, parse_constant=refuse_constant)
    except RecursionError:
        raise LamlValueError("webhook JSON body is nested too deeply") from None
    except LamlValueError:
        raise
    except ValueError as error:
        raise LamlValueError(f"webhook JSON body does not parse: {error}") from None
    if not isinstance(data, dict):
        raise LamlValueError("webhook JSON body must be an object of parameters")
    form: dict[str, str] = {}
    for name, value in data.items():
        if isinstance(value, bool):
            form[name] = "true" if value else "false"
        elif isinstance(value, str):
            form[name] = value
        elif isinstance(value, int):
            form[name] = str(value)
        elif isinstance(value, float) and math.isfinite(value):
            form[name] = format(Decimal(repr(value)), "f")
        else:
            got = "a number too large for a float" if isinstance(value, float) else None
            raise LamlValueError(
                f"webhook JSON parameter {name!r} must be text or a number "
                f"(got {got or type(value).__name__})"
            )
    return form


def render(document: object) -> bytes | None:
    """The UTF-8 text of a laml document, or ``None`` for anything that is not a laml node.

    Raises ``LamlTypeError`` for an element other than a ``<Response>`` root (a ``Say``
    on its own is not a document the platform can run).
    """
    if not isinstance(document, Node):
        return None
    if document.tag != "Response":
        raise LamlTypeError(
            f"a webhook answers with a whole document: put <{document.tag}> inside a "
            "Response (or MessagingResponse, FaxResponse)"
        )
    return document.to_xml().encode("utf-8")
