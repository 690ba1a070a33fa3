"""The corpus stage: raw files with their provenance, verified and turned into clean text.

``data/raw/sources.yml`` records where every raw file came from and its SHA-256;
nothing is read before its checksum has been verified.

Modules: ``sources`` (the provenance records, checksums, `load_corpus`, `read_reference`;
open it first), ``readers`` (one reader per format, chosen by suffix: ``html_reader``,
``pdf_reader``, ``docx_reader``, plain text; ``document`` is what they return, ``limits``
the caps they keep, ``layout`` and ``glyphs`` the repairs PDF text needs), ``cache`` (the
converted text, by sha256 and reader version), ``register`` (`sei add`: new documents
and their records; ``metadata`` makes dates, languages and ids) and ``text``
(`normalize_text`, `detect_language`).
"""

from __future__ import annotations

from sei_analysis.corpus.document import Document, Found
from sei_analysis.corpus.readers import READERS, SUFFIXES, read_document
from sei_analysis.corpus.register import Addition, AddOptions, add_documents, plan_additions
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
    "READERS",
    "REQUIRED_FIELDS",
    "SUFFIXES",
    "AddOptions",
    "Addition",
    "Document",
    "Found",
    "add_documents",
    "detect_language",
    "load_corpus",
    "normalize_text",
    "plan_additions",
    "read_document",
    "read_reference",
    "read_sources",
    "sha256_file",
    "verify_checksums",
]
