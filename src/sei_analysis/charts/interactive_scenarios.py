"""Plotly versions of the scenario charts (fan, heatmap) and of the figure-sources bars.

Split from :mod:`sei_analysis.charts.interactive`, which dispatches to them.
"""

from __future__ import annotations

from typing import Any

from sei_analysis.charts import catalogue
from sei_analysis.charts.format import fmt_num
from sei_analysis.charts.style import (
    OKABE_ITO,
    PALETTE,
    PATH_COLOURS,
    decorate_plotly,
    margin_for,
    text_colour,
)

_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")


def scenario_fan(
    data: Any,
    *,
    title: str,
    subtitle: str,
    source: str,
    target: Any = None,
    note: str | None = None,
    p_text: str | None = None,
    lang: str = "en",
    target_key: str = "fan.target",
) -> Any:
    """The 90% and 50% bands, the median, each scenario path and the target with P(reach)."""
    import plotly.graph_objects as go

    fig = go.Figure()
    bands = data[data["series"] == "band"].sort_values("year")
    for lo, hi, alpha, key in (("q5", "q95", 0.15, "fan.band90"), ("q25", "q75", 0.3, "fan.band50")):
        if len(bands):
            label = catalogue.text(key, lang)
            fig.add_trace(
                go.Scatter(
                    x=bands["year"],
                    y=bands[hi],
                    mode="lines",
                    line=dict(width=0),
                    showlegend=False,
                    hoverinfo="skip",
                )
            )
            fig.add_trace(
                go.Scatter(
                    x=bands["year"],
                    y=bands[lo],
                    mode="lines",
                    line=dict(width=0),
                    fill="tonexty",
                    fillcolor=f"rgba(0,114,178,{alpha})",
                    name=label,
                    customdata=[
                        f"{y}: {label} {fmt_num(a)}–{fmt_num(b)}%"
                        for y, a, b in zip(bands["year"], bands[lo], bands[hi], strict=True)
                    ],
                    hovertemplate="%{customdata}<extra></extra>",
                )
            )
    if len(bands):
        median = catalogue.text("fan.median", lang)
        fig.add_trace(
            go.Scatter(
                x=bands["year"],
                y=bands["q50"],
                mode="lines",
                name=median,
                line=dict(color="#333333", dash="dash", width=1.5),
                hovertemplate="%{x}: " + median + " %{y:.1f}%<extra></extra>",
            )
        )
    paths = data[data["series"] == "path"]
    for i, (scen, grp) in enumerate(paths.groupby("scenario", sort=False)):
        grp = grp.sort_values("year")
        label = catalogue.scenario_name(scen, lang)
        fig.add_trace(
            go.Scatter(
                x=grp["year"],
                y=grp["share"],
                mode="lines",
                name=label,
                line=dict(color=PATH_COLOURS[i % len(PATH_COLOURS)], dash=_DASHES[i % 6]),
                hovertemplate="%{x}: " + label + " %{y:.1f}%<extra></extra>",
            )
        )
    if target is not None:
        label = catalogue.text(target_key, lang, target=fmt_num(target[1]), year=target[0])
        fig.add_trace(
            go.Scatter(
                x=[target[0]],
                y=[target[1]],
                mode="markers+text",
                name=label,
                text=[label + (f"<br>{p_text}" if p_text else "")],
                textposition="top left",
                textfont=dict(color=text_colour(OKABE_ITO["vermillion"])),
                marker=dict(symbol="diamond", size=12, color=OKABE_ITO["vermillion"]),
                hovertemplate=label + (f"<br>{p_text}" if p_text else "") + "<extra></extra>",
            )
        )
    fig.update_yaxes(title=catalogue.text("fan.ylabel", lang))
    return decorate_plotly(fig, title, subtitle, source, note=note)


def sensitivity_heatmap(
    grid: Any,
    *,
    title: str,
    subtitle: str,
    source: str,
    target: Any = None,
    note: str | None = None,
    lang: str = "en",
) -> Any:
    """Heatmap of the target-year share over nominal SEI growth (rows) and GDP growth (columns)."""
    import numpy as np
    import plotly.graph_objects as go

    z = grid.to_numpy(dtype=float)
    xl, yl = catalogue.text("heat.xlabel", lang), catalogue.text("heat.ylabel", lang)
    hover = [
        [
            f"{yl}: {fmt_num(r)}<br>{xl}: {fmt_num(c)}<br>{fmt_num(v)}%"
            for c, v in zip(grid.columns, row, strict=True)
        ]
        for r, row in zip(grid.index, z, strict=True)
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[fmt_num(c) for c in grid.columns],
            y=[fmt_num(i) for i in grid.index],
            colorscale="Viridis",
            colorbar=dict(title=catalogue.text("share.ylabel", lang)),
            text=[[fmt_num(v) for v in row] for row in z],
            texttemplate="%{text}",
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
        )
    )
    if target is not None:
        # NOTE: outline the cells at or above the target (as in the static chart), not a contour.
        for (i, j), v in np.ndenumerate(z):
            if v >= target:
                fig.add_shape(
                    type="rect",
                    x0=j - 0.5,
                    x1=j + 0.5,
                    y0=i - 0.5,
                    y1=i + 0.5,
                    line=dict(color="black", width=2),
                    layer="above",
                )
    fig.update_xaxes(title=xl, type="category")
    fig.update_yaxes(title=yl, type="category", showgrid=False)
    return decorate_plotly(fig, title, subtitle, source, note=note, left=90)


def figure_sources(
    counts: Any,
    *,
    title: str,
    subtitle: str,
    source: str,
    by: str = "measure",
    labels: Any = None,
    words: Any = None,
    lang: str = "en",
) -> Any:
    """Horizontal stacked bars of figure counts per document, one colour per ``by`` value."""
    import plotly.graph_objects as go

    labels = labels or {}
    words = words or {}
    counts = counts.assign(
        doc=[
            labels.get((d, lg), f"{d} ({lg})")
            for d, lg in zip(counts["doc_id"], counts["language"], strict=True)
        ]
    )
    totals = counts.groupby("doc")["count"].sum().sort_values()
    order = list(counts.groupby(by)["count"].sum().sort_values(ascending=False).index)
    fig = go.Figure()
    for i, value in enumerate(order):
        grp = counts[counts[by] == value].set_index("doc").reindex(totals.index)
        word = words.get(value, str(value).replace("_", " "))
        fig.add_trace(
            go.Bar(
                y=grp.index,
                x=grp["count"].fillna(0),
                name=word,
                orientation="h",
                marker=dict(
                    color=PALETTE[i % len(PALETTE)], pattern=dict(shape=["", "/", ".", "x", "\\", "+"][i % 6])
                ),
                hovertemplate="%{y}: " + word + " %{x}<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title=catalogue.text("sources.xlabel", lang), showgrid=True, gridcolor="#E5E5E5")
    fig.update_yaxes(showgrid=False)
    return decorate_plotly(fig, title, subtitle, source, left=margin_for(totals.index))
