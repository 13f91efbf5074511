"""``laml bins`` tried as a new user would: odd answers, odd files, JSON that always parses."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import laml
from laml import LamlError
from laml.client.files import bin_name, file_name

from .bins_api import BinsApi, run, write_bins


@pytest.mark.parametrize(
    ("project", "local", "expected"),
    [
        (
            "<Response><Say>a</Say></Response>",
            "<Response><Say>b</Say></Response>",
            [
                "@@ -1 +1 @@",
                "-<Response><Say>a</Say></Response>",
                "\\ No newline at end of file",
                "+<Response><Say>b</Say></Response>",
                "\\ No newline at end of file",
            ],
        ),
        (
            "<Response/>",
            "<Response/>\n",
            ["@@ -1 +1 @@", "-<Response/>", "\\ No newline at end of file", "+<Response/>"],
        ),
        (
            "<Response>\n<Say>a\u2028b</Say>\n</Response>\n",
            "<Response>\n<Say>a\u2028c</Say>\n</Response>\n",
            [
                "@@ -1,3 +1,3 @@",
                " <Response>",
                "-<Say>a\u2028b</Say>",
                "+<Say>a\u2028c</Say>",
                " </Response>",
            ],
        ),
    ],
)
def test_diff_lines_never_run_together(
    api: BinsApi, tmp_path: Path, project: str, local: str, expected: list[str]
) -> None:
    """A last line without a newline gets its own marker line, as ``diff -u`` writes it."""
    item = api.add("x", project)
    write_bins(tmp_path, {"x": local})
    status, output = run("bins", "diff", str(tmp_path))
    assert status == 1
    assert output.split("\n") == [
        f"--- project:x ({item['sid']})",
        f"+++ {tmp_path / 'x.xml'}",
        *expected,
        "",
    ]
    status, output = run("bins", "diff", "--format", "json", str(tmp_path))
    assert json.loads(output)[0]["diff"].split("\n")[2:] == [*expected, ""]


@pytest.mark.parametrize(
    ("field", "value", "complaint"),
    [
        ("name", None, "has no name text"),
        ("contents", None, "has no contents text"),
        ("contents", 42, "has no contents text"),
        ("date_updated", 5, "date_updated is not text"),
        ("request_url", ["x"], "request_url is not text"),
        ("num_requests", "many", "num_requests is not a whole number"),
    ],
)
@pytest.mark.parametrize("command", ["list", "pull", "diff", "push"])
def test_a_bin_the_api_would_not_send_is_one_line_and_writes_nothing(
    api: BinsApi,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    field: str,
    value: object,
    complaint: str,
    command: str,
) -> None:
    item = api.add("odd", "<Response/>")
    item[field] = value
    directory = tmp_path / "bins"
    if command in ("diff", "push"):
        write_bins(directory, {"other": "<Response/>"})
    status, _output = run("bins", command, *([str(directory)] if command != "list" else []))
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith(f"laml: GET {api.collection}: the bin {item['sid']}")
    assert complaint in err and err.count("\n") == 1
    assert api.writes() == []
    assert command != "pull" or not directory.exists()


def test_a_bin_listed_without_contents_is_never_pulled_as_the_default(
    api: BinsApi, tmp_path: Path
) -> None:
    """Without this check the file would get SignalWire's default empty ``<Response>``."""
    del api.add("odd", "<Response><Hangup/></Response>")["contents"]
    assert run("bins", "pull", str(tmp_path / "out"))[0] == 1
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["list", "pull", "diff", "push"])
def test_json_output_parses_when_the_api_refuses(
    api: BinsApi,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    """A script reading ``--format json`` gets an object with the error, never nothing."""
    wrong = "PTwrong-token-0000"
    monkeypatch.setenv("SIGNALWIRE_API_TOKEN", wrong)
    write_bins(tmp_path, {"a": "<Response/>"})
    where = [] if command == "list" else [str(tmp_path)]
    status, output = run("bins", command, "--format", "json", *where)
    assert status == 1
    assert json.loads(output)["error"] == {
        "message": f"401 Unauthorized for GET {api.collection}: Authentication Error - "
        "invalid username or password (error code 20003)",
        "status": 401,
        "code": "20003",
    }
    assert wrong not in output + capsys.readouterr().err


def test_json_output_parses_for_a_usage_error(
    api: BinsApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SIGNALWIRE_PROJECT_ID")
    assert json.loads(run("bins", "list", "--format", "json")[1]) == {
        "error": {
            "message": "missing SIGNALWIRE_PROJECT_ID (set the environment variable or pass it)"
        }
    }
    status, output = run("bins", "push", "--format", "json", str(tmp_path / "none"))
    assert status == 2
    assert json.loads(output)["error"]["message"].startswith("no such directory")


def test_json_push_refused_midway_says_what_was_applied(api: BinsApi, tmp_path: Path) -> None:
    """The bins written before the refusal stay written; the JSON report says which."""
    first, second = api.add("a", "<Response/>"), api.add("b", "<Response/>")
    api.locked.add(second["sid"])
    write_bins(
        tmp_path, {"a": "<Response><Hangup/></Response>", "b": "<Response><Hangup/></Response>"}
    )
    status, output = run("bins", "push", "--format", "json", str(tmp_path))
    assert status == 1
    report = json.loads(output)
    assert report["applied"] is True
    assert [(s["name"], s["action"], s.get("done", False)) for s in report["plan"]] == [
        ("a", "update", True),
        ("b", "update", False),
    ]
    assert report["error"]["status"] == 403
    assert first["contents"] == "<Response><Hangup/></Response>"


@pytest.mark.parametrize(
    "body",
    ["{{From}}", "<![CDATA[ {{From}} ]]>", "<Say>x</Say> {{From}}"],
)
def test_a_variable_where_no_text_may_stand_is_an_error(body: str) -> None:
    """``<Response>`` takes no text: the caller's number there is always an error."""
    found = laml.validate(f"<Response>\n  {body}\n</Response>\n", template=True)
    assert [(d.code, d.severity, d.message) for d in found] == [
        ("LAML005", "error", "<Response> cannot contain text (found '{{From}}')")
    ]


def test_a_variable_in_a_typed_value_waits_for_the_request() -> None:
    found = laml.validate(
        '<Response><Dial timeout="{{Timeout}}">+15551230000</Dial></Response>', template=True
    )
    assert [(d.code, d.severity) for d in found if d.code != "LAML035"] == [("LAML037", "info")]
    assert "it must be an integer from 5 to 600" in found[0].message


@pytest.mark.parametrize(
    "space",
    [
        "me:{token}@example.signalwire.com",
        "http://me:{token}@example.signalwire.com",
        "ftp://me:{token}@example.signalwire.com",
        "https://me:{token}@exa mple.signalwire.com",
        "http://example.signalwire.com/?AuthToken={token}",
        "example.signalwire.com#{token}",
    ],
)
def test_a_token_pasted_into_the_space_url_is_never_repeated(
    space: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    token = "PTpasted-token-9876"
    monkeypatch.setenv("SIGNALWIRE_PROJECT_ID", "p")
    monkeypatch.setenv("SIGNALWIRE_API_TOKEN", token)
    status, output = run("bins", "list", "--space-url", space.format(token=token))
    err = capsys.readouterr().err
    assert status == 2
    assert err == (
        "laml: the space URL must not hold credentials, a query or a fragment; "
        "give the project ID and token separately\n"
    )
    assert token not in output


def test_pull_names_the_files_of_bins_the_project_no_longer_has(
    api: BinsApi, tmp_path: Path
) -> None:
    """pull keeps them (it never deletes a file) but says push would create them again."""
    item = api.add("ivr", "<Response/>")
    write_bins(tmp_path, {"gone": "<Response><Hangup/></Response>"})
    status, output = run("bins", "pull", str(tmp_path))
    assert status == 0
    assert output == (
        f"pulled 'ivr' ({item['sid']}) -> {tmp_path / 'ivr.xml'}\n"
        f"kept   'gone' ({tmp_path / 'gone.xml'}): the project has no such bin; "
        "delete the file, or push creates the bin again\n"
    )
    assert (tmp_path / "gone.xml").read_bytes() == b"<Response><Hangup/></Response>"
    status, output = run("bins", "pull", "--format", "json", str(tmp_path))
    assert json.loads(output) == [
        {"name": "ivr", "status": "pulled", "sid": item["sid"], "file": str(tmp_path / "ivr.xml")},
        {"name": "gone", "status": "only-local", "sid": None, "file": str(tmp_path / "gone.xml")},
    ]


def test_a_reader_that_goes_away_stops_list_quietly(api: BinsApi) -> None:
    """``laml bins list | head -1``: as for ``laml validate``, no "Broken pipe" line."""
    for number in range(600):  # far more than a pipe holds, so that writing must fail
        api.add(f"bin {number} " + "x" * 200)
    shell = subprocess.run(
        f"{shlex.quote(sys.executable)} -m laml bins list | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert shell.stdout.startswith("NAME")
    assert shell.stderr == ""


def test_a_bin_created_while_the_pages_are_read_makes_no_false_twins(
    api: BinsApi, tmp_path: Path
) -> None:
    """Newest first: a bin created after page 0 pushes page 0's last bin onto page 1."""
    for number in range(60):
        api.add(f"bin {number:02}", "<Response/>")

    def meanwhile(page: int) -> None:
        if page == 0:
            api.add("created meanwhile", "<Response/>")

    api.after_page = meanwhile
    write_bins(tmp_path, {f"bin {number:02}": "<Response/>" for number in range(60)})
    status, output = run("bins", "push", str(tmp_path))
    assert status == 0, output
    assert output.endswith(
        "plan: 0 to create, 0 to update, 60 unchanged, 0 to delete\n"
        "nothing to do: the project already matches\n"
    )
    assert api.writes() == []


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("bad \x1b[31mred\x1b[0m", "bad \\x1b[31mred\\x1b[0m"),
        ("two\nlines\r\n and\ttabs", "two lines and tabs"),
        ("Zürich ünïcode", "Zürich ünïcode"),
        ("bell\x07 and \u202eright-to-left", "bell\\x07 and \\u202eright-to-left"),
    ],
)
def test_a_refusal_s_message_cannot_act_on_the_terminal(
    api: BinsApi, capsys: pytest.CaptureFixture[str], message: str, shown: str
) -> None:
    api.queued_message = message
    api.queue(400)
    assert run("bins", "list")[0] == 1
    assert capsys.readouterr().err == f"laml: 400 Bad Request for GET {api.collection}: {shown}\n"


@pytest.mark.parametrize("sid", ["", "a b", "x\x1b[2J", "../../x", "é" * 3, "x" * 65])
def test_a_sid_that_is_no_sid_is_refused(
    api: BinsApi, capsys: pytest.CaptureFixture[str], sid: str
) -> None:
    api.add("odd")["sid"] = sid
    assert run("bins", "list")[0] == 1
    err = capsys.readouterr().err
    assert err.startswith(f"laml: GET {api.collection}: a bin") and err.count("\n") == 1
    assert "\x1b" not in err


def test_two_bins_that_are_one_file_here_stop_the_pull(
    api: BinsApi, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On macOS or Windows 'IVR.xml' and 'ivr.xml' are one file: one bin's contents would
    silently become the other's, and the next push would publish them under its name.
    A symbolic link makes two names one file on any system."""
    api.add("IVR", "<Response><Say>upper</Say></Response>")
    api.add("ivr", "<Response><Say>lower</Say></Response>")
    (tmp_path / "ivr.xml").symlink_to(tmp_path / "IVR.xml")
    assert run("bins", "pull", str(tmp_path))[0] == 1
    assert capsys.readouterr().err == (
        f"laml: the bins 'IVR' and 'ivr' are one file here ({tmp_path / 'ivr.xml'}): this "
        "file system does not tell their names apart; rename one of them in the project, "
        "then pull again\n"
    )
    assert (tmp_path / "IVR.xml").read_text() == "<Response><Say>upper</Say></Response>"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("CON", "%43ON.xml"),
        ("nul", "%6Eul.xml"),
        ("Aux.old", "%41ux.old.xml"),
        ("com1 ", "%63om1%20.xml"),
        ("LPT9.menu.v2", "%4CPT9.menu.v2.xml"),
        ("COM²", "%43OM².xml"),
        ("con música", "con música.xml"),
        ("CONSOLE", "CONSOLE.xml"),
        ("COM0", "COM0.xml"),
        ("my nul", "my nul.xml"),
    ],
)
def test_names_windows_keeps_for_devices_are_escaped(name: str, expected: str) -> None:
    """'CON.xml', 'nul.xml', 'aux.old.xml' cannot be files on Windows, whatever the case."""
    assert file_name(name) == expected
    assert bin_name(expected) == name
    with pytest.raises(LamlError, match="rename it to"):
        bin_name(f"{name}.xml" if expected != f"{name}.xml" else "%XX.xml")


def test_a_dropped_connection_is_asked_again_for_a_read_only(
    api: BinsApi, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A GET changes nothing and is repeated; a POST might have been done, so it is not."""
    api.add("ivr", "<Response/>")
    api.queue(0)
    status, output = run("bins", "list", "--format", "json")
    assert status == 0 and [row["name"] for row in json.loads(output)] == ["ivr"]
    assert [method for method, _ in api.requests] == ["GET", "GET"]

    write_bins(tmp_path, {"new": "<Response/>"})
    api.requests.clear()
    api.after_page = lambda page: api.queue(0)  # the listing is answered, the create dropped
    status, _ = run("bins", "push", str(tmp_path))
    assert status == 1
    assert [method for method, _ in api.requests] == ["GET", "POST"]
    assert capsys.readouterr().err == (
        f"laml: POST {api.collection}: the request to {api.url} failed (RemoteProtocolError)\n"
    )


def test_settings_pasted_with_a_line_break_still_authenticate(
    api: BinsApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CI secrets and files read whole often end with a line break."""
    api.add("ivr")
    monkeypatch.setenv("SIGNALWIRE_PROJECT_ID", api.project + "\n")
    monkeypatch.setenv("SIGNALWIRE_API_TOKEN", f" {api.token}\r\n")
    monkeypatch.setenv("SIGNALWIRE_SPACE_URL", api.url + "\n")
    status, output = run("bins", "list", "--format", "json")
    assert status == 0 and [row["name"] for row in json.loads(output)] == ["ivr"]


def test_a_name_with_a_line_break_keeps_the_diff_header_on_one_line(
    api: BinsApi, tmp_path: Path
) -> None:
    item = api.add("two\nlines", "<Response/>\n")
    write_bins(tmp_path, {"two\nlines": "<Response><Hangup/></Response>\n"})
    status, output = run("bins", "diff", str(tmp_path))
    assert status == 1
    assert output.split("\n")[:2] == [
        f"--- project:'two\\nlines' ({item['sid']})",
        f"+++ {tmp_path / 'two%0Alines.xml'}",
    ]
