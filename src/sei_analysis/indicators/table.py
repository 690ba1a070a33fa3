"""The indicators table: published SEI figures from the reference file and the texts, plus arithmetic.

`build_indicators` reads like its table of contents::

    reference rows + published gaps (reference notes) + mapped text figures
        -> merge_sources -> add_derived -> add_period_bounds -> sort -> validate

Series: ``sei_share_of_gdp`` (percent of GDP), ``sei_industry_va_growth`` and
``industry_va_growth`` (real y/y value-added growth, industry above designated size,
percent) and ``sei_industry_growth_gap_pp`` (SEI minus all-industry growth, percentage
points). Gaps in the record stay gaps. The names of the series and columns are in
`sei_analysis.indicators.schema`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from sei_analysis.errors import InputError, SchemaError
from sei_analysis.indicators.periods import parse_periods
from sei_analysis.indicators.schema import (
    BASE_COLUMNS,
    CONFIDENCES,
    GAP,
    INDICATOR_COLUMNS,
    INDICATORS,
    INDUSTRY,
    KINDS,
    SEI_GROWTH,
    validate_indicators,
)

# NOTE: the text->indicator mapping and the gaps stated in reference notes live in YAML
# beside the code, one commented entry each (see the file).
INDICATOR_MAP_FILE = Path(__file__).parent / "vocab" / "indicator_map.yml"


@dataclass(frozen=True)
class TextRule:
    """One text figure mapped to an indicator (an entry of ``text_rules`` in the YAML)."""

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


@dataclass(frozen=True)
class PublishedGap:
    """A SEI-minus-industry growth gap stated in a reference row's note (``published_gaps``)."""

    period: str
    value: float
    quote: str


@dataclass(frozen=True)
class IndicatorMap:
    """The parsed ``vocab/indicator_map.yml``."""

    text_rules: tuple[TextRule, ...]
    published_gaps: tuple[PublishedGap, ...]


def load_indicator_map(path: Path | None = None) -> IndicatorMap:
    """Read the indicator mapping YAML; `InputError` names a bad entry.

    Examples
    --------
    >>> m = load_indicator_map()
    >>> [(g.period, g.value) for g in m.published_gaps][:2]
    [('2016H1', 5.0), ('2017Q1', 3.5)]
    """
    import yaml

    path = Path(path or INDICATOR_MAP_FILE)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        for r in doc["text_rules"]:
            r.update(
                value=float(r["value"]),
                period=str(r["period"]),
                measure=tuple(r.get("measure") or ()) or None,
            )
        rules = tuple(TextRule(**r) for r in doc["text_rules"])
        gaps = tuple(
            PublishedGap(period=str(g["period"]), value=float(g["value"]), quote=str(g["quote"]))
            for g in doc["published_gaps"]
        )
    except (KeyError, TypeError) as exc:
        raise InputError(f"indicator map {path}: bad entry ({exc!r})") from exc
    return IndicatorMap(text_rules=rules, published_gaps=gaps)


# NOTE: the merge key. Two statements of the same indicator, period, kind, qualifier,
# unit and value (to 1e-6) are ONE observation with several sources; a different value
# or qualifier is a different statement (and `run_checks` flags the disagreement).
MERGE_KEY = ["indicator", "period", "kind", "qualifier", "unit", "value_key"]
# NOTE: derived values are rounded to 6 decimals to drop float noise (10.8 - 6.9 = 3.9000000000000004).
DERIVED_DECIMALS = 6
# NOTE: the reference README: arithmetic on published figures is at most "medium" confidence.
DERIVED_CONFIDENCE_CAP = "medium"
REFERENCE_COLUMNS = (
    "indicator period value unit qualifier kind publisher source_title confidence note source_id".split()
)


def _obs(*values) -> dict:
    """One indicator row from its `BASE_COLUMNS` values, in order."""
    return dict(zip(BASE_COLUMNS, values, strict=True))


