"""Sensitivity of the SEI share in a target year to constant SEI and GDP growth rates.

All figures in percent (shares of GDP; nominal growth rates a year). Re-exported by
:mod:`sei_analysis.scenarios`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from sei_analysis.errors import ScenarioError
from sei_analysis.scenarios.inputs import (
    check_finite_shares,
    check_growth,
    check_share,
    check_span,
    check_year,
    reached_mask,
)

__all__ = ["SensitivityGrid", "sensitivity_grid"]


@dataclass(frozen=True, eq=False)
class SensitivityGrid:
    """Share in ``target_year`` over a grid of SEI growth x GDP growth (all percent).

    Attributes
    ----------
    table : pandas.DataFrame
        Wide: index ``sei_growth``, columns ``gdp_growth``, values share in ``target_year``.
    target_share : float or None
    base_share : float
    base_year, target_year : int
    """

    table: pd.DataFrame
    target_share: float | None
    base_share: float
    base_year: int
    target_year: int

    def to_frame(self) -> pd.DataFrame:
        """The wide table (a copy): rows SEI growth, columns GDP growth."""
        return self.table.copy()

    def long(self) -> pd.DataFrame:
        """One row per cell: sei_growth, gdp_growth, share, and reaches_target when a target is set."""
        out = self.table.stack().rename("share").reset_index()
        if self.target_share is not None:
            out["reaches_target"] = reached_mask(out["share"].to_numpy(), self.base_share, self.target_share)
        return out

    def plot(self, ax: Any = None, annotate: bool = True) -> Any:
        """Heatmap of the shares, with the target's contour when one is set; returns the Axes."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(7, 5))
        values = self.table.to_numpy()
        image = ax.imshow(values, origin="lower", aspect="auto", cmap="viridis")
        ax.set_xticks(range(values.shape[1]), [f"{v:g}" for v in self.table.columns])
        ax.set_yticks(range(values.shape[0]), [f"{v:g}" for v in self.table.index])
        ax.set_xlabel("nominal GDP growth, % a year")
        ax.set_ylabel("nominal SEI growth, % a year")
        ax.figure.colorbar(image, ax=ax, label=f"share of GDP in {self.target_year}, %")
        if self.target_share is not None and values.min() < self.target_share < values.max():
            ax.contour(values, levels=[self.target_share], colors="white", linewidths=1.5)
        if annotate and values.size <= 150:
            for (i, j), v in np.ndenumerate(values):
                ax.text(j, i, f"{v:.1f}", ha="center", va="center", fontsize=7, color="white")
        return ax


def sensitivity_grid(
    base_share: float,
    base_year: int,
    target_year: int,
    sei_growth_values: Sequence[float],
    gdp_growth_values: Sequence[float],
    target_share: float | None = None,
) -> SensitivityGrid:
    """Share in ``target_year`` for every pair of constant SEI and GDP growth rates.

    Parameters
    ----------
    base_share : float
        Share in ``base_year``, percent of GDP, inside (0, 100).
    base_year, target_year : int
        ``target_year`` must be after ``base_year``.
    sei_growth_values, gdp_growth_values : sequence of float
        Nominal growth rates to try, percent a year, each > -100.
    target_share : float, optional
        Kept for the heatmap's contour and `SensitivityGrid.long`'s ``reaches_target``.

    Returns
    -------
    SensitivityGrid

    Notes
    -----
    ``s_T = s_0 * ((1 + g_sei) / (1 + g_gdp)) ** (T - t0)`` on the outer product of the two
    grids.

    Examples
    --------
    >>> g = sensitivity_grid(11.5, 2019, 2025, [10, 15], [6, 8], target_share=17)
    >>> g.to_frame().shape
    (2, 2)
    >>> round(float(g.to_frame().loc[15, 8]), 2)
    16.76
    """
    s0 = check_share("base_share", base_share)
    year0 = check_year("base_year", base_year)
    year_t = check_year("target_year", target_year)
    check_span("target_year", year0, year_t)
    target = None if target_share is None else check_share("target_share", target_share)
    sei = _check_grid("sei_growth_values", sei_growth_values)
    gdp = _check_grid("gdp_growth_values", gdp_growth_values)
    with np.errstate(over="ignore"):  # an overflow is refused just below, with its cause
        shares = s0 * ((1 + sei[:, None] / 100) / (1 + gdp[None, :] / 100)) ** (year_t - year0)
    check_finite_shares(shares, f"sei_growth_values {sei.tolist()} with gdp_growth_values {gdp.tolist()}")
    table = pd.DataFrame(
        shares,
        index=pd.Index(sei, name="sei_growth"),
        columns=pd.Index(gdp, name="gdp_growth"),
    )
    return SensitivityGrid(table, target, s0, year0, year_t)


def _check_grid(name: str, values: Any) -> np.ndarray:
    if isinstance(values, str | bytes) or not isinstance(values, Sequence | np.ndarray | pd.Series):
        values = [values]
    values = list(values)
    if not values:
        raise ScenarioError(f"{name} must hold at least one growth rate, got []")
    return np.array([check_growth(f"{name}[{i}]", v) for i, v in enumerate(values)], dtype=float)
