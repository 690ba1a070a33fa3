"""Find the number mentions in a normalised text: value, unit, currency and scale.

One precompiled pattern scans the whole text; each hit is then checked against the
exclusions (years, dates, enumeration markers, document numbers, codes such as ``5G``,
durations) and turned into a ``Mention``.  Context (sign, measure, qualifier, target,
period) is left to ``sei_analysis.extract.figures``.
"""

from __future__ import annotations

import math
import re

from sei_analysis.extract.numwords import (
    CUR_WORD,
    SCALE,
    Mention,
    currency_code,
    find_cn_mentions,
    find_word_mentions,
)

__all__ = ["Mention", "find_mentions"]

# NOTE: scale words multiply the number: "105 billion euros" is 1.05e11 EUR, 亿 is 1e8.
# NOTE: Chinese measure words after a number mean things are counted (10个基地, 20项措施).
COUNT_WORDS = "个個项項家座条條批种種类類所名人户戶台辆輛件处處只款部套支位例次间間块塊颗顆架艘"

# NOTE: words after an English integer that do not name a counted thing, so the number
# stays a plain `number` ("stood at 50.2 in May", "100 and").
EN_NOT_NOUNS = frozenset(
    "in at on for to and or of by from than with as is was were are be been while which that"
    " the a an over compared respectively higher lower more less points point per year-on-year"
    " against versus vs during after before since gw mw kw kwh gwh twh tons tonnes tonne km kilometres"
    " kilometers square cubic hectares mu kilowatts kilowatt watts megawatts gigawatts kilowatt-hours"
    " barrels litres liters metres meters".split()
)
# NOTE: physical units after a number, matched as prefixes because the look-ahead is short
# ("4.66 trillion kilowatt-hours"): a quantity, not counted things.
PHYSICAL_UNITS = ("kilowatt", "megawatt", "gigawatt", "terawatt", "tonne", "ton", "barrel", "cubic", "square")
_CUR_ZH = r"美元|欧元|歐元|日元|英镑|英鎊|港元|港币|港幣|元|人民币|人民幣"
_SCALE_ZH = r"万亿|萬億|万億|千亿|千億|百亿|百億|千万|千萬|百万|百萬|亿|億|万|萬"

# NOTE: the scan is built for speed (>= 6 MB/s): a pattern that starts with a character
# class or with literals lets `re` skip ahead instead of trying every branch at every
# position.  Candidates are found first; the full patterns are then anchored on them.
CANDIDATE = re.compile(r"\d")
# NOTE: a unit is read on the number's own line: a line break ends a sentence, and a figure
# never spans two ("1,000\n个百分点" is a bare 1,000 and a stray unit).
DIGIT_MENTION = re.compile(
    rf"""
    (?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)
    (?P<more>[^\S\n]?(?:多|余|餘))?
    (?:[^\S\n]?(?:
        (?P<pp>(?i:percentage[ \t-]points?|p\.p\.|pp\b)|个百分点|個百分點|百分点|百分點)
      | (?P<bp>(?i:basis[ \t-]points?|bps?\b)|个基点|個基點|基点|基點)
      | (?P<pct>%|(?i:per[ \t]?cent\b|pct\b))
      | (?P<mult>倍|(?i:times\b|-?fold\b))
      | (?P<cheng>成)(?![为為立本员員果功熟长長型交绩績不])
      | (?P<scale>(?i:thousand|million|billion|trillion|bn|mn)\b|{_SCALE_ZH})
        (?:[^\S\n]?(?P<cur>(?i:{CUR_WORD})|{_CUR_ZH}))?
      | (?P<cur2>(?i:{CUR_WORD})|{_CUR_ZH})
    ))?
    """,
    re.VERBOSE,
)
CURRENCY_BEFORE = re.compile(r"(?:(?i:us\$|hk\$|rmb|cny|usd|eur)|[$€£¥]|人民币|人民幣)\s?$")
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
# NOTE: what follows a bare number and makes it a date, a year or a duration, never a figure.
DATE_OR_DURATION_AFTER = re.compile(
    r"\s?(?:年|月|日|号|號|个月|個月|个季度|個季度|季度|季|天|周|週|小时|小時|世纪|世紀|届|屆|次会议"
    r"|(?i:days?|months?|years?|weeks?|quarters?|hours?|decades?|centur(?:y|ies)|st|nd|rd|th)\b)"
    r"|-(?i:days?|months?|years?|weeks?|quarters?|hours?)\b|:\d"
    rf"|,?\s(?:19|20)\d\d\b|\s{_MONTHS}\s|\s?[-~～至到—–]\s?\d{{1,2}}\s?(?:月|日)"
)
MONTH_BEFORE = re.compile(rf"\b{_MONTHS}\s$")
# NOTE: a bare number after these words names a document, a part or a version, or is an
# ordinal: "No. 1409", "Article 5", "Industry 4.0", 第三.
DOC_NUMBER_BEFORE = re.compile(
    r"(?:(?i:\b(?:no|nos|article|chapter|section|item|paragraph|clause|page|table|figure|fig|annex|industry"
    r"|web|version|phase|rule))\.?\s?|第|[(\[〔【]\s?)$"
)
# NOTE: ages are not figures: "the 16-24 age group", "people aged 16 to 24", 16-24岁.
AGE_AFTER = re.compile(r"(?:\s?[-–~至到]\s?\d{1,3})?\s?(?:(?i:age\sgroup|years?\sold|age\b)|岁|周岁|歲|週歲)")
AGE_BEFORE = re.compile(r"(?i:\bage[ds]?\s(?:of\s|between\s|from\s)?(?:\d{1,3}\s?(?:to|and|-)\s?)?)$")
CLOSING_BRACKET_AFTER = re.compile(r"\s?[)\]〕】]")
ENUM_AFTER = re.compile(r"(?:\.|、|\))(?!\d)")
_EN_NEXT_WORD = re.compile(r" ([A-Za-z][A-Za-z-]*|\d+[A-Za-z][\w-]*)")  # "2 million 5G stations"


