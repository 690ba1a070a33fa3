"""Plotly versions of the charts, for the self-contained interactive ``<name>.html``.

Each function takes the data frame the matplotlib builder drew and the same texts, and
returns a ``plotly.graph_objects.Figure`` styled with :func:`style.plotly_template`.
"""

from __future__ import annotations

import itertools
from typing import Any

from sei_analysis.charts.format import QUALIFIER_SYMBOLS, fmt_num
from sei_analysis.charts.style import GREY, OKABE_ITO, PALETTE, PATH_COLOURS, decorate_plotly

_KIND_COLOURS = {
    "actual": OKABE_ITO["blue"],
    "derived": OKABE_ITO["sky"],
    "estimate": OKABE_ITO["orange"],
    "forecast": OKABE_ITO["purple"],
    "target": OKABE_ITO["vermillion"],
}
_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")


def share_vs_targets(data: Any, *, title: str, subtitle: str, source: str, gaps: Any = ()) -> Any:
    """Observed values (joined only across consecutive years), estimates, forecasts and targets."""
    import plotly.graph_objects as go

    fig = go.Figure()
    obs = data[data["series"] == "observed"].sort_values("year")
    xs: list[Any] = []
    ys: list[Any] = []
    prev = None
    for row in obs.itertuples():
        if prev is not None and row.year - prev > 1:
            xs.append(None)  # NOTE: a None breaks the line: no data between these years.
            ys.append(None)
        xs.append(row.year)
        ys.append(row.value)
        prev = row.year
    points = list(zip(obs["year"], obs["value"], strict=True))
    for (y0, v0), (y1, v1) in itertools.pairwise(points):
        if y1 - y0 > 1:
            # NOTE: a gap in the data is drawn dotted and labelled, never as a solid line.
            gap = f"no data {y0 + 1}–{y1 - 1}" if y1 - y0 > 2 else f"no data {y0 + 1}"
            fig.add_trace(
                go.Scatter(
                    x=[y0, y1],
                    y=[v0, v1],
                    mode="lines",
                    hoverinfo="skip",
                    showlegend=False,
                    line=dict(color=GREY, dash="dot", width=1.5),
                    name=gap,
                )
            )
            fig.add_annotation(
                x=(y0 + y1) / 2,
                y=(v0 + v1) / 2,
                text=f"<i>{gap}</i>",
                showarrow=False,
                yshift=-14,
                xanchor="left",
                font=dict(color=GREY, size=11),
            )
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            line=dict(color=_KIND_COLOURS["actual"]),
            hoverinfo="skip",
            showlegend=False,
            name="observed (consecutive years)",
        )
    )
    for kind, grp in data.groupby("kind", sort=False):
        base = "diamond" if kind == "target" else ("square" if kind in ("estimate", "forecast") else "circle")
        # NOTE: "more than" is an upward caret, "less than" a downward one, "about" is hollow.
        symbols = [
            {"at_least": "triangle-up", "at_most": "triangle-down"}.get(q, base)
            + ("-open" if q == "approx" else "")
            for q in grp["qualifier"]
        ]
        prefix = "target " if kind == "target" else ""
        text = [
            prefix + QUALIFIER_SYMBOLS.get(q, "") + fmt_num(v)
            for q, v in zip(grp["qualifier"], grp["value"], strict=True)
        ]
        fig.add_trace(
            go.Scatter(
                x=grp["year"],
                y=grp["value"],
                mode="markers+text",
                name=str(kind),
                text=text,
                textposition="middle left" if kind == "target" else "middle right",
                marker=dict(symbol=symbols, size=11, color=_KIND_COLOURS.get(kind, GREY), line=dict(width=2)),
                customdata=grp[["qualifier", "source_title"]].astype(str).to_numpy(),
                hovertemplate="%{x}: %{text}% of GDP<br>qualifier: %{customdata[0]}<br>%{customdata[1]}"
                "<extra>" + str(kind) + "</extra>",
            )
        )
    for g in gaps:
        if g["gap"] <= 0:
            fig.add_annotation(
                x=g["target_year"],
                y=g["target"],
                text="target met",
                showarrow=False,
                yshift=-16,
                font=dict(color=OKABE_ITO["green"], size=11),
            )
            continue
        fig.add_annotation(
            x=g["target_year"],
            y=g["target"],
            ax=g["target_year"],
            ay=g["obs"],
            axref="x",
            ayref="y",
            xref="x",
            yref="y",
            showarrow=True,
            arrowhead=2,
            arrowcolor=OKABE_ITO["vermillion"],
            text="",
        )
        label = f"{fmt_num(g['gap'])} pp short"
        fig.add_annotation(
            x=g["target_year"],
            y=(g["obs"] + g["target"]) / 2,
            text=label,
            showarrow=False,
            xanchor="left",
            xshift=6,
            font=dict(color=OKABE_ITO["vermillion"], size=11),
        )
    fig.update_yaxes(title="% of GDP", rangemode="tozero")
    fig.update_xaxes(dtick=1 if data["year"].max() - data["year"].min() < 12 else 2)
    return decorate_plotly(fig, title, subtitle, source)


