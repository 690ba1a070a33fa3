"""A statistical trend through the observed SEI shares, projected with prediction intervals.

The observations are few and irregular (2014, 2015, 2019, 2022, ...), so the fit uses each
observation's real date as a decimal year, never its position in the list. statsmodels is
imported inside `fit_trend`. Re-exported by :mod:`sei_analysis.scenarios`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from sei_analysis.errors import ScenarioError
from sei_analysis.scenarios.inputs import check_number, check_share, check_year

__all__ = ["TrendFit", "fit_trend", "decimal_date"]

# NOTE: below this many observations the caveat says plainly that the trend is indicative.
FEW_OBSERVATIONS = 10
# NOTE: qualifiers (extract/indicators vocabulary) whose value is a bound or a rounding,
# not a measurement; the fit uses the stated value and the caveat lists them.
QUALIFIED = ("at_least", "at_most", "approx")
MODELS = ("log", "linear")


def decimal_date(date: Any) -> float:
    """Decimal year at the end of ``date``: the end of 31 December 2019 is 2020.0.

    Examples
    --------
    >>> decimal_date("2019-12-31"), decimal_date("2016-12-31"), round(decimal_date("2019-07-02"), 3)
    (2020.0, 2017.0, 2019.501)
    """
    ts = pd.Timestamp(date)
    return ts.year + ts.day_of_year / (366 if ts.is_leap_year else 365)


@dataclass(frozen=True, eq=False)
class TrendFit:
    """An OLS trend of the share on the decimal date, with its projection.

    Attributes
    ----------
    model : {"log", "linear"}
        ``log``: ln(share) = a + b t; ``linear``: share = a + b t.
    n_obs : int
    slope, slope_se : float
        Per year, in the model's units (log points or percentage points), with its
        standard error.
    annual_change : float
        ``100 (exp(b) - 1)`` percent a year (log), or ``b`` percentage points a year (linear).
    r_squared : float
    alpha : float
        Prediction intervals are ``1 - alpha``.
    observations : pandas.DataFrame
        date (period end), decimal_date, year, value, and qualifier/kind/period if given.
    projection : pandas.DataFrame
        One row per year (at its 31 December): year, decimal_date, fitted, lower, upper
        (prediction interval for a new observation), mean_lower, mean_upper.
    caveat : str
        Plain-language warnings: few observations, qualified values, back-transformation.
    """

    model: str
    n_obs: int
    slope: float
    slope_se: float
    intercept: float
    annual_change: float
    r_squared: float
    alpha: float
    observations: pd.DataFrame
    projection: pd.DataFrame
    caveat: str
    results: Any = field(default=None, repr=False)

    def to_frame(self) -> pd.DataFrame:
        """The projection with an ``observed`` column (the mean value observed in that year)."""
        observed = self.observations.groupby("year")["value"].mean().rename("observed")
        return self.projection.merge(observed, how="left", left_on="year", right_index=True)

    def summary(self) -> str:
        """A short plain-text account of the fit."""
        unit = "% a year" if self.model == "log" else "pp a year"
        level = f"{1 - self.alpha:.0%}"
        last = self.projection.iloc[-1]
        return "\n".join(
            [
                f"Trend of the SEI share ({self.model} model, OLS on the decimal date), n = {self.n_obs}",
                f"  slope {self.slope:.4f} (se {self.slope_se:.4f}) per year; "
                f"change {self.annual_change:.2f} {unit}; R^2 {self.r_squared:.3f}",
                f"  {int(last['year'])}: {last['fitted']:.2f}% "
                f"({level} prediction interval {last['lower']:.2f} to {last['upper']:.2f})",
                f"  Caveat: {self.caveat}",
            ]
        )

    def plot(self, ax: Any = None) -> Any:
        """Observations, fitted trend and prediction band against the decimal date; returns the Axes."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(7, 4))
        p = self.projection
        label = f"{1 - self.alpha:.0%} prediction interval"
        ax.fill_between(p["decimal_date"], p["lower"], p["upper"], color="C1", alpha=0.2, label=label)
        ax.plot(p["decimal_date"], p["fitted"], color="C1", label=f"{self.model} trend")
        ax.scatter(self.observations["decimal_date"], self.observations["value"], color="C0", zorder=3)
        ax.set_xlabel("decimal date at period end (2020.0 = end of 2019)")
        ax.set_ylabel("SEI value added, % of GDP")
        ax.legend(frameon=False)
        return ax


