"""Call-flow coverage: what the tests reached against every path the explorer finds.

Asked for with ``pytest --laml-coverage``: every call the ``call_simulator``
fixture makes is remembered; at the end of the test run the flow is explored from
``--laml-coverage-entry`` (default ``/voice``) with the same app and options, and
the report says which documents (method, URL and the parameters that matter) and
which Gather branches (document and input: a first key, speech or silence) the
tests reached.
"""

from __future__ import annotations

from typing import Any

from ._engine import Call
from .explore import BranchKey, CallGraph, Params, branch_input, explore
from .simulator import CallSimulator

_SHOWN = 12


class CoverageRecorder:
    """Collects the calls of a test run and reports their coverage."""

    def __init__(self, entry: str = "/voice") -> None:
        self.entry = entry
        self.calls: list[Call] = []
        self.app: Any = None
        self.options: dict[str, Any] = {}

    def watch(self, simulator: CallSimulator, app: Any, options: dict[str, Any]) -> None:
        """Remember every call ``simulator`` starts; the first app seen is explored."""
        if self.app is None:
            self.app = app
            self.options = dict(options)
        simulator.observers.append(self)

    def seen(self, call: Call) -> None:
        """Called by the simulator for each call it starts."""
        self.calls.append(call)

    def reached(self) -> tuple[set[tuple[str, str, Params]], set[BranchKey]]:
        """The documents and Gather branches the recorded calls reached."""
        documents: set[tuple[str, str, Params]] = set()
        branches: set[BranchKey] = set()
        for call in self.calls:
            where: tuple[str, str, Params] | None = None
            for event in call.transcript:
                if event.kind == "request":
                    where = (event.verb, event.url, _params(event.attributes))
                    documents.add(where)
                elif event.kind == "caller" and where is not None:
                    label = {"press": f"press {event.text}", "speak": "say"}.get(
                        event.verb, "no input" if event.verb == "wait" else ""
                    )
                    if label and event.verb in ("press", "speak", "wait"):
                        branches.add((*where, branch_input(label)))
        return documents, branches

    def report(self) -> list[str]:
        """The report's lines: totals, then what the tests did not reach."""
        if self.app is None or not self.calls:
            return ["no call was simulated through the call_simulator fixture"]
        graph: CallGraph = explore(CallSimulator(self.app, **self.options), self.entry)
        documents, branches = self.reached()
        found_documents = graph.documents
        found_branches = graph.gather_branches
        hit_documents = found_documents & documents
        hit_branches = found_branches & branches
        lines = [
            f"documents: {_ratio(len(hit_documents), len(found_documents))} reached by the tests "
            f"(explored from {self.entry})",
            f"Gather branches: {_ratio(len(hit_branches), len(found_branches))} tried",
        ]
        missed = sorted(found_branches - branches)
        if missed:
            lines.append("Gather branches no test tries:")
            for method, url, params, key in missed[:_SHOWN]:
                lines.append(f"  {_where(method, url, params, graph.base_url)}: {key}")
            if len(missed) > _SHOWN:
                lines.append(f"  ... and {len(missed) - _SHOWN} more")
        return lines


def _params(attributes: Any) -> Params:
    return tuple(
        sorted(
            (name, value)
            for name, value in attributes.items()
            if name != "CallStatus"
            and not name.endswith(("Sid", "Duration", "RecordingUrl", "QueueTime", "Confidence"))
        )
    )


def _ratio(part: int, whole: int) -> str:
    percent = 100 * part // whole if whole else 100
    return f"{part} of {whole} ({percent}%)"


def _where(method: str, url: str, params: Params, base_url: str) -> str:
    path = url[len(base_url) :] if url.startswith(base_url) else url
    shown = " ".join(f"{k}={v}" for k, v in params)
    return f"{method} {path}" + (f" {shown}" if shown else "")
