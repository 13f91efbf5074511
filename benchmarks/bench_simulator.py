"""Call simulator speed: one simulated step against Flask's test client plus an lxml parse.

    python benchmarks/bench_simulator.py

A simulated step is one request to a Flask app through its WSGI interface, with
the platform's parameters and signature, then validating, parsing and running the
document (``CallSimulator.call``). The anchor is the same request made with
Flask's own test client (same form parameters) and the answer parsed with lxml.
Target: at most 1.5x. The ratio is the median over rounds that each time both.
"""

from __future__ import annotations

import statistics
import timeit

from flask import Flask, Response
from lxml import etree

from laml import VoiceResponse
from laml.testing import CallSimulator


def make_app() -> Flask:
    app = Flask("bench")

    @app.post("/voice")
    def voice() -> Response:
        document = VoiceResponse()
        menu = document.gather(num_digits=1, action="/menu", timeout=5)
        menu.say("Welcome to Example Corp. For sales, press 1. For support, press 2.")
        menu.pause(length=1)
        document.say("We did not hear a choice. Goodbye.")
        document.hangup()
        return Response(str(document), mimetype="text/xml")

    return app


def main() -> None:
    app = make_app()
    simulator = CallSimulator(app, signing_key="PSK_bench")
    first = simulator.call("/voice")
    form = dict(first.requests[0].params)
    client = app.test_client()
    parser = etree.XMLParser(resolve_entities=False, no_network=True)

    def anchor() -> None:
        response = client.post("/voice", data=form)
        etree.fromstring(response.data, parser)

    def step() -> None:
        simulator.calls.clear()
        simulator.call("/voice")

    anchors, steps, ratios = [], [], []
    for _ in range(11):
        a = min(timeit.repeat(anchor, number=200, repeat=3)) / 200 * 1e6
        b = min(timeit.repeat(step, number=200, repeat=3)) / 200 * 1e6
        anchors.append(a)
        steps.append(b)
        ratios.append(b / a)
    print(f"Flask test client + lxml parse: {statistics.median(anchors):8.1f} us")
    print(f"simulated step (signed):        {statistics.median(steps):8.1f} us")
    ratio = statistics.median(ratios)
    print(
        f"ratio: {ratio:.2f}x (rounds {min(ratios):.2f}-{max(ratios):.2f}); target <= 1.5x"
        + ("" if ratio <= 1.5 else "  ** over target **")
    )


if __name__ == "__main__":
    main()
