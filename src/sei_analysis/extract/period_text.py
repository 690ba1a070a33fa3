"""Find the reporting periods a sentence states and turn them into period codes.

Codes (see DESIGN.md): ``2019``, ``2016H1``, ``2017Q1``, ``2019Q1-Q3``, ``2018M01-M07``,
``2018M11``, ``2016-2017``.  A year that is only a point of comparison ("up 3.9 points
from 2014", 比2010年) is not the period of the figure.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["PeriodMention", "find_periods", "period_for", "yearless_for"]

_Y = r"(?:19|20)\d\d"
_MONTH_NUMBER = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
# NOTE: "January-April", "from January to July", "between January and April": months cumulated;
# a plain "March and April" is a list.
# NOTE: a month named without a year ("up from 4.5 percent in September") takes the
# sentence's year; only full names count, as "May" or "Mar" alone is too often prose.
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# NOTE: ordinal and cardinal words used in "first half", "first three quarters",
# "first seven months", 前三季度, 前7个月.
_SMALL = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "one": 1, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
    "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11,
}  # fmt: skip

PERIOD = re.compile(
    rf"""
      (?P<span>(?<!\d)(?P<y1>{_Y})\s?年?\s?(?:-|–|—|~|～|至|到|和|与|與|(?i:to|and|through))\s?(?P<y2>{_Y})(?!\d)\s?年?)
    | (?:(?P<zy>{_Y})\s?年\s?(?:的)?)?(?:
          (?P<zhalf>上半年|下半年)
        | [前首](?P<zcq>[三二两兩23])(?:个|個)?季(?:度)?
        | 第?(?P<zq>[一二三四1-4])季度
        | 首(?P<zq1>季)(?:度)?
        | (?P<zm1>\d{{1,2}})\s?[-~～至到—–]\s?(?P<zm2>\d{{1,2}})\s?月
        | 前(?P<zmn>\d{{1,2}}|十一|[一二两兩三四五六七八九十])(?:个|個)月
        | (?<![\d.])(?P<zm>\d{{1,2}})\s?月(?!\s?\d{{1,2}}\s?[日号號])
      )
    | (?i:(?:the\s)?(?:
          (?P<ehalf>first|second)\shalf
        | first\s(?P<ecq>two|three|2|3)\squarters
        | (?P<eq>first|second|third|fourth)\squarter
        | first\s(?P<emn>\w+)\smonths
      )(?:\sof\s(?:the\syear|(?P<ey>{_Y})))?)
    | (?P<hq>[HQ])(?P<hqn>[1-4])\s(?P<hqy>{_Y})(?!\d)
    | (?P<btw>(?i:between)\s)?(?P<em1>{_MONTH})\s?(?:-|–|to|through|(?(btw)and|(?!)))
      \s?(?P<em2>{_MONTH})(?:,?\s(?P<emy>{_Y}))?
    | (?P<em>{_MONTH})(?:\s\d{{1,2}})?,?\s(?P<emy2>{_Y})(?!\d)
    | (?P<emb>{_FULL_MONTH})(?![\w-])(?!\s\d{{1,2}}(?:st|nd|rd|th)?\b)
    | (?<![\d.\[])(?P<yy>{_Y})(?![\d%]|\.\d)(?:\s?年)?
    """,
    re.VERBOSE,
)

# NOTE: a year right after these words is compared against, not reported on.
COMPARATOR_BEFORE = re.compile(
    r"(?:(?i:\b(?:than|from|since|over|compared\s(?:with|to)|relative\sto|versus|vs\.?|against|on)"
    r"(?:\s(?:the\s)?(?:same\speriod\s(?:of|in)\s)?(?:that\s(?:of|in)\s)?(?:the\send\sof\s)?(?:in\s)?)?)"
    r"|(?i:\b(?:that|those|levels?)\s(?:of|in)\s)"
    r"|比|较|較|相比|同比|比上年|与|與|是)\s?$"
)


# NOTE: "2016 and 2017" with "respectively" is a list of years, one per figure; "2016 to 2017"
# a span.
LIST_JOINER = re.compile(r"和|与|與|、|(?i:\band\b)")
# NOTE: a year inside a document or plan title is no reporting period: 《中国制造2025》,
# 2035年远景目标纲要, "Made in China 2025", "Vision 2035" (a capitalised name right before).
TITLE_YEAR_AFTER = re.compile(r"\s?年?\s?(?:远景|遠景|愿景|願景)")
# NOTE: the year of a document number is no period: 发改高技〔2020〕1409号, (2020)1409號,
# "[2020] No. 1409".
DOC_NUMBER_BEFORE = re.compile(r"[\[(〔［（【]\s?$")
DOC_NUMBER_AFTER = re.compile(r"\s?[\])〕］）】]\s?(?:No\.?\s?)?\d")
NAME_BEFORE_YEAR = re.compile(r"\b(?P<name>[A-Z][a-z]+)\s$")
NOT_NAMES = frozenset(
    "In By For From Since Until Till Through Throughout During As At Of On And To Before After"
    " Between Early Late End Mid Fiscal Year Around About Than Over The Last Next This Within"
    " Across Entering Beyond Toward Towards Into Under With Without Amid Despite Compared"
    " Versus Whole Full Calendar Also".split()
)
# NOTE: "36.2% in 2019", "a 2.3 percent decline for the whole of 2023", "to 10% by 2025",
# "by the end of 2025": the year is the figure's.
_ATTACHED = re.compile(
    r"\s?(?:(?i:decline|drop|fall|rise|increase|gain|growth|contraction)\s)?"
    r"(?:in|for|during|by)?\s?(?:the\s(?:end\sof\s)?(?:whole|full)?\s?(?:year\s)?(?:of\s)?)?"
)
# NOTE: "In December, output rose 7.3%": a month that opens the sentence is its period,
# whatever clause the figure is in.
_OPENING = re.compile(r"\s*(?i:in|during|for|in\sthe\smonth\sof)?\s*")
_CLAUSE_BREAK = re.compile(r"[;:。]|,(?!\s?-?\d)")  # a comma before a number continues a list
# NOTE: 增长6%左右(2023年为4.6%): a year inside a note in brackets belongs to the note; a closed
# note ("($812 billion) in 2023") is passed over.
_AFTER_BREAK = re.compile(r"[;:。]|\((?![^)]*\))|,(?!\s?-?\d)")


# NOTE: every period expression contains one of these anchors; the (slow) full pattern
# is tried only around them.
ANCHOR = re.compile(
    r"19\d\d|20\d\d|半年|季|月|(?i:half|quarter|month)|January|February|March|April|May|June|July"
    r"|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
)


class PeriodMention(NamedTuple):
    """A period stated in a sentence: ``year`` None when it names no year ("上半年").

    ``relative`` is the year counted from the document's date when the sentence says so
    (今年 0, 去年 -1, "next year" +1); it is None for a stated year or no year at all.
    """

    start: int
    end: int
    year: str | None
    suffix: str
    span: bool
    listed: tuple[str, ...] = ()
    weak: bool = False
    relative: int | None = None


# NOTE: years named relative to the document's date. 上年 is "the previous year" in NBS
# releases; 同期 after them ("去年同期", "the same period last year") names a comparison,
# and 比/较 before them is caught by COMPARATOR_BEFORE. 全年 / "the whole year" names the
# year without saying which: it resolves like a yearless half or quarter.
RELATIVE_YEAR = re.compile(
    r"(?P<word>今年|本年|去年|上年|前年|明年|全年"
    r"|(?i:this\syear|last\syear|next\syear|the\syear\sbefore|the\swhole\syear|the\sfull\syear|full[\s-]year))"
    r"(?!同期|(?i:'s\ssame|\sthe\ssame))"
)
RELATIVE_OFFSETS = {
    "今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1, "全年": None,
    "this year": 0, "last year": -1, "next year": 1, "the year before": -1,
    "the whole year": None, "the full year": None, "full year": None,
}  # fmt: skip
# NOTE: what may stand between a relative year and the period it qualifies: 去年上半年,
# 今年的前三季度, "this year's first half" is rare; "the first half of this year" is common.
RELATIVE_JOIN = re.compile(r"\s?(?:的)?\s?$")


def find_periods(sentence: str) -> list[PeriodMention]:
    """Every period a sentence reports on, comparison years left out.

    Examples
    --------
    >>> [p.year + p.suffix for p in find_periods("2018年1-7月,比2017年同期增长5%")]
    ['2018M01-M07']
    """
    found = []
    done = 0
    for anchor in ANCHOR.finditer(sentence):
        if anchor.start() < done:
            continue
        match = PERIOD.search(sentence, max(done, anchor.start() - 30), anchor.end() + 30)
        while match is not None and match.end() <= anchor.start():
            match = PERIOD.search(sentence, match.end(), anchor.end() + 30)
        if match is None or match.start() > anchor.start():
            continue
        done = match.end()
        period = _read(match)
        if period is None:
            continue
        if not period.span and COMPARATOR_BEFORE.search(sentence[max(0, match.start() - 40) : match.start()]):
            continue
        if _in_title(sentence, match):
            continue
        found.append(period)
    if RELATIVE_HINT.search(sentence):
        found = _with_relative_years(sentence, found)
    return found


# NOTE: cheap test before the relative-year pattern runs.
RELATIVE_HINT = re.compile(r"今年|本年|去年|上年|前年|明年|全年|(?i:year)")


def _with_relative_years(sentence: str, found: list[PeriodMention]) -> list[PeriodMention]:
    """Attach 今年/去年/"last year" to the yearless period next to it, or add it as a year of its own."""
    out = list(found)
    for match in RELATIVE_YEAR.finditer(sentence):
        if COMPARATOR_BEFORE.search(sentence[max(0, match.start() - 40) : match.start()]):
            continue
        offset = RELATIVE_OFFSETS[" ".join(match.group().lower().replace("-", " ").split())]
        if any(p.start < match.end() and match.start() < p.end for p in out):
            continue  # inside a period already read ("2023年全年" is the year 2023)
        joined = None
        for i, p in enumerate(out):
            after = p.year is None and p.relative is None and p.start >= match.end()
            after = after and RELATIVE_JOIN.fullmatch(sentence[match.end() : p.start]) is not None
            of_the = p.year is None and p.relative is None and p.end <= match.start()
            of_the = of_the and re.fullmatch(r"\s(?i:of)\s", sentence[p.end : match.start()]) is not None
            if after or of_the:
                joined = i
                break
        if joined is not None:
            p = out[joined]
            out[joined] = p._replace(
                start=min(p.start, match.start()), end=max(p.end, match.end()), relative=offset
            )
        else:
            out.append(PeriodMention(match.start(), match.end(), None, "", False, (), False, offset))
    return sorted(out)


def period_for(periods: list[PeriodMention], start: int, end: int, sentence: str = "") -> str | None:
    """The code of the period nearest before a figure (else the first after it).

    Parameters
    ----------
    periods : list of PeriodMention
        From ``find_periods`` on the figure's sentence.
    start, end : int
        The figure's offsets in the sentence.
    sentence : str
        The sentence; a year after the figure but beyond a clause break is ignored.

    Returns
    -------
    str or None
        A period code; a half, quarter or month without a year takes the sentence's
        other year, and stays None when there is none.

    Examples
    --------
    >>> period_for(find_periods("In the first half of 2016, it grew 5%"), 35, 37)
    '2016H1'
    """
    chosen, before, after = _choose(periods, start, end, sentence)
    if chosen is None:
        return None
    if chosen.year is not None:
        return chosen.year + chosen.suffix
    if chosen.relative is not None:
        return None  # counted from the document's date: see `yearless_for`
    years = [p.year for p in before[::-1] + after if p.year is not None and not p.span]
    return years[0] + chosen.suffix if years else None


def yearless_for(
    periods: list[PeriodMention], start: int, end: int, sentence: str = ""
) -> PeriodMention | None:
    """The period a figure belongs to when it names no year the sentence can supply.

    That is the case `period_for` returns None for although the sentence states a period:
    上半年 with no year anywhere in the sentence, or 去年/"this year". The caller resolves it
    against the document's date.

    Examples
    --------
    >>> p = yearless_for(find_periods("上半年,工业增长6%"), 8, 10)
    >>> (p.year, p.suffix, p.relative)
    (None, 'H1', None)
    >>> yearless_for(find_periods("去年增长6%"), 4, 6).relative
    -1
    """
    chosen, before, after = _choose(periods, start, end, sentence)
    if chosen is None or chosen.year is not None:
        return None
    if chosen.relative is None and any(p.year is not None and not p.span for p in before + after):
        return None  # the sentence's other year applies (see `period_for`)
    return chosen


def _choose(periods: list[PeriodMention], start: int, end: int, sentence: str):
    """The period mention nearest a figure, with the mentions before and after it."""
    before = [p for p in periods if p.end <= start]
    while (
        before
        and before[-1].weak
        and not _OPENING.fullmatch(sentence[: before[-1].start])
        and _CLAUSE_BREAK.search(sentence[before[-1].end : start])
    ):
        before.pop()  # "a 0.2 percent drop in October, while the PPI fell 3 percent"
    after = [p for p in periods if p.start >= end]
    if after and (after[0].start - end > 80 or _AFTER_BREAK.search(sentence[end : after[0].start])):
        after = []  # a year after the figure counts only inside the same clause
    chosen = before[-1] if before else (after[0] if after else None)
    if (
        before
        and after
        and (
            after[0].start - end < start - before[-1].end
            or _ATTACHED.fullmatch(sentence[end : after[0].start])
        )
    ):
        chosen = after[0]  # "36.2% in 2019 and 38.6% in 2020", "to 11.5% in 2019": the nearer year
    return chosen, before, after


def _in_title(sentence: str, match: re.Match[str]) -> bool:
    """True when a matched year belongs to a document or plan title, or a document number."""
    if not match.group("yy"):
        return False
    start, end = match.span()
    if DOC_NUMBER_BEFORE.search(sentence, max(0, start - 2), start) and DOC_NUMBER_AFTER.match(
        sentence, match.end("yy")
    ):
        return True
    opened = sentence.rfind("《", 0, start)
    if opened >= 0 and sentence.rfind("》", 0, start) < opened:
        return True
    if TITLE_YEAR_AFTER.match(sentence, match.end("yy")):
        return True
    name = NAME_BEFORE_YEAR.search(sentence, max(0, start - 20), start)
    return name is not None and name.group("name") not in NOT_NAMES


def _read(match: re.Match[str]) -> PeriodMention | None:
    g = match.groupdict()
    start, end = match.span()
    if g["y1"]:
        if g["y1"] >= g["y2"]:
            return None
        listed = (g["y1"], g["y2"]) if LIST_JOINER.search(match.group()) else ()
        return PeriodMention(start, end, f"{g['y1']}-{g['y2']}", "", True, listed)
    if g["yy"]:
        return PeriodMention(start, end, g["yy"], "", False)
    year = g["zy"] or g["ey"] or g["emy"] or g["emy2"] or g["hqy"]
    suffix = _suffix(g)
    if suffix is None:
        return None
    weak = bool(g["emb"])  # a month without a year: the figure next to it, not the next clause
    return PeriodMention(start, end, year, suffix, bool(g["em1"]), (), weak)  # "from January to July"


def _suffix(g: dict) -> str | None:
    """The part of the code after the year: H1, Q1-Q3, M01-M07, ..."""
    if g["hq"]:
        return f"{g['hq']}{g['hqn']}" if g["hq"] == "Q" or g["hqn"] in "12" else None
    half = g["zhalf"] or g["ehalf"]
    if half:
        return "H1" if half in ("上半年", "first") or half.lower() == "first" else "H2"
    if g["zcq"] or g["ecq"]:
        return f"Q1-Q{_small(g['zcq'] or g['ecq'])}"
    if g["zq"] or g["eq"]:
        return f"Q{_small(g['zq'] or g['eq'])}"
    if g["zq1"]:
        return "Q1"  # 首季: the first quarter (Hong Kong and Taiwan usage)
    if g["zm1"]:
        return _months(int(g["zm1"]), int(g["zm2"]))
    if g["zmn"] or g["emn"]:
        count = _small(g["zmn"] or g["emn"])
        return _months(1, count) if count else None
    if g["zm"]:
        return _months(int(g["zm"]), int(g["zm"]))
    if g["em1"]:
        return _months(_month(g["em1"]), _month(g["em2"]))
    if g["em"]:
        return _months(_month(g["em"]), _month(g["em"]))
    if g["emb"]:
        return _months(_month(g["emb"]), _month(g["emb"]))
    return None


def _small(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _SMALL.get(word, 0)


def _month(name: str) -> int:
    return _MONTH_NUMBER[name[:3].lower()]


def _months(first: int, last: int) -> str | None:
    if not (1 <= first <= last <= 12):
        return None
    return f"M{first:02d}" if first == last else f"M{first:02d}-M{last:02d}"
