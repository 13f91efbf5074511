"""Write the call graph of the Flask phone menu into the README (``make graph``).

    python -m examples.explore_ivr.readme_graph README.md

The Mermaid flowchart between the ``call-graph`` markers is replaced by the one
``laml explore`` draws for ``examples.flask_ivr.app``; without a file argument
it is printed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from laml.testing import CallSimulator

START = "<!-- call-graph:start -->"
END = "<!-- call-graph:end -->"


def graph_block() -> str:
    from examples.flask_ivr.app import app

    mermaid = CallSimulator(app, signing_key="PSK_test").explore("/voice").to_mermaid()
    return f"{START}\n```mermaid\n{mermaid}```\n{END}"


def replace(text: str) -> str:
    head, start, rest = text.partition(START)
    _, end, tail = rest.partition(END)
    if not start or not end:
        raise SystemExit("the README has no call-graph markers")
    return head + graph_block() + tail


def main(argv: list[str]) -> int:
    if not argv:
        print(graph_block())
        return 0
    path = Path(argv[0])
    path.write_text(replace(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
