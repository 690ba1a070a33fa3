"""Unit tests of the rules decided after the second held-out batch (holdout2), one per test.

The rules are listed in the header of ``tests/extract/labelled/holdout2.yml`` and in the README.
"""

from __future__ import annotations

import pandas as pd
import pytest
from numpy.testing import assert_allclose

from sei_analysis.extract import extract_figures


def one(text: str) -> pd.Series:
    """The single figure of a text (fails when there is not exactly one)."""
    found = extract_figures(text)
    assert len(found) == 1, found[["value", "raw"]]
    return found.iloc[0]


def column(text: str, name: str) -> list:
    found = extract_figures(text)
    return [None if pd.isna(v) else v for v in found[name].tolist()]


# --- measure named before the verb, and years listed "respectively" -------------------


def test_growth_rates_before_were_name_the_measure_and_years_map_one_to_one():
    found = extract_figures("In 2016 and 2017, the growth rates of SEI were 10.5% and 11.0% respectively.")
    assert found["value"].tolist() == [10.5, 11.0]
    assert found["measure"].tolist() == ["growth_rate", "growth_rate"]
    assert found["period"].tolist() == ["2016", "2017"]


@pytest.mark.parametrize(
    ("cue", "measure"),
    [("增速", "growth_rate"), ("增长率", "growth_rate"), ("比重", "share"), ("占比", "share")],
)
def test_chinese_measure_noun_before_wei_with_fenbie_years(cue, measure):
    found = extract_figures(f"2021年和2022年，规模以上工业增加值{cue}分别为9.6%和3.6%。")
    assert found["measure"].tolist() == [measure, measure]
    assert found["period"].tolist() == ["2021", "2022"]


def test_two_years_without_respectively_stay_a_span():
    assert one("In 2016 and 2017, SEI grew 10.5 percent a year on average.")["period"] == "2016-2017"


def test_a_span_of_years_is_not_split_by_respectively():
    found = extract_figures("2019年至2022年，产量和销量分别增长5.1%和6.2%。")
    assert found["period"].tolist() == ["2019-2022", "2019-2022"]


# --- years in titles -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "《中国制造2025》提出，制造业单位增加值能耗下降18%。",
        "根据《国民经济和社会发展第十四个五年规划和2035年远景目标纲要》，城镇化率提高到65%。",
        "《中國製造2025》提出，研發投入強度提高到1.26%。",
        "Under the Made in China 2025 plan, the domestic content is to reach 40 percent.",
    ],
)
def test_a_year_in_a_document_title_is_not_the_period(text):
    figure = one(text)
    assert pd.isna(figure["period"])


def test_a_goal_year_next_to_a_title_still_counts():
    figure = one("《中国制造2025》提出，到2020年，规模以上制造业单位工业增加值能耗比2015年下降18%。")
    assert (figure["value"], figure["period"], figure["is_target"]) == (-18.0, "2020", True)


# --- fractions, halving, basis points, doubling --------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("Nearly one third of the new cars sold were new energy vehicles.", 100 / 3, "approx"),
        ("Manufacturing accounts for about a quarter of China's GDP.", 25.0, "approx"),
        ("Two-thirds of the firms reported profits.", 200 / 3, "exact"),
        ("More than half of the enterprises are private.", 50.0, "at_least"),
        ("新能源汽车出口量占汽车出口总量的三分之一左右。", 100 / 3, "approx"),
        ("光伏组件产量约占全球的四分之三。", 75.0, "approx"),
    ],
)
def test_fractions_are_shares_in_percent(text, value, qualifier):
    figure = one(text)
    assert_allclose(figure["value"], value)
    assert (figure["unit"], figure["measure"], figure["qualifier"]) == ("percent", "share", qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "In the first three quarters of 2023, output rose.",
        "In the third quarter of 2023, output rose.",
        "In the first half of 2023, output rose.",
        "Investment was less than half of the previous year.",
    ],
)
def test_period_words_and_comparisons_are_not_fractions(text):
    assert extract_figures(text).empty


@pytest.mark.parametrize("text", ["The cost of wind power has been halved.", "风电成本减半。"])
def test_halving_is_a_multiple_of_one_half(text):
    figure = one(text)
    assert (figure["value"], figure["unit"], figure["measure"]) == (0.5, "multiple", "growth_rate")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The central bank cut the loan prime rate by 10 basis points.", -0.1),
        ("The PBOC lowered the reserve requirement ratio by 25 bps.", -0.25),
        ("贷款市场报价利率下调25个基点。", -0.25),
    ],
)
def test_basis_points_are_hundredths_of_a_percentage_point(text, value):
    figure = one(text)
    assert_allclose(figure["value"], value)
    assert (figure["unit"], figure["measure"]) == ("percentage_point", "gap")


