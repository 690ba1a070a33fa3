"""Scenario arithmetic for the SEI share of GDP: required growth, share paths, grids.

Everything is in percent: shares in percent of GDP, growth rates in percent a year,
both nominal. The share moves with the ratio of the two nominal growth rates::

    s[t+1] = s[t] * (1 + g_sei / 100) / (1 + g_gdp / 100)

The closed forms and share paths live here: `required_growth`, `years_to_target` and
`project_share`. The checks every input goes through are in
:mod:`sei_analysis.scenarios.inputs`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from sei_analysis.errors import ScenarioError
from sei_analysis.scenarios.inputs import (
    check_finite_shares,
    check_growth,
    check_growth_path,
    check_number,
    check_share,
    check_year,
    check_years,
    reached_mask,
)

# NOTE: the name a single (unnamed) growth assumption gets in results.
DEFAULT_SCENARIO = "baseline"
SHARE_FORMULA = "s[t+1] = s[t] * (1 + g_sei/100) / (1 + g_gdp/100)"


# ---------------------------------------------------------------- closed forms
def required_growth(base_share: float, target_share: float, years: float, gdp_growth: float) -> float:
    """Nominal SEI growth a year that takes the share from ``base_share`` to ``target_share``.

    Parameters
    ----------
    base_share, target_share : float
        SEI value added as a share of GDP, percent, inside (0, 100).
    years : float
        Years between the two, > 0 (fractions allowed).
    gdp_growth : float
        Nominal GDP growth, percent a year, > -100.

    Returns
    -------
    float
        Nominal SEI value-added growth, percent a year.

    Notes
    -----
    Compounding ``s[t+1] = s[t] (1 + g_sei) / (1 + g_gdp)`` for ``n`` years and solving::

        g_sei = (1 + g_gdp) * (s_T / s_0) ** (1 / n) - 1

    Examples
    --------
    From 11.5% in 2019 to 17% in 2025 with nominal GDP growth of 7.5% a year:

    >>> round(required_growth(11.5, 17, 6, 7.5), 2)
    14.74
    """
    s0 = check_share("base_share", base_share)
    s_t = check_share("target_share", target_share)
    n = check_number("years", years)
    if n <= 0:
        raise ScenarioError(f"years must be > 0, got {years!r}")
    g_gdp = check_growth("gdp_growth", gdp_growth) / 100
    return ((1 + g_gdp) * (s_t / s0) ** (1 / n) - 1) * 100


def years_to_target(base_share: float, target_share: float, sei_growth: float, gdp_growth: float) -> float:
    """Years until the share reaches ``target_share`` at constant nominal growth rates.

    Parameters
    ----------
    base_share, target_share : float
        Share of GDP, percent, inside (0, 100).
    sei_growth, gdp_growth : float
        Nominal growth of SEI value added and of GDP, percent a year, > -100.

    Returns
    -------
    float
        Years, a real number (round up for the first whole year on the path). ``0.0`` when
        the target equals the base share. ``math.inf`` when the share never gets there:
        it stays put (``g_sei == g_gdp``) or moves away from the target.

    Notes
    -----
    The inverse of `required_growth`::

        n = ln(s_T / s_0) / ln((1 + g_sei) / (1 + g_gdp))

    Examples
    --------
    >>> round(years_to_target(11.5, 17, 14.7357, 7.5), 3)
    6.0
    >>> years_to_target(11.5, 17, 7.5, 7.5)
    inf
    """
    s0 = check_share("base_share", base_share)
    s_t = check_share("target_share", target_share)
    g_sei = check_growth("sei_growth", sei_growth) / 100
    g_gdp = check_growth("gdp_growth", gdp_growth) / 100
    if s_t == s0:
        return 0.0
    step = math.log1p(g_sei) - math.log1p(g_gdp)
    n = math.log(s_t / s0) / step if step != 0 else math.inf
    return n if n > 0 else math.inf


# ---------------------------------------------------------------- share paths
@dataclass(frozen=True, eq=False)
class ShareProjection:
    """Share paths of one or more named growth scenarios.

    Attributes
    ----------
    paths : pandas.DataFrame
        Long: scenario, year, share (percent of GDP), sei_growth, gdp_growth (percent, the
        growth during the year ending at ``year``; NaN in the base year).
    reached : dict
        Scenario -> first year the share reaches ``target_share`` (None if not by ``end_year``).
    target_share : float or None
    base_year, end_year : int
    assumptions : dict
        The inputs and the formula.
    """

    paths: pd.DataFrame
    reached: dict[str, int | None]
    target_share: float | None
    base_year: int
    end_year: int
    assumptions: dict[str, Any] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """The long table of paths (a copy)."""
        return self.paths.copy()

    def wide(self) -> pd.DataFrame:
        """Shares with one row per year and one column per scenario."""
        return self.paths.pivot(index="year", columns="scenario", values="share")[list(self.reached)]

    def status(self, scenario: str) -> str:
        """``"reached in <year>"``, ``"not reached by <end_year>"`` or ``"no target"``."""
        if self.target_share is None:
            return "no target"
        year = self.reached[scenario]
        return f"reached in {year}" if year is not None else f"not reached by {self.end_year}"

    def summary(self) -> pd.DataFrame:
        """One row per scenario: final share, year the target is reached, status text."""
        last = self.paths[self.paths["year"] == self.end_year].set_index("scenario")["share"]
        return pd.DataFrame(
            {
                "scenario": list(self.reached),
                "final_share": [float(last[name]) for name in self.reached],
                "reached_year": pd.array(list(self.reached.values()), dtype="Int64"),
                "status": [self.status(name) for name in self.reached],
            }
        )

    def plot(self, ax: Any = None) -> Any:
        """Line chart of the share paths, with the target as a dashed line; returns the Axes."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(7, 4))
        for name, share in self.wide().items():
            ax.plot(share.index, share.to_numpy(), marker="o", ms=3, label=str(name))
        if self.target_share is not None:
            ax.axhline(self.target_share, ls="--", color="grey", lw=1, label=f"target {self.target_share:g}%")
        ax.set_xlabel("year")
        ax.set_ylabel("SEI value added, % of GDP")
        ax.legend(frameon=False)
        return ax


