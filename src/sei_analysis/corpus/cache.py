"""The text of each raw document, cached by its SHA-256 and its reader's version.

Converting a PDF or a saved page takes tens of milliseconds to seconds; the bytes of a
raw file never change (its checksum is verified before it is read). So each document's
text is written once to ``data/processed/text/<sha256>.<reader>-v<version>.txt`` and read
from there afterwards. A fixed reader has a new version, hence a new key, so its
documents are converted again; a cache file is written atomically, so a crash never
leaves half a text behind. Plain-text files are not cached: reading them is the cache.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sei_analysis.atomic import write_text
from sei_analysis.corpus.readers import read_document, reader_for

__all__ = ["cache_path", "document_text", "text_cache_dir"]

log = logging.getLogger(__name__)

# NOTE: the cache folder, relative to data/processed (it is derived, never raw data).
TEXT_CACHE_SUBDIR = "text"


def text_cache_dir(raw_dir: Path) -> Path:
    """The text cache beside a raw folder: ``<raw_dir>/../processed/text``."""
    return Path(raw_dir).parent / "processed" / TEXT_CACHE_SUBDIR


def cache_path(cache_dir: Path, sha256: str, path: Path) -> Path:
    """Where the text of the file with this checksum, read by its reader, is cached."""
    return Path(cache_dir) / f"{sha256}.{reader_for(path).key}.txt"


def document_text(path: Path, sha256: str, cache_dir: Path | None) -> str:
    """The (not yet normalised) text of a verified raw file, from the cache when it is there.

    Parameters
    ----------
    path : Path
        The raw file; its checksum must already have been verified to be ``sha256``.
    sha256 : str
        Its checksum, the cache key.
    cache_dir : Path or None
        The cache folder; None reads the file every time.

    Notes
    -----
    A cache that cannot be written (a read-only ``data/processed``) is skipped with a
    warning in the log: the text is still returned.
    """
    reader = reader_for(path)
    if reader.name == "text" or cache_dir is None:
        return read_document(path).text
    cached = cache_path(cache_dir, sha256, path)
    try:
        return cached.read_text(encoding="utf-8")
    except FileNotFoundError:
        pass
    text = read_document(path).text
    try:
        write_text(cached, text)
    except OSError as exc:
        log.warning("text cache %s not written: %s", cached, exc.strerror or exc)
    return text
