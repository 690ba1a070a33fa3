"""Periods read against the document's date, and inherited from earlier sentences (issue 10, section 4)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from sei_analysis.errors import InputError
from sei_analysis.extract import extract_figures
from sei_analysis.extract.dating import parse_document_date
from sei_analysis.extract.period_text import find_periods


def periods(text: str, date: str | None, title: str | None = None) -> list[tuple[float, str, str]]:
    found = extract_figures(text, document_date=date, document_title=title)
    return [(v, p, b) for v, p, b in found[["value", "period", "period_basis"]].itertuples(index=False)]


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # a half with no year, in a release of July: the half that has just ended
        ("上半年，规模以上工业增加值同比增长6.0%。", "2019-07-15", "2019H1"),
        ("In the first half of the year, industrial output grew 6.0 percent.", "2019-07-15", "2019H1"),
        # cumulative months, in a release of the month after
        ("1—7月，规模以上工业增加值同比增长6.6%。", "2018-08-14", "2018M01-M07"),
        ("From January to July, industrial output grew 6.6 percent.", "2018-08-14", "2018M01-M07"),
        ("In the first seven months, industrial output grew 6.6 percent.", "2018-08-14", "2018M01-M07"),
        # a month in a release of the next year
        ("12月份，规模以上工业增加值同比增长7.3%。", "2021-01-18", "2020M12"),
        ("In December, industrial output rose 7.3 percent.", "2021-01-18", "2020M12"),
        ("11月份，规模以上工业增加值同比增长5.4%。", "2018-12-27", "2018M11"),
        ("In November, industrial output rose 5.4 percent.", "2018-12-27", "2018M11"),
        # cumulative quarters and one quarter
        ("前三季度，高技术制造业增加值同比增长9.6%。", "2025-10-20", "2025Q1-Q3"),
        ("In the first three quarters, high-tech manufacturing grew 9.6 percent.", "2025-10-20", "2025Q1-Q3"),
        ("二季度，国内生产总值同比增长5.2%。", "2025-07-15", "2025Q2"),
        ("In the second quarter, GDP grew 5.2 percent.", "2025-07-15", "2025Q2"),
        # years counted from the date
        ("去年，国内生产总值比上年增长2.3%。", "2021-01-18", "2020"),
        ("Last year, GDP grew 2.3 percent.", "2021-01-18", "2020"),
        ("今年以来，高技术制造业增加值增长9.5%。", "2025-07-31", "2025"),
        ("This year, high-tech manufacturing grew 9.5 percent.", "2025-07-31", "2025"),
        ("去年上半年，工业增长3.4%。", "2023-03-01", "2022H1"),
        # a release dated by its year only: the year's end
        ("In the first half of the year, SEI value added increased by 2.9%.", "2020", "2020H1"),
    ],
)
def test_yearless_and_relative_periods_resolve_against_the_document_date(text, date, expected):
    assert periods(text, date) == [(periods(text, date)[0][0], expected, "document date")]


@pytest.mark.parametrize(
    "text",
    [
        "2018年上半年，规模以上工业增加值增长6.7%。",
        "In the first half of 2018, industrial output grew 6.7 percent.",
    ],
)
def test_a_year_stated_in_the_sentence_wins_over_the_document_date(text):
    assert periods(text, "2019-07-15") == [(6.7, "2018H1", "stated")]


def test_a_yearless_target_is_the_year_ahead_in_a_plan_dated_before_it_ends():
    (row,) = periods("今年发展主要预期目标是：国内生产总值增长5%左右。", "2024-03-05")
    assert row[1:] == ("2024", "document date")
    (row,) = periods("全年预期目标是：国内生产总值增长5%左右。", "2024-03-05")
    assert row[1] == "2024"


@pytest.mark.parametrize(
    "text",
    [
        "上半年，规模以上工业增加值增长6.3%。高技术制造业增加值增长8.5%。",
        "In the first half of the year, industry grew 6.3 percent. High-tech output grew 8.5 percent.",
    ],
)
def test_a_sentence_without_a_period_takes_the_nearest_earlier_one_in_its_paragraph(text):
    assert periods(text, "2019-07-15") == [(6.3, "2019H1", "document date"), (8.5, "2019H1", "inherited")]


def test_inheritance_stops_at_the_paragraph():
    text = "上半年，工业增加值增长6.3%。\n高技术制造业增加值增长8.5%。"
    assert periods(text, "2019-07-15")[1][1:] != ("2019H1", "inherited")


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("2019年上半年国民经济运行稳中有进", "工业增加值增长6.3%。高技术制造业增加值增长8.5%。"),
        (
            "National economy in the first half of 2019",
            "Industrial output grew 6.3 percent. Retail sales rose 8.4%.",
        ),
    ],
)
def test_failing_that_a_figure_takes_the_reporting_period_of_the_title(title, text):
    assert [row[1:] for row in periods(text, "2019-07-15", title)] == [("2019H1", "document")] * 2


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("National Economy Maintained Stable Growth in the First Half", "2019H1"),
        ("Industrial Production in the First Three Quarters", "2018Q1-Q3"),
        ("Industrial Production in the Second Quarter", "2019Q2"),
        ("Industrial Output in the First Six Months", "2019M01-M06"),
    ],
)
def test_a_title_in_title_case_states_its_period_too(title, expected):
    """English titles capitalise their words (an NBS release saved as PDF keeps its /Title so)."""
    assert periods("Industrial output grew 6.3 percent.", "2019-07-15", title) == [
        (6.3, expected, "document")
    ]


def test_or_of_the_first_sentence():
    text = "2019年上半年国民经济运行稳中有进\n工业增加值增长6.3%。"
    assert periods(text, "2019-07-15") == [(6.3, "2019H1", "document")]


def test_nothing_gives_a_period_leaves_it_empty():
    (row,) = periods("工业增加值增长6.3%。", "2019-07-15")
    assert pd.isna(row[1]) and pd.isna(row[2])


def test_without_a_document_date_only_the_sentence_counts():
    rows = periods("上半年，工业增长6.3%。2019年，高技术增长8.5%。", None)
    assert pd.isna(rows[0][1]) and rows[1][1:] == ("2019", "stated")


@pytest.mark.parametrize(
    "text", ["People's Daily Online, Beijing, September 23 (Reporter)", "新华社北京9月23日电"]
)
def test_a_dateline_is_no_period(text):
    assert find_periods(text) == []


@pytest.mark.parametrize(
    "text", ["【發改高技(2020)1409號】", "发改高技〔2020〕1409号", "NDRC High-Tech [2020] No. 1409"]
)
def test_the_year_of_a_document_number_is_no_period(text):
    assert find_periods(text) == []


def test_a_comparison_with_last_year_is_no_period():
    assert find_periods("比去年同期增长5%") == [] and find_periods("比上年增长5%") == []


@pytest.mark.parametrize("bad", ["2020-13-01", "20-01-01", "July 2019", "2020/01/01"])
def test_a_bad_document_date_names_the_field(bad):
    with pytest.raises(InputError, match="document_date"):
        parse_document_date(bad)


def test_document_dates_of_a_year_or_a_month_mean_their_last_day():
    assert parse_document_date("2024-02") == dt.date(2024, 2, 29)
    assert parse_document_date("2023-02") == dt.date(2023, 2, 28)
