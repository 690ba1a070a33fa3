"""fan_frames: one simulated fan per pair of GDP and SEI growth, as tidy tables."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from sei_analysis.errors import ScenarioError
from sei_analysis.scenarios import fan_frames, growth_steps, required_growth, simulate

BASE = dict(base_share=11.5, base_year=2019, target_year=2025, target_share=17.0)


def small(**kw):
    args = dict(
        BASE,
        gdp_growth_values=[6.0, 7.5],
        sei_growth_values=[12.0, 15.0],
        sei_growth_sd=2.0,
        n_paths=500,
        seed=3,
    )
    args.update(kw)
    return fan_frames(**args)


def test_one_summary_row_per_pair_of_growth_rates():
    f = small()
    assert f.summary[["gdp_growth", "sei_growth"]].values.tolist() == [[6, 12], [6, 15], [7.5, 12], [7.5, 15]]


def test_one_band_row_per_frame_and_year():
    f = small()
    assert len(f.bands) == 4 * 7
    assert f.bands.groupby(["gdp_growth", "sei_growth"])["year"].apply(list).map(len).eq(7).all()


def test_each_frame_equals_simulate_with_the_same_seed():
    f = small()
    sim = simulate(**BASE, gdp_growth=7.5, sei_growth_mean=12.0, sei_growth_sd=2.0, n_paths=500, seed=3)
    assert_allclose(f.frame(7.5, 12.0)["q50"].to_numpy(), sim.bands["q50"].to_numpy())
    row = f.summary[(f.summary.gdp_growth == 7.5) & (f.summary.sei_growth == 12.0)].iloc[0]
    assert row.prob_reached == sim.prob_reached


def test_required_growth_follows_gdp_growth():
    f = small()
    for row in f.summary.itertuples():
        assert row.required_growth == pytest.approx(required_growth(11.5, 17, 6, row.gdp_growth))


def test_with_no_spread_the_median_is_the_constant_growth_path():
    f = small(sei_growth_sd=0.0)
    # 11.5 * (1.12 / 1.06) ** 6, by hand
    assert f.frame(6.0, 12.0)["q50"].iloc[-1] == pytest.approx(11.5 * (1.12 / 1.06) ** 6)


def test_faster_gdp_growth_lowers_the_share_for_the_same_draws():
    f = small()
    assert (
        f.frame(7.5, 12.0)["q50"].iloc[1:].to_numpy() < f.frame(6.0, 12.0)["q50"].iloc[1:].to_numpy()
    ).all()


def test_scenario_paths_are_projected_at_each_gdp_growth():
    f = small(scenarios={"slow": 9.0, "fast": 15.0})
    last = f.paths[(f.paths.year == 2025) & (f.paths.scenario == "slow")].set_index("gdp_growth")["share"]
    assert_allclose(last.to_numpy(), [11.5 * (1.09 / 1.06) ** 6, 11.5 * (1.09 / 1.075) ** 6])


def test_without_scenarios_the_paths_table_is_empty_with_its_columns():
    assert list(small().paths.columns) == ["gdp_growth", "scenario", "year", "share"] and small().paths.empty


def test_the_seed_drawn_when_none_is_recorded_and_shared():
    f = small(seed=None)
    seed = f.assumptions["seed"]
    again = small(seed=seed)
    assert_allclose(again.bands["q50"].to_numpy(), f.bands["q50"].to_numpy())


def test_a_pair_outside_the_grid_is_named_in_the_error():
    with pytest.raises(ScenarioError, match="gdp_growth=9"):
        small().frame(9.0, 12.0)


def test_too_many_frames_are_refused():
    with pytest.raises(ScenarioError, match="frames"):
        small(gdp_growth_values=list(np.arange(0, 21, 0.1)), sei_growth_values=[1, 2, 3])


def test_an_empty_axis_is_refused():
    with pytest.raises(ScenarioError, match="sei_growth_values"):
        small(sei_growth_values=[])


def test_growth_steps_adds_the_values_asked_for_in_order():
    assert growth_steps(4, 6, 1, include=[4.08, 6]) == [4.0, 4.08, 5.0, 6.0]


def test_growth_steps_refuses_a_step_of_zero():
    with pytest.raises(ScenarioError, match="step"):
        growth_steps(4, 6, 0)
