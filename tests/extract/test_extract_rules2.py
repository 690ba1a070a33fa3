"""Unit tests of the rules decided after the third held-out batch (holdout3), one per test.

The rules are listed in the header of ``tests/extract/labelled/holdout3.yml`` and in the README.
"""

from __future__ import annotations

import pandas as pd

from sei_analysis.extract import extract_figures


def column(text: str, name: str) -> list:
    found = extract_figures(text)
    return [None if pd.isna(v) else v for v in found[name].tolist()]


def test_unemployment_and_jobless_rates_are_shares_even_after_a_growth_figure():
    text = "Growth reached 5.2 percent, while the jobless rate held at 5.1 percent."
    assert column(text, "measure") == ["growth_rate", "share"]
    assert column("城镇调查失业率平均值为5.1%。", "measure") == ["share"]


def test_per_unit_of_gdp_is_not_a_share_and_an_elided_cut_keeps_its_sign():
    text = (
        "Water use per unit of GDP will be reduced by 16 percent and land use per unit of GDP by 15 percent."
    )
    assert column(text, "value") == [-16.0, -15.0]
    assert column(text, "measure") == ["growth_rate", "growth_rate"]


def test_annual_rate_and_taiwanese_growth_rate_and_price_rise_are_growth_rates():
    assert column("Exports grew at an average annual rate of 7.4 percent.", "measure") == ["growth_rate"]
    assert column("去年全年經濟成長率為1.31%。", "measure") == ["growth_rate"]
    assert column("居民消费价格涨幅为2.1%。", "measure") == ["growth_rate"]


def test_contributing_introduces_a_share():
    text = "Services grew 5.8 percent, contributing 64 percent of economic growth."
    assert column(text, "measure") == ["growth_rate", "share"]


def test_surpassing_and_topped_are_at_least():
    text = "Sales surpassed 2 trillion yuan in 2023, and online orders topped 900 million."
    assert column(text, "qualifier") == ["at_least", "at_least"]


def test_scaled_number_counts_the_plural_noun_before_its_verb():
    text = "Registered users exceeded 520 million, while steel output was 1.01 billion tonnes."
    assert column(text, "unit") == ["count", "number"]
    # the noun is not right before the verb: a plain number, as labelled before
    assert column("The output of cars in 2020 was about 2.1 million.", "unit") == ["number"]


def test_between_month_and_month_is_a_cumulative_period():
    text = "Between February and June 2022, retail sales fell 0.7 percent."
    assert column(text, "period") == ["2022M02-M06"]
    # a plain "and" between months is a list, not a range
    assert column("Output rose 3 percent in May 2022.", "period") == ["2022M05"]


def test_official_forecasts_are_targets():
    assert column("預測今年出口增長4%。", "is_target") == [True]
    assert column("Output is targeted at 3.5 percent growth.", "is_target") == [True]


def test_a_list_of_goals_after_a_colon_stays_a_list_of_goals():
    text = "主要目标为：粮食产量1.3万亿斤以上；单位GDP能耗降低2.5%左右。"
    assert column(text, "is_target") == [True, True]
    assert column("今年前三季度：出口增长5%；进口增长3%。", "is_target") == [False, False]


def test_a_figure_a_year_earlier_takes_the_year_before():
    text = "The ratio rose to 3.1 percent in 2022 from 2.9 percent a year earlier."
    assert column(text, "period") == ["2022", "2021"]
    text = "Output grew 6 percent in the first quarter of 2024, after 4 percent in the same period last year."
    assert column(text, "period") == ["2024Q1", "2023Q1"]
    # a decade earlier stays unnamed
    assert column("The share was 8 percent in 2023, against 5 percent a decade earlier.", "period") == [
        "2023",
        None,
    ]


def test_a_rate_after_slower_than_is_the_compared_rate_itself():
    text = "Output grew 4.7 percent, slower than the 5.3 percent pace in the previous quarter."
    assert column(text, "value") == [4.7, 5.3]


def test_physical_units_after_a_scaled_number_are_not_counted_things():
    text = "Power use rose to 9.22 trillion kilowatt-hours, and output hit 1.2 billion tonnes."
    assert column(text, "unit") == ["number", "number"]


def test_months_listed_respectively_give_each_figure_its_month():
    text = "Exports rose 7 percent, 8.1 percent and 6.2 percent in June, July and August 2023, respectively."
    assert column(text, "period") == ["2023M06", "2023M07", "2023M08"]
    text = "2023年6月、7月和8月，出口分别增长7%、8.1%和6.2%。"
    assert column(text, "period") == ["2023M06", "2023M07", "2023M08"]


def test_a_ratio_set_at_a_level_is_a_goal():
    assert column("The deficit ratio is set at 3 percent for 2024.", "is_target") == [True]


def test_decimals_below_one_in_a_bare_list_are_figures():
    text = "增速分别比上月和上年同期加快0.5和1.2个百分点。"
    assert column(text, "value") == [0.5, 1.2]
    assert column(text, "unit") == ["percentage_point", "percentage_point"]


def test_a_growth_target_set_at_a_level_is_a_growth_rate():
    assert column("今年經濟增長目標定為5%左右。", "measure") == ["growth_rate"]


def test_budgeted_amounts_are_goals():
    assert column("Spending is budgeted at 2.1 trillion yuan.", "is_target") == [True]


def test_a_year_inside_an_open_bracket_note_is_not_the_figures_period():
    assert column("出口增长5%左右(2022年为7%)。", "period") == [None, "2022"]
    # a closed note is passed over: the year after it is the figure's own
    assert column("Revenue fell to 3 trillion yuan ($420 billion) in 2022.", "period") == ["2022", "2022"]


def test_a_year_attached_after_a_fall_or_rise_word_is_the_figures_own():
    text = (
        "Profits rose 10.8 percent in the first two months of 2024, "
        "reversing a 2.3 percent decline for the whole of 2023."
    )
    assert column(text, "period") == ["2024M01-M02", "2023"]
