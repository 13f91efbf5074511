"""Explore every path of a call flow: the call graph, with its dead ends and loops.

``explore(simulator, "/voice")`` (or ``simulator.explore("/voice")``) starts a call
and, at every point where the call waits, tries each thing a caller or the network
can do: every key (a whole ``numDigits`` sequence; ``finishOnKey`` honoured), each
given speech phrase and silence at a ``<Gather>``; answered, busy, no answer and
failed at a ``<Dial>``; a recording and an empty one at a ``<Record>``; bridged and
hung up in an ``<Enqueue>``. A state already seen (same document, reached by the
same method, URL and parameters that matter, waiting at the same verb) is merged,
so a menu that loops back is explored once. The walk stops at ``max_depth``
actions or ``max_calls`` simulated branches, and says so.

Findings are ``Diagnostic``s with the actions that reach them (``Finding``):

========  ========  ==========================================================
code      severity  finding
========  ========  ==========================================================
LAML060   error     an answer that is not 2xx
LAML061   error     an answer whose content type is not XML
LAML062   error     a document with an error finding (its code in the message)
LAML063   error     the app raised an exception
LAML064   error     a loop with no way out (or a redirect loop past max_steps)
LAML065   warning   a ``<Gather>`` that never runs, so its action is never asked
LAML066   warning   a route of the app that no path reaches
LAML067   info      a key answered exactly like silence (likely unhandled)
LAML068   warning   the call ends without a word right after the caller acted
LAML069   info      the exploration stopped at a limit, or had no phrase for a speech Gather
========  ========  ==========================================================
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Literal
from urllib.parse import urljoin

import attrs

from ..diagnostics import Diagnostic
from ..errors import SimulationError
from ._engine import Call

if TYPE_CHECKING:
    from .._model.node import Node
    from .simulator import CallSimulator

Severity = Literal["error", "warning", "info"]

EXPLORE_CODES: dict[str, tuple[Severity, str]] = {
    "LAML060": ("error", "An answer with a status that is not 2xx."),
    "LAML061": ("error", "An answer whose content type is not XML."),
    "LAML062": ("error", "An answer that is not a valid cXML document."),
    "LAML063": ("error", "The app raised an exception."),
    "LAML064": ("error", "A loop with no way out: every branch comes back, nothing hangs up."),
    "LAML065": ("warning", "A <Gather> that never runs, so its action is never requested."),
    "LAML066": ("warning", "A route of the app that no path of the call flow reaches."),
    "LAML067": ("info", "A key answered exactly like silence: likely an unhandled key."),
    "LAML068": ("warning", "The call ends in silence right after the caller acted."),
    "LAML069": (
        "info",
        "The exploration stopped at a limit, or had no phrase to say to a Gather that "
        "takes speech only; some paths were not tried.",
    ),
}
"""The explorer's finding codes: usual severity and meaning."""

_ERROR_CODES = {
    "status": "LAML060",
    "content-type": "LAML061",
    "invalid": "LAML062",
    "loop": "LAML064",
    "exception": "LAML063",
}

NodeKind = Literal["state", "end", "error"]
Params = tuple[tuple[str, str], ...]
BranchKey = tuple[str, str, Params, str]


def branch_input(label: str) -> str:
    """The input a Gather branch tries: the first key, ``speech`` or ``no input``."""
    if label.startswith("press "):
        return label[6]
    if label.startswith("say "):
        return "speech"
    return label


@attrs.frozen
class Finding:
    """A diagnostic and the caller's actions that lead to it from the first request."""

    diagnostic: Diagnostic
    actions: tuple[str, ...]
    url: str = ""

    @property
    def code(self) -> str:
        return self.diagnostic.code

    def line(self) -> str:
        """``severity CODE message (after: press 1 > busy)``."""
        reached = " > ".join(self.actions) if self.actions else "the first request"
        d = self.diagnostic
        return f"{d.severity} {d.code} {d.message} (after: {reached})"


