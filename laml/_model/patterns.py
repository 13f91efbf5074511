"""Regular expressions that mean the same in Python and in XML Schema.

The rules use them as quick checks and the gate schema uses them as patterns, so a
value the gate accepts is one the quick check accepts. They use only what both
dialects share: classes, ranges, groups, alternation, ``?``, ``*`` and ``+``.
"""

from __future__ import annotations


def integer_pattern(low: int, high: int | None) -> str:
    """A regular expression for the decimal integers from ``low`` to ``high``.

    Digits only, no sign and no counted repetition: libxml2 checks such a pattern
    about twice as fast as an xs:integer range, whose value it converts. The rarer
    spellings it leaves out ("+5", " 5") take the slow path.
    """
    if high is None:
        if not low:
            return "[0-9]+"
        # low up to the largest number of its length, then every longer number.
        width = len(str(low))
        return integer_pattern(low, 10**width - 1) + "|[1-9]" + "[0-9]" * (width - 1) + "[0-9]+"
    pieces = []
    start = low
    for stop in _range_stops(low, high):
        pieces.append(_same_length_pattern(start, stop))
        start = stop + 1
    return "|".join(pieces)


def _range_stops(low: int, high: int) -> list[int]:
    """Where to cut [low, high] so that each piece is a run of digit classes."""
    stops = {high}
    nines = 1
    while True:
        stop = int(str(low)[:-nines] + "9" * nines)
        if not low <= stop < high:
            break
        stops.add(stop)
        nines += 1
    zeros = 1
    while True:
        stop = (high + 1) - (high + 1) % 10**zeros - 1
        if not low < stop <= high:
            break
        stops.add(stop)
        zeros += 1
    return sorted(stops)


def _same_length_pattern(start: int, stop: int) -> str:
    """The numbers from start to stop, which have as many digits and differ only in a
    run of trailing digits (``_range_stops`` cuts the range so)."""
    pairs = zip(str(start), str(stop), strict=True)
    return "".join(low if low == high else f"[{low}-{high}]" for low, high in pairs)


PORT = integer_pattern(0, 65535)
_HOST = r"[A-Za-z0-9.\-]+"
_TAIL = r"[/?#][!-~]*"
# Without a scheme and host, a path must not start with "//": what followed would be a
# host, unchecked. Such URLs, and any with characters outside printable ASCII, are left
# to the full check.
_PATH_ONLY = r"/([!-.0-~][!-~]*)?|[?#][!-~]*"
_RELATIVE = r"[A-Za-z0-9._~%!$&'()*+,;=@\-]+"
PLAIN_URL = (
    rf"((https?|wss?|rtmps?)://{_HOST}(:({PORT}))?({_TAIL})?)"
    rf"|({_PATH_ONLY})?"
    rf"|({_RELATIVE}({_TAIL})?)"
)
"""URLs that surely parse, with a scheme SignalWire fetches and a valid port."""
GIVEN_URL = (
    rf"((https?|wss?|rtmps?)://{_HOST}(:({PORT}))?({_TAIL})?)"
    rf"|({_PATH_ONLY})"
    rf"|({_RELATIVE}({_TAIL})?)"
)
"""``PLAIN_URL`` but not empty: where a URL must be given."""
PLAIN_STREAM_URL = rf"wss://{_HOST}(:({PORT}))?([/#][!->@-~]*)?"
"""wss:// URLs that surely parse and hold no query string ("?")."""
PHONE_NUMBER = r"\+[1-9][0-9]" + "([0-9]" * 13 + ")?" * 13
"""An E.164 number: "+", then 2 to 15 digits, the first not 0 (nested, not counted, for
libxml2's sake)."""
SHORT_CODE = "[0-9]+"
"""A short code, which a <Message> may come from."""
HINTS = r"[^,]{0,100}(,[^,]{0,100})*"
"""Speech hints: comma-separated phrases of at most 100 characters each."""
