"""Work that must grow linearly with the input: each hostile shape at three sizes.

    python benchmarks/bench_bounds.py [--timeout SECONDS] [--sizes 16,64,1024] [--only NAME]

Each shape is an input an adversary can send (a document, a bin, a query string)
built at 16 kB, 64 kB and 1 MiB. The table gives the time of one run at each size
and the cost per kB; when the work is linear, the cost per kB stays about the same
from row to row (a quadratic shape multiplies it by 4 from 16 kB to 64 kB and by
16 again to 1 MiB). The bombs are small inputs that once made a rendering or a
check grow without bound; their peak memory (tracemalloc) is printed.

Each measurement runs in a child process that is stopped after ``--timeout``
seconds, so a slow shape shows as ``> N s`` instead of stalling the run.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import laml  # noqa: E402
from laml import LamlError  # noqa: E402
from laml.bins import LamlBin  # noqa: E402

KB = 1024
IVR = (HERE.parent / "examples" / "bins" / "ivr.xml").read_text()


def _repeat(head: str, unit: str, tail: str, size: int) -> str:
    """``head + unit * n + tail`` at about ``size`` bytes."""
    count = max(1, (size - len(head) - len(tail)) // len(unit))
    return head + unit * count + tail


def _validate_with_positions(document: str | bytes) -> Callable[[], object]:
    def run() -> object:
        found = laml.validate(document, max_bytes=4 * 1024 * KB)
        return [(d.line, d.column, d.path) for d in found]

    return run


def colons(size: int) -> Callable[[], object]:
    """A <Say> holding a run of colons (once a backtracking prefix scan)."""
    return _validate_with_positions(_repeat("<Response><Say>", ":", "</Say></Response>", size))


def unknown_elements(size: int) -> Callable[[], object]:
    """Thousands of unknown elements, each a finding (once a quadratic path and locator)."""
    return _validate_with_positions(_repeat("<Response>", "<Foo/>", "</Response>", size))


def unknown_attributes(size: int) -> Callable[[], object]:
    """Thousands of unknown attributes on one <Say> (refused beyond 256 now)."""
    count = size // 10
    attributes = " ".join(f"a{i}='1'" for i in range(count))
    return _validate_with_positions(f"<Response><Say {attributes}>hi</Say></Response>")


def spread_attributes(size: int) -> Callable[[], object]:
    """Unknown attributes spread over many elements, each a finding."""
    return _validate_with_positions(
        _repeat("<Response>", "<Say a='1' b='2' c='3'>x</Say>", "</Response>", size)
    )


def parse_document(size: int) -> Callable[[], object]:
    """``laml.parse`` of a valid document of many verbs."""
    document = _repeat("<Response>", "<Say>hello</Say><Pause length='1'/>", "</Response>", size)
    return lambda: laml.parse(document, max_bytes=4 * 1024 * KB)


def validate_document(size: int) -> Callable[[], object]:
    """``laml.validate`` of the same document, the anchor for ``parse``."""
    document = _repeat("<Response>", "<Say>hello</Say><Pause length='1'/>", "</Response>", size)
    return lambda: laml.validate(document, max_bytes=4 * 1024 * KB)


def bin_sections(size: int) -> Callable[[], object]:
    """A bin with many section names (once every combination built in memory)."""
    count = size // 40
    body = "".join(f"{{{{#S{i}}}}}<Say>x</Say>{{{{/S{i}}}}}" for i in range(count))
    return LamlBin(contents=f"<Response>{body}</Response>").check


def bin_comment(size: int) -> Callable[[], object]:
    """A bin with one long comment (once a buffer grown a character at a time)."""
    contents = _repeat("<Response><!-- ", "x", " --><Say>hi</Say></Response>", size)
    return LamlBin(contents=contents).check


def bin_standalone(size: int) -> Callable[[], object]:
    """Many standalone-kind tags on one line (once a rescan of the line for each)."""
    contents = _repeat("<Response>\n<Say>", "{{#a}}{{/a}}", "</Say>\n</Response>", size)
    return LamlBin(contents=contents).check


def query_repeats(size: int) -> Callable[[], object]:
    """A query string repeating one key (once copied on every repeat)."""
    query = _repeat("", "D=1&", "", size)
    bin = LamlBin(contents="<Response><Say>hi</Say></Response>")
    return lambda: bin.render(query)


SHAPES: dict[str, Callable[[int], Callable[[], object]]] = {
    "validate: colons in <Say>": colons,
    "validate: unknown elements": unknown_elements,
    "validate: unknown attributes": unknown_attributes,
    "validate: attributes, many elements": spread_attributes,
    "parse: many verbs": parse_document,
    "validate: many verbs (anchor)": validate_document,
    "check: many section names": bin_sections,
    "check: one long comment": bin_comment,
    "check: many tags on one line": bin_standalone,
    "render: one key repeated": query_repeats,
}


def render_bomb() -> object:
    """The IVR bin with 10,000 Digits=1 (88 kB of query)."""
    return LamlBin(contents=IVR).render("Digits=1&" * 10_000)


def nested_bomb() -> object:
    """Four nested sections over a 60-value key (a 240-byte query)."""
    contents = "<Response><Say>{{#D}}{{#D}}{{#D}}{{#D}}1 {{/D}}{{/D}}{{/D}}{{/D}}</Say></Response>"
    return LamlBin(contents=contents).render("D=1&" * 60)


def check_bomb() -> object:
    """``check()`` of a bin with 3,000 section names."""
    return bin_sections(3000 * 40)()


BOMBS: dict[str, Callable[[], object]] = {
    "render: IVR bin, 10,000 Digits": render_bomb,
    "render: four nested sections": nested_bomb,
    "check: 3,000 section names": check_bomb,
}


def _limit_memory() -> None:
    """Keep a runaway child from taking the machine: 3 GiB of address space."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not on every system
        pass


