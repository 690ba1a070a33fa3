"""The explorers' callbacks, without a browser: controls in, outcome, figures and files out."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest_data import figures_table, indicators_table

from sei_analysis.explore import figure_explorer, scenario_explorer


@pytest.fixture
def explorer(tmp_path):
    e = scenario_explorer(
        indicators_table(), figures_dir=tmp_path / "figures", params_dir=tmp_path / "params", n_paths=500
    )
    e.charts.materialize()  # what the browser's render message does
    return e


def test_the_charts_wait_for_a_browser(tmp_path):
    e = scenario_explorer(indicators_table(), n_paths=100)
    assert e.fan is None and e.charts.children[0].__class__.__name__ == "ChartSlot"


def test_the_render_message_builds_the_charts():
    e = scenario_explorer(indicators_table(), n_paths=100)
    slot = e.charts.children[0]
    slot._handle_custom_msg({"event": "rendered"}, [])
    assert e.fan is not None and list(e.charts.children) == [e.fan, e.heatmap]


def test_moving_gdp_growth_redraws_the_fan_once(explorer):
    before = explorer.redraws
    explorer.gdp_growth.value = 7.5
    assert explorer.redraws == before + 1
    assert list(explorer.fan.data[2].y) == pytest.approx(explorer.outcome.simulation.bands["q50"].tolist())


def test_faster_gdp_growth_lowers_the_median(explorer):
    explorer.gdp_growth.value = 4.0
    low = explorer.fan.data[2].y[-1]
    explorer.gdp_growth.value = 8.0
    assert explorer.fan.data[2].y[-1] < low


def test_setting_several_controls_redraws_once(explorer):
    before = explorer.redraws
    explorer.set(gdp_growth=6.0, growth_sd=3.0, scenarios={"trend": 10.0})
    assert explorer.redraws == before + 1 and explorer.inputs.scenario_dict["trend"] == 10.0


def test_the_summary_follows_the_controls(explorer):
    explorer.set(target_share=20.0)
    assert "to 20% in 2025" in explorer.summary.value


def test_a_target_year_before_the_base_is_reported_not_raised(explorer):
    drawn = explorer.outcome
    explorer.target_year.value = 2022
    assert "must be after the base year" in explorer.status.value
    assert explorer.outcome is drawn  # the last valid outcome stays on screen


def test_the_grid_is_not_redrawn_when_its_cells_stay_the_same(explorer):
    explorer.gdp_growth.value = 4.0
    z = explorer.heatmap.data[0].z
    key = explorer._grid_key
    explorer.gdp_growth.value = 4.1  # still centred on 4
    assert explorer._grid_key == key and explorer.heatmap.data[0].z == z


def test_reset_returns_to_the_data(explorer):
    explorer.set(gdp_growth=9.0, base_share=15.0)
    explorer.reset()
    assert explorer.inputs == explorer.defaults


def test_save_chart_writes_the_house_files_with_the_parameters(explorer, tmp_path):
    explorer.gdp_growth.value = 6.5
    saved = explorer.save_chart()
    assert {p.suffix for p in saved.files.values()} >= {".png", ".svg", ".pdf", ".csv", ".json", ".html"}
    meta = json.loads(saved.meta_path.read_text())
    assert meta["parameters"]["gdp_growth"] == 6.5 and meta["parameters"]["base_share"] == 13.0


def test_save_parameters_writes_a_section_for_notebook_03(explorer):
    explorer.set(gdp_growth=5.5, n_paths=2000)
    path = explorer.save_params()
    doc = yaml.safe_load(path.read_text())
    assert doc["03-scenario-projections"]["gdp_growth"] == 5.5
    assert doc["03-scenario-projections"]["n_paths"] == 2000
    assert "Parameters saved" in explorer.status.value


def test_the_figure_explorer_filters_and_shows_the_selected_sentence():
    f = figure_explorer(figures_table())
    f.filters["language"].value = ("zh",)
    assert len(f.matches) == 1 and "<mark>17%</mark>" in f.detail.value


def test_the_figure_explorer_text_box_filters(tmp_path):
    f = figure_explorer(figures_table())
    f.text.value = "more than 13"
    assert "<b>3</b> of 4" in f.count.value
    f.text.value = "nothing like this"
    assert "No figure matches" in f.detail.value


def test_clearing_the_filters_shows_every_figure():
    f = figure_explorer(figures_table())
    f.filters["doc_id"].value = ("b",)
    f.clear()
    assert len(f.matches) == 4


def test_selecting_a_row_shows_its_source():
    f = figure_explorer(figures_table())
    assert "Guiding Opinions" in f.select(1) and "<mark>10%</mark> and 10%" in f.detail.value
