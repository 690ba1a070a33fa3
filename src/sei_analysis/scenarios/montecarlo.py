"""Monte Carlo fan of the SEI share of GDP under uncertain nominal SEI growth.

Each year's SEI growth is drawn independently from a normal distribution; GDP growth is
held at the path the user gives. All figures are in percent. Vectorised over paths: the
work is one array of shape (years, paths), a cumulative product along the years, and
quantiles across the paths, with no Python loop over paths. Re-exported by
:mod:`sei_analysis.scenarios`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from sei_analysis.errors import ScenarioError
from sei_analysis.scenarios.inputs import (
    check_count,
    check_finite_shares,
    check_growth,
    check_growth_path,
    check_number,
    check_share,
    check_span,
    check_year,
    reached_mask,
)

__all__ = ["GrowthAssumptions", "SimulationResult", "growth_assumptions_from_history", "simulate"]

# NOTE: the fan's bands, in percent; 5-95 and 25-75 are the usual fan-chart shading.
DEFAULT_QUANTILES = (5, 25, 50, 75, 95)
# NOTE: normal draws can fall below -100% growth, which would make the share negative; a
# draw below this floor (percent) is set to it. With realistic sd it never binds.
GROWTH_FLOOR = -99.9


class GrowthAssumptions(NamedTuple):
    """Mean and standard deviation of nominal SEI growth, percent a year."""

    mean: float
    sd: float


def growth_assumptions_from_history(
    gaps: Sequence[float] | pd.Series, gdp_growth: float
) -> GrowthAssumptions:
    """Turn a history of growth gaps into the mean and sd of SEI growth for `simulate`.

    Parameters
    ----------
    gaps : sequence of float or pandas.Series
        Observed gaps, percentage points: SEI growth minus the benchmark's growth
        (e.g. SEI industrial value added vs all industry above designated size). At
        least two values, none NaN.
    gdp_growth : float
        Nominal GDP growth assumed for the projection, percent a year.

    Returns
    -------
    GrowthAssumptions
        ``(mean, sd)`` of nominal SEI growth, percent a year; unpacks as a tuple.

    Notes
    -----
    ``mean = gdp_growth + mean(gaps)`` and ``sd = std(gaps, ddof=1)``. This assumes:

    - the historical gap carries over to nominal SEI value added vs nominal GDP, although
      the published gaps are usually real, industrial growth rates;
    - one gap per year, independent and normal. Quarterly, half-year and cumulative
      figures overlap and are not independent, so their sd understates the annual spread.

    Examples
    --------
    >>> mean, sd = growth_assumptions_from_history([5.0, 3.9, 4.4, 2.0, 2.8], gdp_growth=7.5)
    >>> round(mean, 2), round(sd, 3)
    (11.12, 1.213)
    """
    values = gaps.to_list() if isinstance(gaps, pd.Series) else list(gaps)
    if len(values) < 2:
        raise ScenarioError(f"gaps must hold at least 2 observations, got {len(values)}")
    array = np.array([check_number(f"gaps[{i}]", v) for i, v in enumerate(values)])
    base = check_growth("gdp_growth", gdp_growth)
    return GrowthAssumptions(round(base + float(array.mean()), 12), float(array.std(ddof=1)))


@dataclass(frozen=True, eq=False)
class SimulationResult:
    """Quantile bands, the chance of reaching the target, and when it is first reached.

    Attributes
    ----------
    bands : pandas.DataFrame
        One row per year from the base year to the horizon: ``year``, ``mean`` and one
        column per quantile (``q5``, ``q25``, ``q50``, ``q75``, ``q95``), shares in percent.
    prob_reached : float
        Share of paths that reach the target in some year up to ``target_year``.
    prob_at_target_year : float
        Share of paths at or beyond the target in ``target_year`` itself (a path can
        reach the target and fall back).
    first_reached : pandas.DataFrame
        Distribution of the first year the target is reached: ``year`` (nullable),
        ``outcome`` (the year, or ``"not reached by <horizon>"``), ``paths``,
        ``probability`` and ``cumulative_probability``.
    target_share : float
    target_year, horizon : int
    n_paths : int
    assumptions : dict
        Inputs, the seed actually used and the model.
    """

    bands: pd.DataFrame
    prob_reached: float
    prob_at_target_year: float
    first_reached: pd.DataFrame
    target_share: float
    target_year: int
    horizon: int
    n_paths: int
    assumptions: dict[str, Any] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """The quantile bands (a copy)."""
        return self.bands.copy()

    def plot(self, ax: Any = None) -> Any:
        """Fan chart: 5-95 and 25-75 bands, the median, and the target; returns the Axes."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(7, 4))
        b = self.bands
        qs = [c for c in b.columns if c.startswith("q")]
        outer, inner = (qs[0], qs[-1]), (qs[1], qs[-2]) if len(qs) >= 4 else (None, None)
        ax.fill_between(b["year"], b[outer[0]], b[outer[1]], alpha=0.2, color="C0", label="-".join(outer))
        if inner[0] is not None:
            ax.fill_between(
                b["year"], b[inner[0]], b[inner[1]], alpha=0.35, color="C0", label="-".join(inner)
            )
        if "q50" in b:
            ax.plot(b["year"], b["q50"], color="C0", label="median")
        ax.axhline(self.target_share, ls="--", color="grey", lw=1, label=f"target {self.target_share:g}%")
        ax.axvline(self.target_year, ls=":", color="grey", lw=1)
        ax.set_title(f"P(target reached by {self.target_year}) = {self.prob_reached:.0%}", fontsize=10)
        ax.set_xlabel("year")
        ax.set_ylabel("SEI value added, % of GDP")
        ax.legend(frameon=False)
        return ax


