"""Rows of the indicators table from the reference CSV, and the gaps its notes state.

The reference CSV (``data/raw/reference/sei_reference_figures.csv``, version 2) is checked
row by row against `schema.reference_problems` before anything is read from it: a value
that does not fit stops the build with a message naming its line, column and value.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from sei_analysis.errors import InputError
from sei_analysis.indicators.schema import (
    BASE_COLUMNS,
    GAP,
    SEI_GROWTH,
    indicator_row,
    validate_reference,
)

# NOTE: the published gaps stated only in reference notes, and the hand rules for text
# figures, live in YAML beside the code, one commented entry each (see the file).
INDICATOR_MAP_FILE = Path(__file__).parent / "vocab" / "indicator_map.yml"


@dataclass(frozen=True)
class PublishedGap:
    """A SEI-minus-industry growth gap stated in a reference row's note (``published_gaps``)."""

    period: str
    value: float
    quote: str


def load_published_gaps(path: Path | None = None) -> tuple[PublishedGap, ...]:
    """The ``published_gaps`` of the indicator map YAML; `InputError` names a bad entry.

    Examples
    --------
    >>> [(g.period, g.value) for g in load_published_gaps()][:2]
    [('2016H1', 5.0), ('2017Q1', 3.5)]
    """
    import yaml

    path = Path(path or INDICATOR_MAP_FILE)
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    try:
        return tuple(
            PublishedGap(period=str(g["period"]), value=float(g["value"]), quote=str(g["quote"]))
            for g in doc["published_gaps"]
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"indicator map {path}: bad published_gaps entry ({exc!r})") from exc


def _text(column: pd.Series) -> pd.Series:
    return column.fillna("").astype("str")


def reference_indicators(reference: pd.DataFrame) -> pd.DataFrame:
    """Every row of the reference CSV as an indicator row; title is "publisher: title".

    The row's ``quote`` (version 2) becomes its ``sentence``; ``vintage`` and ``basis``
    are kept for GDP levels. Raises `SchemaError` naming each row that does not fit.

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
    ref = validate_reference(reference.reset_index(drop=True))
    empty = pd.Series("", index=ref.index)
    column = {
        c: (_text(ref[c]) if c in ref else empty) for c in ("quote", "vintage", "basis", "date_published")
    }
    out = pd.DataFrame(
        {
            "indicator": ref["indicator"].astype("str"),
            "period": ref["period"].astype("str"),
            "value": ref["value"].astype(float),
            "unit": ref["unit"].astype("str"),
            "qualifier": ref["qualifier"].astype("str"),
            "kind": ref["kind"].astype("str"),
            "vintage": column["vintage"],
            "basis": column["basis"],
            "source_id": ref["source_id"].astype("str"),
            "source_title": ref["publisher"].astype("str") + ": " + ref["source_title"].astype("str"),
            "date_published": column["date_published"],
            "confidence": ref["confidence"].astype("str"),
            "mapped_by": empty,
            "sentence": column["quote"],
            "note": _text(ref["note"]),
        }
    )
    return out[BASE_COLUMNS]


def published_gap_indicators(
    reference: pd.DataFrame, gaps: tuple[PublishedGap, ...] | None = None
) -> pd.DataFrame:
    """The SEI-minus-industry gaps stated in the reference notes (``published_gaps``), kind actual.

    Raises `InputError` if a cited reference row is gone or its note no longer says so.
    """
    gaps = load_published_gaps() if gaps is None else gaps
    rows = []
    for gap in gaps:
        cited = reference[(reference["indicator"] == SEI_GROWTH) & (reference["period"] == gap.period)]
        notes = _text(cited["note"])
        if cited.empty or not notes.str.contains(gap.quote, regex=False).any():
            raise InputError(
                f"published gap {gap.period}: reference row {SEI_GROWTH} {gap.period} with note "
                f"containing {gap.quote!r} not found (indicator_map.yml is out of date)"
            )
        row = cited[notes.str.contains(gap.quote, regex=False)].iloc[0]
        quoted = f"{SEI_GROWTH} {gap.period}: '{gap.quote}'"
        date = row.get("date_published")
        rows.append(
            indicator_row(
                indicator=GAP,
                period=gap.period,
                value=gap.value,
                unit="percentage_point",
                qualifier="exact",
                kind="actual",
                source_id=str(row["source_id"]),
                source_title=f"{row['publisher']}: {row['source_title']}",
                date_published="" if pd.isna(date) else str(date),
                confidence=str(row["confidence"]),
                note=f"SEI growth minus all-industry growth, stated in the note of reference row {quoted}",
            )
        )
    return pd.DataFrame(rows, columns=BASE_COLUMNS)
