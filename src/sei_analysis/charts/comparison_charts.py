"""Comparison charts: SEI growth against all industry, and where the extracted figures come from.

Every builder takes plain DataFrames, never changes them, and returns a :class:`Chart`.
"""

from __future__ import annotations

from typing import Any

from sei_analysis.charts import catalogue
from sei_analysis.charts.base import Chart, require_columns
from sei_analysis.charts.format import (
    fmt_num,
    gap_text,
    join_notes,
    period_year,
    source_line,
    span,
    tick_label,
)
from sei_analysis.charts.interactive import plotly_version
from sei_analysis.charts.style import (
    GREY,
    GROWTH_STYLE,
    decorate,
    get_size,
    house_style,
    new_figure,
    text_colour,
)
from sei_analysis.errors import InputError

# NOTE: how growth_comparison marks a gap that was worked out rather than published.
COMPUTED_GAP_SOURCES = ("derived", "computed", "calculated")
# NOTE: the indicator series each column of growth_comparison holds (the CSV names them).
GROWTH_SERIES = {
    "sei": "sei_industry_va_growth",
    "industry": "industry_va_growth",
    "hitech": "hitech_manufacturing_va_growth",
    "gap_pp": "sei_industry_growth_gap_pp",
}


def _growth_frame(comparison: Any) -> Any:
    import pandas as pd

    sort_cols = ["period_end", "period_start"] if "period_start" in comparison else ["period_end"]
    data = comparison.sort_values(sort_cols, kind="stable").reset_index(drop=True)

    def num(col: str) -> Any:
        if col in data:
            return pd.to_numeric(data[col], errors="coerce")
        return pd.Series(float("nan"), index=data.index)

    data = data.assign(sei=num("sei"), industry=num("industry"), hitech=num("hitech"))
    data = data[data[["sei", "industry", "hitech"]].notna().any(axis=1)].reset_index(drop=True)
    if data["sei"].isna().all():
        raise InputError("comparison: no period has an SEI growth figure (column 'sei')")
    stated = num("gap_pp")
    origin = data["gap_source"].astype("string").str.lower() if "gap_source" in data else None
    data["gap_pp"] = stated.fillna(data["sei"] - data["industry"]).round(6)
    data["gap_computed"] = stated.isna() & data["gap_pp"].notna()
    if origin is not None:
        data["gap_computed"] |= origin.isin(COMPUTED_GAP_SOURCES).fillna(False).astype(bool)
    # NOTE: an all-industry figure implied by a stated gap (SEI minus gap) is not a published
    # figure; it is drawn hollow and footnoted so it can't pass for one.
    kind = data["industry_kind"].astype("string") if "industry_kind" in data else None
    data["industry_implied"] = kind.eq("derived").fillna(False).astype(bool) if kind is not None else False
    return data


