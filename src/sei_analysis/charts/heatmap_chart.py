"""The sensitivity heatmap: the target-year SEI share for each pair of nominal SEI and GDP growth.

PowerPoint has no heatmap, so besides the decorated page figure the builder draws the same
heatmap at slide size without title or source (``slide_fig``); the deck places it as a
picture and carries the texts on the slide.
"""

from __future__ import annotations

from typing import Any

from sei_analysis.charts import catalogue
from sei_analysis.charts.base import Chart
from sei_analysis.charts.format import fmt_num
from sei_analysis.charts.interactive import plotly_version
from sei_analysis.charts.scenario_charts import SCENARIO_DIGITS
from sei_analysis.charts.style import decorate, get_size, house_style, new_figure, undecorated
from sei_analysis.errors import InputError


def sensitivity_heatmap(
    grid: Any,
    *,
    target: float | None = None,
    target_year: int | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    size: str = "page",
    interactive: bool = True,
    name: str = "sensitivity_heatmap",
    lang: str = "en",
    assumptions: dict[str, Any] | None = None,
    illustrative: bool = False,
) -> Chart:
    """The target-year SEI share for each pair of nominal SEI growth and nominal GDP growth.

    ``illustrative``: the target is a user's assumption, not an official one; the subtitle
    says "illustrative, no official target".

    Parameters
    ----------
    grid : DataFrame or SensitivityGrid
        Wide: index ``sei_growth`` (percent a year), columns ``gdp_growth`` (percent a year),
        values the share of GDP in the target year (percent). A long frame with columns
        ``sei_growth``, ``gdp_growth``, ``share`` is pivoted; an object with ``.to_frame()``
        is unwrapped, and its ``base_share``, ``base_year``, ``target_year`` and
        ``target_share`` are used when not given.
    target : float, optional
        The target share; cells at or above it are bold and outlined.
    lang : {"en", "zh"}
        The language of every word in the chart.

    Returns
    -------
    Chart
        Drawn as a picture in the deck (PowerPoint has no heatmap): ``slide_fig`` is the same
        heatmap at slide size without title or source, which the slide carries as text.
    """
    import pandas as pd

    catalogue.check_lang(lang)
    facts = dict(assumptions or {})
    for key in ("base_share", "base_year", "target_year", "target_share"):
        if hasattr(grid, key) and getattr(grid, key) is not None:
            facts.setdefault(key, getattr(grid, key))
    target = target if target is not None else facts.get("target_share")
    target_year = target_year if target_year is not None else facts.get("target_year")
    if not isinstance(grid, pd.DataFrame) and hasattr(grid, "to_frame"):
        grid = grid.to_frame()
    if isinstance(grid, pd.DataFrame) and {"sei_growth", "gdp_growth", "share"} <= set(grid.columns):
        grid = grid.pivot(index="sei_growth", columns="gdp_growth", values="share")
    if not isinstance(grid, pd.DataFrame) or grid.empty:
        raise InputError(f"grid: expected a non-empty wide DataFrame, got {type(grid).__name__}")
    grid = grid.sort_index().sort_index(axis=1).astype(float)
    grid.index.name, grid.columns.name = "sei_growth", "gdp_growth"
    z = grid.to_numpy()
    when = (
        catalogue.text("heat.in_year", lang, year=target_year)
        if target_year
        else catalogue.text("heat.in_target_year", lang)
    )
    title = title or _heat_title(grid, z, target, when, lang)
    subtitle = subtitle or (
        catalogue.text("heat.subtitle", lang, when=when)
        + (
            catalogue.text(
                "heat.subtitle_target_illustrative" if illustrative else "heat.subtitle_target",
                lang,
                target=fmt_num(target),
            )
            if target is not None
            else ""
        )
    )
    source = source or catalogue.text("fan.source_default", lang) + catalogue.text("note.end", lang)
    note = (
        catalogue.text(
            "heat.assumptions",
            lang,
            base_share=fmt_num(float(facts["base_share"])),
            base_year=facts["base_year"],
            year=target_year or "?",
        )
        + catalogue.text("note.end", lang)
        if "base_share" in facts and "base_year" in facts
        else None
    )
    with house_style(size):
        fig, ax = new_figure(size)
        _draw_heatmap(fig, ax, grid, target, get_size(size), when, lang)
        decorate(fig, title, subtitle, source, size, note=note)
    with house_style("slide"):
        slide_fig, slide_ax = new_figure("slide")
        _draw_heatmap(slide_fig, slide_ax, grid, target, get_size("slide"), when, lang)
        undecorated(slide_fig)
    alt = catalogue.text(
        "heat.alt",
        lang,
        when=when,
        sei=f"{fmt_num(grid.index.min())}–{fmt_num(grid.index.max())}",
        gdp=f"{fmt_num(grid.columns.min())}–{fmt_num(grid.columns.max())}",
        title=title,
    )
    facts.update(growth_rates="nominal, percent a year, constant each year")
    return Chart(
        name=name,
        fig=fig,
        data=grid,
        title=title,
        subtitle=subtitle,
        unit="percent of GDP" + (f" in {target_year}" if target_year else " in the target year"),
        source=source,
        size=size,
        params={"target": target, "target_year": target_year, "size": size, "lang": lang},
        plotly=plotly_version(
            "sensitivity_heatmap", grid, title, subtitle, source, target=target, note=note, lang=lang
        )
        if interactive
        else None,
        lang=lang,
        alt=alt,
        note=note,
        sources=(catalogue.text("source.calculation", lang),),
        assumptions=facts,
        table=_heat_table(grid, target, target_year, facts, source),
        slide_fig=slide_fig,
    )


