"""Were the SEI share-of-GDP targets met? Interval logic on qualified figures.

Each qualified value is an interval of what it can mean (percent of GDP):

==========  ============================  ==========================================
qualifier   as an actual                  as a target (what an actual must satisfy)
==========  ============================  ==========================================
exact x     [x, x]                        v >= x
approx x    [x - tol, x + tol]            v >= x - tol
at_least x  (x, +inf)  ("more than")      v > x
at_most x   (-inf, x)  ("less than")      v <= x
==========  ============================  ==========================================

A target is *met* when every point of the actual's interval satisfies it, *missed*
when none does, and *unknown* otherwise. Only ``kind == "actual"`` counts as an
outturn, and only an outturn for the target year itself decides; a year with no
published actual is never filled in. Such a target is *due* once its year has ended by
the ``as_of`` date (the build date), and *not yet due* before.

The views charts and notebooks draw are here too: `share_observations`,
`share_targets`, `growth_comparison`, and `read_processed` for the built tables.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from sei_analysis.errors import InputError, ParameterError
from sei_analysis.indicators.schema import GAP, HITECH, INDUSTRY, QUALIFIER_WORDS, SEI_GROWTH, SHARE

TARGET_COLUMNS = [
    "target_period",
    "target_value",
    "target_qualifier",
    "target_source_id",
    "target_source_title",
    "actual_period",
    "actual_value",
    "actual_qualifier",
    "actual_source_id",
    "actual_is_target_year",
    "shortfall_pp",
    "status",
    "as_of",
    "latest_statement",
    "note",
]
# NOTE: the verdicts, in words a reader sees in the table and the briefing.
STATUSES = ("met", "missed", "unknown", "due", "not yet due")
VIEW_COLUMNS = [
    "period",
    "period_start",
    "period_end",
    "value",
    "qualifier",
    "kind",
    "source_id",
    "source_title",
    "confidence",
    "note",
]


@dataclass(frozen=True)
class Interval:
    """The set of values a qualified figure allows; open ends exclude the bound."""

    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False

    @classmethod
    def of_actual(cls, value: float, qualifier: str, tol: float) -> Interval:
        """The interval an actual stated as ``qualifier value`` covers."""
        return {
            "exact": cls(value, value),
            "approx": cls(value - tol, value + tol),
            "at_least": cls(value, math.inf, lo_open=True),
            "at_most": cls(-math.inf, value, hi_open=True),
        }[qualifier]


def target_requirement(value: float, qualifier: str, tol: float) -> tuple[str, float, bool]:
    """What an actual must satisfy: (``"floor"`` or ``"ceiling"``, threshold, strict).

    Examples
    --------
    >>> target_requirement(8, "approx", 0.5), target_requirement(17, "at_least", 0.5)
    (('floor', 7.5, False), ('floor', 17, True))
    """
    return {
        "exact": ("floor", value, False),
        "approx": ("floor", value - tol, False),
        "at_least": ("floor", value, True),
        "at_most": ("ceiling", value, False),
    }[qualifier]


def assess(actual: Interval, side: str, threshold: float, strict: bool) -> str:
    """``met`` if all of ``actual`` satisfies the requirement, ``missed`` if none does, else ``unknown``.

    Examples
    --------
    >>> assess(Interval(8, math.inf, lo_open=True), "floor", 7.5, False)
    'met'
    >>> assess(Interval(7, math.inf, lo_open=True), "floor", 7.5, False)
    'unknown'
    >>> assess(Interval(17, 17), "floor", 17, True)
    'missed'
    """
    if side == "ceiling":
        mirrored = Interval(-actual.hi, -actual.lo, actual.hi_open, actual.lo_open)
        return assess(mirrored, "floor", -threshold, strict)
    all_ok = actual.lo > threshold or (actual.lo == threshold and (not strict or actual.lo_open))
    some_ok = actual.hi > threshold or (actual.hi == threshold and not strict and not actual.hi_open)
    return "met" if all_ok else ("unknown" if some_ok else "missed")


def _describe(row) -> str:
    return f"{row.period} {row.qualifier} {row.value:g} ({row.kind}, {row.source_id})"


# NOTE: what counts as a statement of the share for `latest_statement`: an outturn or an
# estimate (a minister's "about 13%"), preferring an outturn for the same period.
STATEMENT_KINDS = ("actual", "estimate")


def _statement(row) -> str:
    """``"about 13 for 2023 (estimate, MIIT ..., 2024-07-05)"``: a share statement in words."""
    when = getattr(row, "date_published", "") or "undated"
    title = str(getattr(row, "source_title", "") or row.source_id).split(":", 1)[0]
    return f"{QUALIFIER_WORDS[row.qualifier]}{row.value:g} for {row.period} ({row.kind}, {title}, {when})"


def build_date() -> dt.date:
    """The date the tables are built as of: ``SOURCE_DATE_EPOCH`` if set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise ParameterError(f"SOURCE_DATE_EPOCH={epoch!r}: expected whole seconds since 1970") from None
    return dt.date.today()


