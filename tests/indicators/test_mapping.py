"""The series mapping reads each figure's sentence: the right series, national figures only (issue 10)."""

from __future__ import annotations

import pandas as pd
import pytest

from sei_analysis.extract import extract_figures
from sei_analysis.indicators import add_period_bounds, indicator_row, map_figures, review_table
from sei_analysis.indicators.mapping import load_vocabulary

NBS = "国家统计局"


def decisions(text: str, date: str, publisher: str = NBS, title: str = "", vocab=None) -> pd.DataFrame:
    """extract_figures on one document, then the mapping's decisions (series, period, value, kind, ...)."""
    figures = extract_figures(text, document_date=date, document_title=title).assign(
        doc_id="doc", publisher=publisher, source_title=f"{publisher}: {title}", date_published=date
    )
    return map_figures(figures, vocab=vocab)[1]


def mapped(text: str, date: str, **kw) -> list[tuple[str, str, float, str]]:
    dec = decisions(text, date, **kw)
    dec = dec[dec["decision"] == "mapped"]
    return list(zip(dec["series"], dec["period"], dec["value"], dec["kind"], strict=True))


def left_out(text: str, date: str, **kw) -> dict[float, str]:
    dec = decisions(text, date, **kw)
    dec = dec[dec["decision"] == "left out"]
    return dict(zip(dec["value"], dec["reason"], strict=True))


def test_an_nbs_release_maps_industry_and_high_tech_manufacturing_and_leaves_a_sector_out():
    text = (
        "前三季度，全国规模以上工业增加值同比增长6.2%。其中，高技术制造业增加值同比增长9.6%，制造业增长6.7%。"
    )
    assert mapped(text, "2025-10-20") == [
        ("industry_va_growth", "2025Q1-Q3", 6.2, "actual"),
        ("hitech_manufacturing_va_growth", "2025Q1-Q3", 9.6, "actual"),
    ]
    assert "制造业" in left_out(text, "2025-10-20")[6.7]


def test_the_same_release_in_english():
    text = (
        "In the first three quarters, the value added of industrial enterprises above designated size grew "
        "by 6.2 percent year on year. The value added of high-tech manufacturing increased by 9.6 percent."
    )
    assert mapped(text, "2025-10-20", publisher="National Bureau of Statistics") == [
        ("industry_va_growth", "2025Q1-Q3", 6.2, "actual"),
        ("hitech_manufacturing_va_growth", "2025Q1-Q3", 9.6, "actual"),
    ]


def test_traditional_chinese():
    text = "前三季度，規模以上工業增加值同比增長6.2%，高技術製造業增加值增長9.6%。"
    assert [m[:3] for m in mapped(text, "2025-10-20")] == [
        ("industry_va_growth", "2025Q1-Q3", 6.2),
        ("hitech_manufacturing_va_growth", "2025Q1-Q3", 9.6),
    ]


def test_an_inherited_period_is_recorded_in_mapped_by():
    text = "上半年，规模以上工业增加值增长6.0%。高技术制造业增加值增长8.5%。"
    dec = decisions(text, "2019-07-15")
    row = dec[dec["value"] == 8.5].iloc[0]
    assert (row["period"], row["period_basis"]) == ("2019H1", "inherited")
    assert row["mapped_by"] == "series:hitech_manufacturing_va_growth (period inherited)"


def test_sei_growth_and_its_gap_with_all_industry():
    text = "2019年，规模以上工业战略性新兴产业增加值比上年增长8.4%，增速比规模以上工业快2.7个百分点。"
    assert mapped(text, "2020-02-28") == [
        ("sei_industry_va_growth", "2019", 8.4, "actual"),
        ("sei_industry_growth_gap_pp", "2019", 2.7, "actual"),
    ]


def test_the_share_of_gdp_and_its_target():
    text = (
        "2022年，战略性新兴产业增加值占国内生产总值比重超过13%。"
        "到2025年，战略性新兴产业增加值占国内生产总值比重超过17%。"
    )
    assert mapped(text, "2023-07-06", publisher="工业和信息化部") == [
        ("sei_share_of_gdp", "2022", 13.0, "actual"),
        ("sei_share_of_gdp", "2025", 17.0, "target"),
    ]


def test_a_provincial_document_gives_no_national_figure_even_in_the_same_words():
    text = "上半年，全省规模以上工业战略性新兴产业增加值同比增长2.9%。"
    reasons = left_out(text, "2020-07-20", publisher="陕西省统计局", title="2020年上半年全省经济运行情况")
    assert list(reasons) == [2.9] and reasons[2.9].startswith("provincial document")


def test_a_provincial_sentence_in_a_national_document_is_left_out():
    text = "上半年，全省规模以上工业增加值同比增长2.9%。"
    assert left_out(text, "2020-07-20")[2.9].startswith("provincial: the sentence says '全省'")


def test_a_clause_naming_a_province_is_left_out():
    text = "2024年，陕西省规模以上工业增加值增长7.0%。"
    assert "陕西省" in left_out(text, "2025-01-20")[7.0]


