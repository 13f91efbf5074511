"""Explorer speed: every path of the three-level example menu, 12 keys at each Gather.

    python benchmarks/bench_explore.py

Target: under 5 s for the whole walk. Also prints the number of simulated calls,
documents and requests, and the time per request against a plain simulated call
to the same app in the same run (the explorer forks calls instead of replaying
them, so a branch costs one request).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from examples.explore_ivr.app import app
from laml.testing import CallSimulator


def main() -> None:
    walks = []
    graph = None
    for _ in range(3):
        started = time.perf_counter()
        graph = CallSimulator(app).explore("/voice")
        walks.append(time.perf_counter() - started)
    assert graph is not None
    walk = statistics.median(walks)
    simulator = CallSimulator(app)
    started = time.perf_counter()
    requests = 0
    for _ in range(100):
        simulator.calls.clear()
        call = simulator.call("/voice").press("1").press("1").press("1")
        requests += len(call.requests)
    per_request_simulated = (time.perf_counter() - started) / requests * 1e6
    per_request_explored = walk / graph.requests * 1e6
    print(
        f"explore: {walk:.2f} s (target < 5 s); {graph.calls} simulated calls, "
        f"{len(graph.documents)} documents, {len(graph.nodes)} states, {graph.requests} requests"
    )
    print(
        f"per request: explorer {per_request_explored:.0f} us, "
        f"simulator {per_request_simulated:.0f} us"
    )
    print(f"ratio: {per_request_explored / per_request_simulated:.2f}x")


if __name__ == "__main__":
    main()
