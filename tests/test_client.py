"""``laml.client.BinsClient`` against a real LaML Bins server on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from laml import LamlError
from laml.bins import DEFAULT_CONTENTS, LamlBin
from laml.client import ApiError, BinsClient, ClientConfigError, ClientError, Retry
from laml.client._bins import base_url

from .bins_api import PROJECT, TOKEN, BinsApi, serve


@pytest.fixture
def api() -> Iterator[BinsApi]:
    with serve() as running:
        yield running


class Sleeps(list[float]):
    """Records each wait instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def client_for(api: BinsApi, token: str = TOKEN, **options: object) -> BinsClient:
    options.setdefault("sleep", Sleeps())
    return BinsClient(api.url, PROJECT, token, **options)  # type: ignore[arg-type]


def test_create_get_update_delete(api: BinsApi) -> None:
    """Each endpoint returns a LamlBin with the server's fields; update changes only what is given."""
    with client_for(api) as client:
        created = client.create("Main IVR", "<Response><Say>Hi</Say></Response>")
        assert isinstance(created, LamlBin)
        assert (created.name, created.contents) == (
            "Main IVR",
            "<Response><Say>Hi</Say></Response>",
        )
        assert created.sid and created.account_sid == PROJECT
        assert created.request_url == f"{api.url}/laml-bins/{created.sid}"
        assert client.get(created.sid) == created

        renamed = client.update(created.sid, name="Hoth IVR")
        assert (renamed.name, renamed.contents) == ("Hoth IVR", created.contents)
        changed = client.update(created.sid, contents="<Response/>")
        assert (changed.name, changed.contents) == ("Hoth IVR", "<Response/>")

        client.delete(created.sid)
        with pytest.raises(ApiError) as raised:
            client.get(created.sid)
    assert (raised.value.status, raised.value.code) == (404, "20404")
    assert api.writes() == [
        ("POST", api.collection),
        ("POST", f"{api.collection}/{created.sid}"),
        ("POST", f"{api.collection}/{created.sid}"),
        ("DELETE", f"{api.collection}/{created.sid}"),
    ]


def test_create_without_contents_gets_the_default(api: BinsApi) -> None:
    with client_for(api) as client:
        assert client.create("empty").contents == DEFAULT_CONTENTS


def test_update_needs_something_to_change(api: BinsApi) -> None:
    with client_for(api) as client, pytest.raises(LamlError, match="name, contents or both"):
        client.update("some-sid")
    assert api.requests == []


@pytest.mark.parametrize("paging", ["meta", "uri"])
def test_list_follows_every_page_newest_first(paging: str) -> None:
    """120 bins come in pages of 50 (meta.next_page_url or next_page_uri): three GETs."""
    with serve(BinsApi(paging=paging)) as api:
        for number in range(120):
            api.add(f"bin {number}")
        with client_for(api) as client:
            found = client.list()
    assert [b.name for b in found] == [f"bin {n}" for n in reversed(range(120))]
    assert [method for method, _ in api.requests] == ["GET"] * 3
    assert "Page=2" in api.requests[-1][1]


def test_list_filters_by_name_substring(api: BinsApi) -> None:
    for name in ("Death Star IVR", "Hoth", "Star Destroyer", "star"):
        api.add(name)
    with client_for(api) as client:
        assert [b.name for b in client.list("Star")] == ["Star Destroyer", "Death Star IVR"]
        assert client.list("nothing") == []


def test_validation_error_carries_the_api_code_and_message(api: BinsApi) -> None:
    """A 422 answer (SignalWire's ``errors`` list) becomes an ApiError with its code."""
    with client_for(api) as client, pytest.raises(ApiError) as raised:
        client.create("")
    error = raised.value
    assert (error.status, error.code, error.api_message) == (
        422,
        "missing_required_parameter",
        "Name is required",
    )
    assert str(error) == (
        f"422 Unprocessable Entity for POST {api.collection}: Name is required "
        "(error code missing_required_parameter)"
    )


def test_wrong_token_is_a_401_that_never_shows_the_token(api: BinsApi) -> None:
    wrong = "PTwrong-token-that-must-not-leak"
    with client_for(api, token=wrong) as client:
        with pytest.raises(ApiError) as raised:
            client.list()
        assert wrong not in repr(client)
    error = raised.value
    assert (error.status, error.code) == (401, "20003")
    assert str(error).startswith("401 Unauthorized for GET ")
    assert "\n" not in str(error)
    assert wrong not in str(error) and wrong not in repr(error)
    assert isinstance(error, LamlError)


def test_429_waits_as_long_as_retry_after_says(api: BinsApi) -> None:
    api.queue(429, Retry_After="3")
    api.queue(429, Retry_After="1")
    sleeps = Sleeps()
    with client_for(api, sleep=sleeps) as client:
        assert client.list() == []
    assert sleeps == [3.0, 1.0]
    assert len(api.requests) == 3


