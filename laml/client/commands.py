"""``laml bins list|pull|diff|push``: a project's LaML Bins as a directory of files.

Each bin is ``DIR/<name>.xml`` (see ``laml.client.files`` for the file names).
Exit status: 0 when all went well (and, for ``diff``, nothing differs), 1 when the
check found an error, the API refused, or ``diff`` found a difference, 2 for a
usage error (a missing setting, a directory without bins, a file name laml would
not write). The API token is read from ``SIGNALWIRE_API_TOKEN`` only, never from
the command line, where other users of the machine could read it.

httpx is imported only when a command runs.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..diagnostics import Diagnostic
from ..errors import (
    ClientConfigError,
    ClientError,
    CommandRefused,
    LamlError,
    UsageError,
)
from .files import file_name, read_directory

if TYPE_CHECKING:
    from ..bins import LamlBin
    from ._bins import BinsClient


Command = Callable[[argparse.Namespace, TextIO], int]


def add_commands(bins: argparse.ArgumentParser) -> None:
    """Register ``list|pull|diff|push`` on the ``laml bins`` command's parser."""
    actions = bins.add_subparsers(dest="bins_command", required=True)

    def common(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--space-url", help="the space's host or URL (default: $SIGNALWIRE_SPACE_URL)"
        )
        parser.add_argument("--project-id", help="the project ID (default: $SIGNALWIRE_PROJECT_ID)")

    listing = actions.add_parser("list", help="name, sid, request URL and last update of each bin")
    common(listing)
    listing.add_argument("--name", help="only bins whose name contains this")
    listing.set_defaults(run=_guarded(command_list))

    pull = actions.add_parser("pull", help="write every bin of the project to DIR/<name>.xml")
    pull.add_argument("directory", metavar="DIR")
    common(pull)
    pull.set_defaults(run=_guarded(command_pull))

    diff = actions.add_parser("diff", help="a unified diff per bin between the project and DIR")
    diff.add_argument("directory", metavar="DIR")
    common(diff)
    diff.set_defaults(run=_guarded(command_diff))

    push = actions.add_parser(
        "push", help="check every bin in DIR, then create, update (and prune) to match it"
    )
    push.add_argument("directory", metavar="DIR")
    common(push)
    push.add_argument("--dry-run", action="store_true", help="print the plan, change nothing")
    push.add_argument("--prune", action="store_true", help="delete the bins that have no file")
    push.add_argument("--force", action="store_true", help="push even when the check finds errors")
    push.add_argument(
        "--var", action="append", metavar="NAME", help="a query-string variable the bins expect"
    )
    push.add_argument("--kind", choices=["auto", "voice", "messaging", "fax"], default="auto")
    push.add_argument("--dialect", choices=["signalwire", "twilio"], default="signalwire")
    push.set_defaults(run=_guarded(command_push))


def _guarded(command: Command) -> Command:
    """Run a command; turn laml's errors into one line on standard error and a status."""

    def run(options: argparse.Namespace, out: TextIO) -> int:
        try:
            from . import _bins  # noqa: F401  (the client extra, httpx, must be installed)
        except ImportError as error:
            return _fail(options, out, error, 2)
        try:
            return command(options, out)
        except (UsageError, ClientConfigError) as error:
            return _fail(options, out, error, 2)
        except (CommandRefused, ClientError) as error:
            return _fail(options, out, error, 1)
        except BrokenPipeError:
            raise  # the reader went away (`laml bins list | head`): the console script stops
        except (LamlError, OSError) as error:
            # A name too long for a file, a directory that cannot be written, ...
            return _fail(options, out, error, 1)

    return run


def _fail(
    options: argparse.Namespace,
    out: TextIO,
    error: Exception,
    status: int,
    report: dict[str, object] | None = None,
) -> int:
    """Say why a command stopped: one line on standard error and, with ``--format
    json``, a JSON object on standard output (``report`` and an ``error`` member
    with the ``message`` and, for a refusal, the HTTP ``status`` and API ``code``)."""
    sys.stderr.write(f"laml: {error}\n")
    if options.format == "json":
        detail: dict[str, object] = {"message": str(error)}
        if hasattr(error, "status") and hasattr(error, "code"):
            detail["status"] = error.status
            detail["code"] = error.code
        _json(out, {**(report or {}), "error": detail})
    return status


def _client(options: argparse.Namespace) -> BinsClient:
    from ._bins import BinsClient

    return BinsClient(options.space_url, options.project_id, None)


def _remote(client: BinsClient) -> dict[str, LamlBin]:
    """The project's bins by name; refuse when two share a name."""
    by_name: dict[str, list[LamlBin]] = {}
    for item in client.list():
        by_name.setdefault(item.name, []).append(item)
    twins = {name: found for name, found in by_name.items() if len(found) > 1}
    if twins:
        lines = [
            f"the project has {len(found)} bins named {name!r}: "
            + ", ".join(f"sid {b.sid} (created {b.date_created})" for b in found)
            for name, found in sorted(twins.items())
        ]
        raise CommandRefused(
            "; ".join(lines)
            + "; a file can stand for one bin only: rename or delete the others, then retry"
        )
    return {name: found[0] for name, found in by_name.items()}


