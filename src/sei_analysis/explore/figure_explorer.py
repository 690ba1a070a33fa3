"""The figure explorer: filter every figure in the policy texts, read it in its sentence, see its source."""

from __future__ import annotations

from typing import Any

import ipywidgets as W
import pandas as pd

from sei_analysis.explore.figures_state import (
    FILTER_COLUMNS,
    check_figures,
    figure_detail_html,
    filter_figures,
    filter_options,
    row_label,
)
from sei_analysis.explore.widgets import resolve_table

# NOTE: the result list shows at most this many rows; the count above it says how many matched.
MAX_LISTED = 500
LABELS = {
    "doc_id": "Document",
    "language": "Language",
    "measure": "Measure",
    "unit": "Unit",
    "qualifier": "Qualifier",
    "is_target": "Target",
    "period": "Period",
}


class FigureExplorer:
    """Filters over the figures table, the matching figures, and the selected one in context.

    ``filters`` maps each column of `FILTER_COLUMNS` to its ``SelectMultiple`` (nothing
    selected keeps every value); ``text`` is the free-text box; ``results`` lists the
    matches; ``detail`` shows the selected figure's sentence and source.
    """

    def __init__(self, figures: pd.DataFrame):
        self.figures = check_figures(figures).reset_index(drop=True)
        options = filter_options(self.figures)
        self.filters = {
            col: W.SelectMultiple(
                options=[(str(v), v) for v in options[col]],
                description=LABELS[col],
                rows=min(max(len(options[col]), 2), 5),
                style={"description_width": "80px"},
                layout={"width": "260px"},
            )
            for col in FILTER_COLUMNS
        }
        self.text = W.Text(
            placeholder="free text, e.g. more than 13",
            description="Text",
            continuous_update=True,
            style={"description_width": "80px"},
            layout={"width": "420px"},
        )
        self.count = W.HTML()
        self.results = W.Select(options=[], rows=12, layout={"width": "860px"})
        self.detail = W.HTML(layout={"width": "860px"})
        self.clear_button = W.Button(description="Clear filters", icon="times")
        self.clear_button.on_click(lambda _b: self.clear())
        for w in [*self.filters.values(), self.text]:
            w.observe(self._on_filter, names="value")
        self.results.observe(self._on_select, names="value")
        self.matches = self.figures
        self._apply()
        cols = list(self.filters.values())
        self.ui = W.VBox(
            [
                W.HBox(cols[:4]),
                W.HBox(cols[4:]),
                W.HBox([self.text, self.clear_button]),
                self.count,
                self.results,
                self.detail,
            ]
        )

    def selected(self) -> dict[str, list[Any]]:
        """The values chosen in each filter."""
        return {col: list(w.value) for col, w in self.filters.items() if w.value}

    def clear(self) -> None:
        for w in self.filters.values():
            w.value = ()
        self.text.value = ""

    def _on_filter(self, _change: Any) -> None:
        self._apply()

    def _apply(self) -> None:
        self.matches = filter_figures(self.figures, self.text.value, **self.selected())
        n = len(self.matches)
        shown = self.matches.head(MAX_LISTED)
        more = f" (the first {MAX_LISTED} are listed)" if n > MAX_LISTED else ""
        self.count.value = (
            f"<b>{n}</b> of {len(self.figures)} figures match{more}. Select one to read it in its sentence."
        )
        previous = self.results.value
        self.results.options = [
            (row_label(r), idx) for idx, r in zip(shown.index, shown.itertuples(), strict=True)
        ]
        if previous in shown.index:
            self.results.value = previous
        elif n:
            self.results.value = shown.index[0]
        else:
            self.detail.value = "<i>No figure matches these filters.</i>"

    def _on_select(self, change: Any) -> None:
        index = change["new"]
        if index is None:
            return
        self.detail.value = figure_detail_html(self.figures, index)

    def select(self, index: Any) -> str:
        """Select figure ``index`` (a row of ``figures``) and return the detail HTML shown."""
        self.results.value = index
        return self.detail.value

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.ui)


def figure_explorer(figures: Any = None) -> FigureExplorer:
    """Open the figure explorer on the figures table (default ``data/processed/figures.parquet``).

    Parameters
    ----------
    figures : DataFrame or ProcessedTables, optional
        The figures table, or ``build.processed_tables()``.
    """
    return FigureExplorer(resolve_table(figures, "figures"))
