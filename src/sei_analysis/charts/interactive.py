"""Plotly versions of the charts, for the self-contained interactive ``<name>.html``.

Each function takes the data frame the matplotlib builder drew and the same texts, and
returns a ``plotly.graph_objects.Figure`` styled with :func:`style.plotly_template`. Every
trace a reader can point at has hover text in the chart's language; the margins are sized
to the longest label, so nothing is clipped.
"""

from __future__ import annotations

import itertools
from typing import Any

from sei_analysis.charts import catalogue
from sei_analysis.charts.format import QUALIFIER_SYMBOLS, fmt_num, gap_text
from sei_analysis.charts.style import (
    GREY,
    GROWTH_STYLE,
    OKABE_ITO,
    PALETTE,
    PATH_COLOURS,
    decorate_plotly,
    text_colour,
)

_KIND_COLOURS = {
    "actual": OKABE_ITO["blue"],
    "derived": OKABE_ITO["sky"],
    "estimate": OKABE_ITO["orange"],
    "forecast": OKABE_ITO["purple"],
    "target": OKABE_ITO["vermillion"],
}
_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")


def _margin_for(labels: Any) -> int:
    """Left margin (px) that fits the longest category label at 13 px (a Han glyph counts two)."""
    widest = max((sum(2 if ord(c) > 0x2E80 else 1 for c in str(x)) for x in labels), default=4)
    return int(24 + 7.2 * widest)