def test_more_than_doubled_is_two_at_least():
    figure = one("Sales of new energy vehicles more than doubled.")
    assert (figure["value"], figure["unit"], figure["qualifier"]) == (2.0, "multiple", "at_least")


# --- a stated multiple keeps its number: 增长X倍 is X -------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "measure"),
    [
        ("新能源汽车出口同比增长1.1倍。", 1.1, "growth_rate"),
        ("利润增长了1.5倍。", 1.5, "growth_rate"),
        ("服務機器人產量同比增長2.5倍。", 2.5, "growth_rate"),
        ("发明专利授权量是2012年的3.5倍。", 3.5, "relative_gap"),
        ("新能源汽车产量比2015年翻一番。", 2.0, "growth_rate"),
        ("Exports of electric vehicles rose 3.5 times.", 3.5, "growth_rate"),
    ],
)
def test_a_stated_multiple_keeps_its_number(text, value, measure):
    figure = one(text)
    assert_allclose(figure["value"], value)
    assert (figure["unit"], figure["measure"]) == ("multiple", measure)


def test_a_list_of_growth_multiples_keeps_each_number():
    assert_allclose(column("产量和销量分别增长1.5倍和2倍。", "value"), [1.5, 2.0])


# --- signs of gaps -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The index rose 0.2 percentage point from the previous month.", 0.2),
        ("The utilisation rate was down 0.1 percentage points.", -0.1),
        ("Growth narrowed by 1.2 percentage points.", -1.2),
        ("Growth in industrial output slowed by 0.8 percentage points.", -0.8),
        ("增速比上月回落1.2个百分点。", -1.2),
        ("增速比上月加快0.8个百分点。", 0.8),
        ("增速較上年放緩12.3個百分點。", -12.3),
        ("降幅比1-9月份收窄1.2个百分点。", 1.2),
        ("降幅比上年扩大1.5个百分点。", -1.5),
        ("The decline narrowed by 0.1 percentage point from September.", 0.1),
    ],
)
def test_a_slowdown_or_narrowing_of_a_rate_is_a_negative_gap(text, value):
    figure = one(text)
    assert_allclose(figure["value"], value)
    assert figure["measure"] == "gap"


@pytest.mark.parametrize(
    ("text", "value"),
    [("Property investment slumped 9.3 percent.", -9.3), ("单位GDP能耗比2020年降低13.5%。", -13.5)],
)
def test_falls_without_a_comparison_are_negative_growth(text, value):
    figure = one(text)
    assert (figure["value"], figure["measure"]) == (value, "growth_rate")


# --- periods -------------------------------------------------------------------------


def test_a_year_in_an_earlier_sentence_is_not_carried_over():
    text = "2023年，规模以上工业增加值增长4.6%。分三大门类看，采矿业增长2.3%。"
    assert column(text, "period") == ["2023", None]


def test_a_clause_after_a_chinese_semicolon_keeps_the_period():
    text = "2023年10月份，进出口总值3.53万亿元，增长0.9%；其中，出口1.94万亿元，下降3.1%。"
    assert column(text, "period") == ["2023M10"] * 4


def test_a_month_without_a_year_takes_the_sentence_year():
    text = "Output rose 4.6 percent in October 2023, up from 4.5 percent in September."
    assert column(text, "period") == ["2023M10", "2023M09"]


def test_a_month_without_a_year_does_not_spill_into_the_next_clause():
    text = (
        "The CPI rose 0.1 percent in November 2023, compared with a 0.2 percent drop in October,"
        " while the PPI fell 3 percent."
    )
    assert column(text, "period") == ["2023M11", "2023M10", "2023M11"]


def test_a_figure_from_an_unnamed_earlier_time_has_no_period():
    text = "The share rose to 15.7 percent in 2022, compared with 9.4 percent a decade earlier."
    assert column(text, "period") == ["2022", None]


# --- other ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The rate for the 16-24 age group was 14.9 percent.",
        "The rate for people aged 16 to 24 was 14.9 percent.",
    ],
)
def test_ages_are_not_figures(text):
    assert one(text)["value"] == 14.9


def test_is_to_reach_is_a_target():
    assert bool(one("The domestic content of core components is to reach 40 percent by 2020.")["is_target"])


def test_a_right_qualifier_after_a_physical_unit():
    assert one("到2027年，新型储能装机规模达到1亿千瓦以上。")["qualifier"] == "at_least"


def test_physical_quantities_are_numbers_not_counts():
    assert one("Installed capacity exceeded 1.2 billion kilowatts.")["unit"] == "number"