def fit_trend(
    observations: pd.DataFrame | pd.Series | Mapping[Any, float],
    until_year: int = 2025,
    alpha: float = 0.1,
    model: Literal["log", "linear"] = "log",
) -> TrendFit:
    """Fit an OLS trend through dated share observations and project it to ``until_year``.

    Parameters
    ----------
    observations : DataFrame, Series or mapping
        Shares of GDP in percent. A DataFrame needs ``value`` and a date: ``period_end``
        (preferred), ``year``, or ``period`` holding plain year codes such as ``"2019"``
        (like the indicators table filtered to ``sei_share_of_gdp`` actuals); optional
        ``qualifier`` and ``kind`` columns feed the caveat. A Series or mapping goes from
        year (or date) to value; a year stands for its 31 December.
    until_year : int, default 2025
        Last year projected; not before the first observation.
    alpha : float, default 0.1
        Intervals are ``1 - alpha`` (90% by default), 0 < alpha < 1.
    model : {"log", "linear"}, default "log"
        ``log`` fits a constant growth rate of the share; ``linear`` a constant change in
        percentage points.

    Returns
    -------
    TrendFit

    Notes
    -----
    With ``t`` the decimal date at each period's end (`decimal_date`) and ``t0`` the
    first one, OLS fits ``y = a + b (t - t0) + e`` with ``y = ln(share)`` or ``share``.
    Observations five years apart are five units apart. The prediction interval is
    ``yhat +/- t_{alpha/2, n-2} * sqrt(s^2 + se(yhat)^2)``; for the log model it is
    back-transformed with ``exp``, so ``fitted`` is the median, not the mean. Qualified
    observations ("more than 8") are used at their stated value. At least 3 observations
    on at least 2 dates are needed; with few, the interval is wide and honest about it.

    Examples
    --------
    >>> fit = fit_trend({2014: 7.6, 2015: 8.0, 2019: 11.5, 2022: 13.0}, model="linear")
    >>> fit.n_obs, round(fit.slope, 3)
    (4, 0.711)
    >>> "Only 4 observations" in fit.caveat
    True
    """
    import statsmodels.api as sm

    if model not in MODELS:
        raise ScenarioError(f"model must be one of {MODELS}, got {model!r}")
    level = check_number("alpha", alpha)
    if not 0 < level < 1:
        raise ScenarioError(f"alpha must be inside (0, 1), got {alpha!r}")
    end = check_year("until_year", until_year)
    obs = _observations_table(observations)
    n = len(obs)
    if n < 3 or obs["decimal_date"].nunique() < 2:
        raise ScenarioError(
            f"observations must hold at least 3 values on at least 2 dates to fit a trend with an "
            f"interval, got {n} on {obs['decimal_date'].nunique()} date(s)"
        )
    first_year = int(obs["year"].min())
    if end < first_year:
        raise ScenarioError(f"until_year must not be before the first observation ({first_year}), got {end}")

    t0 = float(obs["decimal_date"].min())
    y = np.log(obs["value"]) if model == "log" else obs["value"]
    results = sm.OLS(y.to_numpy(), sm.add_constant(obs["decimal_date"].to_numpy() - t0)).fit()
    years = np.arange(first_year, end + 1)
    t_new = np.array([decimal_date(dt.date(int(y), 12, 31)) for y in years])
    frame = results.get_prediction(sm.add_constant(t_new - t0, has_constant="add")).summary_frame(alpha=level)
    back = np.exp if model == "log" else (lambda v: v)
    projection = pd.DataFrame(
        {
            "year": years,
            "decimal_date": t_new,
            "fitted": back(frame["mean"].to_numpy()),
            "lower": back(frame["obs_ci_lower"].to_numpy()),
            "upper": back(frame["obs_ci_upper"].to_numpy()),
            "mean_lower": back(frame["mean_ci_lower"].to_numpy()),
            "mean_upper": back(frame["mean_ci_upper"].to_numpy()),
        }
    )
    slope, slope_se = float(results.params[1]), float(results.bse[1])
    return TrendFit(
        model=model,
        n_obs=n,
        slope=slope,
        slope_se=slope_se,
        intercept=float(results.params[0]),
        annual_change=100 * float(np.expm1(slope)) if model == "log" else slope,
        r_squared=float(results.rsquared),
        alpha=level,
        observations=obs,
        projection=projection,
        caveat=_caveat(obs, model, level),
        results=results,
    )


