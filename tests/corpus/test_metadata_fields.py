"""Dates, languages and ids of new provenance records."""

from __future__ import annotations

import datetime as dt

import pytest

from sei_analysis.corpus.metadata import check_date, check_id, detect_script, make_id, parse_date
from sei_analysis.errors import DocumentError

TODAY = dt.date(2024, 6, 30)


@pytest.mark.parametrize(
    ("given", "stored"), [("2024", "2024"), ("2024-03", "2024-03"), ("2024-03-18", "2024-03-18")]
)
def test_a_date_option_keeps_its_precision(given, stored):
    assert check_date(given, today=TODAY) == stored


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ("18/03/2024", "not a date"),
        ("2024-3-18", "not a date"),
        ("2024-02-30", "not a calendar date"),
        ("2024-13", "not a calendar date"),
        ("2024-07-01", "in the future"),
        ("1900", "before 1949"),
        ("", "not a date"),
    ],
)
def test_a_bad_date_option_is_refused_with_its_value_and_the_reason(given, reason):
    with pytest.raises(DocumentError, match=reason) as info:
        check_date(given, today=TODAY)
    assert f"--date {given!r}" in str(info.value)


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("2024-03-18 10:00", "2024-03-18"),
        ("2024-03-18T16:04:00+08:00", "2024-03-18"),
        ("2024/3/18", "2024-03-18"),
        ("2024年3月18日", "2024-03-18"),
        ("D:20240318102000+08'00'", "2024-03-18"),
        ("D:2024", "2024"),
        ("Mar 18, 2024", "2024-03-18"),
        ("Monday, March 18, 2024", "2024-03-18"),
        ("18 March 2024", "2024-03-18"),
        ("2024年3月", "2024-03"),
    ],
)
def test_dates_are_read_as_documents_write_them(written, date):
    assert parse_date(written, today=TODAY) == date


@pytest.mark.parametrize("written", ["soon", "2024-02-30", "2025-01-01", "Smarch 3, 2024", ""])
def test_a_document_date_that_is_no_past_date_is_not_found(written):
    assert parse_date(written, today=TODAY) is None


def test_traditional_and_simplified_chinese_are_told_apart():
    assert detect_script("戰略性新興產業增加值佔國內生產總值比重") == "zh-Hant"
    assert detect_script("战略性新兴产业增加值占国内生产总值比重") == "zh-Hans"
    assert detect_script("Strategic emerging industries grew 8.6 percent.") == "en"


@pytest.mark.parametrize(
    "bad", ["../../x", "..", "a/b", "a\\b", "-x", "x-", "a b", "a..b", "", "é", "x" * 81]
)
def test_an_id_outside_the_restricted_characters_is_refused(bad):
    with pytest.raises(DocumentError, match="--id"):
        check_id(bad)


def test_ids_are_made_from_publisher_date_and_title_words():
    assert (
        make_id("国家统计局", "2024-03-18", "2024年1—2月份国民经济起步平稳", set())
        == "nbs-2024-03-18-economy"
    )
    assert (
        make_id("National Bureau of Statistics", "2024-03-18", "China's economy makes steady start", set())
        == "nbs-2024-03-18-china-economy-makes-steady"
    )


def test_a_taken_id_gets_a_number():
    taken = {"nbs-2024-03-18-economy", "nbs-2024-03-18-economy-2"}
    assert make_id("国家统计局", "2024-03-18", "国民经济起步平稳", taken) == "nbs-2024-03-18-economy-3"


def test_a_made_id_always_passes_the_id_check():
    for args in [
        ("", "2024", "", ""),
        ("某市统计局", "2024-01", "", "报告.pdf"),
        ("A/B", "2020", "../x", "../y.txt"),
    ]:
        publisher, date, title, name = args
        assert check_id(make_id(publisher, date, title, set(), file_name=name))
