"""run_checks: derived vs published, cross-document counts, conflicting values."""

from __future__ import annotations

import pandas as pd
import pytest

from sei_analysis import config
from sei_analysis.indicators import add_period_bounds
from sei_analysis.indicators.checks import (
    ALTERNATIVE_STATEMENTS,
    CHECK_COLUMNS,
    REFERENCE_DERIVATIONS,
    check_conflicts,
    check_cross_document,
    check_derived,
    run_checks,
)

REFERENCE = pd.read_csv(config.REFERENCE_FILE, dtype={"period": str})
EN, ZH, NEWS, COMMENT = (
    "guiding-opinions-2020-en",
    "guiding-opinions-2020-zh",
    "news-peoples-daily-2020",
    "commentary-caict-2020",
)


def ind(*rows) -> pd.DataFrame:
    """Indicator rows from (indicator, period, value, qualifier, kind[, source_id, note]) tuples."""
    records = []
    for r in rows:
        indicator, period, value, qualifier, kind, *rest = r
        source_id, note = (rest + ["reference-figures", ""])[:2] if len(rest) < 2 else rest
        unit = "percentage_point" if indicator.endswith("_pp") else "percent"
        records.append(
            {
                "indicator": indicator,
                "period": period,
                "value": value,
                "unit": unit,
                "qualifier": qualifier,
                "kind": kind,
                "source_id": source_id,
                "source_title": f"title {source_id}",
                "confidence": "high",
                "note": note,
            }  # fmt: skip
        )
    return add_period_bounds(pd.DataFrame(records))


def figs(*rows) -> pd.DataFrame:
    """Figures rows from (doc_id, value, raw, sentence[, unit]) tuples."""
    records = [
        {
            "doc_id": d,
            "value": v,
            "raw": raw,
            "sentence": s,
            "unit": rest[0] if rest else "count",
            "subject": None,
            "start": 0,
            "end": 0,
        }  # fmt: skip
        for d, v, raw, s, *rest in rows
    ]
    return pd.DataFrame(
        records, columns=["doc_id", "value", "raw", "sentence", "unit", "subject", "start", "end"]
    )


NO_FIGURES = figs()
EN_9 = (
    "cultivate and build 10 strategically emerging industry bases with global influence, as well as 100 "
    "strategic emerging industry clusters, and guide and reserve 1,000 distinctive ecological systems"
)
ZH_9 = (
    "培育和打造10個具有全球影響力的戰略性新興產業基地、"
    "100個具備國際競爭力的戰略性新興產業集群,引導和儲備1000個各具特色的戰略性新興產業生態"
)


def by_item(checks: pd.DataFrame, name: str) -> pd.Series:
    return checks.set_index("indicator").loc[name]


# --- (1) derived against published -------------------------------------------------


def test_derived_equal_to_published_passes():
    table = ind(
        ("industry_va_growth", "2020H1", -1.3, "exact", "actual"),
        (
            "industry_va_growth",
            "2020H1",
            2.9 - 4.2,
            "exact",
            "derived",
            "reference-figures",
            "derived: 2.9 - 4.2",
        ),
    )
    (row,) = check_derived(table)
    assert row["status"] == "pass" and "±0.1 pp" in row["explanation"]


def test_derived_off_by_rounding_passes_at_the_tolerance():
    table = ind(
        ("industry_va_growth", "2017H1", 6.9, "exact", "actual"),
        ("industry_va_growth", "2017H1", 6.8, "exact", "derived"),
    )
    assert check_derived(table)[0]["status"] == "pass"


def test_derived_beyond_the_tolerance_fails():
    table = ind(
        ("sei_industry_growth_gap_pp", "2017", 4.4, "exact", "actual"),
        ("sei_industry_growth_gap_pp", "2017", 4.6, "exact", "derived"),
    )
    assert check_derived(table)[0]["status"] == "fail"


def test_derived_without_a_published_value_is_not_checked():
    table = ind(("industry_va_growth", "2017Q1", 6.8, "exact", "derived"))
    assert check_derived(table) == []


