"""Comparison charts: SEI growth against all industry, and where the extracted figures come from.

Every builder takes plain DataFrames, never changes them, and returns a :class:`Chart`.
"""

from __future__ import annotations

from typing import Any

from sei_analysis.charts.base import Chart, require_columns
from sei_analysis.charts.format import fmt_num, period_label, period_year, source_line, span, tick_label
from sei_analysis.charts.interactive import plotly_version
from sei_analysis.charts.style import OKABE_ITO, PALETTE, decorate, get_size, house_style, new_figure
from sei_analysis.errors import InputError

# NOTE: how growth_comparison marks a gap that was worked out rather than published.
COMPUTED_GAP_SOURCES = ("derived", "computed", "calculated")
# NOTE: hatches pair each stacked-bar colour with a pattern, so segments differ without colour.
HATCHES = ("", "////", "....", "xxxx", "\\\\\\\\", "++", "oo")


def growth_vs_industry(
    comparison: Any,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    size: str = "page",
    interactive: bool = True,
    name: str = "growth_vs_industry",
) -> Chart:
    """SEI industrial growth against all-industry growth, per reporting period (a dumbbell chart).

    Parameters
    ----------
    comparison : DataFrame
        Columns ``period``, ``period_end``, ``sei``, ``industry`` (percent, year on year; may be
        missing), optional ``period_start``, ``gap_pp`` and ``gap_source``.

    Returns
    -------
    Chart
        One row per reporting period (no line across periods of different lengths); the gap in
        percentage points is written beside each pair. Gaps marked * were computed, not stated.
        Periods with no SEI figure are left out (the subtitle says how many).
    """
    import pandas as pd

    require_columns(comparison, ["period", "period_end", "sei", "industry"], "comparison")
    sort_cols = ["period_end", "period_start"] if "period_start" in comparison else ["period_end"]
    data = comparison.sort_values(sort_cols, kind="stable").reset_index(drop=True)
    data = data.assign(
        label=data["period"].map(period_label),
        sei=pd.to_numeric(data["sei"], errors="coerce"),
        industry=pd.to_numeric(data["industry"], errors="coerce"),
    )
    # NOTE: a period with no SEI figure has nothing to compare; it is left out and counted.
    left_out = int(data["sei"].isna().sum())
    data = data[data["sei"].notna()].reset_index(drop=True)
    if data.empty:
        raise InputError("comparison: no period has an SEI growth figure (column 'sei')")
    nan = pd.Series(float("nan"), index=data.index)
    stated = pd.to_numeric(data["gap_pp"], errors="coerce") if "gap_pp" in data else nan
    origin = data["gap_source"].astype("string").str.lower() if "gap_source" in data else None
    data["gap_pp"] = stated.fillna(data["sei"] - data["industry"])
    data["gap_computed"] = stated.isna() & data["gap_pp"].notna()
    if origin is not None:
        data["gap_computed"] |= origin.isin(COMPUTED_GAP_SOURCES).fillna(False).astype(bool)
    # NOTE: an all-industry figure implied by a stated gap (SEI minus gap) is not a published
    # figure; it is drawn hollow and footnoted so it can't pass for one.
    kind = data["industry_kind"].astype("string") if "industry_kind" in data else None
    data["industry_implied"] = kind.eq("derived").fillna(False).astype(bool) if kind is not None else False
    gaps = data["gap_pp"].dropna()
    if title is None:
        title = (
            f"Strategic emerging industries grew {fmt_num(gaps.min())}–{fmt_num(gaps.max())} points "
            "faster than industry as a whole"
            if len(gaps) and gaps.min() > 0
            else "SEI industrial growth against growth of all industry"
        )
    subtitle = subtitle or (
        f"Growth of industrial value added, % year on year, by reporting period, "
        f"{span(data['period'].map(period_year))}; gap in percentage points"
        + (f"; {left_out} period(s) without an SEI figure left out" if left_out else "")
    )
    note = "; * gap computed as SEI minus all industry" if data["gap_computed"].any() else ""
    if data["industry_implied"].any():
        note += "; hollow square: all-industry growth implied by SEI growth minus the stated gap"
    source = source or source_line(
        data.get("source_title", []),
        default=f"Source: NBS figures as quoted in the sei-analysis corpus{note}.",
    )
    from matplotlib.ticker import FuncFormatter

    s = get_size(size)
    sei_c, ind_c = OKABE_ITO["blue"], OKABE_ITO["orange"]
    with house_style(size):
        fig, ax = new_figure(size)
        ys = list(range(len(data)))[::-1]
        ax.axvline(0, color="#333333", lw=0.8)
        first_pair = True
        for y, row in zip(ys, data.itertuples(), strict=True):
            has_ind = pd.notna(row.industry)
            if has_ind:
                ax.plot(
                    [row.industry, row.sei],
                    [y, y],
                    color="#BBBBBB",
                    ls="-",
                    lw=3,
                    solid_capstyle="butt",
                    zorder=1,
                )
                face = "white" if row.industry_implied else ind_c
                ax.plot([row.industry], [y], marker="s", color=ind_c, mfc=face, mew=1.5, ls="none", zorder=3)
                ax.annotate(
                    fmt_num(row.industry),
                    (row.industry, y),
                    xytext=(-6, 0),
                    textcoords="offset points",
                    ha="right",
                    va="center",
                    fontsize=s.body * 0.8,
                    color="#7A5200",
                )
            ax.plot([row.sei], [y], marker="o", color=sei_c, ls="none", zorder=3)
            computed = bool(row.gap_computed)
            right = f"{fmt_num(row.sei)}"
            if has_ind and pd.notna(row.gap_pp):
                right += (
                    f"   gap {'+' if row.gap_pp > 0 else ''}{fmt_num(row.gap_pp)} pp{'*' if computed else ''}"
                )
            elif not has_ind:
                right += "   (all industry: n/a)"
            ax.annotate(
                right,
                (row.sei, y),
                xytext=(6, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize=s.body * 0.8,
                color=sei_c,
            )
            if has_ind and first_pair:
                for x, text, c in ((row.sei, "SEI", sei_c), (row.industry, "all industry", ind_c)):
                    ax.annotate(
                        text,
                        (x, y),
                        xytext=(0, 7),
                        textcoords="offset points",
                        ha="center",
                        va="bottom",
                        fontsize=s.body * 0.85,
                        color=c,
                        fontweight="bold",
                    )
                first_pair = False
        ax.set_yticks(ys, data["label"])
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        lo = min(0.0, data[["sei", "industry"]].min().min())
        hi = data[["sei", "industry"]].max().max()
        # NOTE: room for the value labels left of the squares and the gap labels right of the dots;
        # a narrow figure needs proportionally more of the axis for the same text.
        narrow = s.width < 5
        ax.set_xlim(lo - (hi - lo) * (0.2 if narrow else 0.12), hi + (hi - lo) * (0.8 if narrow else 0.55))
        ax.set_ylim(-0.7, len(data) - 0.3)
        ax.set_xlabel("% year on year")
        ax.xaxis.set_major_formatter(FuncFormatter(tick_label))
        decorate(fig, title, subtitle, source, size)
    drawn = data.drop(columns=["label"])
    return Chart(
        name=name,
        fig=fig,
        data=drawn,
        title=title,
        subtitle=subtitle,
        unit="percent, year on year; gap in percentage points",
        source=source,
        size=size,
        params={"size": size},
        plotly=plotly_version("growth_vs_industry", data, title, subtitle, source) if interactive else None,
    )


def figure_sources(
    figures: Any,
    *,
    by: str = "measure",
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    size: str = "page",
    interactive: bool = True,
    name: str = "figure_sources",
) -> Chart:
    """Where the figures come from: counts of extracted figures by document (and language), by ``by``.

    Parameters
    ----------
    figures : DataFrame
        One row per extracted figure; columns ``doc_id``, ``language`` (or ``lang``) and ``by``
        (``measure`` by default, or ``unit``).
    """
    import pandas as pd

    lang_col = "language" if "language" in figures else "lang"
    require_columns(figures, ["doc_id", lang_col, by], "figures")
    counts = (
        figures.assign(**{by: figures[by].fillna("unknown")})
        .groupby(["doc_id", lang_col, by])
        .size()
        .rename("count")
        .reset_index()
    )
    wide = counts.pivot_table(index=["doc_id", lang_col], columns=by, values="count", fill_value=0)
    wide = wide.loc[wide.sum(axis=1).sort_values().index]
    order = list(wide.sum().sort_values(ascending=False).index)
    wide = wide[order]
    total = int(wide.to_numpy().sum())
    if title is None:
        top = order[0] if order else "none"
        title = (
            f"{total} figures from {len(wide)} documents; {str(top).replace('_', ' ')} "
            f"figures are the most common"
        )
    subtitle = subtitle or f"Figures extracted per document (language in brackets), by {by}; count"
    source = source or "Source: sei-analysis extraction from the raw document corpus (data/raw)."
    s = get_size(size)
    with house_style(size):
        fig, ax = new_figure(size)
        labels = [f"{d} ({lang})" for d, lang in wide.index]
        left = pd.Series(0.0, index=range(len(wide)))
        for i, col in enumerate(order):
            vals = wide[col].to_numpy(dtype=float)
            ax.barh(
                labels,
                vals,
                left=left,
                color=PALETTE[i % len(PALETTE)],
                edgecolor="white",
                hatch=HATCHES[i % len(HATCHES)],
                lw=0.6,
                label=str(col).replace("_", " "),
            )
            for j, v in enumerate(vals):
                if v >= max(2, total * 0.025):
                    ax.text(
                        left[j] + v / 2,
                        j,
                        f"{int(v)}",
                        ha="center",
                        va="center",
                        fontsize=s.body * 0.75,
                        color="black",
                        bbox=dict(boxstyle="round,pad=0.15", fc="white", alpha=0.9, lw=0),
                    )
            left += vals
        for j, v in enumerate(left):
            ax.text(v, j, f"  {int(v)}", va="center", ha="left", fontsize=s.body * 0.85, fontweight="bold")
        ax.set_xlim(0, max(left.max() * 1.12, 1))
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        ax.set_xlabel("number of figures")
        ax.legend(loc="lower right", ncols=1, fontsize=s.body * 0.8, title=by, title_fontsize=s.body * 0.8)
        decorate(fig, title, subtitle, source, size)
    data = wide.reset_index()
    data.columns.name = None
    return Chart(
        name=name,
        fig=fig,
        data=data,
        title=title,
        subtitle=subtitle,
        unit="count of figures",
        source=source,
        size=size,
        params={"by": by, "size": size},
        plotly=plotly_version(
            "figure_sources", counts.rename(columns={lang_col: "language"}), title, subtitle, source, by=by
        )
        if interactive
        else None,
    )
