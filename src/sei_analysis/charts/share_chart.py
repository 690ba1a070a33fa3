"""The SEI share of GDP against the official targets.

The builder takes plain DataFrames, never changes them, and returns a :class:`Chart`.
"""

from __future__ import annotations

from typing import Any

from sei_analysis.charts import catalogue
from sei_analysis.charts.base import Chart, require_columns
from sei_analysis.charts.format import QUALIFIER_SYMBOLS, fmt_num, period_year, qualified, source_line, span
from sei_analysis.charts.format import tick_label as _tick
from sei_analysis.charts.interactive import plotly_version
from sei_analysis.charts.style import (
    GREY,
    OKABE_ITO,
    decorate,
    get_size,
    house_style,
    new_figure,
    text_colour,
)

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
# NOTE: a target diamond is drawn larger than the outturn markers and beneath them, so an
# outturn in the target's own year (2015: "more than 8" against "about 8") stays visible.
TARGET_MARKER_SCALE = 1.7


def _share_frame(observations: Any, targets: Any) -> Any:
    import pandas as pd

    obs = observations.assign(series="observed", year=observations["period"].map(period_year))
    obs["series"] = obs["kind"].where(~obs["kind"].isin(OBSERVED_KINDS), "observed")
    tgt = targets.assign(series="target", kind="target", year=targets["period"].map(period_year))
    cols = ["series", "kind", "period", "year", "value", "qualifier", "confidence", "source_title"]
    for frame in (obs, tgt):
        for col in ("source_title", "confidence"):
            if col not in frame:
                frame[col] = None
    data = pd.concat([obs[cols], tgt[cols]], ignore_index=True)
    data["value"] = data["value"].astype(float)
    # NOTE: several documents may state the same figure (the 2020 target is "about 15%" in the
    # 2010 Decision and "15%" in the 13th Five-Year plan): draw it once, keep the most precise
    # qualifier, and list every source.
    data["_rank"] = data["qualifier"].map(QUALIFIER_PRECISION).fillna(len(QUALIFIER_PRECISION))
    data = data.sort_values(["series", "year", "_rank"], kind="stable")
    keys = ["series", "kind", "year", "value"]
    sources = data.groupby(keys, sort=False)["source_title"].agg(
        lambda s: " | ".join(dict.fromkeys(t for t in s if isinstance(t, str) and t)) or None
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
                "gap": round(t.value - float(last["value"]), 6),
            }
        )
    return out


def _mark(ax: Any, x: float, y: float, qualifier: str, colour: str, marker: str, size: float, z: int) -> None:
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
        zorder=z,
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
            zorder=z,
        )


def _label(row: Any, gaps: list[dict[str, Any]], lang: str) -> str:
    """``≥13``, ``target ~8 (met)``, ``~10\\n(forecast)``: a point's direct label."""
    label = QUALIFIER_SYMBOLS.get(row.qualifier, "") + fmt_num(row.value)
    if row.series == "target":
        met = any(g["target_year"] == row.year and g["gap"] <= 0 for g in gaps)
        return catalogue.text("share.target", lang, value=label) + (
            catalogue.text("share.met", lang) if met else ""
        )
    if row.kind != "actual":
        kind = catalogue.text(f"share.kind.{row.kind}", lang)
        label += "\n" + catalogue.text("share.kind_label", lang, kind=kind)
    return label


