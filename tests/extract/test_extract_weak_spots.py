"""The weakest spots on new text (issue 10, section 7): goals named after the figure, floors and
ceilings, from-to pairs, forecasts by others, and Hong Kong durations such as 首3季."""

from __future__ import annotations

import pytest

from sei_analysis.extract import extract_figures


def rows(text: str, **kw) -> list[tuple]:
    found = extract_figures(text, **kw)
    return [tuple(r) for r in found[["value", "qualifier", "is_target", "period"]].itertuples(index=False)]


@pytest.mark.parametrize(
    "text",
    [
        "Beijing is likely to keep the 8 percent target.",
        "It kept a 5% growth goal.",
        "国内生产总值增长5%左右的预期目标。",
    ],
)
def test_a_goal_named_after_the_figure_is_a_target(text):
    assert [r[2] for r in rows(text)] == [True]


def test_a_floor_is_a_target_of_at_least_and_a_ceiling_of_at_most():
    assert rows("The central bank set a floor of 6.5 percent for growth.")[0][1:3] == ("at_least", True)
    assert rows("It set a ceiling of 3 percent on inflation.")[0][1:3] == ("at_most", True)


def test_a_from_to_pair_gives_each_figure_its_own_year_and_only_the_goal_is_a_target():
    assert rows("The share will rise from 7.8% in 2020 to 10% by 2025.") == [
        (7.8, "exact", False, "2020"),
        (10.0, "exact", True, "2025"),
    ]
    assert rows("数字经济核心产业增加值占GDP比重由2020年的7.8%提升至2025年的10%。")[0][3] == "2020"


def test_by_the_end_of_a_year_is_that_year():
    assert rows("The share will reach 10% by the end of 2025.")[0][3] == "2025"


@pytest.mark.parametrize(
    ("text", "period"), [("首3季GDP按年增长5.2%。", "2024Q1-Q3"), ("2024年首季GDP按年增长5.3%。", "2024Q1")]
)
def test_hong_kong_quarters_are_periods_and_their_numeral_is_no_figure(text, period):
    found = rows(text, document_date="2024-11-15")
    assert len(found) == 1 and found[0][3] == period


def test_a_forecast_by_others_keeps_its_own_value_and_is_no_target():
    found = rows(
        "China's economy grew 5.2 percent in 2023, beating the 5.0 percent forecast in a Reuters poll."
    )
    assert [(v, t) for v, _, t, _ in found] == [(5.2, False), (5.0, False)]
