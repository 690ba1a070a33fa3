"""Read a PDF's text layer with pypdf, within caps, and rejoin the lines its layout broke.

Fonts often map Chinese glyphs to CJK radicals (增⻓ for 增长); those are folded back to
the ideographs (`glyphs.fold_radicals`). A PDF here means one with a text layer: a
scanned PDF has none, and OCR is not done, so it is refused with a message that says so.
So is a PDF whose text layer does not map to Unicode (fonts without a ToUnicode map give
"(cid:123)" or private-use characters), a PDF that needs a password, and a file that only
claims to be a PDF. PDFs encrypted without a user password (only to restrict printing or
copying) open in every viewer, and are read.

pypdf was measured against pdfminer.six (``benchmarks/bench_ingest.py``; see the README):
it reads the Chinese text as well, is faster, and caps what a stream may inflate to.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from collections import Counter

from sei_analysis.corpus.document import Document, Found, check_text
from sei_analysis.corpus.glyphs import fold_radicals
from sei_analysis.corpus.layout import rejoin_lines
from sei_analysis.corpus.limits import MAX_PDF_CONTENT_BYTES, MAX_PDF_PAGES, MAX_PDF_STREAM_BYTES
from sei_analysis.errors import DocumentError

__all__ = ["VERSION", "read_pdf"]

# NOTE: bump when the text this reader produces changes; it is part of the text cache key.
VERSION = 1

# NOTE: a PDF starts with "%PDF-" within its first kilobyte (the specification allows
# leading bytes; Acrobat looks that far).
PDF_MAGIC = b"%PDF-"
MAGIC_WINDOW = 1024
# NOTE: a text layer holds at least this many visible characters per page on average; a
# scanned PDF holds none, or only a page number.
MIN_CHARS_PER_PAGE = 20
# NOTE: a text layer in which more than this share of characters is unmapped (U+FFFD,
# private use, "(cid:n)") has fonts without a Unicode map: the text cannot be trusted.
MAX_UNMAPPED_SHARE = 0.05
UNMAPPED = re.compile(r"[\ufffd\ue000-\uf8ff]|\(cid:\d+\)")
# NOTE: producers write these in /Author and /Title when the author wrote nothing.
PLACEHOLDER_VALUES = frozenset(
    {"administrator", "admin", "user", "owner", "unknown", "untitled", "微软用户", "microsoft office user",
     "lenovo", "dell", "hp", "pc", "author", "无标题", "文档1", "document1", "(anonymous)"}
)  # fmt: skip
# NOTE: /Title written by printing from an editor: "Microsoft Word - 文件.docx".
TITLE_PRODUCER_PREFIX = re.compile(
    r"^(?:Microsoft (?:Word|PowerPoint|Excel) - |WPS文字 - )|\.(?:docx?|wps|pptx?)$"
)
# NOTE: how many pages a header or footer line must repeat on to be dropped as page furniture.
MIN_REPEATS_FOR_FURNITURE = 3
# NOTE: pypdf's caps, tightened: a stream inflates to at most MAX_PDF_STREAM_BYTES, and
# no external program (jbig2dec) is ever run on a document's images.
PYPDF_LIMITS = {
    "zlib_maximum_output_length": MAX_PDF_STREAM_BYTES,
    "lzw_maximum_output_length": MAX_PDF_STREAM_BYTES,
    "run_length_maximum_output_length": MAX_PDF_STREAM_BYTES,
    "array_based_stream_maximum_output_length": MAX_PDF_STREAM_BYTES,
    "maximum_declared_stream_length": MAX_PDF_STREAM_BYTES,
    "brotli_maximum_output_length": MAX_PDF_STREAM_BYTES,
    "jbig2dec_binary": None,
}


def read_pdf(data: bytes, name: str) -> Document:
    """Read the text layer of a PDF.

    Parameters
    ----------
    data : bytes
        The file's bytes.
    name : str
        The file name, for error messages.

    Returns
    -------
    Document
        The text, lines rejoined (see `rejoin_lines`), pages separated by blank lines, and
        the title, author (as publisher) and creation date of the PDF's document info.

    Raises
    ------
    DocumentError
        If the file is not a PDF, needs a password, has no text layer (scanned; OCR is
        not done), has a text layer without Unicode, or a stream inflates past the cap.
    """
    if PDF_MAGIC not in data[:MAGIC_WINDOW]:
        raise DocumentError(f"{name}: not a PDF (no %PDF- header; it starts {data[:16]!r})")
    import pypdf
    from pypdf.errors import DependencyError, PdfReadError

    errors: tuple[type[BaseException], ...] = (PdfReadError, ValueError, TypeError, KeyError, AttributeError)
    errors += (IndexError, AssertionError, RecursionError, NotImplementedError, OSError)
    with _quiet_pypdf(), pypdf.apply_configuration(**PYPDF_LIMITS):
        try:
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            _open_encrypted(reader, name)
            pages, notes = _page_texts(reader, name)
            found = _metadata(reader)
        except DocumentError:
            raise
        except DependencyError as exc:
            raise DocumentError(
                f"{name}: needs a library that is not installed to decrypt it ({exc})"
            ) from exc
        except pypdf.errors.LimitReachedError as exc:
            raise DocumentError(f"{name}: a PDF stream inflates past the cap ({exc}); refused") from exc
        except errors as exc:
            raise DocumentError(f"{name}: not a readable PDF ({type(exc).__name__}: {exc})") from exc
    _check_text_layer(pages, name)
    text = rejoin_lines("\n\n".join(_drop_furniture(pages)))
    return Document(text=check_text(text, name), reader="pdf", found=found, notes=tuple(notes))


@contextlib.contextmanager
def _quiet_pypdf():
    """Silence pypdf's warnings about malformed files while a PDF is read."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _open_encrypted(reader, name: str) -> None:
    """Open a PDF encrypted without a user password; refuse one that needs a password."""
    if not reader.is_encrypted:
        return
    from pypdf import PasswordType

    if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise DocumentError(
            f"{name}: the PDF is encrypted with a password; open it, save an unencrypted copy and add that"
        )