def _local(directory: str) -> dict[str, tuple[Path, str]]:
    path = Path(directory)
    if not path.is_dir():
        raise UsageError(f"no such directory: {directory}")
    try:
        found = read_directory(path)
    except LamlError as error:
        raise UsageError(str(error)) from None
    if not found:
        # Pushing nothing with --prune would delete every bin; a wrong path must not pass.
        raise UsageError(f"no *.xml bin in the directory {directory}")
    return found


def _json(out: TextIO, value: object) -> None:
    json.dump(value, out, ensure_ascii=False, indent=1)
    out.write("\n")


# ------------------------------------------------------------------- commands


def command_list(options: argparse.Namespace, out: TextIO) -> int:
    """``laml bins list``: one line per bin, newest first."""
    with _client(options) as client:
        found = client.list(options.name)
    rows = [
        {
            "name": b.name,
            "sid": b.sid,
            "request_url": b.request_url,
            "date_updated": b.date_updated,
        }
        for b in found
    ]
    if options.format == "json":
        _json(out, rows)
        return 0
    table = [("NAME", "SID", "REQUEST URL", "UPDATED")]
    for b in found:
        name = repr(b.name) if _odd(b.name) else b.name
        table.append((name, b.sid or "-", b.request_url or "-", b.date_updated or "-"))
    widths = [max(len(row[i]) for row in table) for i in range(3)]
    for row in table:
        cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
        out.write("  ".join([*cells, row[3]]) + "\n")
    return 0


def _odd(name: str) -> bool:
    """A name that would not read well in a table cell (empty, edge spaces, controls)."""
    return not name or name != name.strip() or not name.isprintable()


def command_pull(options: argparse.Namespace, out: TextIO) -> int:
    """``laml bins pull DIR``: every bin, byte for byte, to ``DIR/<name>.xml``."""
    directory = Path(options.directory)
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{options.directory} is not a directory")
    with _client(options) as client:
        remote = _remote(client)
    planned = [(name, directory / file_name(name), item) for name, item in remote.items()]
    directory.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, object]] = []
    written: dict[tuple[int, int], str] = {}  # (device, inode) -> the bin written there
    for name, path, item in sorted(planned, key=lambda entry: entry[0]):
        if path.exists():
            stat = path.stat()
            other = written.get((stat.st_dev, stat.st_ino))
            if other is not None:
                # A file system that ignores case (macOS, Windows) or folds accents:
                # writing would replace one bin's contents with the other's.
                raise CommandRefused(
                    f"the bins {other!r} and {name!r} are one file here ({path}): this file "
                    "system does not tell their names apart; rename one of them in the "
                    "project, then pull again"
                )
        path.write_bytes(item.contents.encode("utf-8", "surrogatepass"))
        stat = path.stat()
        written[stat.st_dev, stat.st_ino] = name
        rows.append({"name": name, "status": "pulled", "sid": item.sid, "file": str(path)})
        if options.format == "text":
            out.write(f"pulled {name!r} ({item.sid}) -> {path}\n")
    if not rows and options.format == "text":
        out.write("the project has no bins\n")
    try:
        stale = {name: path for name, (path, _) in read_directory(directory).items()}
    except LamlError:
        stale = {}  # diff and push name the file laml would not write
    for name, path in sorted(stale.items()):
        if name in remote:
            continue
        # A file left from a bin deleted in the project: push would create it again.
        rows.append({"name": name, "status": "only-local", "sid": None, "file": str(path)})
        if options.format == "text":
            out.write(
                f"kept   {name!r} ({path}): the project has no such bin; delete the file, "
                "or push creates the bin again\n"
            )
    if options.format == "json":
        _json(out, rows)
    return 0


def command_diff(options: argparse.Namespace, out: TextIO) -> int:
    """``laml bins diff DIR``: what ``push`` would change, as unified diffs."""
    local = _local(options.directory)
    with _client(options) as client:
        remote = _remote(client)
    rows: list[dict[str, object]] = []
    for name in sorted(set(local) | set(remote)):
        item = remote.get(name)
        if name not in remote:
            path, _ = local[name]
            rows.append({"name": name, "status": "only-local", "file": str(path), "diff": ""})
        elif name not in local:
            assert item is not None
            rows.append({"name": name, "status": "only-remote", "sid": item.sid, "diff": ""})
        else:
            assert item is not None
            path, contents = local[name]
            if contents == item.contents:
                continue
            shown = repr(name) if _odd(name) else name  # a line break would cut the header
            text = _unified_diff(
                item.contents, contents, f"project:{shown} ({item.sid})", str(path)
            )
            rows.append(
                {
                    "name": name,
                    "status": "changed",
                    "sid": item.sid,
                    "file": str(path),
                    "diff": text,
                }
            )
    if options.format == "json":
        _json(out, rows)
    else:
        for row in rows:
            if row["status"] == "only-local":
                out.write(f"only in {options.directory}: {row['name']!r} ({row['file']})\n")
            elif row["status"] == "only-remote":
                out.write(f"only in the project: {row['name']!r} ({row['sid']})\n")
            else:
                out.write(str(row["diff"]))
    return 1 if rows else 0