def growth_vs_industry(data: Any, *, title: str, subtitle: str, source: str) -> Any:
    """Dumbbells by reporting period: SEI growth, all-industry growth and the gap."""
    import plotly.graph_objects as go

    labels = list(data["label"])
    fig = go.Figure()
    for row in data.itertuples():
        if row.industry == row.industry:  # not NaN
            fig.add_trace(
                go.Scatter(
                    x=[row.industry, row.sei],
                    y=[row.label] * 2,
                    mode="lines",
                    line=dict(color="#BBBBBB", width=4),
                    showlegend=False,
                    hoverinfo="skip",
                )
            )
    fig.add_trace(
        go.Scatter(
            x=data["industry"],
            y=labels,
            mode="markers",
            name="all industry",
            marker=dict(symbol="square", size=10, color=OKABE_ITO["orange"]),
            hovertemplate="%{y}: all industry %{x}%<extra></extra>",
        )
    )
    gap_text = [f"gap {'+' if g > 0 else ''}{fmt_num(g)} pp" if g == g else "" for g in data["gap_pp"]]
    fig.add_trace(
        go.Scatter(
            x=data["sei"],
            y=labels,
            mode="markers+text",
            name="SEI",
            text=gap_text,
            textposition="middle right",
            marker=dict(symbol="circle", size=11, color=OKABE_ITO["blue"]),
            hovertemplate="%{y}: SEI %{x}%<br>%{text}<extra></extra>",
        )
    )
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], showgrid=False)
    fig.update_xaxes(
        title="% year on year", showgrid=True, gridcolor="#E5E5E5", zeroline=True, zerolinecolor="#333333"
    )
    return decorate_plotly(fig, title, subtitle, source)


def scenario_fan(data: Any, *, title: str, subtitle: str, source: str, target: Any = None) -> Any:
    """The 90% and 50% bands, the median, each scenario path and the target."""
    import plotly.graph_objects as go

    fig = go.Figure()
    bands = data[data["series"] == "band"].sort_values("year")
    for lo, hi, alpha, label in (("q5", "q95", 0.15, "90% of simulations"), ("q25", "q75", 0.3, "50%")):
        if len(bands):
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
                )
            )
    if len(bands):
        fig.add_trace(
            go.Scatter(
                x=bands["year"],
                y=bands["q50"],
                mode="lines",
                name="median",
                line=dict(color="#333333", dash="dash", width=1.5),
            )
        )
    paths = data[data["series"] == "path"]
    for i, (scen, grp) in enumerate(paths.groupby("scenario", sort=False)):
        grp = grp.sort_values("year")
        fig.add_trace(
            go.Scatter(
                x=grp["year"],
                y=grp["share"],
                mode="lines",
                name=str(scen),
                line=dict(color=PATH_COLOURS[i % len(PATH_COLOURS)], dash=_DASHES[i % 6]),
            )
        )
    if target is not None:
        fig.add_trace(
            go.Scatter(
                x=[target[0]],
                y=[target[1]],
                mode="markers+text",
                name="target",
                text=[f"target {fmt_num(target[1])}%"],
                textposition="top center",
                marker=dict(symbol="diamond", size=12, color=OKABE_ITO["vermillion"]),
            )
        )
    fig.update_yaxes(title="% of GDP")
    return decorate_plotly(fig, title, subtitle, source)


def sensitivity_heatmap(grid: Any, *, title: str, subtitle: str, source: str, target: Any = None) -> Any:
    """Heatmap of the target-year share over SEI growth (rows) and GDP growth (columns)."""
    import numpy as np
    import plotly.graph_objects as go

    z = grid.to_numpy(dtype=float)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[fmt_num(c) for c in grid.columns],
            y=[fmt_num(i) for i in grid.index],
            colorscale="Viridis",
            colorbar=dict(title="% of GDP"),
            text=[[fmt_num(v) for v in row] for row in z],
            texttemplate="%{text}",
            hovertemplate="SEI growth %{y}%, GDP growth %{x}%: share %{z:.1f}%<extra></extra>",
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
    fig.update_xaxes(title="GDP growth, % a year", type="category")
    fig.update_yaxes(title="SEI value-added growth, % a year", type="category", showgrid=False)
    return decorate_plotly(fig, title, subtitle, source)


def figure_sources(counts: Any, *, title: str, subtitle: str, source: str, by: str = "measure") -> Any:
    """Horizontal stacked bars of figure counts per document, one colour per ``by`` value."""
    import plotly.graph_objects as go

    counts = counts.assign(doc=counts["doc_id"] + " (" + counts["language"].astype(str) + ")")
    totals = counts.groupby("doc")["count"].sum().sort_values()
    order = list(counts.groupby(by)["count"].sum().sort_values(ascending=False).index)
    fig = go.Figure()
    for i, value in enumerate(order):
        grp = counts[counts[by] == value].set_index("doc").reindex(totals.index)
        fig.add_trace(
            go.Bar(
                y=grp.index,
                x=grp["count"].fillna(0),
                name=str(value).replace("_", " "),
                orientation="h",
                marker=dict(
                    color=PALETTE[i % len(PALETTE)], pattern=dict(shape=["", "/", ".", "x", "\\", "+"][i % 6])
                ),
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title="number of figures", showgrid=True, gridcolor="#E5E5E5")
    fig.update_yaxes(showgrid=False)
    return decorate_plotly(fig, title, subtitle, source)


# NOTE: chart name -> the function drawing its plotly version.
VERSIONS = {
    "share_vs_targets": share_vs_targets,
    "growth_vs_industry": growth_vs_industry,
    "figure_sources": figure_sources,
    "scenario_fan": scenario_fan,
    "sensitivity_heatmap": sensitivity_heatmap,
}


def plotly_version(kind: str, data: Any, title: str, subtitle: str, source: str, **kw: Any) -> Any:
    """Build the plotly version of chart ``kind`` (one of the functions of this module)."""
    return VERSIONS[kind](data, title=title, subtitle=subtitle, source=source, **kw)
