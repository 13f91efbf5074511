"""``BinsClient``: create, read, update, delete and list LaML Bins over HTTP (httpx)."""

from __future__ import annotations

import email.utils
import math
import os
import re
import time
from collections.abc import Callable, Collection, Iterator, Mapping
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote

import attrs

from ..bins import LamlBin
from ..errors import ApiError, ClientConfigError, ClientError, LamlValueError

try:
    import httpx
except ImportError as error:  # pragma: no cover - depends on the installation
    raise ImportError("laml.client needs httpx: pip install 'laml-cxml[client]'") from error

API_VERSION = "2010-04-01"
DEFAULT_PAGE_SIZE = 50
"""Bins per page the client asks for (the API's documented default)."""

MAX_PAGES = 10_000
"""A listing longer than this many pages is refused: the server is looping."""

_HOST = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?$")
_SID = re.compile(r"[A-Za-z0-9_-]{1,64}")
"""What a bin's sid is made of (SignalWire's are UUIDs)."""

_TEXT_FIELDS = (
    "account_sid",
    "date_created",
    "date_updated",
    "date_last_accessed",
    "request_url",
    "api_version",
    "uri",
)
"""The fields of a bin the API gives as text (or null)."""

_LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


@attrs.frozen
class Retry:
    """How 429 and 5xx answers, refused connections (and, for a GET, a dropped connection
    or a read that timed out) are retried.

    The n-th retry (from 0) waits ``min(cap, base * 2**n)`` seconds, or the answer's
    ``Retry-After`` (seconds or an HTTP date) when it gives one. A ``Retry-After``
    longer than ``max_retry_after`` seconds is not waited for: the error is raised.
    """

    attempts: int = attrs.field(default=4, validator=attrs.validators.ge(0))
    base: float = attrs.field(default=0.5, validator=attrs.validators.ge(0))
    cap: float = attrs.field(default=8.0, validator=attrs.validators.ge(0))
    max_retry_after: float = attrs.field(default=60.0, validator=attrs.validators.ge(0))

    def backoff(self, retry: int) -> float:
        """Seconds to wait before the retry numbered ``retry`` (0 for the first)."""
        return min(self.cap, self.base * 2.0 ** min(retry, 62))

    def wait(
        self, retry: int, retry_after: str | None, now: datetime | None = None
    ) -> float | None:
        """Seconds to wait, honouring ``Retry-After``; None when it asks for too long."""
        if retry_after is None:
            return self.backoff(retry)
        seconds = _retry_after_seconds(retry_after, now)
        if seconds is None:
            return self.backoff(retry)
        return seconds if seconds <= self.max_retry_after else None


def _retry_after_seconds(value: str, now: datetime | None) -> float | None:
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    delta = (when - (now or datetime.now(timezone.utc))).total_seconds()
    return max(0.0, delta) if math.isfinite(delta) else None


def base_url(space_url: str) -> str:
    """The API's origin for a space: ``example.signalwire.com`` -> ``https://example...``.

    A full URL with a scheme is taken as it is (without a trailing slash). Plain
    ``http://`` is accepted only for loopback hosts, so the token never travels
    unencrypted. Raise ``ClientConfigError`` for anything else.
    """
    space_url = space_url.strip()
    if any(mark in space_url for mark in "@?#"):
        # Checked first, so that no message below repeats a token pasted into the URL.
        raise ClientConfigError(
            "the space URL must not hold credentials, a query or a fragment; "
            "give the project ID and token separately"
        )
    if "://" not in space_url:
        if not _HOST.match(space_url):
            raise ClientConfigError(
                f"the space URL {space_url!r} is neither a host such as "
                "example.signalwire.com nor a URL with a scheme"
            )
        return f"https://{space_url}"
    try:
        url = httpx.URL(space_url)
    except (httpx.InvalidURL, ValueError) as error:
        raise ClientConfigError(f"the space URL {space_url!r} does not parse: {error}") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ClientConfigError(f"the space URL {space_url!r} must be an http(s) URL with a host")
    if url.scheme == "http" and url.host not in _LOOPBACK:
        raise ClientConfigError(
            f"the space URL {space_url!r} uses plain http, which would send the API token "
            "unencrypted; use https (http is accepted for loopback hosts only)"
        )
    return str(url).rstrip("/")