def _title(data: Any, gaps: list[dict[str, Any]], lang: str) -> str:
    observed = data[data["series"] == "observed"].sort_values("year")
    if observed.empty:
        return catalogue.text("share.title_default", lang)
    last = observed.iloc[-1]
    title = catalogue.text(
        "share.title", lang, share=qualified(last["value"], last["qualifier"], lang), year=int(last["year"])
    )
    future = [g for g in gaps if g["target_year"] > last["year"]]
    if future:
        g = future[-1]
        title += catalogue.text("share.title_short", lang, gap=fmt_num(g["gap"]), year=g["target_year"])
    return title


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
    lang: str = "en",
    as_of: str | None = None,
) -> Chart:
    """SEI value added as a share of GDP, against the official targets.

    Parameters
    ----------
    observations : DataFrame
        Columns ``period``, ``value`` (percent of GDP), ``qualifier``
        (exact/approx/at_least/at_most), ``kind`` (actual/estimate/derived/forecast),
        optional ``source_title`` and ``confidence``.
    targets : DataFrame
        Columns ``period``, ``value``, ``qualifier``, optional ``source_title`` and ``as_of``.
    lang : {"en", "zh"}
        The language of every word in the chart.
    as_of : str, optional
        The date the targets are assessed as of (the targets table's ``as_of``); read from
        ``targets["as_of"]`` when not given. Shown in the subtitle.

    Returns
    -------
    Chart
        Observed values (actual and derived) are joined only between consecutive years; gaps
        are dotted and labelled "no data". "About" is hollow, "more than" has an upward arrow.
        Each target gets a bracket from the latest observed value before it (the shortfall).
    """
    catalogue.check_lang(lang)
    require_columns(observations, ["period", "value", "qualifier", "kind"], "observations")
    require_columns(targets, ["period", "value", "qualifier"], "targets")
    if as_of is None and "as_of" in targets and targets["as_of"].notna().any():
        as_of = str(targets["as_of"].dropna().max())
    data = _share_frame(observations, targets)
    gaps = _shortfalls(data)
    s = get_size(size)
    observed = data[data["series"] == "observed"].sort_values("year")
    title = title or _title(data, gaps, lang)
    subtitle = subtitle or (
        catalogue.text("share.subtitle", lang, span=span(data["year"], lang))
        + (catalogue.text("share.subtitle_as_of", lang, date=as_of) if as_of else "")
    )
    source = source or source_line(
        data["source_title"], default=catalogue.text("source.policy_default", lang), lang=lang
    )
    with house_style(size):
        fig, ax = new_figure(size)
        _draw(ax, data, observed, gaps, s, lang)
        decorate(fig, title, subtitle, source, size)
    targets_text = catalogue.text("list.sep", lang).join(
        catalogue.text("period.single", lang, year=int(t.year)) + " " + qualified(t.value, t.qualifier, lang)
        for t in data[data["series"] == "target"].itertuples()
    )
    alt = catalogue.text("share.alt", lang, span=span(data["year"], lang), targets=targets_text, title=title)
    return Chart(
        name=name,
        fig=fig,
        data=data,
        title=title,
        subtitle=subtitle,
        unit="percent of GDP",
        source=source,
        size=size,
        params={"size": size, "lang": lang},
        plotly=plotly_version("share_vs_targets", data, title, subtitle, source, gaps=gaps, lang=lang)
        if interactive
        else None,
        lang=lang,
        alt=alt,
        sources=tuple(catalogue.publishers(data["source_title"], lang)),
        table=_table(data, source, as_of),
        native=_native(data, gaps, lang),
        as_of=as_of,
    )


def _draw(ax: Any, data: Any, observed: Any, gaps: list[dict[str, Any]], s: Any, lang: str) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ms = 7 if s.width > 4 else 5
    prev = None
    for row in observed.itertuples():
        if prev is not None:
            if row.year - prev.year > 1:
                ax.plot(
                    [prev.year, row.year],
                    [prev.value, row.value],
                    linestyle=(0, (1, 2.5)),
                    color=GREY,
                    lw=1.1,
                    zorder=1,
                )
                years = (
                    catalogue.text("period.span", lang, first=prev.year + 1, last=row.year - 1)
                    if row.year - prev.year > 2
                    else catalogue.text("period.single", lang, year=prev.year + 1)
                )
                ax.annotate(
                    catalogue.text("share.no_data", lang, span=years),
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
                ax.plot(
                    [prev.year, row.year],
                    [prev.value, row.value],
                    color=KIND_COLOURS["actual"],
                    ls="-",
                    lw=1.6,
                )
        prev = row
    observed_years = set(observed["year"])
    first_year, last_year = min(observed_years, default=0), max(observed_years, default=0)
    # NOTE: a target "shares" its year with an outturn when the two markers would touch.
    near = max(data["value"].max(), 1) * 0.08
    crowded = {
        int(t.year)
        for t in data[data["series"] == "target"].itertuples()
        if ((observed["year"] == t.year) & ((observed["value"] - t.value).abs() < near)).any()
    }
    for row in data.itertuples():
        is_target = row.series == "target"
        colour = TARGET_COLOUR if is_target else KIND_COLOURS.get(row.kind, GREY)
        marker = "D" if is_target else KIND_MARKERS.get(row.kind, "o")
        size = ms * TARGET_MARKER_SCALE if is_target else ms
        _mark(ax, row.year, row.value, row.qualifier, colour, marker, size, 3 if is_target else 4)
        # NOTE: placement rules that keep the labels apart on this chart's usual data:
        # targets left of the diamond (below it if an outturn of that year is close by),
        # observed values above-left (the latest above-right, clear of the shortfall
        # brackets), estimates and forecasts within the observed span above-left (off the
        # dotted no-data line), outside it to the right.
        if is_target and row.year in crowded:
            xy, ha, va = (0, -12), "center", "top"
        elif is_target:
            xy, ha, va = (-10, 0), "right", "center"
        elif row.series == "observed" and row.year == last_year:
            xy, ha, va = (5, 5), "left", "bottom"
        elif row.series == "observed" or first_year < row.year < last_year:
            xy, ha, va = (-5, 5), "right", "bottom"
        else:
            xy, ha, va = (7, 0), "left", "center"
        ax.annotate(
            _label(row, gaps, lang),
            (row.year, row.value),
            xytext=xy,
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=s.body * 0.85,
            color=text_colour(colour),
            fontweight="bold" if is_target else "normal",
            zorder=5,
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
            catalogue.text("share.short", lang, gap=fmt_num(g["gap"])),
            (x, (g["obs"] + g["target"]) / 2),
            xytext=(4, 0),
            textcoords="offset points",
            fontsize=s.body * 0.8,
            color=text_colour(TARGET_COLOUR),
            va="center",
        )
    years = data["year"]
    ax.set_xlim(years.min() - 0.8, years.max() + 1.9)
    ax.set_ylim(0, max(data["value"].max() * 1.18, 1))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(_tick))
    ax.set_ylabel(catalogue.text("share.ylabel", lang))
    _share_key(ax, s.body, set(data["kind"]), lang)


