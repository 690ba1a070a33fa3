"""Fans computed in advance over a grid of growth rates, for charts that answer "what if?" offline.

A report's HTML has no kernel, so a slider in it can only switch between results computed
beforehand. `fan_frames` runs `simulate` once per pair of nominal GDP growth and mean SEI
growth and returns the bands, the chance of reaching the target and the scenario paths as
tidy tables, one row per frame and year. All figures are in percent. Re-exported by
:mod:`sei_analysis.scenarios`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from sei_analysis.errors import ScenarioError
from sei_analysis.scenarios.inputs import check_growth
from sei_analysis.scenarios.montecarlo import simulate
from sei_analysis.scenarios.share import project_share, required_growth

__all__ = ["FanFrames", "fan_frames", "growth_steps"]

# NOTE: a slider with more steps than this is hard to read and the HTML grows for nothing.
MAX_FRAMES = 400


@dataclass(frozen=True, eq=False)
class FanFrames:
    """Simulated fans for every pair of GDP growth and mean SEI growth (all percent).

    Attributes
    ----------
    bands : pandas.DataFrame
        ``gdp_growth``, ``sei_growth``, ``year``, ``mean``, ``q5``, ``q25``, ``q50``, ``q75``,
        ``q95``: one row per frame and year, shares in percent of GDP.
    summary : pandas.DataFrame
        One row per frame: ``gdp_growth``, ``sei_growth``, ``prob_reached`` (share of paths
        reaching the target by ``target_year``), ``median_at_target`` (percent of GDP) and
        ``required_growth`` (nominal SEI growth, percent a year, that reaches the target at
        that GDP growth).
    paths : pandas.DataFrame
        ``gdp_growth``, ``scenario``, ``year``, ``share``: the named scenario paths at each
        GDP growth rate (empty when no scenarios were given).
    gdp_growth_values, sei_growth_values : tuple of float
        The two axes of the grid, ascending.
    target_share : float
    base_year, target_year : int
    assumptions : dict
        The inputs shared by every frame (base, target, sd, paths, seed, model).
    """

    bands: pd.DataFrame
    summary: pd.DataFrame
    paths: pd.DataFrame
    gdp_growth_values: tuple[float, ...]
    sei_growth_values: tuple[float, ...]
    target_share: float
    base_year: int
    target_year: int
    assumptions: dict[str, Any] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """The bands with each frame's summary columns (a copy)."""
        return self.bands.merge(self.summary, on=["gdp_growth", "sei_growth"], how="left")

    def frame(self, gdp_growth: float, sei_growth: float) -> pd.DataFrame:
        """The bands of one frame (rows by year); raises ScenarioError for a pair not in the grid."""
        rows = self.bands[
            np.isclose(self.bands["gdp_growth"], gdp_growth)
            & np.isclose(self.bands["sei_growth"], sei_growth)
        ]
        if rows.empty:
            raise ScenarioError(
                f"no frame for gdp_growth={gdp_growth!r}, sei_growth={sei_growth!r}; the grid has GDP "
                f"{list(self.gdp_growth_values)} and SEI {list(self.sei_growth_values)}"
            )
        return rows.reset_index(drop=True)


def growth_steps(lo: float, hi: float, step: float, include: Sequence[float] = ()) -> list[float]:
    """Growth rates from ``lo`` to ``hi`` every ``step`` points, plus the values in ``include``.

    Examples
    --------
    >>> growth_steps(3, 5, 0.5, include=[4.08])
    [3.0, 3.5, 4.0, 4.08, 4.5, 5.0]
    """
    lo, hi = check_growth("lo", lo), check_growth("hi", hi)
    if not (isinstance(step, int | float) and step > 0 and math.isfinite(step)):
        raise ScenarioError(f"step must be a positive number of percentage points, got {step!r}")
    if hi < lo:
        raise ScenarioError(f"hi must not be below lo ({lo}), got {hi!r}")
    n = int(math.floor((hi - lo) / step + 1e-9))
    values = {round(lo + k * step, 10) for k in range(n + 1)}
    values |= {round(check_growth(f"include[{i}]", v), 10) for i, v in enumerate(include)}
    return sorted(values)


