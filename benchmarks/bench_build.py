"""Build and write speed of the typical IVR document, as ratios to anchors in the same run.

    python benchmarks/bench_build.py

Targets: build + write through ``laml.twiml`` at least 3x faster than twilio-python;
writing an already built tree within 1.3x of building it with bare lxml. Each ratio is
the median over rounds that time the anchor and the subject in turn.
"""

from __future__ import annotations

import statistics
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ivr import bare_lxml, build_laml_native, build_laml_twiml, build_twilio


def best(function: object, number: int = 5000, repeat: int = 7) -> float:
    """Best time per call in microseconds."""
    return min(timeit.repeat(function, number=number, repeat=repeat)) / number * 1e6  # type: ignore[arg-type]


def paired(anchor: object, subject: object, rounds: int = 9) -> tuple[float, float, float]:
    """Median microseconds of both, and the median ratio anchor/subject over rounds that
    each time the anchor and then the subject, so the machine's load moves both alike."""
    anchors, subjects, ratios = [], [], []
    for _ in range(rounds):
        a = best(anchor, number=2000, repeat=3)
        b = best(subject, number=2000, repeat=3)
        anchors.append(a)
        subjects.append(b)
        ratios.append(a / b)
    return statistics.median(anchors), statistics.median(subjects), statistics.median(ratios)


def main() -> None:
    expected = bare_lxml()
    built = build_laml_twiml()
    assert str(build_twilio()) == expected == str(built) == str(build_laml_native())
    twilio, laml_twiml, twiml_ratio = paired(
        lambda: str(build_twilio()), lambda: str(build_laml_twiml())
    )
    _, laml_native, native_ratio = paired(
        lambda: str(build_twilio()), lambda: str(build_laml_native())
    )
    lxml_bare, write_only, write_ratio = paired(bare_lxml, built.to_xml)  # type: ignore[attr-defined]
    rows = [
        ("twilio-python build+write", twilio, "anchor"),
        ("laml.twiml build+write", laml_twiml, f"{twiml_ratio:.2f}x faster than twilio (>= 3)"),
        ("laml native build+write", laml_native, f"{native_ratio:.2f}x faster than twilio"),
        ("bare lxml build+tostring", lxml_bare, "anchor"),
        ("laml write of a built tree", write_only, f"{1 / write_ratio:.2f}x bare lxml (<= 1.3)"),
    ]
    for label, micros, note in rows:
        print(f"{label:30s}{micros:8.2f} us   {note}")


if __name__ == "__main__":
    main()
