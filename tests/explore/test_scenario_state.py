"""The scenario explorer's logic: defaults from the data, outcomes, the summary and report parameters."""

from __future__ import annotations

import pytest
from conftest_data import indicators_table

from sei_analysis.explore.scenario_state import (
    FALLBACK_DEFAULTS,
    compute_outcome,
    default_inputs,
    notebook_defaults,
    summary_html,
)
from sei_analysis.scenarios import required_growth


@pytest.fixture(scope="module")
def start():
    return default_inputs(indicators_table())


def test_the_base_is_the_latest_published_actual_not_an_estimate(start):
    inputs, anchors = start
    assert (inputs.base_year, inputs.base_share) == (2022, 13.0)
    assert anchors.share.qualifier == "at_least"


def test_gdp_growth_is_the_compound_mean_of_the_last_two_years(start):
    inputs, _ = start
    assert inputs.gdp_growth == pytest.approx(round(((1.04 * 1.05) ** 0.5 - 1) * 100, 2))


def test_the_rest_comes_from_notebook_03(start):
    inputs, _ = start
    declared = notebook_defaults()
    assert inputs.scenario_dict == declared["scenarios"] and inputs.seed == declared["seed"]


def test_without_a_table_the_notebook_defaults_are_used_and_said():
    inputs, anchors = default_inputs(None)
    assert inputs.base_share == notebook_defaults()["base_share"]
    assert anchors.share is None and "no indicators table" in anchors.notes[0]


def test_a_missing_notebook_falls_back_to_the_stated_defaults(tmp_path):
    assert notebook_defaults(tmp_path) == FALLBACK_DEFAULTS


def test_the_outcome_holds_the_required_growth_by_the_closed_form(start):
    inputs, _ = start
    out = compute_outcome(inputs.replace(gdp_growth=7.5, n_paths=200))
    assert out.required == pytest.approx(required_growth(13.0, 17.0, 3, 7.5))
    assert out.projection.reached["required"] == 2025


def test_the_fan_is_centred_on_the_chosen_scenario(start):
    inputs, _ = start
    out = compute_outcome(inputs.replace(growth_sd=0.0, fan_scenario="fast", n_paths=50))
    fast = dict(inputs.scenarios)["fast"]  # the notebook's default for the fast scenario
    assert out.simulation.bands["q50"].iloc[-1] == pytest.approx(
        13.0 * ((1 + fast / 100) / (1 + inputs.gdp_growth / 100)) ** 3
    )


def test_the_grid_is_centred_on_the_current_growth_rates(start):
    inputs, _ = start
    sei, gdp = inputs.replace(
        gdp_growth=4.08, scenarios={"slow": 9.0, "trend": 12.0, "fast": 15.0}
    ).grid_axes()
    assert sei == [6.0, 8.0, 10.0, 12.0, 14.0, 16.0, 18.0] and gdp == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]


def test_the_summary_says_the_base_is_a_lower_bound(start):
    inputs, anchors = start
    html = summary_html(compute_outcome(inputs.replace(n_paths=100)), anchors)
    assert "more than 13% in 2022" in html and "lower bound" in html


def test_the_summary_drops_the_bound_once_the_base_is_moved(start):
    inputs, anchors = start
    html = summary_html(compute_outcome(inputs.replace(base_share=12.0, n_paths=100)), anchors)
    assert "lower bound" not in html


def test_the_first_year_table_adds_up_to_one(start):
    inputs, _ = start
    out = compute_outcome(inputs.replace(n_paths=300))
    assert out.simulation.first_reached["probability"].sum() == pytest.approx(1.0)


def test_report_params_are_plain_numbers_named_as_in_notebook_03(start):
    inputs, _ = start
    params = inputs.report_params()
    assert set(params) <= set(notebook_defaults()) | {"grid_sei_growth", "grid_gdp_growth"}
    assert isinstance(params["base_share"], float) and isinstance(params["scenarios"], dict)


def test_the_fallback_defaults_are_notebook_03s_own():
    from sei_analysis import config

    defaults = notebook_defaults(config.NOTEBOOKS_DIR)
    assert {k: defaults[k] for k in FALLBACK_DEFAULTS} == FALLBACK_DEFAULTS
