"""Derived rows of the indicators table: arithmetic on published figures, formula in ``note``.

- ``industry_va_growth`` implied by a published gap: SEI growth - gap;
- ``sei_industry_growth_gap_pp``: SEI growth - industry growth, where both are published;
- ``gdp_nominal_growth``: the latest level of a year over the latest level of the year before,
  only when both rest on the same census ``basis``; where the basis breaks there is a row
  without a value whose note says why;
- ``sei_value_added``: the SEI share of GDP times nominal GDP (trillion yuan), naming the
  vintage used.

Every derived row has kind ``derived``, at most ``medium`` confidence, and the ids of all
its inputs' sources.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from sei_analysis.indicators.schema import (
    BASE_COLUMNS,
    CONFIDENCES,
    GAP,
    GDP_NOMINAL,
    GDP_NOMINAL_GROWTH,
    INDUSTRY,
    NO_VALUE_NOTE,
    SEI_GROWTH,
    SEI_VALUE_ADDED,
    SERIES_UNITS,
    SHARE,
    VINTAGES,
    indicator_row,
)

# NOTE: derived values are rounded to 6 decimals to drop float noise (10.8 - 6.9 = 3.9000000000000004).
DERIVED_DECIMALS = 6
# NOTE: the reference README: arithmetic on published figures is at most "medium" confidence.
DERIVED_CONFIDENCE_CAP = "medium"
# NOTE: only outturns are multiplied into value added: an estimate or forecast of the share
# would give an estimate of value added, which the table would then show as derived.
VALUE_ADDED_SHARE_KINDS = ("actual",)


def _join_unique(values: Iterable[object], sep: str) -> str:
    return sep.join(dict.fromkeys(v for v in values if isinstance(v, str) and v))


def _cap(*confidences: str) -> str:
    order = {c: i for i, c in enumerate(CONFIDENCES)}
    return min([*confidences, DERIVED_CONFIDENCE_CAP], key=order.__getitem__)


def _derived(indicator: str, period: str, value: float, inputs: list, formula: str, **fields) -> dict:
    """A derived row from its input rows (named tuples): sources joined, confidence capped."""
    sources = _join_unique("; ".join(str(r.source_id) for r in inputs).split("; "), "; ")
    names = " and ".join(dict.fromkeys(f"{r.indicator} {r.period}" for r in inputs))
    return indicator_row(
        indicator=indicator,
        period=period,
        value=value if pd.isna(value) else round(float(value), DERIVED_DECIMALS),
        unit=SERIES_UNITS[indicator],
        qualifier=fields.pop("qualifier", "exact"),
        kind="derived",
        source_id=sources,
        source_title=f"derived from {names}",
        confidence=_cap(*(r.confidence for r in inputs)),
        note=formula,
        **fields,
    )


def _difference(indicator: str, a, b) -> dict:
    """``indicator = a - b`` for two rows of the same period."""
    value = round(a.value - b.value, DERIVED_DECIMALS)
    formula = (
        f"derived: {indicator} {a.period} = {a.indicator} - {b.indicator} = "
        f"{_num(a.value)} - {_num(b.value)} = {_num(value)}"
    )
    return _derived(indicator, a.period, value, [a, b], formula)


def _pairs(left: pd.DataFrame, right: pd.DataFrame):
    """Every (left row, right row) of the same period, as named tuples."""
    for a in left.itertuples():
        for b in right[right["period"] == a.period].itertuples():
            yield a, b


def growth_gap_rows(ind: pd.DataFrame) -> list[dict]:
    """Implied all-industry growth (SEI - published gap) and derived gaps (SEI - industry).

    Only *actual* inputs are used, so a gap is never derived back from itself; a period whose
    implied industry growth the reference already holds as a derived row keeps that row.
    """
    actual = ind[ind["kind"] == "actual"]
    sei, industry, gap = (actual[actual["indicator"] == name] for name in (SEI_GROWTH, INDUSTRY, GAP))
    ref_derived = set(ind.loc[(ind["kind"] == "derived") & (ind["indicator"] == INDUSTRY), "period"])
    rows = [_difference(INDUSTRY, s, g) for s, g in _pairs(sei, gap) if s.period not in ref_derived]
    rows += [_difference(GAP, s, i) for s, i in _pairs(sei, industry)]
    return rows


def latest_gdp_levels(ind: pd.DataFrame) -> pd.DataFrame:
    """The latest vintage of each year's nominal GDP level (one row per year, by `VINTAGES` order).

    Where two rows share the latest vintage (a level quoted by two sources merges into one
    row, so this happens only with conflicting statements), the first in table order is used.
    """
    levels = ind[(ind["indicator"] == GDP_NOMINAL) & ind["value"].notna()]
    rank = levels["vintage"].map({v: i for i, v in enumerate(VINTAGES)}).fillna(-1)
    ordered = levels.assign(_rank=rank).sort_values(["period", "_rank"], kind="stable")
    return ordered.drop_duplicates("period", keep="last").drop(columns="_rank").reset_index(drop=True)


def _num(value: float) -> str:
    """A published figure as it was stated: every digit, no float noise (120.4724, 8)."""
    return f"{value:.10g}"


def _level(row) -> str:
    return f"{_num(row.value)} ({row.vintage}, {row.basis})"


def gdp_growth_rows(ind: pd.DataFrame) -> list[dict]:
    """Nominal GDP growth for each year whose previous year has a level.

    Uses the latest vintage of each year's level. A rate is computed only when both levels rest
    on the same census basis; otherwise the row has no value and its note says why.

    Examples
    --------
    >>> ind = pd.DataFrame({"indicator": ["gdp_nominal"] * 3, "period": ["2022", "2023", "2024"],
    ...     "value": [120.4724, 129.4, 134.8066], "vintage": ["final", "census_revision", "final"],
    ...     "basis": ["census4", "census5", "census5"], "source_id": ["r"] * 3, "confidence": ["high"] * 3})
    >>> [(r["period"], r["value"]) for r in gdp_growth_rows(ind)]
    [('2023', nan), ('2024', 4.178207)]
    """
    levels = {r.period: r for r in latest_gdp_levels(ind).itertuples()}
    rows = []
    for period, a in levels.items():
        b = levels.get(str(int(period) - 1)) if str(period).isdigit() else None
        if b is None:
            continue
        if a.basis == b.basis:
            value = (a.value / b.value - 1) * 100
            formula = (
                f"derived: {GDP_NOMINAL_GROWTH} {period} = {GDP_NOMINAL} {period} / {GDP_NOMINAL} "
                f"{b.period} - 1 = {_level(a)} / {_level(b)} - 1 = {value:.2f}% "
                f"(latest vintage of each, same basis {a.basis})"
            )
            rows.append(_derived(GDP_NOMINAL_GROWTH, str(period), value, [a, b], formula, basis=a.basis,
                                 vintage=f"{a.vintage}/{b.vintage}"))  # fmt: skip
        else:
            formula = (
                f"{NO_VALUE_NOTE} the census basis breaks between {b.period} and {period}: the latest "
                f"{b.period} level is {_level(b)} and the latest {period} level is {_level(a)}. A growth "
                "rate across census bases mixes a statistical revision into growth, so none is computed."
            )
            rows.append(_derived(GDP_NOMINAL_GROWTH, str(period), float("nan"), [a, b], formula,
                                 vintage=f"{a.vintage}/{b.vintage}"))  # fmt: skip
    return rows


def _product_qualifier(share_q: str, gdp_q: str) -> str:
    """The qualifier of share x level: the share's, unless the level is itself approximate."""
    return share_q if gdp_q == "exact" else "approx"


