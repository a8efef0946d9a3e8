"""Decode raw input into the one canonical snapshot text.

Every offset in the package points into the text this module returns, so any
input encoding or line-end style must come out identical: decode (UTF-8,
UTF-8 with BOM, GB18030), drop a BOM, turn CRLF and CR into LF.
"""

from __future__ import annotations

import re
from pathlib import Path

# Tab, line feed and form feed (a page break in PDF text) are text; other C0 controls are not.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0d-\x1f\x7f]")


class RawTextError(ValueError):
    """The raw input cannot be read as text; the message says where and what to do."""


def _looks_like_chinese(text: str) -> bool:
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return han >= 0.3 * max(1, len(text.strip()))


def decode(data: bytes, source: str = "<bytes>") -> str:
    """Return canonical text (no BOM, LF line ends) from bytes in a supported encoding."""
    if not data:
        raise RawTextError(f"{source}: the file is empty; expected the page's text in UTF-8 or GB18030")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise RawTextError(
            f"{source}:{line}: NUL byte found, this looks like a binary file, not text; "
            "give the plain-text page (UTF-8 or GB18030)"
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            # GB18030 decodes almost any byte string, so only accept it when the
            # result is mostly Han text; otherwise report the UTF-8 error.
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            text = None
        if text is None or not _looks_like_chinese(text):
            line = data[: utf8_error.start].count(b"\n") + 1
            raise RawTextError(
                f"{source}:{line}: byte {utf8_error.start} is not valid UTF-8, and the file does not "
                "read as GB18030 Chinese text either; re-save it as UTF-8"
            ) from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise RawTextError(
            f"{source}:{line}: control character U+{ord(bad.group()):04X} in the text; "
            "this looks like a binary or corrupted file"
        )
    return text


def read_text(path: str | Path) -> str:
    """Read a file and return its canonical text."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise RawTextError(f"{path}: cannot read the file ({err.strerror}); check the path") from err
    return decode(data, str(path))


def line_of(text: str, offset: int) -> int:
    """1-based line number of a code-point offset, for error messages."""
    return text.count("\n", 0, offset) + 1
