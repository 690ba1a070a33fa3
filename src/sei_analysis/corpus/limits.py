"""Caps on what a reader takes from one document.

Documents come from the web (issue 14, "Hostile documents"): a page can be nested
200,000 levels deep, a DOCX or a PDF stream can inflate to gigabytes. Every reader checks
these caps before it parses, or has its parser enforce them, so that reading a document
ends in bounded time and memory, with its text or with a `DocumentError`.
"""

from __future__ import annotations

MB = 1024 * 1024

# NOTE: the largest file each reader accepts, in bytes. Saved release pages are 50 KB to
# 2 MB (a page with inline images a few MB); NBS and NDRC PDFs rarely exceed 20 MB; a DOCX
# with figures a few MB. Above this the file is refused before it is parsed.
MAX_FILE_BYTES = {"text": 20 * MB, "html": 20 * MB, "pdf": 100 * MB, "docx": 50 * MB}

# NOTE: the most characters of text one document may yield (a 1,000-page yearbook is about
# 2 million). A document that yields more is refused rather than cut, so no figure is lost
# silently.
MAX_TEXT_CHARS = 5_000_000

# NOTE: libxml2's own nesting limit without XML_PARSE_HUGE, which we never set. Real pages
# nest 20 to 40 levels; a deeper page is refused (libxml2 stops parsing there).
MAX_HTML_DEPTH = 256

# NOTE: pages read from a PDF. Releases have 2 to 40 pages; a longer PDF is read up to
# this page and the record's notes say so.
MAX_PDF_PAGES = 1000

# NOTE: the most bytes one PDF stream may inflate to (pypdf's own default is 75 MB). A
# text-heavy page's content stream is under 1 MB.
MAX_PDF_STREAM_BYTES = 32 * MB
# NOTE: the most bytes all pages' content streams may inflate to together (pypdf keeps
# them in memory while a document is read): 1,000 text pages take about 100 MB.
MAX_PDF_CONTENT_BYTES = 256 * MB

# NOTE: a DOCX is a zip. Its parts are checked before python-docx opens it: how many, the
# declared size of each and of all, their compression ratio, and (while they are read) the
# bytes they actually inflate to, which a forged header can understate.
MAX_ZIP_ENTRIES = 2000
MAX_ZIP_MEMBER_BYTES = 64 * MB
MAX_ZIP_TOTAL_BYTES = 256 * MB
MAX_ZIP_RATIO = 200
# NOTE: parts smaller than this are not held to MAX_ZIP_RATIO (tiny XML parts of zeros
# compress very well and are harmless).
ZIP_RATIO_FLOOR_BYTES = 1 * MB
