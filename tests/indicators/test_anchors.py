"""Scenario anchors: the latest actual share and recent nominal GDP growth, from the indicators table."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from numpy.testing import assert_allclose

from sei_analysis import config
from sei_analysis.errors import InputError
from sei_analysis.indicators import (
    add_period_bounds,
    build_indicators,
    growth_comparison,
    indicator_row,
    latest_share,
    recent_gdp_growth,
)

REFERENCE = pd.read_csv(config.REFERENCE_FILE, dtype={"period": str, "date_published": str}).assign(
    source_id="reference-figures"
)


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    from test_indicators import mapped_figures  # the tests folder is on sys.path (pytest prepend mode)

    return build_indicators(mapped_figures(), REFERENCE)


def test_latest_share_is_2022_more_than_13_a_lower_bound(table):
    anchor = latest_share(table)
    assert (anchor.year, anchor.value, anchor.qualifier) == (2022, 13.0, "at_least")
    assert anchor.bound.startswith("a lower bound")
    assert (
        anchor.describe()
        == "more than 13% in 2022 (Ministry of Industry and Information Technology, 2023-07-06)"
    )


def test_latest_share_ignores_estimates_and_targets(table):
    assert latest_share(table).year != 2023  # the minister's "about 13%" for 2023 is an estimate


def test_recent_growth_is_the_compound_mean_of_2024_and_2025_on_census5(table):
    anchor = recent_gdp_growth(table, years=2)
    expected = ((134.8066 / 129.4) * (140.1879 / 134.8066)) ** 0.5 - 1  # = (140.1879 / 129.4) ** 0.5 - 1
    assert_allclose(anchor.value, expected * 100, rtol=1e-6)
    assert (anchor.years, anchor.basis) == ((2024, 2025), "census5")


def test_recent_growth_of_one_year_is_that_year(table):
    assert_allclose(recent_gdp_growth(table, years=1).value, (140.1879 / 134.8066 - 1) * 100, rtol=1e-6)


def test_recent_growth_stops_at_a_basis_break_and_says_so(table):
    with pytest.raises(InputError, match=r"gdp_growth_years=3: only 2 consecutive year\(s\).*census5"):
        recent_gdp_growth(table, years=3)


def test_recent_growth_without_gdp_rows_names_the_symbol():
    shares_only = add_period_bounds(
        pd.DataFrame(
            [
                indicator_row(
                    indicator="sei_share_of_gdp",
                    period="2019",
                    value=11.5,
                    unit="percent",
                    qualifier="exact",
                    kind="actual",
                    source_id="r",
                    source_title="R",
                    confidence="high",
                )
            ]
        )  # fmt: skip
    )
    with pytest.raises(InputError, match="gdp_growth=recent"):
        recent_gdp_growth(shares_only)
    assert latest_share(shares_only).value == 11.5


def test_latest_share_without_a_share_names_the_symbol():
    with pytest.raises(InputError, match="base_share=latest"):
        latest_share(pd.DataFrame(columns=["indicator", "kind", "value", "period_end"]))


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "2"])
def test_recent_growth_rejects_a_bad_number_of_years(table, bad):
    with pytest.raises(InputError, match="gdp_growth_years"):
        recent_gdp_growth(table, years=bad)


def test_growth_view_keeps_high_tech_manufacturing_in_its_own_column(table):
    view = growth_comparison(table).set_index("period")
    assert_allclose(view.loc["2025", "hitech"], 9.4)
    assert math.isnan(view.loc["2025", "sei"])  # SEI growth is not published after 2020H1
    assert_allclose(view.loc["2025", "industry"], 5.9)
    assert (view.loc["2019", "hitech"], view.loc["2019", "sei"]) == (8.8, 8.4)
    assert "2023M01-M11" in view.index and math.isnan(view.loc["2023M01-M11", "industry"])
