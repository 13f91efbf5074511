"""Conference line: greet the caller and put them in a moderated room."""

from __future__ import annotations

from laml import Conference, Dial, Response, Say


def build() -> Response:
    return Response(
        Say("You are joining the weekly team call."),
        Dial(
            Conference(
                "weekly-team-call",
                beep="onEnter",
                start_conference_on_enter=True,
                end_conference_on_exit=False,
                max_participants=25,
                wait_url="https://example.com/conference/hold-music.xml",
                status_callback="/conference/events",
                status_callback_event=["start", "join", "leave", "end"],
                record="record-from-start",
                trim="trim-silence",
            ),
            time_limit=3600,
        ),
    )


if __name__ == "__main__":
    print(build())