def value_added_rows(ind: pd.DataFrame) -> list[dict]:
    """SEI value added in trillion yuan: the share (percent of GDP) times that year's GDP level.

    The latest vintage of the year's GDP is used and named in ``vintage``, ``basis`` and the
    note. Years with a share but no GDP level (or the reverse) get no row.

    Examples
    --------
    >>> ind = pd.DataFrame({"indicator": ["sei_share_of_gdp", "gdp_nominal"], "period": ["2019"] * 2,
    ...     "value": [11.5, 98.6515], "qualifier": ["exact"] * 2, "kind": ["actual"] * 2,
    ...     "vintage": ["", "final"], "basis": ["", "census4"], "source_id": ["a", "b"],
    ...     "confidence": ["high"] * 2})
    >>> [(r["period"], r["value"], r["vintage"]) for r in value_added_rows(ind)]
    [('2019', 11.344923, 'final')]
    """
    levels = {r.period: r for r in latest_gdp_levels(ind).itertuples()}
    shares = ind[(ind["indicator"] == SHARE) & ind["kind"].isin(VALUE_ADDED_SHARE_KINDS)]
    rows = []
    for s in shares.itertuples():
        g = levels.get(s.period)
        if g is None:
            continue
        value = s.value / 100 * g.value
        qualifier = _product_qualifier(s.qualifier, g.qualifier)
        formula = (
            f"derived: {SEI_VALUE_ADDED} {s.period} = {SHARE} {s.period} x {GDP_NOMINAL} {s.period} = "
            f"{s.qualifier} {_num(s.value)}% x {_level(g)} trillion yuan = {value:.4g} trillion yuan "
            f"({qualifier}; GDP vintage used: {g.vintage}, basis {g.basis})"
        )
        rows.append(_derived(SEI_VALUE_ADDED, s.period, value, [s, g], formula, qualifier=qualifier,
                             vintage=g.vintage, basis=g.basis))  # fmt: skip
    return rows


def add_derived(ind: pd.DataFrame) -> pd.DataFrame:
    """Append every derived row (kind ``derived``, formula in ``note``) to the observed rows.

    Examples
    --------
    >>> from sei_analysis.indicators.schema import indicator_row
    >>> obs = pd.DataFrame([indicator_row(indicator="sei_industry_va_growth", period="2020H1",
    ...     value=2.9, unit="percent", qualifier="exact", kind="actual", source_id="a",
    ...     source_title="t", confidence="high"), indicator_row(indicator="sei_industry_growth_gap_pp",
    ...     period="2020H1", value=4.2, unit="percentage_point", qualifier="exact", kind="actual",
    ...     source_id="a", source_title="t", confidence="high")])
    >>> add_derived(obs).iloc[-1]["note"].split(" = ")[-2:]
    ['2.9 - 4.2', '-1.3']
    """
    rows = [*growth_gap_rows(ind), *gdp_growth_rows(ind), *value_added_rows(ind)]
    if not rows:
        return ind.reset_index(drop=True)
    return pd.concat([ind, pd.DataFrame(rows, columns=BASE_COLUMNS)], ignore_index=True)
