"""What the series mapping decided, for a person to check (``sei review``, ``review.csv``).

One row per decision of `mapping.map_figures` (a figure mapped to a series, or a candidate
left out with the reason), plus a ``conflict`` row wherever a mapped figure disagrees with a
value already recorded for the same series, period and kind.
"""

from __future__ import annotations

import pandas as pd

from sei_analysis.indicators.mapping import DECISION_COLUMNS

REVIEW_COLUMNS = DECISION_COLUMNS
# NOTE: the order decisions are listed in, per document.
DECISION_ORDER = ("mapped", "conflict", "left out")
# NOTE: two values of one series and period closer than this are the same figure (the
# indicators table merges them to 1e-6 as well).
SAME_VALUE = 1e-6


def conflicts(decisions: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """A ``conflict`` row for each mapped figure whose series, period and kind hold another value.

    Examples
    --------
    >>> dec = pd.DataFrame([{"doc_id": "nbs-2024", "decision": "mapped", "series": "industry_va_growth",
    ...     "period": "2024", "kind": "actual", "value": 5.6, "qualifier": "exact", "reason": "subject"}])
    >>> ind = pd.DataFrame([{"indicator": "industry_va_growth", "period": "2024", "kind": "actual",
    ...     "value": 5.8, "qualifier": "exact", "source_id": "reference-figures"}])
    >>> conflicts(dec, ind)["reason"].item()
    'industry_va_growth 2024 actual is also recorded as 5.8 (exact) by reference-figures'
    """
    mapped = decisions[decisions["decision"] == "mapped"]
    recorded = indicators[["indicator", "period", "kind", "value", "qualifier", "source_id"]].rename(
        columns={
            "indicator": "series",
            "value": "other_value",
            "qualifier": "other_qualifier",
            "source_id": "other_source",
        }
    )
    pairs = mapped.merge(recorded, on=["series", "period", "kind"], how="inner")
    pairs = pairs[(pairs["other_value"] - pairs["value"]).abs() > SAME_VALUE]
    if pairs.empty:
        return pd.DataFrame(columns=decisions.columns)
    # NOTE: built column-wise: a conflict list can run to thousands of rows in a big corpus.
    recorded = pd.Series([f"{v:.10g}" for v in pairs["other_value"]], index=pairs.index, dtype="str")
    reasons = (
        pairs["series"] + " " + pairs["period"] + " " + pairs["kind"] + " is also recorded as " + recorded
        + " (" + pairs["other_qualifier"] + ") by " + pairs["other_source"]
    )  # fmt: skip
    return pairs.assign(decision="conflict", reason=reasons)[list(decisions.columns)].reset_index(drop=True)


def review_table(decisions: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Every decision and every conflict, by document (in figure order) and decision."""
    table = pd.concat([decisions, conflicts(decisions, indicators)], ignore_index=True)
    if table.empty:
        return pd.DataFrame(columns=REVIEW_COLUMNS)
    rank = table["decision"].map({d: i for i, d in enumerate(DECISION_ORDER)})
    docs = {d: i for i, d in enumerate(dict.fromkeys(table["doc_id"]))}
    ordered = table.assign(_d=table["doc_id"].map(docs), _r=rank)
    ordered = ordered.sort_values(["_d", "_r", "start"], kind="stable")
    return ordered[REVIEW_COLUMNS].reset_index(drop=True)