def reference_indicators(reference: pd.DataFrame) -> pd.DataFrame:
    """Every row of the reference CSV as an indicator row; title is "publisher: title".

    Examples
    --------
    >>> ref = pd.DataFrame({"indicator": ["sei_share_of_gdp"], "period": ["2019"], "value": [11.5],
    ...     "unit": ["percent"], "qualifier": ["exact"], "kind": ["actual"], "publisher": ["NBS"],
    ...     "source_title": ["Index release"], "confidence": ["high"], "note": [None],
    ...     "source_id": ["reference-figures"]})
    >>> reference_indicators(ref)[["period", "value", "source_title"]]
      period  value        source_title
    0   2019   11.5  NBS: Index release
    """
    missing = [c for c in REFERENCE_COLUMNS if c not in reference.columns]
    if missing:
        raise SchemaError(f"reference table: missing column(s) {', '.join(missing)}")
    ref = reference[REFERENCE_COLUMNS].reset_index(drop=True)
    text = ["indicator", "period", "unit", "qualifier", "kind", "source_id", "confidence"]
    title = ref["publisher"].astype("str") + ": " + ref["source_title"].astype("str")
    note = ref["note"].fillna("").astype("str")
    out = ref[text].astype("str").assign(value=ref["value"].astype(float), source_title=title, note=note)
    return out[BASE_COLUMNS]


def published_gap_indicators(
    reference: pd.DataFrame, gaps: tuple[PublishedGap, ...] | None = None
) -> pd.DataFrame:
    """The SEI-minus-industry gaps stated in the reference notes (``published_gaps``), kind actual.

    Raises `InputError` if a cited reference row is gone or its note no longer says so.
    """
    gaps = load_indicator_map().published_gaps if gaps is None else gaps
    rows = []
    for gap in gaps:
        cited = reference[(reference["indicator"] == SEI_GROWTH) & (reference["period"] == gap.period)]
        notes = cited["note"].fillna("").astype("str")
        if cited.empty or not notes.str.contains(gap.quote, regex=False).any():
            raise InputError(
                f"published gap {gap.period}: reference row {SEI_GROWTH} {gap.period} with note "
                f"containing {gap.quote!r} not found (indicator_map.yml is out of date)"
            )
        row = cited[notes.str.contains(gap.quote, regex=False)].iloc[0]
        title, quoted = (
            f"{row['publisher']}: {row['source_title']}",
            f"{SEI_GROWTH} {gap.period}: '{gap.quote}'",
        )
        note = f"SEI growth minus all-industry growth, stated in the note of reference row {quoted}"
        rows.append(_obs(GAP, gap.period, gap.value, "percentage_point", "exact", "actual",
                         str(row["source_id"]), title, str(row["confidence"]), note))  # fmt: skip
    return pd.DataFrame(rows, columns=BASE_COLUMNS)


def text_indicators(figures: pd.DataFrame, rules: tuple[TextRule, ...] | None = None) -> pd.DataFrame:
    """The figures of the policy texts that the ``text_rules`` map to an indicator.

    Each rule must match exactly one figure (same doc_id, value, unit, keyword in the
    sentence, and measure/target flag where the rule names them).

    Raises
    ------
    InputError
        If a rule matches no figure or several: the text or the extractor changed.
    """
    rules = load_indicator_map().text_rules if rules is None else rules
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
        note = f'text: "{fig["raw"]}" in "{str(fig["sentence"]).strip()[:200]}"'
        value, kind = float(fig["value"]), rule.kind
        rows.append(_obs(rule.indicator, rule.period, value, rule.unit, rule.qualifier, kind,
                         rule.doc_id, str(title), rule.confidence, note))  # fmt: skip
    return pd.DataFrame(rows, columns=BASE_COLUMNS)


def _join_unique(values, sep: str) -> str:
    return sep.join(dict.fromkeys(v for v in values if isinstance(v, str) and v))


