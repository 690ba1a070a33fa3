"""Periods read the way a person reads a release: against its date, and from the sentences before.

Releases say 上半年, 1-7月, 前三季度, "in November", 今年, "last year". With the document's
date these resolve to period codes:

- a year counted from the date (今年 0, 去年 -1, "next year" +1) is that year;
- a half, quarter, month or cumulative months with no year is the latest such period that
  has ended by the document's date (上半年 in a release of 2019-07-15 is 2019H1, "In
  December" in a release of January 2021 is 2020M12); a target's is the first that has
  not ended (a plan dated March speaks of the year ahead);
- a year stated in the sentence always wins.

A figure whose sentence states no period takes the period of the nearest earlier sentence
in its paragraph that states one, and failing that the document's reporting period (as its
title, else its first sentence, states it). `PERIOD_BASES` records which of these gave it.
"""

from __future__ import annotations

import datetime as dt
import re

from sei_analysis.errors import InputError
from sei_analysis.extract.period_text import PeriodMention, find_periods, yearless_for

__all__ = ["PERIOD_BASES", "parse_document_date", "resolve_mention", "stated_period"]

# NOTE: how a figure got its period (column ``period_basis``): the sentence states it with
# a year; it is counted from the document's date; it is the period of an earlier sentence
# of the paragraph; it is the document's reporting period. None: no period.
PERIOD_BASES = ("stated", "document date", "inherited", "document")
DOCUMENT_DATE = re.compile(r"(?P<y>(?:19|20)\d\d)(?:-(?P<m>\d\d)(?:-(?P<d>\d\d))?)?")
_LAST_DAY = {2: 28, 4: 30, 6: 30, 9: 30, 11: 30}


def parse_document_date(value: object) -> dt.date | None:
    """A document's date from ``2020-09-23``, ``2020-09`` or ``2020`` (the last day it can mean).

    A year or month alone stands for its last day: the document was out by then.

    Examples
    --------
    >>> parse_document_date("2020"), parse_document_date("2018-08")
    (datetime.date(2020, 12, 31), datetime.date(2018, 8, 31))
    >>> parse_document_date(None) is None
    True
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = DOCUMENT_DATE.fullmatch(str(value).strip())
    try:
        if match is None:
            raise ValueError
        year, month = int(match["y"]), int(match["m"] or 12)
        day = int(match["d"]) if match["d"] else _month_end(year, month)
        return dt.date(year, month, day)
    except ValueError:
        raise InputError(
            f"document_date={value!r}: expected a date such as 2020-09-23, 2020-09 or 2020"
        ) from None


def _month_end(year: int, month: int) -> int:
    if month == 2 and (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        return 29
    return _LAST_DAY.get(month, 31)


def _last_month(suffix: str) -> int:
    """The month a period suffix ends in: '' 12, H1 6, Q1-Q3 9, M01-M07 7."""
    if not suffix:
        return 12
    if suffix[0] == "H":
        return 6 * int(suffix[1])
    if suffix[0] == "Q":
        return 3 * int(suffix[-1])
    return int(suffix[-2:])


def resolve_mention(mention: PeriodMention, date: dt.date, is_target: bool = False) -> str:
    """The period code of a yearless or relative period mention, read against ``date``.

    Examples
    --------
    >>> [p] = find_periods("上半年")
    >>> resolve_mention(p, dt.date(2019, 7, 15))
    '2019H1'
    >>> [p] = find_periods("In December, it rose")
    >>> resolve_mention(p, dt.date(2021, 1, 20))
    '2020M12'
    >>> [p] = find_periods("去年增长")
    >>> resolve_mention(p, dt.date(2021, 1, 20))
    '2020'
    """
    if mention.year is not None:
        return mention.year + mention.suffix
    if mention.relative is not None:
        return f"{date.year + mention.relative}{mention.suffix}"
    last = _last_month(mention.suffix)
    ended = dt.date(date.year, last, _month_end(date.year, last)) <= date
    if is_target:
        year = date.year if not ended else date.year + 1
    else:
        year = date.year if ended else date.year - 1
    return f"{year}{mention.suffix}"


def stated_period(sentence: str, date: dt.date | None) -> str | None:
    """The first period a sentence states, as a code (yearless ones need ``date``).

    Examples
    --------
    >>> stated_period("2019年上半年国民经济运行情况", None)
    '2019H1'
    >>> stated_period("上半年,经济稳中有进。", dt.date(2019, 7, 15))
    '2019H1'
    """
    for mention in find_periods(sentence):
        if mention.span and not mention.listed:
            return mention.year
        if mention.year is not None and not mention.listed:
            return mention.year + mention.suffix
        if mention.year is None and date is not None:
            return resolve_mention(mention, date)
    return None


def relative_period(periods: list[PeriodMention], start: int, end: int, sentence: str,
                    date: dt.date, is_target: bool) -> str | None:  # fmt: skip
    """The period a figure takes from a yearless mention in its own sentence, or None."""
    mention = yearless_for(periods, start, end, sentence)
    return None if mention is None else resolve_mention(mention, date, is_target)