def growth_vs_industry(
    comparison: Any,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    size: str = "page",
    interactive: bool = True,
    name: str = "growth_vs_industry",
    lang: str = "en",
) -> Chart:
    """SEI industrial growth against all-industry growth, per reporting period (a dumbbell chart).

    Parameters
    ----------
    comparison : DataFrame
        `indicators.growth_comparison`: ``period``, ``period_end``, ``sei``, ``industry``
        (percent, year on year, real; may be missing), optional ``period_start``,
        ``industry_kind``, ``gap_pp``, ``gap_source`` and ``hitech`` (high-tech manufacturing).
    lang : {"en", "zh"}
        The language of every word in the chart.

    Returns
    -------
    Chart
        One row per reporting period, through the last period with any figure (no line
        across periods of different lengths). SEI and all industry are paired with the gap
        in percentage points beside them (* computed, not stated); after the last SEI figure
        the chart says it has not been published since. High-tech manufacturing is drawn in
        a panel of its own, never joined to SEI. Footnotes carry the catalogue's caveats
        (the single secondary source of the 2020 H1 figure).
    """
    catalogue.check_lang(lang)
    require_columns(comparison, ["period", "period_end", "sei", "industry"], "comparison")
    data = _growth_frame(comparison)
    data["label"] = data["period"].map(lambda p: catalogue.period_label(p, lang))
    with_sei = data[data["sei"].notna()]
    last_sei = with_sei.iloc[-1]
    later = data.index[data.index > last_sei.name]
    gaps = with_sei["gap_pp"].dropna()
    lo, hi = (fmt_num(gaps.min()), fmt_num(gaps.max())) if len(gaps) else ("", "")
    if title is None:
        if len(gaps) and gaps.min() > 0:
            key = "growth.title_until" if len(later) else "growth.title_faster"
            title = catalogue.text(key, lang, lo=lo, hi=hi, last=last_sei["label"])
        else:
            title = catalogue.text("growth.title_default", lang)
    years = data["period"].map(period_year)
    subtitle = subtitle or catalogue.text("growth.subtitle", lang, span=span(years, lang))
    notes = []
    if data["gap_computed"].any():
        notes.append(catalogue.text("growth.note_computed", lang))
    if data["industry_implied"].any():
        notes.append(catalogue.text("growth.note_implied", lang))
    if data["hitech"].notna().any():
        notes.append(catalogue.text("growth.note_hitech", lang))
    notes += catalogue.caveats("sei", zip(data["period"], data["sei"], strict=True), lang)
    note = join_notes(notes, lang)
    source = source or source_line(
        data.get("source_title", []),
        default=catalogue.text("growth.source_default", lang) + catalogue.text("note.end", lang),
        lang=lang,
    )
    s = get_size(size)
    with house_style(size):
        has_hitech = bool(data["hitech"].notna().any())
        if has_hitech:
            # NOTE: the paired panel gets most of the width; high-tech has one value a row.
            fig, (main, side) = new_figure(size, 1, 2, sharey=True, gridspec_kw={"width_ratios": [2.6, 1]})
        else:
            fig, main = new_figure(size)
            side = None
        _draw_pairs(main, data, int(last_sei.name), s, lang)
        if side is not None:
            _draw_hitech(side, data, s, lang)
        decorate(fig, title, subtitle, source, size, note=note)
    last_industry = data[data["industry"].notna()]["label"].iloc[-1] if data["industry"].notna().any() else ""
    alt = catalogue.text(
        "growth.alt",
        lang,
        span=span(years, lang),
        last_sei=last_sei["label"],
        last_industry=last_industry,
        title=title,
    )
    drawn = data.drop(columns=["label"])
    return Chart(
        name=name,
        fig=fig,
        data=drawn,
        title=title,
        subtitle=subtitle,
        unit="percent, year on year (real); gap in percentage points",
        source=source,
        size=size,
        params={"size": size, "lang": lang},
        plotly=plotly_version("growth_vs_industry", data, title, subtitle, source, note=note, lang=lang)
        if interactive
        else None,
        lang=lang,
        alt=alt,
        note=note,
        sources=tuple(catalogue.publishers(data.get("source_title", []), lang))
        or (catalogue.publisher("NBS", lang),),
        table=growth_table(data, source, note),
        native=_growth_native(data, lang),
    )