def _attain(target, shares: pd.DataFrame, tol: float, as_of: dt.date) -> dict:
    year_end = target.period_end
    actuals = shares[(shares["kind"] == "actual") & (shares["period_end"] <= year_end)]
    others = shares[
        (shares["kind"].isin(["estimate", "forecast", "derived"])) & (shares["period_end"] <= year_end)
    ]
    out = {
        "target_period": target.period,
        "target_value": target.value,
        "target_qualifier": target.qualifier,
        "target_source_id": target.source_id,
        "target_source_title": target.source_title,
        "as_of": as_of.isoformat(),
    }
    notes = []
    year_over = pd.Timestamp(year_end).date() < as_of
    stated = shares[shares["kind"].isin(STATEMENT_KINDS) & (shares["period_end"] <= year_end)]
    if len(stated):
        rank = stated["kind"].map({k: -i for i, k in enumerate(STATEMENT_KINDS)})
        out["latest_statement"] = _statement(
            stated.assign(_r=rank).sort_values(["period_end", "_r"]).iloc[-1]
        )
    if actuals.empty:
        out.update(status="due" if year_over else "not yet due", actual_is_target_year=False)
        out["shortfall_pp"] = math.nan
        notes.append(f"no published actual at or before {target.period}")
    else:
        latest = actuals[actuals["period_end"] == actuals["period_end"].max()]
        first = latest.iloc[0]
        in_year = bool(first["period"] == target.period)
        out.update(
            actual_period=first["period"],
            actual_value=first["value"],
            actual_qualifier=first["qualifier"],
            actual_source_id="; ".join(latest["source_id"]),
            actual_is_target_year=in_year,
            shortfall_pp=round(target.value - first["value"], 6),
        )
        side, threshold, strict = target_requirement(target.value, target.qualifier, tol)
        verdicts = {
            assess(Interval.of_actual(a.value, a.qualifier, tol), side, threshold, strict)
            for a in latest.itertuples()
        }
        rule = (
            f"{target.qualifier} {target.value:g} needs {'>' if strict else '>='} {threshold:g}"
            if side == "floor"
            else f"{target.qualifier} {target.value:g} needs <= {threshold:g}"
        )
        if not in_year:
            out["status"] = "due" if year_over else "not yet due"
            when = f"due {target.period}, no outturn published as of {as_of.isoformat()}"
            notes.append(
                (when if year_over else f"not yet due ({target.period})")
                + f"; the latest actual before it is {first['period']} {first['qualifier']} "
                f"{first['value']:g}: not filled in"
            )
        elif len(verdicts) > 1:
            out["status"] = "unknown"
            notes.append(
                f"the published actuals for {target.period} disagree ({', '.join(sorted(verdicts))})"
            )
        else:
            out["status"] = verdicts.pop()
            notes.append(
                f"actual {first['qualifier']} {first['value']:g} against target {rule} "
                f"(approx tolerance {tol:g} pp): {out['status']}"
            )
        if first["qualifier"] == "at_least":
            notes.append(
                f"actual is more than {first['value']:g}, "
                f"so the shortfall is at most {out['shortfall_pp']:g} pp"
            )
        elif first["qualifier"] != "exact":
            notes.append(f"shortfall uses the stated {first['qualifier']} value {first['value']:g}")
    if not others.empty:
        notes.append(
            "not counted as actuals (not outturns): " + "; ".join(_describe(o) for o in others.itertuples())
        )
    out["note"] = ". ".join(notes)
    return out


