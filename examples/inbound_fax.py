"""Inbound fax: accept faxes as PDF, or refuse them outside office hours."""

from __future__ import annotations

from laml import FaxResponse, Receive
from laml.twiml.fax_response import FaxResponse as TwilioStyleFaxResponse


def build(office_open: bool = True) -> FaxResponse:
    if not office_open:
        refused = TwilioStyleFaxResponse()
        refused.reject()
        return refused
    return FaxResponse(
        Receive(action="/fax/received", media_type="application/pdf", page_size="letter")
    )


if __name__ == "__main__":
    print(build())
