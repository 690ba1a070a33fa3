"""build_indicators: reference rows, text mapping, merge of sources, derived figures, schema."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from sei_analysis import config
from sei_analysis.corpus import read_sources
from sei_analysis.errors import InputError, SchemaError
from sei_analysis.indicators import (
    INDICATOR_COLUMNS,
    PublishedGap,
    add_derived,
    build_indicators,
    indicator_row,
    map_figures,
    merge_sources,
    published_gap_indicators,
    validate_indicators,
)
from sei_analysis.indicators.reference import load_published_gaps

REFERENCE = pd.read_csv(config.REFERENCE_FILE, dtype={"period": str, "date_published": str}).assign(
    source_id="reference-figures"
)
# Sentences copied from the seeds (test_fixture_sentences_are_in_the_seeds proves it).
S_GROWTH = (
    "In the first half of the year, the added value of strategic emerging industries above designated size "
    "increased by 2.9% over the same period of the previous year, which was 4.2 percentage points higher "
    "than the growth rate of the added value of all industries above designated size in the same period."
)
S_2015 = (
    "By 2015, strategic emerging Industry formation The basic pattern of healthy development and coordinated "
    "promotion Industrial structure upgrading The driving force of gross domestic product And strive to "
    "reach about 8%."
)
S_2020 = (
    "By 2020, strategic emerging Industrial added value As a proportion of GDP, strive to reach 15% Left "
    "and right, absorb and drive Employability Significantly improved."
)
# NOTE: the provenance notes the mapping reads (the encyclopedia entry is a machine translation).
DOCUMENTS = pd.DataFrame(
    {
        "id": ["commentary-caict-2020", "encyclopedia-sei-en"],
        "notes": ["English translation of a commentary", "Machine translation compiled after 2020"],
    }
)
SEED_FILES = {
    "commentary-caict-2020": "001_ca9104434c036e86.txt",
    "encyclopedia-sei-en": "004_f9935a765335117c.txt",
}


def figure(doc_id, value, unit, measure, sentence, raw, qualifier="exact", is_target=False, period=None):
    """One row of a figures table, as build.figures_table gives it (the sentence starts at 0)."""
    start = sentence.index(raw)
    return {
        "doc_id": doc_id, "value": value, "unit": unit, "currency": None, "measure": measure,
        "qualifier": qualifier, "is_target": is_target, "period": period,
        "period_basis": "stated" if period else None, "subject": None, "sentence": sentence,
        "sentence_start": 0, "start": start, "end": start + len(raw), "raw": raw,
        "source_title": f"title of {doc_id}", "publisher": f"publisher of {doc_id}", "date_published": "2020",
    }  # fmt: skip


def mapped_figures() -> pd.DataFrame:
    """The four text figures the mapping expects, plus one unrelated figure."""
    return pd.DataFrame(
        [
            figure("commentary-caict-2020", 2.9, "percent", "growth_rate", S_GROWTH, "2.9%", period="2020H1"),
            figure(
                "commentary-caict-2020",
                4.2,
                "percentage_point",
                "gap",
                S_GROWTH,
                "4.2 percentage points",
                period="2020H1",
            ),
            figure(
                "encyclopedia-sei-en", 8.0, "percent", "share", S_2015, "about 8%", "approx", True, "2015"
            ),
            figure(
                "encyclopedia-sei-en",
                15.0,
                "percent",
                "share",
                S_2020,
                "15% Left and right",
                "approx",
                True,
                "2020",
            ),
            figure(
                "encyclopedia-sei-en",
                42.4,
                "percent",
                "share",
                "accounted for 42.4% of the total",
                "42.4%",
                period="2018H1",
            ),
        ]
    )


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return build_indicators(mapped_figures(), REFERENCE, documents=DOCUMENTS)


def rows(table, indicator, period, kind=None):
    sel = table[(table["indicator"] == indicator) & (table["period"] == period)]
    return sel if kind is None else sel[sel["kind"] == kind]


def test_fixture_sentences_are_in_the_seeds():
    seeds = {
        doc: (config.RAW_DATA_DIR / "policy" / f).read_text(encoding="utf-8") for doc, f in SEED_FILES.items()
    }
    assert S_GROWTH in seeds["commentary-caict-2020"]
    assert S_2015 in seeds["encyclopedia-sei-en"] and S_2020 in seeds["encyclopedia-sei-en"]


def test_table_has_the_declared_columns_in_order(table):
    assert list(table.columns) == INDICATOR_COLUMNS


def test_every_reference_row_is_kept(table):
    for ref in REFERENCE.itertuples():
        match = rows(table, ref.indicator, ref.period, ref.kind)
        match = match[(match["qualifier"] == ref.qualifier) & ((match["value"] - ref.value).abs() < 1e-9)]
        assert len(match) == 1, (ref.indicator, ref.period, ref.kind)
        assert "reference-figures" in match.iloc[0]["source_id"]


def test_reference_rows_keep_their_own_publisher_title_and_note(table):
    row = rows(table, "sei_share_of_gdp", "2015", "actual").iloc[0]
    assert row["source_title"] == "NDRC Academy of Macroeconomic Research: Report via english.gov.cn (mirror)"
    assert row["note"] == "'more than 8 percent of GDP'"


def test_text_growth_figure_is_one_observation_with_two_sources(table):
    sei = rows(table, "sei_industry_va_growth", "2020H1")
    assert len(sei) == 1
    assert sei.iloc[0]["source_id"] == "reference-figures; commentary-caict-2020"
    assert sei.iloc[0]["value"] == 2.9 and sei.iloc[0]["kind"] == "actual"


def test_text_gap_is_the_published_2020h1_gap(table):
    gap = rows(table, "sei_industry_growth_gap_pp", "2020H1", "actual")
    assert gap[["value", "unit"]].values.tolist() == [[4.2, "percentage_point"]]
    assert gap.iloc[0]["source_id"] == "reference-figures; commentary-caict-2020"


def test_encyclopedia_targets_merge_with_the_approx_reference_targets(table):
    t2015 = rows(table, "sei_share_of_gdp", "2015", "target")
    assert t2015[["value", "qualifier", "source_id"]].values.tolist() == [
        [8.0, "approx", "reference-figures; encyclopedia-sei-en"]
    ]
    t2020 = rows(table, "sei_share_of_gdp", "2020", "target").sort_values("qualifier")
    assert t2020[["qualifier", "source_id"]].values.tolist() == [
        ["approx", "reference-figures; encyclopedia-sei-en"],
        ["exact", "reference-figures"],
    ]


def test_unrelated_text_figures_are_not_mapped(table):
    assert not (table["value"] == 42.4).any()


def test_text_rows_record_the_raw_match_the_sentence_and_the_rule():
    out, _ = map_figures(mapped_figures(), DOCUMENTS)
    row = out.loc[out["value"] == 15.0].iloc[0]
    assert '"15% Left and right"' in row["note"] and "As a proportion of GDP" in row["sentence"]
    assert row["mapped_by"] == "series:sei_share_of_gdp" and row["confidence"] == "low"


def test_the_series_rules_map_exactly_the_four_seed_figures():
    out, _ = map_figures(mapped_figures(), DOCUMENTS)
    assert sorted(zip(out["source_id"], out["indicator"], out["period"], out["value"], strict=True)) == [
        ("commentary-caict-2020", "sei_industry_growth_gap_pp", "2020H1", 4.2),
        ("commentary-caict-2020", "sei_industry_va_growth", "2020H1", 2.9),
        ("encyclopedia-sei-en", "sei_share_of_gdp", "2015", 8.0),
        ("encyclopedia-sei-en", "sei_share_of_gdp", "2020", 15.0),
    ]


def test_published_gaps_are_complete():
    assert [g.period for g in load_published_gaps()] == [
        "2016H1", "2017Q1", "2017H1", "2017", "2018M01-M07", "2018M11", "2019Q1-Q3", "2020H1",
    ]  # fmt: skip


def test_every_published_gap_is_quoted_from_its_reference_row():
    for gap in load_published_gaps():
        cited = REFERENCE[
            (REFERENCE["indicator"] == "sei_industry_va_growth") & (REFERENCE["period"] == gap.period)
        ]
        (note,) = cited["note"].tolist()
        assert gap.quote in note
        assert_allclose(float(re.search(r"Stated ([\d.]+) percentage", gap.quote).group(1)), gap.value)


def test_published_gap_fails_loudly_when_the_note_changed():
    with pytest.raises(InputError, match="published gap 2017H1"):
        published_gap_indicators(REFERENCE, (PublishedGap("2017H1", 3.9, "Stated 9.9 percentage points"),))


# Hand calculations: every derived row, from the published inputs.
HAND_DERIVED = {
    ("industry_va_growth", "2017Q1"): 10.3 - 3.5,
    ("industry_va_growth", "2017H1"): 10.8 - 3.9,
    ("industry_va_growth", "2017"): 11.0 - 4.4,
    ("industry_va_growth", "2018M01-M07"): 8.6 - 2.0,
    ("industry_va_growth", "2018M11"): 8.6 - 3.2,
    ("industry_va_growth", "2019Q1-Q3"): 8.4 - 2.8,
    ("industry_va_growth", "2020H1"): 2.9 - 4.2,
    ("sei_industry_growth_gap_pp", "2017H1"): 10.8 - 6.9,
    ("sei_industry_growth_gap_pp", "2017"): 11.0 - 6.6,
    ("sei_industry_growth_gap_pp", "2018M01-M07"): 8.6 - 6.6,
    ("sei_industry_growth_gap_pp", "2018M11"): 8.6 - 5.4,
    ("sei_industry_growth_gap_pp", "2018"): 8.9 - 6.2,
    ("sei_industry_growth_gap_pp", "2019"): 8.4 - 5.7,
    ("sei_industry_growth_gap_pp", "2020H1"): 2.9 - (-1.3),
    # nominal GDP growth, latest vintage of each year, same census basis only (percent)
    ("gdp_nominal_growth", "2016"): (74.3585 / 68.9052 - 1) * 100,  # final / final, census3
    ("gdp_nominal_growth", "2017"): (82.0754 / 74.3585 - 1) * 100,  # final / final, census3
    ("gdp_nominal_growth", "2019"): (98.6515 / 91.9281 - 1) * 100,  # final / census revision, census4
    ("gdp_nominal_growth", "2022"): (120.4724 / 114.9237 - 1) * 100,  # final / final, census4
    ("gdp_nominal_growth", "2024"): (134.8066 / 129.4 - 1) * 100,  # final / census revision, census5
    ("gdp_nominal_growth", "2025"): (140.1879 / 134.8066 - 1) * 100,  # preliminary / final, census5
    # SEI value added, trillion yuan: share (percent) x latest nominal GDP level
    ("sei_value_added", "2015"): 8 / 100 * 68.9052,
    ("sei_value_added", "2019"): 11.5 / 100 * 98.6515,
    ("sei_value_added", "2020"): 11.7 / 100 * 103.5,
    ("sei_value_added", "2022"): 13 / 100 * 120.4724,
}
# Years where the latest levels of two consecutive years rest on different census bases.
BASIS_BREAKS = {"2018": ("census3", "census4"), "2020": ("census4", "census5"),
                "2021": ("census5", "census4"), "2023": ("census4", "census5")}  # fmt: skip
# The reference file's own derived rows (they stay as they are).
REFERENCE_DERIVED = {
    ("sei_share_of_gdp", "2014"): 11.5 - 3.9,
    ("industry_va_growth", "2016H1"): 11.0 - 5.0,
}


def test_every_derived_value_matches_a_hand_calculation(table):
    derived = table[(table["kind"] == "derived") & table["value"].notna()]
    derived = derived.set_index(["indicator", "period"])["value"]
    expected = {**HAND_DERIVED, **REFERENCE_DERIVED}
    assert set(derived.index) == set(expected)
    keys = sorted(expected)
    assert_allclose(derived.loc[keys].to_numpy(), [expected[k] for k in keys], atol=1e-9)


def test_2024_nominal_growth_is_the_census5_final_over_the_census5_revision(table):
    row = rows(table, "gdp_nominal_growth", "2024", "derived").iloc[0]
    assert_allclose(row["value"], (134.8066 / 129.4 - 1) * 100, atol=1e-6)
    assert (row["basis"], row["vintage"], row["unit"]) == ("census5", "final/census_revision", "percent")
    assert "134.8066 (final, census5) / 129.4 (census_revision, census5)" in row["note"]


@pytest.mark.parametrize("period", sorted(BASIS_BREAKS))
def test_no_nominal_growth_is_computed_across_census_bases(table, period):
    row = rows(table, "gdp_nominal_growth", period, "derived")
    assert len(row) == 1 and pd.isna(row.iloc[0]["value"])
    note = row.iloc[0]["note"]
    before, after = BASIS_BREAKS[period]
    assert note.startswith("no value: the census basis breaks") and before in note and after in note


def test_2023_growth_never_divides_the_census5_level_by_a_census4_level(table):
    growth = rows(table, "gdp_nominal_growth", "2023")
    for wrong in ((129.4 / 120.4724 - 1) * 100, (126.0582 / 120.4724 - 1) * 100):
        assert not np.isclose(growth["value"].to_numpy(dtype=float), wrong, atol=1e-6).any()


def test_sei_value_added_names_the_gdp_vintage_it_used(table):
    row = rows(table, "sei_value_added", "2019", "derived").iloc[0]
    assert_allclose(row["value"], 0.115 * 98.6515, atol=1e-6)
    assert (row["unit"], row["vintage"], row["basis"]) == ("trillion_cny", "final", "census4")
    assert "GDP vintage used: final, basis census4" in row["note"]


def test_sei_value_added_keeps_the_share_bound(table):
    row = rows(table, "sei_value_added", "2022", "derived").iloc[0]
    assert row["qualifier"] == "at_least"


def test_gdp_levels_keep_every_vintage_as_its_own_row(table):
    levels = rows(table, "gdp_nominal", "2018")
    assert sorted(levels["vintage"]) == ["census_revision", "preliminary"]
    assert set(levels["basis"]) == {"census3", "census4"}


def test_derived_rows_carry_their_formula_and_units(table):
    row = rows(table, "industry_va_growth", "2020H1", "derived").iloc[0]
    assert row["note"].endswith("= 2.9 - 4.2 = -1.3") and row["unit"] == "percent"
    gap = rows(table, "sei_industry_growth_gap_pp", "2018", "derived").iloc[0]
    assert gap["unit"] == "percentage_point" and "8.9 - 6.2" in gap["note"]


def test_reference_derived_row_stays_as_it_is(table):
    only = rows(table, "industry_va_growth", "2016H1", "derived")
    assert len(only) == 1 and only.iloc[0]["source_id"] == "reference-figures"
    assert only.iloc[0]["note"].startswith("Derived: SEI 11% minus")


def test_no_gap_is_derived_from_a_derived_input(table):
    assert rows(table, "sei_industry_growth_gap_pp", "2016H1", "derived").empty


def test_derived_confidence_is_at_most_medium(table):
    assert set(table.loc[table["kind"] == "derived", "confidence"]) <= {"low", "medium"}


def obs_row(indicator, period, value, qualifier, kind, source, unit="percent", **extra):
    return indicator_row(indicator=indicator, period=period, value=value, unit=unit, qualifier=qualifier,
                         kind=kind, source_id=source, source_title=source.upper(), confidence="medium",
                         **extra)  # fmt: skip


def test_add_derived_leaves_a_lone_series_alone():
    obs = pd.DataFrame([obs_row("sei_industry_va_growth", "2016Q1-Q3", 10.8, "exact", "actual", "r")])
    assert len(add_derived(obs)) == 1


def test_merge_keeps_different_values_apart():
    obs = pd.DataFrame(
        [
            obs_row("sei_share_of_gdp", "2010", 4.0, "approx", "estimate", "a"),
            obs_row("sei_share_of_gdp", "2010", 3.0, "exact", "estimate", "b"),
        ]
    )
    assert len(merge_sources(obs)) == 2


def test_merge_keeps_gdp_vintages_apart_and_merges_one_level_quoted_twice():
    gdp = dict(unit="trillion_cny", basis="census4")
    obs = pd.DataFrame(
        [
            obs_row("gdp_nominal", "2019", 99.0865, "exact", "actual", "a", vintage="preliminary", **gdp),
            obs_row("gdp_nominal", "2019", 98.6515, "exact", "actual", "b", vintage="final", **gdp),
            obs_row("gdp_nominal", "2019", 98.6515, "exact", "actual", "c", vintage="final", **gdp),
        ]
    )
    merged = merge_sources(obs)
    assert sorted(merged["vintage"]) == ["final", "preliminary"]
    assert merged.loc[merged["vintage"] == "final", "source_id"].item() == "b; c"


def test_every_actual_value_appears_in_a_raw_file(table):
    """Nothing is invented: each actual is a reference row, a quoted reference note, or literal seed text."""
    seeds = {
        doc: (config.RAW_DATA_DIR / "policy" / f).read_text(encoding="utf-8") for doc, f in SEED_FILES.items()
    }
    for row in table[table["kind"] == "actual"].itertuples():
        for source in row.source_id.split("; "):
            if source == "reference-figures":
                ref = REFERENCE[
                    (REFERENCE["indicator"] == row.indicator) & (REFERENCE["period"] == row.period)
                ]
                exact = ((ref["value"] - row.value).abs() < 1e-9) & (ref["kind"] == "actual")
                sei = REFERENCE[
                    (REFERENCE["indicator"] == "sei_industry_va_growth") & (REFERENCE["period"] == row.period)
                ]
                stated = rf"Stated {row.value:g}(?:\.0)? percentage point"
                quoted_gap = (
                    row.indicator == "sei_industry_growth_gap_pp" and sei["note"].str.contains(stated).any()
                )
                assert exact.any() or quoted_gap, (row.indicator, row.period, row.value)
            else:
                assert re.search(rf"(?<![\d.]){re.escape(f'{row.value:g}')}(?![\d])", seeds[source]), (
                    source, row.value,
                )  # fmt: skip


def test_every_source_id_is_a_known_source(table):
    known = {r["id"] for r in read_sources()}
    for ids in table["source_id"]:
        assert set(ids.split("; ")) <= known


def test_build_is_deterministic_and_pure():
    figures, reference = mapped_figures(), REFERENCE.copy()
    first = build_indicators(figures, reference)
    pd.testing.assert_frame_equal(first, build_indicators(figures, reference))
    pd.testing.assert_frame_equal(figures, mapped_figures())
    pd.testing.assert_frame_equal(reference, REFERENCE)


def test_reference_without_a_column_is_rejected_naming_it():
    with pytest.raises(SchemaError, match="confidence"):
        build_indicators(mapped_figures(), REFERENCE.drop(columns=["confidence"]))


@pytest.mark.parametrize(
    ("column", "bad"),
    [
        ("kind", "guess"),
        ("qualifier", "roughly"),
        ("unit", "yuan"),
        ("indicator", "three_new_economy_share"),
        ("confidence", "certain"),
    ],
)
def test_schema_rejects_a_bad_row(table, column, bad):
    broken = table.copy()
    broken.loc[0, column] = bad
    with pytest.raises(SchemaError, match=column):
        validate_indicators(broken)


def test_schema_rejects_an_unparseable_period(table):
    broken = table.copy()
    broken.loc[0, "period"] = "2020H3"
    with pytest.raises(SchemaError, match="parseable period code"):
        validate_indicators(broken)


def test_schema_rejects_start_after_end(table):
    broken = table.copy()
    broken.loc[0, "period_start"] = pd.Timestamp("2030-01-01")
    with pytest.raises(SchemaError, match="period_start <= period_end"):
        validate_indicators(broken)


def test_schema_rejects_a_duplicate_observation(table):
    with pytest.raises(SchemaError, match="not unique"):
        validate_indicators(pd.concat([table, table.iloc[[0]]], ignore_index=True))


def test_schema_rejects_a_gap_in_percent(table):
    broken = table.copy()
    broken.loc[broken["indicator"] == "sei_industry_growth_gap_pp", "unit"] = "percent"
    with pytest.raises(SchemaError, match="percentage_point"):
        validate_indicators(broken)