class BinsClient:
    """The LaML Bins endpoints of one project.

    ``space_url`` is the space's host (``example.signalwire.com``) or a full URL;
    ``project_id`` and ``api_token`` authenticate (HTTP Basic). Each falls back to
    ``SIGNALWIRE_SPACE_URL``, ``SIGNALWIRE_PROJECT_ID`` and ``SIGNALWIRE_API_TOKEN``.
    ``timeout`` is in seconds for each request. ``retry`` says how 429, 5xx and
    refused connections are retried; ``sleep`` waits between attempts (tests pass
    one that records instead). ``transport`` is handed to httpx.

    Every method raises ``ApiError`` when the API refuses, ``ClientError`` when it
    cannot be reached or answers with something else. Use as a context manager, or
    call ``close()``.
    """

    def __init__(
        self,
        space_url: str | None = None,
        project_id: str | None = None,
        api_token: str | None = None,
        *,
        timeout: float = 30.0,
        retry: Retry | None = None,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        env = os.environ if environ is None else environ
        space_url = space_url or env.get("SIGNALWIRE_SPACE_URL")
        project_id = project_id or env.get("SIGNALWIRE_PROJECT_ID")
        api_token = api_token or env.get("SIGNALWIRE_API_TOKEN")
        # A secret pasted with its line break (a CI secret, a file read whole): neither a
        # project ID nor a token holds whitespace, and Basic auth would send it along.
        project_id = project_id.strip() if project_id else project_id
        api_token = api_token.strip() if api_token else api_token
        missing = [
            variable
            for variable, value in (
                ("SIGNALWIRE_SPACE_URL", space_url),
                ("SIGNALWIRE_PROJECT_ID", project_id),
                ("SIGNALWIRE_API_TOKEN", api_token),
            )
            if not value
        ]
        if missing:
            raise ClientConfigError(
                "missing " + ", ".join(missing) + " (set the environment variable or pass it)"
            )
        assert space_url and project_id and api_token
        if not re.fullmatch(r"[A-Za-z0-9_-]+", project_id):
            raise ClientConfigError("the project ID holds characters a project ID never has")
        self.space_url = base_url(space_url)
        self.project_id = project_id
        self._token = api_token
        self.retry = retry or Retry()
        self._sleep = sleep
        from .. import __version__

        self._http = httpx.Client(
            base_url=self.space_url,
            auth=httpx.BasicAuth(project_id, api_token),
            timeout=timeout,
            transport=transport,
            headers={"Accept": "application/json", "User-Agent": f"laml/{__version__}"},
            follow_redirects=False,
        )
        self.collection = f"/api/laml/{API_VERSION}/Accounts/{project_id}/LamlBins"

    def __repr__(self) -> str:
        return f"BinsClient(space_url={self.space_url!r}, project_id={self.project_id!r})"

    def __enter__(self) -> BinsClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    # ------------------------------------------------------------------ endpoints

    def list(self, name: str | None = None, *, page_size: int = DEFAULT_PAGE_SIZE) -> list[LamlBin]:
        """Every bin of the project, newest first, across all pages.

        ``name`` keeps the bins whose name contains it (the API's ``Name`` filter).
        """
        return list(self.iter(name, page_size=page_size))

    def iter(
        self, name: str | None = None, *, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Iterator[LamlBin]:
        """Like ``list``, page by page: follows ``meta.next_page_url`` or ``next_page_uri``.

        A bin already listed on an earlier page (the pages shift when a bin is created
        meanwhile) is listed once.
        """
        first: dict[str, str | int] = {"PageSize": page_size}
        if name is not None:
            first["Name"] = name
        params: dict[str, str | int] | None = first
        url: str | None = self.collection
        seen: set[str] = set()
        listed: set[str] = set()
        while url is not None:
            if url in seen or len(seen) >= MAX_PAGES:
                raise ClientError(f"the API's paging does not end (page {url} again)")
            seen.add(url)
            page = self._json(self._request("GET", url, params=params), "GET", url)
            params = None  # the next page's URL carries its own query
            items = page.get("laml_bins")
            if not isinstance(items, list):
                raise ClientError(f"GET {url}: the answer has no 'laml_bins' list")
            for item in items:
                found = self._bin(item, "GET", url)
                # A bin created while the pages are read pushes the others down a place
                # (newest first), so the next page starts with one already listed.
                if found.sid not in listed:
                    listed.add(str(found.sid))
                    yield found
            url = self._next_page(page)

    def get(self, sid: str) -> LamlBin:
        """The bin with this sid."""
        path = self._instance(sid)
        return self._bin(self._json(self._request("GET", path), "GET", path), "GET", path)

    def create(self, name: str, contents: str | None = None) -> LamlBin:
        """Create a bin; without ``contents`` SignalWire fills in an empty ``<Response>``."""
        form = {"Name": name}
        if contents is not None:
            form["Contents"] = contents
        response = self._request("POST", self.collection, data=form, expect=(200, 201))
        return self._bin(self._json(response, "POST", self.collection), "POST", self.collection)

    def update(self, sid: str, name: str | None = None, contents: str | None = None) -> LamlBin:
        """Change the name, the contents or both; what is not given is left as it is."""
        form = {}
        if name is not None:
            form["Name"] = name
        if contents is not None:
            form["Contents"] = contents
        if not form:
            raise LamlValueError("update needs a name, contents or both")
        path = self._instance(sid)
        return self._bin(
            self._json(self._request("POST", path, data=form), "POST", path), "POST", path
        )

    def delete(self, sid: str) -> None:
        """Delete the bin with this sid."""
        self._request("DELETE", self._instance(sid), expect=(200, 204))

    # ------------------------------------------------------------------ plumbing

    def _instance(self, sid: str) -> str:
        if not sid or not isinstance(sid, str):
            raise LamlValueError("a bin sid is needed")
        return f"{self.collection}/{quote(sid, safe='')}"

    def _next_page(self, page: Mapping[str, Any]) -> str | None:
        meta = page.get("meta")
        following = meta.get("next_page_url") if isinstance(meta, Mapping) else None
        if not following:
            following = page.get("next_page_uri")
        if not following:
            return None
        if not isinstance(following, str):
            raise ClientError("the API's next page is not a URL")
        target = httpx.URL(self.space_url).join(following)
        origin = httpx.URL(self.space_url)
        if (target.scheme, target.host, target.port) != (origin.scheme, origin.host, origin.port):
            raise ClientError(
                f"the API's next page points to another host ({target.host}); not following it"
            )
        return str(target)

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int] | None = None,
        data: Mapping[str, str] | None = None,
        expect: Collection[int] = (200,),
    ) -> httpx.Response:
        shown = path.split("?")[0]
        retry = 0
        while True:
            try:
                response = self._http.request(method, path, params=params, data=data)
            except (httpx.ConnectError, httpx.ConnectTimeout) as error:
                if retry < self.retry.attempts:
                    self._sleep(self.retry.backoff(retry))
                    retry += 1
                    continue
                raise ClientError(
                    f"{method} {shown}: cannot connect to {self.space_url} ({type(error).__name__})"
                ) from None
            except httpx.TransportError as error:
                # A dropped connection or a read that timed out: a GET changes nothing and
                # is asked again; a write might have been done, so it is not repeated.
                if method == "GET" and retry < self.retry.attempts:
                    self._sleep(self.retry.backoff(retry))
                    retry += 1
                    continue
                raise ClientError(
                    f"{method} {shown}: the request to {self.space_url} failed "
                    f"({type(error).__name__})"
                ) from None
            status = response.status_code
            if (status == 429 or status >= 500) and retry < self.retry.attempts:
                wait = self.retry.wait(retry, response.headers.get("Retry-After"))
                if wait is not None:
                    response.close()
                    self._sleep(wait)
                    retry += 1
                    continue
            if status not in expect:
                raise self._error(response, method, shown)
            return response

    def _error(self, response: httpx.Response, method: str, path: str) -> ApiError:
        code: str | None = None
        message: str | None = None
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, Mapping):
            errors = body.get("errors")
            first = errors[0] if isinstance(errors, list) and errors else body
            if isinstance(first, Mapping):
                if first.get("code") is not None:
                    code = str(first["code"])
                if isinstance(first.get("message"), str):
                    message = first["message"]
        return ApiError(
            response.status_code,
            response.reason_phrase or "error",
            method,
            path,
            self._clean(code),
            self._clean(message),
        )

    def _clean(self, text: str | None) -> str | None:
        """One short line of server text, with the token blanked should it echo it."""
        if text is None:
            return None
        text = " ".join(text.split())[:300]
        if self._token:
            text = text.replace(self._token, "***")
        # Escape sequences and other controls would act on the reader's terminal.
        return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)

    def _json(self, response: httpx.Response, method: str, path: str) -> Mapping[str, Any]:
        try:
            body = response.json()
        except ValueError:
            raise ClientError(
                f"{method} {path.split('?')[0]}: the answer is not JSON "
                f"({response.status_code}, {response.headers.get('Content-Type', 'no type')})"
            ) from None
        if not isinstance(body, Mapping):
            raise ClientError(f"{method} {path.split('?')[0]}: the answer is not a JSON object")
        return body

    def _bin(self, item: object, method: str, path: str) -> LamlBin:
        shown = path.split("?")[0]
        if not isinstance(item, Mapping) or not isinstance(item.get("sid"), str):
            raise ClientError(f"{method} {shown}: a bin without a sid in the answer")
        if not _SID.fullmatch(item["sid"]):
            # It ends up in messages, plans and URLs: letters, digits, '-' and '_' only.
            raise ClientError(f"{method} {shown}: a bin's sid {item['sid'][:60]!a} is not a sid")
        for field in ("name", "contents"):
            # A bin read back without its name or contents would be written, compared
            # and pushed as if it had the default ones.
            if not isinstance(item.get(field), str):
                raise ClientError(
                    f"{method} {shown}: the bin {item['sid']} has no {field} text in the answer"
                )
        for field in _TEXT_FIELDS:
            if item.get(field) is not None and not isinstance(item[field], str):
                raise ClientError(f"{method} {shown}: the bin {item['sid']}'s {field} is not text")
        count = item.get("num_requests")
        if count is not None and (isinstance(count, bool) or not isinstance(count, int)):
            raise ClientError(
                f"{method} {shown}: the bin {item['sid']}'s num_requests is not a whole number"
            )
        return LamlBin.from_api({k: v for k, v in item.items() if k != "num_requests" or v})
