"""Unit tests of extract_figures, one rule per test."""

from __future__ import annotations

import pandas as pd
import pytest
from numpy.testing import assert_allclose

from sei_analysis.errors import InputError
from sei_analysis.extract import FIGURE_COLUMNS, FIGURE_DTYPES, extract_figures


def one(text: str, lang: str | None = None) -> pd.Series:
    """The single figure of a text (fails when there is not exactly one)."""
    found = extract_figures(text, lang)
    assert len(found) == 1, found[["value", "raw"]]
    return found.iloc[0]


def values(text: str) -> list[float]:
    return extract_figures(text)["value"].tolist()


# --- schema ---------------------------------------------------------------------------


def test_columns_are_in_contract_order():
    assert list(extract_figures("It grew 5%.").columns) == FIGURE_COLUMNS


def test_empty_result_keeps_columns_and_dtypes():
    empty = extract_figures("No figures here.")
    assert empty.empty
    assert list(empty.columns) == FIGURE_COLUMNS
    assert empty.dtypes.astype(str).to_dict() == {
        k: str(pd.Series([], dtype=v).dtype) for k, v in FIGURE_DTYPES.items()
    }


def test_offsets_point_into_normalised_text():
    raw_text = "增長１０．８％，發(fā)展"
    figure = one(raw_text)
    assert figure["raw"] == "10.8%" and (figure["start"], figure["end"]) == (2, 7)


def test_unknown_language_is_rejected():
    with pytest.raises(InputError, match="lang"):
        extract_figures("5%", lang="fr")


# --- units and values -----------------------------------------------------------------


def test_percent_in_words_and_symbol():
    assert values("grew 8.9 percent and 5.1 per cent and 3%") == [8.9, 5.1, 3.0]


def test_percentage_points_english_and_chinese():
    assert one("2.7 percentage points faster")["unit"] == "percentage_point"
    assert one("快2.0个百分点")["unit"] == "percentage_point"
    assert one("快2.0個百分點")["unit"] == "percentage_point"


def test_count_of_things():
    figure = one("cultivate 10 strategic emerging industrial bases")
    assert (figure["unit"], figure["measure"]) == ("count", "level")


def test_count_with_chinese_measure_word():
    assert one("培育100個集群")["unit"] == "count"


def test_plain_number_is_number():
    assert one("The PMI stood at 52.6 in May.")["unit"] == "number"


def test_currency_with_scale_word_in_units():
    figure = one("invest 105 billion euros")
    assert (figure["unit"], figure["currency"]) == ("currency", "EUR")
    assert_allclose(figure["value"], 1.05e11)


def test_chinese_yi_yuan_is_cny_times_1e8():
    figure = one("利润总额8.7亿元")
    assert figure["currency"] == "CNY"
    assert_allclose(figure["value"], 8.7e8)


def test_chinese_wan_yi_yuan_is_1e12():
    assert_allclose(one("达到1.2万亿元")["value"], 1.2e12)


def test_traditional_wan_scale():
    assert_allclose(one("超過22.5萬家")["value"], 225000)


def test_currency_symbol_before_number():
    figure = one("a budget of US$ 5 billion")
    assert figure["currency"] == "USD"
    assert_allclose(figure["value"], 5e9)


def test_multiple_twice_and_times():
    assert values("about twice the rate and 3 times that of 2015") == [2.0, 3.0]
    assert set(extract_figures("about twice the rate and 3 times that")["unit"]) == {"multiple"}


def test_doubling_in_chinese_is_growth_multiple():
    figure = one("产值比2015年翻一番")
    assert (figure["value"], figure["unit"], figure["measure"]) == (2.0, "multiple", "growth_rate")


def test_fan_liang_fan_is_four():
    assert one("翻两番")["value"] == 4.0


def test_english_number_word_with_unit():
    assert one("three times the level")["value"] == 3.0
    assert_allclose(one("more than ten trillion yuan")["value"], 1e13)


def test_cheng_is_ten_percent():
    figure = one("占比约为三成")
    assert (figure["value"], figure["unit"]) == (30.0, "percent")


