"""The scenario explorer's two live plotly figures: how they are built and how a new outcome is drawn.

`draw_fan` sends one message per change. When only the shares move (every slider but the
years), it moves the traces with a zero-length plotly animate *without* plotly.js's full
redraw (`fast_batch`), which ``benchmarks/bench_explore.py`` measured faster than a
``batch_update``; a change of years needs one full update. `draw_grid` redraws the heatmap.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

from sei_analysis.charts.style import OKABE_ITO
from sei_analysis.explore.scenario_state import ScenarioOutcome

# NOTE: the house path colours and dashes (as in the report's fan), then "required" in grey.
PATH_STYLES = (
    (OKABE_ITO["green"], "solid"),
    (OKABE_ITO["orange"], "dash"),
    (OKABE_ITO["purple"], "dot"),
    ("#000000", "dashdot"),
    (OKABE_ITO["sky"], "longdash"),
)
REQUIRED_STYLE = ("#6E6E6E", "dot")
BAND_FILL = ("rgba(0,114,178,0.14)", "rgba(0,114,178,0.30)")
MEDIAN_COLOUR = "#00466E"
# NOTE: fixed, as plotly's autosize in a widget box can come out wider than the output area.
FIGURE_WIDTH = 820


@contextlib.contextmanager
def fast_batch(fig: Any) -> Iterator[None]:
    """Like ``FigureWidget.batch_animate(duration=0)``, but without plotly.js's redraw afterwards.

    ``batch_animate`` asks for ``frame.redraw`` (plotly.js's default), a full redraw after the
    transition; with ``redraw: False`` plotly.js only moves the scatter traces and the axis
    range, which the benchmark measured faster than a full update (plotly 7; pinned < 8).
    """
    with fig.batch_animate(duration=0):
        yield
        # NOTE: batch_animate reads these options when it exits; patch them in for this call.
        perform = fig._perform_batch_animate
        fig._perform_batch_animate = lambda opts: perform(
            {"transition": {"duration": 0, "easing": "linear"}, "frame": {"duration": 0, "redraw": False}}
        )
    fig.__dict__.pop("_perform_batch_animate", None)


def build_fan(scenario_names: Sequence[str]) -> Any:
    """The fan figure: two bands, the median, one line per scenario and "required", the target."""
    import plotly.graph_objects as go

    from sei_analysis.charts.style import plotly_template

    template = plotly_template()
    fan = go.FigureWidget(
        layout=dict(
            template=template,
            height=430,
            width=FIGURE_WIDTH,
            margin=dict(t=50, b=40, l=60, r=40),
            modebar=dict(orientation="v"),
        )
    )
    for fill, band in zip(BAND_FILL, ("90% of simulations", "50% of simulations"), strict=True):
        fan.add_scatter(
            mode="lines", fill="toself", fillcolor=fill, line=dict(width=0), name=band, hoverinfo="skip"
        )
    fan.add_scatter(
        mode="lines",
        name="median of simulations",
        line=dict(color=MEDIAN_COLOUR, width=2),
        hovertemplate="%{x}: %{y:.2f}% of GDP<extra>median</extra>",
    )
    for k, name in enumerate([*scenario_names, "required"]):
        colour, dash = REQUIRED_STYLE if name == "required" else PATH_STYLES[k % len(PATH_STYLES)]
        fan.add_scatter(
            mode="lines",
            name=name,
            line=dict(color=colour, dash=dash, width=1.8),
            hovertemplate="%{x}: %{y:.2f}% of GDP<extra>" + name + "</extra>",
        )
    fan.add_scatter(
        mode="markers",
        name="target",
        marker=dict(symbol="diamond", size=12, color=OKABE_ITO["vermillion"]),
        hovertemplate="target %{y:g}% of GDP in %{x}<extra></extra>",
    )
    fan.update_layout(
        title=dict(
            text="SEI value added, % of GDP: scenario paths and the fan of simulated outcomes",
            font=dict(size=15),
        ),
        legend=dict(orientation="h", y=-0.12, yanchor="top", x=0),
        yaxis=dict(title="% of GDP"),
        xaxis=dict(dtick=1),
    )
    return fan


def build_heatmap() -> Any:
    """The sensitivity grid's figure (filled by `draw_grid`)."""
    import plotly.graph_objects as go

    from sei_analysis.charts.style import plotly_template

    template = plotly_template()
    heat = go.FigureWidget(
        layout=dict(
            template=template,
            height=380,
            width=FIGURE_WIDTH,
            margin=dict(t=60, b=60, l=80, r=40),
            modebar=dict(orientation="v"),
            xaxis=dict(title="nominal GDP growth, % a year", showgrid=False),
            yaxis=dict(title="nominal SEI growth, % a year", showgrid=False),
        )
    )
    heat.add_heatmap(
        colorscale="Viridis",
        colorbar=dict(title="% of GDP"),
        texttemplate="%{text}",
        hovertemplate="SEI growth %{y}%, GDP growth %{x}%: %{z:.2f}% of GDP<extra></extra>",
    )
    return heat


def draw_fan(fig: Any, outcome: ScenarioOutcome, scenario_names: Sequence[str]) -> None:
    """Draw ``outcome`` on the fan figure (one message to the browser)."""
    b = outcome.simulation.bands
    years = b["year"].astype(int).tolist()
    back = years[::-1]
    # NOTE: numpy masks rather than ShareProjection.wide(): the pivot alone took ~4 ms a redraw.
    paths = outcome.projection.paths
    names, path_years, shares = (paths[c].to_numpy() for c in ("scenario", "year", "share"))
    i = outcome.inputs
    xs = [years + back, years + back, years]
    ys = [
        b["q95"].tolist() + b["q5"].tolist()[::-1],
        b["q75"].tolist() + b["q25"].tolist()[::-1],
        b["q50"].tolist(),
    ]
    for name in [*scenario_names, "required"]:
        mask = names == name
        xs.append(path_years[mask].astype(int).tolist())
        ys.append(shares[mask].tolist())
    xs.append([i.target_year])
    ys.append([i.target_share])
    d = fig.data
    same_x = all(list(t.x or ()) == x for t, x in zip(d, xs, strict=True))
    # NOTE: when only the shares move (every slider but the years), plotly.js can move the
    # traces without a full redraw (an animate of no duration). Otherwise: one full update.
    with fast_batch(fig) if same_x else fig.batch_update():
        for trace, x, y in zip(d, xs, ys, strict=True):
            if not same_x:
                trace.x = x
            trace.y = y
        # NOTE: the y range is always ours: an animate does not autorange, and plotly.py
        # does not resend autorange=True once a range has been set.
        lo, hi = min(min(y) for y in ys), max(max(y) for y in ys)
        pad = (hi - lo) * 0.06 or 0.5
        fig.layout.yaxis.range = [lo - pad, hi + pad]


def grid_key(outcome: ScenarioOutcome) -> tuple:
    """What the grid's cells depend on: equal keys, equal cells."""
    i, table = outcome.inputs, outcome.grid.table
    return (
        i.base_year,
        i.base_share,
        i.target_year,
        i.target_share,
        tuple(table.index),
        tuple(table.columns),
    )


def draw_grid(fig: Any, outcome: ScenarioOutcome) -> None:
    """Draw ``outcome``'s sensitivity grid on the heatmap figure."""
    i, table = outcome.inputs, outcome.grid.table
    z = table.to_numpy()
    text = [[f"{v:.1f}" + (" ✓" if v >= i.target_share else "") for v in row] for row in z]
    centre_x, centre_y = (
        f"{table.columns[len(table.columns) // 2]:g}",
        f"{table.index[len(table.index) // 2]:g}",
    )
    with fig.batch_update():
        h = fig.data[0]
        h.z, h.text = z.tolist(), text
        # NOTE: numeric axes with a tick on every cell: plotly.js kept these axes linear even
        # when declared "category" (the labels read as numbers).
        xs, ys = [float(c) for c in table.columns], [float(r) for r in table.index]
        h.x, h.y = xs, ys
        fig.layout.xaxis.update(tickvals=xs, ticktext=[f"{c:g}" for c in xs])
        fig.layout.yaxis.update(tickvals=ys, ticktext=[f"{r:g}" for r in ys])
        fig.layout.title = dict(
            text=f"Share of GDP in {i.target_year} for constant growth rates "
            f"(✓ reaches {i.target_share:g}%); centred on GDP {centre_x}%, SEI {centre_y}%",
            font=dict(size=13),
        )
