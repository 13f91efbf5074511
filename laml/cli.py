"""The ``laml`` command: validate and format cXML documents (and LaML Bins).

Exit status: 0 when nothing is wrong, 1 when any error was found (or ``fmt
--check`` would change a file), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from .diagnostics import Diagnostic, ParseError

STDIN = "-"


class UsageError(Exception):
    """A command line laml cannot act on (exit status 2)."""


def _paths(arguments: Sequence[str]) -> Iterator[tuple[str, bytes]]:
    """Each input as (name, bytes): files, every *.xml below a directory, or stdin."""
    for argument in arguments:
        if argument == STDIN:
            yield "<stdin>", sys.stdin.buffer.read()
            continue
        path = Path(argument)
        if path.is_dir():
            for found in sorted(path.rglob("*.xml")):
                yield str(found), found.read_bytes()
        elif path.is_file():
            yield str(path), path.read_bytes()
        else:
            raise UsageError(f"no such file or directory: {argument}")


def _print_diagnostics(
    results: list[tuple[str, list[Diagnostic]]], output_format: str, out: TextIO
) -> None:
    if output_format == "json":
        rows = [d.to_dict(name) for name, found in results for d in found]
        json.dump(rows, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return
    for name, found in results:
        for diagnostic in found:
            out.write(diagnostic.format(name) + "\n")


def command_validate(options: argparse.Namespace, out: TextIO) -> int:
    from .validation import validate

    results = []
    for name, data in _paths(options.paths):
        found = validate(data, kind=options.kind, dialect=options.dialect)
        results.append((name, found))
    _print_diagnostics(results, options.format, out)
    return 1 if any(d.severity == "error" for _, found in results for d in found) else 0


def command_fmt(options: argparse.Namespace, out: TextIO) -> int:
    from .format import format_document

    status = 0
    for name, data in _paths(options.paths):
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
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="laml", description="Validate and format SignalWire cXML (LaML) documents."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("validate", help="report what is wrong with documents")
    check.add_argument("paths", nargs="+", metavar="PATH", help="file, directory or - for stdin")
    check.add_argument("--kind", choices=["auto", "voice", "messaging", "fax"], default="auto")
    check.add_argument("--dialect", choices=["signalwire", "twilio"], default="signalwire")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.set_defaults(run=command_validate)

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
        sys.stderr.write(f"laml: {error}\n")
        return 2
    return status


def entry_point() -> None:
    """The console script."""
    sys.exit(main())
