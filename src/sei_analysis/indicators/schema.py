"""The schema of the indicators table: its series, vocabularies, columns and pandera checks.

Every module of the indicators stage reads these names from here, so the table
(`sei_analysis.indicators.table`), its checks and the target views agree on one list.
The reference CSV has its own schema here too (`reference_schema`): a row that does not
fit fails loudly, naming its line in the file, the column and the value.
"""

from __future__ import annotations

import re

import pandas as pd

from sei_analysis.errors import SchemaError
from sei_analysis.indicators.periods import is_period

# NOTE: series names as in the reference CSV and DESIGN.md ("Series"). Two families that
# are never mixed: the share of GDP (nominal, whole economy) and the real growth rates of
# industry above designated size; GDP itself is there to read the share against.
SHARE, SEI_GROWTH, INDUSTRY = "sei_share_of_gdp", "sei_industry_va_growth", "industry_va_growth"
GAP = "sei_industry_growth_gap_pp"
HITECH = "hitech_manufacturing_va_growth"
GDP_NOMINAL, GDP_REAL_GROWTH = "gdp_nominal", "gdp_real_growth"
GDP_NOMINAL_GROWTH, SEI_VALUE_ADDED = "gdp_nominal_growth", "sei_value_added"

# NOTE: every series with the one unit it is recorded in; the order is the sort order of
# the table. `gdp_nominal_growth` and `sei_value_added` are derived only, never published
# here; the gap is published (reference notes, texts) and derived.
SERIES_UNITS: dict[str, str] = {
    SHARE: "percent",
    SEI_GROWTH: "percent",
    INDUSTRY: "percent",
    GAP: "percentage_point",
    HITECH: "percent",
    GDP_NOMINAL: "trillion_cny",
    GDP_REAL_GROWTH: "percent",
    GDP_NOMINAL_GROWTH: "percent",
    SEI_VALUE_ADDED: "trillion_cny",
}
INDICATORS = tuple(SERIES_UNITS)
# NOTE: the series the reference CSV may hold (the derived-only ones are computed here).
REFERENCE_SERIES = (SHARE, SEI_GROWTH, INDUSTRY, HITECH, GDP_NOMINAL, GDP_REAL_GROWTH)
# NOTE: the closed vocabularies of the indicators table; the order is the sort order.
KINDS = ("actual", "target", "forecast", "estimate", "derived")
QUALIFIERS = ("exact", "approx", "at_least", "at_most")
UNITS = ("percent", "percentage_point", "trillion_cny")
CONFIDENCES = ("low", "medium", "high")
# NOTE: the qualifiers in the words of an English sentence ("more than 13% in 2022").
QUALIFIER_WORDS = {"exact": "", "approx": "about ", "at_least": "more than ", "at_most": "less than "}
# NOTE: GDP vintages in the order they supersede each other (reference README): the
# preliminary estimate (初步核算), the final figure a year later (最终核实), and the level
# revised after an economic census. The latest vintage of a year is the last in this order.
VINTAGES = ("preliminary", "final", "census_revision")
# NOTE: the economic census a GDP level reflects. Growth rates are computed only between two
# levels of the same basis; a census revision raises one year's level without revising
# every neighbour in what is stored.
BASIS_PATTERN = re.compile(r"census\d+")
INDICATOR_COLUMNS = [
    *("indicator", "period", "period_start", "period_end", "value", "unit", "qualifier", "kind"),
    *("vintage", "basis", "source_id", "source_title", "date_published", "confidence", "mapped_by"),
    *("sentence", "note"),
]
# NOTE: the columns of a row before its period bounds are added.
BASE_COLUMNS = [c for c in INDICATOR_COLUMNS if not c.startswith("period_")]
# NOTE: the columns of the reference CSV, version 2 (quote, vintage and basis are new).
REFERENCE_COLUMNS = [
    *("indicator", "period", "value", "unit", "qualifier", "kind", "publisher", "source_title"),
    *("source_url", "date_published", "confidence", "note", "quote", "vintage", "basis"),
]
# NOTE: the columns a reference table must have to be read at all; the rest (source_url,
# date_published, quote, vintage, basis) are read when present.
REQUIRED_REFERENCE_COLUMNS = [
    *("indicator", "period", "value", "unit", "qualifier", "kind", "publisher", "source_title"),
    *("confidence", "note"),
]
# NOTE: a row without a value is allowed only where a derived figure cannot be computed
# (a GDP growth rate across census bases); its note must start with this and say why.
NO_VALUE_NOTE = "no value:"
DATE_PUBLISHED = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _is_basis(value: object) -> bool:
    return isinstance(value, str) and BASIS_PATTERN.fullmatch(value) is not None


