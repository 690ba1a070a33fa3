"""The indicators stage on the real corpus: extractor figures in, indicators, checks, targets out."""

from __future__ import annotations

import pandas as pd
import pytest

from sei_analysis import indicators as ind


@pytest.fixture(scope="module")
def real():
    """(figures, indicators, corpus) from the raw files, through the real extractor."""
    pytest.importorskip("sei_analysis.extract")
    from sei_analysis.build import figures_table
    from sei_analysis.corpus import load_corpus, read_reference

    corpus = load_corpus()
    figures = figures_table(corpus)
    return figures, ind.build_indicators(figures, read_reference(), documents=corpus), corpus


def test_the_series_rules_map_the_seed_texts_as_the_hand_rules_did(real):
    figures, table, corpus = real
    rows, decisions = ind.map_figures(figures, corpus)
    assert sorted(
        zip(rows["source_id"], rows["indicator"], rows["period"], rows["value"], rows["kind"], strict=True)
    ) == [
        ("commentary-caict-2020", "sei_industry_growth_gap_pp", "2020H1", 4.2, "actual"),
        ("commentary-caict-2020", "sei_industry_va_growth", "2020H1", 2.9, "actual"),
        ("encyclopedia-sei-en", "sei_share_of_gdp", "2015", 8.0, "target"),
        ("encyclopedia-sei-en", "sei_share_of_gdp", "2020", 15.0, "target"),
    ]
    assert set(rows["mapped_by"]) == {
        "series:sei_industry_growth_gap_pp", "series:sei_industry_va_growth", "series:sei_share_of_gdp",
    }  # fmt: skip
    assert set(rows.loc[rows["source_id"] == "encyclopedia-sei-en", "confidence"]) == {
        "low"
    }  # machine translation
    assert (decisions["decision"] == "mapped").sum() == 4


def test_every_text_rule_finds_its_figure_in_the_real_corpus(real):
    _, table, _ = real
    text_sourced = table[table["source_id"].str.contains("commentary-caict-2020|encyclopedia-sei-en")]
    assert {(r.indicator, r.period, r.kind) for r in text_sourced.itertuples() if r.kind != "derived"} == {
        ("sei_industry_va_growth", "2020H1", "actual"),
        ("sei_industry_growth_gap_pp", "2020H1", "actual"),
        ("sei_share_of_gdp", "2015", "target"),
        ("sei_share_of_gdp", "2020", "target"),
    }


def test_real_checks_pass_except_the_documented_2010_conflict(real):
    figures, table, corpus = real
    checks = ind.run_checks(table, figures, corpus)
    not_passing = checks[checks["status"] != "pass"]
    assert not_passing[["check", "indicator", "period", "status"]].values.tolist() == [
        ["conflicting_values", "sei_share_of_gdp", "2010", "warn"]
    ]


def test_real_cross_document_counts_agree_in_all_four_documents(real):
    figures, table, corpus = real
    checks = ind.run_checks(table, figures, corpus).query("check == 'cross_document'").set_index("indicator")
    for name in ("bases", "clusters", "ecosystems"):
        assert checks.loc[name, "sources"].count(",") == 3, checks.loc[name, "values"]


def test_real_target_attainment(real):
    _, table, _ = real
    out = ind.target_attainment(table, as_of="2026-12-01")
    assert out[["target_period", "target_qualifier", "status", "actual_period"]].values.tolist() == [
        ["2015", "approx", "met", "2015"],
        ["2020", "approx", "missed", "2020"],
        ["2020", "exact", "missed", "2020"],
        ["2025", "at_least", "due", "2022"],
    ]


def test_real_growth_comparison_has_no_filled_gaps(real):
    _, table, _ = real
    view = ind.growth_comparison(table).set_index("period")
    assert pd.isna(view.loc["2021", "sei"]) and view.loc["2020H1", "gap_source"] == "published"
