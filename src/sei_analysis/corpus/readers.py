"""One reader per format, chosen by the file's suffix: bytes in, a `Document` out.

``.txt`` and ``.md`` are read as text (UTF-8, or GB18030 when declared nowhere but
plainly Chinese); ``.html``/``.htm`` by `html_reader` (the article without the page's
chrome); ``.pdf`` by `pdf_reader` (the text layer); ``.docx`` by `docx_reader`. Each
reader has a version, part of the text cache key (`cache`), so fixing a reader re-reads
every document it made.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from sei_analysis.corpus import docx_reader, html_reader, pdf_reader
from sei_analysis.corpus.document import Document, check_text, decode_text
from sei_analysis.corpus.limits import MAX_FILE_BYTES
from sei_analysis.errors import DocumentError

__all__ = ["READERS", "Reader", "SUFFIXES", "read_bytes", "read_document", "reader_for"]

# NOTE: bump when the text the plain-text reader produces changes (cache key).
TEXT_VERSION = 1


class Reader(NamedTuple):
    """A format's reader: its name, version (for the cache key) and function."""

    name: str
    version: int
    read: Callable[[bytes, str], Document]

    @property
    def key(self) -> str:
        """The reader's part of a cache key, such as ``html-v1``."""
        return f"{self.name}-v{self.version}"


def read_plain(data: bytes, name: str) -> Document:
    """Read a text or Markdown file: decoded, newlines made ``\\n``, nothing else changed.

    Examples
    --------
    >>> read_plain("同比增长7.0%\\r\\n".encode("utf-8"), "a.txt").text
    '同比增长7.0%\\n'
    """
    text, _codec = decode_text(data, name)
    return Document(text=check_text(text, name), reader="text")


# NOTE: the formats `sei add` accepts, by suffix (lower case).
READERS = {
    ".txt": Reader("text", TEXT_VERSION, read_plain),
    ".md": Reader("text", TEXT_VERSION, read_plain),
    ".html": Reader("html", html_reader.VERSION, html_reader.read_html),
    ".htm": Reader("html", html_reader.VERSION, html_reader.read_html),
    ".pdf": Reader("pdf", pdf_reader.VERSION, pdf_reader.read_pdf),
    ".docx": Reader("docx", docx_reader.VERSION, docx_reader.read_docx),
}
SUFFIXES = tuple(READERS)


def reader_for(path: Path) -> Reader:
    """The reader for a file, by its suffix; `DocumentError` for an unknown format."""
    reader = READERS.get(Path(path).suffix.lower())
    if reader is None:
        raise DocumentError(
            f"{path}: unknown format {Path(path).suffix or '(no suffix)'!r}; "
            f"expected one of {', '.join(SUFFIXES)}"
        )
    return reader


def read_bytes(path: Path, limit: int) -> bytes:
    """Read at most ``limit`` bytes of a regular file; refuse a larger one, a symlink or a device."""
    path = Path(path)
    try:
        if path.is_symlink():
            raise DocumentError(f"{path}: is a symbolic link; add the file it points to instead")
        if not path.is_file():
            raise DocumentError(f"{path}: not a regular file")
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read ({exc.strerror})") from exc
    if len(data) > limit:
        raise DocumentError(f"{path}: larger than {limit:,} bytes, the cap for this format; refused")
    return data


def read_document(path: Path, data: bytes | None = None) -> Document:
    """Read a file (or its bytes, already read) with the reader its suffix names.

    Raises
    ------
    DocumentError
        For an unknown format, a file over the cap, or whatever the reader refuses; any
        other error a parser raises on a malformed file becomes one too, naming the file.
    """
    reader = reader_for(path)
    if data is None:
        data = read_bytes(path, MAX_FILE_BYTES[reader.name])
    elif len(data) > MAX_FILE_BYTES[reader.name]:
        raise DocumentError(f"{path}: larger than {MAX_FILE_BYTES[reader.name]:,} bytes, the cap; refused")
    name = Path(path).name
    try:
        return reader.read(data, name)
    except DocumentError as exc:
        raise DocumentError(f"{path}: {str(exc).removeprefix(name + ': ')}") from exc
    except MemoryError as exc:
        raise DocumentError(f"{path}: too large to read in the memory available") from exc
    except Exception as exc:  # a parser's own error on a malformed file is bad input, not a crash
        raise DocumentError(f"{path}: cannot be read as {reader.name} ({type(exc).__name__}: {exc})") from exc
