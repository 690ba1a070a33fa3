"""Monte Carlo fan (sei_analysis.scenarios.montecarlo, via sei_analysis.scenarios)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from pandas.testing import assert_frame_equal

from sei_analysis.errors import ScenarioError
from sei_analysis.scenarios import (
    GrowthAssumptions,
    growth_assumptions_from_history,
    project_share,
    required_growth,
    simulate,
)

BASE = dict(base_share=11.5, base_year=2019, target_year=2025, target_share=17, gdp_growth=7.5)


def test_same_seed_gives_identical_results():
    a = simulate(**BASE, sei_growth_mean=13, sei_growth_sd=3, n_paths=5_000, seed=42)
    b = simulate(**BASE, sei_growth_mean=13, sei_growth_sd=3, n_paths=5_000, seed=42)
    assert_frame_equal(a.bands, b.bands)
    assert_frame_equal(a.first_reached, b.first_reached)
    assert a.prob_reached == b.prob_reached
    assert a.assumptions["seed"] == 42


def test_different_seed_gives_different_bands():
    a = simulate(**BASE, sei_growth_mean=13, sei_growth_sd=3, n_paths=5_000, seed=1)
    b = simulate(**BASE, sei_growth_mean=13, sei_growth_sd=3, n_paths=5_000, seed=2)
    assert not np.allclose(a.bands["q50"].to_numpy()[1:], b.bands["q50"].to_numpy()[1:], rtol=1e-12)


def test_no_seed_records_the_seed_used_so_the_run_can_be_repeated():
    a = simulate(**BASE, sei_growth_mean=13, sei_growth_sd=3, n_paths=1_000)
    b = simulate(**BASE, sei_growth_mean=13, sei_growth_sd=3, n_paths=1_000, seed=a.assumptions["seed"])
    assert_frame_equal(a.bands, b.bands)


def test_zero_sd_equals_the_deterministic_path():
    growth = [15, 16, 17, 18, 19, 20]
    r = simulate(**BASE, sei_growth_mean=growth, sei_growth_sd=0, n_paths=3, seed=0)
    p = project_share(11.5, 2019, 6, growth, 7.5, target_share=17)
    expected = p.wide()["baseline"].to_numpy()
    for column in ("mean", "q5", "q25", "q50", "q75", "q95"):
        assert_allclose(r.bands[column].to_numpy(), expected, rtol=1e-12)
    assert r.bands["year"].tolist() == list(range(2019, 2026))
    # 2023: 11.5 * 1.15 * 1.16 * 1.17 * 1.18 / 1.075**4 = 15.86; 2024: * 1.19 / 1.075 = 17.56
    assert_allclose(r.bands["q50"].iloc[4], 11.5 * 1.15 * 1.16 * 1.17 * 1.18 / 1.075**4, rtol=1e-12)
    assert_allclose(r.bands["q50"].iloc[5], 17.556, atol=1e-3)
    assert p.reached["baseline"] == 2024
    assert r.prob_reached == 1.0
    row = r.first_reached.set_index("outcome").loc["2024"]
    assert row["probability"] == 1.0


def test_zero_sd_at_required_growth_reaches_target_in_target_year():
    g = required_growth(11.5, 17, 6, 7.5)
    r = simulate(**BASE, sei_growth_mean=g, sei_growth_sd=0, n_paths=10, seed=0)
    assert_allclose(r.bands["q50"].iloc[-1], 17, rtol=1e-12)
    assert r.prob_reached == 1.0 and r.prob_at_target_year == 1.0


def test_probability_is_one_far_above_and_zero_far_below_required_growth():
    high = simulate(**BASE, sei_growth_mean=30, sei_growth_sd=2, n_paths=20_000, seed=3)
    low = simulate(**BASE, sei_growth_mean=5, sei_growth_sd=2, n_paths=20_000, seed=3)
    assert high.prob_reached == pytest.approx(1.0)
    assert low.prob_reached == pytest.approx(0.0)
    not_reached = low.first_reached.iloc[-1]
    assert not_reached["outcome"] == "not reached by 2025"
    assert pd.isna(not_reached["year"])
    assert not_reached["probability"] == pytest.approx(1.0)


def test_probability_near_one_half_at_required_growth():
    # At the required growth as the mean, the median path lands on the target.
    g = required_growth(11.5, 17, 6, 7.5)
    r = simulate(**BASE, sei_growth_mean=g, sei_growth_sd=2, n_paths=40_000, seed=7)
    assert 0.45 < r.prob_at_target_year < 0.55
    assert r.prob_reached >= r.prob_at_target_year
    assert_allclose(r.bands["q50"].iloc[-1], 17, rtol=0.01)


def test_bands_are_ordered_and_first_reached_sums_to_one():
    r = simulate(**BASE, sei_growth_mean=13, sei_growth_sd=4, n_paths=10_000, seed=5, horizon=2030)
    qs = r.bands[["q5", "q25", "q50", "q75", "q95"]].to_numpy()
    assert (np.diff(qs, axis=1) >= 0).all()
    assert r.bands["year"].iloc[-1] == 2030 and len(r.bands) == 12
    assert r.first_reached["probability"].sum() == pytest.approx(1.0)
    assert r.first_reached["paths"].sum() == 10_000
    assert r.first_reached["outcome"].iloc[-1] == "not reached by 2030"
    by_target_year = r.first_reached.loc[r.first_reached["year"] <= 2025, "probability"].sum()
    assert r.prob_reached == pytest.approx(by_target_year)
    assert r.to_frame().equals(r.bands)


def test_float32_is_close_to_float64():
    a = simulate(**BASE, sei_growth_mean=13, sei_growth_sd=3, n_paths=50_000, seed=1)
    b = simulate(**BASE, sei_growth_mean=13, sei_growth_sd=3, n_paths=50_000, seed=1, dtype="float32")
    assert_allclose(a.bands["q50"], b.bands["q50"], rtol=0.01)
    assert b.bands["q50"].dtype == np.float64


def test_target_already_met_in_base_year():
    r = simulate(10, 2020, 2022, 10, 5, 5, 1, n_paths=100, seed=0)
    assert r.prob_reached == 1.0
    assert r.first_reached.set_index("outcome").loc["2020", "probability"] == 1.0


def test_growth_assumptions_from_history_by_hand():
    # gaps 4 and 2: mean 3, sample sd sqrt(((1)^2 + (1)^2) / 1) = sqrt(2)
    result = growth_assumptions_from_history(pd.Series([4.0, 2.0]), gdp_growth=7.5)
    assert isinstance(result, GrowthAssumptions)
    mean, sd = result
    assert_allclose([mean, sd], [10.5, np.sqrt(2)])


def test_growth_assumptions_feed_simulate():
    mean, sd = growth_assumptions_from_history([5.0, 3.9, 4.4, 2.0, 2.8, 4.2], gdp_growth=7.5)
    r = simulate(**BASE, sei_growth_mean=mean, sei_growth_sd=sd, n_paths=2_000, seed=0)
    assert 0 <= r.prob_reached <= 1


def test_simulation_plot_returns_axes():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = simulate(**BASE, sei_growth_mean=13, sei_growth_sd=3, n_paths=500, seed=0).plot()
    assert "P(target reached by 2025)" in ax.get_title()
    plt.close("all")


@pytest.mark.parametrize(
    ("kwargs", "param", "value"),
    [
        (dict(n_paths=0), "n_paths", "0"),
        (dict(n_paths=2.5), "n_paths", "2.5"),
        (dict(sei_growth_sd=-1), "sei_growth_sd", "-1"),
        (dict(sei_growth_sd=float("nan")), "sei_growth_sd", "nan"),
        (dict(sei_growth_mean=-100), "sei_growth_mean", "-100"),
        (dict(base_share=0), "base_share", "0"),
        (dict(target_share=100.5), "target_share", "100.5"),
        (dict(target_year=2019), "target_year", "2019"),
        (dict(horizon=2024), "horizon", "2024"),
        (dict(gdp_growth=[7.5, 7.5]), "gdp_growth", "2"),
        (dict(quantiles=(5, 120)), "quantiles", "120"),
        (dict(seed=-1), "seed", "-1"),
    ],
)
def test_simulate_rejects_bad_inputs(kwargs, param, value):
    args = {**BASE, "sei_growth_mean": 13, "sei_growth_sd": 3, "n_paths": 10, "seed": 0, **kwargs}
    with pytest.raises(ScenarioError) as info:
        simulate(**args)
    assert str(info.value).startswith(param), str(info.value)
    assert value in str(info.value)


@pytest.mark.parametrize(("gaps", "param"), [([1.0], "gaps"), ([1.0, float("nan")], "gaps[1]")])
def test_growth_assumptions_reject_bad_history(gaps, param):
    with pytest.raises(ScenarioError) as info:
        growth_assumptions_from_history(gaps, gdp_growth=7.5)
    assert str(info.value).startswith(param), str(info.value)


def test_simulation_matches_a_plain_reconstruction_of_the_same_draws():
    # Same generator, same draws: z[t, i] ~ N(0, 1); g = 13 + 3 z; s = 11.5 * cumprod((1 + g/100) / 1.075)
    n, seed = 501, 11
    z = np.random.default_rng(seed).standard_normal(size=(6, n))
    shares = 11.5 * np.cumprod((1 + (13 + 3 * z) / 100) / 1.075, axis=0)
    r = simulate(**BASE, sei_growth_mean=13, sei_growth_sd=3, n_paths=n, seed=seed)
    expected = np.quantile(shares, [0.05, 0.25, 0.5, 0.75, 0.95], axis=1)
    got = r.bands[["q5", "q25", "q50", "q75", "q95"]].to_numpy()[1:].T
    assert_allclose(got, expected, rtol=1e-12)
    assert_allclose(r.bands["mean"].to_numpy()[1:], shares.mean(axis=1), rtol=1e-12)
    first = []
    for i in range(n):  # the first year each path reaches 17, by a plain loop
        hits = [t for t in range(6) if shares[t, i] >= 17 * (1 - 1e-9)]
        first.append(2020 + hits[0] if hits else None)
    counts = pd.Series(first, dtype="Int64").value_counts(dropna=False)
    table = r.first_reached.set_index("outcome")
    for year in range(2020, 2026):
        assert table.loc[str(year), "paths"] == counts.get(year, 0)
    assert table.loc["not reached by 2025", "paths"] == sum(f is None for f in first)
    assert r.prob_reached == pytest.approx(sum(f is not None for f in first) / n)
    assert r.prob_at_target_year == pytest.approx(np.mean(shares[-1] >= 17))


def test_large_seeds_are_kept_exactly():
    a = simulate(**BASE, sei_growth_mean=13, sei_growth_sd=3, n_paths=200, seed=2**64 - 1)
    b = simulate(**BASE, sei_growth_mean=13, sei_growth_sd=3, n_paths=200, seed=2**64 - 2)
    assert a.assumptions["seed"] == 2**64 - 1
    assert not a.bands["q50"].equals(b.bands["q50"])


# ---------------------------------------------------------------- bounds (issue 14, item 3)
@pytest.mark.parametrize(
    "kwargs, named",
    # NOTE: just past the bound, so a regression cannot eat the machine's memory
    [({"target_year": 2019 + 201}, "target_year"), ({"target_year": 2025, "horizon": 2019 + 201}, "horizon")],
)
def test_simulate_refuses_a_span_beyond_the_horizon(kwargs, named):
    from sei_analysis.scenarios.inputs import MAX_HORIZON_YEARS

    args = {"base_share": 11.5, "base_year": 2019, "target_share": 17, "gdp_growth": 7.5}
    with pytest.raises(ScenarioError, match=f"{named} must be at most {MAX_HORIZON_YEARS} years after"):
        simulate(**args, **kwargs, sei_growth_mean=12, sei_growth_sd=2, n_paths=10, seed=1)


def test_simulate_refuses_growth_that_overflows():
    with pytest.raises(ScenarioError, match=r"overflows"):
        simulate(11.5, 2019, 2025, 17, 7.5, 1e308, 0.0, n_paths=10, seed=1)
