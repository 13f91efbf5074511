"""A client for SignalWire's Compatibility REST API: LaML Bins.

Needs the optional HTTP library: ``pip install 'laml-cxml[client]'`` (httpx). Nothing
here is imported by ``import laml``.

Source: SignalWire's Compatibility REST API reference, "LaML Bins" (the bin object,
create, retrieve, update, delete and list with paging).
"""

from __future__ import annotations

from ._bins import (
    DEFAULT_PAGE_SIZE,
    ApiError,
    BinsClient,
    ClientConfigError,
    ClientError,
    Retry,
)

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "ApiError",
    "BinsClient",
    "ClientConfigError",
    "ClientError",
    "Retry",
]
