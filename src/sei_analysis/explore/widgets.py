"""Widget pieces both explorers share: where their tables come from, and charts drawn only when shown.

`ChartSlot` is why a notebook run under papermill carries no plotly bundle: a plotly
``FigureWidget`` syncs its whole front end (about 5 MB of plotly.js) as widget state, and
papermill (nbclient) saves every widget's state into the output notebook. The explorers
therefore display a small placeholder first; its front end, when a browser really shows it,
sends one message back, and only then does the kernel create the figures. Nothing renders
under papermill, so no figure is ever created there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anywidget
import ipywidgets as W
import traitlets

# NOTE: the front end of the placeholder: show a line of text, tell the kernel it is on screen.
CHART_SLOT_ESM = """
export default {
  render({ model, el }) {
    el.classList.add("sei-chart-slot");
    el.textContent = model.get("placeholder");
    model.send({ event: "rendered" });
  },
};
"""


class ChartSlot(anywidget.AnyWidget):
    """A placeholder that reports when a browser renders it."""

    _esm = CHART_SLOT_ESM
    placeholder = traitlets.Unicode("Drawing the charts…").tag(sync=True)


def lazy_box(build: Callable[[], list[Any]], placeholder: str = "Drawing the charts…") -> W.VBox:
    """A VBox showing ``ChartSlot`` until a browser renders it, then the widgets ``build()`` returns.

    ``box.materialize()`` builds them at once (tests, or a caller that wants them anyway).
    """
    slot = ChartSlot(placeholder=placeholder)
    box = W.VBox([slot])
    done = {"built": False}

    def materialize() -> None:
        if not done["built"]:
            done["built"] = True
            box.children = tuple(build())

    def on_msg(_widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("event") == "rendered":
            materialize()

    slot.on_msg(on_msg)
    box.materialize = materialize  # type: ignore[attr-defined]
    return box


def resolve_table(tables: Any, name: str) -> Any:
    """The ``name`` table from ``tables``: a ProcessedTables, a DataFrame, or None (data/processed).

    With None, ``data/processed/<name>.parquet`` is read; when it is missing (no ``sei build``
    yet) the pipeline builds the tables in memory.
    """
    import pandas as pd

    from sei_analysis.errors import InputError

    if isinstance(tables, pd.DataFrame):
        return tables
    if tables is not None:
        if not hasattr(tables, name):
            raise InputError(
                f"tables: expected processed tables with a {name!r} table, got {type(tables).__name__}"
            )
        return getattr(tables, name)
    from sei_analysis.indicators.targets import read_processed

    try:
        return read_processed(name)
    except InputError:
        from sei_analysis.pipeline import processed_tables

        return getattr(processed_tables(), name)