def simulate(
    base_share: float,
    base_year: int,
    target_year: int,
    target_share: float,
    gdp_growth: float | Sequence[float],
    sei_growth_mean: float | Sequence[float],
    sei_growth_sd: float,
    n_paths: int = 10_000,
    seed: int | None = None,
    horizon: int | None = None,
    quantiles: Sequence[float] = DEFAULT_QUANTILES,
    dtype: str | np.dtype = "float64",
) -> SimulationResult:
    """Simulate share paths with uncertain SEI growth and summarise them as a fan.

    Parameters
    ----------
    base_share : float
        Share in ``base_year``, percent of GDP, inside (0, 100).
    base_year, target_year : int
        ``target_year`` must be after ``base_year``.
    target_share : float
        Target share, percent of GDP, inside (0, 100).
    gdp_growth : float or sequence of float
        Nominal GDP growth, percent a year (one number, or one per simulated year), fixed.
    sei_growth_mean : float or sequence of float
        Mean nominal SEI growth, percent a year (one number, or one per simulated year).
        See `growth_assumptions_from_history` to take it from history.
    sei_growth_sd : float
        Standard deviation of each year's SEI growth, percentage points, >= 0.
    n_paths : int, default 10_000
        Number of simulated paths, >= 1.
    seed : int, optional
        Seed for ``numpy.random.default_rng``; the same seed gives identical results. When
        None a fresh seed is drawn and recorded in ``assumptions["seed"]``.
    horizon : int, optional
        Last year simulated (default ``target_year``); must not be before ``target_year``.
    quantiles : sequence of float
        Percentiles for the bands, inside [0, 100].
    dtype : {"float64", "float32"}
        Precision of the working array; float32 halves memory and is a little faster.

    Returns
    -------
    SimulationResult

    Notes
    -----
    For year ``t`` and path ``i``, ``g[t, i] ~ Normal(mean[t], sd)`` independently (floored
    at -99.9%), and ``s[t, i] = s0 * prod_{k<=t} (1 + g[k, i]/100) / (1 + g_gdp[k]/100)``,
    computed as an in-place cumulative product over an array of shape (years, paths):
    1,000,000 paths x 10 years take 80 MB in float64. The first year each path reaches the
    target is read off before each year's row is sorted in place for the quantiles
    (numpy's "linear" interpolation). With ``sei_growth_sd = 0`` every path
    equals `project_share`'s.

    Examples
    --------
    >>> r = simulate(11.5, 2019, 2025, 17, 7.5, 14.7357, 2.0, n_paths=2_000, seed=1)
    >>> round(float(r.bands.loc[r.bands.year == 2025, "q50"].iloc[0]), 1)
    17.0
    >>> 0.3 < r.prob_at_target_year < 0.7
    True
    """
    s0 = check_share("base_share", base_share)
    year0 = check_year("base_year", base_year)
    year_t = check_year("target_year", target_year)
    check_span("target_year", year0, year_t)
    target = check_share("target_share", target_share)
    end = year_t if horizon is None else check_year("horizon", horizon)
    if end < year_t:
        raise ScenarioError(f"horizon must not be before target_year ({year_t}), got {horizon!r}")
    n_years = check_span("horizon", year0, end)
    gdp = check_growth_path("gdp_growth", gdp_growth, n_years)
    mean = check_growth_path("sei_growth_mean", sei_growth_mean, n_years)
    sd = check_number("sei_growth_sd", sei_growth_sd)
    if sd < 0:
        raise ScenarioError(f"sei_growth_sd must be >= 0, got {sei_growth_sd!r}")
    n = check_count("n_paths", n_paths)
    qs = np.array([check_number(f"quantiles[{i}]", q) for i, q in enumerate(quantiles)])
    if qs.size == 0 or (qs < 0).any() or (qs > 100).any():
        raise ScenarioError(f"quantiles must be percentiles inside [0, 100], got {list(quantiles)!r}")
    if dtype not in ("float64", "float32", np.float64, np.float32):
        raise ScenarioError(f"dtype must be 'float64' or 'float32', got {dtype!r}")
    if seed is None:
        seed = int(np.random.SeedSequence().generate_state(1)[0])
    seed = check_count("seed", seed, minimum=0)

    with np.errstate(over="ignore"):  # an overflow is refused just below, with its cause
        shares = _simulate_shares(s0, gdp, mean, sd, n, np.random.default_rng(seed), np.dtype(dtype))
    # NOTE: every yearly factor is > 0, so a path that overflowed is still inf in the last row.
    check_finite_shares(shares[-1], f"sei_growth_mean {sei_growth_mean!r} with gdp_growth {gdp_growth!r}")
    first_counts = _first_reached_counts(shares, s0, target)  # paths per year, base year first
    # From here on only per-year statistics are needed, so sort each year's row in place:
    # the quantiles become lookups, and sorting (SIMD) beats a multi-point partition.
    shares.sort(axis=1)
    years = np.arange(year0, end + 1)
    bands = pd.DataFrame({"year": years, "mean": np.concatenate([[s0], shares.mean(axis=1, dtype=float)])})
    for q, row in zip(qs, _sorted_quantiles(shares, qs / 100), strict=True):
        bands[f"q{q:g}"] = np.concatenate([[s0], row])

    k_t = year_t - year0
    prob_reached = float(first_counts[: k_t + 1].sum() / n)
    prob_at_t = float(np.count_nonzero(reached_mask(shares[k_t - 1], s0, target)) / n)
    assumptions = {
        "base_share": s0,
        "base_year": year0,
        "target_share": target,
        "target_year": year_t,
        "horizon": end,
        "gdp_growth": gdp.tolist(),
        "sei_growth_mean": mean.tolist(),
        "sei_growth_sd": sd,
        "n_paths": n,
        "seed": seed,
        "dtype": np.dtype(dtype).name,
        "model": "g_sei[t] ~ Normal(mean[t], sd) i.i.d. (floored at -99.9%); GDP growth fixed; "
        "s[t] = s[t-1] * (1 + g_sei[t]/100) / (1 + g_gdp[t]/100)",
    }
    return SimulationResult(
        bands=bands,
        prob_reached=prob_reached,
        prob_at_target_year=prob_at_t,
        first_reached=_first_reached_table(first_counts, year0, end, n),
        target_share=target,
        target_year=year_t,
        horizon=end,
        n_paths=n,
        assumptions=assumptions,
    )