def test_chinese_numeral_times():
    # 增长两倍 keeps the stated number (see the stated-multiple rule in extract.py).
    assert one("增长两倍")["value"] == 2.0
    assert one("是上年的两倍")["value"] == 2.0


# --- sign -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["output dropped 1.3%", "exports fell 1.3%", "profits declined by 1.3%", "同比下降1.3%", "增速回落1.3%",
     "利润下滑1.3%", "減少1.3%", "sales decreased by 1.3%"],
)  # fmt: skip
def test_a_fall_is_negative(text):
    assert one(text)["value"] == -1.3


def test_growth_is_positive():
    assert one("同比增长8.6%")["value"] == 8.6


def test_percentage_points_lower_is_negative():
    assert one("1.2 percentage points lower than a year earlier")["value"] == -1.2


def test_level_reached_after_a_fall_word_is_not_negated():
    assert one("growth slowed to 4.1 percent")["value"] == 4.1


# --- measure --------------------------------------------------------------------------


def test_growth_rate_measure():
    assert one("increased by 2.9% over the same period")["measure"] == "growth_rate"


def test_share_measure_accounted_for():
    assert one("accounted for 42.4% of the total")["measure"] == "share"


def test_share_measure_chinese_bizhong():
    assert one("占规模以上工业增加值的比重为14.9%")["measure"] == "share"


def test_share_of_gdp_after_the_figure():
    assert one("SEI value added was 11.5% of GDP")["measure"] == "share"


def test_gap_measure_for_percentage_points():
    assert one("高于全部投资3.9个百分点")["measure"] == "gap"


def test_relative_gap_for_percent_higher_than():
    figure = one("was more than 40% higher than the national level")
    assert (figure["measure"], figure["qualifier"]) == ("relative_gap", "at_least")


def test_relative_gap_chinese_gaochu():
    assert one("增速高出全国平均水平40%")["measure"] == "relative_gap"


def test_clause_decides_between_growth_and_share():
    found = extract_figures("上半年，高技术制造业增加值同比增长4.5%，占规模以上工业增加值的比重为14.9%。")
    assert found["measure"].tolist() == ["growth_rate", "share"]


# --- qualifier ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, qualifier",
    [("about 8%", "approx"), ("around 8%", "approx"), ("nearly 8%", "approx"), ("8%左右", "approx"),
     ("约8%", "approx"), ("近8%", "approx"), ("15% Left and right", "approx"), ("more than 8%", "at_least"),
     ("over 8%", "at_least"), ("超过8%", "at_least"), ("8%以上", "at_least"), ("逾8%", "at_least"),
     ("less than 8%", "at_most"), ("below 8%", "at_most"), ("不到8%", "at_most"), ("8%以下", "at_most"),
     ("不超过8%", "at_most"), ("8%", "exact")],
)  # fmt: skip
def test_qualifier(text, qualifier):
    assert one(text)["qualifier"] == qualifier


def test_duo_between_number_and_measure_word_is_at_least():
    assert one("新增10多个集群")["qualifier"] == "at_least"


# --- lists ----------------------------------------------------------------------------


def test_verb_covers_a_list_respectively():
    found = extract_figures("grew by 11.6 percent, 9.0 percent and 8.6 percent respectively")
    assert found["value"].tolist() == [11.6, 9.0, 8.6]
    assert set(found["measure"]) == {"growth_rate"}


def test_chinese_list_fenbie():
    found = extract_figures("分别增长10.8%和13.1%")
    assert found["measure"].tolist() == ["growth_rate", "growth_rate"]


def test_unit_after_a_list_covers_the_bare_number():
    found = extract_figures("分别快于规模以上工业3.9和6.2个百分点")
    assert found["unit"].tolist() == ["percentage_point", "percentage_point"]
    assert found["measure"].tolist() == ["gap", "gap"]


def test_qualifier_distributes_over_a_list():
    found = extract_figures("accounted for more than 30%, 50% and 60% of the global market respectively")
    assert found["qualifier"].tolist() == ["at_least"] * 3


def test_fall_covers_a_list():
    assert values("分别下降2.3%和4.0%") == [-2.3, -4.0]