def find_mentions(text: str) -> list[Mention]:
    """Every figure-like number in ``text`` that is not excluded, in text order.

    Parameters
    ----------
    text : str
        Normalised text.

    Returns
    -------
    list of Mention
        With ``text[start:end]`` the matched span; ``value`` already scaled (亿 = 1e8),
        unsigned except for an explicit minus sign.

    Examples
    --------
    >>> [(m.value, m.unit) for m in find_mentions("(1) In 2020, 5G grew 3.5% and 1.2万亿元")]
    [(3.5, 'percent'), (1200000000000.0, 'currency')]
    """
    found: list[Mention] = []
    pos = 0
    search = CANDIDATE.search
    while (candidate := search(text, pos)) is not None:
        match = DIGIT_MENTION.match(text, candidate.start())
        mention = _read_digits(match, match.groupdict(), text)
        if mention is not None:
            found.append(mention)
        pos = match.end()
    if not text.isascii():
        found = _merge(found, find_cn_mentions(text))
    found = _merge(found, find_word_mentions(text))
    # NOTE: a numeral too long for a float ("9" * 400) is no published figure; it would be
    # read as infinity and break every writer downstream (JSON has no inf).
    return [m for m in found if math.isfinite(m.value)]


def _merge(first: list[Mention], second: list[Mention]) -> list[Mention]:
    """Both lists in text order; a mention overlapping an earlier one is dropped."""
    if not second:
        return first
    merged: list[Mention] = []
    for mention in sorted(first + second):
        if not merged or mention.start >= merged[-1].end:
            merged.append(mention)
    return merged


