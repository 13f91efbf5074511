"""``laml explore``: the explorer on the command line.

The app is given as ``module:attribute`` (a WSGI or ASGI application, as servers
take it; the current directory is importable) or as a directory of LaML Bins,
each ``name.xml`` served at ``/name`` unless ``--route /path=file.xml`` says
otherwise. The signing key, when the app checks signatures, comes from the
``LAML_SIGNING_KEY`` environment variable, never from the command line.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from ..bins import LamlBin
from ..errors import UsageError


def load_app(target: str, routes: list[str]) -> Any:
    """The app named by ``module:attribute``, or the bins of a directory as a mapping."""
    path = Path(target)
    if path.is_dir():
        mapping: dict[str, LamlBin] = {}
        for route in routes:
            name, sep, file = route.partition("=")
            if not sep or not name.startswith("/"):
                raise UsageError(f"--route takes /path=file.xml (got {route!r})")
            source = path / file
            if not source.is_file():
                raise UsageError(f"no such bin: {source}")
            mapping[name] = LamlBin(name=file, contents=source.read_text(encoding="utf-8"))
        if not routes:
            for source in sorted(path.rglob("*.xml")):
                relative = source.relative_to(path).with_suffix("").as_posix()
                mapping["/" + relative] = LamlBin(
                    name=source.name, contents=source.read_text(encoding="utf-8")
                )
        if not mapping:
            raise UsageError(f"no *.xml bin under the directory {target}")
        return mapping
    module_name, sep, attribute = target.partition(":")
    if not sep or not module_name or not attribute:
        raise UsageError(f"the app is module:attribute or a directory of bins (got {target!r})")
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise UsageError(f"cannot import {module_name}: {error}") from error
    app = module
    for part in attribute.split("."):
        if not hasattr(app, part):
            raise UsageError(f"{module_name} has no attribute {attribute!r}")
        app = getattr(app, part)
    return app


def run(options: argparse.Namespace, out: TextIO) -> int:
    """Explore and print; exit status 1 when an error finding was made."""
    from .simulator import CallSimulator

    try:
        app = load_app(options.app, options.route or [])
    except UsageError as error:
        sys.stderr.write(f"laml: {error}\n")
        return 2
    try:
        simulator = CallSimulator(
            app,
            base_url=options.base_url,
            signing_key=os.environ.get("LAML_SIGNING_KEY") or None,
            platform=options.platform,
        )
        graph = simulator.explore(
            options.entry,
            keys=options.keys,
            speech=tuple(options.speech or ()),
            max_depth=options.max_depth,
            max_calls=options.max_calls,
        )
    except (TypeError, ValueError) as error:  # an option, or an app that is not one
        sys.stderr.write(f"laml: {error}\n")
        return 2
    rendered = {
        "text": graph.summary,
        "json": graph.to_json,
        "dot": graph.to_dot,
        "mermaid": graph.to_mermaid,
    }[options.format]()
    out.write(rendered if rendered.endswith("\n") else rendered + "\n")
    return 1 if any(f.diagnostic.severity == "error" for f in graph.findings) else 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``explore`` subcommand's arguments."""
    parser.add_argument("app", metavar="APP", help="module:attribute, or a directory of bins")
    parser.add_argument("--entry", default="/voice", help="the first webhook path (/voice)")
    parser.add_argument(
        "--route", action="append", metavar="/PATH=FILE", help="serve a bin file at a path"
    )
    parser.add_argument("--format", choices=["text", "json", "dot", "mermaid"], default="text")
    parser.add_argument("--keys", default="0123456789*#", help="DTMF keys to try at each Gather")
    parser.add_argument(
        "--speech", action="append", metavar="PHRASE", help="a phrase to try where speech is taken"
    )
    parser.add_argument("--max-depth", type=int, default=12, help="actions along one path")
    parser.add_argument("--max-calls", type=int, default=2000, help="branches in all")
    parser.add_argument("--base-url", default="https://example.com", help="the app's public URL")
    parser.add_argument("--platform", choices=["signalwire", "twilio"], default="signalwire")
