"""Charts in the house style, their export to a run's ``figures/`` folder, and the briefing pack.

Typical use in a notebook::

    from sei_analysis import charts
    c = charts.share_vs_targets(observations, targets)
    charts.save_chart(c, out_dir=figures_dir)       # PNG, SVG, PDF, CSV, meta.json, HTML
    charts.build_briefing(figures_dir, run_dir)      # briefing.pdf, briefing.pptx

Modules: ``style`` (house style, plotly template, fonts), ``export`` (``save_figure``),
``share_chart``, ``comparison_charts`` and ``scenario_charts`` (the charts), ``interactive``
(plotly versions), ``briefing`` (PDF and PPTX pack). Names load lazily: importing this package does not import
matplotlib or plotly.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# NOTE: public name -> submodule that defines it; resolved on first access (PEP 562).
_LAZY = {
    "Chart": "base",
    "save_chart": "base",
    "SavedFigure": "export",
    "save_figure": "export",
    "default_figures_dir": "export",
    "plotly_static": "export",
    "share_vs_targets": "share_chart",
    "growth_vs_industry": "comparison_charts",
    "figure_sources": "comparison_charts",
    "scenario_fan": "scenario_charts",
    "sensitivity_heatmap": "scenario_charts",
    "build_briefing": "briefing",
    "house_style": "style",
    "new_figure": "style",
    "decorate": "style",
    "plotly_template": "style",
    "OKABE_ITO": "style",
    "SIZES": "style",
}
__all__ = [
    "OKABE_ITO",
    "SIZES",
    "Chart",
    "SavedFigure",
    "build_briefing",
    "decorate",
    "default_figures_dir",
    "figure_sources",
    "growth_vs_industry",
    "house_style",
    "new_figure",
    "plotly_static",
    "plotly_template",
    "save_chart",
    "save_figure",
    "scenario_fan",
    "sensitivity_heatmap",
    "share_vs_targets",
]

if TYPE_CHECKING:  # pragma: no cover
    from sei_analysis.charts.base import Chart, save_chart
    from sei_analysis.charts.briefing import build_briefing
    from sei_analysis.charts.comparison_charts import figure_sources, growth_vs_industry
    from sei_analysis.charts.export import SavedFigure, default_figures_dir, plotly_static, save_figure
    from sei_analysis.charts.scenario_charts import scenario_fan, sensitivity_heatmap
    from sei_analysis.charts.share_chart import share_vs_targets
    from sei_analysis.charts.style import OKABE_ITO, SIZES, decorate, house_style, new_figure, plotly_template


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'sei_analysis.charts' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"sei_analysis.charts.{_LAZY[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