def _read_digits(match: re.Match[str], groups: dict, text: str) -> Mention | None:
    """A number in digits with what follows it, or None when it is excluded."""
    start, end = match.span()
    num_start, num_end = start, match.end("num")
    before = text[max(0, num_start - 12) : num_start]
    last = before[-1:]
    if last.isalpha() and CURRENCY_BEFORE.search(before):
        last = " "  # "RMB1.2 trillion"
    if last and last.isascii() and (last.isalnum() or last in "_."):
        return None  # inside a word or code: "G121SN01", "v2.5"
    if last == "-" and before[-2:-1].isascii() and before[-2:-1].isalpha():
        return None  # part of a code: "COVID-19"
    if last == ":" and before[-2:-1].isdigit():
        return None  # a clock time: "10:30"
    if last == "+" or text.startswith("+", num_end):
        return None  # "1+4" cluster project
    if (last == "/" and before[-2:-1].isdigit()) or (
        text.startswith("/", num_end) and text[num_end + 1 : num_end + 2].isdigit()
    ):
        return None  # a date or a fraction: "9/8/2020", "1/3"
    value = float(groups["num"].replace(",", ""))
    if (
        last
        and last in "-−"
        and (not before[-2:-1] or before[-2:-1] in " \t\n(:,=" or before[-2:-1] >= "\u3000")
    ):
        value, start = -value, start - 1  # an explicit minus, not a range "10-20", "6%-7%"
    unit, currency, scale = _unit_of(groups)
    if unit is None or (unit == "scaled" and not groups["cur"]):
        prefix = CURRENCY_BEFORE.search(before)
        if prefix:
            currency, start = currency_code(prefix.group().strip()), num_start - len(prefix.group())
            unit = "currency"
    after = text[end : end + 12]
    if unit is None:
        if _is_excluded_bare(text, num_start, groups["num"], before, after):
            return None
        unit = _bare_unit(groups["num"], after)
        return Mention(start, end, value, unit, None, 1.0, bool(groups["more"]), True)
    if unit == "scaled":  # "13万个", "1.37 million units": counted things; "1.2 trillion": a number
        unit = "count" if _bare_unit("1", after) == "count" else "number"
    value = round(value * (10.0 if groups["cheng"] else scale), 10)
    return Mention(start, end, value, unit, currency, scale, bool(groups["more"]), False)


def _unit_of(groups: dict) -> tuple[str | None, str | None, float]:
    """Unit, currency and scale of a digit mention from its matched suffix."""
    currency = currency_code(groups["cur"] or groups["cur2"])
    scale = _scale(groups["scale"]) if groups["scale"] else 1.0
    if groups["pp"]:
        return "percentage_point", None, 1.0
    if groups["bp"]:
        return "percentage_point", None, 0.01  # NOTE: a basis point is 0.01 percentage point
    if groups["pct"] or groups["cheng"]:
        return "percent", None, 1.0
    if groups["mult"]:
        return "multiple", None, 1.0
    if currency:
        return "currency", currency, scale
    if groups["scale"]:
        return "scaled", None, scale
    return None, None, 1.0


def _is_excluded_bare(text: str, num_start: int, num: str, before: str, after: str) -> bool:
    """True for years, dates, durations, enumeration markers, document numbers and codes."""
    if after[:1].isascii() and after[:1].isalpha():
        return True  # 5G, 13th, 35D
    if num.startswith("0") and num[1:2].isdigit():
        return True  # "09": a month or day in a date header
    if DATE_OR_DURATION_AFTER.match(after) or MONTH_BEFORE.search(before):
        return True
    if DOC_NUMBER_BEFORE.search(before) or AGE_AFTER.match(after) or AGE_BEFORE.search(before):
        return True  # "No. 5", "the 16-24 age group", "aged 16 to 24"
    if before.endswith(("(", "[", "〔", "【")) or (
        before.rstrip().endswith(("(", "[", "〔", "【")) and CLOSING_BRACKET_AFTER.match(after)
    ):
        return True
    if (
        len(num) == 4
        and num.isdigit()
        and 1800 <= int(num) <= 2100
        and not (after[:1] and after[:1] in COUNT_WORDS)
    ):
        return True  # a year
    line_start = text.rfind("\n", 0, num_start) + 1
    if not text[line_start:num_start].strip(" \t(") and ENUM_AFTER.match(after):
        return True  # "1. The Opinions", "3、", "1)"
    return False


def _bare_unit(num: str, after: str) -> str:
    """`count` when a counted noun follows an integer, else `number`."""
    if "." in num:
        return "number"
    head = after.lstrip(" ")
    if head[:1] and head[:1] in COUNT_WORDS:
        return "count"
    word = _EN_NEXT_WORD.match(after)
    if (
        word
        and word.group(1).lower() not in EN_NOT_NOUNS
        and not word.group(1).lower().startswith(PHYSICAL_UNITS)
    ):
        return "count"
    return "number"


def _scale(word: str) -> float:
    """Product of the scale words: 万亿 is 1e12, "billion" 1e9."""
    word = word.lower()
    if word in SCALE:
        return SCALE[word]
    factor = 1.0
    for char in word:
        factor *= SCALE.get(char, 1.0)
    return factor
