"""The :class:`Chart` result every builder returns, and the input check the builders share.

The number and label formatting the builders share is in :mod:`sei_analysis.charts.format`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sei_analysis.errors import InputError, SchemaError


@dataclass(frozen=True)
class Chart:
    """A built chart: the matplotlib figure, the optional plotly figure, the data drawn and its texts.

    ``chart.save(out_dir)`` (or ``charts.save_chart(chart, out_dir=...)``) writes every file.
    """

    name: str
    fig: Any
    data: Any
    title: str
    subtitle: str
    unit: str
    source: str
    plotly: Any = None
    params: Mapping[str, Any] = field(default_factory=dict)
    alt: str | None = None
    size: str = "page"
    lang: str = "en"
    # NOTE: what the briefing needs beyond the picture: the footnote drawn under the chart,
    # the primary sources (short names) for the citation, the assumptions behind a
    # scenario chart, the table written as CSV (headers, units, sources), the recipe of the
    # native PowerPoint chart, and an undecorated slide-size figure where there is none.
    note: str | None = None
    sources: tuple[str, ...] = ()
    assumptions: Mapping[str, Any] = field(default_factory=dict)
    table: Any = None
    native: Mapping[str, Any] | None = None
    slide_fig: Any = None
    as_of: str | None = None

    @property
    def file_name(self) -> str:
        """The file stem: ``name`` in English, ``name.zh`` in Chinese."""
        return self.name if self.lang == "en" else f"{self.name}.{self.lang}"

    def save(
        self,
        out_dir: str | os.PathLike | None = None,
        *,
        name: str | None = None,
        interactive: bool = True,
        order: int | None = None,
    ):
        """Write PNG, SVG, PDF, CSV, meta.json (and HTML if there is a plotly figure).

        The files are named ``<name>.*`` in English and ``<name>.zh.*`` in Chinese.
        """
        from sei_analysis.charts.export import save_figure

        return save_figure(
            self.fig,
            name or self.file_name,
            data=self.data if self.table is None else self.table,
            title=self.title,
            subtitle=self.subtitle,
            unit=self.unit,
            source=self.source,
            params=self.params,
            out_dir=out_dir,
            alt=self.alt,
            size=self.size,
            interactive=self.plotly if interactive else None,
            order=order,
            lang=self.lang,
            note=self.note,
            sources=self.sources,
            assumptions=self.assumptions,
            native=self.native,
            slide_fig=self.slide_fig,
            chart=self.name,
            as_of=self.as_of,
        )

    def interactive(self) -> Any:
        """The chart as a live plotly ``FigureWidget`` for JupyterLab: hover, zoom, pan.

        Display it as a cell's last expression (``chart.interactive()``). It needs a kernel
        and the widget front ends installed with the package (anywidget, plotly), nothing
        from a CDN. Reports keep the static images: nothing here changes what ``save`` writes.
        """
        if self.plotly is None:
            raise InputError(
                f"chart {self.name!r} has no interactive version (it was built with interactive=False)"
            )
        import plotly.graph_objects as go

        return go.FigureWidget(self.plotly)

    def _repr_png_(self) -> bytes:
        import io

        buf = io.BytesIO()
        self.fig.savefig(buf, format="png", dpi=110)
        return buf.getvalue()


def save_chart(chart: Chart, out_dir: str | os.PathLike | None = None, **kwargs: Any):
    """Save a :class:`Chart`; see :meth:`Chart.save`."""
    return chart.save(out_dir, **kwargs)


def require_columns(frame: Any, columns: Iterable[str], what: str) -> None:
    """Raise :class:`SchemaError` naming the missing columns of ``frame``."""
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise InputError(f"{what}: expected a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise SchemaError(f"{what}: missing column(s) {missing}; has {list(frame.columns)}")
