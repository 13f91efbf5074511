"""SMS auto-reply: answer an incoming message with text and a picture."""

from __future__ import annotations

from laml import Body, Media, Message, MessagingResponse


def build(sender_name: str = "there") -> MessagingResponse:
    return MessagingResponse(
        Message(
            Body(f"Hi {sender_name}! We got your message and will reply within one business day."),
            Media("https://example.com/images/office-hours.png"),
            action="/sms/status",
        )
    )


if __name__ == "__main__":
    print(build())