def test_another_economy_in_the_same_sentence_is_left_out():
    text = "2022年，战略性新兴产业增加值占GDP比重超过13%，数字经济核心产业增加值占比达到10%。"
    assert [m[:3] for m in mapped(text, "2023-07-06")] == [("sei_share_of_gdp", "2022", 13.0)]
    assert "数字经济" in left_out(text, "2023-07-06")[10.0]


def test_month_on_month_growth_is_not_the_year_on_year_series():
    text = "11月份，规模以上工业增加值同比增长5.4%，环比增长0.52%。"
    assert [m[:3] for m in mapped(text, "2018-12-27")] == [("industry_va_growth", "2018M11", 5.4)]
    assert "环比" in left_out(text, "2018-12-27")[0.52]


def test_a_forecast_by_others_is_kind_forecast():
    text = "Analysts polled by Reuters had expected industrial output to grow 5.8 percent in October."
    assert mapped(text, "2025-11-14", publisher="Reuters") == [
        ("industry_va_growth", "2025M10", 5.8, "forecast")
    ]


def test_a_figure_without_a_period_is_left_out_for_review():
    assert left_out("规模以上工业增加值增长6.0%。", "2025-10-20")[6.0].startswith("no period")


def test_confidence_follows_the_publisher():
    figures = extract_figures("2024年，规模以上工业增加值增长5.8%。", document_date="2025-01-17")
    common = {"doc_id": "d", "source_title": "t", "date_published": "2025-01-17"}
    nbs = map_figures(figures.assign(publisher="National Bureau of Statistics", **common))[0]
    news = map_figures(figures.assign(publisher="Some newspaper", **common))[0]
    assert (nbs["confidence"].item(), news["confidence"].item()) == ("high", "medium")


def write_map(tmp_path, body: str):
    path = tmp_path / "indicator_map.yml"
    path.write_text("published_gaps: []\n" + body, encoding="utf-8")
    from sei_analysis.indicators.mapping import SERIES_FILE

    return load_vocabulary(SERIES_FILE, path)


def test_an_override_maps_what_the_cues_miss_and_says_so(tmp_path):
    vocab = write_map(
        tmp_path,
        "overrides:\n  - {name: odd-wording, doc_id: doc, value: 6.0, unit: percent, keyword: 'grew', "
        "series: industry_va_growth, period: '2025Q1-Q3'}\nexclusions: []\n",
    )
    dec = decisions("It grew 6.0% this time.", "2025-10-20", vocab=vocab)
    row = dec.iloc[0]
    assert (row["decision"], row["series"], row["period"], row["mapped_by"]) == (
        "mapped", "industry_va_growth", "2025Q1-Q3", "override:odd-wording",
    )  # fmt: skip


def test_an_exclusion_keeps_a_figure_out_and_gives_its_reason(tmp_path):
    vocab = write_map(
        tmp_path,
        "overrides: []\nexclusions:\n  - {name: not-national, doc_id: doc, value: 6.2, unit: percent, "
        "keyword: '规模以上工业', reason: 'a survey sample, not the NBS total'}\n",
    )
    dec = decisions("前三季度，规模以上工业增加值同比增长6.2%。", "2025-10-20", vocab=vocab)
    assert dec["decision"].tolist() == ["left out"] and "a survey sample" in dec["reason"].item()


def test_an_exclusion_without_a_reason_is_refused(tmp_path):
    from sei_analysis.errors import InputError

    with pytest.raises(InputError, match="give its reason"):
        write_map(
            tmp_path,
            "overrides: []\nexclusions:\n  - {name: x, doc_id: d, value: 1, unit: percent, keyword: k}\n",
        )


def test_review_lists_a_conflict_with_a_recorded_value():
    dec = decisions("2024年，规模以上工业增加值增长5.6%。", "2025-01-17")
    recorded = add_period_bounds(
        pd.DataFrame(
            [
                indicator_row(
                    indicator="industry_va_growth",
                    period="2024",
                    value=5.8,
                    unit="percent",
                    qualifier="exact",
                    kind="actual",
                    source_id="reference-figures",
                    source_title="NBS",
                    confidence="medium",
                )
            ]
        )  # fmt: skip
    )
    review = review_table(dec, recorded)
    assert review["decision"].tolist() == ["mapped", "conflict"]
    assert "also recorded as 5.8 (exact) by reference-figures" in review["reason"].iloc[1]


def test_a_clause_about_gdp_does_not_take_the_subject_of_the_clause_before():
    text = (
        "Industrial output grew 6.1 percent in the first three months of 2024, and gross domestic product "
        "expanded 5.3 percent."
    )
    assert [m[:3] for m in mapped(text, "2024-04-16", publisher="China Daily")] == [
        ("industry_va_growth", "2024M01-M03", 6.1)
    ]
    assert "gross domestic product" in left_out(text, "2024-04-16", publisher="China Daily")[5.3]


