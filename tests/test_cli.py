"""The `laml` command in real processes: validate, fmt, exit statuses, pipes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import laml

from .conftest import LamlCommand

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "corpus"
BAD = CORPUS / "invalid" / "bad-values.xml"
GOOD = CORPUS / "valid" / "ivr-menu.xml"


def test_validate_text_output_and_exit_status(laml_command: LamlCommand) -> None:
    """One `path:line:column: severity CODE message` line per finding; exit 1 on errors."""
    result = laml_command("validate", str(BAD))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 6
    assert lines[0] == (
        f"{BAD}:4:11: error 13221 <Gather> attribute 'method' must be one of 'GET', 'POST' "
        "(got 'PUT')"
    )
    assert laml_command("validate", str(GOOD)).returncode == 0
    assert laml_command("validate", str(GOOD)).stdout == ""


def test_validate_json_output(laml_command: LamlCommand) -> None:
    """--format json prints one JSON array and nothing else."""
    result = laml_command("validate", "--format", "json", str(BAD), str(GOOD))
    rows = json.loads(result.stdout)
    assert len(rows) == 6
    assert set(rows[0]) == {"file", "line", "column", "code", "severity", "message", "path"}
    assert rows[0]["path"] == "/Response/Gather[1]"
    assert result.returncode == 1


def test_validate_directories_and_stdin(laml_command: LamlCommand) -> None:
    """A directory means every *.xml below it; - reads standard input."""
    result = laml_command("validate", "--format", "json", str(CORPUS / "valid"))
    assert result.returncode == 0
    assert all(row["severity"] == "info" for row in json.loads(result.stdout))
    piped = laml_command("validate", "-", stdin=b"<Response><Gather method='PUT'/></Response>")
    assert piped.stdout.startswith("<stdin>:1:19: error 13221")
    assert piped.returncode == 1


def test_options_kind_and_dialect(laml_command: LamlCommand) -> None:
    """--kind and --dialect reach the validator."""
    voice = b"<Response><Say>hi</Say></Response>"
    assert laml_command("validate", "--kind", "messaging", "-", stdin=voice).returncode == 1
    twilio = b"<Response><Dial><Client>jane</Client></Dial></Response>"
    assert laml_command("validate", "-", stdin=twilio).returncode == 1
    assert laml_command("validate", "--dialect", "twilio", "-", stdin=twilio).returncode == 0


def test_usage_errors_exit_2(tmp_path: Path, laml_command: LamlCommand) -> None:
    """A missing file, a directory without documents, an unknown option or no path is a
    usage error."""
    assert laml_command("validate", "no/such/file.xml").returncode == 2
    empty = laml_command("validate", str(tmp_path))
    assert empty.returncode == 2 and "no *.xml file" in empty.stderr
    assert laml_command("fmt", "--check", str(tmp_path)).returncode == 2
    assert laml_command("validate", "--kind", "video", str(GOOD)).returncode == 2
    assert laml_command("validate").returncode == 2
    assert laml_command("frobnicate").returncode == 2


def test_fmt_rewrites_checks_and_is_idempotent(tmp_path: Path, laml_command: LamlCommand) -> None:
    """fmt writes the canonical layout; a second run changes nothing; --check reports."""
    path = tmp_path / "doc.xml"
    path.write_text('<Response><Say voice="alice"   loop="2">Hi</Say>\n\n<Hangup/></Response>')
    assert laml_command("fmt", "--check", str(path)).returncode == 1
    assert laml_command("fmt", str(path)).returncode == 0
    formatted = path.read_text()
    assert formatted == (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Response>\n'
        '  <Say loop="2" voice="alice">Hi</Say>\n  <Hangup />\n</Response>\n'
    )
    assert laml_command("fmt", "--check", str(path)).returncode == 0
    assert laml_command("fmt", str(path)).stdout == ""
    for document in sorted((CORPUS / "valid").glob("*.xml")):
        once = laml.format_document(document.read_bytes())
        assert laml.format_document(once) == once
        assert laml.parse(once) == laml.parse(document)


def test_fmt_refuses_broken_documents(tmp_path: Path, laml_command: LamlCommand) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("<Response><Say>")
    result = laml_command("fmt", str(path))
    assert result.returncode == 1
    assert "12100" in result.stderr


def test_pre_commit_hooks_run_the_command() -> None:
    """The hooks file names laml's own commands."""
    text = (ROOT / ".pre-commit-hooks.yaml").read_text()
    assert "entry: laml validate" in text and "entry: laml fmt" in text


