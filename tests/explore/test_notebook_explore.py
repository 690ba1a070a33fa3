"""notebooks/04-explore.ipynb: the house pattern, left out of sei report, and clean under papermill."""

from __future__ import annotations

import json

import nbformat
import papermill
import pytest

from sei_analysis import config
from sei_analysis.report.params import declared_parameters, discover_notebooks, is_scheduled

NOTEBOOK = config.NOTEBOOKS_DIR / "04-explore.ipynb"
# NOTE: plotly.js in a FigureWidget's state is about 5 MB; the sliders' states are a few kB each.
MAX_OUTPUT_BYTES = 1_000_000
MAX_WIDGET_STATE_BYTES = 50_000


def test_the_notebook_is_not_scheduled():
    assert not is_scheduled(NOTEBOOK)
    assert NOTEBOOK not in discover_notebooks(config.NOTEBOOKS_DIR)


def test_its_parameters_are_declared_with_help():
    declared = declared_parameters(NOTEBOOK)
    assert {"figures_dir", "params_dir", "n_paths"} <= set(declared)
    assert all(d.help for d in declared.values())


@pytest.mark.notebooks
def test_under_papermill_it_runs_and_carries_no_widget_bundle(tmp_path, monkeypatch):
    monkeypatch.setenv("SEI_FIGURES_DIR", str(tmp_path / "figures"))
    out = tmp_path / "04-explore.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK), str(out), parameters={"n_paths": 200}, kernel_name="python3",
        progress_bar=False, cwd=str(config.NOTEBOOKS_DIR), execution_timeout=300,
    )  # fmt: skip
    nb = nbformat.read(out, as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    assert out.stat().st_size < MAX_OUTPUT_BYTES
    text = out.read_text(encoding="utf-8")
    assert "FigureModel" not in text and "Plotly.newPlot" not in text
    states = (
        nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    )
    assert states, "the explorers' controls are widgets; their (small) state is expected"
    biggest = max(len(json.dumps(s)) for s in states.values())
    assert biggest < MAX_WIDGET_STATE_BYTES
