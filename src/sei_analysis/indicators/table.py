"""The indicators table: published figures from the reference file and the texts, plus arithmetic.

`build_indicators` reads like its table of contents::

    reference rows + published gaps (reference notes) + text figures mapped to series (mapping)
        -> merge_sources -> add_derived -> add_period_bounds -> sort -> validate

The series, their units and the columns are in `sei_analysis.indicators.schema`; the
reference rows in `reference`, the derived rows in `derive`. Gaps in the record stay gaps.
"""

from __future__ import annotations

import pandas as pd

from sei_analysis.indicators.derive import DERIVED_DECIMALS, add_derived
from sei_analysis.indicators.mapping import map_figures
from sei_analysis.indicators.periods import parse_periods
from sei_analysis.indicators.reference import (
    published_gap_indicators,
    reference_indicators,
)
from sei_analysis.indicators.schema import (
    BASE_COLUMNS,
    CONFIDENCES,
    INDICATOR_COLUMNS,
    INDICATORS,
    KINDS,
    VINTAGES,
    validate_indicators,
)

# NOTE: the merge key. Two statements of the same indicator, period, kind, qualifier,
# unit, vintage and value (to 1e-6) are ONE observation with several sources; a different
# value, qualifier or vintage is a different statement (and `run_checks` flags a disagreement).
MERGE_KEY = ["indicator", "period", "kind", "qualifier", "unit", "vintage", "basis", "value_key"]


def _join_unique(values, sep: str) -> str:
    return sep.join(dict.fromkeys(v for v in values if isinstance(v, str) and v))


def merge_sources(frame: pd.DataFrame) -> pd.DataFrame:
    """Collapse rows that share `MERGE_KEY` into one observation listing every source.

    Source ids are joined with ``"; "``, titles and notes with ``" | "``; the highest
    confidence wins (an official figure quoted again by a text stays official).

    Examples
    --------
    >>> from sei_analysis.indicators.schema import indicator_row
    >>> common = dict(indicator="sei_share_of_gdp", period="2015", value=8.0, unit="percent",
    ...     qualifier="approx", kind="target")
    >>> rows = pd.DataFrame([
    ...     indicator_row(**common, source_id="reference-figures", source_title="State Council",
    ...                   confidence="high", note="a"),
    ...     indicator_row(**common, source_id="encyclopedia-sei-en", source_title="Encyclopedia",
    ...                   confidence="low", note="b")])
    >>> merge_sources(rows)[["source_id", "confidence", "note"]].iloc[0].tolist()
    ['reference-figures; encyclopedia-sei-en', 'high', 'a | b']
    """
    keyed = frame.assign(
        value_key=frame["value"].round(DERIVED_DECIMALS).fillna(float("inf")),
        rank=frame["confidence"].map({c: i for i, c in enumerate(CONFIDENCES)}),
    )
    # NOTE: only keys stated more than once are aggregated (in Python, per group); a row
    # whose key is unique passes through as it is. Rows keep the order of their key's first row.
    keyed = keyed.assign(_first=keyed.groupby(MERGE_KEY, sort=False, dropna=False).ngroup())
    twice = keyed.duplicated(MERGE_KEY, keep=False)
    merged = (
        keyed[twice]
        .groupby(MERGE_KEY, sort=False, dropna=False)
        .agg(
            _first=("_first", "first"),
            value=("value", "first"),
            source_id=("source_id", lambda s: _join_unique(s, "; ")),
            source_title=("source_title", lambda s: _join_unique(s, " | ")),
            rank=("rank", "max"),
            date_published=("date_published", "first"),
            mapped_by=("mapped_by", lambda s: _join_unique(s, "; ")),
            sentence=("sentence", lambda s: _join_unique(s, " | ")),
            note=("note", lambda s: _join_unique(s, " | ")),
        )
    )
    once = keyed[~twice]
    for column in ("source_id", "source_title", "mapped_by", "sentence", "note"):
        once = once.assign(**{column: once[column].fillna("").astype(str)})
    both = pd.concat([once, merged.reset_index()], ignore_index=True).sort_values("_first", kind="stable")
    both = both.assign(confidence=both["rank"].map(dict(enumerate(CONFIDENCES))))
    return both[BASE_COLUMNS].reset_index(drop=True)


def add_period_bounds(ind: pd.DataFrame) -> pd.DataFrame:
    """Add ``period_start`` and ``period_end`` (first and last day) from ``period``."""
    bounds = parse_periods(ind["period"])
    return ind.assign(period_start=bounds["period_start"], period_end=bounds["period_end"])


def sort_indicators(ind: pd.DataFrame) -> pd.DataFrame:
    """Stable order: indicator (as in `INDICATORS`), period, kind, qualifier, value; columns as declared."""
    keys = ind.assign(
        _i=ind["indicator"].map({n: i for i, n in enumerate(INDICATORS)}),
        _k=ind["kind"].map({n: i for i, n in enumerate(KINDS)}),
    )
    keys = keys.assign(_v=ind["vintage"].map({n: i for i, n in enumerate(VINTAGES)}).fillna(-1))
    order = ["_i", "period_start", "period_end", "_k", "_v", "basis", "qualifier", "value", "source_id"]
    keys = keys.sort_values(order, na_position="first")
    return keys[INDICATOR_COLUMNS].reset_index(drop=True)


def build_indicators(
    figures: pd.DataFrame,
    reference: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    text_rows: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Build the tidy, validated indicators table.

    Parameters
    ----------
    figures : DataFrame
        `build.figures_table()`: extracted figures with ``doc_id`` (and ``source_title``).
    reference : DataFrame
        `corpus.read_reference()`: the reference CSV with ``source_id``.
    documents : DataFrame, optional
        `load_corpus()` output, for the documents' provenance notes (see `map_figures`).
    text_rows : DataFrame, optional
        The indicator rows `map_figures` gave for ``figures``, if already computed.

    Returns
    -------
    DataFrame
        `INDICATOR_COLUMNS`; values in percent (``percentage_point`` for the gap).
        One row per observation: a figure stated by the reference file and a text is
        one row whose ``source_id`` lists both (see `MERGE_KEY`).

    Raises
    ------
    InputError
        If a cited reference note is missing or the series vocabulary is malformed.
    SchemaError
        If the result does not fit `indicators_schema`.
    """
    if text_rows is None:
        text_rows = map_figures(figures, documents)[0]
    parts = [reference_indicators(reference), published_gap_indicators(reference), text_rows]
    parts = [p for p in parts if len(p)] or [pd.DataFrame(columns=BASE_COLUMNS)]
    observed = pd.concat(parts, ignore_index=True)
    observed = observed.astype({"value": "float64"})  # an empty part must not make values objects
    return (
        observed.pipe(merge_sources)
        .pipe(add_derived)
        .pipe(add_period_bounds)
        .pipe(sort_indicators)
        .pipe(validate_indicators)
    )
