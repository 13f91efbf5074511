"""What the Flask, Django and Starlette modules share: settings, the public URL, the check."""

from __future__ import annotations

import json

import attrs

from .._model.node import Node
from ..errors import ConfigurationError, LamlTypeError, LamlValueError
from .signature import HeaderLookup, ParamsOrBody, RequestValidator, signature_from_headers

CONTENT_TYPE = "text/xml; charset=utf-8"
"""The content type of a cXML answer."""

FORBIDDEN = "webhook signature missing or invalid\n"
"""The body of the 403 answer to a request whose signature does not check out."""


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
      (``"https://example.com"``), for an app behind a proxy; the request's path and
      query string are appended to it.
    - ``trust_forwarded``: build the URL from ``X-Forwarded-Proto`` and
      ``X-Forwarded-Host`` (their first value) when the proxy sets them. Off by default,
      since a client can send these headers itself when no proxy replaces them.
    """

    signing_key: str | bytes | None = attrs.field(default=None, repr=_hide)
    verify: bool = True
    public_url: str | None = None
    trust_forwarded: bool = False

    def url(self, scheme: str, host: str, path_and_query: str, headers: HeaderLookup) -> str:
        """The URL the platform signed, from what the app sees of the request.

        ``path_and_query`` is the path as requested (percent-encoded) with ``?query``
        as sent, if any.
        """
        if self.public_url:
            return self.public_url.rstrip("/") + path_and_query
        if self.trust_forwarded:
            scheme = _first(headers, "X-Forwarded-Proto") or scheme
            host = _first(headers, "X-Forwarded-Host") or host
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

    Numbers are written back in decimal and ``true``/``false`` as such, so the typed
    request classes read them as they would read a form. Anything else (not an object,
    nested values, ``null``, invalid JSON) raises ``LamlValueError``.
    """
    try:
        data = json.loads(body)
    except ValueError as error:
        raise LamlValueError(f"webhook JSON body does not parse: {error}") from None
    if not isinstance(data, dict):
        raise LamlValueError("webhook JSON body must be an object of parameters")
    form: dict[str, str] = {}
    for name, value in data.items():
        if isinstance(value, bool):
            form[name] = "true" if value else "false"
        elif isinstance(value, (str, int, float)):
            form[name] = value if isinstance(value, str) else json.dumps(value)
        else:
            raise LamlValueError(
                f"webhook JSON parameter {name!r} must be text or a number "
                f"(got {type(value).__name__})"
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
