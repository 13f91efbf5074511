"""Validation speed: the IVR document against a bare lxml parse, threads, and growth with size.

    python benchmarks/bench_validate.py

Target: ``laml.validate`` of the typical IVR document at most 4x a bare lxml parse of
the same bytes; time growing linearly with document size from 1 kB to 1 MB. The ratio
is the median over rounds that each time both, so the machine's load moves both alike.
"""

from __future__ import annotations

import statistics
import sys
import threading
import time
import timeit
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ivr import bare_lxml

import laml


def best(function: object, number: int, repeat: int = 7) -> float:
    """Best time per call in microseconds."""
    return min(timeit.repeat(function, number=number, repeat=repeat)) / number * 1e6  # type: ignore[arg-type]


def paired(anchor: object, subject: object, rounds: int = 15) -> tuple[float, float, list[float]]:
    """Median microseconds of both, and the ratio subject/anchor of every round.

    Each round times the anchor and then the subject, so a change in the machine's
    speed during the run moves both sides of a ratio alike.
    """
    anchors, subjects, ratios = [], [], []
    for _ in range(rounds):
        a = min(timeit.repeat(anchor, number=3000, repeat=3)) / 3000 * 1e6  # type: ignore[arg-type]
        b = min(timeit.repeat(subject, number=1000, repeat=3)) / 1000 * 1e6  # type: ignore[arg-type]
        anchors.append(a)
        subjects.append(b)
        ratios.append(b / a)
    return statistics.median(anchors), statistics.median(subjects), ratios


def summary(ratios: list[float]) -> str:
    """The median ratio and the range over the rounds."""
    return f"{statistics.median(ratios):.2f}x (rounds {min(ratios):.2f}-{max(ratios):.2f})"


def document_of_size(size: int) -> bytes:
    """A valid voice document of about ``size`` bytes: repeated gathers and says."""
    unit = (
        b'<Gather action="/menu" numDigits="1" timeout="5"><Say voice="alice">Press 1 for '
        b'sales.</Say><Pause length="1" /></Gather><Say>Still there?</Say>'
    )
    count = max(1, (size - 60) // len(unit))
    return b'<?xml version="1.0" encoding="UTF-8"?><Response>' + unit * count + b"</Response>"


def main() -> None:
    data = bare_lxml().encode()
    assert [d.code for d in laml.validate(data)] == ["LAML020"]  # Hangup after Redirect
    parse, validate, ratios = paired(lambda: etree.fromstring(data), lambda: laml.validate(data))
    print(f"bare lxml parse of the IVR document   {parse:8.2f} us")
    print(f"laml.validate of the IVR document     {validate:8.2f} us   {summary(ratios)} (<= 4)")
    # The same document without the unreachable <Hangup>: no finding to locate.
    clean = data.replace(b"<Hangup />", b"")
    assert laml.validate(clean) == []
    _, clean_validate, ratios = paired(
        lambda: etree.fromstring(clean), lambda: laml.validate(clean), rounds=7
    )
    print(f"  the same without the finding        {clean_validate:8.2f} us   {summary(ratios)}")
    # Positions are found when first read; printing every finding reads them all.
    _, printed, ratios = paired(
        lambda: etree.fromstring(data),
        lambda: [d.format() for d in laml.validate(data)],
        rounds=7,
    )
    print(f"  validate and print every finding    {printed:8.2f} us   {summary(ratios)}")

    # Eight threads sharing the one compiled schema.
    per_thread = 2000
    barrier = threading.Barrier(8)

    def work() -> None:
        barrier.wait()
        for _ in range(per_thread):
            laml.validate(data)

    threads = [threading.Thread(target=work) for _ in range(8)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    each = elapsed * 1e6 / (8 * per_thread)
    print(f"8 threads, {8 * per_thread} validations        {each:8.2f} us each")

    print("size      bytes   validate ms   us per kB")
    rates = []
    for size in (1_000, 4_000, 16_000, 64_000, 256_000, 1_000_000):
        document = document_of_size(size)
        found = laml.validate(document)
        assert all(d.code == "11750" for d in found), found[:3]
        number = max(1, 200_000 // size)
        micros = best(lambda document=document: laml.validate(document), number, repeat=5)
        rate = micros / (len(document) / 1000)
        rates.append(rate)
        print(f"{size:>8} {len(document):>8} {micros / 1000:12.3f} {rate:11.2f}")
    spread = max(rates[2:]) / min(rates[2:])
    print(
        f"per-kB cost from 16 kB to 1 MB varies by {spread:.2f}x (1.0 = perfectly linear); "
        f"median {statistics.median(rates):.2f} us/kB"
    )


if __name__ == "__main__":
    main()