# --- target ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["strive to reach about 8%", "the target is 15%", "By 2025, the share will reach 17%", "力争达到15%",
     "到2020年，比重达到15%", "目标是20%", "预计到2025年占比20%", "aims to build 10 clusters"],
)  # fmt: skip
def test_planned_goals_are_targets(text):
    assert bool(one(text)["is_target"]) is True


def test_reported_figures_are_not_targets():
    assert bool(one("In 2019, the value added grew 8.4%.")["is_target"]) is False


def test_past_by_the_end_of_is_not_a_target():
    assert bool(one("The number exceeded 225,000 by the end of 2019.")["is_target"]) is False


# --- period ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, period",
    [("In 2019, it grew 5%.", "2019"), ("In the first half of 2016, it grew 5%.", "2016H1"),
     ("2016年上半年，增长5%。", "2016H1"), ("In the first quarter of 2017, it grew 5%.", "2017Q1"),
     ("2017年一季度，增长5%。", "2017Q1"), ("In the first three quarters of 2019, it grew 5%.", "2019Q1-Q3"),
     ("2019年前三季度，增长5%。", "2019Q1-Q3"), ("From January to July 2018, it grew 5%.", "2018M01-M07"),
     ("2018年1-7月份，增长5%。", "2018M01-M07"), ("2018年前7个月，增长5%。", "2018M01-M07"),
     ("In November 2018, it grew 5%.", "2018M11"), ("2018年11月，增长5%。", "2018M11"),
     ("In 2016 and 2017, it grew 5%.", "2016-2017"), ("2016-2017年，增长5%。", "2016-2017"),
     ("By 2020, the share will reach 15%.", "2020")],
)  # fmt: skip
def test_period_codes(text, period):
    assert one(text)["period"] == period


def test_period_is_missing_when_no_year_is_stated():
    assert pd.isna(one("In the first half of the year, it grew 5%.")["period"])


def test_comparison_year_is_not_the_period():
    found = extract_figures("accounted for 11.5% of GDP in 2019, up 3.9 percentage points from 2014")
    assert found["period"].tolist() == ["2019", "2019"]


def test_nearest_year_wins_in_a_list_of_years():
    found = extract_figures("accounted for 36.2% of GDP in 2019 and 38.6% in 2020.")
    assert found["period"].tolist() == ["2019", "2020"]


# --- subject and sentence -------------------------------------------------------------


def test_subject_is_the_measured_quantity():
    figure = one("1-7月份，规模以上工业战略性新兴产业增加值同比增长8.6%。")
    assert figure["subject"] == "规模以上工业战略性新兴产业增加值"


def test_english_subject_drops_articles():
    assert one("In 2018, the value added of strategic emerging industries grew by 8.9 percent.")[
        "subject"
    ] == ("value added of strategic emerging industries")


def test_sentence_is_the_normalised_sentence():
    found = extract_figures("First one. In 2018 it grew 8.9 percent. Last one.")
    assert found.loc[0, "sentence"] == "In 2018 it grew 8.9 percent."


# --- exclusions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["in 2020", "2020年", "September 8", "2020 September 8 day", "8日", "9月8日", "(1) Accelerate",
     "( 11) Promote", "(九)深入推进", "一是加快", "1. The Opinions", "3、加快", "High-Tech [2020] No. 1409",
     "发改高技(2020)1409號", "发改高技〔2020〕1409号", "5G networks", "4G upgrades",
     "NL8060BC26-35D G121SN01-V4", "前5个月",
     "the first 5 months", "13th Five-Year Plan", "14th Five-Year", "the 19th National Congress", "第三产业",
     "the “1+4” cluster project", "COVID-19", "on September 21 and 22, 2009", "“十三五”期间",
     "over 200 years"],
)  # fmt: skip
def test_exclusions_are_never_figures(text):
    assert extract_figures(text).empty, extract_figures(text)[["raw"]]


def test_seed_part_number_line_is_dropped_by_normalisation():
    assert extract_figures("reach far.\n\n\nThe Links:   NL8060BC26-35D G121SN01-V4").empty


