"""Attribute value types shared by many elements.

Each alias is a Python type that mypy checks, annotated with what run-time
checking needs beyond the type (a pattern, a URL marker).
"""

from __future__ import annotations

from typing import Annotated, Literal

from .fields import URL, Pattern, Tokens_

Text = str | None
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
