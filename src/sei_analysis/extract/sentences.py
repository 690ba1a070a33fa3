"""Cut normalised text into sentences, keeping their offsets.

The first step of the extract stage: every figure is read inside its sentence, and every
offset the extractor reports points into the normalised text
(:func:`sei_analysis.corpus.text.normalize_text`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from sei_analysis.corpus.text import detect_language

__all__ = ["Sentence", "split_sentences"]

# NOTE: sentence ends.  Chinese: 。！？； (NFKC turns ！？； into !?; but keeps 。),
# English: . ! ? followed by a space and a capital, quote, bracket or digit.  Line breaks
# end a sentence in both.  (Each pattern starts with a character class, which `re` scans fast.)
ZH_SENTENCE_END = re.compile(r"[。!?;…\n][。!?;…”’\"』」)]*")
EN_SENTENCE_END = re.compile(r"[.!?。\n][\"”’')\]]*")
EN_SENTENCE_START = frozenset('"“‘([')

# NOTE: a full stop after these words does not end an English sentence.
EN_ABBREVIATIONS = frozenset(
    "no nos mr mrs ms dr prof st vs e.g i.e u.s u.k jan feb mar apr jun jul aug sep sept oct nov dec"
    " fig art vol p pp approx inc co ltd corp".split()
)


# NOTE: the longest sentence kept whole, in characters. Policy sentences run to about 500
# (the longest in the seeds and the labelled set is 507); text pulled from PDF or HTML often
# has no sentence punctuation at all, and a 200 KB "sentence" would be carried by every
# figure in it. A longer run is cut after a clause mark (CLAUSE_MARKS) in its second half.
MAX_SENTENCE_CHARS = 1000
CLAUSE_MARKS = (",", ";", ":", "、", "，", "；", " ")


class Sentence(NamedTuple):
    """One sentence: ``text[start:end] == sentence``."""

    start: int
    end: int
    text: str


def _is_false_stop(text: str, cut: int) -> bool:
    """True when the full stop before ``cut`` belongs to an abbreviation or a list number."""
    head = text[max(0, cut - 12) : cut].rstrip("\"”’')] \t")
    if not head.endswith("."):
        return False
    word = re.split(r"[\s(]", head[:-1])[-1].lower()
    if word in EN_ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return True
    # "1. The Opinions ..." at the start of a line is a list number, not a sentence.
    if word.isdigit() and len(word) <= 2:
        line_start = text.rfind("\n", 0, cut) + 1
        return text[line_start:cut].strip().rstrip(".").isdigit()
    return False


def split_sentences(text: str, lang: str | None = None) -> list[Sentence]:
    """Cut text into sentences with their offsets.

    Parameters
    ----------
    text : str
        Normalised text (see ``normalize_text``).
    lang : {"en", "zh", None}
        Language; None means ``detect_language(text)``.

    Returns
    -------
    list of Sentence
        ``(start, end, sentence)`` with ``text[start:end] == sentence``; blank
        sentences are skipped and surrounding whitespace is trimmed.

    Examples
    --------
    >>> [s.text for s in split_sentences("增长8.6%。比重为14.9%;高于1.2个百分点")]
    ['增长8.6%。', '比重为14.9%;', '高于1.2个百分点']
    >>> [s.text for s in split_sentences("See No. 5. It grew 2%. Done")]
    ['See No. 5.', 'It grew 2%.', 'Done']
    """
    lang = lang or detect_language(text)
    zh = lang == "zh"
    sentences: list[Sentence] = []
    begin = 0
    for match in (ZH_SENTENCE_END if zh else EN_SENTENCE_END).finditer(text):
        first = match.group()[0]
        if first == "\n":
            _append(sentences, text, begin, match.start())
            begin = match.start() + 1
            continue
        cut = match.end()
        if not zh and first != "。" and not _starts_sentence(text, cut):
            continue
        if not zh and first == "." and _is_false_stop(text, cut):
            continue
        _append(sentences, text, begin, cut)
        begin = cut
    _append(sentences, text, begin, len(text))
    return sentences


def _starts_sentence(text: str, cut: int) -> bool:
    """True when spaces and then a capital, digit, quote or Han character follow ``cut``."""
    pos = cut
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    if pos == len(text):
        return True
    if pos == cut:
        return False
    char = text[pos]
    return (
        char.isupper()
        or char.isdigit()
        or char in EN_SENTENCE_START
        or "\u3400" <= char <= "\u9fff"
        or char == "\n"
    )


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    """Append ``text[start:end]`` without surrounding whitespace, unless it is blank.

    A sentence longer than `MAX_SENTENCE_CHARS` is appended in pieces, each cut after the
    last clause mark (or space) before the limit, so the work per figure and the size of
    every row that carries its sentence stay bounded.
    """
    while end - start > MAX_SENTENCE_CHARS:
        cut = _cut_point(text, start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        _append_one(sentences, text, start, cut)
        start = cut
    _append_one(sentences, text, start, end)


def _cut_point(text: str, lo: int, hi: int) -> int:
    """Just after the last clause mark in ``text[lo:hi]`` that is not inside a number (1,000), else ``hi``."""
    for pos in range(hi - 1, lo - 1, -1):
        if text[pos] in CLAUSE_MARKS and not (
            text[pos - 1 : pos].isdigit() and text[pos + 1 : pos + 2].isdigit()
        ):
            return pos + 1
    return hi


def _append_one(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        sentences.append(Sentence(start + lead, start + lead + len(stripped), stripped))
