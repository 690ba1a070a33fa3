"""Explore in JupyterLab: the scenario explorer and the figure explorer (ipywidgets, plotly).

Typical use in a notebook (``notebooks/04-explore.ipynb``)::

    from sei_analysis import build, explore
    tables = build.processed_tables()
    explore.scenario_explorer(tables)        # sliders, live fan, grid, save chart / parameters
    explore.figure_explorer(tables.figures)  # filter the figures, read each in its sentence

This package sits on top of the stages, beside ``cli``: it imports indicators, scenarios,
charts and report. The logic lives in modules without widgets (``scenario_state``,
``figures_state``, ``save``, ``throttle``), so it is tested without a browser; the widget
modules (``scenario_explorer``, ``figure_explorer``, ``widgets``, and ``live_figures`` for the
two plotly figures) load ipywidgets, and plotly only when a chart is drawn. ``import
sei_analysis`` does not import this package.
"""

from __future__ import annotations

from sei_analysis.explore.figure_explorer import FigureExplorer, figure_explorer
from sei_analysis.explore.save import default_params_path, save_chart, save_params
from sei_analysis.explore.scenario_explorer import ScenarioExplorer, scenario_explorer
from sei_analysis.explore.scenario_state import (
    Anchors,
    ScenarioInputs,
    ScenarioOutcome,
    compute_outcome,
    default_inputs,
    summary_html,
)
from sei_analysis.explore.throttle import Throttle

__all__ = [
    "Anchors",
    "FigureExplorer",
    "ScenarioExplorer",
    "ScenarioInputs",
    "ScenarioOutcome",
    "Throttle",
    "compute_outcome",
    "default_inputs",
    "default_params_path",
    "figure_explorer",
    "save_chart",
    "save_params",
    "scenario_explorer",
    "summary_html",
]
