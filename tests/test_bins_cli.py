"""``laml bins list|pull|diff|push`` against a real LaML Bins server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from laml import LamlError
from laml.client.files import bin_name, file_name

from .bins_api import BinsApi, run, write_bins

NAMES = ["Main IVR", "Café à Zürich", "sales/after hours", "50% off", ".hidden", "tail. "]
CONTENTS = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<Response>\n  <Say>Hello {{From}}</Say>\n</Response>\n',
    "<Response>\r\n<Say>Grüße, ça va ?</Say>\r\n</Response>",
    '<Response><Dial callerId="{{To}}"><Number>+15551112222</Number></Dial></Response>  ',
    "<Response>{{#Digits}}<Say>You pressed {{Digits}}</Say>{{/Digits}}</Response>\n\n",
    "<Response><Hangup/></Response>",
    "<Response><Say>Tail</Say></Response>",
]
INVALID = "<Response><Say>Hi<Say></Response>"


def test_push_then_pull_gives_back_every_byte_and_name(api: BinsApi, tmp_path: Path) -> None:
    """Names with spaces, accents, slashes and % survive; a second push writes nothing."""
    bins = dict(zip(NAMES, CONTENTS, strict=True))
    write_bins(tmp_path / "repo", bins)
    status, output = run("bins", "push", str(tmp_path / "repo"))
    assert status == 0, output
    assert {b["name"]: b["contents"] for b in api.bins} == bins
    assert len(api.writes()) == len(bins)
    assert "plan: 6 to create, 0 to update, 0 unchanged, 0 to delete" in output

    before = list(api.requests)
    status, output = run("bins", "push", str(tmp_path / "repo"))
    assert status == 0
    assert [r for r in api.requests[len(before) :] if r[0] != "GET"] == []
    assert "plan: 0 to create, 0 to update, 6 unchanged, 0 to delete" in output
    assert "nothing to do" in output

    status, output = run("bins", "pull", str(tmp_path / "pulled"))
    assert status == 0
    pulled = {bin_name(p.name): p.read_bytes() for p in (tmp_path / "pulled").iterdir()}
    assert pulled == {name: contents.encode("utf-8") for name, contents in bins.items()}
    assert sorted(p.name for p in (tmp_path / "pulled").iterdir()) == sorted(
        p.name for p in (tmp_path / "repo").iterdir()
    )


def test_an_invalid_bin_stops_the_whole_push(api: BinsApi, tmp_path: Path) -> None:
    """Any error: nothing is written (nor even asked), the finding is printed, exit 1."""
    write_bins(tmp_path, {"good": CONTENTS[0], "bad": INVALID})
    status, output = run("bins", "push", str(tmp_path))
    assert status == 1
    assert f"{tmp_path / 'bad.xml'}:1:" in output and "error 12100" in output
    assert "nothing was pushed" in output
    assert api.requests == [] and api.bins == []


def test_force_pushes_despite_errors(api: BinsApi, tmp_path: Path) -> None:
    write_bins(tmp_path, {"bad": INVALID})
    status, output = run("bins", "push", "--force", str(tmp_path))
    assert status == 0
    assert "error 12100" in output
    assert [b["contents"] for b in api.bins] == [INVALID]


def test_dry_run_prints_the_plan_and_writes_nothing(api: BinsApi, tmp_path: Path) -> None:
    api.add("same", CONTENTS[4])
    api.add("changed", CONTENTS[4])
    api.add("orphan", CONTENTS[4])
    write_bins(tmp_path, {"same": CONTENTS[4], "changed": CONTENTS[5], "new": CONTENTS[0]})
    status, output = run("bins", "push", "--dry-run", "--prune", str(tmp_path))
    assert status == 0
    assert api.writes() == []
    lines = output.splitlines()
    assert lines[0] == f"~ update    'changed' ({tmp_path / 'changed.xml'})"
    assert lines[1] == f"+ create    'new' ({tmp_path / 'new.xml'})"
    assert lines[2].startswith("- delete    'orphan' (")
    assert lines[3] == f"= unchanged 'same' ({tmp_path / 'same.xml'})"
    assert lines[4:] == [
        "plan: 1 to create, 1 to update, 1 unchanged, 1 to delete",
        "dry run: nothing was changed",
    ]


def test_prune_deletes_bins_without_a_file_and_only_then(api: BinsApi, tmp_path: Path) -> None:
    orphan = api.add("orphan", CONTENTS[4])
    write_bins(tmp_path, {"kept": CONTENTS[4]})
    status, output = run("bins", "push", str(tmp_path))
    assert status == 0
    assert "no file; --prune deletes it" in output
    assert sorted(b["name"] for b in api.bins) == ["kept", "orphan"]
    status, output = run("bins", "push", "--prune", str(tmp_path))
    assert status == 0
    assert f"deleted 'orphan' ({orphan['sid']})" in output
    assert [b["name"] for b in api.bins] == ["kept"]


def test_update_sends_only_the_contents(api: BinsApi, tmp_path: Path) -> None:
    existing = api.add("ivr", CONTENTS[4])
    write_bins(tmp_path, {"ivr": CONTENTS[5]})
    status, output = run("bins", "push", str(tmp_path))
    assert status == 0
    assert api.writes() == [("POST", f"{api.collection}/{existing['sid']}")]
    assert existing["contents"] == CONTENTS[5]
    assert f"updated 'ivr' ({existing['sid']})" in output


def test_twins_message_names_each_sid(
    api: BinsApi, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = api.add("ivr"), api.add("ivr")
    write_bins(tmp_path, {"ivr": CONTENTS[4]})
    assert run("bins", "push", str(tmp_path))[0] == 1
    assert api.writes() == []
    message = capsys.readouterr().err
    assert message.startswith("laml: the project has 2 bins named 'ivr': ")
    assert first["sid"] in message and second["sid"] in message
    assert message.count("\n") == 1


def test_push_json_reports_findings_and_plan(api: BinsApi, tmp_path: Path) -> None:
    write_bins(tmp_path, {"ivr": "<Response><Say>{{Form}}</Say></Response>"})
    status, output = run("bins", "push", "--format", "json", str(tmp_path))
    assert status == 0
    report = json.loads(output)
    assert report["applied"] is True
    assert [(s["action"], s["name"]) for s in report["plan"]] == [("create", "ivr")]
    assert report["plan"][0]["sid"] == api.bins[0]["sid"]
    assert [f["file"] for f in report["findings"]] == [str(tmp_path / "ivr.xml")]


def test_diff_shows_each_difference(api: BinsApi, tmp_path: Path) -> None:
    changed = api.add("ivr", "<Response>\n<Say>old</Say>\n</Response>\n")
    remote_only = api.add("remote only")
    api.add("same", CONTENTS[4])
    write_bins(
        tmp_path,
        {
            "ivr": "<Response>\n<Say>new</Say>\n</Response>\n",
            "local only": "x",
            "same": CONTENTS[4],
        },
    )
    status, output = run("bins", "diff", str(tmp_path))
    assert status == 1
    assert output == (
        f"--- project:ivr ({changed['sid']})\n"
        f"+++ {tmp_path / 'ivr.xml'}\n"
        "@@ -1,3 +1,3 @@\n"
        " <Response>\n"
        "-<Say>old</Say>\n"
        "+<Say>new</Say>\n"
        " </Response>\n"
        f"only in {tmp_path}: 'local only' ({tmp_path / 'local only.xml'})\n"
        f"only in the project: 'remote only' ({remote_only['sid']})\n"
    )
    status, output = run("bins", "diff", "--format", "json", str(tmp_path))
    assert [(row["name"], row["status"]) for row in json.loads(output)] == [
        ("ivr", "changed"),
        ("local only", "only-local"),
        ("remote only", "only-remote"),
    ]


def test_diff_of_a_matching_directory_is_empty(api: BinsApi, tmp_path: Path) -> None:
    api.add("same", CONTENTS[1])
    write_bins(tmp_path, {"same": CONTENTS[1]})
    assert run("bins", "diff", str(tmp_path)) == (0, "")


def test_list_prints_name_sid_request_url_and_update(api: BinsApi) -> None:
    older = api.add("Hoth")
    newer = api.add("Death Star IVR")
    status, output = run("bins", "list")
    assert status == 0
    header, first, second = output.splitlines()
    assert header.split() == ["NAME", "SID", "REQUEST", "URL", "UPDATED"]
    assert first.startswith("Death Star IVR  ") and newer["sid"] in first
    assert second.startswith("Hoth ") and older["request_url"] in second
    assert second.endswith(older["date_updated"])
    status, output = run("bins", "list", "--format", "json", "--name", "Hoth")
    assert json.loads(output) == [
        {
            "name": "Hoth",
            "sid": older["sid"],
            "request_url": older["request_url"],
            "date_updated": older["date_updated"],
        }
    ]


def test_a_wrong_token_is_one_clear_line(
    api: BinsApi, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = "PTnot-the-right-token-42"
    monkeypatch.setenv("SIGNALWIRE_API_TOKEN", wrong)
    assert run("bins", "list")[0] == 1
    captured = capsys.readouterr()
    assert captured.err == (
        f"laml: 401 Unauthorized for GET {api.collection}: Authentication Error - invalid "
        "username or password (error code 20003)\n"
    )
    assert wrong not in captured.err + captured.out
    assert "Traceback" not in captured.err


def test_missing_settings_are_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("SIGNALWIRE_SPACE_URL", "SIGNALWIRE_PROJECT_ID", "SIGNALWIRE_API_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    assert run("bins", "list")[0] == 2
    assert "missing SIGNALWIRE_SPACE_URL" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({}, "no *.xml bin in the directory"),
        ({"a%2fb.xml": "<Response/>"}, "rename it to 'a%2Fb.xml'"),
        ({"latin.xml": b"<Say>\xe9</Say>"}, "is not UTF-8 text"),
    ],
)
def test_unusable_directories_are_usage_errors(
    api: BinsApi,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    files: dict[str, str | bytes],
    message: str,
) -> None:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data if isinstance(data, bytes) else data.encode())
    for command in ("push", "diff"):
        assert run("bins", command, str(tmp_path))[0] == 2
        assert message in capsys.readouterr().err
    assert api.requests == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Main IVR", "Main IVR.xml"),
        ("Café", "Café.xml"),
        ("sales/after hours", "sales%2Fafter hours.xml"),
        ("50% off", "50%25 off.xml"),
        (".hidden", "%2Ehidden.xml"),
        ("..", "%2E%2E.xml"),
        ("", ".xml"),
        ("tail. ", "tail.%20.xml"),
        ('a:b*c?d"e<f>g|h\\i', "a%3Ab%2Ac%3Fd%22e%3Cf%3Eg%7Ch%5Ci.xml"),
        ("line\nbreak\ttab", "line%0Abreak%09tab.xml"),
    ],
)
def test_file_names(name: str, expected: str) -> None:
    assert file_name(name) == expected
    assert bin_name(expected) == name


def test_a_name_too_long_for_a_file_is_refused() -> None:
    with pytest.raises(LamlError, match="too long"):
        file_name("é" * 200)


@settings(max_examples=100)
@given(st.text(max_size=60))
def test_every_name_round_trips_through_a_real_file(name: str) -> None:
    """Any name becomes one visible file name that the file system keeps as it is."""
    encoded = file_name(name)
    assert "/" not in encoded and "\x00" not in encoded
    assert name == "" or not encoded.startswith(".")
    assert bin_name(encoded) == name
    with tempfile.TemporaryDirectory() as directory:
        (Path(directory) / encoded).write_bytes(b"<Response/>")
        assert [bin_name(found) for found in os.listdir(directory)] == [name]


def test_pull_json_and_a_name_too_long_for_a_file(
    api: BinsApi, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    item = api.add("ivr", CONTENTS[0])
    status, output = run("bins", "pull", "--format", "json", str(tmp_path))
    assert status == 0
    assert json.loads(output) == [
        {"name": "ivr", "status": "pulled", "sid": item["sid"], "file": str(tmp_path / "ivr.xml")}
    ]
    api.add("é" * 200)
    assert run("bins", "pull", str(tmp_path / "other"))[0] == 1
    assert "too long for a file name" in capsys.readouterr().err
    assert not (tmp_path / "other").exists()


def test_a_refusal_midway_stops_the_push_with_one_line(
    api: BinsApi, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The plan is applied in order; the first refusal stops it, and says so."""
    first, second = api.add("a", CONTENTS[4]), api.add("b", CONTENTS[4])
    api.locked.add(first["sid"])
    write_bins(tmp_path, {"a": CONTENTS[5], "b": CONTENTS[5]})
    status, output = run("bins", "push", str(tmp_path))
    assert status == 1
    assert "~ update    'a'" in output and "updated" not in output
    assert second["contents"] == CONTENTS[4]
    err = capsys.readouterr().err
    assert err == (
        f"laml: 403 Forbidden for POST {api.collection}/{first['sid']}: "
        "The bin cannot be changed (error code 20403)\n"
    )
