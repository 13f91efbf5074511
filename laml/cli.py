"""The ``laml`` command: validate and format cXML documents (and LaML Bins).

Exit status: 0 when nothing is wrong, 1 when any error was found (or ``fmt
--check`` would change a file), 2 for a usage error. Every failure is one line on
stderr, never a traceback; file names and messages are written with control
characters escaped, so none can forge a line of output.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from .diagnostics import Diagnostic
from .errors import LamlError, ParseError, UsageError

STDIN = "-"
MAX_BYTES = 1024 * 1024
"""The most bytes read of one input (laml's default ``max_bytes``), plus one."""


def _read_argument(argument: str) -> list[tuple[str, bytes | ParseError]]:
    """One argument's inputs as (name, bytes), or (name, the error that kept it from
    being read): a file, every *.xml below a directory, or stdin. At most
    ``MAX_BYTES + 1`` bytes of each are read, enough to tell it is too large.

    Under a directory only regular files are read: a FIFO, a link to nowhere or a
    link loop named *.xml is reported, never waited on; directories named *.xml are
    walked, not read, and one that cannot be listed is an entry with its error. A file
    named on the command line is read whatever it is (``/dev/stdin``, a shell's
    ``<(...)``). Raises ``UsageError`` naming the argument when there is nothing to
    read (also for an empty argument, which ``Path`` would take as the current
    directory).
    """
    if argument == STDIN:
        if sys.stdin is None:
            raise UsageError("the standard input is closed")
        try:
            return [("<stdin>", sys.stdin.buffer.read(MAX_BYTES + 1))]
        except OSError as error:
            return [("<stdin>", ParseError(f"cannot read stdin: {error.strerror or error}"))]
    if not argument:  # Path("") is the current directory: an unset "$FILE" is no path
        raise UsageError("an empty path names no file")
    path = Path(argument)
    if path.is_dir():
        documents, unreadable = _xml_files(path)
        if not documents and not unreadable:
            # A check of nothing would pass; in CI that hides a wrong path.
            raise UsageError(f"no *.xml file under the directory {_one_line(argument)}")
        found: list[tuple[str, bytes | ParseError]] = [
            (str(document), _read(document, "regular")) for document in documents
        ]
        for folder, reason in unreadable:
            found.append((folder, ParseError(f"cannot read the directory {folder!r}: {reason}")))
        return found
    if os.path.lexists(path):
        return [(str(path), _read(path, "any"))]
    raise UsageError(f"no such file or directory: {_one_line(argument)}")


def _xml_files(folder: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Every file named *.xml below ``folder``, in order (a directory so named is
    walked, not read; links to directories are not followed), and (directory, reason)
    for each directory that could not be listed, so that none is skipped unsaid."""
    found: list[Path] = []
    unreadable: list[tuple[str, str]] = []

    def note(error: OSError) -> None:
        unreadable.append((os.fsdecode(error.filename), error.strerror or type(error).__name__))

    for top, _, files in os.walk(folder, onerror=note):
        found += [Path(top, name) for name in files if name.endswith(".xml")]
    return sorted(found), unreadable


def _read(path: Path, accept: str) -> bytes | ParseError:
    from ._xml.reader import read_path

    try:
        return read_path(path, MAX_BYTES, accept)
    except ParseError as error:
        return error


def _inputs(
    arguments: Sequence[str],
) -> tuple[list[tuple[str, bytes | ParseError]], list[tuple[str, str]]]:
    """Every input, and (argument, problem) for each argument that has none.

    A missing path does not hide the others: they are all read and reported.
    """
    found: list[tuple[str, bytes | ParseError]] = []
    problems: list[tuple[str, str]] = []
    for argument in arguments:
        try:
            found += _read_argument(argument)
        except UsageError as error:
            problems.append((_one_line(argument), str(error)))
    return found, problems


def _paths(arguments: Sequence[str]) -> Iterator[tuple[str, bytes | ParseError]]:
    """Each input as (name, bytes or error); raises ``UsageError`` for the first missing one."""
    for argument in arguments:
        yield from _read_argument(argument)


def _say(line: str) -> None:
    """Write one line to stderr; a stderr that fails (full, closed) loses the line but
    changes neither the output nor the exit status."""
    with contextlib.suppress(OSError):
        sys.stderr.write(line + "\n")


def _one_line(text: str) -> str:
    """Text fit for one line of output: bytes a file name could not decode as
    ``\\xff``, and line breaks and other control characters as escapes, so that no
    name or value can forge a line of its own."""
    if text.isprintable():
        return text
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def _takes_unicode(out: TextIO) -> bool:
    """Whether ``out`` can write every character (UTF-8, or text kept in memory)."""
    encoding = getattr(out, "encoding", None)
    return encoding is None or codecs.lookup(encoding).name.startswith("utf")


def _usage_entry(file: str, message: str) -> dict[str, object]:
    """A usage problem in the shape of a JSON finding, so the output always parses."""
    return {
        "file": file,
        "line": 0,
        "column": 0,
        "code": "usage",
        "severity": "error",
        "message": message,
        "path": "",
    }


def _print_diagnostics(
    results: list[tuple[str, list[Diagnostic]]],
    output_format: str,
    out: TextIO,
    problems: Sequence[tuple[str, str]] = (),
) -> None:
    if output_format == "json":
        import json

        rows = [d.to_dict(_one_line(name)) for name, found in results for d in found]
        rows += [_usage_entry(file, message) for file, message in problems]
        json.dump(rows, out, ensure_ascii=not _takes_unicode(out), indent=1)
        out.write("\n")
    else:
        for name, found in results:
            for diagnostic in found:
                out.write(_one_line(diagnostic.format(name)) + "\n")
    for _, message in problems:
        _say(f"laml: {_one_line(message)}")


def command_validate(options: argparse.Namespace, out: TextIO) -> int:
    from .validation.validator import validate_document

    inputs, problems = _inputs(options.paths)
    results = []
    for name, data in inputs:
        if isinstance(data, ParseError):
            results.append((name, [data.diagnostic()]))
            continue
        if options.bin:
            from .template.check import check_bin  # the template engine, only for bins

            found = check_bin(
                data, kind=options.kind, dialect=options.dialect, declared=options.var or ()
            )
        else:
            found = validate_document(data, kind=options.kind, dialect=options.dialect)
        results.append((name, found))
    _print_diagnostics(results, options.format, out, problems)
    if problems:
        return 2
    return 1 if any(d.severity == "error" for _, found in results for d in found) else 0


def command_fmt(options: argparse.Namespace, out: TextIO) -> int:
    from .format import format_document

    status = 0
    inputs, problems = _inputs(options.paths)
    for name, data in inputs:
        try:
            if isinstance(data, ParseError):
                raise data
            formatted = format_document(data)
        except ParseError as error:
            _say(_one_line(error.diagnostic().format(name)))
            status = 1
            continue
        if options.check:
            if formatted != data:
                out.write(f"{_one_line(name)} would be reformatted\n")
                status = 1
        elif name == "<stdin>":
            _write_document(out, formatted)
        elif formatted != data:
            try:
                _rewrite(Path(name), data, formatted)
            except OSError as error:  # the others are still formatted
                problems.append((name, f"cannot write {_one_line(name)}: {error.strerror}"))
                continue
            out.write(f"reformatted {_one_line(name)}\n")
    for _, message in problems:
        _say(f"laml: {_one_line(message)}")
    return 2 if problems else status


def _write_document(out: TextIO, data: bytes) -> None:
    """Write a document's UTF-8 bytes as they are: through the byte stream under a
    text stream when there is one, so a narrow output encoding cannot change them."""
    binary = getattr(out, "buffer", None)
    if binary is None:
        out.write(data.decode("utf-8"))
        return
    out.flush()
    binary.write(data)


def _rewrite(path: Path, old: bytes, new: bytes) -> None:
    """Write ``new`` over the file that held ``old``, in place, so that it keeps its
    inode, owner, hard links and permissions (a file that may not be written is
    refused). When the write fails half-way (a full disk), ``old`` is written back: it
    fits where it was, so the file is left as it was."""
    with open(path, "r+b", buffering=0) as file:  # unbuffered: a failure shows at once
        try:
            _write_all(file, new)
            file.truncate()
        except OSError:
            file.seek(0)
            _write_all(file, old)
            file.truncate()
            raise


def _write_all(file: io.FileIO, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = file.write(view)
        if not written:
            raise OSError(f"{file.name!r} took no more bytes")
        view = view[written:]


def _read_one(path: str) -> tuple[str, str]:
    """The one bin ``path`` names; a directory is a usage error, not a choice of file."""
    if path != STDIN and Path(path).is_dir():
        raise UsageError(f"{_one_line(path)} is a directory; name one bin file")
    ((name, data),) = list(_paths([path]))
    if isinstance(data, ParseError):
        raise data
    if len(data) > MAX_BYTES:  # read one byte past the limit, enough to tell
        raise ParseError(f"{_one_line(name)} is larger than the {MAX_BYTES:,} bytes laml reads")
    try:
        return name, data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UsageError(f"{_one_line(name)} is not UTF-8 text") from error


def command_render(options: argparse.Namespace, out: TextIO) -> int:
    from .bins import LamlBin
    from .template import TemplateError
    from .validation.validator import validate_document as validate

    name, source = _read_one(options.path)
    params: list[tuple[str, str]] = []
    for item in options.param:
        key, equals, value = item.partition("=")
        if not equals:
            raise UsageError(f"--param needs NAME=VALUE, not {item!r}")
        params.append((key, value))
    try:
        document = LamlBin(name=name, contents=source).render(params, options.query)
    except TemplateError as error:
        _say(_one_line(f"{name}:{error.line}:{error.column}: error LAML030 {error.reason}"))
        return 1
    found = validate(document)
    _write_document(out, (document if document.endswith("\n") else document + "\n").encode())
    for diagnostic in found:
        _say(_one_line(diagnostic.format(f"{name} (rendered)")))
    return 1 if any(d.severity == "error" for d in found) else 0


def command_variables(options: argparse.Namespace, out: TextIO) -> int:
    from .template import Template, TemplateError

    name, source = _read_one(options.path)
    try:
        template = Template(source)
    except TemplateError as error:
        _say(_one_line(f"{name}:{error.line}:{error.column}: error LAML030 {error.reason}"))
        return 1
    for variable, uses in template.variables.items():
        places = ", ".join(f"{use.line}:{use.column} ({use.usage})" for use in uses)
        out.write(f"{_one_line(variable)}\t{places}\n")
    return 0


def _add_validate(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="+", metavar="PATH", help="file, directory or - for stdin")
    check.add_argument(
        "--kind",
        choices=["auto", "voice", "messaging", "fax"],
        default="auto",
        help="the document's kind; auto (the default) tells it from its verbs",
    )
    check.add_argument(
        "--dialect",
        choices=["signalwire", "twilio"],
        default="signalwire",
        help="whose rules to check: SignalWire's cXML (the default) or Twilio's TwiML",
    )
    check.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="text: one finding per line (the default); json: one JSON array of findings",
    )
    check.add_argument(
        "--bin", action="store_true", help="the files are LaML Bins (cXML with mustache)"
    )
    check.add_argument(
        "--var", action="append", metavar="NAME", help="a query-string variable the bin expects"
    )
    check.set_defaults(run=command_validate)


def _add_render(render: argparse.ArgumentParser) -> None:
    render.add_argument("path", metavar="PATH", help="the bin's contents, or - for stdin")
    render.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE", help="a request parameter"
    )
    render.add_argument("--query", default="", help="a query string such as 'a=1&b=2'")
    render.set_defaults(run=command_render)


def _add_variables(variables: argparse.ArgumentParser) -> None:
    variables.add_argument("path", metavar="PATH", help="the bin's contents, or - for stdin")
    variables.set_defaults(run=command_variables)


def _add_fmt(fmt: argparse.ArgumentParser) -> None:
    fmt.add_argument("paths", nargs="+", metavar="PATH", help="file, directory or - for stdin")
    fmt.add_argument("--check", action="store_true", help="only report files that would change")
    fmt.set_defaults(run=command_fmt)


def _add_explore(explore: argparse.ArgumentParser) -> None:
    from .testing.explore_cli import add_arguments  # loads the simulator and web stack

    add_arguments(explore)
    explore.set_defaults(run=command_explore)


def _add_bins(bins: argparse.ArgumentParser) -> None:
    from .client.commands import add_commands  # loads the bins client

    add_commands(bins)


_COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "validate": ("report what is wrong with documents", _add_validate),
    "render": ("render a LaML Bin as SignalWire would", _add_render),
    "variables": ("list a bin's variables and where", _add_variables),
    "fmt": ("rewrite documents in laml's canonical layout", _add_fmt),
    "explore": ("walk every path of a call flow", _add_explore),
    "bins": (
        "list, pull, diff and push the project's LaML Bins (needs laml-cxml[client])",
        _add_bins,
    ),
}
"""Each command: its one-line help, and what adds its arguments to its parser."""

_HEAVY_COMMANDS = frozenset({"explore", "bins"})
"""The commands whose arguments come from modules that are slow to load."""

_QUICK_COMMANDS = frozenset({"validate", "fmt", "render", "variables"})
"""The commands that run in one thread, open no connection and leave nothing to clean
up: the console script ends them without tearing the interpreter down."""


def _command_named(argv: Sequence[str] | None) -> str | None:
    """The command ``argv`` names in first place, when it is one; otherwise ``None``."""
    if argv and argv[0] in _COMMANDS:
        return argv[0]
    return None


def _parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser.

    When ``argv`` starts with a command's name, only that command's parser is built
    (each costs about a millisecond). Otherwise (no command, an option first, a wrong
    name) every command is built, so help and errors list them all, but ``explore``
    and ``bins`` get their arguments only when ``argv`` names them: those come from the
    simulator and web stack, or the bins client, which take a few hundred ms to load.
    """
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="laml",
        description="Validate, format and render SignalWire cXML (LaML) documents and LaML Bins.",
    )
    parser.add_argument("--version", action="version", version=f"laml {__version__}")
    named = _command_named(argv)
    # The usage line lists every command, also when only the named one is built.
    every = None if named is None else "{" + ",".join(_COMMANDS) + "}"
    commands = parser.add_subparsers(dest="command", required=True, metavar=every)
    for name, (summary, add_arguments) in _COMMANDS.items():
        if named not in (None, name):
            continue
        command = commands.add_parser(name, help=summary)
        if named == name or name not in _HEAVY_COMMANDS or argv is None or name in argv:
            add_arguments(command)
    return parser


def command_explore(options: argparse.Namespace, out: TextIO) -> int:
    from .testing.explore_cli import run

    return run(options, out)


def _wants_json(argv: Sequence[str]) -> bool:
    """Whether the command line asks for JSON output, read before (or despite) parsing
    it; as in parsing, the last ``--format`` wins."""
    chosen = None
    for index, argument in enumerate(argv):
        option, equals, value = argument.partition("=")
        # argparse takes any unambiguous start of an option's name: --form, --fo.
        if len(option) < len("--f") or not "--format".startswith(option):
            continue
        following = argv[index + 1 : index + 2]
        chosen = value if equals else (following[0] if following else None)
    return chosen == "json"


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status.

    With ``--format json`` the output is always one JSON array, even when the command line
    itself is wrong: the usage problem is an entry with the code ``usage``.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    stream = out or sys.stdout
    json_output = _wants_json(arguments)
    if json_output:
        errors = io.StringIO()
        try:
            with contextlib.redirect_stderr(errors):
                options = _parser(arguments).parse_args(arguments)
        except SystemExit as error:
            if error.code in (0, None):
                raise
            said = errors.getvalue().strip().splitlines()
            # argparse says "laml: error: ..." or "laml validate: error: ...".
            message = said[-1].split(": ", 1)[-1] if said else "usage"
            _print_diagnostics([], "json", stream, [("-", message)])
            return 2
    else:
        options = _parser(arguments).parse_args(arguments)
    try:
        status: int = options.run(options, stream)
    except UsageError as error:
        return _fail(str(error), 2, json_output, stream)
    except LamlError as error:
        return _fail(str(error), 1, json_output, stream)
    except BrokenPipeError:
        raise  # the reader went away; entry_point ends quietly
    except OSError as error:
        # Inputs are read (and files written) where their errors are named; what is
        # left is the output failing.
        reason = error.strerror or str(error)
        where = f"cannot write {error.filename!r}" if error.filename else "cannot write the output"
        return _fail(f"{where}: {reason}", 2, json_output, stream)
    except (RecursionError, MemoryError) as error:
        too_much = f"the input is too large or too deep to handle ({type(error).__name__})"
        return _fail(too_much, 1, json_output, stream)
    return status


def _fail(message: str, status: int, json_output: bool, out: TextIO) -> int:
    """Say what went wrong on one line of stderr, never a traceback; with JSON output,
    also as an entry of the one JSON array."""
    if json_output:
        try:
            _print_diagnostics([], "json", out, [("-", message)])
            return status
        except OSError:  # the output itself fails: stderr still says why
            pass
    _say(f"laml: {_one_line(message)}")
    return status


def entry_point() -> None:
    """The console script.

    A quick command (``validate``, ``fmt``, ``render``, ``variables``) ends with
    ``os._exit`` once its output is flushed, as mypy does: tearing the interpreter down
    frees every object and costs 20-40 ms, more than a small file's validation. It ends
    the normal way when another thread runs, or a tracer, profiler or coverage tool
    watches, so none of them loses what it would write at exit.

    Output that fails (a full device, a closed stream, a reader gone away) ends the
    command with one line on stderr, never a traceback.
    """
    if sys.stderr is None:  # started with stderr closed: its messages go nowhere
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - open until the process ends
    if sys.stdout is None:  # started with its output closed (`laml validate x >&-`)
        _say("laml: the standard output is closed")
        sys.exit(2)
    if isinstance(sys.stdout, io.TextIOWrapper):
        # An output that cannot take every character (PYTHONIOENCODING=ascii) gets
        # escapes, never an error half-way; JSON then escapes the characters itself.
        sys.stdout.reconfigure(errors="backslashreplace")
    status = 0
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`laml validate ... | head`): stop quietly, as Unix tools do.
        _drop_output()
        status = 1
    except OSError as error:  # a full disk, a failing device: what was written is cut
        _drop_output()
        _say(f"laml: cannot write the output: {error.strerror or error}")
        status = status or 1
    if _may_end_at_once(sys.argv[1:]):
        with contextlib.suppress(OSError):
            sys.stderr.flush()
        os._exit(status)
    sys.exit(status)


def _drop_output() -> None:
    """Point stdout at the null device, so that what is still buffered for an output
    that failed is dropped at exit instead of failing again."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, sys.stdout.fileno())
    os.close(null)


def _may_end_at_once(argv: Sequence[str]) -> bool:
    """Whether the process may end without tearing the interpreter down: a quick
    command ran, nothing else runs, and nothing watches."""
    import threading

    return (
        _command_named(argv) in _QUICK_COMMANDS
        and threading.active_count() == 1
        and sys.gettrace() is None
        and sys.getprofile() is None
        and "coverage" not in sys.modules
    )