def target_attainment(
    indicators: pd.DataFrame, approx_tolerance: float = 0.5, as_of: dt.date | str | None = None
) -> pd.DataFrame:
    """For each share-of-GDP target, the latest actual at or before it and whether it was met.

    Parameters
    ----------
    indicators : DataFrame
        `build_indicators` output.
    approx_tolerance : float, default 0.5
        Percentage points: an "about x" target is met by an actual >= x - tolerance, and
        an "about x" actual covers [x - tolerance, x + tolerance].
    as_of : date or ISO string, optional
        The date the verdicts hold on; defaults to `build_date` (today, or
        ``SOURCE_DATE_EPOCH``). A target year that has ended by then with no outturn is ``due``.

    Returns
    -------
    DataFrame
        `TARGET_COLUMNS`, one row per target row (two targets for one year, e.g. the 2010
        decision's "about 15%" and the 2016 plan's "15%" for 2020, stay two rows: they
        are separate commitments with their own qualifier and source).
        ``shortfall_pp`` = target value - latest actual value (percentage points; > 0
        means below the target). ``status`` is one of `STATUSES`: ``met``, ``missed`` or
        ``unknown`` (the actual's interval straddles the target, or actuals disagree) when
        the target year has a published actual; otherwise ``due`` (its year has ended by
        ``as_of``) or ``not yet due``. ``latest_statement`` is the newest share statement of
        any kind (actual or estimate), in words; ``as_of`` the date, ISO.

    Raises
    ------
    ParameterError
        If ``approx_tolerance`` is negative or not a finite number.

    Examples
    --------
    >>> ind = pd.DataFrame({"indicator": ["sei_share_of_gdp"] * 2, "period": ["2015"] * 2,
    ...     "period_end": pd.to_datetime(["2015-12-31"] * 2), "value": [8.0, 8.0],
    ...     "qualifier": ["at_least", "approx"], "kind": ["actual", "target"],
    ...     "source_id": ["a", "b"], "source_title": ["A", "B"]})
    >>> out = target_attainment(ind, as_of="2026-12-01")
    >>> out[["target_period", "actual_value", "shortfall_pp", "status"]]
      target_period  actual_value  shortfall_pp status
    0          2015           8.0           0.0    met
    """
    tol = approx_tolerance
    if isinstance(tol, bool) or not isinstance(tol, int | float) or not math.isfinite(tol) or tol < 0:
        raise ParameterError(f"approx_tolerance={tol!r}: expected a finite number >= 0 (percentage points)")
    if as_of is None:
        as_of = build_date()
    elif isinstance(as_of, str):
        try:
            as_of = dt.date.fromisoformat(as_of)
        except ValueError:
            raise ParameterError(f"as_of={as_of!r}: expected an ISO date such as 2026-12-01") from None
    shares = indicators[indicators["indicator"] == SHARE]
    targets = shares[shares["kind"] == "target"].sort_values(["period_end", "value", "qualifier"])
    rows = [_attain(t, shares, float(tol), as_of) for t in targets.itertuples()]
    return pd.DataFrame(rows, columns=TARGET_COLUMNS).reset_index(drop=True)


