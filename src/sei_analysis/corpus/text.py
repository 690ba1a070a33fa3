"""Clean a document's text, and tell its language.

``normalize_text`` is the only cleaning step: every offset the extractor reports points
into its output.  It never changes a figure: it only folds Unicode (NFKC), deletes
pinyin artefacts, reference markers and page debris.  It belongs to the corpus stage,
because `load_corpus` hands out normalised text; cutting that text into sentences is the
extract stage's first step (:mod:`sei_analysis.extract.sentences`).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["detect_language", "normalize_text"]

# NOTE: the traditional-Chinese seed was converted by a tool that appended the pinyin
# reading in brackets after many characters: 發(fā), 產(chǎn).  A bracket of lower-case
# latin letters with at least one tone mark right after a Han character is such an
# artefact; "(REITs)" has no tone mark and is kept.
# (The pattern starts with a literal so that `re` can skip ahead quickly.)
PINYIN_ARTEFACT = re.compile(
    r"\((?<=[\u3400-\u9fff]\()(?=[a-z\u00e0-\u01dc]*[\u00e0-\u01dc])[a-z\u00e0-\u01dc]{1,7}\)"
)

# NOTE: encyclopedia pages carry citation markers "[3]", "[2] [4]".  Only one or two
# digits: "[2020] No. 1409" is a document number and stays.
REFERENCE_MARKER = re.compile(r"\[\d{1,2}\](?:[ \t]*\[\d{1,2}\])*")

# NOTE: runs that NFKC may change: they start with a character that is neither ASCII nor
# one of the curly quotes and dashes of English text (which NFKC keeps), and go on up to
# the next space or latin letter, so a Chinese paragraph with ASCII digits and commas is
# one run, not hundreds.
NON_ASCII_RUN = re.compile(
    r"[^\x00-\x7f\u2013\u2014\u2018\u2019\u201c\u201d][^\sA-Za-z\u2013\u2014\u2018\u2019\u201c\u201d]*"
)

# NOTE: web-page debris seen in the crawled seeds: rating widgets ("zero Useful+1"),
# navigation ("Related News", "undefined", "Key words: ...") and the spam line of part
# numbers "The Links: NL8060BC26-35D G121SN01-V4".  Whole lines are dropped.
PAGE_DEBRIS_LINE = re.compile(
    r"^[ \t]*(?:zero Useful\+\d*|Related News|undefined|Key ?words?:.*|The Links:.*|\|)[ \t]*(?:\n|$)",
    re.MULTILINE | re.IGNORECASE,
)
PAGE_DEBRIS_INLINE = re.compile(r"zero Useful\+\d+")
# NOTE: substrings that betray debris; the line pattern runs only when one is present.
PAGE_DEBRIS_MARKERS = ("Useful+", "Related News", "undefined", "ey word", "The Links:", "\n|", "EY WORD")

# NOTE: code points no UTF-8 writer (CSV, Parquet, JSON) accepts: lone surrogates, and NUL,
# which C-based readers take for the end of a string.
UNENCODABLE = re.compile("[\ud800-\udfff\x00]")

# NOTE: Han characters and latin letters, counted in runs by length: the same counts as one
# match per character with a fifth of the matches (detect_language was a tenth of the time
# on a short English release).
HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
LATIN_RUN = re.compile(r"[A-Za-z]+")


def normalize_text(text: str) -> str:
    """Clean a raw policy text without touching its figures.

    Parameters
    ----------
    text : str
        Raw text, in English or Chinese (simplified or traditional).

    Returns
    -------
    str
        NFKC-normalised text (full-width digits and punctuation made half-width) without
        pinyin artefacts, reference markers or page-debris lines. A lone surrogate or a
        NUL (which no UTF-8 file can hold, but a decoded stream with ``surrogateescape``
        can) becomes U+FFFD, one character for one, so offsets stay put.

    Examples
    --------
    >>> normalize_text("增長１０．８％，發(fā)展[3]")
    '增長10.8%,發展'
    >>> normalize_text("zero Useful+1\\nGDP grew 5%.")
    'GDP grew 5%.'
    """
    if UNENCODABLE.search(text):
        text = UNENCODABLE.sub("\ufffd", text)
    text = _nfkc(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "(" in text:
        text = PINYIN_ARTEFACT.sub("", text)
    if "[" in text:
        text = REFERENCE_MARKER.sub("", text)
    if any(marker in text for marker in PAGE_DEBRIS_MARKERS) or text.startswith("|"):
        text = PAGE_DEBRIS_LINE.sub("", text)
        text = PAGE_DEBRIS_INLINE.sub("", text)
    return text


def _nfkc(text: str) -> str:
    """NFKC, applied only to the runs of non-ASCII characters (ASCII is already NFKC).

    A run that starts with a combining mark is normalised with the character before it,
    so the result equals ``unicodedata.normalize("NFKC", text)``.
    """
    if text.isascii():
        return text
    pieces: list[str] = []
    pos = 0
    for run in NON_ASCII_RUN.finditer(text):
        start, end = run.span()
        chunk = run.group()
        if start > pos and unicodedata.combining(chunk[0]):
            start -= 1
            chunk = text[start] + chunk
        pieces.append(text[pos:start])
        pieces.append(unicodedata.normalize("NFKC", chunk))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def detect_language(text: str) -> str:
    """Tell Chinese from English by counting Han characters against latin letters.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        ``"zh"`` when Han characters are at least a third as many as latin letters,
        else ``"en"`` (also for empty text).

    Notes
    -----
    A Chinese character carries about a word; an English word has about five letters.

    Examples
    --------
    >>> detect_language("同比增长8.6%"), detect_language("grew by 8.6%")
    ('zh', 'en')
    """
    sample = text[:20000]
    han = 0 if sample.isascii() else sum(map(len, HAN_RUN.findall(sample)))
    latin = sum(map(len, LATIN_RUN.findall(sample)))
    return "zh" if han and 3 * han >= latin else "en"