def _draw_pairs(ax: Any, data: Any, last_sei: int, s: Any, lang: str) -> None:
    import pandas as pd
    from matplotlib.ticker import FuncFormatter

    sei_c, ind_c, _ = (st[0] for st in GROWTH_STYLE.values())
    fs = s.body * 0.72
    ys = list(range(len(data)))[::-1]
    ax.axvline(0, color="#333333", lw=0.8)
    first_pair = True
    for y, row in zip(ys, data.itertuples(), strict=True):
        has_ind, has_sei = pd.notna(row.industry), pd.notna(row.sei)
        if has_ind and has_sei:
            ax.plot(
                [row.industry, row.sei],
                [y, y],
                color="#BBBBBB",
                ls="-",
                lw=3,
                solid_capstyle="butt",
                zorder=1,
            )
        if has_ind:
            face = "white" if row.industry_implied else ind_c
            ax.plot([row.industry], [y], marker="s", color=ind_c, mfc=face, mew=1.5, ls="none", zorder=3)
            ax.annotate(
                fmt_num(row.industry),
                (row.industry, y),
                xytext=(-6, 0),
                textcoords="offset points",
                ha="right",
                va="center",
                fontsize=fs,
                color=text_colour(ind_c),
            )
        if has_sei:
            ax.plot([row.sei], [y], marker="o", color=sei_c, ls="none", zorder=3)
            extra = gap_text(row, lang) or ("" if has_ind else catalogue.text("growth.industry_na", lang))
            # NOTE: one label, single spaces: SVG viewers collapse padding spaces.
            ax.annotate(
                fmt_num(row.sei) + (f" · {extra}" if extra else ""),
                (row.sei, y),
                xytext=(6, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize=fs,
                color=text_colour(sei_c),
            )
        if has_ind and has_sei and first_pair:
            for x, text, c in (
                (row.sei, catalogue.text("growth.sei", lang), sei_c),
                (row.industry, catalogue.text("growth.industry", lang), ind_c),
            ):
                ax.annotate(
                    text,
                    (x, y),
                    xytext=(0, 6),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    fontsize=s.body * 0.8,
                    color=text_colour(c),
                    fontweight="bold",
                )
            first_pair = False
    cut = len(data) - 1 - last_sei
    if cut > 0:
        # NOTE: a line under the last SEI figure, and the words for the empty rows below it.
        y_cut = ys[last_sei] - 0.5
        ax.axhline(y_cut, color=GREY, lw=0.8, ls="--")
        ax.annotate(
            catalogue.text("growth.not_published", lang, period=data["label"].iloc[last_sei]),
            (1.0, y_cut),
            xycoords=("axes fraction", "data"),
            xytext=(-3, -3),
            textcoords="offset points",
            ha="right",
            va="top",
            fontsize=fs,
            color=text_colour(sei_c),
            style="italic",
        )
    ax.set_yticks(ys, data["label"])
    ax.tick_params(axis="y", labelsize=fs)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    vals = data[["sei", "industry"]]
    lo, hi = min(0.0, vals.min().min()), vals.max().max()
    # NOTE: room for the value labels left of the squares and the gap labels right of the dots.
    ax.set_xlim(lo - (hi - lo) * 0.22, hi + (hi - lo) * 0.95)
    ax.set_ylim(-0.7, len(data) - 0.3)
    ax.set_xlabel(catalogue.text("growth.xlabel", lang))
    ax.xaxis.set_major_formatter(FuncFormatter(tick_label))


def _draw_hitech(ax: Any, data: Any, s: Any, lang: str) -> None:
    import pandas as pd
    from matplotlib.ticker import FuncFormatter

    colour, marker, _ = GROWTH_STYLE["hitech"]
    fs = s.body * 0.72
    ys = list(range(len(data)))[::-1]
    for y, row in zip(ys, data.itertuples(), strict=True):
        if pd.notna(row.hitech):
            ax.plot([row.hitech], [y], marker=marker, color=colour, ls="none", zorder=3)
            ax.annotate(
                fmt_num(row.hitech),
                (row.hitech, y),
                xytext=(6, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize=fs,
                color=text_colour(colour),
            )
    ax.set_title(
        catalogue.text("growth.hitech", lang), fontsize=s.body * 0.8, color=text_colour(colour), loc="left"
    )
    values = data["hitech"].dropna()
    ax.set_xlim(min(0.0, values.min()) - 1, values.max() * 1.35 + 1)
    ax.axvline(0, color="#333333", lw=0.8)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.tick_params(axis="y", left=False)
    ax.set_xlabel(catalogue.text("growth.xlabel", lang))
    ax.xaxis.set_major_formatter(FuncFormatter(tick_label))


def growth_table(data: Any, source: str, note: str) -> Any:
    """The growth chart's CSV: one row per series and period, each series on its own rows."""
    import pandas as pd

    rows = []
    for row in data.itertuples():
        for col, series in GROWTH_SERIES.items():
            value = getattr(row, col)
            if value != value:
                continue
            kind = "actual"
            if col == "industry" and row.industry_implied:
                kind = "implied by SEI growth minus the stated gap"
            if col == "gap_pp":
                kind = "computed" if row.gap_computed else "published"
            rows.append(
                {
                    "series": series,
                    "period": row.period,
                    "period_label": row.label,
                    "value": round(float(value), 1),
                    "unit": "percentage points" if col == "gap_pp" else "percent, year on year (real)",
                    "kind": kind,
                    "source": source,
                    "note": note,
                }
            )
    return pd.DataFrame(rows)


def _growth_native(data: Any, lang: str) -> dict[str, Any]:
    """Paired markers (SEI, all industry) joined by high-low lines; high-tech in its own group."""

    def series(col: str, labels: bool) -> dict[str, Any]:
        colour, _, marker = GROWTH_STYLE[col]
        values = [None if v != v else round(float(v), 1) for v in data[col]]
        out = {
            "name": catalogue.text(f"growth.{col}", lang),
            "values": values,
            "colour": colour,
            "label_colour": text_colour(colour),
            "marker": marker,
            "marker_size": 8,
            "line": False,
            "hollow": [i for i, imp in enumerate(data["industry_implied"]) if imp]
            if col == "industry"
            else [],
            "labels": {str(i): fmt_num(v) for i, v in enumerate(values) if v is not None} if labels else {},
            "label_position": "above",
        }
        return out

    sei = series("sei", True)
    last = max(i for i, v in enumerate(sei["values"]) if v is not None)
    if last < len(data) - 1:
        # NOTE: said in the series' legend entry: a label beside the last point would cover others.
        not_published = catalogue.text("growth.not_published", lang, period=data["label"].iloc[last])
        sei["name"] += f" ({not_published})" if lang == "en" else f"（{not_published}）"
    groups = [{"kind": "line", "series": [sei, series("industry", False)], "hi_low_lines": True}]
    if data["hitech"].notna().any():
        groups.append({"kind": "line", "series": [series("hitech", False)]})
    return {
        "categories": list(data["label"]),
        "groups": groups,
        "y_title": catalogue.text("growth.xlabel", lang),
        "number_format": "0.0",
        "legend": "bottom",
    }