@attrs.define
class GraphNode:
    """A point of the call flow: where the call waits, how it ended, or what failed.

    ``url``, ``method`` and ``params`` (the parameters that matter) say which
    document; ``pending`` what the call waits for there; ``said`` what the caller
    heard on the way in; ``actions`` the first path of actions found to it.
    """

    id: str
    kind: NodeKind
    url: str
    method: str = "POST"
    params: Mapping[str, str] = attrs.field(factory=dict)
    pending: str | None = None
    status: str | None = None
    said: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    expanded: bool = False

    def label(self, base_url: str = "") -> str:
        """A short label: path, parameters and what the call does there."""
        url = self.url[len(base_url) :] if base_url and self.url.startswith(base_url) else self.url
        params = " ".join(f"{k}={v}" for k, v in sorted(self.params.items()))
        head = f"{self.method} {url or '/'}" + (f" {params}" if params else "")
        if self.kind == "end":
            return f"{head}: ends ({self.status})"
        if self.kind == "error":
            return f"{head}: fails"
        return f"{head}: waits for {self.pending}"


@attrs.frozen
class Edge:
    """An action of the caller (or the network) leading from one node to another."""

    source: str
    target: str
    action: str


@attrs.define
class CallGraph:
    """Everything the explorer found: nodes, edges, findings and limits reached.

    ``calls`` is the number of branches simulated, ``requests`` the requests sent
    to the app; ``documents`` the distinct documents (method, URL and parameters
    that matter) answered; ``routes`` the app's declared routes when known.
    """

    base_url: str
    entry: str
    nodes: dict[str, GraphNode] = attrs.field(factory=dict)
    edges: list[Edge] = attrs.field(factory=list)
    findings: list[Finding] = attrs.field(factory=list)
    notes: list[str] = attrs.field(factory=list)
    calls: int = 0
    requests: int = 0
    documents: set[tuple[str, str, Params]] = attrs.field(factory=set)
    routes: list[str] | None = None
    gather_branches: set[BranchKey] = attrs.field(factory=set)
    """Every branch tried at a Gather: method, URL, parameters that matter, and the
    input (the first key pressed, ``speech`` or ``no input``)."""

    def diagnostics(self) -> list[Diagnostic]:
        """The findings as plain diagnostics, in the order found."""
        return [finding.diagnostic for finding in self.findings]

    def summary(self) -> str:
        """A text summary: counts, then one line per finding, then the notes."""
        lines = [
            f"explored {self.entry}: {len(self.nodes)} states, {len(self.documents)} documents, "
            f"{len(self.edges)} branches, {self.calls} simulated calls, {self.requests} requests",
        ]
        if not self.findings:
            lines.append("no findings")
        lines.extend(finding.line() for finding in self.findings)
        lines.extend(f"note: {note}" for note in self.notes)
        return "\n".join(lines)

    def to_json(self) -> str:
        """The graph, findings and counts as JSON."""
        data = {
            "entry": self.entry,
            "base_url": self.base_url,
            "calls": self.calls,
            "requests": self.requests,
            "documents": len(self.documents),
            "nodes": [
                {
                    "id": node.id,
                    "kind": node.kind,
                    "method": node.method,
                    "url": node.url,
                    "params": dict(node.params),
                    "pending": node.pending,
                    "status": node.status,
                    "said": list(node.said),
                    "actions": list(node.actions),
                }
                for node in self.nodes.values()
            ],
            "edges": [attrs.asdict(edge) for edge in self.edges],
            "findings": [
                {**finding.diagnostic.to_dict(finding.url), "actions": list(finding.actions)}
                for finding in self.findings
            ],
            "notes": list(self.notes),
        }
        return json.dumps(data, indent=1, ensure_ascii=False)

    def to_dot(self) -> str:
        """The graph in Graphviz DOT: documents as boxes, ends as ovals, failures red."""
        lines = ["digraph call_flow {", "  rankdir=LR;", '  node [fontname="Helvetica"];']
        for node in self.nodes.values():
            label = node.label(self.base_url)
            if node.said:
                label += "\\n" + _clip(" / ".join(node.said))
            shape = {"state": "box", "end": "oval", "error": "octagon"}[node.kind]
            color = ', color="red"' if node.kind == "error" else ""
            lines.append(f'  {node.id} [shape={shape}, label="{_dot(label)}"{color}];')
        for edge in self.edges:
            lines.append(f'  {edge.source} -> {edge.target} [label="{_dot(edge.action)}"];')
        lines.append("}")
        return "\n".join(lines) + "\n"

    def to_mermaid(self) -> str:
        """The graph as a Mermaid flowchart (GitHub renders it in Markdown)."""
        lines = ["flowchart LR"]
        for node in self.nodes.values():
            label = _mermaid(node.label(self.base_url))
            if node.kind == "end":
                lines.append(f'  {node.id}(["{label}"])')
            elif node.kind == "error":
                lines.append(f'  {node.id}{{{{"{label}"}}}}')
            else:
                lines.append(f'  {node.id}["{label}"]')
        grouped: dict[tuple[str, str], list[str]] = {}
        for edge in self.edges:
            grouped.setdefault((edge.source, edge.target), []).append(edge.action)
        for (source, target), actions in grouped.items():
            lines.append(f'  {source} -->|"{_mermaid(_actions(actions))}"| {target}')
        return "\n".join(lines) + "\n"


