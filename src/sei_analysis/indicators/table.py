"""The indicators table: published figures from the reference file and the texts, plus arithmetic.

`build_indicators` reads like its table of contents::

    reference rows + published gaps (reference notes) + mapped text figures
        -> merge_sources -> add_derived -> add_period_bounds -> sort -> validate

The series, their units and the columns are in `sei_analysis.indicators.schema`; the
reference rows in `reference`, the derived rows in `derive`. Gaps in the record stay gaps.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from sei_analysis.errors import InputError
from sei_analysis.indicators.derive import DERIVED_DECIMALS, add_derived
from sei_analysis.indicators.periods import parse_periods
from sei_analysis.indicators.reference import (
    INDICATOR_MAP_FILE,
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
    indicator_row,
    validate_indicators,
)

# NOTE: the merge key. Two statements of the same indicator, period, kind, qualifier,
# unit, vintage and value (to 1e-6) are ONE observation with several sources; a different
# value, qualifier or vintage is a different statement (and `run_checks` flags a disagreement).
MERGE_KEY = ["indicator", "period", "kind", "qualifier", "unit", "vintage", "basis", "value_key"]


@dataclass(frozen=True)
class TextRule:
    """One text figure mapped to an indicator (an entry of ``text_rules`` in the YAML)."""

    name: str
    doc_id: str
    value: float
    unit: str
    keyword: str
    indicator: str
    period: str
    kind: str
    qualifier: str
    confidence: str
    measure: tuple[str, ...] | None = None
    is_target: bool | None = None

    def matches(self, figures: pd.DataFrame) -> pd.Series:
        """Boolean mask of the rows of ``figures`` this rule matches."""
        mask = (
            (figures["doc_id"] == self.doc_id)
            & ((figures["value"].astype(float) - self.value).abs() < 1e-9)
            & (figures["unit"] == self.unit)
            & figures["sentence"].fillna("").str.contains(self.keyword, case=False, regex=False)
        )
        if self.measure is not None:
            mask &= figures["measure"].isin(self.measure)
        if self.is_target is not None:
            mask &= figures["is_target"].astype(bool) == self.is_target
        return mask


def load_text_rules(path: Path | None = None) -> tuple[TextRule, ...]:
    """The ``text_rules`` of the indicator map YAML; `InputError` names a bad entry."""
    import yaml

    path = Path(path or INDICATOR_MAP_FILE)
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    try:
        rules = []
        for r in doc["text_rules"]:
            r.update(
                value=float(r["value"]),
                period=str(r["period"]),
                measure=tuple(r.get("measure") or ()) or None,
            )
            rules.append(TextRule(**r))
        return tuple(rules)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"indicator map {path}: bad text_rules entry ({exc!r})") from exc


def text_indicators(figures: pd.DataFrame, rules: tuple[TextRule, ...] | None = None) -> pd.DataFrame:
    """The figures of the policy texts that the ``text_rules`` map to an indicator.

    Each rule must match exactly one figure (same doc_id, value, unit, keyword in the
    sentence, and measure/target flag where the rule names them).

    Raises
    ------
    InputError
        If a rule matches no figure or several: the text or the extractor changed.
    """
    rules = load_text_rules() if rules is None else rules
    rows = []
    for rule in rules:
        hits = figures[rule.matches(figures)] if len(figures) else figures
        if len(hits) != 1:
            raise InputError(
                f"indicator mapping {rule.doc_id} {rule.value:g} {rule.unit} "
                f"({rule.indicator} {rule.period}): expected exactly one matching figure, found {len(hits)}"
            )
        fig = hits.iloc[0]
        title = fig["source_title"] if "source_title" in hits.columns else rule.doc_id
        date = fig["date_published"] if "date_published" in hits.columns else ""
        rows.append(
            indicator_row(
                indicator=rule.indicator,
                period=rule.period,
                value=float(fig["value"]),
                unit=rule.unit,
                qualifier=rule.qualifier,
                kind=rule.kind,
                source_id=rule.doc_id,
                source_title=str(title),
                date_published="" if pd.isna(date) else str(date),
                confidence=rule.confidence,
                mapped_by=f"override:{rule.name}",
                sentence=str(fig["sentence"]).strip(),
                note=f'text: "{fig["raw"]}"',
            )
        )
    return pd.DataFrame(rows, columns=BASE_COLUMNS)


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
    merged = keyed.groupby(MERGE_KEY, sort=False, dropna=False).agg(
        value=("value", "first"),
        source_id=("source_id", lambda s: _join_unique(s, "; ")),
        source_title=("source_title", lambda s: _join_unique(s, " | ")),
        rank=("rank", "max"),
        date_published=("date_published", "first"),
        mapped_by=("mapped_by", lambda s: _join_unique(s, "; ")),
        sentence=("sentence", lambda s: _join_unique(s, " | ")),
        note=("note", lambda s: _join_unique(s, " | ")),
    )
    merged = merged.reset_index().assign(confidence=lambda d: d["rank"].map(dict(enumerate(CONFIDENCES))))
    return merged[BASE_COLUMNS]


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


def build_indicators(figures: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Build the tidy, validated indicators table.

    Parameters
    ----------
    figures : DataFrame
        `build.figures_table()`: extracted figures with ``doc_id`` (and ``source_title``).
    reference : DataFrame
        `corpus.read_reference()`: the reference CSV with ``source_id``.

    Returns
    -------
    DataFrame
        `INDICATOR_COLUMNS`; values in percent (``percentage_point`` for the gap).
        One row per observation: a figure stated by the reference file and a text is
        one row whose ``source_id`` lists both (see `MERGE_KEY`).

    Raises
    ------
    InputError
        If a mapped text figure or a cited reference note is missing.
    SchemaError
        If the result does not fit `indicators_schema`.
    """
    observed = pd.concat(
        [reference_indicators(reference), published_gap_indicators(reference), text_indicators(figures)],
        ignore_index=True,
    )
    return (
        observed.pipe(merge_sources)
        .pipe(add_derived)
        .pipe(add_period_bounds)
        .pipe(sort_indicators)
        .pipe(validate_indicators)
    )
