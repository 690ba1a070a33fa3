"""Charts of the scenario results: the fan chart of simulated paths and the sensitivity heatmap."""

from __future__ import annotations

from typing import Any

from sei_analysis.charts.base import Chart, require_columns
from sei_analysis.charts.format import fmt_num, span
from sei_analysis.charts.interactive import plotly_version
from sei_analysis.charts.style import (
    LINESTYLES,
    OKABE_ITO,
    PATH_COLOURS,
    decorate,
    get_size,
    house_style,
    new_figure,
)
from sei_analysis.errors import InputError

BAND_COLUMNS = ("q5", "q25", "q50", "q75", "q95")
MEDIAN_COLOUR = "#00466E"  # a darker Okabe-Ito blue: the centre of the fan
# NOTE: blue is taken by the fan and vermillion by the target, so the paths use the rest.
DEFAULT_SOURCE = "Source: sei-analysis scenario arithmetic (scenarios module) on the published SEI shares."


def _as_target(target: Any) -> tuple[int, float] | None:
    """Accept ``(year, share)``, a mapping with ``year``/``share`` or an object with those attributes."""
    if target is None:
        return None
    try:
        if isinstance(target, dict):
            return int(target["year"]), float(target["share"])
        if hasattr(target, "year") and hasattr(target, "share"):
            return int(target.year), float(target.share)
        year, share = target
        return int(year), float(share)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"target: expected (year, share), got {target!r}") from exc


def scenario_fan(
    paths: Any,
    bands: Any,
    target: Any = None,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    size: str = "page",
    interactive: bool = True,
    name: str = "scenario_fan",
) -> Chart:
    """Scenario paths of the SEI share of GDP over the fan of simulated outcomes.

    Parameters
    ----------
    paths : DataFrame
        Columns ``scenario``, ``year``, ``share`` (percent of GDP).
    bands : DataFrame
        Columns ``year``, ``q5``, ``q25``, ``q50``, ``q75``, ``q95`` (percent of GDP): quantiles
        of the simulated share per year. May be empty.
    target : (year, share), optional
        Drawn as a labelled diamond.
    """
    import pandas as pd

    require_columns(paths, ["scenario", "year", "share"], "paths")
    require_columns(bands, ["year", *BAND_COLUMNS], "bands")
    tgt = _as_target(target)
    data = pd.concat([paths.assign(series="path"), bands.assign(series="band")], ignore_index=True)
    if tgt:
        data = pd.concat(
            [data, pd.DataFrame([{"series": "target", "year": tgt[0], "share": tgt[1]}])], ignore_index=True
        )
    data = data[["series", "scenario", "year", "share", *BAND_COLUMNS]]
    b = bands.sort_values("year")
    if title is None:
        if len(b) and tgt and (b["year"] == tgt[0]).any():
            med = float(b.loc[b["year"] == tgt[0], "q50"].iloc[0])
            verdict = "above" if med >= tgt[1] else "below"
            title = (
                f"The median simulated SEI share reaches {fmt_num(med)}% in {tgt[0]}, "
                f"{verdict} the {fmt_num(tgt[1])}% target"
            )
        else:
            end = paths.sort_values("year").groupby("scenario")["share"].last()
            lo, hi, last_year = fmt_num(end.min()), fmt_num(end.max()), int(paths["year"].max())
            title = (
                f"By {last_year} the scenarios put the SEI share between {lo}% and {hi}% of GDP"
                if lo != hi
                else f"By {last_year} the SEI share reaches {lo}% of GDP"
            )
    years = pd.concat([paths["year"], bands["year"]])
    subtitle = subtitle or (
        f"SEI value added, % of GDP, {span(years)}: scenario paths; shading shows "
        "50% and 90% of simulated outcomes"
    )
    source = source or DEFAULT_SOURCE
    s = get_size(size)
    with house_style(size):
        fig, ax = new_figure(size)
        if len(b):
            ax.fill_between(b["year"], b["q5"], b["q95"], color=OKABE_ITO["blue"], alpha=0.14, lw=0)
            ax.fill_between(b["year"], b["q25"], b["q75"], color=OKABE_ITO["blue"], alpha=0.28, lw=0)
            ax.plot(b["year"], b["q50"], color=MEDIAN_COLOUR, lw=1.2, ls="-")
        ends = []
        if len(b):
            ends.append(
                [float(b["q50"].iloc[-1]), float(b["year"].iloc[-1]), "median of simulations", MEDIAN_COLOUR]
            )
        for i, (scen, grp) in enumerate(paths.groupby("scenario", sort=False)):
            grp = grp.sort_values("year")
            colour = PATH_COLOURS[i % len(PATH_COLOURS)]
            ax.plot(grp["year"], grp["share"], color=colour, ls=LINESTYLES[i % len(LINESTYLES)], lw=1.8)
            ends.append([float(grp["share"].iloc[-1]), float(grp["year"].iloc[-1]), str(scen), colour])
        _label_ends(ax, ends, s.body * 0.85, min_gap=(data["share"].max() - data["share"].min()) * 0.06)
        if tgt:
            ax.plot([tgt[0]], [tgt[1]], marker="D", color=OKABE_ITO["vermillion"], ms=7, ls="none", zorder=5)
            ax.axhline(tgt[1], color=OKABE_ITO["vermillion"], lw=0.9, ls=":", zorder=0)
            # NOTE: labelled at the left end of its line, away from the path labels on the right.
            ax.annotate(
                f"target {fmt_num(tgt[1])}% ({tgt[0]})",
                (years.min(), tgt[1]),
                xytext=(0, 3),
                textcoords="offset points",
                ha="left",
                va="bottom",
                fontsize=s.body * 0.85,
                color=OKABE_ITO["vermillion"],
                fontweight="bold",
            )
        x0, x1 = years.min(), years.max()
        ax.set_xlim(x0 - 0.3, x1 + (x1 - x0) * 0.22 + 0.5)
        ax.set_ylabel("% of GDP")
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xticks([t for t in ax.get_xticks() if x0 <= t <= x1])
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
        params={"target": list(tgt) if tgt else None, "size": size},
        plotly=plotly_version("scenario_fan", data, title, subtitle, source, target=tgt)
        if interactive
        else None,
    )