def share_vs_targets(
    data: Any, *, title: str, subtitle: str, source: str, gaps: Any = (), lang: str = "en"
) -> Any:
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
            years = (
                catalogue.text("period.span", lang, first=y0 + 1, last=y1 - 1)
                if y1 - y0 > 2
                else catalogue.text("period.single", lang, year=y0 + 1)
            )
            gap = catalogue.text("share.no_data", lang, span=years)
            fig.add_trace(
                go.Scatter(
                    x=[y0, y1],
                    y=[v0, v1],
                    mode="lines",
                    hovertemplate=f"{gap}<extra></extra>",
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
    observed_name = catalogue.text("share.legend.observed", lang)
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            line=dict(color=_KIND_COLOURS["actual"]),
            hoverinfo="skip",
            showlegend=False,
            name=observed_name,
        )
    )
    near = max(data["value"].max(), 1) * 0.08
    observed_years = {
        int(t.year)
        for t in data[data["series"] == "target"].itertuples()
        if ((obs["year"] == t.year) & ((obs["value"] - t.value).abs() < near)).any()
    }
    met_years = {g["target_year"] for g in gaps if g["gap"] <= 0}
    for kind, grp in data.groupby("kind", sort=False):
        base = "diamond" if kind == "target" else ("square" if kind in ("estimate", "forecast") else "circle")
        # NOTE: "more than" is an upward caret, "less than" a downward one, "about" is hollow.
        symbols = [
            {"at_least": "triangle-up", "at_most": "triangle-down"}.get(q, base)
            + ("-open" if q == "approx" else "")
            for q in grp["qualifier"]
        ]
        word = catalogue.text(f"share.kind.{kind}", lang)
        text, hover, positions = [], [], []
        for row in grp.itertuples():
            value = QUALIFIER_SYMBOLS.get(row.qualifier, "") + fmt_num(row.value)
            if kind == "target":
                label = catalogue.text("share.target", lang, value=value)
                label += catalogue.text("share.met", lang) if row.year in met_years else ""
                # NOTE: below the diamond when an outturn shares its year (2015), else left of it.
                positions.append("bottom center" if row.year in observed_years else "middle left")
            else:
                label = value
                positions.append(
                    "top left"
                    if row.year in observed_years
                    else ("middle left" if kind == "derived" else "middle right")
                )
            text.append(label)
            who = ", ".join(catalogue.publishers([row.source_title], lang)) if row.source_title else ""
            hover.append(f"{row.year}: {qualify(row.value, row.qualifier, lang)} · {word}<br>{who}")
        fig.add_trace(
            go.Scatter(
                x=grp["year"],
                y=grp["value"],
                mode="markers+text",
                name=word if kind != "actual" else observed_name,
                text=text,
                textposition=positions,
                textfont=dict(color=text_colour(_KIND_COLOURS.get(kind, GREY))),
                marker=dict(
                    symbol=symbols,
                    size=15 if kind == "target" else 10,
                    color=_KIND_COLOURS.get(kind, GREY),
                    line=dict(width=2, color=_KIND_COLOURS.get(kind, GREY)),
                ),
                customdata=hover,
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    for g in gaps:
        if g["gap"] <= 0:
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
        fig.add_annotation(
            x=g["target_year"],
            y=(g["obs"] + g["target"]) / 2,
            text=catalogue.text("share.short", lang, gap=fmt_num(g["gap"])).replace("\n", " "),
            showarrow=False,
            xanchor="left",
            xshift=8,
            font=dict(color=text_colour(OKABE_ITO["vermillion"]), size=11),
        )
    fig.update_yaxes(title=catalogue.text("share.ylabel", lang), rangemode="tozero")
    fig.update_xaxes(
        dtick=1 if data["year"].max() - data["year"].min() < 12 else 2,
        range=[data["year"].min() - 0.8, data["year"].max() + 2.2],
    )
    return decorate_plotly(fig, title, subtitle, source)


def qualify(value: float, qualifier: str, lang: str) -> str:
    """``more than 13%`` for hover text."""
    return catalogue.text(f"qualifier.{qualifier}", lang) + catalogue.text(
        "percent", lang, value=fmt_num(value)
    )


def growth_vs_industry(
    data: Any, *, title: str, subtitle: str, source: str, note: str | None = None, lang: str = "en"
) -> Any:
    """Dumbbells by reporting period: SEI and all-industry growth with the gap; high-tech apart."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    labels = list(data["label"])
    has_hitech = bool(data["hitech"].notna().any())
    fig = make_subplots(
        rows=1,
        cols=2 if has_hitech else 1,
        shared_yaxes=True,
        column_widths=[0.72, 0.28] if has_hitech else None,
        horizontal_spacing=0.03,
        subplot_titles=[catalogue.text("growth.sei", lang) + " / " + catalogue.text("growth.industry", lang)]
        + ([catalogue.text("growth.hitech", lang)] if has_hitech else []),
    )
    for row in data.itertuples():
        if row.industry == row.industry and row.sei == row.sei:
            fig.add_trace(
                go.Scatter(
                    x=[row.industry, row.sei],
                    y=[row.label] * 2,
                    mode="lines",
                    line=dict(color="#BBBBBB", width=4),
                    showlegend=False,
                    hoverinfo="skip",
                ),
                row=1,
                col=1,
            )
    name = {k: catalogue.text(f"growth.{k}", lang) for k in ("sei", "industry", "hitech")}
    ind_c, ind_m = GROWTH_STYLE["industry"][0], "square"
    implied = list(data["industry_implied"])
    fig.add_trace(
        go.Scatter(
            x=data["industry"],
            y=labels,
            mode="markers+text",
            name=name["industry"],
            text=[fmt_num(v) if v == v else "" for v in data["industry"]],
            textposition="middle left",
            textfont=dict(color=text_colour(ind_c), size=11),
            # NOTE: hollow where the all-industry figure is implied by a stated gap (footnote).
            marker=dict(
                symbol=[ind_m + ("-open" if i else "") for i in implied],
                size=10,
                color=ind_c,
                line=dict(width=2, color=ind_c),
            ),
            customdata=[
                f"{lb}: {name['industry']} {fmt_num(v)}%" if v == v else ""
                for lb, v in zip(labels, data["industry"], strict=True)
            ],
            hovertemplate="%{customdata}<extra></extra>",
        ),
        row=1,
        col=1,
    )
    sei_c = GROWTH_STYLE["sei"][0]
    gaps = [gap_text(r, lang) for r in data.itertuples()]
    fig.add_trace(
        go.Scatter(
            x=data["sei"],
            y=labels,
            mode="markers+text",
            name=name["sei"],
            text=[f"{fmt_num(v)}  {g}" if v == v else "" for v, g in zip(data["sei"], gaps, strict=True)],
            textposition="middle right",
            textfont=dict(color=text_colour(sei_c), size=11),
            marker=dict(symbol="circle", size=11, color=sei_c),
            customdata=[
                f"{lb}: {name['sei']} {fmt_num(v)}%<br>{g}" if v == v else ""
                for lb, v, g in zip(labels, data["sei"], gaps, strict=True)
            ],
            hovertemplate="%{customdata}<extra></extra>",
        ),
        row=1,
        col=1,
    )
    with_sei = data.index[data["sei"].notna()]
    last = int(with_sei.max())
    if last < len(data) - 1:
        fig.add_annotation(
            x=1,
            xref="x domain",
            y=labels[last + 1],
            yref="y",
            text="<i>" + catalogue.text("growth.not_published", lang, period=labels[last]) + "</i>",
            showarrow=False,
            xanchor="right",
            yshift=8,
            font=dict(color=text_colour(sei_c), size=11),
        )
    if has_hitech:
        hc = GROWTH_STYLE["hitech"][0]
        fig.add_trace(
            go.Scatter(
                x=data["hitech"],
                y=labels,
                mode="markers+text",
                name=name["hitech"],
                text=[fmt_num(v) if v == v else "" for v in data["hitech"]],
                textposition="middle right",
                textfont=dict(color=text_colour(hc), size=11),
                marker=dict(symbol="triangle-up", size=11, color=hc),
                customdata=[
                    f"{lb}: {name['hitech']} {fmt_num(v)}%" if v == v else ""
                    for lb, v in zip(labels, data["hitech"], strict=True)
                ],
                hovertemplate="%{customdata}<extra></extra>",
            ),
            row=1,
            col=2,
        )
        hv = data["hitech"].dropna()
        fig.update_xaxes(range=[min(0, hv.min()) - 1, hv.max() * 1.4 + 1], row=1, col=2)
    vals = data[["sei", "industry"]]
    lo, hi = min(0.0, vals.min().min()), vals.max().max()
    # NOTE: room for the value labels left of the squares and the gap labels right of the dots.
    fig.update_xaxes(range=[lo - (hi - lo) * 0.25, hi + (hi - lo) * 1.0], row=1, col=1)
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], showgrid=False)
    fig.update_xaxes(
        title=catalogue.text("growth.xlabel", lang),
        showgrid=True,
        gridcolor="#E5E5E5",
        zeroline=True,
        zerolinecolor="#333333",
    )
    fig = decorate_plotly(fig, title, subtitle, source, note=note, left=_margin_for(labels))
    # NOTE: the legend above the panels' titles, clear of the axis titles and the footnote.
    fig.update_layout(
        height=max(600, 26 * len(labels) + 320),
        legend=dict(y=1.06, yanchor="bottom"),
        margin=dict(t=fig.layout.margin.t + 36),
    )
    return fig


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
        label = catalogue.text("fan.target", lang, target=fmt_num(target[1]), year=target[0])
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
    return decorate_plotly(fig, title, subtitle, source, left=_margin_for(totals.index))


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
