"""The reference CSV, version 2: every row fits its schema, or the build names the row that does not."""

from __future__ import annotations

import pandas as pd
import pytest

from sei_analysis import config
from sei_analysis.errors import SchemaError
from sei_analysis.indicators import reference_indicators, reference_problems, validate_reference

REFERENCE = pd.read_csv(config.REFERENCE_FILE, dtype={"period": str, "date_published": str}).assign(
    source_id="reference-figures"
)


def test_version_2_has_84_rows_and_the_new_columns():
    assert len(REFERENCE) == 84
    assert {"quote", "vintage", "basis"} <= set(REFERENCE.columns)


def test_every_row_of_version_2_fits():
    assert reference_problems(REFERENCE) == []


def bad(row: int, **changes) -> pd.DataFrame:
    out = REFERENCE.copy()
    for column, value in changes.items():
        out[column] = out[column].astype(object)
        out.loc[row, column] = value
    return out


GDP_ROW = int(REFERENCE.index[(REFERENCE["indicator"] == "gdp_nominal") & (REFERENCE["period"] == "2024")][0])


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"basis": "census 5"}, "basis='census 5'; expected a census name"),
        (
            {"vintage": "revised"},
            "vintage='revised'; expected empty or one of preliminary, final, census_revision",
        ),
        ({"unit": "percent"}, "unit='percent'; expected trillion_cny for gdp_nominal"),
        ({"value": "n/a"}, "value='n/a'; expected a finite number"),
        ({"basis": None}, "vintage/basis="),
        ({"indicator": "three_new_economy_share"}, "indicator='three_new_economy_share'; expected one of"),
        ({"date_published": "Jan 2025"}, "date_published='Jan 2025'"),
    ],
)
def test_a_value_that_does_not_fit_names_the_line_the_column_and_the_value(changes, expected):
    problems = reference_problems(bad(GDP_ROW, **changes))
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"line {GDP_ROW + 2} (")
    assert expected in problems[0]


def test_a_basis_on_a_growth_row_is_rejected():
    row = int(REFERENCE.index[REFERENCE["indicator"] == "gdp_real_growth"][0])
    (problem,) = reference_problems(bad(row, basis="census4"))
    assert "only gdp_nominal levels carry a census basis" in problem


def test_validate_reference_raises_naming_every_bad_row():
    frame = bad(GDP_ROW, basis="census 5")
    frame.loc[3, "qualifier"] = "roughly"
    with pytest.raises(SchemaError) as info:
        validate_reference(frame)
    message = str(info.value)
    assert "2 value(s) do not fit" in message and f"line {GDP_ROW + 2}" in message and "line 5" in message


def test_reference_rows_keep_vintage_basis_and_quote():
    rows = reference_indicators(REFERENCE)
    gdp = rows[(rows["indicator"] == "gdp_nominal") & (rows["period"] == "2023")]
    assert sorted(zip(gdp["vintage"], gdp["basis"], gdp["value"], strict=True)) == [
        ("census_revision", "census5", 129.4), ("preliminary", "census4", 126.0582),
    ]  # fmt: skip
    share_2020 = rows[
        (rows["indicator"] == "sei_share_of_gdp") & (rows["period"] == "2020") & (rows["kind"] == "actual")
    ]
    assert share_2020["sentence"].item() == REFERENCE.loc[35, "quote"]
    assert share_2020["date_published"].item() == ""  # the file gives no date for it
