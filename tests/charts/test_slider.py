"""The offline scenario chart: plotly slider steps over precomputed fans (no browser here)."""

from __future__ import annotations

import dataclasses

import pytest
from numpy.testing import assert_allclose

from sei_analysis import charts
from sei_analysis.charts.slider import TRACES_PER_GROUP, scenario_slider, slider_html_size, with_slider
from sei_analysis.errors import InputError
from sei_analysis.scenarios import fan_frames

SCENARIOS = {"slow": 9.0, "trend": 12.0}


@pytest.fixture(scope="module")
def frames():
    return fan_frames(
        11.5, 2019, 2025, 17.0, [4.0, 6.0, 7.5], [9.0, 12.0], 2.0, n_paths=400, seed=5, scenarios=SCENARIOS
    )


def apply_step(fig, step):
    """What plotly.js does with a 'restyle' step: attribute lists applied trace by trace."""
    update, indices = step["args"]
    data = [dict(t) for t in fig.to_plotly_json()["data"]]
    for attr, values in update.items():
        for j, idx in enumerate(indices):
            data[idx][attr] = values[j]
    return data


def test_one_gdp_step_per_growth_rate_and_one_sei_step_per_fan(frames):
    fig = scenario_slider(frames, gdp_growth=7.5, sei_growth=12.0)
    gdp, sei = fig.layout.sliders
    assert [s.label for s in gdp.steps] == ["4", "6", "7.5"]
    assert [s.label for s in sei.steps] == ["9", "12"]
    assert (gdp.active, sei.active) == (2, 1)
    assert (gdp.name, sei.name) == ("gdp_growth", "sei_growth")
    assert gdp.currentvalue.prefix != sei.currentvalue.prefix
    assert sei.pad.t > gdp.pad.t  # the SEI slider sits below the GDP one, not on it


def test_every_gdp_step_draws_that_frame_for_every_sei_group(frames):
    fig = scenario_slider(frames)
    for step, g in zip(fig.layout.sliders[0].steps, frames.gdp_growth_values, strict=True):
        data = apply_step(fig, step.to_plotly_json())
        for k, s in enumerate(frames.sei_growth_values):
            median = data[TRACES_PER_GROUP * k + 2]["y"]
            assert_allclose(median, frames.frame(g, s)["q50"].to_numpy(), atol=1e-4)


def test_gdp_steps_move_the_scenario_paths(frames):
    fig = scenario_slider(frames)
    first = TRACES_PER_GROUP * len(frames.sei_growth_values)
    data = apply_step(fig, fig.layout.sliders[0].steps[0].to_plotly_json())
    assert data[first]["name"] == "slow"
    assert data[first]["y"][-1] == pytest.approx(11.5 * (1.09 / 1.04) ** 6, abs=1e-4)


def test_gdp_steps_never_touch_visibility_and_sei_steps_touch_only_it(frames):
    fig = scenario_slider(frames)
    assert all("visible" not in s.args[0] for s in fig.layout.sliders[0].steps)
    assert all(set(s.args[0]) == {"visible"} for s in fig.layout.sliders[1].steps)


def test_an_sei_step_shows_exactly_its_own_group(frames):
    fig = scenario_slider(frames)
    data = apply_step(fig, fig.layout.sliders[1].steps[0].to_plotly_json())
    shown = [i for i, t in enumerate(data[: TRACES_PER_GROUP * 2]) if t.get("visible") is True]
    assert shown == [0, 1, 2, 3]


def test_the_initial_traces_are_the_active_frame(frames):
    fig = scenario_slider(frames, gdp_growth=6.0, sei_growth=9.0)
    assert_allclose(fig.data[2].y, frames.frame(6.0, 9.0)["q50"].to_numpy(), atol=1e-4)
    assert fig.data[2].visible is True and fig.data[TRACES_PER_GROUP + 2].visible is False


def test_the_label_states_the_probability_of_that_frame(frames):
    fig = scenario_slider(frames, gdp_growth=4.0, sei_growth=12.0)
    row = frames.summary[(frames.summary.gdp_growth == 4.0) & (frames.summary.sei_growth == 12.0)].iloc[0]
    assert f"= {row.prob_reached:.0%}" in fig.data[TRACES_PER_GROUP + 3].text[0]


def test_many_sei_rates_leave_only_the_gdp_slider():
    f = fan_frames(
        11.5, 2019, 2025, 17.0, [6.0, 7.5], [8, 9, 10, 11, 12, 13, 14, 15], 1.0, n_paths=50, seed=1
    )
    fig = scenario_slider(f, sei_growth=12)
    assert len(fig.layout.sliders) == 1
    assert fig.layout.meta["sei_slider"]["sei_growth"] == [12.0]


def test_with_slider_keeps_the_static_chart_and_swaps_the_html(frames):
    fan = charts.scenario_fan(
        frames.paths[frames.paths.gdp_growth == 7.5].drop(columns="gdp_growth"),
        frames.frame(7.5, 12.0).drop(columns=["gdp_growth", "sei_growth"]),
        (2025, 17.0),
    )
    slid = with_slider(fan, frames, gdp_growth=7.5)
    assert slid.fig is fan.fig and slid.data is fan.data
    assert slid.plotly.layout.sliders and slid.params["slider"]["gdp_growth"] == [4.0, 6.0, 7.5]
    assert dataclasses.replace(slid, plotly=None).plotly is None


def test_the_html_is_plotly_js_plus_a_small_figure(frames):
    size = slider_html_size(scenario_slider(frames))
    assert size["plotly_js"] > 3_000_000 and size["figure_json"] < 200_000


def test_something_else_than_frames_is_refused():
    with pytest.raises(InputError, match="FanFrames"):
        scenario_slider({"bands": []})
