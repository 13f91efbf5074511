"""A client for SignalWire's Compatibility REST API: LaML Bins.

Needs the optional HTTP library: ``pip install 'laml-cxml[client]'`` (httpx), which
is imported on first use of a name below, never by ``import laml``.

Source: SignalWire's Compatibility REST API reference, "LaML Bins" (the bin object,
create, retrieve, update, delete and list with paging).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..errors import ApiError, ClientConfigError, ClientError
    from ._bins import DEFAULT_PAGE_SIZE, BinsClient, Retry

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "ApiError",
    "BinsClient",
    "ClientConfigError",
    "ClientError",
    "Retry",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import _bins

        return getattr(_bins, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