def merge_sources(frame: pd.DataFrame) -> pd.DataFrame:
    """Collapse rows that share `MERGE_KEY` into one observation listing every source.

    Source ids are joined with ``"; "``, titles and notes with ``" | "``; the highest
    confidence wins (an official figure quoted again by a text stays official).

    Examples
    --------
    >>> rows = pd.DataFrame({"indicator": ["sei_share_of_gdp"] * 2, "period": ["2015"] * 2,
    ...     "value": [8.0, 8.0], "unit": ["percent"] * 2, "qualifier": ["approx"] * 2,
    ...     "kind": ["target"] * 2, "source_id": ["reference-figures", "encyclopedia-sei-en"],
    ...     "source_title": ["State Council", "Encyclopedia"], "confidence": ["high", "low"],
    ...     "note": ["a", "b"]})
    >>> merge_sources(rows)[["source_id", "confidence", "note"]].iloc[0].tolist()
    ['reference-figures; encyclopedia-sei-en', 'high', 'a | b']
    """
    keyed = frame.assign(
        value_key=frame["value"].round(DERIVED_DECIMALS),
        rank=frame["confidence"].map({c: i for i, c in enumerate(CONFIDENCES)}),
    )
    merged = keyed.groupby(MERGE_KEY, sort=False, dropna=False).agg(
        value=("value", "first"),
        source_id=("source_id", lambda s: _join_unique(s, "; ")),
        source_title=("source_title", lambda s: _join_unique(s, " | ")),
        rank=("rank", "max"),
        note=("note", lambda s: _join_unique(s, " | ")),
    )
    merged = merged.reset_index().assign(confidence=lambda d: d["rank"].map(dict(enumerate(CONFIDENCES))))
    return merged[BASE_COLUMNS]


def _cap(*confidences: str) -> str:
    order = {c: i for i, c in enumerate(CONFIDENCES)}
    return min([*confidences, DERIVED_CONFIDENCE_CAP], key=order.__getitem__)


def _derived_row(indicator: str, a, b, unit: str) -> dict:
    """``indicator = a - b`` for two indicator rows (named tuples) of the same period."""
    value = round(a.value - b.value, DERIVED_DECIMALS)
    formula = (
        f"{indicator} {a.period} = {a.indicator} - {b.indicator} = {a.value:g} - {b.value:g} = {value:g}"
    )
    sources = _join_unique(f"{a.source_id}; {b.source_id}".split("; "), "; ")
    title = f"derived from {a.indicator} {a.period} and {b.indicator} {b.period}"
    confidence = _cap(a.confidence, b.confidence)
    return _obs(
        indicator,
        a.period,
        value,
        unit,
        "exact",
        "derived",
        sources,
        title,
        confidence,
        f"derived: {formula}",
    )


def _pairs(left: pd.DataFrame, right: pd.DataFrame):
    """Every (left row, right row) of the same period, as named tuples."""
    for a in left.itertuples():
        for b in right[right["period"] == a.period].itertuples():
            yield a, b


def add_derived(ind: pd.DataFrame) -> pd.DataFrame:
    """Append the derived rows (kind ``derived``, exact, formula in ``note``).

    Notes
    -----
    - Implied all-industry growth wherever a gap is published:
      ``industry = sei - gap`` (percent), unless the reference already holds a derived
      row for that period (it stays as it is).
    - Growth gap wherever both growth series publish an *actual* for the same period:
      ``gap = sei - industry`` (percentage points). Derived inputs are not used, so a
      gap is never derived back from itself.

    Examples
    --------
    >>> obs = pd.DataFrame({"indicator": ["sei_industry_va_growth", "sei_industry_growth_gap_pp"],
    ...     "period": ["2020H1"] * 2, "value": [2.9, 4.2], "unit": ["percent", "percentage_point"],
    ...     "qualifier": ["exact"] * 2, "kind": ["actual"] * 2, "source_id": ["a", "a"],
    ...     "source_title": ["t", "t"], "confidence": ["high", "high"], "note": ["", ""]})
    >>> add_derived(obs).iloc[-1]["note"].split(" = ")[-2:]
    ['2.9 - 4.2', '-1.3']
    """
    actual = ind[ind["kind"] == "actual"]
    sei, industry, gap = (actual[actual["indicator"] == name] for name in (SEI_GROWTH, INDUSTRY, GAP))
    ref_derived = set(ind.loc[(ind["kind"] == "derived") & (ind["indicator"] == INDUSTRY), "period"])
    rows = [
        _derived_row(INDUSTRY, s, g, "percent") for s, g in _pairs(sei, gap) if s.period not in ref_derived
    ]
    rows += [_derived_row(GAP, s, i, "percentage_point") for s, i in _pairs(sei, industry)]
    if not rows:
        return ind.reset_index(drop=True)
    return pd.concat([ind, pd.DataFrame(rows)], ignore_index=True)


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
    keys = keys.sort_values(["_i", "period_start", "period_end", "_k", "qualifier", "value", "source_id"])
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
