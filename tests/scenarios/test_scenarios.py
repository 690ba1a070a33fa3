"""Closed forms, share paths and the sensitivity grid (sei_analysis.scenarios)."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from sei_analysis.errors import ScenarioError
from sei_analysis.scenarios import (
    project_share,
    required_growth,
    sensitivity_grid,
    years_to_target,
)


# ---------------------------------------------------------------- required_growth
def test_required_growth_matches_hand_calculation_for_2019_to_2025():
    # (17 / 11.5) = 1.4782609; ** (1/6) = 1.0673127; * 1.075 = 1.1473612; - 1 = 14.736 %
    expected = (1.075 * (17 / 11.5) ** (1 / 6) - 1) * 100
    assert_allclose(required_growth(11.5, 17, 6, 7.5), expected, rtol=1e-12)
    assert_allclose(required_growth(11.5, 17, 6, 7.5), 14.74, atol=0.005)


def test_required_growth_equals_gdp_growth_when_share_is_held():
    assert_allclose(required_growth(10, 10, 5, 6.0), 6.0, rtol=1e-12)


def test_required_growth_for_2015_to_2020_target():
    # 8 -> 15 over 5 years with 8% nominal GDP growth: 1.08 * 1.875 ** 0.2 - 1
    # ln 1.875 = 0.6286087, / 5 = 0.1257217, exp = 1.1339661, * 1.08 = 1.2246834 -> 22.468 %
    assert_allclose(required_growth(8, 15, 5, 8), 22.468, atol=1e-3)


def test_years_to_target_inverts_required_growth():
    g = required_growth(11.5, 17, 6, 7.5)
    assert_allclose(years_to_target(11.5, 17, g, 7.5), 6.0, rtol=1e-10)


def test_years_to_target_hand_calculation():
    # ln(17/11.5) / ln(1.12/1.075) = 0.3908658 / 0.0410084 = 9.5314
    assert_allclose(years_to_target(11.5, 17, 12, 7.5), math.log(17 / 11.5) / math.log(1.12 / 1.075))
    assert_allclose(years_to_target(11.5, 17, 12, 7.5), 9.5314, atol=1e-4)


def test_years_to_target_is_infinite_when_share_never_gets_there():
    assert years_to_target(11.5, 17, 7.5, 7.5) == math.inf  # share stays put
    assert years_to_target(11.5, 17, 5.0, 7.5) == math.inf  # share falls, target above
    assert years_to_target(11.5, 10, 12, 7.5) == math.inf  # share rises, target below


def test_years_to_target_is_zero_at_the_target_and_handles_falling_targets():
    assert years_to_target(11.5, 11.5, 3, 7.5) == 0.0
    assert years_to_target(11.5, 10, 5, 7.5) == pytest.approx(math.log(10 / 11.5) / math.log(1.05 / 1.075))


@settings(max_examples=200, deadline=None)
@given(
    base=st.floats(0.5, 60),
    ratio=st.floats(0.3, 1.6),
    years=st.integers(1, 30),
    gdp=st.floats(-20, 30),
)
def test_years_to_target_and_required_growth_are_inverses(base, ratio, years, gdp):
    target = base * ratio
    if not 0 < target < 100 or abs(ratio - 1) < 1e-6:
        return
    g = required_growth(base, target, years, gdp)
    assert_allclose(years_to_target(base, target, g, gdp), years, rtol=1e-6)


# ---------------------------------------------------------------- project_share
def test_project_share_one_year_by_hand():
    # 11.5 * 1.12 / 1.075 = 12.8800 / 1.075 = 11.981395
    p = project_share(11.5, 2019, 1, 12, 7.5)
    assert_allclose(p.wide().loc[2020, "baseline"], 11.5 * 1.12 / 1.075, rtol=1e-12)
    assert p.reached == {"baseline": None}
    assert p.status("baseline") == "no target"


@settings(max_examples=200, deadline=None)
@given(
    base=st.floats(0.5, 90),
    ratio=st.floats(0.2, 3.0),
    years=st.integers(1, 40),
    gdp=st.floats(-30, 40),
)
def test_project_share_at_required_growth_lands_on_the_target(base, ratio, years, gdp):
    target = base * ratio
    if not 0 < target < 100:
        return
    g = required_growth(base, target, years, gdp)
    p = project_share(base, 2020, years, g, gdp, target_share=target)
    final = p.wide().loc[2020 + years, "baseline"]
    assert_allclose(final, target, rtol=1e-9)
    assert p.reached["baseline"] is not None and p.reached["baseline"] <= 2020 + years


def test_project_share_named_scenarios_and_per_year_growth():
    p = project_share(
        11.5,
        2019,
        6,
        {
            "trend": 12,
            "target-consistent": required_growth(11.5, 17, 6, 7.5),
            "slowdown": [12, 10, 8, 8, 8, 8],
        },
        7.5,
        target_share=17,
    )
    assert list(p.reached) == ["trend", "target-consistent", "slowdown"]
    assert p.reached == {"trend": None, "target-consistent": 2025, "slowdown": None}
    assert p.status("trend") == "not reached by 2025"
    assert p.status("target-consistent") == "reached in 2025"
    # slowdown, 2021: 11.5 * (1.12/1.075) * (1.10/1.075)
    assert_allclose(p.wide().loc[2021, "slowdown"], 11.5 * 1.12 / 1.075 * 1.10 / 1.075, rtol=1e-12)
    assert set(p.to_frame().columns) >= {"scenario", "year", "share"}
    assert len(p.to_frame()) == 3 * 7
    summary = p.summary()
    assert summary.loc[summary.scenario == "target-consistent", "reached_year"].item() == 2025
    assert p.assumptions["sei_growth"]["slowdown"] == [12, 10, 8, 8, 8, 8]


def test_project_share_reports_the_first_year_the_target_is_passed():
    # 10 * (1.2/1.05)^t: 11.43, 13.06, 14.93, 17.06 -> 15 passed in 2024
    p = project_share(10, 2020, 6, 20, 5, target_share=15)
    assert p.reached["baseline"] == 2024


def test_project_share_per_year_gdp_growth():
    p = project_share(10, 2020, 2, 10, [10, 0])
    assert_allclose(p.wide()["baseline"].to_numpy(), [10, 10, 11], rtol=1e-12)


def test_project_share_does_not_change_its_inputs():
    growth = {"a": [1.0, 2.0]}
    project_share(10, 2020, 2, growth, 5)
    assert growth == {"a": [1.0, 2.0]}


def test_projection_plot_returns_axes():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = project_share(11.5, 2019, 6, {"a": 12, "b": 15}, 7.5, target_share=17).plot()
    assert len(ax.get_lines()) == 3
    plt.close("all")


# ---------------------------------------------------------------- sensitivity_grid
def test_sensitivity_grid_by_hand_and_shapes():
    g = sensitivity_grid(11.5, 2019, 2025, [10, 12, 15], [6, 8], target_share=17)
    wide = g.to_frame()
    assert wide.shape == (3, 2)
    assert wide.index.name == "sei_growth" and wide.columns.name == "gdp_growth"
    # 11.5 * (1.15 / 1.06) ** 6 = 11.5 * 1.6303 = 18.749
    assert_allclose(wide.loc[15, 6], 11.5 * (1.15 / 1.06) ** 6, rtol=1e-12)
    long = g.long()
    assert len(long) == 6
    assert set(long.columns) == {"sei_growth", "gdp_growth", "share", "reaches_target"}
    assert long.loc[(long.sei_growth == 15) & (long.gdp_growth == 6), "reaches_target"].item()
    assert not long.loc[(long.sei_growth == 10) & (long.gdp_growth == 8), "reaches_target"].item()


def test_sensitivity_grid_agrees_with_project_share():
    g = sensitivity_grid(11.5, 2019, 2025, [13.3], [7.1])
    p = project_share(11.5, 2019, 6, 13.3, 7.1)
    assert_allclose(g.to_frame().iloc[0, 0], p.wide().loc[2025, "baseline"], rtol=1e-12)


def test_sensitivity_grid_plot_returns_axes():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = sensitivity_grid(11.5, 2019, 2025, [10, 12, 15], [6, 8], target_share=17).plot()
    assert ax.get_xlabel().startswith("nominal GDP growth")
    plt.close("all")


# ---------------------------------------------------------------- validation
@pytest.mark.parametrize(
    ("call", "param", "value"),
    [
        (lambda: required_growth(0, 17, 6, 7.5), "base_share", "0"),
        (lambda: required_growth(11.5, 100, 6, 7.5), "target_share", "100"),
        (lambda: required_growth(-3, 17, 6, 7.5), "base_share", "-3"),
        (lambda: required_growth(11.5, 17, 0, 7.5), "years", "0"),
        (lambda: required_growth(11.5, 17, 6, -100), "gdp_growth", "-100"),
        (lambda: required_growth(float("nan"), 17, 6, 7.5), "base_share", "nan"),
        (lambda: required_growth(11.5, 17, 6, "fast"), "gdp_growth", "fast"),
        (lambda: years_to_target(11.5, 17, -150, 7.5), "sei_growth", "-150"),
        (lambda: years_to_target(11.5, 17, 12, float("inf")), "gdp_growth", "inf"),
        (lambda: project_share(11.5, 2019, 0, 12, 7.5), "years", "0"),
        (lambda: project_share(11.5, 2019, 3, [12, 12], 7.5), "sei_growth", "2"),
        (lambda: project_share(11.5, 2019, 2, {"slow": [12, -101]}, 7.5), "sei_growth['slow'][1]", "-101"),
        (lambda: project_share(11.5, 2019, 2, 12, [7.5, float("nan")]), "gdp_growth[1]", "nan"),
        (lambda: project_share(11.5, 2019.5, 2, 12, 7.5), "base_year", "2019.5"),
        (lambda: project_share(11.5, 2019, 2, 12, 7.5, target_share=140), "target_share", "140"),
        (lambda: sensitivity_grid(11.5, 2019, 2019, [10], [6]), "target_year", "2019"),
        (lambda: sensitivity_grid(11.5, 2019, 2018, [10], [6]), "target_year", "2018"),
        (lambda: sensitivity_grid(11.5, 2019, 2025, [], [6]), "sei_growth_values", "[]"),
        (lambda: sensitivity_grid(11.5, 2019, 2025, [10], [6, -200]), "gdp_growth_values[1]", "-200"),
    ],
)
def test_bad_inputs_raise_scenario_error_naming_parameter_and_value(call, param, value):
    with pytest.raises(ScenarioError) as info:
        call()
    message = str(info.value)
    assert message.startswith(param), message
    assert value in message, message
    assert info.value.exit_code == 2


def test_import_is_light():
    code = (
        "import sys, sei_analysis.scenarios as s; "
        "print(any(m in sys.modules for m in ('matplotlib', 'statsmodels')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_lazy_reexports_resolve():
    from sei_analysis import scenarios

    assert (
        callable(scenarios.simulate)
        and callable(scenarios.fit_trend)
        and callable(scenarios.sensitivity_grid)
    )
    with pytest.raises(AttributeError):
        scenarios.no_such_name  # noqa: B018
    assert isinstance(pd.DataFrame(), pd.DataFrame) and np.isfinite(1.0)


# ---------------------------------------------------------------- bounds (issue 14, item 3)
def test_project_share_refuses_more_years_than_the_horizon():
    from sei_analysis.scenarios.inputs import MAX_HORIZON_YEARS

    assert len(project_share(11.5, 2019, MAX_HORIZON_YEARS, 8, 7).paths) == MAX_HORIZON_YEARS + 1
    too_many = MAX_HORIZON_YEARS + 1  # small, so a regression cannot eat the machine's memory
    with pytest.raises(ScenarioError, match=f"years must be at most {MAX_HORIZON_YEARS}, got {too_many}"):
        project_share(11.5, 2019, too_many, 8, 7)


def test_sensitivity_grid_refuses_a_target_year_beyond_the_horizon():
    from sei_analysis.scenarios.inputs import MAX_HORIZON_YEARS

    with pytest.raises(ScenarioError, match=f"target_year must be at most {MAX_HORIZON_YEARS} years after"):
        sensitivity_grid(11.5, 1, 100_000_000, [10], [6])


def test_project_share_refuses_growth_that_overflows_the_share_path():
    with pytest.raises(ScenarioError, match=r"sei_growth.*overflows"):
        project_share(11.5, 2019, 6, 1e308, 7.5)


def test_sensitivity_grid_refuses_growth_that_overflows():
    with pytest.raises(ScenarioError, match=r"overflows"):
        sensitivity_grid(11.5, 2019, 2025, [1e308], [6])
