"""Template speed: rendering a pre-parsed bin against chevron, and checking a bin.

    python benchmarks/bench_template.py

Targets: rendering a pre-parsed template at least 3x faster than chevron with the
same template and data; checking a typical bin (a few sections) under 5 ms.
"""

from __future__ import annotations

import timeit
from pathlib import Path

import chevron

from laml.bins import LamlBin
from laml.template import Template

BIN = (Path(__file__).resolve().parent.parent / "examples" / "bins" / "ivr.xml").read_text()
DATA = {"Digits": "2", "To": "+15553210000", "From": "+15551230000"}


def best(function: object, number: int, repeat: int = 7) -> float:
    """Best time per call in microseconds."""
    return min(timeit.repeat(function, number=number, repeat=repeat)) / number * 1e6  # type: ignore[arg-type]


def main() -> None:
    template = Template(BIN)
    assert template.render(DATA) == chevron.render(BIN, DATA)
    ours = best(lambda: template.render(DATA), 20000)
    theirs = best(lambda: chevron.render(BIN, DATA), 5000)
    print(f"chevron.render                   {theirs:8.2f} us")
    ratio = theirs / ours
    print(f"laml Template.render (parsed)    {ours:8.2f} us   {ratio:.2f}x faster (>= 3)")
    sections = LamlBin(contents=BIN)
    check = best(sections.check, 50, repeat=5)
    print(f"LamlBin.check of the IVR bin     {check / 1000:8.2f} ms   (< 5)")
    many = LamlBin(
        contents="<Response>"
        + "".join(f"{{{{#S{i}}}}}<Say>{{{{V{i}}}}}</Say>{{{{/S{i}}}}}" for i in range(4))
        + "</Response>"
    )
    check4 = best(many.check, 20, repeat=5)
    print(f"LamlBin.check, 4 sections        {check4 / 1000:8.2f} ms   (16 renderings)")


if __name__ == "__main__":
    main()