def _observations_table(observations: Any) -> pd.DataFrame:
    """Dated observations: date, decimal_date, year, value (+ qualifier, kind, period)."""
    if isinstance(observations, pd.DataFrame):
        frame = observations.reset_index(drop=True)
        if "value" not in frame:
            raise ScenarioError(f"observations must have a 'value' column, got columns {list(frame.columns)}")
        dates = [_date_of_row(frame, i) for i in range(len(frame))]
        extra = {c: frame[c].to_list() for c in ("qualifier", "kind", "period") if c in frame}
        values = frame["value"].to_list()
    elif isinstance(observations, pd.Series | Mapping):
        items = list(observations.items())
        dates = [_date_of_key(key) for key, _ in items]
        values = [v for _, v in items]
        extra = {}
    else:
        raise ScenarioError(
            "observations must be a DataFrame, Series or mapping year -> share, "
            f"got {type(observations).__name__}"
        )
    values = [
        check_share(f"observations value for {d.date()}", v) for d, v in zip(dates, values, strict=True)
    ]
    obs = pd.DataFrame({"date": dates, "decimal_date": [decimal_date(d) for d in dates], "value": values})
    obs.insert(2, "year", [d.year for d in dates])
    for name, column in extra.items():
        obs[name] = column
    return obs.sort_values("decimal_date", kind="stable").reset_index(drop=True)


def _date_of_key(key: Any) -> pd.Timestamp:
    if isinstance(key, int | np.integer) or (isinstance(key, str) and key.strip().isdigit()):
        return pd.Timestamp(dt.date(check_year("observations year", int(key)), 12, 31))
    try:
        return pd.Timestamp(key)
    except (TypeError, ValueError):
        raise ScenarioError(f"observations key must be a year or a date, got {key!r}") from None


def _date_of_row(frame: pd.DataFrame, i: int) -> pd.Timestamp:
    for column in ("period_end", "year", "period"):
        if column in frame and not pd.isna(frame.at[i, column]):
            value = frame.at[i, column]
            if column == "period_end":
                try:
                    return pd.Timestamp(value)
                except (TypeError, ValueError):
                    raise ScenarioError(f"period_end must be a date, got {value!r} in row {i}") from None
            if str(value).strip().isdigit():
                return _date_of_key(str(value).strip())
            raise ScenarioError(
                f"{column} must be a plain year such as '2019' when period_end is missing, "
                f"got {value!r} in row {i}"
            )
    raise ScenarioError(f"observations row {i} has no date: give period_end, year or period")


def _caveat(obs: pd.DataFrame, model: str, alpha: float) -> str:
    n = len(obs)
    notes = []
    if n < FEW_OBSERVATIONS:
        notes.append(
            f"Only {n} observations ({n - 2} residual degrees of freedom): the trend and its "
            f"{1 - alpha:.0%} interval are indicative only."
        )
    gaps = np.diff(obs["decimal_date"].to_numpy())
    if len(gaps) and not np.allclose(gaps, gaps[0]):
        notes.append("The observations are irregularly spaced; the fit uses their real dates.")
    if "qualifier" in obs:
        flagged = obs[obs["qualifier"].isin(QUALIFIED)]
        if len(flagged):
            listed = ", ".join(
                f"{q} {v:g} ({y})" for q, v, y in flagged[["qualifier", "value", "year"]].to_numpy()
            )
            notes.append(f"Qualified observations are treated at their stated value: {listed}.")
    else:
        notes.append(
            "Values are used as given: a qualified figure ('more than 8') counts at its stated value."
        )
    if "kind" in obs:
        other = sorted(set(obs["kind"].dropna()) - {"actual"})
        if other:
            notes.append(f"Not all observations are actual outturns (also: {', '.join(other)}).")
    if model == "log":
        notes.append("Fitted on the log share: the line is the median and the interval is asymmetric.")
    return " ".join(notes)
