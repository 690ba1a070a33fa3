"""Undo what a page layout did to text: lines broken mid-sentence, page numbers, hyphens.

A PDF's text layer holds one line per printed line. The extract stage ends a sentence at
every line break, so a line broken mid-sentence ("增长" / "7.0%。") would cut a figure
from its subject. `rejoin_lines` joins a line to the next when the line runs (nearly)
to the right margin and does not end a sentence:

- Chinese, Japanese and Korean lines join with no space, latin lines with one space;
- a line that ends in a hyphen keeps it ("high-" / "tech" is high-tech: browsers and word
  processors break lines at a compound's hyphen and never hyphenate on their own), unless
  the document writes the joined word elsewhere ("devel-" / "opment" when "development"
  occurs: typeset hyphenation);
- a heading (a short line), a list item (一、 (二) 1. •) and a line that ends a sentence
  keep their breaks; lines that are only a page number are dropped.
"""

from __future__ import annotations

import re

__all__ = ["rejoin_lines", "display_width"]

# NOTE: characters after which a printed line ends a sentence or a clause that the next
# line should not continue: Chinese and latin sentence ends, colons (a list follows) and
# closing quotes or brackets after them.
LINE_END = re.compile(r"[。！？；：!?;:…][”’」』)）\"']*$|(?<![A-Za-z]\.[A-Za-z])\.[”’\"')）]*$")
# NOTE: a line that starts a list item or a numbered heading keeps its break: 一、 (一)
# （1） 1. 1、 第一条 • ● ◆ ■ - and "Article 3".
LIST_START = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、](?!\d)"
    r"|第[一二三四五六七八九十百\d]+[条章节部分]|[•●◆■▪○◇□\-–—*]\s|Article\s+\d)"
)
# NOTE: lines that are only a page number or a page label: "3", "- 3 -", "—3—", "第3页",
# "第 3 页 共 10 页", "Page 3 of 10".
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]?\s*\d{1,4}\s*[-–—]?|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|\d{1,4}\s*/\s*\d{1,4})\s*$",
    re.I,
)
CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
# NOTE: a line at least this share of the document's full line width runs to the margin.
FULL_LINE_SHARE = 0.7
# NOTE: with fewer lines than this the full width cannot be told; lines then join only
# when they end mid-clause (a comma or no punctuation after a letter or digit).
MIN_LINES_FOR_WIDTH = 4


def display_width(line: str) -> int:
    """Width of a line in latin-letter units: a CJK character counts two.

    Examples
    --------
    >>> display_width("增长7.0%")
    8
    """
    return len(line) + len(CJK.findall(line))


def rejoin_lines(text: str) -> str:
    """Join the lines that a page layout broke mid-sentence; drop page-number lines.

    Parameters
    ----------
    text : str
        Text with one printed line per line; blank lines separate pages or blocks.

    Returns
    -------
    str
        One line per paragraph, heading or list item; blocks separated by blank lines.

    Examples
    --------
    >>> rejoin_lines("一、总体情况\\n上半年，规模以上工业增加值同比增长\\n7.0%，增速加快。")
    '一、总体情况\\n上半年，规模以上工业增加值同比增长7.0%，增速加快。'
    >>> rejoin_lines("Value-added output of high-\\ntech manufacturing grew 7.5 percent.")
    'Value-added output of high-tech manufacturing grew 7.5 percent.'
    """
    blocks = [[ln.strip() for ln in block.split("\n")] for block in re.split(r"\n[ \t]*\n", text)]
    blocks = [[ln for ln in block if ln and not PAGE_NUMBER.match(ln)] for block in blocks]
    widths = sorted(display_width(ln) for block in blocks for ln in block)
    full = widths[int(0.9 * (len(widths) - 1))] if len(widths) >= MIN_LINES_FOR_WIDTH else None
    words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)}
    out = []
    for block in blocks:
        lines: list[str] = []
        for line in block:
            if lines and _continues(lines[-1], line, full):
                lines[-1] = _join(lines[-1], line, words)
            else:
                lines.append(line)
        if lines:
            out.append("\n".join(lines))
    return "\n\n".join(out)


def _continues(prev: str, line: str, full: int | None) -> bool:
    """True when ``line`` continues the sentence that ``prev`` left unfinished."""
    if LINE_END.search(prev) or LIST_START.match(line):
        return False
    if prev.endswith((",", "，", "、")) or (prev.endswith("-") and line[:1].isalnum()):
        return True
    if full is None:
        return bool(re.search(r"[\w%]$", prev)) and not LIST_START.match(prev)
    return display_width(prev) >= FULL_LINE_SHARE * full


def _join(prev: str, line: str, words: set[str]) -> str:
    """Join two lines: no space after or before CJK, a hyphen kept or healed, else one space."""
    if prev.endswith("-") and line[:1].isalnum():
        head = re.search(r"([A-Za-z]+)-$", prev)
        tail = re.match(r"[a-z]+", line)
        if head and tail and (head.group(1) + tail.group()).lower() in words:
            return prev[:-1] + line
        return prev + line
    if CJK.match(prev[-1]) or CJK.match(line[0]):
        return prev + line
    return f"{prev} {line}"
