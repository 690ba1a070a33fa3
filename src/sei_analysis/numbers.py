"""Find the number mentions in a normalised text: value, unit, currency and scale.

One precompiled pattern scans the whole text; each hit is then checked against the
exclusions (years, dates, enumeration markers, document numbers, codes such as ``5G``,
durations) and turned into a ``Mention``.  Context (sign, measure, qualifier, target,
period) is left to ``sei_analysis.extract``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Mention", "find_mentions"]

# NOTE: scale words multiply the number: "105 billion euros" is 1.05e11 EUR, 亿 is 1e8.
SCALE = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "mn": 1e6, "bn": 1e9, "tn": 1e12,
    "十": 10.0, "百": 100.0, "千": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8,
}  # fmt: skip

# NOTE: currency words and symbols to ISO 4217.  In these Chinese sources a bare 元 or ¥
# is the renminbi.
CURRENCY = {
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY", "元": "CNY", "¥": "CNY",
    "人民币": "CNY", "人民幣": "CNY",
    "dollar": "USD", "dollars": "USD", "us dollars": "USD", "usd": "USD", "$": "USD",
    "us$": "USD", "美元": "USD",
    "euro": "EUR", "euros": "EUR", "eur": "EUR", "€": "EUR", "欧元": "EUR", "歐元": "EUR",
    "yen": "JPY", "日元": "JPY", "pound": "GBP", "pounds": "GBP", "£": "GBP",
    "英镑": "GBP", "英鎊": "GBP", "hk$": "HKD", "港元": "HKD", "港币": "HKD", "港幣": "HKD",
}  # fmt: skip

# NOTE: Chinese measure words after a number mean things are counted (10个基地, 20项措施).
COUNT_WORDS = "个個项項家座条條批种種类類所名人户戶台辆輛件处處只款部套支位例次间間块塊颗顆架艘"

# NOTE: words after an English integer that do not name a counted thing, so the number
# stays a plain `number` ("stood at 50.2 in May", "100 and").
EN_NOT_NOUNS = frozenset(
    "in at on for to and or of by from than with as is was were are be been while which that"
    " the a an over compared respectively higher lower more less points point per year-on-year"
    " against versus vs during after before since gw mw kw kwh gwh twh tons tonnes tonne km kilometres"
    " kilometers square cubic hectares mu".split()
)

# NOTE: an English number word counts only with a unit behind it ("three times",
# "ten trillion", "five percent"); "four aspects" or "Forty seven academicians" are prose.
_EN_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    r"|hundred|a hundred)"
)
_CUR_WORD = r"(?:yuan|renminbi|rmb|us\s+dollars|dollars?|euros?|yen|pounds?)\b"
_CUR_ZH = r"美元|欧元|歐元|日元|英镑|英鎊|港元|港币|港幣|元|人民币|人民幣"
_SCALE_ZH = r"万亿|萬億|万億|千亿|千億|百亿|百億|千万|千萬|百万|百萬|亿|億|万|萬"
_CN_DIGITS = "零〇一二三四五六七八九十百千两兩"

# NOTE: the scan is built for speed (>= 6 MB/s): a pattern that starts with a character
# class or with literals lets `re` skip ahead instead of trying every branch at every
# position.  Candidates are found first; the full patterns are then anchored on them.
CANDIDATE = re.compile(r"\d")
# Chinese numerals are rare as figures; they are found from the unit backwards.
CN_UNIT = re.compile(r"倍|个百分点|個百分點|成|番|百分之")
CN_FAN = re.compile(r"翻了?\s?(?P<fan>[一二两兩三四])\s?番$")
CN_PERCENT = re.compile(r"百分之(?P<cnpct>[零〇一二三四五六七八九十百点點]+)")
CHENG_NOT_PERCENT = "为為立本员員果功熟长長型交绩績不"
DIGIT_MENTION = re.compile(
    rf"""
    (?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)
    (?P<more>\s?(?:多|余|餘))?
    (?:\s?(?:
        (?P<pp>(?i:percentage[\s-]points?|p\.p\.|pp\b)|个百分点|個百分點|百分点|百分點)
      | (?P<pct>%|(?i:per\s?cent\b|pct\b))
      | (?P<mult>倍|(?i:times\b|-?fold\b))
      | (?P<cheng>成)(?![为為立本员員果功熟长長型交绩績不])
      | (?P<scale>(?i:thousand|million|billion|trillion|bn|mn)\b|{_SCALE_ZH})
        (?:\s?(?P<cur>(?i:{_CUR_WORD})|{_CUR_ZH}))?
      | (?P<cur2>(?i:{_CUR_WORD})|{_CUR_ZH})
    ))?
    """,
    re.VERBOSE,
)
# NOTE: unit words that can follow an English number word; found with str.find, which is
# much faster than a regex over English text full of t, p, m and b.
EN_UNIT_WORDS = (
    "times", "fold", "percent", "per cent", "percentage point", "thousand", "million", "billion", "trillion",
    "twice", "Twice", "doubled", "tripled", "trebled", "quadrupled", "double",
)  # fmt: skip
# NOTE: "will double by 2025" is a figure, "double-digit growth" or "double the rate" is not.
DOUBLE_AS_VERB_AFTER = re.compile(r"\s?(?:[.,;]|$|(?i:by|in|from|over|to|and|between|within|during)\b)")
EN_NUMBER_WORD_GLUED = re.compile(rf"(?i:\b(?P<word>{_EN_WORD}))$")  # "threefold"
EN_NUMBER_WORDS_BEFORE = re.compile(rf"(?i:\b(?P<word>{_EN_WORD}(?:[\s-]{_EN_WORD})?)[\s-])$")
EN_CURRENCY_AFTER = re.compile(rf"\s(?P<cur>(?i:{_CUR_WORD}))")
CURRENCY_BEFORE = re.compile(r"(?:(?i:us\$|hk\$|rmb|cny|usd|eur)|[$€£¥]|人民币|人民幣)\s?$")
_MULTIPLE_WORDS = {
    "twice": 2.0, "doubled": 2.0, "double": 2.0, "tripled": 3.0, "trebled": 3.0, "quadrupled": 4.0,
}  # fmt: skip

_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
# NOTE: what follows a bare number and makes it a date, a year or a duration, never a figure.
DATE_OR_DURATION_AFTER = re.compile(
    r"\s?(?:年|月|日|号|號|个月|個月|个季度|個季度|季度|天|周|週|小时|小時|世纪|世紀|届|屆|次会议"
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
CLOSING_BRACKET_AFTER = re.compile(r"\s?[)\]〕】]")
ENUM_AFTER = re.compile(r"(?:\.|、|\))(?!\d)")
_EN_NEXT_WORD = re.compile(r" ([A-Za-z][A-Za-z-]*|\d+[A-Za-z][\w-]*)")  # "2 million 5G stations"
_LIST_NUMBER = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4}


class Mention(NamedTuple):
    """A number found in the text, before its context is read."""

    start: int
    end: int
    value: float
    unit: str
    currency: str | None
    scale: float
    more: bool
    bare: bool


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
        found = _merge(found, _find_cn_mentions(text))
    found = _merge(found, _find_word_mentions(text))
    return found


def _merge(first: list[Mention], second: list[Mention]) -> list[Mention]:
    """Both lists in text order; a mention overlapping an earlier one is dropped."""
    if not second:
        return first
    merged: list[Mention] = []
    for mention in sorted(first + second):
        if not merged or mention.start >= merged[-1].end:
            merged.append(mention)
    return merged


def _find_word_mentions(text: str) -> list[Mention]:
    """English number words with a unit: "twice", "three times", "ten trillion yuan"."""
    found = []
    for start, word in _word_positions(text):
        end = start + len(word)
        if text[end : end + 1].isalpha() and word != "percentage point":
            continue
        if start > 0 and text[start - 1].isalpha():
            glued = EN_NUMBER_WORD_GLUED.search(text, max(0, start - 12), start) if word == "fold" else None
            if glued:
                value = _en_number(glued.group("word"))
                if value is not None:
                    found.append(
                        Mention(glued.start("word"), end, value, "multiple", None, 1.0, False, False)
                    )
            continue
        if word.lower() in _MULTIPLE_WORDS:
            if word == "Twice" and text[end + 1 : end + 2].isupper():
                continue  # "Twice American technology": machine-translation debris
            if word == "double" and not DOUBLE_AS_VERB_AFTER.match(text, end):
                continue
            found.append(
                Mention(start, end, _MULTIPLE_WORDS[word.lower()], "multiple", None, 1.0, False, False)
            )
            continue
        before = EN_NUMBER_WORDS_BEFORE.search(text, max(0, start - 30), start)
        if before is None:
            continue
        word_start = before.start("word")
        if word_start > 0 and text[word_start - 1] in "“\"'‘":
            continue  # a quoted name: the “ten hundred thousand” cluster system
        if word == "percentage point" and text.startswith("s", end):
            end += 1
        mention = _read_words(before.group("word"), word, text, word_start, end)
        if mention is not None:
            found.append(mention)
    return found


def _word_positions(text: str) -> list[tuple[int, str]]:
    """Every occurrence of an ``EN_UNIT_WORDS`` word, in text order."""
    positions = []
    for word in EN_UNIT_WORDS:
        pos = text.find(word)
        while pos >= 0:
            positions.append((pos, word))
            pos = text.find(word, pos + 1)
    positions.sort()
    return positions


def _find_cn_mentions(text: str) -> list[Mention]:
    """Chinese numerals with a unit: 翻一番, 两倍, 三成, 三个百分点, 百分之十."""
    found = []
    for unit in CN_UNIT.finditer(text):
        start, end = unit.span()
        word = unit.group()
        if word == "百分之":
            match = CN_PERCENT.match(text, start)
            value = _cn_number(match.group("cnpct").replace("點", "点")) if match else None
            if value is not None:
                found.append(Mention(start, match.end(), value, "percent", None, 1.0, False, False))
            continue
        if word == "番":
            match = CN_FAN.search(text, max(0, start - 4), end)
            if match:
                value = 2.0 ** _LIST_NUMBER[match.group("fan")]
                found.append(Mention(match.start(), end, value, "multiple", None, 1.0, False, False))
            elif text[start - 1 : start] == "翻" and start > 0:
                found.append(Mention(start - 1, end, 2.0, "multiple", None, 1.0, False, False))  # 翻番
            continue
        first = start
        while first > 0 and start - first < 10 and text[first - 1] in _CN_DIGITS:
            first -= 1
        if first == start or (word == "成" and text[end : end + 1] and text[end] in CHENG_NOT_PERCENT):
            continue
        value = _cn_number(text[first:start])
        if value is None:
            continue
        if word == "倍":
            found.append(Mention(first, end, value, "multiple", None, 1.0, False, False))
        elif word == "成":
            found.append(Mention(first, end, value * 10, "percent", None, 1.0, False, False))
        else:
            found.append(Mention(first, end, value, "percentage_point", None, 1.0, False, False))
    return found


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
            currency, start = _currency(prefix.group().strip()), num_start - len(prefix.group())
            unit = "currency"
    after = text[end : end + 12]
    if unit is None:
        if _is_excluded_bare(text, num_start, groups["num"], before, after):
            return None
        unit = _bare_unit(groups["num"], after)
        return Mention(start, end, value, unit, None, 1.0, bool(groups["more"]), True)
    if unit == "scaled":  # "13万个", "1.37 million units": counted things; "1.2 trillion": a number
        unit = "count" if _bare_unit("1", after) == "count" else "number"
    value *= 10.0 if groups["cheng"] else scale
    return Mention(start, end, value, unit, currency, scale, bool(groups["more"]), False)


def _unit_of(groups: dict) -> tuple[str | None, str | None, float]:
    """Unit, currency and scale of a digit mention from its matched suffix."""
    currency = _currency(groups["cur"] or groups["cur2"])
    scale = _scale(groups["scale"]) if groups["scale"] else 1.0
    if groups["pp"]:
        return "percentage_point", None, 1.0
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
    if len(num) > 1 and num.startswith("0"):
        return True  # "09": a month or day in a date header
    if DATE_OR_DURATION_AFTER.match(after) or MONTH_BEFORE.search(before):
        return True
    if DOC_NUMBER_BEFORE.search(before):
        return True
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
    if word and word.group(1).lower() not in EN_NOT_NOUNS:
        return "count"
    return "number"


def _read_words(number: str, unit: str, text: str, start: int, end: int) -> Mention | None:
    """English number words before a unit word: "three times", "ten trillion yuan"."""
    value = _en_number(number)
    if value is None:
        return None
    unit = unit.lower()
    if unit == "percentage point":
        return Mention(start, end, value, "percentage_point", None, 1.0, False, False)
    if unit in ("percent", "per cent"):
        return Mention(start, end, value, "percent", None, 1.0, False, False)
    if unit in ("times", "fold"):
        return Mention(start, end, value, "multiple", None, 1.0, False, False)
    scale = SCALE[unit]
    currency_word = EN_CURRENCY_AFTER.match(text, end)
    if currency_word:
        end = currency_word.end()
        currency = _currency(currency_word.group("cur"))
        return Mention(start, end, value * scale, "currency", currency, scale, False, False)
    return Mention(start, end, value * scale, "number", None, scale, False, False)


def _scale(word: str) -> float:
    """Product of the scale words: 万亿 is 1e12, "billion" 1e9."""
    word = word.lower()
    if word in SCALE:
        return SCALE[word]
    factor = 1.0
    for char in word:
        factor *= SCALE.get(char, 1.0)
    return factor


def _currency(word: str | None) -> str | None:
    if not word:
        return None
    return CURRENCY.get(" ".join(word.lower().split()))


def _cn_number(span: str) -> float | None:
    """Chinese numerals to a float with cn2an, imported only when needed."""
    import cn2an  # noqa: PLC0415  (lazy: cn2an takes ~0.1 s to import)

    try:
        return float(cn2an.cn2an(span.replace("兩", "两").replace("〇", "零"), "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def _en_number(span: str) -> float | None:
    """English number words to a float with text2num, imported only when needed."""
    from text_to_num import text2num  # noqa: PLC0415

    words = span.lower().replace("a hundred", "one hundred")
    try:
        return float(text2num(words, "en"))
    except (ValueError, TypeError):
        return None