def test_503_is_retried_with_capped_exponential_backoff(api: BinsApi) -> None:
    for _ in range(4):
        api.queue(503)
    sleeps = Sleeps()
    retry = Retry(attempts=5, base=0.5, cap=2.0)
    with client_for(api, sleep=sleeps, retry=retry) as client:
        assert client.create("after outage").name == "after outage"
    assert sleeps == [0.5, 1.0, 2.0, 2.0]
    assert [name for name in (b["name"] for b in api.bins)] == ["after outage"]


def test_5xx_left_after_every_retry_is_raised(api: BinsApi) -> None:
    for _ in range(3):
        api.queue(503)
    sleeps = Sleeps()
    with (
        client_for(api, sleep=sleeps, retry=Retry(attempts=2)) as client,
        pytest.raises(ApiError) as raised,
    ):
        client.list()
    assert raised.value.status == 503
    assert len(api.requests) == 3 and len(sleeps) == 2


def test_a_retry_after_too_long_is_not_waited_for(api: BinsApi) -> None:
    api.queue(429, Retry_After="3600")
    sleeps = Sleeps()
    with client_for(api, sleep=sleeps) as client, pytest.raises(ApiError) as raised:
        client.list()
    assert raised.value.status == 429 and sleeps == []


def test_retry_after_as_an_http_date() -> None:
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=timezone.utc)
    later = format_datetime(now + timedelta(seconds=7), usegmt=True)
    assert Retry().wait(0, later, now=now) == 7.0
    assert Retry().wait(0, "not a date", now=now) == Retry().backoff(0)
    assert Retry().wait(2, None) == 2.0


@settings(max_examples=50)
@given(
    st.integers(0, 100),
    st.floats(0, 10, allow_nan=False),
    st.floats(0, 100, allow_nan=False),
)
def test_backoff_grows_and_never_passes_the_cap(retry: int, base: float, cap: float) -> None:
    policy = Retry(base=base, cap=cap)
    assert 0 <= policy.backoff(retry) <= cap
    assert policy.backoff(retry) <= policy.backoff(retry + 1)


def test_a_refused_connection_is_retried_then_reported() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sleeps = Sleeps()
    client = BinsClient(
        f"http://127.0.0.1:{port}", PROJECT, TOKEN, sleep=sleeps, retry=Retry(attempts=2)
    )
    with client, pytest.raises(ClientError, match="cannot connect"):
        client.list()
    assert sleeps == [0.5, 1.0]


@pytest.mark.parametrize(
    ("space", "expected"),
    [
        ("example.signalwire.com", "https://example.signalwire.com"),
        ("https://example.signalwire.com/", "https://example.signalwire.com"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://localhost:1/base", "http://localhost:1/base"),
    ],
)
def test_space_url(space: str, expected: str) -> None:
    assert base_url(space) == expected


@pytest.mark.parametrize(
    ("space", "reason"),
    [
        ("http://example.signalwire.com", "unencrypted"),
        ("ftp://example.signalwire.com", "http"),
        ("example.signalwire.com/path", "neither a host"),
        ("https://user:pass@example.signalwire.com", "credentials"),
        ("", "neither a host"),
    ],
)
def test_unusable_space_url(space: str, reason: str) -> None:
    with pytest.raises(ClientConfigError, match=reason):
        base_url(space)


def test_settings_come_from_the_environment() -> None:
    environ = {
        "SIGNALWIRE_SPACE_URL": "example.signalwire.com",
        "SIGNALWIRE_PROJECT_ID": PROJECT,
        "SIGNALWIRE_API_TOKEN": TOKEN,
    }
    with BinsClient(environ=environ) as client:
        assert (client.space_url, client.project_id) == ("https://example.signalwire.com", PROJECT)
        assert TOKEN not in repr(client)
    with pytest.raises(ClientConfigError, match="SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN"):
        BinsClient(environ={"SIGNALWIRE_SPACE_URL": "example.signalwire.com"})


def test_next_page_on_another_host_is_not_followed(api: BinsApi) -> None:
    """The token is only ever sent to the space it was given for."""
    for number in range(60):
        api.add(f"bin {number}")
    api.paging = "elsewhere"
    with client_for(api) as client, pytest.raises(ClientError, match="another host"):
        client.list()
    assert len(api.requests) == 1


def test_importing_laml_does_not_import_httpx() -> None:
    code = (
        "import sys, laml, laml.bins, laml.cli; laml.cli._parser(); "
        "assert 'httpx' not in sys.modules, 'httpx imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_an_answer_that_is_not_the_api_s_is_a_client_error(api: BinsApi) -> None:
    """A 200 without the documented list is refused, not read as an empty project."""
    api.queue(200)
    with client_for(api) as client, pytest.raises(ClientError, match="no 'laml_bins' list"):
        client.list()
