"""The corpus stage: raw files with their provenance, verified and turned into clean text.

``data/raw/sources.yml`` records where every raw file came from and its SHA-256;
nothing is read before its checksum has been verified.

Modules: ``sources`` (the provenance records, checksums, `load_corpus`, `read_reference`;
open it first) and ``text`` (`normalize_text`, `detect_language`).
"""

from __future__ import annotations

from sei_analysis.corpus.sources import (
    CORPUS_COLUMNS,
    KINDS,
    REQUIRED_FIELDS,
    load_corpus,
    read_reference,
    read_sources,
    sha256_file,
    verify_checksums,
)
from sei_analysis.corpus.text import detect_language, normalize_text

__all__ = [
    "CORPUS_COLUMNS",
    "KINDS",
    "REQUIRED_FIELDS",
    "detect_language",
    "load_corpus",
    "normalize_text",
    "read_reference",
    "read_sources",
    "sha256_file",
    "verify_checksums",
]