def test_a_province_that_opens_the_sentence_scopes_a_figure_in_a_later_clause():
    """NBS communiqués close a section with the provinces: the region opens the sentence, and the
    figure's own clause (after the comma) names only the series' subject."""
    text = "2019年，广东省规模以上工业中，战略性新兴产业增加值增长9.1%。"
    assert mapped(text, "2020-02-28") == []
    assert left_out(text, "2020-02-28")[9.1] == "provincial: its sentence names '广东省' before it"


def test_the_same_in_english():
    text = (
        "In 2019, in Guangdong, the value added of strategic emerging industries "
        "above designated size grew by 9.1%."
    )
    assert mapped(text, "2020-02-28", publisher="National Bureau of Statistics") == []


def test_a_national_mark_after_the_province_makes_the_figure_national_again():
    text = "2019年，与广东省相比，全国规模以上工业增加值增长5.7%。"
    assert mapped(text, "2020-02-28") == [("industry_va_growth", "2019", 5.7, "actual")]


def test_a_scope_opened_by_an_earlier_sentence_of_the_paragraph_holds_for_the_next():
    """The 2019 communiqué: "全年规模以上工业中，..." opens the scope, and the SEI sentence after it
    says only 战略性新兴产业. A line break closes the paragraph, and the scope with it."""
    text = (
        "全年规模以上工业中，高技术制造业增加值比上年增长8.8%，占规模以上工业增加值的比重为14.4%。"
        "战略性新兴产业增加值比上年增长8.4%。\n"
        "战略性新兴产业增加值增长3.1%。"
    )
    dec = decisions(text, "2020-02-28")
    row = dec[dec["value"] == 8.4].iloc[0]
    assert (row["decision"], row["series"], row["period"]) == ("mapped", "sei_industry_va_growth", "2019")
    assert row["reason"].endswith("规模以上 from the paragraph's opening '全年规模以上工业中'")
    assert dec[dec["value"] == 3.1].iloc[0]["decision"] == "left out"


def test_a_mention_that_opens_nothing_is_no_scope():
    """占规模以上工业增加值的比重 names 规模以上工业 without opening a scope for the next sentence."""
    text = "高技术制造业增加值占规模以上工业增加值的比重为14.4%。战略性新兴产业增加值比上年增长8.4%。"
    assert left_out(text, "2020-02-28")[8.4].startswith("sei_share_of_gdp")


def test_all_industry_is_not_industry_above_designated_size():
    """全部工业 (all industry, the GDP accounts) is not 规模以上工业, even when its subject stands in
    an earlier clause: "全年全部工业增加值317109亿元，比上年增长5.7%"."""
    text = "全年全部工业增加值317109亿元，比上年增长5.7%。规模以上工业增加值增长5.7%。"
    dec = decisions(text, "2020-02-28")
    assert list(zip(dec["decision"], dec["reason"], strict=True))[0] == (
        "left out",
        "industry_va_growth: excluded: names '全部工业'",
    )
    assert mapped(text, "2020-02-28") == [("industry_va_growth", "2019", 5.7, "actual")]


H1_EN = (
    "In the first half, the value added of industrial enterprises above designated size grew by 6.0 percent."
)


def test_the_national_bureau_of_statistics_of_china_is_national():
    """NBS's English name ends "of China"; a cue for provincial bureaus must not catch it."""
    text = H1_EN
    assert mapped(text, "2024-07-15", publisher="National Bureau of Statistics of China") == [
        ("industry_va_growth", "2024H1", 6.0, "actual")
    ]


@pytest.mark.parametrize(
    "publisher",
    [
        "Bureau of Statistics of Shaanxi",
        "Guangdong Provincial Bureau of Statistics",
        "Statistics Bureau of Hubei Province",
    ],
)
def test_a_provincial_bureau_in_english_is_provincial(publisher):
    text = H1_EN
    reason = left_out(text, "2024-07-15", publisher=publisher)[6.0]
    assert reason.startswith("provincial document")


def test_a_newspaper_named_after_a_region_reprinting_national_figures_is_not_provincial():
    text = "上半年，全国规模以上工业增加值同比增长6.0%。"
    assert mapped(text, "2024-07-15", publisher="香港文汇报") == [
        ("industry_va_growth", "2024H1", 6.0, "actual")
    ]


def test_a_paragraph_opened_by_a_province_gives_no_national_figure_in_its_next_sentences():
    """The scope a paragraph opens carries its region too: Guangdong's SEI growth, in the
    sentence after 广东省规模以上工业中, stays out of the national series."""
    text = "2019年，广东省规模以上工业中，高技术制造业增加值增长7.7%。战略性新兴产业增加值增长9.1%。"
    assert mapped(text, "2020-02-28") == []
    assert (
        left_out(text, "2020-02-28")[9.1]
        == "provincial: its paragraph opens with '2019年,广东省规模以上工业中'"
    )


def test_a_national_sentence_after_a_provincial_opening_is_national():
    text = "2019年，广东省规模以上工业中，高技术制造业增加值增长7.7%。全国规模以上工业增加值增长5.7%。"
    assert mapped(text, "2020-02-28") == [("industry_va_growth", "2019", 5.7, "actual")]
