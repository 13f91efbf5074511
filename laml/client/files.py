"""A directory of bins: each bin is the file ``<name>.xml``, its name percent-encoded.

Characters a file name cannot hold on common file systems (``/``, ``\\``, ``:``,
``*``, ``?``, ``"``, ``<``, ``>``, ``|``, control characters), ``%`` itself, a
leading ``.`` (which would hide the file), a trailing space or ``.`` (which
Windows drops) and the first letter of a name Windows keeps for a device
(``CON``, ``NUL``, ``COM1``... alone or before a ``.``) are written as ``%XX`` of
their UTF-8 bytes; everything else, spaces and accents included, stays as it is.
``bin_name(file_name(n)) == n`` for every name.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, unquote

from ..errors import LamlValueError

SUFFIX = ".xml"
MAX_FILE_NAME = 255
"""Bytes in one file name on common file systems."""

_DEVICES = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"{port}{n}" for port in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]]
)
"""Names Windows keeps for devices, with any extension: ``con.xml`` is no file there."""

_UNSAFE = frozenset('%/\\:*?"<>|\x7f') | frozenset(chr(c) for c in range(32))


def _escape(char: str) -> str:
    return quote(char, safe="", errors="surrogatepass")


def file_name(name: str) -> str:
    """The file name that holds the bin ``name``; raise ``LamlValueError`` when too long."""
    chars = [_escape(c) if c in _UNSAFE or "\ud800" <= c <= "\udfff" else c for c in name]
    if chars and chars[0] == ".":
        chars[0] = "%2E"
    if chars and chars[-1] in (" ", "."):
        chars[-1] = "%2E" if chars[-1] == "." else "%20"
    if chars and name.split(".")[0].rstrip(" ").upper() in _DEVICES:
        # 'CON.xml' would be the console on Windows: write its first letter as '%43'.
        chars[0] = "".join(f"%{byte:02X}" for byte in name[0].encode("utf-8"))
    result = "".join(chars) + SUFFIX
    if len(result.encode("utf-8", "surrogatepass")) > MAX_FILE_NAME:
        raise LamlValueError(
            f"the bin name {name[:40]!r}... is too long for a file name "
            f"({MAX_FILE_NAME} bytes at most once encoded)"
        )
    return result


def bin_name(file: str) -> str:
    """The bin name a file stands for; raise ``LamlValueError`` when laml would not
    have written this file name (so two spellings can never mean one bin)."""
    if not file.endswith(SUFFIX):
        raise LamlValueError(f"{file!r} is not a *.xml file")
    name = unquote(file[: -len(SUFFIX)], errors="surrogatepass")
    try:
        canonical = file_name(name)
    except LamlValueError:
        canonical = ""
    if canonical != file:
        raise LamlValueError(
            f"the file name {file!r} is not how laml writes the bin {name!r}"
            + (f"; rename it to {canonical!r}" if canonical else "")
        )
    return name


def read_directory(directory: Path) -> dict[str, tuple[Path, str]]:
    """Every bin in ``directory`` (not below it): name -> (file, contents).

    Raise ``LamlValueError`` for a file name laml would not write or a file that is
    not UTF-8 text.
    """
    found: dict[str, tuple[Path, str]] = {}
    for path in sorted(directory.iterdir()):
        if not path.name.endswith(SUFFIX) or not path.is_file():
            continue
        name = bin_name(path.name)
        try:
            contents = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            raise LamlValueError(f"{path} is not UTF-8 text") from None
        found[name] = (path, contents)
    return found