def _label_ends(ax: Any, ends: list[list[Any]], fontsize: float, min_gap: float) -> None:
    """Direct labels at the right end of each path, nudged apart vertically so they never overlap."""
    ends.sort(key=lambda e: e[0])
    ys = [e[0] for e in ends]
    for i in range(1, len(ys)):
        ys[i] = max(ys[i], ys[i - 1] + min_gap)
    for (y, x, text, colour), y_label in zip(ends, ys, strict=True):
        ax.annotate(
            text,
            (x, y),
            xytext=(x + 0.25, y_label),
            textcoords="data",
            ha="left",
            va="center",
            fontsize=fontsize,
            color=colour,
            fontweight="bold",
            arrowprops=dict(arrowstyle="-", color=colour, lw=0.6) if abs(y_label - y) > 1e-9 else None,
        )


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
) -> Chart:
    """The target-year SEI share for each pair of SEI growth and GDP growth.

    Parameters
    ----------
    grid : DataFrame
        Wide: index ``sei_growth`` (percent a year), columns ``gdp_growth`` (percent a year),
        values the share of GDP in the target year (percent). A long frame with columns
        ``sei_growth``, ``gdp_growth``, ``share`` is pivoted; an object with ``.grid`` or
        ``.to_frame()`` is unwrapped.
    target : float, optional
        The target share; cells at or above it are bold and the contour is drawn.
    """
    import numpy as np
    import pandas as pd

    grid = getattr(grid, "grid", grid)
    if not isinstance(grid, pd.DataFrame) and hasattr(grid, "to_frame"):
        grid = grid.to_frame()
    if isinstance(grid, pd.DataFrame) and {"sei_growth", "gdp_growth", "share"} <= set(grid.columns):
        grid = grid.pivot(index="sei_growth", columns="gdp_growth", values="share")
    if not isinstance(grid, pd.DataFrame) or grid.empty:
        raise InputError(f"grid: expected a non-empty wide DataFrame, got {type(grid).__name__}")
    grid = grid.sort_index().sort_index(axis=1).astype(float)
    grid.index.name, grid.columns.name = "sei_growth", "gdp_growth"
    z = grid.to_numpy()
    year_txt = f" in {target_year}" if target_year else " in the target year"
    if title is None and target is not None:
        need = [grid.index[z[:, j] >= target].min() for j in range(z.shape[1]) if (z[:, j] >= target).any()]
        if not need:
            title = f"No combination in the grid reaches {fmt_num(target)}%{year_txt}"
        elif min(need) == max(need):
            least = fmt_num(min(need))
            title = f"Reaching {fmt_num(target)}%{year_txt} needs SEI growth of at least {least}% a year"
        else:
            title = (
                f"Reaching {fmt_num(target)}%{year_txt} needs SEI growth of at least "
                f"{fmt_num(min(need))}–{fmt_num(max(need))}% a year, depending on GDP growth"
            )
    title = title or f"SEI share of GDP{year_txt} under combinations of SEI and GDP growth"
    subtitle = subtitle or (
        f"SEI value added, % of GDP{year_txt}, by annual growth of SEI value added "
        "and of GDP (% a year)"
        + (f"; outlined: at or above the {fmt_num(target)}% target" if target is not None else "")
    )
    source = source or DEFAULT_SOURCE
    s = get_size(size)
    with house_style(size):
        fig, ax = new_figure(size)
        ny, nx = z.shape
        mesh = ax.pcolormesh(
            np.arange(nx + 1) - 0.5, np.arange(ny + 1) - 0.5, z, cmap="viridis", shading="flat"
        )
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
        ax.set_xlabel("GDP growth, % a year")
        ax.set_ylabel("SEI value-added growth, % a year")
        ax.grid(False)
        for spine in ax.spines.values():
            spine.set_visible(False)
        cbar = fig.colorbar(mesh, ax=ax, shrink=0.9, pad=0.02)
        cbar.set_label(f"% of GDP{year_txt}")
        cbar.outline.set_visible(False)
        decorate(fig, title, subtitle, source, size)
    return Chart(
        name=name,
        fig=fig,
        data=grid,
        title=title,
        subtitle=subtitle,
        unit=f"percent of GDP{year_txt}",
        source=source,
        size=size,
        params={"target": target, "target_year": target_year, "size": size},
        plotly=plotly_version("sensitivity_heatmap", grid, title, subtitle, source, target=target)
        if interactive
        else None,
    )


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
