"""Numbers written in words, and the vocabulary of units shared by the number scanners.

English number words with a unit ("three times", "ten trillion yuan", "twice", "halved"),
Chinese numerals with a unit (翻一番, 两倍, 三成, 百分之十) and fractions ("one third of",
三分之一, 四分之三).  ``sei_analysis.extract.numbers`` finds the digit mentions and merges these in.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["CURRENCY", "SCALE", "Mention", "currency_code", "find_cn_mentions", "find_word_mentions"]

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


# NOTE: an English number word counts only with a unit behind it ("three times",
# "ten trillion", "five percent"); "four aspects" or "Forty seven academicians" are prose.
_EN_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    r"|hundred|a hundred)"
)
CUR_WORD = r"(?:yuan|renminbi|rmb|us\s+dollars|dollars?|euros?|yen|pounds?)\b"
_CN_DIGITS = "零〇一二三四五六七八九十百千两兩"
# Chinese numerals are rare as figures; they are found from the unit backwards.
CN_UNIT = re.compile(r"倍|个百分点|個百分點|成|番|百分之|分之|减半|減半")
# NOTE: fractions are shares in percent: 三分之一 is 33.33...%, 四分之三 75%.
CN_FRACTION = re.compile(r"(?P<den>[一二三四五六七八九十]{1,2})分之(?P<num>[一二三四五六七八九十]{1,2})")
CN_FAN = re.compile(r"翻了?\s?(?P<fan>[一二两兩三四])\s?番$")
CN_PERCENT = re.compile(r"百分之(?P<cnpct>[零〇一二三四五六七八九十百点點]+)")
CHENG_NOT_PERCENT = "为為立本员員果功熟长長型交绩績不"
# NOTE: unit words that can follow an English number word; found with str.find, which is
# much faster than a regex over English text full of t, p, m and b.
EN_UNIT_WORDS = (
    "times", "fold", "percent", "per cent", "percentage point", "thousand", "million", "billion", "trillion",
    "twice", "Twice", "doubled", "tripled", "trebled", "quadrupled", "double", "halved",
    "half", "third", "quarter", "fifth", "tenth",
)  # fmt: skip
# NOTE: "one third of", "a quarter of", "two-thirds of", "more than half of" are shares in
# percent; "the third quarter of" or "the first half of" are periods, so a fraction needs a
# numerator (a, one, two, three) or, for "half", a qualifier before it, and "of" after it.
FRACTION_DENOMINATORS = {"half": 2.0, "third": 3.0, "quarter": 4.0, "fifth": 5.0, "tenth": 10.0}
FRACTION_NUMERATOR_BEFORE = re.compile(r"(?i:\b(?P<num>a|one|two|three|four)[\s-])$")
HALF_QUALIFIER_BEFORE = re.compile(
    r"(?i:\b(?:more\sthan|over|nearly|almost|about|around|roughly|less\sthan|under|at\sleast)\s)$"
)
FRACTION_OF_AFTER = re.compile(r"s?\sof\b")
PERIOD_BEFORE_FRACTION = re.compile(r"(?i:\b(?:first|last|past|next|previous|recent)\s)$")
FRACTION_COMPARED_AFTER = re.compile(r"\s(?:the\s)?(?i:previous|last|that|those|its\sprevious|a\syear)\b")
PERIOD_AFTER_FRACTION = re.compile(r"\s(?:(?:19|20)\d\d\b|(?i:this|the|last|next)\syear\b)")
_NUMERATORS = {"a": 1.0, "one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0}
# NOTE: "will double by 2025" is a figure, "double-digit growth" or "double the rate" is not.
DOUBLE_AS_VERB_AFTER = re.compile(r"\s?(?:[.,;]|$|(?i:by|in|from|over|to|and|between|within|during)\b)")
EN_NUMBER_WORD_GLUED = re.compile(rf"(?i:\b(?P<word>{_EN_WORD}))$")  # "threefold"
EN_NUMBER_WORDS_BEFORE = re.compile(rf"(?i:\b(?P<word>{_EN_WORD}(?:[\s-]{_EN_WORD})?)[\s-])$")
EN_CURRENCY_AFTER = re.compile(rf"\s(?P<cur>(?i:{CUR_WORD}))")
_MULTIPLE_WORDS = {
    "twice": 2.0, "doubled": 2.0, "double": 2.0, "tripled": 3.0, "trebled": 3.0, "quadrupled": 4.0,
    "halved": 0.5,
}  # fmt: skip

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


def find_word_mentions(text: str) -> list[Mention]:
    """English number words with a unit: "twice", "three times", "ten trillion yuan"."""
    found = []
    for start, word in _word_positions(text):
        end = start + len(word)
        if word in FRACTION_DENOMINATORS:
            mention = _read_fraction(text, start, word)
            if mention is not None:
                found.append(mention)
            continue
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


def _read_fraction(text: str, start: int, word: str) -> Mention | None:
    """ "one third of", "two-thirds of", "more than half of": a share in percent, or None."""
    end = start + len(word)
    of = FRACTION_OF_AFTER.match(text, end)
    if of is None or (start > 0 and text[start - 1].isalpha()):
        return None
    if word == "half" and of.group().startswith("s"):
        return None
    if word == "third" and text.startswith("s", end):
        end += 1
    numerator = FRACTION_NUMERATOR_BEFORE.search(text, max(0, start - 8), start)
    if numerator is not None and (
        PERIOD_BEFORE_FRACTION.search(text, max(0, numerator.start() - 8), numerator.start())
        or PERIOD_AFTER_FRACTION.match(text, of.end())
    ):
        return None  # "the first three quarters of 2023", "two quarters of the year"
    if FRACTION_COMPARED_AFTER.match(text, of.end()):
        return None  # "less than half of the previous year('s)": a comparison, not a share
    if numerator is not None:
        value = _NUMERATORS[numerator.group("num").lower()] / FRACTION_DENOMINATORS[word] * 100.0
        return Mention(numerator.start("num"), end, value, "percent", None, 1.0, False, False)
    if word == "half" and HALF_QUALIFIER_BEFORE.search(text, max(0, start - 14), start):
        return Mention(start, end, 50.0, "percent", None, 1.0, False, False)
    return None


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


def find_cn_mentions(text: str) -> list[Mention]:
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
        if word in ("减半", "減半"):
            found.append(Mention(start, end, 0.5, "multiple", None, 1.0, False, False))
            continue
        if word == "分之":
            match = CN_FRACTION.search(text, max(0, start - 2), end + 2)
            den = _cn_number(match.group("den")) if match else None
            num = _cn_number(match.group("num")) if match else None
            if den and num is not None and num <= den:
                found.append(
                    Mention(match.start(), match.end(), num / den * 100.0, "percent", None, 1.0, False, False)
                )
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
        currency = currency_code(currency_word.group("cur"))
        return Mention(start, end, value * scale, "currency", currency, scale, False, False)
    return Mention(start, end, value * scale, "number", None, scale, False, False)


def currency_code(word: str | None) -> str | None:
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
