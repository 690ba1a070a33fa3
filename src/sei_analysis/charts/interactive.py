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
from sei_analysis.charts.interactive_scenarios import figure_sources, scenario_fan, sensitivity_heatmap
from sei_analysis.charts.style import GREY, GROWTH_STYLE, OKABE_ITO, decorate_plotly, margin_for, text_colour

_KIND_COLOURS = {
    "actual": OKABE_ITO["blue"],
    "derived": OKABE_ITO["sky"],
    "estimate": OKABE_ITO["orange"],
    "forecast": OKABE_ITO["purple"],
    "target": OKABE_ITO["vermillion"],
}
_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")


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
    fig = decorate_plotly(fig, title, subtitle, source, note=note, left=margin_for(labels))
    # NOTE: the legend above the panels' titles, clear of the axis titles and the footnote.
    fig.update_layout(
        height=max(600, 26 * len(labels) + 320),
        legend=dict(y=1.06, yanchor="bottom"),
        margin=dict(t=fig.layout.margin.t + 36),
    )
    return fig


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