def test_fmt_leaves_comments_alone() -> None:
    """A comment holding "/>" survives formatting unchanged, and formatting stays idempotent
    (found by the fuzz harness)."""
    document = b"<Response><Say>hi<!-- a/>b --></Say><Hangup/></Response>"
    once = laml.format_document(document)
    assert b"<!-- a/>b -->" in once and b"<Hangup />" in once
    assert laml.format_document(once) == once


def test_a_reader_that_goes_away_ends_the_command_quietly() -> None:
    """`laml validate ... | head`: a closed pipe ends the command without a traceback."""
    process = subprocess.Popen(
        [sys.executable, "-m", "laml", "validate", "--format", "json", str(BAD)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before the command writes anything
    errors = process.stderr.read().decode()
    assert process.wait(timeout=120) == 1
    assert "Traceback" not in errors


AT_EXIT = (
    "import atexit, sys, threading\n"
    "atexit.register(lambda: sys.stderr.write('torn down\\n'))\n"
    "{before}\n"
    "sys.argv = ['laml', *{argv!r}]\n"
    "from laml.cli import entry_point\n"
    "entry_point()\n"
)

ENDINGS = [
    # (what runs before the command, the command line) -> (exit status, whether the
    # interpreter is torn down)
    ("", ["validate", str(GOOD)], 0, False),
    ("", ["fmt", "--check", str(GOOD)], 1, False),
    ("", ["variables", "examples/bins/ivr.xml"], 0, False),
    ("", ["--version"], 0, True),
    (
        "threading.Thread(target=threading.Event().wait, args=(1,)).start()",
        ["validate", str(GOOD)],
        0,
        True,
    ),
    ("sys.setprofile(lambda *a: None)", ["validate", str(GOOD)], 0, True),
    ("sys.settrace(lambda *a: None)", ["validate", str(GOOD)], 0, True),
]


@pytest.mark.parametrize(("before", "argv", "status", "torn_down"), ENDINGS)
def test_a_quick_command_ends_without_tearing_the_interpreter_down(
    before: str, argv: list[str], status: int, torn_down: bool
) -> None:
    """A quick command alone -> ends at once (atexit handlers do not run); another thread,
    a profiler, a tracer, or a command that is not quick -> the usual ending."""
    process = subprocess.run(
        [sys.executable, "-c", AT_EXIT.format(before=before, argv=argv)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert process.returncode == status, process.stderr
    assert ("torn down" in process.stderr) is torn_down


def test_a_quick_ending_loses_no_output(tmp_path: Path) -> None:
    """Findings of 400 files through a pipe (far more than a pipe holds), in JSON and as
    text -> every finding arrives, and the exit status is the command's."""
    for number in range(400):
        (tmp_path / f"doc{number:03}.xml").write_bytes(BAD.read_bytes())
    per_file = len(laml.validate(BAD.read_bytes()))
    for extra in (["--format", "json"], []):
        process = subprocess.run(
            [sys.executable, "-m", "laml", "validate", *extra, str(tmp_path)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
        assert process.returncode == 1, process.stderr
        if extra:
            assert len(json.loads(process.stdout)) == 400 * per_file
        else:
            assert len(process.stdout.splitlines()) == 400 * per_file
            assert process.stdout.endswith("\n")


def test_help_lists_every_command_and_loads_none_of_the_heavy_ones() -> None:
    """`laml --help` -> all six commands listed; the simulator and the bins client not
    loaded."""
    program = (
        "import sys, contextlib, io\n"
        "from laml.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    try:\n"
        "        main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(out.getvalue())\n"
        "print('laml.testing' in sys.modules, 'laml.client.commands' in sys.modules)\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout
    for command in ("validate", "render", "variables", "fmt", "explore", "bins"):
        assert f"    {command} " in output
    assert output.rstrip().endswith("False False")


USAGE_ERRORS = [
    # command line -> what the one error line says
    (["validate"], "the following arguments are required: PATH"),
    (["validate", "--kind", "sms", "x.xml"], "argument --kind: invalid choice: 'sms'"),
    (["--bogus", "validate", "x.xml"], "unrecognized arguments: --bogus"),
    (["check", "x.xml"], "argument command: invalid choice: 'check'"),
    (["render"], "the following arguments are required: PATH"),
]


@pytest.mark.parametrize(("argv", "message"), USAGE_ERRORS)
def test_usage_errors_name_what_is_wrong(
    argv: list[str], message: str, laml_command: LamlCommand
) -> None:
    """A wrong command line -> exit 2 and one error line that names the problem."""
    result = laml_command(*argv)
    assert result.returncode == 2
    assert message in result.stderr.splitlines()[-1]


def test_a_directory_that_cannot_be_listed_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A subdirectory the walk cannot list -> a finding that names it and exit 1; the
    files it can read are still checked."""
    from laml.cli import main

    (tmp_path / "a.xml").write_bytes(GOOD.read_bytes())
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.xml").write_bytes(GOOD.read_bytes())
    real = os.scandir

    def scandir(path: str) -> object:
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    out = io.StringIO()
    assert main(["validate", str(tmp_path)], out) == 1
    (line,) = out.getvalue().splitlines()
    assert "cannot read the directory" in line and "locked" in line
    assert "Permission denied" in line


def test_fmt_names_a_file_it_cannot_write_and_formats_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A disk that fills up half-way through one file -> that file named on stderr and
    left as it was, exit 2, the others rewritten."""
    from laml import cli

    original = b"<Response><Say>a</Say></Response>"
    for name in ("a.xml", "b.xml", "c.xml"):
        (tmp_path / name).write_bytes(original)
    real = cli._write_all

    def write_all(file: io.FileIO, data: bytes) -> None:
        if str(getattr(file, "name", "")).endswith("b.xml") and data != original:
            file.write(data[:10])
            raise OSError(28, "No space left on device")
        real(file, data)

    monkeypatch.setattr(cli, "_write_all", write_all)
    out = io.StringIO()
    assert cli.main(["fmt", str(tmp_path)], out) == 2
    assert "cannot write" in capsys.readouterr().err
    assert out.getvalue().count("reformatted") == 2
    assert (tmp_path / "c.xml").read_bytes().startswith(b"<?xml")
    assert (tmp_path / "b.xml").read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xml", "b.xml", "c.xml"]


def test_fmt_rewrites_a_file_in_place(tmp_path: Path) -> None:
    """`laml fmt` through a link -> the linked file rewritten, with its inode, mode and
    hard links kept; a long name needs nothing longer."""
    from laml.cli import main

    target = tmp_path / ("x" * 240 + ".xml")
    target.write_bytes(b"<Response><Say>a</Say></Response>")
    target.chmod(0o640)
    inode = target.stat().st_ino
    link = tmp_path / "link.xml"
    link.symlink_to(target)
    hard = tmp_path / "hard.xml"
    os.link(target, hard)
    assert main(["fmt", str(link)], io.StringIO()) == 0
    assert link.is_symlink()
    assert target.read_bytes().startswith(b"<?xml") and hard.read_bytes() == target.read_bytes()
    assert (target.stat().st_ino, target.stat().st_mode & 0o777) == (inode, 0o640)


def test_an_empty_path_names_no_file(laml_command: LamlCommand) -> None:
    """`laml fmt ''` (an unset "$FILE") -> a usage error, never the current directory."""
    for command in (["fmt", ""], ["validate", ""]):
        result = laml_command(*command)
        assert result.returncode == 2
        assert "an empty path names no file" in result.stderr


def test_a_failing_error_stream_changes_neither_output_nor_status(tmp_path: Path) -> None:
    """stderr on a full device, a missing file with JSON output -> one JSON array on
    stdout and the usual exit status 2."""
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full (Linux)")
    with open("/dev/full", "w") as full:
        result = _run_laml(
            "validate", "--format", "json", str(tmp_path / "missing.xml"),
            stdout=subprocess.PIPE, stderr=full,
        )  # fmt: skip
    assert result.returncode == 2
    (entry,) = json.loads(result.stdout)
    assert entry["code"] == "usage"


def test_fmt_check_of_stdin_says_whether_it_would_change(laml_command: LamlCommand) -> None:
    """`laml fmt --check -`: unformatted -> named, exit 1; formatted -> silent, exit 0."""
    raw = b"<Response><Say>a</Say></Response>"
    changed = laml_command("fmt", "--check", "-", stdin=raw)
    assert (changed.returncode, changed.stdout) == (1, "<stdin> would be reformatted\n")
    formatted = laml.format_document(raw)
    same = laml_command("fmt", "--check", "-", stdin=formatted)
    assert (same.returncode, same.stdout) == (0, "")


@pytest.mark.parametrize("command", ["render", "variables"])
def test_a_bin_larger_than_laml_reads_is_refused(
    command: str, tmp_path: Path, laml_command: LamlCommand
) -> None:
    """A bin of more than 1 MiB -> refused by name, exit 1, never cut short."""
    big = tmp_path / "big.xml"
    big.write_text("<Response><Say>" + "a" * (1 << 20) + "{{Late}}</Say></Response>")
    result = laml_command(command, str(big))
    assert result.returncode == 1
    assert "is larger than the 1,048,576 bytes laml reads" in result.stderr


def test_the_usage_line_lists_every_command_when_one_is_named(
    laml_command: LamlCommand,
) -> None:
    """`laml fmt --bogus x` -> the usage line still lists all six commands."""
    result = laml_command("fmt", "--bogus", "x.xml")
    assert result.returncode == 2
    assert "{validate,render,variables,fmt,explore,bins}" in result.stderr.splitlines()[0]


def test_a_usage_error_with_json_output_is_one_entry_and_one_line(
    laml_command: LamlCommand,
) -> None:
    """`--format json` and a wrong option -> one JSON entry with the code usage, exit 2,
    and one stderr line with the command's name said once."""
    result = laml_command("validate", "--format", "json", "--bogus", "x.xml")
    assert result.returncode == 2
    (entry,) = json.loads(result.stdout)
    assert (entry["code"], entry["message"]) == ("usage", "error: unrecognized arguments: --bogus")
    assert result.stderr == "laml: error: unrecognized arguments: --bogus\n"
    missing = laml_command("validate", "--format", "json")
    (entry,) = json.loads(missing.stdout)
    assert entry["message"] == "error: the following arguments are required: PATH"
    assert missing.stderr == "laml: error: the following arguments are required: PATH\n"


@pytest.mark.parametrize("command", [["validate", "-"], ["fmt", "--check", "-"], ["render", "-"]])
def test_a_closed_input_is_a_usage_error(command: list[str]) -> None:
    """Started with stdin closed and `-` named -> one line on stderr, exit 2."""
    result = _run_laml(
        *command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=lambda: os.close(0)
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr == b"laml: the standard input is closed\n"


def test_a_closed_error_stream_keeps_the_exit_status(tmp_path: Path) -> None:
    """Started with stderr closed, a missing file -> still exit 2, no traceback anywhere."""
    result = _run_laml(
        "validate",
        str(tmp_path / "missing.xml"),
        stdout=subprocess.PIPE,
        preexec_fn=lambda: os.close(2),
    )
    assert result.returncode == 2


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_documents_are_written_as_utf_8_whatever_the_output_encoding(
    encoding: str, tmp_path: Path
) -> None:
    """`laml fmt -` and `laml render` under a narrow output encoding -> the document's
    UTF-8 bytes, which parse and keep their characters."""
    source = "<Response><Say>Café 日本</Say></Response>".encode()
    environment = {**os.environ, "PYTHONIOENCODING": encoding}
    formatted = _run_laml("fmt", "-", input=source, capture_output=True, env=environment)
    assert formatted.returncode == 0
    assert formatted.stdout == laml.format_document(source)
    bin_file = tmp_path / "bin.xml"
    bin_file.write_bytes(source)
    rendered = _run_laml("render", str(bin_file), capture_output=True, env=environment)
    assert rendered.returncode == 0
    assert "Café 日本".encode() in rendered.stdout


UNICODE_DOCUMENT = '<Response><Say voice="café">x</Say></Response>'.encode()


def _run_laml(*args: str, **options: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "laml", *args], cwd=ROOT, timeout=120, **options
    )


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_an_output_that_cannot_take_every_character_gets_escapes(
    output_format: str, tmp_path: Path
) -> None:
    """PYTHONIOENCODING=ascii -> the findings arrive escaped (JSON still parses, with
    the character intact), exit 1, no traceback."""
    document = tmp_path / "uni.xml"
    document.write_bytes(UNICODE_DOCUMENT)
    result = _run_laml(
        "validate",
        "--format",
        output_format,
        str(document),
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    if output_format == "json":
        assert "'café'" in json.loads(result.stdout)[0]["message"]
    else:
        assert b"'caf\\xe9'" in result.stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("output_format", ["text", "json"])
def test_a_full_output_is_one_error_line(output_format: str, tmp_path: Path) -> None:
    """stdout on a full device -> one line on stderr, a non-zero exit, no traceback."""
    document = tmp_path / "uni.xml"
    document.write_bytes(UNICODE_DOCUMENT)
    with open("/dev/full", "w") as full:
        result = _run_laml(
            "validate",
            "--format",
            output_format,
            str(document),
            stdout=full,
            stderr=subprocess.PIPE,
        )
    assert result.returncode != 0
    (line,) = result.stderr.decode().splitlines()
    assert line.startswith("laml: cannot write the output: ") and "No space left" in line


def test_a_closed_output_is_a_usage_error(tmp_path: Path) -> None:
    """Started with stdout closed -> says so on stderr, exit 2."""
    document = tmp_path / "doc.xml"
    document.write_bytes(GOOD.read_bytes())
    result = _run_laml(
        "validate",
        str(document),
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        pass_fds=(),
        preexec_fn=lambda: os.close(1),
    )
    assert result.returncode == 2
    assert result.stderr == b"laml: the standard output is closed\n"


WANTS_JSON = [
    # command line -> whether the output is JSON (the last --format wins, as in parsing)
    (["validate", "--format", "json", "x.xml"], True),
    (["validate", "--format=json", "x.xml"], True),
    (["validate", "--format", "json", "--format", "text", "x.xml"], False),
    (["validate", "--format=text", "--format", "json", "x.xml"], True),
    (["validate", "x.xml", "--format"], False),
    (["validate", "x.xml"], False),
    (["validate", "--form", "json", "x.xml"], True),
    (["validate", "--fo=json", "x.xml"], True),
    (["validate", "--f", "json", "x.xml"], True),  # the only option that starts so
]


@pytest.mark.parametrize(("argv", "expected"), WANTS_JSON)
def test_json_output_is_read_from_the_last_format(argv: list[str], expected: bool) -> None:
    from laml.cli import _wants_json

    assert _wants_json(argv) is expected
