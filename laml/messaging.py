"""Messaging documents: the ``<Response>`` a messaging webhook returns.

``MessagingResponse(Message("Thanks!"))`` replies to the sender; an empty
response accepts the message and does nothing more.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Union

from ._model.fields import TEXT, TWILIO, TypedDict
from ._model.node import Node, adds
from ._model.types import Method, Text, Url

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from typing import Unpack
    else:
        from typing_extensions import Unpack

    from ._model.node import reads


class BodyAttributes(TypedDict, total=False):
    """No attributes: only the text, given by keyword (``BodyKeywords``)."""


class BodyKeywords(BodyAttributes, total=False):
    """``BodyAttributes`` and the text, given by keyword."""

    message: Annotated[str | None, TEXT]


class Body(Node, tag="Body"):
    """Text of a message; several bodies are joined (1600 characters at most in all)."""

    def __init__(self, *content: str | None, **attributes: Unpack[BodyKeywords]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(BodyAttributes).get


class MediaAttributes(TypedDict, total=False):
    """No attributes: only the text, given by keyword (``MediaKeywords``)."""


class MediaKeywords(MediaAttributes, total=False):
    """``MediaAttributes`` and the text, given by keyword."""

    url: Annotated[str | None, TEXT]


class Media(Node, tag="Media", needs_text=True):
    """URL of a picture or file to attach (at most 10 per message)."""

    def __init__(self, *content: str | None, **attributes: Unpack[MediaKeywords]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(MediaAttributes).get


class MessageAttributes(TypedDict, total=False):
    to: Text
    from_: Annotated[Text, "from"]
    action: Url
    method: Method
    status_callback: Annotated[Url, "statusCallback", TWILIO]


class MessageKeywords(MessageAttributes, total=False):
    """``MessageAttributes`` and the text, given by keyword."""

    body: Annotated[str | None, TEXT]


class Message(Node, tag="Message"):
    """Send a message: plain text, or ``<Body>`` and ``<Media>`` children."""

    def __init__(
        self, *content: str | Body | Media | None, **attributes: Unpack[MessageKeywords]
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(MessageAttributes).get

    body = adds(Body)
    media = adds(Media)


class MessagingRedirectAttributes(TypedDict, total=False):
    method: Method


class MessagingRedirectKeywords(MessagingRedirectAttributes, total=False):
    """``MessagingRedirectAttributes`` and the text, given by keyword."""

    url: Annotated[str | None, TEXT]


class MessagingRedirect(Node, tag="Redirect", needs_text=True):
    """Continue with the messaging document at another URL."""

    def __init__(
        self, *content: str | None, **attributes: Unpack[MessagingRedirectKeywords]
    ) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(MessagingRedirectAttributes).get


MessagingVerb = Union[Message, MessagingRedirect]


class MessagingResponse(Node, tag="Response"):
    """The root of a messaging document."""

    def __init__(self, *content: MessagingVerb) -> None: ...

    message = adds(Message)
    redirect = adds(MessagingRedirect)


Response = MessagingResponse
Redirect = MessagingRedirect
