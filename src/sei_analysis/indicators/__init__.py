"""The indicators stage: tidy series from the reference file and the texts, checks and targets.

Modules, in the order the data goes through them:

- ``periods``: period codes (``2019``, ``2016H1``, ``2019Q1-Q3``, ...) and their dates;
- ``schema``: the series, vocabularies and columns of the table, and its pandera schema;
- ``table``: `build_indicators`, which maps text figures to series, merges the sources and
  adds derived rows (open it first);
- ``checks``: `run_checks`, consistency checks on the table and the texts;
- ``targets``: `target_attainment`, and the views charts and notebooks draw.
"""

from __future__ import annotations

from sei_analysis.indicators.checks import run_checks
from sei_analysis.indicators.periods import Period, is_period, parse_period, parse_periods
from sei_analysis.indicators.schema import (
    BASE_COLUMNS,
    CONFIDENCES,
    GAP,
    INDICATOR_COLUMNS,
    INDICATORS,
    INDUSTRY,
    KINDS,
    QUALIFIERS,
    SEI_GROWTH,
    SHARE,
    UNITS,
    indicators_schema,
    validate_indicators,
)
from sei_analysis.indicators.table import (
    IndicatorMap,
    PublishedGap,
    TextRule,
    add_derived,
    add_period_bounds,
    build_indicators,
    load_indicator_map,
    merge_sources,
    published_gap_indicators,
    reference_indicators,
    sort_indicators,
    text_indicators,
)
from sei_analysis.indicators.targets import (
    TARGET_COLUMNS,
    growth_comparison,
    read_processed,
    share_observations,
    share_targets,
    target_attainment,
)

__all__ = [
    "BASE_COLUMNS",
    "CONFIDENCES",
    "GAP",
    "INDICATORS",
    "INDICATOR_COLUMNS",
    "INDUSTRY",
    "KINDS",
    "QUALIFIERS",
    "SEI_GROWTH",
    "SHARE",
    "TARGET_COLUMNS",
    "UNITS",
    "IndicatorMap",
    "Period",
    "PublishedGap",
    "TextRule",
    "add_derived",
    "add_period_bounds",
    "build_indicators",
    "growth_comparison",
    "indicators_schema",
    "is_period",
    "load_indicator_map",
    "merge_sources",
    "parse_period",
    "parse_periods",
    "published_gap_indicators",
    "read_processed",
    "reference_indicators",
    "run_checks",
    "share_observations",
    "share_targets",
    "sort_indicators",
    "target_attainment",
    "text_indicators",
    "validate_indicators",
]
