"""Period codes: parse_period, is_period and parse_periods."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sei_analysis.errors import InputError
from sei_analysis.indicators.periods import Period, is_period, parse_period, parse_periods


@pytest.mark.parametrize(
    ("code", "start", "end", "freq"),
    [
        ("2019", dt.date(2019, 1, 1), dt.date(2019, 12, 31), "year"),
        ("2016H1", dt.date(2016, 1, 1), dt.date(2016, 6, 30), "half"),
        ("2016H2", dt.date(2016, 7, 1), dt.date(2016, 12, 31), "half"),
        ("2017Q1", dt.date(2017, 1, 1), dt.date(2017, 3, 31), "quarter"),
        ("2019Q1-Q3", dt.date(2019, 1, 1), dt.date(2019, 9, 30), "quarters"),
        ("2018M01-M07", dt.date(2018, 1, 1), dt.date(2018, 7, 31), "months"),
        ("2018M11", dt.date(2018, 11, 1), dt.date(2018, 11, 30), "month"),
        ("2016-2017", dt.date(2016, 1, 1), dt.date(2017, 12, 31), "years"),
    ],
)
def test_parse_period_gives_first_and_last_day(code, start, end, freq):
    assert parse_period(code) == Period(code=code, start=start, end=end, freq=freq)


def test_parse_period_knows_leap_february():
    assert parse_period("2020M02").end == dt.date(2020, 2, 29)


def test_parse_period_accepts_an_int_year():
    assert parse_period(2015).code == "2015"


@pytest.mark.parametrize(
    "bad", ["2020H3", "2019Q5", "2018M13", "2018M1", "19", "2019Q3-Q1", "2018M07-M01", "2017-2016", "", "H1"]
)
def test_parse_period_rejects_bad_codes_naming_the_value(bad):
    with pytest.raises(InputError, match=f"period '{bad}'"):
        parse_period(bad)


@pytest.mark.parametrize("bad", [None, 2019.0, True, float("nan")])
def test_parse_period_rejects_non_strings(bad):
    with pytest.raises(InputError, match="period"):
        parse_period(bad)


def test_period_is_frozen():
    with pytest.raises(AttributeError):
        parse_period("2019").code = "2020"  # type: ignore[misc]


def test_is_period_is_false_for_garbage():
    assert is_period("2018M11") and not is_period("2018M00") and not is_period(None)


def test_parse_periods_keeps_the_series_index():
    codes = pd.Series(["2019", "2016H1"], index=[5, 7])
    out = parse_periods(codes)
    assert list(out.index) == [5, 7]
    assert out.loc[7, "period_end"] == pd.Timestamp("2016-06-30")
    assert out.loc[5, "freq"] == "year"


def test_parse_periods_raises_on_the_first_bad_code():
    with pytest.raises(InputError, match="2019H9"):
        parse_periods(pd.Series(["2019", "2019H9"]))


@given(st.text(max_size=12))
def test_parse_period_never_crashes_on_text(text):
    try:
        period = parse_period(text)
    except InputError:
        return
    assert period.start <= period.end


@given(st.integers(1900, 2100), st.integers(1, 12), st.integers(1, 12))
def test_month_ranges_cover_whole_months(year, m1, m2):
    if m1 >= m2:
        return
    period = parse_period(f"{year}M{m1:02d}-M{m2:02d}")
    assert period.start.day == 1 and (period.end + dt.timedelta(days=1)).day == 1
