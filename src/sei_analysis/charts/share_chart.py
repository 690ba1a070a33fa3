"""The SEI share of GDP against the official targets.

The builder takes plain DataFrames, never changes them, and returns a :class:`Chart`.
"""

from __future__ import annotations

from typing import Any

from sei_analysis.charts.base import Chart, require_columns
from sei_analysis.charts.format import (
    QUALIFIER_SYMBOLS,
    QUALIFIER_WORDS,
    fmt_num,
    period_year,
    source_line,
    span,
    tick_label,
)
from sei_analysis.charts.interactive import plotly_version
from sei_analysis.charts.style import GREY, OKABE_ITO, decorate, get_size, house_style, new_figure

# NOTE: colour by kind of value; marker shape by series; hollow = "about"; arrow = "more/less than".
KIND_COLOURS = {
    "actual": OKABE_ITO["blue"],
    "derived": OKABE_ITO["sky"],
    "estimate": OKABE_ITO["orange"],
    "forecast": OKABE_ITO["purple"],
}
KIND_MARKERS = {"actual": "o", "derived": "o", "estimate": "s", "forecast": "s"}
TARGET_COLOUR = OKABE_ITO["vermillion"]
OBSERVED_KINDS = ("actual", "derived")
QUALIFIER_PRECISION = {"exact": 0, "at_least": 1, "at_most": 2, "approx": 3}


def _share_frame(observations: Any, targets: Any) -> Any:
    import pandas as pd

    obs = observations.assign(series="observed", year=observations["period"].map(period_year))
    obs["series"] = obs["kind"].where(~obs["kind"].isin(OBSERVED_KINDS), "observed")
    tgt = targets.assign(series="target", kind="target", year=targets["period"].map(period_year))
    cols = ["series", "kind", "period", "year", "value", "qualifier", "source_title"]
    for frame in (obs, tgt):
        if "source_title" not in frame:
            frame["source_title"] = None
    data = pd.concat([obs[cols], tgt[cols]], ignore_index=True)
    data["value"] = data["value"].astype(float)
    # NOTE: several documents may state the same figure (the 2020 target is "about 15%" in the
    # 2010 Decision and "15%" in the 13th Five-Year plan): draw it once, keep the most precise
    # qualifier, and list every source.
    data["_rank"] = data["qualifier"].map(QUALIFIER_PRECISION).fillna(len(QUALIFIER_PRECISION))
    data = data.sort_values(["series", "year", "_rank"], kind="stable")
    keys = ["series", "kind", "year", "value"]
    sources = data.groupby(keys, sort=False)["source_title"].agg(
        lambda s: "; ".join(dict.fromkeys(t for t in s if isinstance(t, str) and t)) or None
    )
    data = data.drop_duplicates(keys).drop(columns=["_rank", "source_title"])
    data = data.join(sources, on=keys)
    return data.sort_values(["series", "year"], kind="stable").reset_index(drop=True)


def _shortfalls(data: Any) -> list[dict[str, Any]]:
    """Each target against the latest observed value at or before its year (gap = target - obs)."""
    observed = data[data["series"] == "observed"].sort_values("year")
    out = []
    for t in data[data["series"] == "target"].itertuples():
        before = observed[observed["year"] <= t.year]
        if before.empty:
            continue
        last = before.iloc[-1]
        out.append(
            {
                "target_year": t.year,
                "target": t.value,
                "obs_year": int(last["year"]),
                "obs": float(last["value"]),
                "gap": t.value - float(last["value"]),
            }
        )
    return out


