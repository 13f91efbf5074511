"""twilio-python's ``twilio.twiml.fax_response``, with laml's typed elements.

``Reject`` is SignalWire's addition: ``FaxResponse().reject()`` refuses the fax.
"""

from __future__ import annotations

from ..fax import FaxReject as Reject
from ..fax import FaxResponse, Receive
from . import TwiML
from ._lenient import install

__all__ = ["FaxResponse", "Receive", "Reject", "TwiML"]

install(globals())
