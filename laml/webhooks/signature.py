"""Verifying that a webhook request comes from SignalWire (``X-SignalWire-Signature``).

SignalWire signs every webhook request with the project's signing key (found on the
API Credentials page of the dashboard; see SignalWire's "Webhook security" guide). Two
schemes are in use, and :class:`RequestValidator` accepts both:

- **form requests** (``application/x-www-form-urlencoded`` POSTs and GETs): the full URL,
  then every parameter name in sorted order followed by its value (a repeated name:
  each of its distinct values, sorted), HMAC-SHA1 keyed with the signing key, base64.
  This is the scheme twilio-python's ``RequestValidator`` implements, so the two agree.
- **JSON requests**: SignalWire signs the URL followed by the raw body, HMAC-SHA1,
  lowercase hex. Twilio instead adds ``bodySHA256=<hex SHA-256 of the body>`` to the
  URL's query and signs the URL alone with the form scheme; that is accepted too.

The platform signs the URL sometimes with the scheme's default port (``:443`` for
https, ``:80`` for http) and sometimes without, so both spellings are tried.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable, Mapping
from typing import Any, Protocol, Union
from urllib.parse import parse_qs

from ..errors import LamlTypeError, LamlValueError

SIGNATURE_HEADERS = ("X-SignalWire-Signature", "X-Twilio-Signature")
"""The request headers that carry the signature, in the order they are read."""

FormParams = Mapping[str, Any]
"""Form parameters: a mapping of name to a ``str`` value, or to a list or tuple of values
for a repeated name. Multi-value mappings (Flask/Werkzeug ``MultiDict``, Django
``QueryDict``, Starlette ``FormData``, ``multidict``) give every value of a repeated name."""

ParamsOrBody = Union[FormParams, str, bytes, None]


class HeaderLookup(Protocol):
    """Request headers: a ``dict``, Werkzeug's ``Headers``, Starlette's or Django's."""

    def get(self, key: str, /) -> str | None: ...

    def items(self) -> Iterable[tuple[str, str]]: ...


_DEFAULT_PORTS = {"http": "80", "https": "443"}


def is_mapping(value: object) -> bool:
    """Whether ``value`` reads like a mapping: ``keys()`` and ``[name]`` (``str`` does not)."""
    return callable(getattr(value, "keys", None)) and hasattr(value, "__getitem__")


def form_values(params: FormParams, name: str) -> list[str]:
    """Every value of ``name`` in ``params``, from a plain or multi-value mapping."""
    getter = getattr(params, "getlist", None) or getattr(params, "getall", None)
    raw: Any = getter(name) if callable(getter) else params[name]
    items = list(raw) if isinstance(raw, (list, tuple)) else [raw]
    for item in items:
        if not isinstance(item, str):
            raise LamlTypeError(
                f"form parameter {name!r} must be str or a list of str (got {type(item).__name__})"
            )
    return items


def signing_string(url: str, params: FormParams | None) -> str:
    """The text the form scheme signs: ``url``, then each name and its sorted distinct values.

    Raises ``LamlTypeError`` for a name or value that is not a ``str``.
    """
    parts = [url]
    if params:
        names = list(params.keys())
        for name in names:
            if not isinstance(name, str):
                raise LamlTypeError(f"form parameter names must be str (got {type(name).__name__})")
        for name in sorted(set(names)):
            for value in sorted(set(form_values(params, name))):
                parts.append(name)
                parts.append(value)
    return "".join(parts)


def url_variants(url: str) -> list[str]:
    """``url`` as given, then with its default port removed or added (http 80, https 443).

    A URL with another port, or one that is not absolute, has just the one spelling.
    """
    scheme, sep, rest = url.partition("://")
    default = _DEFAULT_PORTS.get(scheme.lower())
    if not sep or default is None:
        return [url]
    end = len(rest)
    for stop in "/?#":
        found = rest.find(stop)
        if found != -1:
            end = min(end, found)
    netloc, tail = rest[:end], rest[end:]
    host = netloc.rpartition("@")[2]
    suffix = ":" + default
    if host.endswith(suffix):
        other = netloc[: -len(suffix)]
    elif host.endswith("]") or ":" not in host:
        other = netloc + suffix
    else:
        return [url]  # another port: the platform signs it as it is
    return [url, f"{scheme}{sep}{other}{tail}"]


def signature_from_headers(headers: HeaderLookup) -> str | None:
    """The signature in ``headers``: ``X-SignalWire-Signature``, else ``X-Twilio-Signature``.

    Header names are matched without regard to case, so any mapping of headers works
    (``dict``, Werkzeug's ``Headers``, Starlette's ``Headers``, Django's ``request.headers``).
    """
    lowered: dict[str, str] | None = None
    for name in SIGNATURE_HEADERS:
        value = headers.get(name)
        if value is None:
            if lowered is None:
                lowered = {str(key).lower(): val for key, val in headers.items()}
            value = lowered.get(name.lower())
        if value is not None:
            return value
    return None