def _share_view(ind: pd.DataFrame, targets: bool) -> pd.DataFrame:
    shares = ind[(ind["indicator"] == SHARE) & ((ind["kind"] == "target") == targets)]
    out = shares.sort_values(["period_start", "period_end", "kind", "value"])[VIEW_COLUMNS]
    return out.assign(year=out["period_end"].dt.year).reset_index(drop=True)


def share_observations(ind: pd.DataFrame) -> pd.DataFrame:
    """SEI share of GDP (percent), every kind except targets: actual, estimate, forecast, derived.

    Plot ``kind`` distinctly: an estimate or forecast is not an outturn. Years with no
    published figure (2020, 2021, 2023, 2024) are absent, not filled in.
    """
    return _share_view(ind, targets=False)


def share_targets(ind: pd.DataFrame) -> pd.DataFrame:
    """SEI share-of-GDP targets (percent), one row per stated target, with ``year``."""
    return _share_view(ind, targets=True)


def _pick(ind: pd.DataFrame, indicator: str, kinds: tuple[str, ...], name: str) -> pd.DataFrame:
    """First value per period of one indicator, preferring kinds in the order given."""
    sub = ind[(ind["indicator"] == indicator) & ind["kind"].isin(kinds)]
    sub = sub.assign(_rank=sub["kind"].map({k: i for i, k in enumerate(kinds)})).sort_values(
        ["period", "_rank"]
    )
    sub = sub.drop_duplicates("period")
    return sub[["period", "period_start", "period_end", "value", "kind"]].rename(
        columns={"value": name, "kind": f"{name}_kind"}
    )


def growth_comparison(ind: pd.DataFrame) -> pd.DataFrame:
    """SEI vs all-industry growth side by side, with the gap, and high-tech manufacturing apart.

    Returns
    -------
    DataFrame
        period, period_start, period_end, sei, industry (percent), industry_kind
        (actual|derived), gap_pp (percentage points), gap_source (``published`` when a gap
        was stated, else ``derived``, else missing) and hitech: high-tech manufacturing
        growth (percent, actual), a different and narrower series than SEI, kept in its own
        column so it is never read as SEI growth. Every period where any of them is known;
        unknowns stay NaN (SEI growth is not published after 2020H1).
    """
    keys = ["period", "period_start", "period_end"]
    sei = _pick(ind, SEI_GROWTH, ("actual",), "sei")
    industry = _pick(ind, INDUSTRY, ("actual", "derived"), "industry")
    gap = _pick(ind, GAP, ("actual", "derived"), "gap_pp")
    hitech = _pick(ind, HITECH, ("actual",), "hitech").drop(columns="hitech_kind")
    out = sei.merge(industry, on=keys, how="outer").merge(gap, on=keys, how="outer")
    out = out.merge(hitech, on=keys, how="outer")
    source = out["gap_pp_kind"].map({"actual": "published", "derived": "derived"})
    out = out.assign(gap_source=source).sort_values(["period_start", "period_end"])
    cols = [*keys, "sei", "industry", "industry_kind", "gap_pp", "gap_source", "hitech"]
    return out[cols].reset_index(drop=True)


def read_processed(name: str, processed_dir: Path | None = None) -> pd.DataFrame:
    """Read ``data/processed/<name>.parquet`` (or ``.csv`` when there is no Parquet) for a notebook.

    Raises `InputError` naming the table when neither file exists (run ``sei build`` first).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> pd.DataFrame({"check": ["x"], "status": ["pass"]}).to_csv(folder / "checks.csv", index=False)
    >>> read_processed("checks", folder)["status"].tolist()
    ['pass']
    """
    from sei_analysis import config

    folder = Path(processed_dir or config.PROCESSED_DATA_DIR)
    parquet, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
    if parquet.is_file():
        return pd.read_parquet(parquet)
    if csv.is_file():
        return pd.read_csv(csv, dtype={"period": str, "target_period": str, "actual_period": str})
    raise InputError(f"processed table {name!r}: neither {parquet} nor {csv} exists; run `sei build` first")