def _mark(ax: Any, x: float, y: float, qualifier: str, colour: str, marker: str, size: float) -> None:
    hollow = qualifier == "approx"
    ax.plot(
        [x],
        [y],
        marker=marker,
        linestyle="none",
        markersize=size,
        markeredgewidth=1.5,
        color=colour,
        markerfacecolor="white" if hollow else colour,
        zorder=4,
    )
    if qualifier in ("at_least", "at_most"):
        # NOTE: "<|-" puts the head at the text end: an arrow leaving the marker up (or down).
        sign = 1 if qualifier == "at_least" else -1
        ax.annotate(
            "",
            xy=(x, y),
            xytext=(0, sign * 2.4 * size),
            textcoords="offset points",
            arrowprops=dict(
                arrowstyle="<|-", color=colour, lw=1.3, mutation_scale=8, shrinkA=0, shrinkB=size * 0.7
            ),
        )


def share_vs_targets(
    observations: Any,
    targets: Any,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    size: str = "page",
    interactive: bool = True,
    name: str = "share_vs_targets",
) -> Chart:
    """SEI value added as a share of GDP, against the official targets.

    Parameters
    ----------
    observations : DataFrame
        Columns ``period``, ``value`` (percent of GDP), ``qualifier``
        (exact/approx/at_least/at_most), ``kind`` (actual/estimate/derived/forecast),
        optional ``source_title``.
    targets : DataFrame
        Columns ``period``, ``value``, ``qualifier``, optional ``source_title``.

    Returns
    -------
    Chart
        Observed values (actual and derived) are joined only between consecutive years; gaps
        are dotted and labelled "no data". "About" is hollow, "more than" has an upward arrow.
        Each target gets a bracket from the latest observed value before it (the shortfall).
    """
    require_columns(observations, ["period", "value", "qualifier", "kind"], "observations")
    require_columns(targets, ["period", "value", "qualifier"], "targets")
    data = _share_frame(observations, targets)
    gaps = _shortfalls(data)
    s = get_size(size)
    observed = data[data["series"] == "observed"].sort_values("year")
    last = observed.iloc[-1] if len(observed) else None
    future = [g for g in gaps if last is not None and g["target_year"] > last["year"]]
    if title is None and last is not None:
        title = (
            f"The SEI share of GDP reached {QUALIFIER_WORDS.get(last['qualifier'], '')}"
            f"{fmt_num(last['value'])}% in {last['year']}"
        )
        if future:
            g = future[-1]
            title += f", still {fmt_num(g['gap'])} points short of the {g['target_year']} target"
    title = title or "SEI share of GDP against the targets"
    subtitle = subtitle or (
        f"Value added of strategic emerging industries, % of GDP, {span(data['year'])}: "
        "observed, estimated and forecast values and official targets"
    )
    source = source or source_line(
        data["source_title"],
        default="Source: policy documents and official statistics in the sei-analysis corpus.",
    )
    ms = 7 if s.width > 4 else 5
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    with house_style(size):
        fig, ax = new_figure(size)
        prev = None
        for row in observed.itertuples():
            if prev is not None:
                style = {"color": KIND_COLOURS["actual"], "lw": 1.6, "ls": "-", "zorder": 2}
                if row.year - prev.year > 1:
                    ax.plot(
                        [prev.year, row.year],
                        [prev.value, row.value],
                        linestyle=(0, (1, 2.5)),
                        color=GREY,
                        lw=1.1,
                        zorder=1,
                    )
                    gap_label = (
                        f"no data {prev.year + 1}–{row.year - 1}"
                        if row.year - prev.year > 2
                        else f"no data {prev.year + 1}"
                    )
                    ax.annotate(
                        gap_label,
                        xy=((prev.year + row.year) / 2, (prev.value + row.value) / 2),
                        xytext=(4, -10),
                        textcoords="offset points",
                        fontsize=s.body * 0.78,
                        color=GREY,
                        ha="left",
                        va="top",
                        style="italic",
                    )
                else:
                    ax.plot([prev.year, row.year], [prev.value, row.value], **style)
            prev = row
        observed_years = set(observed["year"])
        first_year, last_year = min(observed_years, default=0), max(observed_years, default=0)
        for row in data.itertuples():
            is_target = row.series == "target"
            colour = TARGET_COLOUR if is_target else KIND_COLOURS.get(row.kind, GREY)
            marker = "D" if is_target else KIND_MARKERS.get(row.kind, "o")
            _mark(ax, row.year, row.value, row.qualifier, colour, marker, ms)
            label = QUALIFIER_SYMBOLS.get(row.qualifier, "") + fmt_num(row.value)
            met = is_target and any(g["target_year"] == row.year and g["gap"] <= 0 for g in gaps)
            label = f"target {label}" + (" (met)" if met else "") if is_target else label
            if row.kind not in ("actual", "target"):
                label += f"\n({row.kind})"
            # NOTE: placement rules that keep the labels apart on this chart's usual data:
            # targets left of the diamond (below it if an observation shares the year),
            # observed values above-left (the latest above-right, clear of the shortfall
            # brackets), estimates and forecasts within the observed span above-left (off the
            # dotted no-data line), outside it to the right.
            if is_target and row.year in observed_years:
                xy, ha, va = (0, -10), "center", "top"
            elif is_target:
                xy, ha, va = (-8, 0), "right", "center"
            elif row.series == "observed" and row.year == last_year:
                xy, ha, va = (5, 5), "left", "bottom"
            elif row.series == "observed" or first_year < row.year < last_year:
                xy, ha, va = (-5, 5), "right", "bottom"
            else:
                xy, ha, va = (7, 0), "left", "center"
            ax.annotate(
                label,
                (row.year, row.value),
                xytext=xy,
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=s.body * 0.85,
                color=colour,
                fontweight="bold" if is_target else "normal",
            )
        for g in gaps:
            if g["gap"] <= 0:
                continue
            x = g["target_year"] + 0.3
            ax.plot([g["obs_year"], x], [g["obs"], g["obs"]], color=GREY, lw=0.8, linestyle="--", zorder=1)
            ax.annotate(
                "",
                xy=(x, g["target"]),
                xytext=(x, g["obs"]),
                arrowprops=dict(arrowstyle="-|>", color=TARGET_COLOUR, lw=1.2, shrinkA=0, shrinkB=2),
            )
            ax.annotate(
                f"{fmt_num(g['gap'])} pp\nshort",
                (x, (g["obs"] + g["target"]) / 2),
                xytext=(4, 0),
                textcoords="offset points",
                fontsize=s.body * 0.8,
                color=TARGET_COLOUR,
                va="center",
            )
        years = data["year"]
        ax.set_xlim(years.min() - 0.8, years.max() + 1.6)
        ax.set_ylim(0, max(data["value"].max() * 1.18, 1))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(FuncFormatter(tick_label))
        ax.set_ylabel("% of GDP")
        _share_key(ax, s.body)
        decorate(fig, title, subtitle, source, size)
    return Chart(
        name=name,
        fig=fig,
        data=data,
        title=title,
        subtitle=subtitle,
        unit="percent of GDP",
        source=source,
        size=size,
        params={"size": size},
        plotly=plotly_version("share_vs_targets", data, title, subtitle, source, gaps=gaps)
        if interactive
        else None,
    )


def _share_key(ax: Any, fontsize: float) -> None:
    from matplotlib.lines import Line2D

    c = KIND_COLOURS["actual"]
    handles = [
        Line2D([], [], marker="o", color=c, ls="-", label="observed"),
        Line2D([], [], marker="o", color=c, mfc="white", ls="none", label="~ about"),
        Line2D([], [], marker="^", color=c, ls="none", label="≥ more than"),
        Line2D([], [], marker="s", color=KIND_COLOURS["estimate"], ls="none", label="estimate"),
        Line2D([], [], marker="D", color=TARGET_COLOUR, ls="none", label="target"),
    ]
    ax.legend(handles=handles, loc="upper left", fontsize=fontsize * 0.8, ncols=1, handlelength=1.6)
