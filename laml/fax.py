"""Fax documents: the ``<Response>`` an incoming fax webhook returns."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Literal, Union

from ._model.fields import TWILIO, TypedDict
from ._model.node import Node, adds
from ._model.types import Bool, Method, Url

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from typing import Unpack
    else:
        from typing_extensions import Unpack

    from ._model.node import reads


class ReceiveAttributes(TypedDict, total=False):
    action: Url
    method: Method
    media_type: Annotated[Literal["application/pdf", "image/tiff"] | None, "mediaType"]
    page_size: Annotated[Literal["letter", "legal", "a4"] | None, "pageSize"]
    store_media: Annotated[Bool, "storeMedia", TWILIO]


class Receive(Node, tag="Receive"):
    """Accept the incoming fax and send the received document to ``action``."""

    def __init__(self, **attributes: Unpack[ReceiveAttributes]) -> None: ...

    if TYPE_CHECKING:

        @property
        def __getattr__(self):  # type: ignore[no-untyped-def, misc]
            return reads(ReceiveAttributes).get


class FaxReject(Node, tag="Reject"):
    """SignalWire only: refuse the incoming fax (its status becomes ``canceled``)."""

    def __init__(self) -> None: ...


FaxVerb = Union[Receive, FaxReject]


class FaxResponse(Node, tag="Response"):
    """The root of a fax document."""

    def __init__(self, *content: FaxVerb) -> None: ...

    receive = adds(Receive)
    reject = adds(FaxReject)


Response = FaxResponse
Reject = FaxReject
