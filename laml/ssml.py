"""SSML elements that may appear inside ``<Say>``.

SignalWire documents ``break``, ``emphasis``, ``lang``, ``p``, ``phoneme``,
``prosody``, ``s``, ``say-as`` and ``sub``; ``w`` is Twilio's and builds so that
migrated code runs (validation reports it). Text may be mixed with the elements:
``Say("Hello", SsmlBreak(time="500ms"), "world")``.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Literal, Union

from ._model.fields import TEXT, LazyRegex, Pattern, TypedDict, rule
from ._model.node import Node, adds, adds_later
from ._model.types import Language, Text

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from typing import Unpack
    else:
        from typing_extensions import Unpack

    from ._model.node import reads

Words = Annotated[str | None, TEXT]

_TIME = LazyRegex(r"([0-9]+(?:\.[0-9]+)?)(s|ms)")


@rule(
    "a time such as 500ms or 2s, at most 10s",
    r"([0-9](\.[0-9]+)?|10(\.0+)?)s|([0-9]{1,4}(\.[0-9]+)?|10000(\.0+)?)ms",
)
def _at_most_ten_seconds(text: str) -> bool:
    match = _TIME.fullmatch(text)
    if match is None:
        return False
    seconds = float(match.group(1)) / (1000 if match.group(2) == "ms" else 1)
    return seconds <= 10


BreakStrength = Literal["none", "x-weak", "weak", "medium", "strong", "x-strong"]


class BreakAttributes(TypedDict, total=False):
    strength: BreakStrength | None
    time: Annotated[Text, _at_most_ten_seconds]


class SsmlBreak(Node, tag="break", keep_whitespace=True):
    """A pause in speech, by strength or by time (at most 10s)."""

    def __init__(self, **attributes: Unpack[BreakAttributes]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(BreakAttributes).get


PhonemeAlphabet = Literal[
    "ipa",
    "x-sampa",
    "x-amazon-jyutping",
    "x-amazon-pinyin",
    "x-amazon-pron-kana",
    "x-amazon-yomigana",
]


class PhonemeAttributes(TypedDict, total=False):
    alphabet: PhonemeAlphabet | None
    ph: Text


class PhonemeKeywords(PhonemeAttributes, total=False):
    """``PhonemeAttributes`` and the text, given by keyword."""

    words: Words


class SsmlPhoneme(Node, tag="phoneme", keep_whitespace=True):
    """Words spoken from a phonetic spelling (``ph``) in ``alphabet``."""

    def __init__(self, *content: str | None, **attributes: Unpack[PhonemeKeywords]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(PhonemeAttributes).get


InterpretAs = Literal[
    "characters",
    "spell-out",
    "cardinal",
    "number",
    "ordinal",
    "digits",
    "fraction",
    "unit",
    "date",
    "time",
    "address",
    "expletive",
    "telephone",
    "interjection",
]
SayAsFormat = Literal["mdy", "dmy", "ymd", "md", "dm", "ym", "my", "d", "m", "y", "yyyymmdd"]


class SayAsAttributes(TypedDict, total=False):
    interpret_as: Annotated[InterpretAs | None, "interpret-as"]
    format: SayAsFormat | None


class SayAsKeywords(SayAsAttributes, total=False):
    """``SayAsAttributes`` and the text, given by keyword."""

    words: Words


class SsmlSayAs(Node, tag="say-as", keep_whitespace=True):
    """Words read as a kind of value: digits, a date, a telephone number..."""

    def __init__(self, *content: str | None, **attributes: Unpack[SayAsKeywords]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(SayAsAttributes).get


class SubAttributes(TypedDict, total=False):
    alias: Text


class SubKeywords(SubAttributes, total=False):
    """``SubAttributes`` and the text, given by keyword."""

    words: Words


class SsmlSub(Node, tag="sub", keep_whitespace=True):
    """Words replaced in speech by ``alias`` (an abbreviation spelled out)."""

    def __init__(self, *content: str | None, **attributes: Unpack[SubKeywords]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(SubAttributes).get


_PROSODY_VOLUME = Pattern(
    r"default|silent|x-soft|soft|medium|loud|x-loud|[+-][0-9]+(\.[0-9]+)?dB",
    "default, silent, x-soft, soft, medium, loud, x-loud or a change in decibels such as -6dB",
)
_PROSODY_RATE = Pattern(
    r"default|x-slow|slow|medium|fast|x-fast|[0-9]+(\.[0-9]+)?%",
    "default, x-slow, slow, medium, fast, x-fast or a percentage such as 80%",
)
_PROSODY_PITCH = Pattern(
    r"default|x-low|low|medium|high|x-high|[+-]?[0-9]+(\.[0-9]+)?%",
    "default, x-low, low, medium, high, x-high or a change in percent such as +10%",
)


class ProsodyAttributes(TypedDict, total=False):
    volume: Annotated[Text, _PROSODY_VOLUME]
    rate: Annotated[Text, _PROSODY_RATE]
    pitch: Annotated[Text, _PROSODY_PITCH]


class ProsodyKeywords(ProsodyAttributes, total=False):
    """``ProsodyAttributes`` and the text, given by keyword."""

    words: Words


class WAttributes(TypedDict, total=False):
    role: Text


class WKeywords(WAttributes, total=False):
    """``WAttributes`` and the text, given by keyword."""

    words: Words


class SsmlW(Node, tag="w", twilio_only=True, keep_whitespace=True):
    """Twilio only: a word with a part-of-speech ``role`` (Amazon Polly)."""

    def __init__(
        self,
        *content: str
        | SsmlBreak
        | SsmlEmphasis
        | SsmlPhoneme
        | SsmlProsody
        | SsmlSayAs
        | SsmlSub
        | None,
        **attributes: Unpack[WKeywords],
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(WAttributes).get

    break_ = adds(SsmlBreak)
    emphasis = adds_later(lambda: SsmlEmphasis)
    phoneme = adds(SsmlPhoneme)
    prosody = adds_later(lambda: SsmlProsody)
    say_as = adds(SsmlSayAs)
    sub = adds(SsmlSub)


EmphasisLevel = Literal["strong", "moderate", "reduced"]


class EmphasisAttributes(TypedDict, total=False):
    level: EmphasisLevel | None


class EmphasisKeywords(EmphasisAttributes, total=False):
    """``EmphasisAttributes`` and the text, given by keyword."""

    words: Words


class SsmlEmphasis(Node, tag="emphasis", keep_whitespace=True):
    """Words spoken with more or less stress."""

    def __init__(
        self,
        *content: str
        | SsmlBreak
        | SsmlEmphasis
        | SsmlLang
        | SsmlPhoneme
        | SsmlProsody
        | SsmlSayAs
        | SsmlSub
        | SsmlW
        | None,
        **attributes: Unpack[EmphasisKeywords],
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(EmphasisAttributes).get

    break_ = adds(SsmlBreak)
    emphasis = adds_later(lambda: SsmlEmphasis)
    lang = adds_later(lambda: SsmlLang)
    phoneme = adds(SsmlPhoneme)
    prosody = adds_later(lambda: SsmlProsody)
    say_as = adds(SsmlSayAs)
    sub = adds(SsmlSub)
    w = adds(SsmlW)


class LangAttributes(TypedDict, total=False):
    xml_lang: Annotated[Language, "xml:lang"]


class LangKeywords(LangAttributes, total=False):
    """``LangAttributes`` and the text, given by keyword."""

    words: Words


class SsmlLang(Node, tag="lang", keep_whitespace=True):
    """Words spoken in another language (``xml_lang``)."""

    def __init__(
        self, *content: str | SsmlInline | None, **attributes: Unpack[LangKeywords]
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(LangAttributes).get

    break_ = adds(SsmlBreak)
    emphasis = adds(SsmlEmphasis)
    lang = adds_later(lambda: SsmlLang)
    p = adds_later(lambda: SsmlP)
    phoneme = adds(SsmlPhoneme)
    prosody = adds_later(lambda: SsmlProsody)
    s = adds_later(lambda: SsmlS)
    say_as = adds(SsmlSayAs)
    sub = adds(SsmlSub)
    w = adds(SsmlW)


class SentenceAttributes(TypedDict, total=False):
    """No attributes: only the text, given by keyword (``SentenceKeywords``)."""


class SentenceKeywords(SentenceAttributes, total=False):
    """``SentenceAttributes`` and the text, given by keyword."""

    words: Words


class SsmlS(Node, tag="s", keep_whitespace=True):
    """A sentence, with a pause after it."""

    def __init__(
        self,
        *content: str
        | SsmlBreak
        | SsmlEmphasis
        | SsmlLang
        | SsmlPhoneme
        | SsmlProsody
        | SsmlSayAs
        | SsmlSub
        | SsmlW
        | None,
        **attributes: Unpack[SentenceKeywords],
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(SentenceAttributes).get

    break_ = adds(SsmlBreak)
    emphasis = adds(SsmlEmphasis)
    lang = adds(SsmlLang)
    phoneme = adds(SsmlPhoneme)
    prosody = adds_later(lambda: SsmlProsody)
    say_as = adds(SsmlSayAs)
    sub = adds(SsmlSub)
    w = adds(SsmlW)


class SsmlP(Node, tag="p", keep_whitespace=True):
    """A paragraph, with a pause after it."""

    def __init__(
        self,
        *content: str
        | SsmlBreak
        | SsmlEmphasis
        | SsmlLang
        | SsmlPhoneme
        | SsmlProsody
        | SsmlS
        | SsmlSayAs
        | SsmlSub
        | SsmlW
        | None,
        **attributes: Unpack[SentenceKeywords],
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(SentenceAttributes).get

    break_ = adds(SsmlBreak)
    emphasis = adds(SsmlEmphasis)
    lang = adds(SsmlLang)
    phoneme = adds(SsmlPhoneme)
    prosody = adds_later(lambda: SsmlProsody)
    s = adds(SsmlS)
    say_as = adds(SsmlSayAs)
    sub = adds(SsmlSub)
    w = adds(SsmlW)


class SsmlProsody(Node, tag="prosody", keep_whitespace=True):
    """Words spoken louder, faster or higher."""

    def __init__(
        self, *content: str | SsmlInline | None, **attributes: Unpack[ProsodyKeywords]
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(ProsodyAttributes).get

    break_ = adds(SsmlBreak)
    emphasis = adds(SsmlEmphasis)
    lang = adds(SsmlLang)
    p = adds(SsmlP)
    phoneme = adds(SsmlPhoneme)
    prosody = adds_later(lambda: SsmlProsody)
    s = adds(SsmlS)
    say_as = adds(SsmlSayAs)
    sub = adds(SsmlSub)
    w = adds(SsmlW)


SsmlInline = Union[
    SsmlBreak,
    SsmlEmphasis,
    SsmlLang,
    SsmlP,
    SsmlPhoneme,
    SsmlProsody,
    SsmlS,
    SsmlSayAs,
    SsmlSub,
    SsmlW,
]
"""Every SSML element; all of them may go directly inside ``<Say>``."""

# Short names for native code: ``from laml.ssml import Break, Prosody``.
Break = SsmlBreak
Emphasis = SsmlEmphasis
Lang = SsmlLang
P = SsmlP
Phoneme = SsmlPhoneme
Prosody = SsmlProsody
S = SsmlS
SayAs = SsmlSayAs
Sub = SsmlSub
W = SsmlW