def _share_key(ax: Any, fontsize: float, kinds: set[str], lang: str) -> None:
    """The legend: one entry per kind of value drawn, and the two qualifier encodings."""
    from matplotlib.lines import Line2D

    c = KIND_COLOURS["actual"]
    t = lambda key: catalogue.text(f"share.legend.{key}", lang)  # noqa: E731
    handles = [Line2D([], [], marker="o", color=c, ls="-", label=t("observed"))]
    if "derived" in kinds:
        handles.append(
            Line2D([], [], marker="o", color=KIND_COLOURS["derived"], ls="none", label=t("derived"))
        )
    for kind in ("estimate", "forecast"):
        if kind in kinds:
            handles.append(Line2D([], [], marker="s", color=KIND_COLOURS[kind], ls="none", label=t(kind)))
    handles += [
        Line2D([], [], marker="D", color=TARGET_COLOUR, ls="none", label=t("target")),
        Line2D([], [], marker="o", color=GREY, mfc="white", ls="none", label="~ " + t("about")),
        # NOTE: the chart marks "more than" with an arrow leaving the marker; so does the key.
        Line2D([], [], marker="$\u2191$", color=GREY, ls="none", ms=9, label="≥ " + t("more_than")),
    ]
    ax.legend(handles=handles, loc="upper left", fontsize=fontsize * 0.78, ncols=2, handlelength=1.4)


def _table(data: Any, source: str, as_of: str | None) -> Any:
    """The CSV: one row per value drawn, with its unit and its sources."""
    out = data.rename(columns={"value": "value_pct_of_gdp", "source_title": "source"})
    out = out.assign(
        value_pct_of_gdp=out["value_pct_of_gdp"].round(1),
        unit="percent of GDP",
        source=out["source"].fillna(source),
        as_of=as_of,
    )
    return out[
        ["series", "kind", "period", "year", "value_pct_of_gdp", "qualifier", "confidence"]
        + ["unit", "source", "as_of"]
    ]


def _native(data: Any, gaps: list[dict[str, Any]], lang: str) -> dict[str, Any]:
    """The recipe of the native PowerPoint line chart (see `charts.native`)."""
    years = list(range(int(data["year"].min()), int(data["year"].max()) + 1))
    cats = [str(y) for y in years]

    # NOTE: outturns labelled above, targets below, the other kinds beside their marker, so
    # neighbouring years (2022 outturn, 2023 estimate) keep their labels apart.
    positions = {
        "observed": "above",
        "target": "below",
        "derived": "left",
        "estimate": "right",
        "forecast": "right",
    }

    def series(rows: Any, key: str, colour: str, marker: str, line: bool, size: int = 8) -> dict[str, Any]:
        values: list[float | None] = [None] * len(years)
        labels, hollow = {}, []
        for row in rows.itertuples():
            i = years.index(int(row.year))
            values[i] = round(float(row.value), 1)
            labels[str(i)] = _label(row, gaps, lang).replace("\n", " ")
            if row.qualifier == "approx":
                hollow.append(i)
        return {
            "name": catalogue.text(f"share.legend.{key}", lang),
            "values": values,
            "colour": colour,
            "label_colour": text_colour(colour),
            "marker": marker,
            "marker_size": size,
            "line": line,
            "hollow": hollow,
            "labels": labels,
            "label_position": positions[key],
        }

    # NOTE: targets first, so a later series draws over them: an outturn equal to its target
    # (2015: more than 8 against about 8) shows inside the larger diamond, not under it.
    out = [series(data[data["series"] == "target"], "target", TARGET_COLOUR, "diamond", False, 11)]
    obs = data[data["series"] == "observed"]
    out.append(series(obs[obs["kind"] == "actual"], "observed", KIND_COLOURS["actual"], "circle", True))
    for kind, marker in (("derived", "circle"), ("estimate", "square"), ("forecast", "square")):
        rows = data[data["kind"] == kind]
        if len(rows):
            out.append(series(rows, kind, KIND_COLOURS[kind], marker, False))
    return {
        "categories": cats,
        "groups": [{"kind": "line", "series": out}],
        "y_title": catalogue.text("share.ylabel", lang),
        "y_min": 0,
        "number_format": "0.0",
        "legend": "bottom",
    }
