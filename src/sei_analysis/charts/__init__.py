"""Charts in the house style, their export to a run's ``figures/`` folder, and the briefing pack.

Typical use in a notebook::

    from sei_analysis import charts
    c = charts.share_vs_targets(observations, targets)
    charts.save_chart(c, out_dir=figures_dir)       # PNG, SVG, PDF, CSV, meta.json, HTML
    charts.build_briefings(figures_dir, run_dir)     # briefing[.zh].pptx, .pdf, .docx

Modules: ``style`` (house style, plotly template, fonts), ``export`` (``save_figure``),
``share_chart``, ``comparison_charts`` and ``scenario_charts`` (the charts), ``interactive``
(plotly versions), ``catalogue`` (every word, in English and Chinese, from ``messages.yml``),
``languages`` (one chart in every language), ``native`` (editable PowerPoint charts), ``deck``
(the PPTX), ``note`` (the Word note), ``key_messages`` and ``briefing`` (the pack). Names load
lazily: importing this package does not import matplotlib or plotly.
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
    "figure_sources": "sources_chart",
    "scenario_fan": "scenario_charts",
    "sensitivity_heatmap": "heatmap_chart",
    "build_briefing": "briefing",
    "build_briefings": "briefing",
    "BriefingPack": "briefing",
    "key_messages": "key_messages",
    "KeyMessages": "key_messages",
    "in_languages": "languages",
    "ChartSet": "languages",
    "LANGUAGES": "catalogue",
    "house_style": "style",
    "new_figure": "style",
    "decorate": "style",
    "plotly_template": "style",
    "OKABE_ITO": "style",
    "SIZES": "style",
}
__all__ = [
    "LANGUAGES",
    "BriefingPack",
    "ChartSet",
    "KeyMessages",
    "build_briefings",
    "in_languages",
    "key_messages",
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
    from sei_analysis.charts.briefing import BriefingPack, build_briefing, build_briefings
    from sei_analysis.charts.catalogue import LANGUAGES
    from sei_analysis.charts.comparison_charts import growth_vs_industry
    from sei_analysis.charts.export import SavedFigure, default_figures_dir, plotly_static, save_figure
    from sei_analysis.charts.heatmap_chart import sensitivity_heatmap
    from sei_analysis.charts.key_messages import KeyMessages, key_messages
    from sei_analysis.charts.languages import ChartSet, in_languages
    from sei_analysis.charts.scenario_charts import scenario_fan
    from sei_analysis.charts.share_chart import share_vs_targets
    from sei_analysis.charts.sources_chart import figure_sources
    from sei_analysis.charts.style import OKABE_ITO, SIZES, decorate, house_style, new_figure, plotly_template


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'sei_analysis.charts' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"sei_analysis.charts.{_LAZY[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
