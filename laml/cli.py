"""The ``laml`` command: validate and format cXML documents (and LaML Bins).

Exit status: 0 when nothing is wrong, 1 when any error was found (or ``fmt
--check`` would change a file), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from .diagnostics import Diagnostic
from .errors import ParseError, UsageError

STDIN = "-"


def _read(argument: str) -> list[tuple[str, bytes]]:
    """One argument's inputs as (name, bytes): a file, every *.xml below a directory, or stdin.

    Raises ``UsageError`` naming the argument when there is nothing to read.
    """
    if argument == STDIN:
        return [("<stdin>", sys.stdin.buffer.read())]
    path = Path(argument)
    try:
        if path.is_dir():
            documents = sorted(path.rglob("*.xml"))
            if not documents:
                # A check of nothing would pass; in CI that hides a wrong path.
                raise UsageError(f"no *.xml file under the directory {argument}")
            return [(str(found), found.read_bytes()) for found in documents]
        if path.is_file():
            return [(str(path), path.read_bytes())]
    except OSError as error:
        raise UsageError(f"cannot read {argument}: {error.strerror or error}") from None
    raise UsageError(f"no such file or directory: {argument}")


def _inputs(arguments: Sequence[str]) -> tuple[list[tuple[str, bytes]], list[tuple[str, str]]]:
    """Every readable input, and (argument, problem) for each argument that has none.

    A missing path does not hide the others: they are all read and reported.
    """
    found: list[tuple[str, bytes]] = []
    problems: list[tuple[str, str]] = []
    for argument in arguments:
        try:
            found += _read(argument)
        except UsageError as error:
            problems.append((argument, str(error)))
    return found, problems


def _paths(arguments: Sequence[str]) -> Iterator[tuple[str, bytes]]:
    """Each input as (name, bytes); raises ``UsageError`` for the first missing one."""
    for argument in arguments:
        yield from _read(argument)


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
        rows = [d.to_dict(name) for name, found in results for d in found]
        rows += [_usage_entry(file, message) for file, message in problems]
        json.dump(rows, out, ensure_ascii=False, indent=1)
        out.write("\n")
        for _, message in problems:
            sys.stderr.write(f"laml: {message}\n")
        return
    for name, found in results:
        for diagnostic in found:
            out.write(diagnostic.format(name) + "\n")
    for _, message in problems:
        sys.stderr.write(f"laml: {message}\n")


def command_validate(options: argparse.Namespace, out: TextIO) -> int:
    from .validation.validator import validate_document

    inputs, problems = _inputs(options.paths)
    results = []
    for name, data in inputs:
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
            formatted = format_document(data)
        except ParseError as error:
            sys.stderr.write(error.diagnostic().format(name) + "\n")
            status = 1
            continue
        if name == "<stdin>":
            out.write(formatted.decode("utf-8"))
        elif formatted != data:
            if options.check:
                out.write(f"{name} would be reformatted\n")
                status = 1
            else:
                Path(name).write_bytes(formatted)
                out.write(f"reformatted {name}\n")
    for _, message in problems:
        sys.stderr.write(f"laml: {message}\n")
    return 2 if problems else status


def _read_one(path: str) -> tuple[str, str]:
    ((name, data),) = list(_paths([path]))
    try:
        return name, data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UsageError(f"{name} is not UTF-8 text") from error


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
        sys.stderr.write(f"{name}:{error.line}:{error.column}: error LAML030 {error.reason}\n")
        return 1
    found = validate(document)
    out.write(document if document.endswith("\n") else document + "\n")
    for diagnostic in found:
        sys.stderr.write(diagnostic.format(f"{name} (rendered)") + "\n")
    return 1 if any(d.severity == "error" for d in found) else 0


def command_variables(options: argparse.Namespace, out: TextIO) -> int:
    from .template import Template, TemplateError

    name, source = _read_one(options.path)
    try:
        template = Template(source)
    except TemplateError as error:
        sys.stderr.write(f"{name}:{error.line}:{error.column}: error LAML030 {error.reason}\n")
        return 1
    for variable, uses in template.variables.items():
        places = ", ".join(f"{use.line}:{use.column} ({use.usage})" for use in uses)
        out.write(f"{variable}\t{places}\n")
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

    explore = commands.add_parser("explore", help="walk every path of a call flow")
    from .testing.explore_cli import add_arguments

    add_arguments(explore)
    explore.set_defaults(run=command_explore)

    from .client.commands import add_commands as add_bins_commands

    add_bins_commands(commands)
    return parser


def command_explore(options: argparse.Namespace, out: TextIO) -> int:
    from .testing.explore_cli import run

    return run(options, out)


def _wants_json(argv: Sequence[str]) -> bool:
    """Whether the command line asks for JSON output, read before (or despite) parsing it."""
    for index, argument in enumerate(argv):
        if argument == "--format=json":
            return True
        if argument == "--format" and argv[index + 1 : index + 2] == ["json"]:
            return True
    return False


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
                options = _parser().parse_args(arguments)
        except SystemExit as error:
            if error.code in (0, None):
                raise
            message = errors.getvalue().strip().splitlines()
            _print_diagnostics([], "json", stream, [("-", message[-1] if message else "usage")])
            return 2
    else:
        options = _parser().parse_args(arguments)
    try:
        status: int = options.run(options, stream)
    except UsageError as error:
        if json_output:
            _print_diagnostics([], "json", stream, [("-", str(error))])
        else:
            sys.stderr.write(f"laml: {error}\n")
        return 2
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
