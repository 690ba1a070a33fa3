"""Chart.interactive(): any house chart as a live plotly FigureWidget in JupyterLab."""

from __future__ import annotations

import pandas as pd
import pytest

from sei_analysis import charts
from sei_analysis.errors import InputError

PATHS = pd.DataFrame({"scenario": ["a"] * 3, "year": [2019, 2020, 2021], "share": [11.5, 12.0, 12.6]})
BANDS = pd.DataFrame(
    {"year": [2019, 2020, 2021], **{q: [11.5, 12.0, 12.6] for q in ("q5", "q25", "q50", "q75", "q95")}}
)


def test_interactive_returns_a_figure_widget_of_the_plotly_version():
    import plotly.graph_objects as go

    chart = charts.scenario_fan(PATHS, BANDS, (2021, 13.0))
    widget = chart.interactive()
    assert isinstance(widget, go.FigureWidget)
    assert [t.name for t in widget.data] == [t.name for t in chart.plotly.data]


def test_a_chart_built_without_plotly_says_so():
    chart = charts.scenario_fan(PATHS, BANDS, (2021, 13.0), interactive=False)
    with pytest.raises(InputError, match="interactive=False"):
        chart.interactive()