def _time(name: str, size: int, queue: multiprocessing.Queue[object]) -> None:
    _limit_memory()
    with contextlib.suppress(LamlError):
        SHAPES[name](KB)()  # warm up: schemas load and caches fill outside the timing
    run = SHAPES[name](size)
    start = time.perf_counter()
    try:
        run()
        outcome = "ok"
    except LamlError as error:
        outcome = f"LamlError: {str(error)[:40]}"
    except MemoryError:
        outcome = "MemoryError"
    queue.put((time.perf_counter() - start, outcome))


def _memory(name: str, queue: multiprocessing.Queue[object]) -> None:
    _limit_memory()
    tracemalloc.start()
    start = time.perf_counter()
    try:
        BOMBS[name]()
        outcome = "finished"
    except LamlError as error:
        outcome = f"{type(error).__name__}: {str(error)[:50]}"
    except MemoryError:
        outcome = "MemoryError"
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    queue.put((elapsed, peak, outcome))


def _in_child(target: Callable[..., None], args: tuple[object, ...], timeout: float) -> object:
    queue: multiprocessing.Queue[object] = multiprocessing.Queue()
    child = multiprocessing.Process(target=target, args=(*args, queue))
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.terminate()
        child.join()
        return None
    return queue.get() if not queue.empty() else None


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--timeout", type=float, default=60.0)
    options.add_argument("--sizes", default="16,64,1024", help="sizes in kB")
    options.add_argument("--only", default="", help="run the shapes whose name holds this")
    arguments = options.parse_args()
    sizes = [int(s) for s in arguments.sizes.split(",")]
    print(f"{'shape':34} {'size':>7} {'time':>10} {'per kB':>10}  outcome")
    for name in SHAPES:
        if arguments.only not in name:
            continue
        for size in sizes:
            result = _in_child(_time, (name, size * KB), arguments.timeout)
            if result is None:
                print(f"{name:34} {size:5} kB {'> ' + str(arguments.timeout) + ' s':>10}")
                continue
            elapsed, outcome = result  # type: ignore[misc]
            per_kb = elapsed / size * 1e6
            print(f"{name:34} {size:5} kB {elapsed * 1e3:8.1f} ms {per_kb:7.1f} us  {outcome}")
    print()
    print(f"{'bomb':34} {'time':>10} {'peak memory':>12}  outcome")
    for name in BOMBS:
        if arguments.only not in name:
            continue
        result = _in_child(_memory, (name,), arguments.timeout)
        if result is None:
            print(f"{name:34} {'> ' + str(arguments.timeout) + ' s':>10}")
            continue
        elapsed, peak, outcome = result  # type: ignore[misc]
        print(f"{name:34} {elapsed:8.2f} s {peak / 2**20:9.1f} MiB  {outcome}")


if __name__ == "__main__":
    main()
