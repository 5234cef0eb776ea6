"""Read an input file's text as UTF-8, so that a file that is not names its line instead of a traceback.

A byte order mark at the start is not an error: editors on Windows write one, and it is dropped.
"""

import codecs
from pathlib import Path

from graph.errors import SourceError


def read_text(path: Path) -> str:
    """The text of `path`, its BOM (if any) dropped; SourceError naming the line of a byte not in UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(path, None, f"cannot be read: {error.strerror}") from None
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
        byte = data[error.start]
        raise SourceError(path, line, f"not UTF-8: byte 0x{byte:02x} at column {column}") from None
