"""'Save parameters' gives a file the report runner accepts, checked by the runner's own validation."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest_data import indicators_table

from sei_analysis import config
from sei_analysis.errors import ParameterError
from sei_analysis.explore.save import default_params_path, save_params
from sei_analysis.explore.scenario_state import default_inputs


@pytest.fixture
def inputs():
    return default_inputs(indicators_table())[0].replace(n_paths=300)


def test_the_file_names_notebook_03_and_holds_numbers(inputs, tmp_path):
    path = save_params(inputs, tmp_path / "p.yml")
    section = yaml.safe_load(path.read_text())["03-scenario-projections"]
    assert section["base_share"] == 13.0 and section["base_year"] == 2022 and section["n_paths"] == 300


def test_a_value_the_runner_rejects_leaves_no_file(inputs, tmp_path):
    target = tmp_path / "bad.yml"
    with pytest.raises(ParameterError, match="gdp_growth") as err:
        save_params(inputs.replace(gdp_growth=55.0), target)  # notebook 03 allows [-10, 30]
    assert not target.exists() and list(tmp_path.iterdir()) == []
    assert str(target) in str(err.value)


def test_notes_are_written_as_comments(inputs, tmp_path):
    path = save_params(inputs, tmp_path / "p.yml", notes=("base_share: more than 13%, a lower bound",))
    assert "# base_share: more than 13%, a lower bound" in path.read_text()


def test_the_default_path_is_in_reports_params(tmp_path):
    assert default_params_path().parent == config.REPORTS_DIR / "params"
    assert default_params_path(tmp_path).name.startswith("explore-")


@pytest.mark.notebooks
def test_sei_report_runs_the_saved_file(inputs, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(config.RAW_DATA_DIR, root / "data" / "raw")
    shutil.copytree(config.NOTEBOOKS_DIR, root / "notebooks")
    saved = save_params(
        inputs, root / "reports" / "params" / "explored.yml", notebooks_dir=root / "notebooks"
    )
    env = {**os.environ, "SEI_PROJECT_ROOT": str(root)}
    env.pop("SEI_FIGURES_DIR", None)
    argv = ["report", "--params", str(saved), "--only", "03", "--run-id", "explored"]
    done = subprocess.run(
        [sys.executable, "-m", "sei_analysis", *argv],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    params = yaml.safe_load((root / "reports" / "explored" / "params.yml").read_text())
    assert params["03-scenario-projections"]["base_share"] == 13.0
    assert (root / "reports" / "explored" / "figures" / "scenario_fan.html").is_file()