def fan_frames(
    base_share: float,
    base_year: int,
    target_year: int,
    target_share: float,
    gdp_growth_values: Sequence[float],
    sei_growth_values: Sequence[float],
    sei_growth_sd: float,
    n_paths: int = 10_000,
    seed: int | None = None,
    scenarios: Mapping[str, float] | None = None,
) -> FanFrames:
    """Simulate the fan for every pair of GDP growth and mean SEI growth.

    Parameters
    ----------
    base_share : float
        Share in ``base_year``, percent of GDP, inside (0, 100).
    base_year, target_year : int
        ``target_year`` must be after ``base_year``; the frames run to ``target_year``.
    target_share : float
        Target share, percent of GDP.
    gdp_growth_values : sequence of float
        Nominal GDP growth rates, percent a year (the slider's steps).
    sei_growth_values : sequence of float
        Mean nominal SEI growth rates, percent a year.
    sei_growth_sd : float
        Standard deviation of each year's SEI growth, percentage points.
    n_paths : int, default 10_000
    seed : int, optional
        The same seed is used for every frame (common random numbers), so moving from one
        frame to the next changes only the growth rates, not the draws. When None a seed is
        drawn once and recorded in ``assumptions["seed"]``.
    scenarios : mapping, optional
        Scenario name -> constant nominal SEI growth (percent a year), projected at each GDP
        growth rate into ``paths``.

    Returns
    -------
    FanFrames

    Notes
    -----
    Each frame is ``simulate(base_share, base_year, target_year, target_share, g_gdp,
    g_sei, sei_growth_sd, n_paths, seed)``; the cost is that of one simulation times the
    number of frames (about 3 ms per frame at 10,000 paths and six years).

    Examples
    --------
    >>> f = fan_frames(11.5, 2019, 2025, 17, [6, 7.5], [12, 14.7357], 0.0, n_paths=10, seed=1)
    >>> f.summary[["gdp_growth", "sei_growth"]].values.tolist()
    [[6.0, 12.0], [6.0, 14.7357], [7.5, 12.0], [7.5, 14.7357]]
    >>> round(float(f.frame(7.5, 14.7357)["q50"].iloc[-1]), 3)
    17.0
    """
    gdp_values = _axis("gdp_growth_values", gdp_growth_values)
    sei_values = _axis("sei_growth_values", sei_growth_values)
    if len(gdp_values) * len(sei_values) > MAX_FRAMES:
        raise ScenarioError(
            f"{len(gdp_values)} GDP x {len(sei_values)} SEI growth rates make "
            f"{len(gdp_values) * len(sei_values)} frames; at most {MAX_FRAMES}"
        )
    if seed is None:
        seed = int(np.random.SeedSequence().generate_state(1)[0])
    bands, summary, paths = [], [], []
    first = None
    for g in gdp_values:
        for s in sei_values:
            sim = simulate(
                base_share, base_year, target_year, target_share, g, s, sei_growth_sd, n_paths, seed
            )
            first = first or sim
            bands.append(sim.bands.assign(gdp_growth=g, sei_growth=s))
            at_target = sim.bands.loc[sim.bands["year"] == target_year, "q50"].iloc[0]
            summary.append(
                {
                    "gdp_growth": g,
                    "sei_growth": s,
                    "prob_reached": sim.prob_reached,
                    "median_at_target": float(at_target),
                    "required_growth": required_growth(base_share, target_share, target_year - base_year, g),
                }
            )
        if scenarios:
            projection = project_share(base_share, base_year, target_year - base_year, dict(scenarios), g)
            paths.append(projection.to_frame()[["scenario", "year", "share"]].assign(gdp_growth=g))
    lead = ["gdp_growth", "sei_growth"]
    band_table = pd.concat(bands, ignore_index=True)
    band_table = band_table[lead + [c for c in band_table.columns if c not in lead]]
    path_table = (
        pd.concat(paths, ignore_index=True)[["gdp_growth", "scenario", "year", "share"]]
        if paths
        else pd.DataFrame(columns=["gdp_growth", "scenario", "year", "share"])
    )
    assumptions = {k: v for k, v in first.assumptions.items() if k not in ("gdp_growth", "sei_growth_mean")}
    assumptions["scenarios"] = dict(scenarios or {})
    return FanFrames(
        bands=band_table,
        summary=pd.DataFrame(summary),
        paths=path_table,
        gdp_growth_values=tuple(gdp_values),
        sei_growth_values=tuple(sei_values),
        target_share=first.target_share,
        base_year=int(first.assumptions["base_year"]),
        target_year=first.target_year,
        assumptions=assumptions,
    )


def _axis(name: str, values: Any) -> list[float]:
    if isinstance(values, str | bytes) or not isinstance(values, Sequence | np.ndarray | pd.Series):
        raise ScenarioError(f"{name} must be a sequence of growth rates, got {values!r}")
    checked = sorted({check_growth(f"{name}[{i}]", v) for i, v in enumerate(values)})
    if not checked:
        raise ScenarioError(f"{name} must hold at least one growth rate, got []")
    return checked
