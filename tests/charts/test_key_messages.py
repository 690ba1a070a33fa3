"""Key messages are written from the tables: change the table and the messages change with it."""

from __future__ import annotations

import pandas as pd
import pytest

from sei_analysis.charts import key_messages
from sei_analysis.indicators import add_period_bounds, target_attainment

AS_OF = "2026-12-01"


def share_rows(rows: list[tuple]) -> pd.DataFrame:
    """A small indicators table: (period, value, qualifier, kind, source_title, date_published)."""
    frame = pd.DataFrame(
        rows, columns=["period", "value", "qualifier", "kind", "source_title", "date_published"]
    ).assign(indicator="sei_share_of_gdp", source_id="ref", confidence="high", unit="percent")
    return add_period_bounds(frame)


def fixture_indicators() -> pd.DataFrame:
    return share_rows(
        [
            ("2015", 8.0, "approx", "target", "State Council: Decision", "2010-10"),
            (
                "2015",
                8.0,
                "at_least",
                "actual",
                "NDRC Academy of Macroeconomic Research: Report",
                "2016-02-22",
            ),
            ("2020", 15.0, "exact", "target", "State Council: 13th plan", "2016-12"),
            ("2020", 11.7, "exact", "actual", "NBS: Release", "2021-07-01"),
            (
                "2022",
                13.0,
                "at_least",
                "actual",
                "Ministry of Industry and Information Technology: Forum",
                "2023-07-06",
            ),
            ("2025", 17.0, "at_least", "target", "State Council: 14th plan", "2021-03"),
        ]
    )


def messages(ind: pd.DataFrame, lang: str = "en"):
    return key_messages(ind, target_attainment(ind, as_of=AS_OF), lang)


def test_messages_come_from_the_tables_with_their_sources():
    texts = messages(fixture_indicators()).texts
    assert texts[0] == (
        "The SEI share of GDP reached more than 13% in 2022 (MIIT, 2023-07-06), "
        "4 points short of the 2025 target of more than 17%."
    )
    assert texts[1].startswith("The 2025 target of more than 17% (State Council) is due, and no outturn")
    assert "as of 2026-12-01" in texts[1] and "more than 13% for 2022 (actual, MIIT, 2023-07-06)" in texts[1]
    assert texts[2] == (
        "The 2020 target of 15% was missed: the share was 11.7% in 2020 (NBS, 2021-07-01), 3.3 points short."
    )
    assert texts[3].startswith("The 2015 target of about 8% was met")
    assert 3 <= len(texts) <= 5


def test_messages_change_when_the_indicator_table_changes():
    before = messages(fixture_indicators()).texts
    newer = pd.concat(
        [
            fixture_indicators(),
            share_rows([("2024", 14.2, "exact", "actual", "NBS: Release 2025", "2025-07-01")]),
        ],
        ignore_index=True,
    )
    after = messages(newer).texts
    assert after != before
    # hand calculation: 17 - 14.2 = 2.8 points short of the 2025 target
    assert after[0] == (
        "The SEI share of GDP reached 14.2% in 2024 (NBS, 2025-07-01), "
        "2.8 points short of the 2025 target of more than 17%."
    )


def test_a_target_met_by_its_own_outturn_is_said_so():
    ind = pd.concat(
        [
            fixture_indicators(),
            share_rows([("2025", 17.5, "exact", "actual", "NBS: Release 2026", "2026-07-01")]),
        ],
        ignore_index=True,
    )
    texts = messages(ind).texts
    assert not any("is due" in t for t in texts)
    assert "The 2025 target of more than 17% was met: the share was 17.5% in 2025 (NBS, 2026-07-01)." in texts


def test_messages_in_chinese_name_the_source_in_chinese():
    first = messages(fixture_indicators(), "zh").texts[0]
    expected = "2022年战略性新兴产业增加值占国内生产总值比重超过13%（工业和信息化部，2023-07-06），"
    assert first == expected + "距2025年超过17%的目标差4个百分点。"


def test_the_most_important_messages_are_kept_up_to_the_limit():
    ind = fixture_indicators()
    kept = key_messages(ind, target_attainment(ind, as_of=AS_OF), limit=2)
    assert [m.id for m in kept] == ["latest_share_2022", "due_2025"]


def test_an_unknown_language_is_refused():
    with pytest.raises(Exception, match="lang"):
        messages(fixture_indicators(), "fr")