def test_currency_code_glued_to_the_number():
    figure = one("revenue of RMB1.2 trillion")
    assert figure["currency"] == "CNY"
    assert_allclose(figure["value"], 1.2e12)


def test_fan_le_yi_fan_is_doubling():
    assert one("产值翻了一番")["value"] == 2.0


def test_zeng_zhang_le_times_is_growth():
    assert one("出口增长了2.3倍")["measure"] == "growth_rate"


def test_range_with_hyphen_takes_the_unit_and_stays_positive():
    assert values("a growth target of 6.5-7 percent") == [6.5, 7.0]
    assert set(extract_figures("a growth target of 6.5-7 percent")["unit"]) == {"percent"}


def test_contribution_to_growth_is_a_share():
    assert one("its contribution to economic growth exceeded 20 percent")["measure"] == "share"


@pytest.mark.parametrize("text", ["In 2019, GDP growth was 6.1 percent.", "国内生产总值增速为6.1%。"])
def test_gdp_growth_is_a_growth_rate_not_a_share(text):
    assert one(text)["measure"] == "growth_rate"


@pytest.mark.parametrize(
    "text", ["Article 5 of the law", "Industry 4.0 strategy", "signed on 9/8/2020", "Section 3 sets out"]
)
def test_document_parts_versions_and_slashed_dates_are_not_figures(text):
    assert extract_figures(text).empty


@pytest.mark.parametrize(
    "text, period", [("In H1 2019, output grew 5%.", "2019H1"), ("Q3 2020 sales rose 8%.", "2020Q3")]
)
def test_short_half_and_quarter_codes(text, period):
    assert one(text)["period"] == period


@pytest.mark.parametrize(
    "text, qualifier", [("至少5%", "at_least"), ("超5%", "at_least"), ("最多5%", "at_most")]
)
def test_more_chinese_qualifiers(text, qualifier):
    assert one(text)["qualifier"] == qualifier


def test_verb_dao_year_is_not_a_target():
    found = extract_figures("新能源汽车销量由2015年的33.1万辆增加到2020年的136.7万辆,年均增长32.8%。")
    assert not found["is_target"].any()
    assert found["period"].tolist() == ["2015", "2020", "2020"]


def test_analyst_forecast_is_not_a_target_and_measures_like_its_neighbour():
    found = extract_figures("Industrial output rose 6.9 percent in August, beating forecasts of 5.9 percent.")
    assert found["measure"].tolist() == ["growth_rate", "growth_rate"]
    assert not found["is_target"].any()


def test_baseline_of_a_target_is_not_a_target():
    found = extract_figures(
        "Output is projected to hit 10 trillion yuan by 2025, up from 6.5 trillion yuan in 2020."
    )
    assert found["is_target"].tolist() == [True, False]


def test_percent_range_is_not_negative():
    assert values("Annual growth of 6%-7% is expected.") == [6.0, 7.0]


def test_explicit_minus_is_negative():
    assert values("growth was -1.3% in May") == [-1.3]


def test_physical_units_are_numbers_not_counts():
    assert one("capacity will exceed 1,200 GW by 2030")["unit"] == "number"


def test_ellipsis_by_shares_measure_and_direction():
    found = extract_figures(
        "Mining fell by 7.3 percent, manufacturing by 3.0 percent, and utilities by 5.0 percent."
    )
    assert found["value"].tolist() == [-7.3, -3.0, -5.0]
    assert set(found["measure"]) == {"growth_rate"}


def test_cut_by_is_a_fall():
    assert one("cut emissions by at least 55% by 2030")["value"] == -55.0


@pytest.mark.parametrize(
    "text, value",
    [("exports grew threefold", 3.0), ("output will double by 2025", 2.0), ("产值实现翻番", 2.0)],
)
def test_more_multiple_words(text, value):
    figure = one(text)
    assert (figure["value"], figure["unit"]) == (value, "multiple")


@pytest.mark.parametrize("text", ["double-digit growth", "a 5-year plan", "at 10:30 on Monday"])
def test_more_non_figures(text):
    assert extract_figures(text).empty


def test_decline_amplitude_is_negative():
    assert one("利润降幅为2.1%")["value"] == -2.1
