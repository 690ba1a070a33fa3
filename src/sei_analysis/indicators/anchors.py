"""What the data says scenarios should start from: the latest share, and recent nominal GDP growth.

Scenario parameters may be symbols instead of numbers (``base_share: latest``,
``gdp_growth: recent``); these functions give the numbers the symbols stand for, from the
indicators table, with a sentence saying where each comes from.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from sei_analysis.errors import InputError
from sei_analysis.indicators.schema import GDP_NOMINAL_GROWTH, QUALIFIER_WORDS, SHARE

# NOTE: what `latest_share` says of a bound: a "more than" outturn is the lowest the share
# can have been, so a projection from it is a lower bound.
BOUND_NOTES = {
    "at_least": "a lower bound: the share was more than this",
    "at_most": "an upper bound: the share was less than this",
    "approx": "a rounded figure",
    "exact": "",
}


@dataclass(frozen=True)
class ShareAnchor:
    """The latest published actual of the SEI share of GDP (percent)."""

    year: int
    value: float
    qualifier: str
    source_id: str
    source_title: str
    date_published: str

    @property
    def bound(self) -> str:
        """How to read the value (``"a lower bound: ..."`` for "more than"), or empty."""
        return BOUND_NOTES[self.qualifier]

    def describe(self) -> str:
        """``"more than 13% in 2022 (Ministry of ..., 2023-07-06)"``."""
        who = self.source_title.split(":", 1)[0]
        when = f", {self.date_published}" if self.date_published else ""
        return f"{QUALIFIER_WORDS[self.qualifier]}{self.value:g}% in {self.year} ({who}{when})"


@dataclass(frozen=True)
class GdpGrowthAnchor:
    """Mean nominal GDP growth (percent a year) over the last ``len(years)`` years of one census basis."""

    value: float
    years: tuple[int, ...]
    basis: str
    rates: tuple[float, ...]

    def describe(self) -> str:
        """``"4.09% a year, the compound mean of 2024-2025 (4.18%, 3.99%; basis census5)"``."""
        rates = ", ".join(f"{r:.2f}%" for r in self.rates)
        span = f"{self.years[0]}-{self.years[-1]}" if len(self.years) > 1 else str(self.years[0])
        return f"{self.value:.2f}% a year, the compound mean of {span} ({rates}; basis {self.basis})"


def latest_share(ind: pd.DataFrame) -> ShareAnchor:
    """The latest published actual SEI share of GDP (by the end of its period).

    Raises `InputError` when the table holds no actual share.

    Examples
    --------
    >>> ind = pd.DataFrame({"indicator": ["sei_share_of_gdp"] * 3, "period": ["2019", "2022", "2023"],
    ...     "period_end": pd.to_datetime(["2019-12-31", "2022-12-31", "2023-12-31"]),
    ...     "value": [11.5, 13.0, 13.0], "qualifier": ["exact", "at_least", "approx"],
    ...     "kind": ["actual", "actual", "estimate"], "source_id": ["r"] * 3,
    ...     "source_title": ["NBS: x", "MIIT: y", "MIIT: z"], "date_published": ["", "2023-07-06", ""]})
    >>> latest_share(ind).describe()
    'more than 13% in 2022 (MIIT, 2023-07-06)'
    """
    actual = ind[(ind["indicator"] == SHARE) & (ind["kind"] == "actual") & ind["value"].notna()]
    if actual.empty:
        raise InputError(f"base_share=latest: the indicators table has no actual {SHARE} to start from")
    row = actual.sort_values(["period_end", "value"], kind="stable").iloc[-1]
    return ShareAnchor(
        year=int(pd.Timestamp(row["period_end"]).year),
        value=float(row["value"]),
        qualifier=str(row["qualifier"]),
        source_id=str(row["source_id"]),
        source_title=str(row.get("source_title", "")),
        date_published=str(row.get("date_published", "") or ""),
    )


def recent_gdp_growth(ind: pd.DataFrame, years: int = 2) -> GdpGrowthAnchor:
    """Compound mean nominal GDP growth of the last ``years`` years that share one census basis.

    Parameters
    ----------
    ind : DataFrame
        The indicators table, with its derived ``gdp_nominal_growth`` rows.
    years : int, default 2
        How many of the latest years to average (>= 1). They must be consecutive and on one
        basis (the basis of the latest computed year); a year without a value ends the run.

    Returns
    -------
    GdpGrowthAnchor
        ``value`` = ``(prod(1 + g_t / 100)) ** (1 / years) - 1``, percent a year.

    Raises
    ------
    InputError
        If the table has fewer than ``years`` such years (no GDP rows, or a basis break).

    Examples
    --------
    >>> ind = pd.DataFrame({"indicator": ["gdp_nominal_growth"] * 3, "period": ["2023", "2024", "2025"],
    ...     "value": [float("nan"), 4.178207, 3.991867], "basis": ["", "census5", "census5"]})
    >>> recent_gdp_growth(ind).describe()
    '4.08% a year, the compound mean of 2024-2025 (4.18%, 3.99%; basis census5)'
    """
    if isinstance(years, bool) or not isinstance(years, int) or years < 1:
        raise InputError(f"gdp_growth_years={years!r}: expected a whole number of years >= 1")
    rates = ind[(ind["indicator"] == GDP_NOMINAL_GROWTH) & ind["period"].astype(str).str.fullmatch(r"\d{4}")]
    by_year = {int(r.period): r for r in rates.itertuples()}
    computed = sorted(y for y, r in by_year.items() if pd.notna(r.value))
    if not computed:
        raise InputError(
            f"gdp_growth=recent: the indicators table has no {GDP_NOMINAL_GROWTH} value "
            "(no nominal GDP levels on one basis in the reference data)"
        )
    last = computed[-1]
    basis = by_year[last].basis
    run = []
    for year in range(last, last - years, -1):
        row = by_year.get(year)
        if row is None or pd.isna(row.value) or row.basis != basis:
            break
        run.append(year)
    if len(run) < years:
        raise InputError(
            f"gdp_growth=recent with gdp_growth_years={years}: only {len(run)} consecutive year(s) of "
            f"{GDP_NOMINAL_GROWTH} on basis {basis} end in {last} (the census basis breaks before "
            f"{min(run)}); use fewer years or give gdp_growth as a number"
        )
    run.reverse()
    values = tuple(float(by_year[y].value) for y in run)
    mean = (math.prod(1 + v / 100 for v in values) ** (1 / years) - 1) * 100
    return GdpGrowthAnchor(value=mean, years=tuple(run), basis=str(basis), rates=values)


def starting_point(
    ind: pd.DataFrame, base_year: int, base_share: float, gdp_growth: float, years: int = 2
) -> str:
    """Where a projection starts, in two sentences: the base share and nominal GDP growth it uses,
    against what the data give (so a reader sees a hand-typed number for what it is).

    Examples
    --------
    >>> ind = pd.DataFrame({"indicator": ["sei_share_of_gdp", "gdp_nominal_growth", "gdp_nominal_growth"],
    ...     "period": ["2022", "2024", "2025"], "period_end": pd.to_datetime(["2022-12-31"] * 3),
    ...     "value": [13.0, 4.178207, 3.991867], "qualifier": ["at_least", "exact", "exact"],
    ...     "kind": ["actual", "derived", "derived"], "source_id": ["r"] * 3,
    ...     "source_title": ["MIIT: x", "", ""], "date_published": ["2023-07-06", "", ""],
    ...     "basis": ["", "census5", "census5"]})
    >>> base, growth = starting_point(ind, 2022, 13.0, 4.08).splitlines()
    >>> base[:72], "a lower bound" in base
    ('Base: more than 13% in 2022 (MIIT, 2023-07-06), the latest published act', True)
    >>> growth[:57]
    'Nominal GDP growth: 4.08% a year, as the data give it: 4.'
    >>> starting_point(ind, 2019, 11.5, 7.5).splitlines()[1][:55]
    'Nominal GDP growth: 7.5% a year, set by hand; the data '

    """
    share = latest_share(ind)
    if (base_year, float(base_share)) == (share.year, share.value):
        base = f"Base: {share.describe()}, the latest published actual share"
        if share.qualifier == "at_least":
            base += (
                "; a lower bound: the share was more than this, so the paths and the growth they need "
                "are bounds too"
            )
        elif share.bound:
            base += f"; {share.bound}"
    else:
        base = (
            f"Base: {base_share:g}% in {base_year}, set by hand; the latest published actual is "
            f"{share.describe()}"
        )
    try:
        data = recent_gdp_growth(ind, years=years)
        same = abs(round(data.value, 2) - round(float(gdp_growth), 2)) < 0.005
        growth = (
            f"Nominal GDP growth: {gdp_growth:g}% a year, "
            + ("as the data give it: " if same else "set by hand; the data give ")
            + data.describe()
        )
    except InputError:
        growth = f"Nominal GDP growth: {gdp_growth:g}% a year, set by hand (the data give no recent rate)"
    return f"{base}.\n{growth}."