def _page_texts(reader, name: str) -> tuple[list[str], list[str]]:
    """The text of each page, up to ``MAX_PDF_PAGES``, with a note when pages were left."""
    count = len(reader.pages)
    notes = []
    if count > MAX_PDF_PAGES:
        notes.append(f"read the first {MAX_PDF_PAGES} of {count} pages (the cap)")
    texts, inflated = [], 0
    for index in range(min(count, MAX_PDF_PAGES)):
        page = reader.pages[index]
        # Decode the content stream first: pypdf's extract_text hides a stream that breaks
        # a cap (it returns ""), which would read as "no text layer".
        contents = page.get_contents()
        inflated += len(contents.get_data()) if contents is not None else 0
        if inflated > MAX_PDF_CONTENT_BYTES:
            raise DocumentError(
                f"{name}: the PDF's pages inflate past {MAX_PDF_CONTENT_BYTES:,} bytes of content; refused"
            )
        texts.append(fold_radicals(page.extract_text() or ""))
    return texts, notes


def _check_text_layer(pages: list[str], name: str) -> None:
    """Refuse a PDF without a usable text layer (scanned, or fonts without Unicode)."""
    visible = sum(len(re.sub(r"\s", "", page)) for page in pages)
    if visible < MIN_CHARS_PER_PAGE * max(len(pages), 1) / 4 or visible < MIN_CHARS_PER_PAGE:
        raise DocumentError(
            f"{name}: the PDF has no text layer ({visible} characters on {len(pages)} pages); "
            "it is probably a scan, and OCR is not done"
        )
    unmapped = sum(len(m) for page in pages for m in UNMAPPED.findall(page))
    if unmapped > MAX_UNMAPPED_SHARE * visible:
        raise DocumentError(
            f"{name}: the PDF's text layer does not map to Unicode ({unmapped} of {visible} characters "
            "unreadable); OCR is not done"
        )


def _drop_furniture(pages: list[str]) -> list[str]:
    """Drop header and footer lines that repeat on many pages (digits ignored)."""
    if len(pages) < MIN_REPEATS_FOR_FURNITURE:
        return pages
    edges = Counter()
    split = [page.strip("\n").split("\n") for page in pages]
    for lines in split:
        for line in {lines[0], lines[-1]}:
            edges[re.sub(r"\d+", "#", line.strip())] += 1
    repeated = {
        key for key, n in edges.items() if key and n >= max(MIN_REPEATS_FOR_FURNITURE, len(pages) / 2)
    }
    out = []
    for lines in split:
        if lines and re.sub(r"\d+", "#", lines[0].strip()) in repeated:
            lines = lines[1:]
        if lines and re.sub(r"\d+", "#", lines[-1].strip()) in repeated:
            lines = lines[:-1]
        out.append("\n".join(lines))
    return out


def _metadata(reader) -> dict[str, Found]:
    """Title, author (as publisher) and creation date from the PDF's document info."""
    info = reader.metadata or {}
    found: dict[str, Found] = {}
    for key, fieldname in (("/Title", "title"), ("/Author", "publisher"), ("/CreationDate", "date")):
        try:
            value = str(info.get(key) or "").strip()
        except Exception:  # a malformed info entry is treated as absent
            value = ""
        if fieldname == "title":
            value = TITLE_PRODUCER_PREFIX.sub("", value).strip()
        if value and value.lower() not in PLACEHOLDER_VALUES:
            found[fieldname] = Found(value, f"PDF document info {key}")
    return found
