"""The call engine: runs the verbs of each document the app returns, as the platform does.

It knows nothing of HTTP or frameworks: it asks its ``Platform`` (the simulator) to
fetch a document for a method, URL and parameters, and keeps the call's state, its
transcript and its virtual clock.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Literal, Protocol
from urllib.parse import urljoin

import attrs

from .._model.params import CallStatus as CallStatus
from ..errors import SimulationError
from .clock import VirtualClock, format_time

if TYPE_CHECKING:
    from .._model.node import Node

Pending = Literal["gather", "dial", "record", "enqueue"]
EventKind = Literal["verb", "caller", "request", "end"]

_DIGITS = re.compile(r"[0-9*#]*")
MAX_REPEATS = 100
"""The repetitions of a ``loop`` listed in ``said``/``played`` and the transcript."""


@attrs.frozen
class Event:
    """One line of a call's transcript.

    ``kind`` says what happened: a ``verb`` ran (``verb`` is its tag), the
    ``caller`` acted (``press``, ``speak``, ``wait``, ``answer``, ...), a
    ``request`` was sent to the app (``verb`` is the method), or the call ``end``ed
    (``verb`` is the final CallStatus). ``time`` is virtual seconds since the start;
    ``url`` is the document that held the verb, or the URL requested.
    """

    time: float
    kind: EventKind
    verb: str
    attributes: Mapping[str, str] = attrs.field(factory=dict)
    url: str = ""
    text: str = ""
    note: str = ""

    def line(self, base_url: str = "") -> str:
        """The event in the stable one-line form of ``transcript_text``."""
        stamp = f"[{format_time(self.time)}]"
        attributes = " ".join(f"{name}={value}" for name, value in sorted(self.attributes.items()))
        if self.kind == "request":
            url = (
                self.url[len(base_url) :]
                if base_url and self.url.startswith(base_url)
                else self.url
            )
            parts = [stamp, self.verb, url or "/", attributes]
        elif self.kind == "caller":
            parts = [
                stamp,
                "caller:",
                self.verb,
                _quote(self.text) if self.text else "",
                attributes,
            ]
        elif self.kind == "end":
            parts = [stamp, "call ended:", self.verb]
        else:
            parts = [stamp, self.verb, _quote(self.text) if self.text else "", attributes]
        if self.note:
            parts.append(f"({self.note})")
        line = " ".join(part for part in parts if part)
        # One line per event, whatever the caller said or the app was sent.
        return line.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@attrs.frozen
class Request:
    """One request sent to the app: method, absolute URL, parameters, answer status."""

    method: str
    url: str
    params: Mapping[str, str]
    status: int
    time: float = 0.0
    kind: str = "voice"
    """What the request answers, as the webhook parameter table names it: ``voice``
    (the first request and redirects), ``gather``, ``dial``, ``record``,
    ``enqueue``, ``enqueue_wait``, or ``sms`` (the ``<Sms>`` verb's action)."""


class Platform(Protocol):
    """What the engine needs from the simulator."""

    base_url: str
    seconds_per_word: float
    seconds_per_play: float

    def fetch_voice(
        self, call: Call, method: str, url: str, params: Mapping[str, str], kind: str
    ) -> list[Node]: ...

    def new_sid(self, prefix: str) -> str: ...

    def recording_url(self, call: Call, recording_sid: str) -> str: ...

    @property
    def queues(self) -> dict[str, list[Call]]: ...

    @property
    def conferences(self) -> dict[str, list[Call]]: ...


def spoken_text(node: Node | str) -> str:
    """The words of a ``<Say>`` with its SSML flattened (``<sub alias>`` says the alias)."""
    if isinstance(node, str):
        return node
    if node.tag == "sub" and node.get("alias"):
        return node.get("alias") or ""
    if node.tag == "break":
        return " "
    return "".join(spoken_text(child) for child in node.children)


def _int(node: Node, name: str, default: int) -> int:
    value = node.get(name)
    if value is None or not value.strip().lstrip("-").isdigit():
        return default
    return int(value)


def _method(node: Node, name: str = "method") -> str:
    return (node.get(name) or "POST").upper()


class Call:
    """A simulated voice call driving the app, one document at a time.

    Read what happened from ``said``, ``played``, ``transcript``, ``requests``;
    what it waits for from ``pending``; answer with ``press``, ``speak``, ``wait``,
    ``answer``/``busy``/``no_answer``/``fail``, ``record``, ``dequeue`` or
    ``hangup``. Every action raises ``SimulationError`` when the call does not
    wait for it, naming what it does wait for.
    """

    def __init__(self, platform: Platform, params: Mapping[str, str], max_steps: int) -> None:
        self._platform = platform
        self.clock = VirtualClock()
        self.params: dict[str, str] = dict(params)
        """The standard parameters every request of this call carries."""
        self.sid = self.params.get("CallSid", "")
        self.said: list[str] = []
        self.played: list[str] = []
        self.transcript: list[Event] = []
        self.requests: list[Request] = []
        self.pending: Pending | None = None
        self.ended = False
        self.status: CallStatus = "ringing"
        self.url = ""
        """The URL of the document being run."""
        self.max_steps = max_steps
        """How many requests may follow one another without the caller acting."""
        self._acted_at = 0
        self._verbs: list[Node] = []
        self._index = 0
        self._waiting: Node | None = None
        self._enqueued: tuple[str, float] | None = None
        self._conference: str | None = None

    # ------------------------------------------------------------------ reading

    @property
    def elapsed(self) -> float:
        """Virtual seconds since the call started."""
        return self.clock.now

    def transcript_text(self) -> str:
        """The transcript, one stable line per event, for snapshot tests.

        Lines look like ``[00:05] Say "Press 1 for sales"``; URLs under the
        simulator's ``base_url`` are shown as paths.
        """
        return "\n".join(event.line(self._platform.base_url) for event in self.transcript)

    def __repr__(self) -> str:
        state = "ended" if self.ended else f"pending={self.pending!r}"
        return f"<Call {self.sid} {self.status} {state} at {format_time(self.elapsed)} {self.url}>"

    # ------------------------------------------------------------------ errors

    def error(self, message: str, url: str | None = None, kind: str = "state") -> SimulationError:
        """A ``SimulationError`` carrying this call's transcript."""
        return SimulationError(
            message,
            url=self.url if url is None else url,
            transcript=self.transcript_text(),
            kind=kind,
        )

    def fork(self) -> Call:
        """A copy of this call in its current state, to try another branch from here.

        The copy shares the simulator and the documents (which the engine never
        changes) and has its own clock, transcript and requests. The app is not
        asked again: its answers so far are taken to hold for the copy too.
        """
        twin = Call.__new__(Call)
        twin.__dict__.update(self.__dict__)
        twin.clock = VirtualClock(self.clock.now)
        twin.params = dict(self.params)
        twin.said = list(self.said)
        twin.played = list(self.played)
        twin.transcript = list(self.transcript)
        twin.requests = list(self.requests)
        return twin

    def _expect(self, action: str, wanted: Pending) -> Node:
        if self.ended:
            raise self.error(f"{action}: the call has ended ({self.status})")
        if self.pending != wanted:
            waits = (
                f"the call waits for {_WAITS[self.pending]}"
                if self.pending
                else "nothing is pending"
            )
            raise self.error(f"{action}: no <{_TAGS[wanted]}> is pending; {waits}")
        assert self._waiting is not None
        return self._waiting

    # ------------------------------------------------------------------ engine

    def record_event(
        self,
        kind: EventKind,
        verb: str,
        attributes: Mapping[str, str] | None = None,
        *,
        url: str | None = None,
        text: str = "",
        note: str = "",
    ) -> None:
        """Append an event at the current virtual time."""
        if kind == "caller":
            self._acted_at = len(self.requests)
        self.transcript.append(
            Event(
                self.clock.now,
                kind,
                verb,
                dict(attributes or {}),
                self.url if url is None else url,
                text,
                note,
            )
        )

    def start(self, method: str, url: str, extra: Mapping[str, str]) -> None:
        """Fetch the first document and run it until the call waits or ends."""
        self._load(method, url, extra, "voice")
        self.status = "in-progress"
        self.params["CallStatus"] = "in-progress"
        self._run()

    def _load(self, method: str, url: str, extra: Mapping[str, str], kind: str) -> None:
        target = urljoin(self.url or self._platform.base_url, url)
        if len(self.requests) - self._acted_at >= self.max_steps:
            raise self.error(self._loop_message(target), url=target, kind="loop")
        params = {**self.params, **extra}
        verbs = self._platform.fetch_voice(self, method, target, params, kind)
        self.url = target
        self._verbs = verbs
        self._index = 0

    def _loop_message(self, target: str) -> str:
        urls = [request.url for request in self.requests[self._acted_at :]] + [target]
        cycle: list[str] = []
        last = urls[-1]
        for position in range(len(urls) - 2, -1, -1):
            if urls[position] == last:
                cycle = urls[position:]
                break
        shown = " -> ".join(cycle) if cycle else " -> ".join(urls[-5:])
        return (
            f"more than {self.max_steps} requests since the caller last acted (max_steps); "
            f"the call keeps going round: {shown}"
        )

    def _run(self) -> None:
        while not self.ended and self.pending is None:
            if self._index >= len(self._verbs):
                self._end("completed", "no more verbs")
                return
            verb = self._verbs[self._index]
            self._index += 1
            handler = _HANDLERS.get(verb.tag, Call._not_simulated)
            handler(self, verb)

    def _end(self, status: CallStatus, note: str = "") -> None:
        self._leave_rooms()
        self.ended = True
        self.pending = None
        self._waiting = None
        self.status = status
        self.params["CallStatus"] = status
        self.record_event("end", status, note=note)

    def _leave_rooms(self) -> None:
        if self._enqueued is not None:
            waiting = self._platform.queues.get(self._enqueued[0], [])
            if self in waiting:
                waiting.remove(self)
            self._enqueued = None
        if self._conference is not None:
            members = self._platform.conferences.get(self._conference, [])
            if self in members:
                members.remove(self)
            self._conference = None

    def _wait_for(self, kind: Pending, verb: Node) -> None:
        self.pending = kind
        self._waiting = verb

    def _resume(self) -> None:
        self.pending = None
        self._waiting = None

    def _continue_at(self, method: str, url: str, extra: Mapping[str, str], kind: str) -> None:
        self._resume()
        self._load(method, url, extra, kind)
        self._run()

    # ------------------------------------------------------------------ verbs

    def _say(self, verb: Node) -> None:
        text = " ".join(spoken_text(verb).split())
        seconds = len(text.split()) * self._platform.seconds_per_word
        self._repeat(verb, "Say", text, self.said, seconds)

    def _play(self, verb: Node) -> None:
        url = verb.text.strip()
        if not url:
            self.record_event("verb", "Play", verb.attributes, note="sends digits")
            return
        url = urljoin(self.url, url)
        self._repeat(verb, "Play", url, self.played, self._platform.seconds_per_play)

    def _repeat(self, verb: Node, tag: str, text: str, heard: list[str], seconds: float) -> None:
        """Run a Say or Play ``loop`` times; past ``MAX_REPEATS`` only the clock moves."""
        loops = _int(verb, "loop", 1)
        note = "repeats until the call moves on; simulated once" if loops == 0 else ""
        listed = min(max(loops, 1), MAX_REPEATS)
        for _ in range(listed):
            self.record_event("verb", tag, _shown(verb, "loop"), text=text, note=note)
            heard.append(text)
            self.clock.advance(seconds)
        if loops > listed:
            rest = loops - listed
            self.record_event(
                "verb", tag, _shown(verb, "loop"), text=text,
                note=f"repeated {rest} more times, not listed one by one",
            )  # fmt: skip
            self.clock.advance(rest * seconds)

    def _pause(self, verb: Node) -> None:
        length = _int(verb, "length", 1)
        self.record_event("verb", "Pause", {"length": str(length)})
        self.clock.advance(length)

    def _gather(self, verb: Node) -> None:
        self.record_event("verb", "Gather", verb.attributes)
        trace = getattr(self._platform, "trace", None)
        if trace is not None:
            trace.gathers.add((self.url, self._index - 1))
        for child in verb.elements:
            _HANDLERS.get(child.tag, Call._not_simulated)(self, child)
        self._wait_for("gather", verb)

    def _dial(self, verb: Node) -> None:
        nouns = verb.elements
        target = verb.text.strip() or ", ".join(
            f"{noun.tag} {noun.text.strip()}".strip() for noun in nouns
        )
        self.record_event("verb", "Dial", verb.attributes, text=target)
        for noun in nouns:
            if noun.tag == "Queue":
                name = noun.text.strip()
                waiting = self._platform.queues.get(name, [])
                if waiting:
                    caller = waiting[0]
                    self.record_event("verb", "Queue", {}, text=name, note=f"bridged {caller.sid}")
                    caller._dequeued("bridged")
            elif noun.tag == "Conference":
                name = noun.text.strip()
                self._platform.conferences.setdefault(name, []).append(self)
                self._conference = name
        self._wait_for("dial", verb)

    def _record(self, verb: Node) -> None:
        self.record_event("verb", "Record", verb.attributes)
        self._wait_for("record", verb)

    def _redirect(self, verb: Node) -> None:
        url = verb.text.strip() or self.url
        self.record_event("verb", "Redirect", verb.attributes, text=url)
        self._load(_method(verb), url, {}, "voice")

    def _hangup(self, verb: Node) -> None:
        self.record_event("verb", "Hangup")
        self._end("completed")

    def _reject(self, verb: Node) -> None:
        reason = verb.get("reason") or "rejected"
        self.record_event("verb", "Reject", verb.attributes)
        self._end("busy" if reason == "busy" else "no-answer")

    def _sms(self, verb: Node) -> None:
        self.record_event("verb", "Sms", verb.attributes, text=verb.text.strip())
        action = verb.get("action")
        if action:
            extra = {"SmsSid": self._platform.new_sid("SM"), "SmsStatus": "sending"}
            self._load(_method(verb), action, extra, "sms")

    def _enqueue(self, verb: Node) -> None:
        name = verb.text.strip()
        waiting = self._platform.queues.setdefault(name, [])
        waiting.append(self)
        self._enqueued = (name, self.clock.now)
        self.record_event("verb", "Enqueue", verb.attributes, text=name)
        self._wait_for("enqueue", verb)
        wait_url = verb.get("waitUrl")
        if wait_url:
            self._hold_music(verb, name, wait_url)

    def _hold_music(self, verb: Node, name: str, wait_url: str) -> None:
        """Run the ``waitUrl`` document once: Say, Play, Pause, Leave and Hangup."""
        waiting = self._platform.queues.get(name, [])
        extra = {
            "QueueSid": self._queue_sid(name),
            "QueueTime": "0",
            "QueuePosition": str(waiting.index(self) + 1 if self in waiting else 0),
            "CurrentQueueSize": str(len(waiting)),
            "AvgQueueTime": "0",
        }
        target = urljoin(self.url, wait_url)
        verbs = self._platform.fetch_voice(
            self, _method(verb, "waitUrlMethod"), target, {**self.params, **extra}, "enqueue_wait"
        )
        for item in verbs:
            if self.ended or self.pending != "enqueue":
                return
            if item.tag in ("Say", "Play", "Pause"):
                _HANDLERS[item.tag](self, item)
            elif item.tag == "Leave":
                self.record_event("verb", "Leave", url=target)
                self._dequeued("leave")
                return
            elif item.tag == "Hangup":
                self.record_event("verb", "Hangup", url=target)
                self._end("completed")
                return
            else:
                self.record_event(
                    "verb", item.tag, item.attributes, url=target,
                    note="not simulated in hold music",
                )  # fmt: skip

    def _queue_sid(self, name: str) -> str:
        """The queue's SID: the same for a name in every run, shaped like the platform's."""
        stable = uuid.uuid5(uuid.NAMESPACE_URL, "queue:" + name)
        if getattr(self._platform, "platform", "signalwire") == "twilio":
            return "QU" + stable.hex
        return str(stable)

    def _dequeued(self, result: str) -> None:
        verb = self._expect("dequeue", "enqueue")
        assert self._enqueued is not None
        name, since = self._enqueued
        self._leave_rooms()
        extra = {
            "QueueResult": result,
            "QueueSid": self._queue_sid(name),
            "QueueTime": str(int(self.clock.now - since)),
        }
        action = verb.get("action")
        if action:
            self._continue_at(_method(verb), action, extra, "enqueue")
        else:
            self._resume()
            self._run()

    def _leave(self, verb: Node) -> None:
        self.record_event("verb", "Leave", note="not in a queue; nothing to leave")

    def _not_simulated(self, verb: Node) -> None:
        self.record_event("verb", verb.tag, verb.attributes, note="not simulated")

    # ------------------------------------------------------------------ caller

    def press(self, digits: str) -> Call:
        """Answer the pending ``<Gather>`` with DTMF keys (``0-9``, ``*``, ``#``).

        ``numDigits`` stops collecting after that many keys (extra keys are
        dropped, with a note); a key of ``finishOnKey`` (default ``#``) ends the
        input and is not sent. Input that neither completes waits out the
        Gather's ``timeout`` (default 5 s) and is then sent. Sends ``Digits`` to
        ``action`` (default: the current document's URL) with ``method``. Empty
        input continues with the next verb unless ``actionOnEmptyResult`` is true.
        Raises ``ValueError`` for other characters, ``SimulationError`` when no
        Gather is pending or it does not take DTMF.
        """
        if not isinstance(digits, str) or not _DIGITS.fullmatch(digits):
            raise ValueError(f"digits must be 0-9, * and # (got {digits!r})")
        gather = self._expect(f"press({digits!r})", "gather")
        if "dtmf" not in (gather.get("input") or "dtmf").split():
            raise self.error(f"press({digits!r}): the <Gather> takes only speech")
        finish = gather.get("finishOnKey")
        finish = "#" if finish is None else finish
        wanted = _int(gather, "numDigits", 0)
        collected = ""
        complete = False
        consumed = 0
        for key in digits:
            consumed += 1
            if key in finish:
                complete = True
                break
            collected += key
            if wanted and len(collected) == wanted:
                complete = True
                break
        dropped = digits[consumed:]
        note = f"keys after the input ended are not sent: {dropped}" if dropped else ""
        self.record_event("caller", "press", text=digits, note=note)
        if not complete:
            self.clock.advance(_int(gather, "timeout", 5))
        self._gathered(gather, {"Digits": collected} if collected else {})
        return self

    def speak(self, text: str, confidence: float = 0.9) -> Call:
        """Answer the pending ``<Gather>`` with speech (``SpeechResult``, ``Confidence``).

        Raises ``SimulationError`` when no Gather is pending or its ``input`` does
        not include ``speech``; ``ValueError`` for a confidence outside 0.0-1.0.
        """
        if not 0.0 <= confidence <= 1.0:
            raise ValueError(f"confidence must be between 0.0 and 1.0 (got {confidence!r})")
        gather = self._expect(f"speak({text!r})", "gather")
        if "speech" not in (gather.get("input") or "dtmf").split():
            raise self.error(f"speak({text!r}): the <Gather> takes only DTMF (input=dtmf)")
        self.record_event("caller", "speak", text=text)
        self.clock.advance(len(text.split()) * self._platform.seconds_per_word)
        params = {"SpeechResult": text, "Confidence": f"{confidence:.2f}"} if text else {}
        self._gathered(gather, params)
        return self

    def wait(self) -> Call:
        """Give no input: the pending ``<Gather>`` times out after its ``timeout``."""
        gather = self._expect("wait()", "gather")
        timeout = _int(gather, "timeout", 5)
        self.record_event("caller", "wait", note=f"timeout {timeout}s")
        self.clock.advance(timeout)
        self._gathered(gather, {})
        return self

    def _gathered(self, gather: Node, params: Mapping[str, str]) -> None:
        empty = not params
        if empty and (gather.get("actionOnEmptyResult") or "false") != "true":
            self._resume()
            self._run()
            return
        extra = dict(params) if params else {"Digits": ""}
        self._continue_at(_method(gather), gather.get("action") or self.url, extra, "gather")

    def answer(self, duration: int = 30) -> Call:
        """The pending ``<Dial>`` is answered and talks for ``duration`` seconds."""
        if duration < 0:
            raise ValueError(f"duration must be >= 0 (got {duration!r})")
        dial = self._expect(f"answer(duration={duration})", "dial")
        self.record_event("caller", "answer", note=f"{duration}s")
        limit = _int(dial, "timeLimit", 14400)
        self.clock.advance(min(duration, limit))
        self._dialed(dial, "completed", min(duration, limit))
        return self

    def busy(self) -> Call:
        """The pending ``<Dial>`` reaches a busy line (DialCallStatus ``busy``)."""
        dial = self._expect("busy()", "dial")
        self.record_event("caller", "busy")
        self._dialed(dial, "busy", 0)
        return self

    def no_answer(self) -> Call:
        """Nobody answers the pending ``<Dial>`` within its ``timeout`` (default 30 s)."""
        dial = self._expect("no_answer()", "dial")
        timeout = _int(dial, "timeout", 30)
        self.record_event("caller", "no-answer", note=f"timeout {timeout}s")
        self.clock.advance(timeout)
        self._dialed(dial, "no-answer", 0)
        return self

    def fail(self) -> Call:
        """The pending ``<Dial>`` cannot connect (DialCallStatus ``failed``)."""
        dial = self._expect("fail()", "dial")
        self.record_event("caller", "fail")
        self._dialed(dial, "failed", 0)
        return self

    def _dialed(self, dial: Node, status: str, duration: int) -> None:
        self._leave_rooms()
        extra = {
            "DialCallStatus": status,
            "DialCallSid": self._platform.new_sid("CA"),
            "DialCallDuration": str(duration),
        }
        if (dial.get("record") or "do-not-record") != "do-not-record" and duration:
            extra["RecordingUrl"] = self._platform.recording_url(self, self._platform.new_sid("RE"))
        action = dial.get("action")
        if action:
            self._continue_at(_method(dial), action, extra, "dial")
        else:
            self._resume()
            self._run()

    def record(self, duration: int = 10, digits: str = "", *, hangup: bool = False) -> Call:
        """The caller leaves a recording of ``duration`` seconds, ended by ``digits``.

        ``maxLength`` caps the duration (and then no key ended the recording:
        ``Digits`` is empty). Sends ``RecordingUrl``,
        ``RecordingDuration``, ``RecordingSid`` and ``Digits`` to ``action``
        (default: the current document's URL). ``duration=0`` is an empty recording.
        ``hangup=True``: the caller hangs up after ``duration`` seconds instead of
        pressing a key; the recording still goes to ``action`` (``Digits=hangup``,
        as the platform requests it when a recording finishes), the answer is
        read but not run, and the call ends. If ``maxLength`` ends the recording
        first, the call goes on as usual and the caller hangs up afterwards.
        """
        if duration < 0:
            raise ValueError(f"duration must be >= 0 (got {duration!r})")
        if not _DIGITS.fullmatch(digits):
            raise ValueError(f"digits must be 0-9, * and # (got {digits!r})")
        if hangup and digits:
            raise ValueError("a recording ends with a key or with the caller hanging up, not both")
        verb = self._expect(f"record(duration={duration})", "record")
        limit = _int(verb, "maxLength", 3600) or 3600
        length = min(duration, limit)
        cut = duration > limit
        note = f"{length}s"
        if cut and digits:
            # maxLength ends the recording before the caller's key: no key ended it.
            note += f"; maxLength ended it before the key {digits}"
            digits = ""
        if hangup and not cut:
            note += "; the caller hangs up"
            digits = "hangup"
        self.record_event("caller", "record", text=digits, note=note)
        self.clock.advance(length)
        sid = self._platform.new_sid("RE")
        extra = {
            "RecordingUrl": self._platform.recording_url(self, sid),
            "RecordingDuration": str(length),
            "RecordingSid": sid,
            "Digits": digits,
        }
        target = verb.get("action") or self.url
        if hangup and not cut:
            self._resume()
            self.params["CallStatus"] = "completed"
            self._load(_method(verb), target, extra, "record")
            self._end("completed", "the caller hung up; the answer is not run")
            return self
        self._continue_at(_method(verb), target, extra, "record")
        if hangup and not self.ended:
            self.hangup()
        return self

    def dequeue(self) -> Call:
        """The caller waiting in ``<Enqueue>`` is bridged off the queue.

        Sends ``QueueResult=bridged``, ``QueueSid`` and ``QueueTime`` to the
        Enqueue's ``action``, or continues with the next verb without one.
        """
        self._expect("dequeue()", "enqueue")
        self.record_event("caller", "dequeue")
        self._dequeued("bridged")
        return self

    def hangup(self) -> Call:
        """The caller hangs up; the call ends with status ``completed``.

        Nothing more is requested (a pending Record's audio is not sent).
        """
        if self.ended:
            raise self.error(f"hangup(): the call has ended ({self.status})")
        self.record_event("caller", "hangup")
        self._end("completed", "the caller hung up")
        return self


_TAGS: dict[str, str] = {
    "gather": "Gather",
    "dial": "Dial",
    "record": "Record",
    "enqueue": "Enqueue",
}
_WAITS: dict[str | None, str] = {
    "gather": "input to its <Gather> (press, speak or wait)",
    "dial": "the outcome of its <Dial> (answer, busy, no_answer or fail)",
    "record": "a recording for its <Record> (record)",
    "enqueue": "the end of its wait in <Enqueue> (dequeue)",
}


def _shown(verb: Node, *names: str) -> dict[str, str]:
    return {name: value for name, value in verb.attributes.items() if name not in names}


_HANDLERS: dict[str, Callable[[Call, Node], None]] = {
    "Say": Call._say,
    "Play": Call._play,
    "Pause": Call._pause,
    "Gather": Call._gather,
    "Dial": Call._dial,
    "Record": Call._record,
    "Redirect": Call._redirect,
    "Hangup": Call._hangup,
    "Reject": Call._reject,
    "Sms": Call._sms,
    "Enqueue": Call._enqueue,
    "Leave": Call._leave,
}
