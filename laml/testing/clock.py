"""The virtual clock of a simulated call: time passes when verbs run, never by sleeping."""

from __future__ import annotations

import math


class VirtualClock:
    """Seconds since the start of a call, advanced by the verbs that take time.

    ``advance`` moves it forward, kept to the microsecond; nothing ever waits for
    real time. Raises
    ``ValueError`` for a negative or non-finite step.
    """

    __slots__ = ("now",)

    def __init__(self, start: float = 0.0) -> None:
        self.now = float(start)

    def advance(self, seconds: float) -> float:
        """Move forward by ``seconds`` (>= 0) and return the new time."""
        if not math.isfinite(seconds) or seconds < 0:
            raise ValueError(f"the clock only moves forward (got {seconds!r} seconds)")
        self.now = round(self.now + seconds, 6)  # microseconds: no 30.400000000000006
        return self.now

    def __repr__(self) -> str:
        return f"VirtualClock(now={self.now!r})"


def format_time(seconds: float) -> str:
    """``MM:SS`` (``H:MM:SS`` past an hour), whole seconds rounded down."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"
