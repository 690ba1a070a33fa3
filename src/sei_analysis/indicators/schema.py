"""The schema of the indicators table: its series, vocabularies, columns and pandera checks.

Every module of the indicators stage reads these names from here, so the table
(`sei_analysis.indicators.table`), its checks and the target views agree on one list.
"""

from __future__ import annotations

import pandas as pd

from sei_analysis.errors import SchemaError
from sei_analysis.indicators.periods import is_period

# NOTE: indicator names as in the reference CSV, plus the gap the table derives.
SHARE, SEI_GROWTH, INDUSTRY = "sei_share_of_gdp", "sei_industry_va_growth", "industry_va_growth"
GAP = "sei_industry_growth_gap_pp"
# NOTE: the closed vocabularies of the indicators table; the order is the sort order.
INDICATORS = (SHARE, SEI_GROWTH, INDUSTRY, GAP)
KINDS = ("actual", "target", "forecast", "estimate", "derived")
QUALIFIERS = ("exact", "approx", "at_least", "at_most")
UNITS = ("percent", "percentage_point")
CONFIDENCES = ("low", "medium", "high")
INDICATOR_COLUMNS = "indicator period period_start period_end value unit qualifier kind".split() + [
    *("source_id", "source_title", "confidence", "note")
]
# NOTE: the columns of a row before its period bounds are added.
BASE_COLUMNS = [c for c in INDICATOR_COLUMNS if not c.startswith("period_")]


def indicators_schema():
    """The declared pandera schema of the indicators table."""
    import pandera.pandas as pa

    text = {"nullable": False}
    return pa.DataFrameSchema(
        {
            "indicator": pa.Column(str, pa.Check.isin(INDICATORS), **text),
            "period": pa.Column(
                str, pa.Check(is_period, element_wise=True, error="parseable period code"), **text
            ),
            "period_start": pa.Column("datetime64[ns]", nullable=False),
            "period_end": pa.Column("datetime64[ns]", nullable=False),
            "value": pa.Column(
                float, pa.Check(lambda s: s.notna() & (s.abs() < 1e3), error="finite"), **text
            ),
            "unit": pa.Column(str, pa.Check.isin(UNITS), **text),
            "qualifier": pa.Column(str, pa.Check.isin(QUALIFIERS), **text),
            "kind": pa.Column(str, pa.Check.isin(KINDS), **text),
            "source_id": pa.Column(str, pa.Check.str_length(min_value=1), **text),
            "source_title": pa.Column(str, **text),
            "confidence": pa.Column(str, pa.Check.isin(CONFIDENCES), **text),
            "note": pa.Column(str, **text),
        },
        checks=[
            pa.Check(lambda d: d["period_start"] <= d["period_end"], error="period_start <= period_end"),
            pa.Check(
                lambda d: (d["unit"] == "percentage_point") == (d["indicator"] == GAP),
                error="gap indicator in percentage_point, the others in percent",
            ),
        ],
        unique=["indicator", "period", "kind", "qualifier", "unit", "value"],
        strict=True,
        ordered=True,
    )


def validate_indicators(ind: pd.DataFrame) -> pd.DataFrame:
    """Validate against `indicators_schema`; raise `SchemaError` listing every failure."""
    import pandera.pandas as pa

    try:
        return indicators_schema().validate(ind, lazy=True)
    except (pa.errors.SchemaErrors, pa.errors.SchemaError) as exc:
        raise SchemaError(f"indicators table does not fit its schema: {exc}") from exc