def _actions(actions: list[str]) -> str:
    if len(actions) > 4:
        return ", ".join(actions[:3]) + f" +{len(actions) - 3} more"
    return ", ".join(actions)


def _clip(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 3] + "..."


def _dot(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\\\\n", "\\n")


def _mermaid(text: str) -> str:
    return text.replace('"', "#quot;")


# ---------------------------------------------------------------- the walk

_VOLATILE = ("Sid", "Duration", "RecordingUrl", "QueueTime", "Confidence")


def _matters(name: str) -> bool:
    return not any(name.endswith(suffix) for suffix in _VOLATILE)


StateKey = tuple[object, ...]
Action = tuple[str, Callable[[Call], object]]


def _gather_actions(
    gather_input: str, num: int, finish: str, keys: str, speech: Sequence[str]
) -> list[Action]:
    actions: list[Action] = []
    if "dtmf" in gather_input.split():
        for key in keys:
            if num > 1 and key not in finish:
                digits = key * num
            elif num == 0 and key not in finish and finish:
                digits = key + finish[0]
            else:
                digits = key
            actions.append((f"press {digits}", partial(_press, digits)))
    if "speech" in gather_input.split():
        for phrase in speech:
            actions.append((f'say "{phrase}"', partial(_speak, phrase)))
    actions.append(("no input", lambda call: call.wait()))
    return actions


def _press(digits: str, call: Call) -> Call:
    return call.press(digits)


def _speak(phrase: str, call: Call) -> Call:
    return call.speak(phrase)


def _actions_for(call: Call, keys: str, speech: Sequence[str]) -> list[Action]:
    waiting = call._waiting
    assert waiting is not None
    if call.pending == "gather":
        finish = waiting.get("finishOnKey")
        return _gather_actions(
            waiting.get("input") or "dtmf",
            int(waiting.get("numDigits") or 0),
            "#" if finish is None else finish,
            keys,
            speech,
        )
    if call.pending == "dial":
        return [
            ("answered", lambda c: c.answer(30)),
            ("busy", lambda c: c.busy()),
            ("no answer", lambda c: c.no_answer()),
            ("failed", lambda c: c.fail()),
        ]
    if call.pending == "record":
        return [
            ("recording", lambda c: c.record(10, "#")),
            ("empty recording", lambda c: c.record(0, "")),
        ]
    return [("bridged", lambda c: c.dequeue()), ("caller hangs up", lambda c: c.hangup())]


class _Explorer:
    def __init__(
        self,
        sim: CallSimulator,
        graph: CallGraph,
        keys: str,
        speech: Sequence[str],
        max_depth: int,
        max_calls: int,
    ) -> None:
        self.sim = sim
        self.graph = graph
        self.keys = keys
        self.speech = tuple(speech)
        self.speech_only: set[str] = set()
        self.max_depth = max_depth
        self.max_calls = max_calls
        self.ids: dict[StateKey, str] = {}
        self.stopped_depth = 0
        self.stopped_calls = False

    # -------------------------------------------------------------- nodes

    def node_for(self, call: Call, actions: tuple[str, ...], said: tuple[str, ...]) -> str:
        request = call.requests[-1] if call.requests else None
        method = request.method if request else "POST"
        params = _mattering(call, request)
        if call.ended:
            key: StateKey = ("end", call.url, method, params, call.status)
            kind: NodeKind = "end"
        else:
            key = ("state", call.url, method, params, call._index, call.pending)
            kind = "state"
        return self.add(key, kind, call.url, method, params, call, actions, said)

    def add(
        self,
        key: StateKey,
        kind: NodeKind,
        url: str,
        method: str,
        params: tuple[tuple[str, str], ...],
        call: Call | None,
        actions: tuple[str, ...],
        said: tuple[str, ...],
    ) -> str:
        found = self.ids.get(key)
        if found is not None:
            return found
        node_id = f"n{len(self.ids)}"
        self.ids[key] = node_id
        self.graph.nodes[node_id] = GraphNode(
            node_id,
            kind,
            url,
            method,
            dict(params),
            call.pending if call is not None and kind == "state" else None,
            call.status if call is not None and kind == "end" else None,
            said,
            actions,
        )
        return node_id

    def error_node(self, error: BaseException, actions: tuple[str, ...], call: Call) -> str:
        if isinstance(error, SimulationError):
            url = error.url
            kind = error.kind
            code = _ERROR_CODES.get(kind, "LAML062")
            message = error.reason
            if kind == "exception" and error.__cause__ is not None:
                cause = error.__cause__
                message = f"the app raised {type(cause).__name__}: {cause}"
        else:
            url = call.url
            kind = "exception"
            code = "LAML063"
            message = f"the app raised {type(error).__name__}: {error}"
        key: StateKey = ("error", url, code, message)
        new = key not in self.ids
        node_id = self.add(key, "error", url, "POST", (), None, actions, ())
        if new:
            self.finding(code, message, actions, url)
        return node_id

    def finding(self, code: str, message: str, actions: tuple[str, ...], url: str = "") -> None:
        severity = EXPLORE_CODES[code][0]
        self.graph.findings.append(Finding(Diagnostic(code, severity, message), actions, url))

    # -------------------------------------------------------------- walk

    def run(self, path: str, from_: str, to: str) -> None:
        root_actions: tuple[str, ...] = ()
        try:
            call = self.sim.call(path, from_=from_, to=to)
        except Exception as error:
            self.graph.calls = 1
            if self.sim.calls:
                self.note_requests(self.sim.calls[-1], 0)
            self.error_node(
                error, root_actions, self.sim.calls[-1] if self.sim.calls else _blank(self.sim)
            )
            return
        self.graph.calls = 1
        self.note_requests(call, 0)
        root = self.node_for(call, root_actions, tuple(call.said))
        queue: deque[tuple[Call, str, tuple[str, ...]]] = deque()
        if not call.ended:
            queue.append((call, root, root_actions))
        while queue:
            call, node_id, actions = queue.popleft()
            if len(actions) >= self.max_depth:
                self.stopped_depth += 1
                continue
            self.graph.nodes[node_id].expanded = True
            self.expand(call, node_id, actions, queue)
            if self.stopped_calls:
                break

    def expand(
        self,
        call: Call,
        node_id: str,
        actions: tuple[str, ...],
        queue: deque[tuple[Call, str, tuple[str, ...]]],
    ) -> None:
        outcomes: dict[str, tuple[object, ...]] = {}
        here = self.graph.nodes[node_id]
        where = (here.method, here.url, tuple(sorted(here.params.items())))
        self.note_speech_without_phrases(call, actions)
        for label, act in _actions_for(call, self.keys, self.speech):
            if self.graph.calls >= self.max_calls:
                self.stopped_calls = True
                return
            branch = call.fork()
            self.graph.calls += 1
            said_before, played_before = len(branch.said), len(branch.played)
            requests_before = len(branch.requests)
            path = (*actions, label)
            if call.pending == "gather":
                self.graph.gather_branches.add((*where, branch_input(label)))
            try:
                act(branch)
            except Exception as error:  # the app's own exceptions are findings too
                self.note_requests(branch, requests_before)
                target = self.error_node(error, path, branch)
                self.graph.edges.append(Edge(node_id, target, label))
                outcomes[label] = ("error", target)
                continue
            self.note_requests(branch, requests_before)
            said = tuple(branch.said[said_before:])
            target = self.node_for(branch, path, said)
            self.graph.edges.append(Edge(node_id, target, label))
            outcomes[label] = (target, said, tuple(branch.played[played_before:]))
            silent = not said and len(branch.played) == played_before
            if (
                branch.ended
                and silent
                and label not in ("answered", "caller hangs up", "no input")
                and branch.transcript[-1].note != "the caller hung up"
            ):
                self.finding(
                    "LAML068",
                    f"the call ends ({branch.status}) without a word after '{label}', "
                    f"at {branch.url}",
                    path,
                    branch.url,
                )
            if (
                not branch.ended
                and target not in {item[1] for item in queue}
                and not (self.graph.nodes[target].expanded)
            ):
                queue.append((branch, target, path))
        if call.pending == "gather":
            self.unhandled_keys(call, outcomes, actions)

    def unhandled_keys(
        self, call: Call, outcomes: Mapping[str, tuple[object, ...]], actions: tuple[str, ...]
    ) -> None:
        silence = outcomes.get("no input")
        if silence is None or silence[0] == "error":
            return
        waiting = call._waiting
        assert waiting is not None
        finish = waiting.get("finishOnKey")
        finish = "#" if finish is None else finish
        for label, outcome in outcomes.items():
            if not label.startswith("press ") or label[6] in finish:
                continue
            if outcome == silence:
                self.finding(
                    "LAML067",
                    f"'{label}' at {call.url} is answered exactly like no input: "
                    "likely an unhandled key",
                    (*actions, label),
                    call.url,
                )

    def note_speech_without_phrases(self, call: Call, actions: tuple[str, ...]) -> None:
        """A Gather that takes speech only can be answered by silence alone: say so."""
        if call.pending != "gather" or self.speech or call._waiting is None:
            return
        taken = (call._waiting.get("input") or "dtmf").split()
        if "dtmf" in taken or call.url in self.speech_only:
            return
        self.speech_only.add(call.url)
        self.finding(
            "LAML069",
            f"the <Gather> at {_path(call.url, self.graph.base_url)} takes speech only and "
            "no phrase was given (speech=...): only silence was tried there",
            actions,
            call.url,
        )

    def note_requests(self, call: Call, since: int) -> None:
        self.graph.requests += len(call.requests) - since
        for request in call.requests[since:]:
            self.graph.documents.add((request.method, request.url, _mattering(call, request)))

    def gathers_never_run(self) -> None:
        trace = self.sim.trace
        assert trace is not None
        for url, verbs in trace.documents.items():
            for index, verb in _iter_gathers(verbs):
                if (url, index) in trace.gathers:
                    continue
                action = getattr(verb, "get", lambda name: None)("action") or url
                self.finding(
                    "LAML065",
                    f"the <Gather> number {index + 1} of {_path(url, self.graph.base_url)} "
                    f"never runs, so its action {_path(action, self.graph.base_url)} is never "
                    "requested from it",
                    (),
                    url,
                )

    # -------------------------------------------------------------- after the walk

    def finish(self) -> None:
        self.loops()
        self.unreached_routes()
        if self.stopped_calls:
            self.finding(
                "LAML069",
                f"stopped after {self.max_calls} simulated calls (max_calls); "
                "some branches were not tried",
                (),
            )
            self.graph.notes.append(f"stopped at max_calls={self.max_calls}")
        if self.stopped_depth:
            self.finding(
                "LAML069",
                f"{self.stopped_depth} state(s) deeper than {self.max_depth} actions "
                "(max_depth) were not explored",
                (),
            )
            self.graph.notes.append(f"stopped at max_depth={self.max_depth}")

    def loops(self) -> None:
        exits = {
            node.id
            for node in self.graph.nodes.values()
            if node.kind != "state" or not node.expanded
        }
        incoming: dict[str, list[str]] = {}
        for edge in self.graph.edges:
            incoming.setdefault(edge.target, []).append(edge.source)
        reaches_exit = set(exits)
        frontier = list(exits)
        while frontier:
            current = frontier.pop()
            for source in incoming.get(current, []):
                if source not in reaches_exit:
                    reaches_exit.add(source)
                    frontier.append(source)
        trapped = [node for node in self.graph.nodes.values() if node.id not in reaches_exit]
        reported: set[str] = set()
        outgoing: dict[str, set[str]] = {}
        for edge in self.graph.edges:
            outgoing.setdefault(edge.source, set()).add(edge.target)
        for node in trapped:
            if node.id in reported:
                continue
            group = {node.id}
            frontier = [node.id]
            while frontier:
                current = frontier.pop()
                for target in outgoing.get(current, set()):
                    if target not in group:
                        group.add(target)
                        frontier.append(target)
            reported |= group
            urls = sorted({self.graph.nodes[i].url for i in group})
            self.finding(
                "LAML064",
                "a loop with no way out: every branch from here comes back to "
                + ", ".join(_path(u, self.graph.base_url) for u in urls)
                + " and nothing ends the call",
                node.actions,
                node.url,
            )

    def unreached_routes(self) -> None:
        routes = self.graph.routes
        if not routes:
            return
        from urllib.parse import urlsplit

        reached = {urlsplit(url).path for _, url, _ in self.graph.documents}
        # A route that raised was requested too, though it answered no document.
        reached.update(
            urlsplit(node.url).path for node in self.graph.nodes.values() if node.kind == "error"
        )
        # Callbacks a document names (statusCallback, recordingStatusCallback, waitUrl,
        # ...) are requested by the platform beside the call: they are reached too.
        trace = self.sim.trace
        for url, verbs in trace.documents.items() if trace is not None else ():
            for target in _named_urls(verbs):
                reached.add(urlsplit(urljoin(url, target)).path)
        for route in routes:
            if route not in reached:
                self.finding(
                    "LAML066",
                    f"the route {route} is never requested on any path from {self.graph.entry}",
                    (),
                    route,
                )


def _named_urls(verbs: Sequence[Node]) -> Iterator[str]:
    """The URLs of the callback and URL attributes of the verbs and their nouns."""
    for verb in verbs:
        for name, value in verb.attributes.items():
            if name.endswith(("Callback", "Url", "Href")) and value.strip():
                yield value.strip()
        yield from _named_urls(verb.elements)


def _path(url: str, base_url: str) -> str:
    return url[len(base_url) :] if url.startswith(base_url) else url


def _blank(sim: CallSimulator) -> Call:
    return Call(sim, {}, 1)


def _mattering(call: Call, request: object) -> Params:
    if request is None:
        return ()
    params: Mapping[str, str] = getattr(request, "params", {})
    return tuple(
        sorted(
            (name, value)
            for name, value in params.items()
            if call.params.get(name) != value and _matters(name) and name != "CallStatus"
        )
    )


def explore(
    sim: CallSimulator,
    path: str,
    *,
    from_: str = "+15550001111",
    to: str = "+15550002222",
    keys: str = "0123456789*#",
    speech: Sequence[str] = (),
    max_depth: int = 12,
    max_calls: int = 2000,
) -> CallGraph:
    """Walk every path of the call flow that starts at ``path``; return the ``CallGraph``.

    ``keys`` are the DTMF keys tried at each Gather, ``speech`` the phrases tried
    where a Gather takes speech. ``max_depth`` bounds the caller's actions along
    one path, ``max_calls`` the branches simulated in all; reaching either adds a
    ``LAML069`` note. The user's simulator is left as it was: the walk runs on a
    twin that shares its app, base URL, platform and signing key. Raises
    ``ValueError`` for a key a phone does not have or a limit below 1.
    """
    if any(key not in "0123456789*#" for key in keys) or not keys:
        raise ValueError(f"keys must be some of 0-9, * and # (got {keys!r})")
    if max_depth < 1 or max_calls < 1:
        raise ValueError("max_depth and max_calls must be >= 1")
    twin = sim.twin()
    graph = CallGraph(twin.base_url, path, routes=twin.transport.routes())
    explorer = _Explorer(twin, graph, keys, speech, max_depth, max_calls)
    explorer.run(path, from_, to)
    explorer.gathers_never_run()
    explorer.finish()
    return graph


def _iter_gathers(verbs: Iterable[object]) -> Iterable[tuple[int, object]]:
    for index, verb in enumerate(verbs):
        if getattr(verb, "tag", None) == "Gather":
            yield index, verb


__all__ = ["EXPLORE_CODES", "CallGraph", "Edge", "Finding", "GraphNode", "explore"]
