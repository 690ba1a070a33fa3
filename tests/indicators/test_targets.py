"""target_attainment (interval logic on qualified figures) and the chart views."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from numpy.testing import assert_allclose

from sei_analysis import config
from sei_analysis.errors import ParameterError
from sei_analysis.indicators import add_period_bounds, build_indicators
from sei_analysis.indicators.targets import (
    TARGET_COLUMNS,
    Interval,
    assess,
    growth_comparison,
    share_observations,
    share_targets,
    target_attainment,
)


def shares(*rows) -> pd.DataFrame:
    """Share-of-GDP rows from (period, value, qualifier, kind) tuples."""
    records = [
        {
            "indicator": "sei_share_of_gdp",
            "period": p,
            "value": v,
            "unit": "percent",
            "qualifier": q,
            "kind": k,
            "source_id": f"src-{p}-{k}",
            "source_title": "t",
            "confidence": "high",
            "note": "",
        }  # fmt: skip
        for p, v, q, k in rows
    ]
    return add_period_bounds(pd.DataFrame(records))


def only(result: pd.DataFrame) -> pd.Series:
    assert len(result) == 1
    return result.iloc[0]


# --- interval logic -----------------------------------------------------------------


def test_more_than_8_meets_about_8():
    row = only(target_attainment(shares(("2015", 8, "at_least", "actual"), ("2015", 8, "approx", "target"))))
    assert row["status"] == "met" and row["actual_is_target_year"]


def test_about_target_is_met_within_the_tolerance():
    table = shares(("2015", 7.6, "exact", "actual"), ("2015", 8, "approx", "target"))
    assert only(target_attainment(table))["status"] == "met"  # 7.6 >= 8 - 0.5


def test_about_target_is_not_met_below_the_tolerance():
    table = shares(("2015", 7.4, "exact", "actual"), ("2015", 8, "approx", "target"))
    row = only(target_attainment(table))
    assert row["status"] == "missed"
    assert_allclose(row["shortfall_pp"], 8 - 7.4)


def test_tolerance_is_a_parameter():
    table = shares(("2015", 7.6, "exact", "actual"), ("2015", 8, "approx", "target"))
    assert only(target_attainment(table, approx_tolerance=0.3))["status"] == "missed"  # 7.6 < 7.7


def test_more_than_17_needs_strictly_more_than_17():
    exact_17 = shares(("2025", 17, "exact", "actual"), ("2025", 17, "at_least", "target"))
    assert only(target_attainment(exact_17))["status"] == "missed"
    above = shares(("2025", 17.1, "exact", "actual"), ("2025", 17, "at_least", "target"))
    assert only(target_attainment(above))["status"] == "met"


def test_at_least_below_the_target_is_unknown_not_unmet():
    table = shares(("2015", 7, "at_least", "actual"), ("2015", 8, "approx", "target"))
    assert only(target_attainment(table))["status"] == "unknown"


def test_less_than_below_the_target_is_not_met():
    table = shares(("2015", 7, "at_most", "actual"), ("2015", 8, "approx", "target"))
    assert only(target_attainment(table))["status"] == "missed"


def test_about_actual_against_an_exact_target_is_unknown():
    table = shares(("2020", 15, "approx", "actual"), ("2020", 15, "exact", "target"))
    assert only(target_attainment(table))["status"] == "unknown"


@pytest.mark.parametrize(
    ("interval", "side", "threshold", "strict", "expected"),
    [
        (Interval(8, math.inf, lo_open=True), "floor", 8, True, "met"),  # more than 8 vs > 8
        (Interval(8, 8), "floor", 8, True, "missed"),
        (Interval(8, 8), "floor", 8, False, "met"),
        (Interval(-math.inf, 8, hi_open=True), "floor", 8, False, "missed"),  # less than 8 vs >= 8
        (Interval(5, 6), "ceiling", 5.5, False, "unknown"),
        (Interval(5, 6), "ceiling", 6, False, "met"),
    ],
)
def test_assess_handles_open_and_closed_bounds(interval, side, threshold, strict, expected):
    assert assess(interval, side, threshold, strict) == expected


# --- missing years, kinds, several targets -------------------------------------------


def test_missing_target_year_is_due_once_the_year_is_over_and_says_so():
    table = shares(("2019", 11.5, "exact", "actual"), ("2020", 15, "approx", "target"))
    row = only(target_attainment(table, as_of="2021-03-01"))
    assert row["status"] == "due" and not row["actual_is_target_year"]
    assert (row["actual_period"], row["actual_value"]) == ("2019", 11.5)
    assert_allclose(row["shortfall_pp"], 15 - 11.5)
    assert "due 2020, no outturn published as of 2021-03-01" in row["note"] and "not filled in" in row["note"]
    assert row["as_of"] == "2021-03-01"


def test_target_year_not_over_yet_is_not_yet_due():
    table = shares(("2019", 11.5, "exact", "actual"), ("2020", 15, "approx", "target"))
    row = only(target_attainment(table, as_of="2020-12-31"))
    assert row["status"] == "not yet due"


def test_as_of_defaults_to_source_date_epoch_when_set(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1609459200")  # 2021-01-01T00:00:00Z
    row = only(target_attainment(shares(("2020", 15, "approx", "target"))))
    assert (row["as_of"], row["status"]) == ("2021-01-01", "due")


def test_bad_as_of_is_rejected_naming_it():
    with pytest.raises(ParameterError, match="as_of='2021-13-01'"):
        target_attainment(shares(("2020", 15, "approx", "target")), as_of="2021-13-01")


def test_latest_statement_prefers_the_newest_period_of_any_outturn_or_estimate():
    table = shares(
        ("2022", 13, "at_least", "actual"),
        ("2023", 13, "approx", "estimate"),
        ("2025", 17, "at_least", "target"),
    )
    row = only(target_attainment(table, as_of="2026-12-01"))
    assert row["latest_statement"].startswith("about 13 for 2023 (estimate")
    assert (row["actual_period"], row["status"]) == ("2022", "due")


def test_a_forecast_or_estimate_is_not_an_actual():
    table = shares(
        ("2014", 7, "exact", "actual"), ("2015", 9, "approx", "forecast"), ("2015", 8, "approx", "target")
    )
    row = only(target_attainment(table, as_of="2026-12-01"))
    assert row["actual_period"] == "2014" and row["status"] == "due"
    assert "not counted as actuals" in row["note"] and "forecast" in row["note"]


def test_no_actual_at_all_leaves_the_shortfall_missing():
    row = only(target_attainment(shares(("2015", 8, "approx", "target")), as_of="2026-12-01"))
    assert row["status"] == "due" and math.isnan(row["shortfall_pp"])


def test_actuals_after_the_target_year_are_not_used():
    table = shares(("2019", 11.5, "exact", "actual"), ("2015", 8, "approx", "target"))
    assert only(target_attainment(table, as_of="2026-12-01"))["status"] == "due"


def test_two_targets_for_one_year_stay_two_rows():
    table = shares(
        ("2020", 15, "approx", "target"), ("2020", 15, "exact", "target"), ("2019", 11.5, "exact", "actual")
    )
    out = target_attainment(table)
    assert list(out.columns) == TARGET_COLUMNS
    assert sorted(out["target_qualifier"]) == ["approx", "exact"]


@pytest.mark.parametrize("bad", [-0.1, float("nan"), float("inf"), "0.5", True])
def test_bad_tolerance_is_rejected(bad):
    with pytest.raises(ParameterError, match="approx_tolerance"):
        target_attainment(shares(("2015", 8, "approx", "target")), approx_tolerance=bad)


def test_target_attainment_does_not_change_its_input():
    table = shares(("2015", 8, "at_least", "actual"), ("2015", 8, "approx", "target"))
    before = table.copy()
    target_attainment(table)
    pd.testing.assert_frame_equal(table, before)


# --- the real reference file ------------------------------------------------------------


@pytest.fixture(scope="module")
def real_targets() -> pd.DataFrame:
    from test_indicators import mapped_figures  # the tests folder is on sys.path (pytest prepend mode)

    reference = pd.read_csv(config.REFERENCE_FILE, dtype={"period": str}).assign(
        source_id="reference-figures"
    )
    return target_attainment(build_indicators(mapped_figures(), reference), as_of="2026-12-01")


def test_real_2015_target_is_met(real_targets):
    row = only(real_targets[real_targets["target_period"] == "2015"])
    assert (row["status"], row["actual_qualifier"], row["actual_value"]) == ("met", "at_least", 8.0)


def test_real_2020_targets_are_missed_by_3_3_points(real_targets):
    rows = real_targets[real_targets["target_period"] == "2020"]
    assert len(rows) == 2 and set(rows["status"]) == {"missed"}
    assert set(rows["actual_period"]) == {"2020"} and set(rows["actual_value"]) == {11.7}
    assert_allclose(rows["shortfall_pp"].to_numpy(), [15 - 11.7] * 2)


def test_real_2025_target_is_due_with_no_outturn_and_2022_more_than_13(real_targets):
    row = only(real_targets[real_targets["target_period"] == "2025"])
    assert (row["status"], row["actual_period"], row["actual_qualifier"]) == ("due", "2022", "at_least")
    assert_allclose(row["shortfall_pp"], 17 - 13)
    assert "due 2025, no outturn published as of 2026-12-01" in row["note"]
    assert "at most 4 pp" in row["note"]
    assert row["latest_statement"].startswith("about 13 for 2023 (estimate")


# --- views --------------------------------------------------------------------------------


def test_share_views_split_targets_from_observations():
    table = shares(
        ("2019", 11.5, "exact", "actual"),
        ("2017", 10, "approx", "forecast"),
        ("2020", 15, "approx", "target"),
    )
    assert share_observations(table)["kind"].tolist() == ["forecast", "actual"]
    assert share_targets(table)[["year", "value"]].values.tolist() == [[2020, 15.0]]


def growth(*rows) -> pd.DataFrame:
    """Growth rows from (indicator, period, value, kind) tuples."""
    records = [
        {"indicator": i, "period": p, "value": v, "qualifier": "exact", "kind": k, "source_id": "s",
         "unit": "percentage_point" if i.endswith("_pp") else "percent", "source_title": "t",
         "confidence": "high", "note": ""}
        for i, p, v, k in rows
    ]  # fmt: skip
    return add_period_bounds(pd.DataFrame(records))


def test_growth_comparison_prefers_the_published_gap():
    table = growth(
        ("sei_industry_va_growth", "2020H1", 2.9, "actual"),
        ("industry_va_growth", "2020H1", -1.3, "actual"),
        ("sei_industry_growth_gap_pp", "2020H1", 4.2, "actual"),
        ("sei_industry_growth_gap_pp", "2020H1", 4.2, "derived"),
    )
    row = only(growth_comparison(table))
    assert (row["sei"], row["industry"], row["gap_pp"], row["gap_source"]) == (2.9, -1.3, 4.2, "published")


def test_growth_comparison_falls_back_to_the_derived_gap_and_leaves_gaps_missing():
    table = growth(
        ("sei_industry_va_growth", "2018", 8.9, "actual"),
        ("industry_va_growth", "2018", 6.2, "actual"),
        ("sei_industry_growth_gap_pp", "2018", 2.7, "derived"),
        ("industry_va_growth", "2021", 9.6, "actual"),
    )
    out = growth_comparison(table).set_index("period")
    assert out.loc["2018", "gap_source"] == "derived"
    assert_allclose(out.loc["2018", "gap_pp"], 8.9 - 6.2)
    assert math.isnan(out.loc["2021", "sei"]) and pd.isna(out.loc["2021", "gap_source"])


def test_read_processed_prefers_parquet_and_names_a_missing_table(tmp_path):
    from sei_analysis.errors import InputError
    from sei_analysis.indicators.targets import read_processed

    pd.DataFrame({"period": ["2019"], "value": [11.5]}).to_csv(tmp_path / "indicators.csv", index=False)
    assert read_processed("indicators", tmp_path)["period"].tolist() == ["2019"]
    pd.DataFrame({"period": ["2020"], "value": [1.0]}).to_parquet(tmp_path / "indicators.parquet")
    assert read_processed("indicators", tmp_path)["period"].tolist() == ["2020"]
    with pytest.raises(InputError, match="'targets'"):
        read_processed("targets", tmp_path)