def _heat_title(grid: Any, z: Any, target: float | None, when: str, lang: str) -> str:
    if target is None:
        return catalogue.text("heat.title_default", lang, when=when)
    need = [grid.index[z[:, j] >= target].min() for j in range(z.shape[1]) if (z[:, j] >= target).any()]
    if not need:
        return catalogue.text("heat.title_none", lang, target=fmt_num(target), when=when)
    if min(need) == max(need):
        return catalogue.text(
            "heat.title_one", lang, target=fmt_num(target), when=when, least=fmt_num(min(need))
        )
    return catalogue.text(
        "heat.title_range",
        lang,
        target=fmt_num(target),
        when=when,
        lo=fmt_num(min(need)),
        hi=fmt_num(max(need)),
    )


def _draw_heatmap(fig: Any, ax: Any, grid: Any, target: float | None, s: Any, when: str, lang: str) -> None:
    import numpy as np

    z = grid.to_numpy()
    ny, nx = z.shape
    mesh = ax.pcolormesh(np.arange(nx + 1) - 0.5, np.arange(ny + 1) - 0.5, z, cmap="viridis", shading="flat")
    fs = s.body * (0.75 if nx <= 8 else 0.6)
    if nx * ny <= 150:
        lo, hi = np.nanmin(z), np.nanmax(z)
        for (i, j), v in np.ndenumerate(z):
            dark = (v - lo) / (hi - lo or 1) < 0.55
            met = target is not None and v >= target
            ax.text(
                j,
                i,
                fmt_num(v),
                ha="center",
                va="center",
                fontsize=fs,
                color="white" if dark else "black",
                fontweight="bold" if met else "normal",
            )
    if target is not None:
        _outline_cells(ax, z >= target)
    ax.set_xticks(range(nx), [fmt_num(c) for c in grid.columns])
    ax.set_yticks(range(ny), [fmt_num(i) for i in grid.index])
    ax.set_xlabel(catalogue.text("heat.xlabel", lang))
    ax.set_ylabel(catalogue.text("heat.ylabel", lang))
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    cbar = fig.colorbar(mesh, ax=ax, shrink=0.9, pad=0.02)
    cbar.set_label(catalogue.text("heat.cbar", lang, when=when))
    cbar.outline.set_visible(False)


def _heat_table(grid: Any, target: float | None, target_year: int | None, facts: dict, source: str) -> Any:
    """The heatmap's CSV, long: one row per cell, each column saying what it holds."""
    long = grid.stack().rename("share_pct_of_gdp_in_target_year").reset_index()
    long = long.rename(
        columns={"sei_growth": "sei_growth_nominal_pct_a_year", "gdp_growth": "gdp_growth_nominal_pct_a_year"}
    )
    long["share_pct_of_gdp_in_target_year"] = long["share_pct_of_gdp_in_target_year"].round(SCENARIO_DIGITS)
    long["target_year"] = target_year
    if target is not None:
        long["target_share_pct_of_gdp"] = target
        long["reaches_target"] = long["share_pct_of_gdp_in_target_year"] >= target
    for key in ("base_year", "base_share"):
        if key in facts:
            long[key if key == "base_year" else "base_share_pct_of_gdp"] = facts[key]
    return long.assign(unit="percent of GDP; growth rates nominal, percent a year, constant", source=source)


def _outline_cells(ax: Any, mask: Any) -> None:
    """Draw the boundary of the cells where ``mask`` is True (a step line, not an interpolated contour)."""
    ny, nx = mask.shape
    segments = []
    for i in range(ny):
        for j in range(nx):
            if not mask[i, j]:
                continue
            if i == 0 or not mask[i - 1, j]:
                segments.append([(j - 0.5, i - 0.5), (j + 0.5, i - 0.5)])
            if i == ny - 1 or not mask[i + 1, j]:
                segments.append([(j - 0.5, i + 0.5), (j + 0.5, i + 0.5)])
            if j == 0 or not mask[i, j - 1]:
                segments.append([(j - 0.5, i - 0.5), (j - 0.5, i + 0.5)])
            if j == nx - 1 or not mask[i, j + 1]:
                segments.append([(j + 0.5, i - 0.5), (j + 0.5, i + 0.5)])
    if segments:
        from matplotlib.collections import LineCollection

        ax.add_collection(
            LineCollection(
                segments, colors="black", linewidths=2.4, capstyle="projecting", zorder=3, clip_on=False
            )
        )
        ax.add_collection(
            LineCollection(segments, colors="white", linewidths=1.0, linestyles="--", zorder=4, clip_on=False)
        )