def test_real_derived_values_all_pass_against_published(real_table):
    checks = run_checks(real_table, NO_FIGURES)
    derived = checks[checks["check"] == "derived_vs_published"]
    got = set(zip(derived["indicator"], derived["period"], strict=True))
    assert got == {
        ("industry_va_growth", p) for p in ("2017H1", "2017", "2018M01-M07", "2018M11", "2020H1")
    } | {("sei_industry_growth_gap_pp", p) for p in ("2017H1", "2017", "2018M01-M07", "2018M11", "2020H1")}
    assert set(derived["status"]) == {"pass"}


def test_reference_derivations_recompute_and_pass(real_table):
    checks = run_checks(real_table, NO_FIGURES)
    ref = checks[checks["check"] == "reference_derivation"]
    assert sorted(ref["period"]) == ["2014", "2016H1"] and set(ref["status"]) == {"pass"}


def test_reference_derivation_quotes_are_in_the_reference_notes():
    for rd in REFERENCE_DERIVATIONS:
        (note,) = REFERENCE.loc[
            (REFERENCE["indicator"] == rd.indicator) & (REFERENCE["period"] == rd.period), "note"
        ]
        assert rd.quote in note


# --- (2) the same count across documents ----------------------------------------------


def test_counts_stated_alike_pass():
    figures = figs((EN, 10, "10", EN_9), (ZH, 10, "10", ZH_9), (EN, 100, "100", EN_9), (ZH, 100, "100", ZH_9))
    checks = pd.DataFrame(check_cross_document(figures))
    assert by_item(checks, "bases")["status"] == "pass"
    assert by_item(checks, "clusters")["status"] == "pass"


def test_a_document_that_does_not_mention_a_count_is_not_stated_not_a_disagreement():
    figures = figs((EN, 10, "10", EN_9), (ZH, 10, "10", ZH_9))
    row = by_item(pd.DataFrame(check_cross_document(figures)), "bases")
    assert row["status"] == "pass"
    assert f"{NEWS}: not stated" in row["values"] and f"{COMMENT}: not stated" in row["values"]


def test_a_different_count_fails_naming_the_document():
    figures = figs((EN, 10, "10", EN_9), (NEWS, 12, "12", "building 12 strategic emerging industrial bases"))
    row = by_item(pd.DataFrame(check_cross_document(figures)), "bases")
    assert row["status"] == "fail" and NEWS in row["explanation"]


def test_a_count_stated_once_warns_that_there_is_nothing_to_compare():
    figures = figs((COMMENT, 20, "20", "the Opinions put forward 20 policy measures from four aspects"))
    row = by_item(pd.DataFrame(check_cross_document(figures)), "measures")
    assert row["status"] == "warn" and "nothing to compare" in row["explanation"]


def test_a_noun_further_along_the_clause_does_not_count():
    sentence = (
        "the Opinions put forward 20 policy measures from four aspects: key industries, cluster development"
    )
    row = by_item(pd.DataFrame(check_cross_document(figs((COMMENT, 20, "20", sentence)))), "clusters")
    assert f"{COMMENT}: not stated" in row["values"]


def test_ten_hundred_thousand_in_words_states_all_three_counts():
    sentence = "One goal is to build a “ten hundred thousand” industrial cluster echelon development system."
    figures = figs((COMMENT, 1e6, "ten hundred thousand", sentence, "number"))
    checks = pd.DataFrame(check_cross_document(figures))
    for name, value in (("bases", "10"), ("clusters", "100"), ("ecosystems", "1000")):
        assert f"{COMMENT} (in words: 'ten hundred thousand'): {value}" in by_item(checks, name)["values"]


def test_numbered_measures_count_when_the_corpus_is_given():
    text = "\n".join(f"({i}) Measure." if i != 11 else f"( {i}) Measure." for i in range(1, 21))
    corpus = pd.DataFrame({"id": [EN], "text": [text]})
    figures = figs((COMMENT, 20, "20", "put forward 20 policy measures"))
    row = by_item(pd.DataFrame(check_cross_document(figures, corpus)), "measures")
    assert row["status"] == "pass" and f"{EN} (numbered (1) to (20)): 20" in row["values"]