def project_share(
    base_share: float,
    base_year: int,
    years: int,
    sei_growth: float | Sequence[float] | Mapping[str, float | Sequence[float]],
    gdp_growth: float | Sequence[float],
    target_share: float | None = None,
) -> ShareProjection:
    """Project the SEI share of GDP year by year under one or more growth scenarios.

    Parameters
    ----------
    base_share : float
        Share in ``base_year``, percent of GDP, inside (0, 100).
    base_year : int
        Year of the base share.
    years : int
        Number of years to project, from 1 to ``MAX_HORIZON_YEARS`` (200); the path ends in
        ``base_year + years``.
    sei_growth : float, sequence of float, or mapping
        Nominal SEI value-added growth, percent a year: one number for every year, one
        number per year (length ``years``), or a mapping scenario name -> either of those,
        e.g. ``{"trend": 12, "target-consistent": 14.7, "slowdown": [12, 10, 8, 6, 6, 6]}``.
    gdp_growth : float or sequence of float
        Nominal GDP growth, percent a year, shared by all scenarios.
    target_share : float, optional
        Share to watch for, percent; the result reports the first year each path reaches it.

    Returns
    -------
    ShareProjection

    Notes
    -----
    ``s[t] = s[0] * prod_{k<=t} (1 + g_sei[k]) / (1 + g_gdp[k])``. The arithmetic is
    mechanical: nothing stops a long, fast path from passing 100% (``sei project`` warns when
    it does); a path that overflows a float raises `ScenarioError`. A path reaches the
    target in the first year it is within a relative 1e-9 of it or beyond (past it in the
    direction from ``base_share`` to ``target_share``).

    Examples
    --------
    >>> p = project_share(11.5, 2019, 6, {"fast": 15, "slow": 10}, 7.5, target_share=17)
    >>> p.reached
    {'fast': 2025, 'slow': None}
    >>> p.status("slow")
    'not reached by 2025'
    >>> round(float(p.wide().loc[2020, "fast"]), 4)
    12.3023
    """
    s0 = check_share("base_share", base_share)
    year0 = check_year("base_year", base_year)
    n = check_years("years", years)
    target = None if target_share is None else check_share("target_share", target_share)
    gdp = check_growth_path("gdp_growth", gdp_growth, n)
    if isinstance(sei_growth, Mapping):
        if not sei_growth:
            raise ScenarioError("sei_growth must name at least one scenario, got {}")
        scenarios = {str(k): check_growth_path(f"sei_growth[{k!r}]", v, n) for k, v in sei_growth.items()}
    else:
        scenarios = {DEFAULT_SCENARIO: check_growth_path("sei_growth", sei_growth, n)}

    year_axis = np.arange(year0, year0 + n + 1)
    frames, reached = [], {}
    for name, growth in scenarios.items():
        with np.errstate(over="ignore"):  # an overflow is refused just below, with its cause
            share = s0 * np.concatenate([[1.0], np.cumprod((1 + growth / 100) / (1 + gdp / 100))])
        label = f"sei_growth[{name!r}]" if isinstance(sei_growth, Mapping) else "sei_growth"
        check_finite_shares(share, f"{label} {_shown(growth)} with gdp_growth {_shown(gdp)}")
        frames.append(
            pd.DataFrame(
                {
                    "scenario": name,
                    "year": year_axis,
                    "share": share,
                    "sei_growth": np.concatenate([[np.nan], growth]),
                    "gdp_growth": np.concatenate([[np.nan], gdp]),
                }
            )
        )
        hit = reached_mask(share, s0, target) if target is not None else np.zeros(len(share), bool)
        reached[name] = int(year_axis[hit.argmax()]) if hit.any() else None
    assumptions = {
        "base_share": s0,
        "base_year": year0,
        "end_year": year0 + n,
        "target_share": target,
        "gdp_growth": gdp.tolist(),
        "sei_growth": {name: g.tolist() for name, g in scenarios.items()},
        "formula": SHARE_FORMULA,
        "units": "percent; growth rates nominal",
    }
    paths = pd.concat(frames, ignore_index=True)
    return ShareProjection(paths, reached, target, year0, year0 + n, assumptions)


def _shown(rates: np.ndarray) -> str:
    """One growth rate, or the list of them, for a message (``12`` or ``[12.0, 10.0, ...]``)."""
    if len(rates) and (rates == rates[0]).all():
        return f"{rates[0]:g}"
    return str([float(r) for r in rates[:4]])[:-1] + (", ...]" if len(rates) > 4 else "]")