def _simulate_shares(
    s0: float,
    gdp: np.ndarray,
    mean: np.ndarray,
    sd: float,
    n: int,
    rng: np.random.Generator,
    dtype: np.dtype,
) -> np.ndarray:
    """Shares for years 1..T (rows) and paths (columns), built in place in one array."""
    denominator = 1 + gdp / 100
    level = ((1 + mean / 100) / denominator).astype(dtype)[:, None]  # ratio at the mean
    scale = dtype.type(sd / 100) / denominator.astype(dtype)[:, None]
    floor = ((1 + GROWTH_FLOOR / 100) / denominator).astype(dtype)[:, None]
    x = rng.standard_normal(size=(len(gdp), n), dtype=dtype)
    x *= scale
    x += level  # x = (1 + g_sei/100) / (1 + g_gdp/100), one draw per year and path
    if sd > 0:
        np.maximum(x, floor, out=x)
    x[0] *= dtype.type(s0)  # the cumulative product carries s0 into every year
    for k in range(1, len(x)):  # cumulative product over years, row by row (faster than np.cumprod)
        np.multiply(x[k - 1], x[k], out=x[k])
    return x


def _first_reached_counts(shares: np.ndarray, s0: float, target: float) -> np.ndarray:
    """Paths first reaching the target in each year (base year first); paths intact, unsorted."""
    n_years, n = shares.shape
    counts = np.zeros(n_years + 1, dtype=np.int64)
    if reached_mask(np.array([s0]), s0, target)[0]:
        counts[0] = n
        return counts
    ever = np.zeros(n, dtype=bool)
    before = 0
    for k, row in enumerate(shares, start=1):  # a loop over years; paths are vectorised
        np.logical_or(ever, reached_mask(row, s0, target), out=ever)
        now = int(np.count_nonzero(ever))
        counts[k], before = now - before, now
    return counts


def _sorted_quantiles(rows: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """Quantiles (one row per prob) of each already sorted row, numpy's "linear" method."""
    n = rows.shape[1]
    pos = probs * (n - 1)
    lo = np.floor(pos).astype(np.int64)
    hi = np.minimum(lo + 1, n - 1)
    low, high = rows[:, lo].astype(float), rows[:, hi].astype(float)
    return (low + (high - low) * (pos - lo)).T


def _first_reached_table(counts: np.ndarray, year0: int, end: int, n: int) -> pd.DataFrame:
    years = pd.array([*range(year0, end + 1), None], dtype="Int64")
    paths = np.append(counts, n - counts.sum())
    table = pd.DataFrame(
        {
            "year": years,
            "outcome": [*(str(y) for y in range(year0, end + 1)), f"not reached by {end}"],
            "paths": paths,
            "probability": paths / n,
        }
    )
    table["cumulative_probability"] = table["probability"].cumsum()
    return table