def _unified_diff(before: str, after: str, from_file: str, to_file: str) -> str:
    """A unified diff whose every line ends with a newline, as ``diff -u`` writes it.

    A last line without a newline is followed by ``\\ No newline at end of file``,
    so it never runs into the next line of the diff.
    """
    import difflib  # only a diff needs it

    lines = difflib.unified_diff(
        _lines(before),
        _lines(after),
        fromfile=from_file,
        tofile=to_file,
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def _lines(text: str) -> list[str]:
    """Lines as a file holds them: cut after each ``\\n`` only (a ``\\r``, a form feed
    or a U+2028 inside a line stays in it, unlike ``str.splitlines``)."""
    return [line for line in re.split(r"(?<=\n)", text) if line]


def _check(
    local: dict[str, tuple[Path, str]], options: argparse.Namespace
) -> list[tuple[str, list[Diagnostic]]]:
    from ..checking import validate

    return [
        (
            str(path),
            validate(
                contents,
                template=True,
                kind=options.kind,
                dialect=options.dialect,
                declared=options.var or (),
            ),
        )
        for path, contents in local.values()
    ]


SYMBOLS = {"create": "+", "update": "~", "unchanged": "=", "delete": "-", "keep": " "}


def command_push(options: argparse.Namespace, out: TextIO) -> int:
    """``laml bins push DIR``: check every bin, then make the project match ``DIR``."""

    local = _local(options.directory)
    results = _check(local, options)
    errors = sum(d.severity == "error" for _, found in results for d in found)
    text = options.format == "text"
    findings = [d.to_dict(name) for name, found in results for d in found]
    if text:
        for name, found in results:
            for diagnostic in found:
                out.write(diagnostic.format(name) + "\n")
    if errors and not options.force:
        if text:
            out.write(f"{errors} error(s): nothing was pushed\n")
        else:
            _json(out, {"findings": findings, "plan": [], "applied": False})
        return 1

    with _client(options) as client:
        remote = _remote(client)
        plan = _plan(local, remote, prune=options.prune)
        if text:
            _print_plan(plan, out)
        applied = False
        if not options.dry_run and any(
            step["action"] in ("create", "update", "delete") for step in plan
        ):
            try:
                _apply(client, plan, local, out if text else None)
            except ClientError as error:
                # What was applied before the refusal stays applied: say which.
                done = any(step.get("done") for step in plan)
                report = {"findings": findings, "plan": plan, "applied": done}
                return _fail(options, out, error, 1, report)
            applied = True
    if text:
        if options.dry_run:
            out.write("dry run: nothing was changed\n")
        elif not applied:
            out.write("nothing to do: the project already matches\n")
    else:
        _json(out, {"findings": findings, "plan": plan, "applied": applied})
    return 0


def _plan(
    local: dict[str, tuple[Path, str]], remote: dict[str, LamlBin], *, prune: bool
) -> list[dict[str, Any]]:
    plan: list[dict[str, Any]] = []
    for name in sorted(set(local) | set(remote)):
        item = remote.get(name)
        if name in local:
            path, contents = local[name]
            if item is None:
                action = "create"
            elif item.contents != contents:
                action = "update"
            else:
                action = "unchanged"
            plan.append(
                {"action": action, "name": name, "file": str(path), "sid": item and item.sid}
            )
        else:
            assert item is not None
            plan.append(
                {
                    "action": "delete" if prune else "keep",
                    "name": name,
                    "file": None,
                    "sid": item.sid,
                }
            )
    return plan


def _print_plan(plan: Sequence[dict[str, Any]], out: TextIO) -> None:
    for step in plan:
        action = step["action"]
        where = step["file"] if action != "delete" and action != "keep" else step["sid"]
        note = " (no file; --prune deletes it)" if action == "keep" else ""
        out.write(f"{SYMBOLS[action]} {action:<9} {step['name']!r} ({where}){note}\n")
    counts = {action: sum(s["action"] == action for s in plan) for action in SYMBOLS}
    out.write(
        f"plan: {counts['create']} to create, {counts['update']} to update, "
        f"{counts['unchanged']} unchanged, {counts['delete']} to delete\n"
    )


def _apply(
    client: BinsClient,
    plan: list[dict[str, Any]],
    local: dict[str, tuple[Path, str]],
    out: TextIO | None,
) -> None:
    for step in plan:
        action, name = step["action"], step["name"]
        if action == "create":
            step["sid"] = client.create(name, local[name][1]).sid
        elif action == "update":
            client.update(step["sid"], contents=local[name][1])
        elif action == "delete":
            client.delete(step["sid"])
        else:
            continue
        step["done"] = True
        if out is not None:
            past = {"create": "created", "update": "updated", "delete": "deleted"}[action]
            out.write(f"{past} {name!r} ({step['sid']})\n")