class RequestValidator:
    """Checks the signature of a webhook request against the project's signing key.

    Named and shaped like twilio-python's ``twilio.request_validator.RequestValidator``
    and the ``signalwire`` package's class of the same name::

        validator = RequestValidator(signing_key)
        validator.validate(url, request.form, request.headers["X-SignalWire-Signature"])

    ``signing_key`` is the key from the dashboard's API Credentials page (``str`` or
    ``bytes``). It never appears in the ``repr`` or in any message.
    """

    __slots__ = ("_key",)

    def __init__(self, signing_key: str | bytes) -> None:
        if isinstance(signing_key, str):
            try:
                signing_key = signing_key.encode("utf-8")
            except UnicodeEncodeError:
                # the codec's message would quote a character of the key
                raise LamlValueError("signing_key must be text UTF-8 can encode") from None
        if not isinstance(signing_key, bytes):
            raise LamlTypeError(
                f"signing_key must be str or bytes (got {type(signing_key).__name__})"
            )
        self._key = signing_key

    def __repr__(self) -> str:
        return "RequestValidator(signing_key=<hidden>)"

    def compute_signature(self, url: str, params: FormParams | None = None) -> str:
        """The form-scheme signature (base64 HMAC-SHA1) of ``url`` and form ``params``.

        ``url`` is the full URL the platform requested, query string included. Raises
        ``LamlTypeError`` for a ``url`` that is not a ``str``, ``params`` that is not a
        mapping, a parameter name or value that is not a ``str``.
        """
        if not isinstance(url, str):
            raise LamlTypeError(f"url must be a str (got {type(url).__name__})")
        if params is not None and not is_mapping(params):
            raise LamlTypeError(
                f"params must be a mapping of form parameters (got {type(params).__name__})"
            )
        text = _utf8(signing_string(url, params))
        digest = hmac.new(self._key, text, hashlib.sha1).digest()
        return base64.b64encode(digest).decode("ascii")

    def compute_body_signature(self, url: str, body: str | bytes) -> str:
        """SignalWire's JSON-request signature: lowercase hex HMAC-SHA1 of ``url`` + ``body``."""
        raw = _utf8(body) if isinstance(body, str) else body
        return hmac.new(self._key, _utf8(url) + raw, hashlib.sha1).hexdigest()

    def validate(self, url: str, params_or_body: ParamsOrBody, signature: object) -> bool:
        """Whether ``signature`` was made with this key for this request.

        - ``url``: the full public URL the platform requested, query string included;
          it is tried as given and with the scheme's default port added or removed.
        - ``params_or_body``: the form parameters (any mapping, see :data:`FormParams`;
          ``None`` or empty for a GET), or the raw body as ``str``/``bytes`` for a JSON
          request (SignalWire's hex signature of URL + body, or Twilio's ``bodySHA256``
          query parameter with the URL signed alone).
        - ``signature``: the header's value. Anything that is not a well-formed signature
          (``None``, empty, wrong type, non-ASCII) gives ``False``; this never raises for it.

        Text UTF-8 cannot encode (a lone surrogate) is signed as its bytes, so it
        gives ``False``, never an exception. Comparisons take constant time.
        Raises ``LamlTypeError`` only for arguments of
        the wrong type: a ``url`` that is not a ``str`` (Starlette's ``request.url`` is a
        ``URL`` object: pass ``str(request.url)``), ``params_or_body`` that is neither a
        mapping nor ``str``/``bytes``/``None``, a form parameter name or value that is not
        a ``str``.
        """
        if not isinstance(url, str):
            raise LamlTypeError(
                f"url must be a str, the full URL the platform requested (got "
                f"{type(url).__name__}; for a URL object write str(request.url))"
            )
        if params_or_body is not None and not (
            isinstance(params_or_body, (str, bytes)) or is_mapping(params_or_body)
        ):
            raise LamlTypeError(
                "params_or_body must be a mapping of form parameters, or the raw body as "
                f"str or bytes (got {type(params_or_body).__name__})"
            )
        if not isinstance(signature, str) or not signature or not signature.isascii():
            return False
        given = signature.encode("ascii")
        urls = url_variants(url)
        if isinstance(params_or_body, (str, bytes)):
            return self._validate_body(urls, params_or_body, given)
        return _any_equal(given, (self.compute_signature(u, params_or_body) for u in urls))

    def _validate_body(self, urls: list[str], body: str | bytes, given: bytes) -> bool:
        raw = _utf8(body) if isinstance(body, str) else body
        if _any_equal(given.lower(), (self.compute_body_signature(u, raw) for u in urls)):
            return True
        query = urls[0].partition("?")[2].partition("#")[0]
        hashes = parse_qs(query, keep_blank_values=True).get("bodySHA256")
        if not hashes:
            return False
        body_hash = hashlib.sha256(raw).hexdigest().encode("ascii")
        if not hmac.compare_digest(body_hash, _utf8(hashes[0])):
            return False
        return _any_equal(given, (self.compute_signature(u, None) for u in urls))


def _utf8(text: str) -> bytes:
    """The bytes signed for ``text``: UTF-8, with bytes a framework decoded as
    surrogate escapes given back as they came, and any other lone surrogate written
    as its three bytes, so text no platform sends fails to match rather than raising."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


def _any_equal(given: bytes, candidates: Iterable[str]) -> bool:
    """Whether ``given`` equals any candidate, comparing every one in constant time."""
    found = False
    for candidate in candidates:
        found |= hmac.compare_digest(given, candidate.encode("ascii"))
    return found
