"""Attribute value types shared by many elements.

Each alias is a Python type that mypy checks, annotated with what run-time
checking needs beyond the type (a pattern, a URL marker).
"""

from __future__ import annotations

from typing import Annotated, Literal

from .fields import URL, Pattern, Tokens_, rule

Text = str | None


NOT_BLANK_PATTERN = "[\\s\\p{Z}\u0085]*[^\\s\\p{Z}\u0085][\\s\\S]*"
"""An XSD pattern for text that is not blank. XSD's ``\\s`` holds only space, tab, CR
and LF; ``\\p{Z}`` and NEL add the rest of what Python's ``str.isspace()`` counts (the
other control characters cannot stand in XML)."""


@rule("a name that is not blank", NOT_BLANK_PATTERN)
def _not_blank(text: str) -> bool:
    return bool(text) and not text.isspace()


Name = Annotated[str | None, _not_blank]
"""Text that names something (a stream, a parameter): blank, it names nothing."""
Url = Annotated[str | None, URL]
Bool = bool | None
Int = int | None

HttpMethod = Literal["GET", "POST"]
Method = HttpMethod | None
StorageMethod = Literal["POST", "PUT"] | None
Trim = Literal["trim-silence", "do-not-trim"] | None

Digits = Annotated[
    str | None,
    Pattern(
        r"[0-9A-Da-d*#wW]*",
        "DTMF digits: 0-9, A-D, * and #, with w or W for a half-second pause",
    ),
]
FinishOnKey = Annotated[str | None, Pattern(r"[0-9*#]*", "keys from 0-9, * and #")]
Voice = Annotated[
    str | None,
    Pattern(
        r"man|woman|alice|[A-Za-z][A-Za-z0-9_-]*\.\S+",
        "man, woman, alice or an engine-qualified voice"
        " such as Polly.Joanna or gcloud.en-US-Standard-A",
    ),
]
Language = Annotated[
    str | None,
    Pattern(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*", "a language tag such as en-US"),
]

CallEvent = Literal["initiated", "ringing", "answered", "completed"]
CallEvents = Tokens_[CallEvent]
RecordingEvent = Literal["in-progress", "completed", "absent"]
RecordingEvents = Tokens_[RecordingEvent]
StreamTrack = Literal["inbound_track", "outbound_track", "both_tracks"] | None