def indicators_schema():
    """The declared pandera schema of the indicators table."""
    import pandera.pandas as pa

    text = {"nullable": False}
    unit_of = pd.Series(SERIES_UNITS)
    return pa.DataFrameSchema(
        {
            "indicator": pa.Column(str, pa.Check.isin(INDICATORS), **text),
            "period": pa.Column(
                str, pa.Check(is_period, element_wise=True, error="parseable period code"), **text
            ),
            "period_start": pa.Column("datetime64[ns]", nullable=False),
            "period_end": pa.Column("datetime64[ns]", nullable=False),
            "value": pa.Column(
                float, pa.Check(lambda s: s.isna() | (s.abs() < 1e4), error="finite"), nullable=True
            ),
            "unit": pa.Column(str, pa.Check.isin(UNITS), **text),
            "qualifier": pa.Column(str, pa.Check.isin(QUALIFIERS), **text),
            "kind": pa.Column(str, pa.Check.isin(KINDS), **text),
            "vintage": pa.Column(str, **text),
            "basis": pa.Column(str, **text),
            "source_id": pa.Column(str, pa.Check.str_length(min_value=1), **text),
            "source_title": pa.Column(str, **text),
            "date_published": pa.Column(str, **text),
            "confidence": pa.Column(str, pa.Check.isin(CONFIDENCES), **text),
            "mapped_by": pa.Column(str, **text),
            "sentence": pa.Column(str, **text),
            "note": pa.Column(str, **text),
        },
        checks=[
            pa.Check(lambda d: d["period_start"] <= d["period_end"], error="period_start <= period_end"),
            pa.Check(
                lambda d: d["unit"] == d["indicator"].map(unit_of),
                error=f"each series in its own unit: {SERIES_UNITS}",
            ),
            pa.Check(
                lambda d: (
                    d["value"].notna() | (d["kind"].eq("derived") & d["note"].str.startswith(NO_VALUE_NOTE))
                ),
                error=f"a missing value only on a derived row whose note starts {NO_VALUE_NOTE!r}",
            ),
            pa.Check(
                lambda d: d["basis"].eq("") | d["basis"].map(_is_basis),
                error="basis empty or a census name (census4)",
            ),
        ],
        unique=["indicator", "period", "kind", "qualifier", "unit", "vintage", "basis", "value"],
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


def reference_problems(reference: pd.DataFrame) -> list[str]:
    """Every value of the reference table that does not fit, one message per cell.

    Each message names the row (its line in the CSV: the header is line 1), the series and
    period, the column, the value and what was expected.

    Examples
    --------
    >>> ref = pd.DataFrame({"indicator": ["gdp_nominal"], "period": ["2024"], "value": ["134.8"],
    ...     "unit": ["trillion_cny"], "qualifier": ["exact"], "kind": ["actual"], "publisher": ["NBS"],
    ...     "source_title": ["Final verification"], "confidence": ["high"], "note": [""],
    ...     "vintage": ["final"], "basis": ["census 5"], "date_published": ["2025-12-27"]})
    >>> reference_problems(ref)
    ["line 2 (gdp_nominal 2024): basis='census 5'; expected a census name such as census5"]
    """
    problems = []
    missing = [c for c in REQUIRED_REFERENCE_COLUMNS if c not in reference]
    if missing:
        return [f"missing column(s) {', '.join(missing)}; expected {', '.join(REFERENCE_COLUMNS)}"]
    for pos, row in enumerate(reference.to_dict("records")):
        where = f"line {pos + 2} ({row.get('indicator')} {row.get('period')})"
        for column, value, expected in _row_problems(row):
            problems.append(f"{where}: {column}={value!r}; expected {expected}")
    return problems


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or value == ""


def _row_problems(row: dict) -> list[tuple[str, object, str]]:
    """(column, value, expected) for each cell of one reference row that does not fit."""
    out = []
    series = row.get("indicator")
    if series not in REFERENCE_SERIES:
        return [("indicator", series, f"one of {', '.join(REFERENCE_SERIES)}")]
    if not is_period(row.get("period")):
        out.append(("period", row.get("period"), "a period code such as 2019, 2016H1 or 2019Q1-Q3"))
    try:
        value = float(row.get("value"))
        if not pd.notna(value) or abs(value) >= 1e4:
            raise ValueError
    except (TypeError, ValueError):
        out.append(("value", row.get("value"), "a finite number"))
    if row.get("unit") != SERIES_UNITS[series]:
        out.append(("unit", row.get("unit"), f"{SERIES_UNITS[series]} for {series}"))
    for column, allowed in (("qualifier", QUALIFIERS), ("kind", KINDS), ("confidence", CONFIDENCES)):
        if column in row and row[column] not in allowed:
            out.append((column, row[column], f"one of {', '.join(allowed)}"))
    vintage, basis = row.get("vintage"), row.get("basis")
    if not _blank(vintage) and vintage not in VINTAGES:
        out.append(("vintage", vintage, f"empty or one of {', '.join(VINTAGES)}"))
    if not _blank(basis) and not _is_basis(basis):
        out.append(("basis", basis, "a census name such as census5"))
    if series == GDP_NOMINAL and (_blank(vintage) or _blank(basis)):
        out.append(("vintage/basis", f"{vintage}/{basis}", "both given on every gdp_nominal row"))
    if series != GDP_NOMINAL and not _blank(basis):
        out.append(("basis", basis, "empty: only gdp_nominal levels carry a census basis"))
    date = row.get("date_published")
    if not _blank(date) and not DATE_PUBLISHED.fullmatch(str(date)):
        out.append(("date_published", date, "empty, YYYY, YYYY-MM or YYYY-MM-DD"))
    return out


def validate_reference(reference: pd.DataFrame, name: str = "reference table") -> pd.DataFrame:
    """Return ``reference`` unchanged if every row fits; else raise `SchemaError` listing each problem."""
    problems = reference_problems(reference)
    if problems:
        shown = "; ".join(problems[:10]) + (f"; and {len(problems) - 10} more" if len(problems) > 10 else "")
        raise SchemaError(f"{name}: {len(problems)} value(s) do not fit: {shown}")
    return reference


# NOTE: what a row holds where a field does not apply (a growth rate has no vintage, a
# reference row no mapping rule): empty strings, so CSV and Parquet agree.
ROW_DEFAULTS = {"vintage": "", "basis": "", "date_published": "", "mapped_by": "", "sentence": "", "note": ""}


def indicator_row(**fields: object) -> dict:
    """One indicators row (without period bounds) from keyword fields; unknown names raise.

    Examples
    --------
    >>> r = indicator_row(indicator="sei_share_of_gdp", period="2019", value=11.5, unit="percent",
    ...     qualifier="exact", kind="actual", source_id="x", source_title="X", confidence="high")
    >>> r["vintage"], list(r) == BASE_COLUMNS
    ('', True)
    """
    unknown = set(fields) - set(BASE_COLUMNS)
    if unknown:
        raise SchemaError(f"indicator row: unknown field(s) {sorted(unknown)}; expected {BASE_COLUMNS}")
    row = {**ROW_DEFAULTS, **fields}
    missing = [c for c in BASE_COLUMNS if c not in row]
    if missing:
        raise SchemaError(f"indicator row: missing field(s) {missing}")
    return {c: row[c] for c in BASE_COLUMNS}
