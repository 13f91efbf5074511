"""A real HTTP server on 127.0.0.1 that answers the LaML Bins endpoints as documented.

Compatibility REST API, "LaML Bins": Basic auth with the project ID and API token;
``POST .../LamlBins`` creates (201, ``Name`` required, default contents), ``GET``,
``POST`` or ``PUT .../LamlBins/{sid}`` reads or updates (200, only the fields
given), ``DELETE`` removes (204); the list is newest first in pages of 50 with
``meta.next_page_url`` (or the top-level ``next_page_uri`` paging other resources
use), filtered by ``Name`` as a substring. Errors are JSON with ``code``,
``message`` and ``status``. Tests can queue answers (429 with ``Retry-After``,
503) and read every request the server saw.
"""

from __future__ import annotations

import base64
import io
import json
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from laml.cli import main
from laml.client.files import file_name

DEFAULT_CONTENTS = '<?xml version="1.0" encoding="UTF-8"?>\n<Response>\n</Response>'
PROJECT = "b3877c40-da60-4998-90ad-b792e98472af"
TOKEN = "PTsecret-token-0123456789abcdef"


class BinsApi:
    """The server's state: bins, queued answers and the log of requests."""

    def __init__(self, project: str = PROJECT, token: str = TOKEN, paging: str = "meta") -> None:
        self.project = project
        self.token = token
        # "meta": meta.next_page_url; "uri": top-level next_page_uri; "elsewhere": another host
        self.paging = paging
        self.bins: list[dict[str, Any]] = []  # in creation order
        self.queued: list[tuple[int, dict[str, str]]] = []
        self.requests: list[tuple[str, str]] = []  # (method, path with query)
        self.locked: set[str] = set()  # sids whose updates and deletes get 403
        # Called with the page number after each page of the list is sent (under the lock):
        # a test can change the bins between two pages, as another user of the project would.
        self.after_page: Callable[[int], None] | None = None
        self.queued_message = "try later"  # the message of the queued answers' bodies
        self.lock = threading.Lock()
        self.clock = 0
        self.url = ""

    def add(self, name: str, contents: str = DEFAULT_CONTENTS) -> dict[str, Any]:
        """A bin as if created through the API (for setting a test up)."""
        self.clock += 1
        sid = str(uuid.uuid4())
        stamp = f"2026-01-01T00:{self.clock // 60:02d}:{self.clock % 60:02d}Z"
        item = {
            "sid": sid,
            "date_created": stamp,
            "date_updated": stamp,
            "date_last_accessed": None,
            "account_sid": self.project,
            "name": name,
            "contents": contents,
            "request_url": f"{self.url}/laml-bins/{sid}",
            "num_requests": 0,
            "api_version": "2010-04-01",
            "uri": f"{self.collection}/{sid}",
        }
        self.bins.append(item)
        return item

    @property
    def collection(self) -> str:
        return f"/api/laml/2010-04-01/Accounts/{self.project}/LamlBins"

    def queue(self, status: int, **headers: str) -> None:
        """The next request gets this answer instead of being served (0: no answer at all,
        the connection is closed)."""
        self.queued.append((status, {k.replace("_", "-"): v for k, v in headers.items()}))

    def writes(self) -> list[tuple[str, str]]:
        """The requests that could change something (everything but GET)."""
        return [entry for entry in self.requests if entry[0] != "GET"]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def _send(
        self, status: int, body: object = None, headers: dict[str, str] | None = None
    ) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, code: int, message: str) -> None:
        self._send(status, {"code": code, "message": message, "status": status})

    def _serve(self, method: str) -> None:
        api = self.server.api
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        with api.lock:
            api.requests.append((method, self.path))
            if api.queued:
                status, headers = api.queued.pop(0)
                if status == 0:  # hang up without answering, as a dropped connection does
                    self.close_connection = True
                    return
                self._error_with(status, headers)
                return
            expected = "Basic " + base64.b64encode(f"{api.project}:{api.token}".encode()).decode()
            if self.headers.get("Authorization") != expected:
                self._error(401, 20003, "Authentication Error - invalid username or password")
                return
            parts = urlsplit(self.path)
            path = parts.path.removesuffix(".json").removesuffix(".JSON")
            query = parse_qs(parts.query, keep_blank_values=True)
            form = {k: v[-1] for k, v in parse_qs(raw.decode(), keep_blank_values=True).items()}
            if path == api.collection:
                if method == "GET":
                    self._list(query)
                elif method == "POST":
                    self._create(form)
                else:
                    self._error(405, 20004, "Method not allowed")
                return
            prefix = api.collection + "/"
            if not path.startswith(prefix):
                self._error(404, 20404, "The requested resource was not found")
                return
            sid = path[len(prefix) :]
            found = next((item for item in api.bins if item["sid"] == sid), None)
            if found is None:
                self._error(404, 20404, f"The requested resource {path} was not found")
            elif method == "GET":
                self._send(200, found)
            elif sid in api.locked:
                self._error(403, 20403, "The bin cannot be changed")
            elif method in ("POST", "PUT"):
                if "Name" in form:
                    found["name"] = form["Name"]
                if "Contents" in form:
                    found["contents"] = form["Contents"]
                api.clock += 1
                found["date_updated"] = f"2026-01-02T00:00:{api.clock % 60:02d}Z"
                self._send(200, found)
            else:
                api.bins.remove(found)
                self._send(204)

    def _error_with(self, status: int, headers: dict[str, str]) -> None:
        body = {
            "code": 20429 if status == 429 else None,
            "message": self.server.api.queued_message,
            "status": status,
        }
        self._send(status, body, headers)

    def _create(self, form: dict[str, str]) -> None:
        name = form.get("Name", "")
        if not name:
            self._send(
                422,
                {
                    "errors": [
                        {
                            "type": "validation_error",
                            "code": "missing_required_parameter",
                            "message": "Name is required",
                            "attribute": "Name",
                        }
                    ]
                },
            )
            return
        self._send(201, self.server.api.add(name, form.get("Contents", DEFAULT_CONTENTS)))

    def _list(self, query: dict[str, list[str]]) -> None:
        api = self.server.api
        size = int(query.get("PageSize", ["50"])[-1])
        number = int(query.get("Page", ["0"])[-1])
        name = query.get("Name", [None])[-1]
        matching = [b for b in reversed(api.bins) if name is None or name in b["name"]]
        page = matching[number * size : (number + 1) * size]
        extra = f"&Name={name}" if name is not None else ""

        def page_url(n: int) -> str:
            return f"{api.collection}?PageSize={size}&Page={n}{extra}"

        following = page_url(number + 1) if (number + 1) * size < len(matching) else None
        if following and api.paging == "elsewhere":
            following = "https://elsewhere.example" + following
        if api.paging in ("meta", "elsewhere"):
            body: dict[str, Any] = {
                "meta": {
                    "first_page_url": page_url(0),
                    "key": "laml_bins",
                    "next_page_url": following,
                    "page": number,
                    "page_size": size,
                    "previous_page_url": page_url(max(number - 1, 0)),
                    "url": page_url(number),
                },
                "laml_bins": page,
            }
        else:
            body = {
                "uri": page_url(number),
                "first_page_uri": page_url(0),
                "next_page_uri": following,
                "previous_page_uri": page_url(number - 1) if number else None,
                "page": number,
                "page_size": size,
                "laml_bins": page,
            }
        self._send(200, body)
        if api.after_page is not None:
            api.after_page(number)


class _Server(ThreadingHTTPServer):
    api: BinsApi
    daemon_threads = True


@contextmanager
def serve(api: BinsApi | None = None) -> Iterator[BinsApi]:
    """Run the server on a free port of 127.0.0.1 for the duration of the block."""
    api = api or BinsApi()
    server = _Server(("127.0.0.1", 0), _Handler)
    server.api = api
    api.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def run(*argv: str) -> tuple[int, str]:
    """Run the laml command in this process: (exit status, what it printed)."""
    out = io.StringIO()
    status = main(list(argv), out)
    return status, out.getvalue()


def write_bins(directory: Path, bins: dict[str, str]) -> None:
    """Write each bin as laml bins pull would: DIR/<encoded name>.xml."""
    directory.mkdir(exist_ok=True)
    for name, contents in bins.items():
        (directory / file_name(name)).write_bytes(contents.encode("utf-8"))
