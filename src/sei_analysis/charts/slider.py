"""The scenario fan with sliders over nominal GDP growth and SEI growth, working offline with no kernel.

The report's ``figures/scenario_fan.html`` is a plain HTML file with plotly.js inline: a
slider in it can only switch between results computed in advance. The frames come from
:func:`sei_analysis.scenarios.fan_frames`; this module lays them out as plotly slider steps.

How two sliders compose without any JavaScript of our own: every SEI growth rate has its own
group of traces (the two bands, the median and the probability label). The GDP slider's steps
``restyle`` the ``y`` (and label) of *every* group's traces at once, and never touch
visibility; the SEI slider's steps only switch which group is visible. Each slider therefore
sets what the other leaves alone, and any combination of the two positions shows the frame
for that pair. The scenario paths do not depend on the SEI slider; the GDP slider moves them.

Size: the data is small (a few numbers per trace and step); the file is plotly.js (about
4.7 MB) plus some 10-40 kB of frames. ``slider_html_size`` reports the figure's share.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from sei_analysis.charts import catalogue
from sei_analysis.charts.base import Chart
from sei_analysis.charts.format import fmt_num
from sei_analysis.charts.languages import ChartSet
from sei_analysis.charts.style import OKABE_ITO, PATH_COLOURS, decorate_plotly
from sei_analysis.errors import InputError

__all__ = ["scenario_slider", "slider_html_size", "with_slider"]

# NOTE: the house path dashes, in order (the colours are `style.PATH_COLOURS`).
DASHES = ("solid", "dash", "dot", "dashdot", "longdash")
BAND_FILL = ("rgba(0,114,178,0.14)", "rgba(0,114,178,0.30)")
MEDIAN_COLOUR = "#00466E"
# NOTE: a second slider is drawn only while it stays readable; beyond this many SEI growth
# rates only the GDP slider is shown (the fan at the first SEI value in ``active_sei``).
MAX_SEI_STEPS = 7
TRACES_PER_GROUP = 4  # outer band, inner band, median, probability label


def _nearest(values: tuple[float, ...], value: float | None) -> int:
    if value is None:
        return len(values) // 2
    return min(range(len(values)), key=lambda i: abs(values[i] - value))


def _polygon(years: list[int], lo: list[float], hi: list[float]) -> tuple[list[int], list[float]]:
    """A closed band: along the upper edge, then back along the lower one."""
    return years + years[::-1], hi + lo[::-1]


def _label(row: Any, target_share: float, target_year: int, lang: str) -> str:
    first = catalogue.text("slider.label_p", lang, target=fmt_num(target_share), year=target_year,
                           p=f"{row.prob_reached:.0%}")  # fmt: skip
    second = catalogue.text("slider.label_median", lang, median=fmt_num(row.median_at_target),
                            required=f"{row.required_growth:.1f}")  # fmt: skip
    return f"{first}<br>{second}"


def scenario_slider(
    frames: Any,
    *,
    gdp_growth: float | None = None,
    sei_growth: float | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    lang: str = "en",
    illustrative: bool = False,
) -> Any:
    """A plotly figure of the fan with a GDP-growth slider (and an SEI-growth one if small).

    Parameters
    ----------
    frames : FanFrames
        From :func:`sei_analysis.scenarios.fan_frames`.
    gdp_growth, sei_growth : float, optional
        The steps the sliders start at (nearest in the grid); default the middle ones.
    title, subtitle, source : str, optional
    lang : {"en", "zh"}
        The language of every word in the figure (messages ``slider.*`` of the catalogue).
    illustrative : bool
        The target is a user's level, not an official one: the legend says so.

    Returns
    -------
    plotly.graph_objects.Figure
        Self-contained: ``fig.write_html(..., include_plotlyjs=True)`` works offline.
    """
    import plotly.graph_objects as go

    catalogue.check_lang(lang)
    for attr in ("bands", "summary", "paths", "gdp_growth_values", "sei_growth_values"):
        if not hasattr(frames, attr):
            raise InputError(
                f"frames: expected a FanFrames from scenarios.fan_frames, got {type(frames).__name__}"
            )
    gdp_axis, sei_axis = tuple(frames.gdp_growth_values), tuple(frames.sei_growth_values)
    active_gdp = _nearest(gdp_axis, gdp_growth)
    if len(sei_axis) > MAX_SEI_STEPS:
        sei_axis = (sei_axis[_nearest(sei_axis, sei_growth)],)
    active_sei = _nearest(sei_axis, sei_growth)
    target_share, target_year = frames.target_share, frames.target_year
    bands = {
        (float(g), float(s)): grp.sort_values("year")
        for (g, s), grp in frames.bands.groupby(["gdp_growth", "sei_growth"])
    }
    summary = {(float(r.gdp_growth), float(r.sei_growth)): r for r in frames.summary.itertuples()}
    paths = {float(g): grp for g, grp in frames.paths.groupby("gdp_growth")}
    scen_names = list(dict.fromkeys(frames.paths["scenario"]))
    years = [int(y) for y in next(iter(bands.values()))["year"]]

    def path_values(g: float) -> list[list[float]]:
        grp = paths.get(g)
        if grp is None:
            return [[] for _ in scen_names]
        return [grp[grp["scenario"] == n].sort_values("year")["share"].round(4).tolist() for n in scen_names]

    def group_values(g: float, s: float) -> tuple[list[list[float]], list[Any]]:
        b = bands[(g, s)]
        q = {c: b[c].astype(float).round(4).tolist() for c in ("q5", "q25", "q50", "q75", "q95")}
        text = _label(summary[(g, s)], target_share, target_year, lang)
        # NOTE: the label sits top left, just above everything drawn in this frame.
        top = max([*q["q95"], target_share, *(v for p in path_values(g) for v in p)])
        ys = [
            _polygon(years, q["q5"], q["q95"])[1],
            _polygon(years, q["q25"], q["q75"])[1],
            q["q50"],
            [top * 1.06],
        ]
        return ys, [None, None, None, [text]]

    g0 = gdp_axis[active_gdp]
    fig = go.Figure()
    poly_x = _polygon(years, years, years)[0]
    for k, s in enumerate(sei_axis):
        ys, texts = group_values(g0, s)
        visible = k == active_sei
        tag = catalogue.text("slider.tag", lang, sei=fmt_num(s))
        for i, band in enumerate(("band90", "band50")):
            fig.add_trace(
                go.Scatter(
                    x=poly_x,
                    y=ys[i],
                    fill="toself",
                    fillcolor=BAND_FILL[i],
                    line=dict(width=0),
                    mode="lines",
                    name=catalogue.text(f"fan.{band}", lang),
                    legendgroup=band,
                    visible=visible,
                    hoverinfo="skip",
                )
            )
        fig.add_trace(
            go.Scatter(
                x=years,
                y=ys[2],
                mode="lines",
                line=dict(color=MEDIAN_COLOUR, width=2),
                name=catalogue.text("fan.median", lang),
                legendgroup="median",
                visible=visible,
                hovertemplate="%{x}: "
                + catalogue.text("slider.hover_median", lang)
                + "<extra>"
                + tag
                + "</extra>",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=[years[0]],
                y=ys[3],
                mode="text",
                text=texts[3],
                textposition="bottom right",
                showlegend=False,
                visible=visible,
                hoverinfo="skip",
                name=f"summary {fmt_num(s)}",
                textfont=dict(size=13, color="#222222"),
            )
        )
    n_group = TRACES_PER_GROUP * len(sei_axis)
    for i, (name, y) in enumerate(zip(scen_names, path_values(g0), strict=True)):
        label = catalogue.scenario_name(name, lang)
        fig.add_trace(
            go.Scatter(
                x=years,
                y=y,
                mode="lines",
                name=label,
                line=dict(color=PATH_COLOURS[i % len(PATH_COLOURS)], dash=DASHES[i % len(DASHES)]),
                hovertemplate="%{x}: "
                + catalogue.text("slider.hover_path", lang)
                + "<extra>"
                + label
                + "</extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[target_year],
            y=[target_share],
            mode="markers+text",
            name=catalogue.text(
                "fan.target_illustrative" if illustrative else "fan.target",
                lang,
                target=fmt_num(target_share),
                year=target_year,
            ),
            text=[catalogue.text("fan.target_point", lang, target=fmt_num(target_share), year=target_year)],
            textposition="top center",
            marker=dict(symbol="diamond", size=12, color=OKABE_ITO["vermillion"]),
        )
    )

    restyled = list(range(n_group)) + list(range(n_group, n_group + len(scen_names)))
    gdp_steps = []
    for g in gdp_axis:
        ys, texts = [], []
        for s in sei_axis:
            gy, gt = group_values(g, s)
            ys += gy
            texts += gt
        ys += path_values(g)
        texts += [None] * len(scen_names)
        gdp_steps.append(dict(method="restyle", label=fmt_num(g), args=[{"y": ys, "text": texts}, restyled]))

    def slider(name: str, prefix_key: str, active: int, steps: list[dict], top: int) -> dict:
        prefix, suffix = catalogue.text(prefix_key, lang), catalogue.text("slider.suffix", lang)
        return dict(
            active=active,
            steps=steps,
            currentvalue=dict(prefix=prefix, suffix=suffix, font=dict(size=14)),
            pad=dict(t=top, b=10),
            y=0,
            yanchor="top",
            len=1.0,
            name=name,
        )

    sliders = [slider("gdp_growth", "slider.gdp_prefix", active_gdp, gdp_steps, 30)]
    if len(sei_axis) > 1:
        sei_steps = []
        for k, s in enumerate(sei_axis):
            visible = [j // TRACES_PER_GROUP == k for j in range(n_group)]
            sei_steps.append(
                dict(method="restyle", label=fmt_num(s), args=[{"visible": visible}, list(range(n_group))])
            )
        sliders.append(slider("sei_growth", "slider.sei_prefix", active_sei, sei_steps, 130))
    subtitle = subtitle or catalogue.text(
        "slider.subtitle",
        lang,
        first=years[0],
        last=years[-1],
        n=frames.assumptions.get("n_paths", ""),
        lo=fmt_num(gdp_axis[0]),
        hi=fmt_num(gdp_axis[-1]),
    )
    title = title or catalogue.text("slider.title", lang)
    decorate_plotly(fig, title, subtitle, source or catalogue.text("slider.source", lang))
    bottom = 250 if len(sliders) > 1 else 150
    # NOTE: hidden groups drop out of the legend, so each band is listed once, for the group shown.
    fig.update_layout(
        sliders=sliders,
        margin=dict(b=bottom + 40, r=190),
        height=560 + bottom,
        showlegend=True,
        legend=dict(orientation="v", x=1.02, xanchor="left", y=1, yanchor="top"),
    )
    fig.update_yaxes(title=catalogue.text("fan.ylabel", lang))
    fig.update_xaxes(dtick=1)
    # NOTE: the house source line sits just under the axis; move it below the sliders.
    fig.update_annotations(selector=dict(name="sei-source"), yshift=-bottom - 10)
    fig.layout.meta = {"sei_slider": {"gdp_growth": list(gdp_axis), "sei_growth": list(sei_axis)}}
    return fig


def with_slider(chart: Chart | ChartSet, frames: Any, **kwargs: Any) -> Chart | ChartSet:
    """The same house chart whose interactive HTML is the slider figure, in the chart's language.

    ``chart.save()`` then writes the static files as before and ``<name>.html`` with the
    sliders; the slider grid is recorded in the meta file's parameters. A `ChartSet` (one
    chart per language, from `charts.in_languages`) gets a slider in each language.
    """
    if isinstance(chart, ChartSet):
        return ChartSet((lang, with_slider(one, frames, **kwargs)) for lang, one in chart.items())
    if not isinstance(chart, Chart):
        raise InputError(f"chart: expected a charts.Chart, got {type(chart).__name__}")
    fig = scenario_slider(frames, lang=chart.lang, **kwargs)
    grid = fig.layout.meta["sei_slider"]
    params = {
        **dict(chart.params),
        "slider": {**grid, **{k: v for k, v in frames.assumptions.items() if k != "model"}},
    }
    return dataclasses.replace(chart, plotly=fig, params=params)


def slider_html_size(fig: Any) -> dict[str, int]:
    """Bytes of the figure's JSON and of the inline plotly.js a self-contained HTML file carries."""
    from plotly.offline import get_plotlyjs

    return {
        "figure_json": len(json.dumps(fig.to_plotly_json(), default=str)),
        "plotly_js": len(get_plotlyjs()),
    }
