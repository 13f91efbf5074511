"""Build and write speed of the typical IVR document, as ratios to anchors in the same run.

    python benchmarks/bench_build.py

Targets: build + write through ``laml.twiml`` at least 3x faster than twilio-python;
writing an already built tree within 1.3x of building it with bare lxml.
"""

from __future__ import annotations

import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ivr import bare_lxml, build_laml_native, build_laml_twiml, build_twilio


def best(function: object, number: int = 5000, repeat: int = 7) -> float:
    """Best time per call in microseconds."""
    return min(timeit.repeat(function, number=number, repeat=repeat)) / number * 1e6  # type: ignore[arg-type]


def main() -> None:
    expected = bare_lxml()
    built = build_laml_twiml()
    assert str(build_twilio()) == expected == str(built) == str(build_laml_native())

    twilio = best(lambda: str(build_twilio()))
    laml_twiml = best(lambda: str(build_laml_twiml()))
    laml_native = best(lambda: str(build_laml_native()))
    lxml_bare = best(bare_lxml)
    write_only = best(built.to_xml)  # type: ignore[attr-defined]

    rows = [
        ("twilio-python build+write", twilio, "anchor"),
        (
            "laml.twiml build+write",
            laml_twiml,
            f"{twilio / laml_twiml:.2f}x faster than twilio (>= 3)",
        ),
        ("laml native build+write", laml_native, f"{twilio / laml_native:.2f}x faster than twilio"),
        ("bare lxml build+tostring", lxml_bare, "anchor"),
        (
            "laml write of a built tree",
            write_only,
            f"{write_only / lxml_bare:.2f}x bare lxml (<= 1.3)",
        ),
    ]
    for label, micros, note in rows:
        print(f"{label:30s}{micros:8.2f} us   {note}")


if __name__ == "__main__":
    main()