def test_corpus_text_after_the_figure_is_used_when_the_sentence_stops_short():
    text = "as well as 100... Establish strategic emerging industry clusters"
    start = text.index("100")
    figures = figs((EN, 100, "100", "as well as 100...", "number")).assign(start=start, end=start + 3)
    row = by_item(
        pd.DataFrame(check_cross_document(figures, pd.DataFrame({"id": [EN], "text": [text]}))), "clusters"
    )
    assert f"{EN}: 100" in row["values"]


# --- (3) conflicting published values ---------------------------------------------------


def test_2010_share_statements_conflict_and_every_source_is_listed():
    table = ind(("sei_share_of_gdp", "2010", 4.0, "approx", "estimate"))
    (row,) = check_conflicts(table)
    assert row["status"] == "warn"
    assert (
        "Xinhua" in row["sources"]
        and "People's Daily" in row["sources"]
        and "reference-figures" in row["sources"]
    )
    assert "less than 4 percent" in row["values"] and "'3 percent'" in row["values"]


def test_actual_and_target_of_the_same_year_are_not_a_conflict():
    table = ind(
        ("sei_share_of_gdp", "2015", 8.0, "at_least", "actual"),
        ("sei_share_of_gdp", "2015", 8.0, "approx", "target"),
    )
    (row,) = check_conflicts(table, alternatives=())
    assert row["status"] == "pass" and "different kinds" in row["explanation"]


def test_same_target_restated_with_another_qualifier_is_not_a_conflict():
    table = ind(
        ("sei_share_of_gdp", "2020", 15.0, "approx", "target"),
        ("sei_share_of_gdp", "2020", 15.0, "exact", "target"),
    )
    assert check_conflicts(table, alternatives=())[0]["status"] == "pass"


def test_two_actuals_with_different_values_warn():
    table = ind(
        ("sei_share_of_gdp", "2019", 11.5, "exact", "actual", "reference-figures", ""),
        ("sei_share_of_gdp", "2019", 11.0, "exact", "actual", "encyclopedia-sei-en", ""),
    )
    (row,) = check_conflicts(table, alternatives=())
    assert row["status"] == "warn" and "encyclopedia-sei-en" in row["sources"]


def test_derived_rows_are_not_conflicts():
    table = ind(
        ("industry_va_growth", "2017H1", 6.9, "exact", "actual"),
        ("industry_va_growth", "2017H1", 6.8, "exact", "derived"),
    )
    assert check_conflicts(table, alternatives=()) == []


def test_alternative_statements_are_quoted_from_the_reference_note():
    (note,) = REFERENCE.loc[
        (REFERENCE["indicator"] == "sei_share_of_gdp") & (REFERENCE["period"] == "2010"), "note"
    ]
    for alt in ALTERNATIVE_STATEMENTS:
        assert f"'{alt.quote}'" in note


def test_alternative_statements_never_become_indicator_rows(real_table):
    share_2010 = real_table[
        (real_table["indicator"] == "sei_share_of_gdp") & (real_table["period"] == "2010")
    ]
    assert share_2010["value"].tolist() == [4.0]


# --- the whole table --------------------------------------------------------------------


def test_run_checks_returns_the_declared_columns_and_statuses(real_table):
    checks = run_checks(real_table, NO_FIGURES)
    assert list(checks.columns) == CHECK_COLUMNS
    assert set(checks["status"]) <= {"pass", "warn", "fail"}
    assert set(checks["check"]) == {
        "derived_vs_published",
        "reference_derivation",
        "cross_document",
        "conflicting_values",
    }


@pytest.fixture(scope="module")
def real_table() -> pd.DataFrame:
    """build_indicators on the real reference file, with the four mapped text figures."""
    from test_indicators import mapped_figures  # the tests folder is on sys.path (pytest prepend mode)

    from sei_analysis.indicators import build_indicators

    return build_indicators(mapped_figures(), REFERENCE.assign(source_id="reference-figures"))
