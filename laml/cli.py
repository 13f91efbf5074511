"""The ``laml`` command: validate and format cXML documents (and LaML Bins).

Exit status: 0 when nothing is wrong, 1 when any error was found (or ``fmt
--check`` would change a file), 2 for a usage error. Every failure is one line on
stderr, never a traceback; file names and messages are written with control
characters escaped, so none can forge a line of output.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from .diagnostics import Diagnostic
from .errors import LamlError, ParseError, UsageError

STDIN = "-"
MAX_BYTES = 1024 * 1024
"""The most bytes read of one input (laml's default ``max_bytes``), plus one."""


def _paths(arguments: Sequence[str]) -> Iterator[tuple[str, bytes | ParseError]]:
    """Each input as (name, bytes), or (name, the error that kept it from being read):
    files, every *.xml below a directory, or stdin. At most ``MAX_BYTES + 1`` bytes
    of each are read, enough to tell it is too large.

    Under a directory only regular files are read: a FIFO, a link to nowhere or a
    link loop named *.xml is reported, never waited on; directories named *.xml are
    walked, not read. A file named on the command line is read whatever it is
    (``/dev/stdin``, a shell's ``<(...)``).
    """
    for argument in arguments:
        if argument == STDIN:
            try:
                yield "<stdin>", sys.stdin.buffer.read(MAX_BYTES + 1)
            except OSError as error:
                yield "<stdin>", ParseError(f"cannot read stdin: {error.strerror or error}")
            continue
        path = Path(argument)
        if path.is_dir():
            documents = [found for found in sorted(path.rglob("*.xml")) if not found.is_dir()]
            if not documents:
                # A check of nothing would pass; in CI that hides a wrong path.
                raise UsageError(f"no *.xml file under the directory {_one_line(argument)}")
            for found in documents:
                yield str(found), _read(found, "regular")
        elif os.path.lexists(path):
            yield str(path), _read(path, "any")
        else:
            raise UsageError(f"no such file or directory: {_one_line(argument)}")


def _read(path: Path, accept: str) -> bytes | ParseError:
    from ._xml.reader import read_path

    try:
        return read_path(path, MAX_BYTES, accept)
    except ParseError as error:
        return error


def _one_line(text: str) -> str:
    """Text fit for one line of output: bytes a file name could not decode as
    ``\\xff``, and line breaks and other control characters as escapes, so that no
    name or value can forge a line of its own."""
    if text.isprintable():
        return text
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def _print_diagnostics(
    results: list[tuple[str, list[Diagnostic]]], output_format: str, out: TextIO
) -> None:
    if output_format == "json":
        rows = [d.to_dict(_one_line(name)) for name, found in results for d in found]
        json.dump(rows, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return
    for name, found in results:
        for diagnostic in found:
            out.write(_one_line(diagnostic.format(name)) + "\n")


def command_validate(options: argparse.Namespace, out: TextIO) -> int:
    from .template.check import check_bin
    from .validation.validator import validate_document

    results = []
    for name, data in _paths(options.paths):
        if isinstance(data, ParseError):
            results.append((name, [data.diagnostic()]))
            continue
        if options.bin:
            found = check_bin(
                data, kind=options.kind, dialect=options.dialect, declared=options.var or ()
            )
        else:
            found = validate_document(data, kind=options.kind, dialect=options.dialect)
        results.append((name, found))
    _print_diagnostics(results, options.format, out)
    return 1 if any(d.severity == "error" for _, found in results for d in found) else 0


def command_fmt(options: argparse.Namespace, out: TextIO) -> int:
    from .format import format_document

    status = 0
    for name, data in _paths(options.paths):
        try:
            if isinstance(data, ParseError):
                raise data
            formatted = format_document(data)
        except ParseError as error:
            sys.stderr.write(_one_line(error.diagnostic().format(name)) + "\n")
            status = 1
            continue
        if name == "<stdin>":
            out.write(formatted.decode("utf-8"))
        elif formatted != data:
            if options.check:
                out.write(f"{_one_line(name)} would be reformatted\n")
                status = 1
            else:
                Path(name).write_bytes(formatted)
                out.write(f"reformatted {_one_line(name)}\n")
    return status


def _read_one(path: str) -> tuple[str, str]:
    ((name, data),) = list(_paths([path]))
    if isinstance(data, ParseError):
        raise data
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
        sys.stderr.write(
            _one_line(f"{name}:{error.line}:{error.column}: error LAML030 {error.reason}") + "\n"
        )
        return 1
    found = validate(document)
    out.write(document if document.endswith("\n") else document + "\n")
    for diagnostic in found:
        sys.stderr.write(_one_line(diagnostic.format(f"{name} (rendered)")) + "\n")
    return 1 if any(d.severity == "error" for d in found) else 0


def command_variables(options: argparse.Namespace, out: TextIO) -> int:
    from .template import Template, TemplateError

    name, source = _read_one(options.path)
    try:
        template = Template(source)
    except TemplateError as error:
        sys.stderr.write(
            _one_line(f"{name}:{error.line}:{error.column}: error LAML030 {error.reason}") + "\n"
        )
        return 1
    for variable, uses in template.variables.items():
        places = ", ".join(f"{use.line}:{use.column} ({use.usage})" for use in uses)
        out.write(f"{_one_line(variable)}\t{places}\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="laml",
        description="Validate, format and render SignalWire cXML (LaML) documents and LaML Bins.",
    )
    parser.add_argument("--version", action="version", version=f"laml {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("validate", help="report what is wrong with documents")
    check.add_argument("paths", nargs="+", metavar="PATH", help="file, directory or - for stdin")
    check.add_argument("--kind", choices=["auto", "voice", "messaging", "fax"], default="auto")
    check.add_argument("--dialect", choices=["signalwire", "twilio"], default="signalwire")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument(
        "--bin", action="store_true", help="the files are LaML Bins (cXML with mustache)"
    )
    check.add_argument(
        "--var", action="append", metavar="NAME", help="a query-string variable the bin expects"
    )
    check.set_defaults(run=command_validate)

    render = commands.add_parser("render", help="render a LaML Bin as SignalWire would")
    render.add_argument("path", metavar="PATH", help="the bin's contents, or - for stdin")
    render.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE", help="a request parameter"
    )
    render.add_argument("--query", default="", help="a query string such as 'a=1&b=2'")
    render.set_defaults(run=command_render)

    variables = commands.add_parser("variables", help="list a bin's variables and where")
    variables.add_argument("path", metavar="PATH", help="the bin's contents, or - for stdin")
    variables.set_defaults(run=command_variables)

    fmt = commands.add_parser("fmt", help="rewrite documents in laml's canonical layout")
    fmt.add_argument("paths", nargs="+", metavar="PATH", help="file, directory or - for stdin")
    fmt.add_argument("--check", action="store_true", help="only report files that would change")
    fmt.set_defaults(run=command_fmt)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    options = _parser().parse_args(argv)
    try:
        status: int = options.run(options, out or sys.stdout)
    except UsageError as error:
        return _fail(str(error), 2)
    except LamlError as error:
        return _fail(str(error), 1)
    except BrokenPipeError:
        raise  # the reader went away; entry_point ends quietly
    except OSError as error:
        return _fail(f"{error.strerror or error}", 2)
    except (RecursionError, MemoryError) as error:
        return _fail(f"the input is too large or too deep to handle ({type(error).__name__})", 1)
    return status


def _fail(message: str, status: int) -> int:
    """Say what went wrong on one line of stderr; never a traceback."""
    sys.stderr.write(f"laml: {_one_line(message)}\n")
    return status


def entry_point() -> None:
    """The console script."""
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`laml validate ... | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 1
    sys.exit(status)
