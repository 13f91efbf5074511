"""Lines and columns: the one index every part of laml places findings with.

Lines and columns are 1-based and columns count characters, whether the source is
text (a template) or the UTF-8 bytes of a document.
"""

from __future__ import annotations

import bisect
import re

_NEWLINE_TEXT = re.compile("\n")
_NEWLINE_BYTES = re.compile(b"\n")


class LineIndex:
    """Where each line of a source starts, to turn offsets into (line, column).

    Built in one scan; each lookup is a binary search. For bytes, an offset is a
    byte offset and the column still counts characters.
    """

    __slots__ = ("_ascii", "_last", "source", "starts")

    def __init__(self, source: str | bytes) -> None:
        self.source = source
        self._ascii: bool | None = None
        self._last = (-1, 0, 0)
        newline = _NEWLINE_BYTES if isinstance(source, bytes) else _NEWLINE_TEXT
        self.starts: list[int] = [0] + [m.end() for m in newline.finditer(source)]  # type: ignore[arg-type]
        """The offset at which each line starts (the first at 0)."""

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset."""
        line = bisect.bisect_right(self.starts, offset)
        start = self.starts[line - 1]
        source = self.source
        if isinstance(source, bytes):
            if self._ascii is None:
                self._ascii = source.isascii()
            if self._ascii:
                return line, offset - start + 1
            # Count characters from the last offset asked on this line when it is
            # before this one, so that many findings on one long line cost the line once.
            last_start, last_offset, last_column = self._last
            if last_start == start and last_offset <= offset:
                found = last_column + column(source, last_offset, offset) - 1
            else:
                found = column(source, start, offset)
            self._last = (start, offset, found)
            return line, found
        return line, offset - start + 1


def column(data: bytes, line_start: int, offset: int) -> int:
    """1-based column, in characters, of a byte offset on the line starting at line_start."""
    before = data[line_start:offset]
    return (offset - line_start if before.isascii() else len(before.decode("utf-8", "replace"))) + 1


def position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of one byte offset, without building an index."""
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, column(data, start, offset)
