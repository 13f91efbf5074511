"""IVR menu: ask for a digit with <Gather>, and say goodbye if none comes.

Native style: the document is one expression of typed elements.
"""

from __future__ import annotations

from laml import Gather, Hangup, Pause, Play, Redirect, Response, Say


def build() -> Response:
    return Response(
        Gather(
            Say("Thanks for calling Example Corp.", voice="Polly.Joanna"),
            Say("For sales, press 1. For support, press 2. To hear this again, press 9."),
            Pause(length=1),
            Play("https://example.com/audio/hold-chime.mp3"),
            action="/ivr/choice",
            method="POST",
            num_digits=1,
            timeout=6,
            finish_on_key="#",
        ),
        Say("We did not receive your choice."),
        Redirect("/ivr/menu", method="POST"),
        Hangup(),
    )


if __name__ == "__main__":
    print(build())
