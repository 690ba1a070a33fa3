"""Period codes: parse ``2019``, ``2016H1``, ``2019Q1-Q3``, ... into calendar dates.

Every figure in this project is tied to a period written in one of seven codes
(see DESIGN.md). `parse_period` turns a code into a `Period` with its first and
last calendar day, so periods can be sorted, compared and checked
(``start <= end``); `parse_periods` does the same for a whole column.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from sei_analysis.errors import InputError

# NOTE: one regular expression per period code of DESIGN.md, tried in this order; the
# key is the `freq` reported. Months are two digits (M01-M12) as in the reference CSV.
PERIOD_PATTERNS = {
    "year": re.compile(r"(?P<y>\d{4})"),
    "half": re.compile(r"(?P<y>\d{4})H(?P<h>[12])"),
    "quarter": re.compile(r"(?P<y>\d{4})Q(?P<q>[1-4])"),
    "quarters": re.compile(r"(?P<y>\d{4})Q(?P<q1>[1-4])-Q(?P<q2>[1-4])"),
    "months": re.compile(r"(?P<y>\d{4})M(?P<m1>0[1-9]|1[0-2])-M(?P<m2>0[1-9]|1[0-2])"),
    "month": re.compile(r"(?P<y>\d{4})M(?P<m>0[1-9]|1[0-2])"),
    "years": re.compile(r"(?P<y1>\d{4})-(?P<y2>\d{4})"),
}
EXPECTED = "a period code such as 2019, 2016H1, 2017Q1, 2019Q1-Q3, 2018M01-M07, 2018M11 or 2016-2017"


@dataclass(frozen=True)
class Period:
    """A period code with its first and last calendar day.

    Attributes
    ----------
    code : str
        The code as given, e.g. ``"2019Q1-Q3"``.
    start, end : datetime.date
        First and last day covered, both inclusive.
    freq : str
        One of ``year``, ``half``, ``quarter``, ``quarters`` (cumulative quarters),
        ``months`` (cumulative months), ``month``, ``years`` (span of years).
    """

    code: str
    start: dt.date
    end: dt.date
    freq: str


def _month_span(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def _bounds(freq: str, g: dict[str, str]) -> tuple[dt.date, dt.date]:
    if freq == "years":
        return dt.date(int(g["y1"]), 1, 1), dt.date(int(g["y2"]), 12, 31)
    year = int(g["y"])
    if freq == "year":
        return _month_span(year, 1, 12)
    if freq == "half":
        h = int(g["h"])
        return _month_span(year, 6 * h - 5, 6 * h)
    if freq == "quarter":
        q = int(g["q"])
        return _month_span(year, 3 * q - 2, 3 * q)
    if freq == "quarters":
        return _month_span(year, 3 * int(g["q1"]) - 2, 3 * int(g["q2"]))
    if freq == "months":
        return _month_span(year, int(g["m1"]), int(g["m2"]))
    return _month_span(year, int(g["m"]), int(g["m"]))


def parse_period(code: str) -> Period:
    """Parse a period code into a `Period`.

    Parameters
    ----------
    code : str
        ``2019`` (year), ``2016H1`` (half), ``2017Q1`` (quarter), ``2019Q1-Q3``
        (cumulative quarters), ``2018M01-M07`` (cumulative months), ``2018M11``
        (one month) or ``2016-2017`` (span of years). An ``int`` year is accepted.

    Returns
    -------
    Period
        With ``start`` and ``end`` as `datetime.date`, both inclusive.

    Raises
    ------
    InputError
        If the code is not a string, does not match a pattern, or runs backwards
        (``2019Q3-Q1``, ``2018M07-M01``, ``2017-2016``). The message names the value.

    Examples
    --------
    >>> parse_period("2019Q1-Q3")
    Period(code='2019Q1-Q3', start=datetime.date(2019, 1, 1), end=datetime.date(2019, 9, 30), freq='quarters')
    >>> parse_period("2016H1").end
    datetime.date(2016, 6, 30)
    >>> parse_period("2020H3")
    Traceback (most recent call last):
    ...
    sei_analysis.errors.InputError: period '2020H3': not a period code; expected a period code such as ...
    """
    if isinstance(code, int) and not isinstance(code, bool):
        code = str(code)
    if not isinstance(code, str):
        raise InputError(
            f"period {code!r}: expected a string, got {type(code).__name__}; expected {EXPECTED}"
        )
    text = code.strip()
    for freq, pattern in PERIOD_PATTERNS.items():
        match = pattern.fullmatch(text)
        if match:
            start, end = _bounds(freq, match.groupdict())
            if start > end:
                raise InputError(
                    f"period {code!r}: runs backwards ({start} after {end}); expected {EXPECTED}"
                )
            if (
                freq in ("quarters", "months", "years")
                and start.month == end.month
                and start.year == end.year
            ):
                raise InputError(f"period {code!r}: a range of one unit; write it as a single period")
            return Period(code=text, start=start, end=end, freq=freq)
    raise InputError(f"period {code!r}: not a period code; expected {EXPECTED}")


def is_period(code: object) -> bool:
    """Return True if ``code`` parses as a period code.

    Examples
    --------
    >>> is_period("2018M11"), is_period("2018M13"), is_period(None)
    (True, False, False)
    """
    try:
        parse_period(code)  # type: ignore[arg-type]
    except InputError:
        return False
    return True


def parse_periods(codes: pd.Series) -> pd.DataFrame:
    """Parse a column of period codes.

    Parameters
    ----------
    codes : Series of str
        Period codes; the first bad one raises `InputError` naming it.

    Returns
    -------
    DataFrame
        Indexed like ``codes``, with columns ``period_start`` and ``period_end``
        (``datetime64[ns]``, first and last day) and ``freq``.

    Examples
    --------
    >>> parse_periods(pd.Series(["2019", "2018M01-M07"]))
      period_start period_end    freq
    0   2019-01-01 2019-12-31    year
    1   2018-01-01 2018-07-31  months
    """
    parsed = [parse_period(code) for code in codes]
    return pd.DataFrame(
        {
            "period_start": pd.to_datetime([p.start for p in parsed]).astype("datetime64[ns]"),
            "period_end": pd.to_datetime([p.end for p in parsed]).astype("datetime64[ns]"),
            "freq": [p.freq for p in parsed],
        },
        index=codes.index,
    ).astype({"freq": "str"})
