"""The checks every scenario input goes through, shared by every scenario module.

Each returns the value in its working type or raises `ScenarioError` naming the
parameter, the value and what was expected. All figures are in percent.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from sei_analysis.errors import ScenarioError

# NOTE: a path "reaches" the target when it is within this relative distance of it, so a
# path run at exactly the required growth counts as reaching it despite float rounding.
REACH_RTOL = 1e-9
# NOTE: the longest span, in years, a projection, simulation or grid may cover. Policy
# horizons are five-year plans and 2035/2050 visions; 200 years is far beyond any of them
# and still small (a path of 201 numbers), so a typo such as target_year 100000000 is
# refused instead of allocating gigabytes.
MAX_HORIZON_YEARS = 200


def check_number(name: str, value: Any) -> float:
    """Return ``value`` as a finite float, or raise ScenarioError naming ``name``."""
    if isinstance(value, bool | str | bytes) or value is None:
        raise ScenarioError(f"{name} must be a number, got {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ScenarioError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(number):
        raise ScenarioError(f"{name} must be a finite number, got {value!r}")
    return number


def check_share(name: str, value: Any) -> float:
    """A share of GDP in percent, strictly inside (0, 100)."""
    share = check_number(name, value)
    if not 0 < share < 100:
        raise ScenarioError(f"{name} must be a share in percent inside (0, 100), got {value!r}")
    return share


def check_growth(name: str, value: Any) -> float:
    """A growth rate in percent a year, above -100."""
    growth = check_number(name, value)
    if growth <= -100:
        raise ScenarioError(f"{name} must be a growth rate in percent above -100, got {value!r}")
    return growth


def check_year(name: str, value: Any) -> int:
    """A calendar year given as a whole number."""
    year = check_number(name, value)
    if year != int(year):
        raise ScenarioError(f"{name} must be a whole year, got {value!r}")
    return int(year)


def check_span(name: str, base_year: int, end_year: int) -> int:
    """Years from ``base_year`` to ``end_year`` (named ``name``): at least 1, at most `MAX_HORIZON_YEARS`.

    Examples
    --------
    >>> check_span("target_year", 2019, 2025)
    6
    """
    years = end_year - base_year
    if years < 1:
        raise ScenarioError(f"{name} must be after base_year ({base_year}), got {end_year!r}")
    if years > MAX_HORIZON_YEARS:
        raise ScenarioError(
            f"{name} must be at most {MAX_HORIZON_YEARS} years after base_year ({base_year}), "
            f"got {end_year!r} ({years} years)"
        )
    return years


def check_years(name: str, value: Any) -> int:
    """A number of years to project: a whole number from 1 to `MAX_HORIZON_YEARS`."""
    years = check_count(name, value)
    if years > MAX_HORIZON_YEARS:
        raise ScenarioError(f"{name} must be at most {MAX_HORIZON_YEARS}, got {value!r}")
    return years


def check_finite_shares(shares: np.ndarray, what: str) -> None:
    """Refuse share paths that overflowed a float (growth so large the share passes 1e308%).

    ``what`` names the inputs responsible, e.g. ``"sei_growth 1e+308 with gdp_growth 7.5"``.
    """
    if not np.isfinite(shares).all():
        raise ScenarioError(
            f"{what}: the share path overflows (passes 1e308 percent of GDP); "
            "expected growth rates whose compounded path stays a finite number"
        )


def check_count(name: str, value: Any, minimum: int = 1) -> int:
    """A whole number of at least ``minimum`` (integers kept exact, e.g. 64-bit seeds)."""
    if isinstance(value, int | np.integer) and not isinstance(value, bool):
        count = int(value)
    else:
        number = check_number(name, value)
        count = int(number) if number == int(number) else None
    if count is None or count < minimum:
        raise ScenarioError(f"{name} must be a whole number >= {minimum}, got {value!r}")
    return count


def check_growth_path(name: str, value: Any, years: int) -> np.ndarray:
    """One growth rate per year: a number (repeated) or a sequence of ``years`` numbers."""
    if isinstance(value, pd.Series):
        value = value.to_list()
    if isinstance(value, Sequence | np.ndarray) and not isinstance(value, str | bytes):
        values = list(value)
        if len(values) != years:
            raise ScenarioError(f"{name} must give one growth rate per year ({years}), got {len(values)}")
        return np.array([check_growth(f"{name}[{i}]", v) for i, v in enumerate(values)], dtype=float)
    return np.full(years, check_growth(name, value))


def reached_mask(shares: np.ndarray, base_share: float, target_share: float) -> np.ndarray:
    """True where a share has reached the target, moving from ``base_share`` towards it."""
    if target_share >= base_share:
        return shares >= target_share * (1 - REACH_RTOL)
    return shares <= target_share * (1 + REACH_RTOL)
