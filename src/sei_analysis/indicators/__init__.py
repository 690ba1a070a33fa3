"""The indicators stage: tidy series from the reference file and the texts, checks and targets.

Modules, in the order the data goes through them:

- ``periods``: period codes (``2019``, ``2016H1``, ``2019Q1-Q3``, ...) and their dates;
- ``schema``: the series, vocabularies and columns of the table, its pandera schema and the
  reference CSV's row checks;
- ``reference``: rows from the reference CSV, and the gaps its notes state;
- ``derive``: derived rows (implied growth, gaps, nominal GDP growth, SEI value added);
- ``mapping``: `map_figures`, which reads each text figure's sentence for its series
  (``vocab/series.yml``);
- ``table``: `build_indicators`, which merges the reference rows, the mapped text figures
  and the derived rows (open it first);
- ``review``: `review_table`, what the mapping decided, for `sei review`;
- ``checks``: `run_checks`, consistency checks on the table and the texts;
- ``targets``: `target_attainment`, and the views charts and notebooks draw;
- ``anchors``: the latest share and recent nominal GDP growth that scenarios start from.
"""

from __future__ import annotations

from sei_analysis.indicators.anchors import (
    GdpGrowthAnchor,
    ShareAnchor,
    latest_share,
    recent_gdp_growth,
    starting_point,
)
from sei_analysis.indicators.checks import run_checks
from sei_analysis.indicators.derive import add_derived, latest_gdp_levels
from sei_analysis.indicators.mapping import DECISION_COLUMNS, load_vocabulary, map_figures
from sei_analysis.indicators.periods import Period, is_period, parse_period, parse_periods
from sei_analysis.indicators.reference import PublishedGap, published_gap_indicators, reference_indicators
from sei_analysis.indicators.review import REVIEW_COLUMNS, review_table
from sei_analysis.indicators.schema import (
    BASE_COLUMNS,
    CONFIDENCES,
    GAP,
    GDP_NOMINAL,
    GDP_NOMINAL_GROWTH,
    GDP_REAL_GROWTH,
    HITECH,
    INDICATOR_COLUMNS,
    INDICATORS,
    INDUSTRY,
    KINDS,
    QUALIFIERS,
    SEI_GROWTH,
    SEI_VALUE_ADDED,
    SERIES_UNITS,
    SHARE,
    UNITS,
    VINTAGES,
    indicator_row,
    indicators_schema,
    reference_problems,
    validate_indicators,
    validate_reference,
)
from sei_analysis.indicators.table import add_period_bounds, build_indicators, merge_sources, sort_indicators
from sei_analysis.indicators.targets import (
    TARGET_COLUMNS,
    growth_comparison,
    read_processed,
    share_observations,
    share_targets,
    target_attainment,
)

__all__ = [
    "REVIEW_COLUMNS",
    "review_table",
    "DECISION_COLUMNS",
    "load_vocabulary",
    "map_figures",
    "GdpGrowthAnchor",
    "ShareAnchor",
    "latest_share",
    "recent_gdp_growth",
    "starting_point",
    "Period",
    "is_period",
    "parse_period",
    "parse_periods",
    "BASE_COLUMNS",
    "CONFIDENCES",
    "GAP",
    "GDP_NOMINAL",
    "GDP_NOMINAL_GROWTH",
    "GDP_REAL_GROWTH",
    "HITECH",
    "INDICATORS",
    "INDICATOR_COLUMNS",
    "INDUSTRY",
    "KINDS",
    "QUALIFIERS",
    "SEI_GROWTH",
    "SEI_VALUE_ADDED",
    "SERIES_UNITS",
    "SHARE",
    "TARGET_COLUMNS",
    "UNITS",
    "VINTAGES",
    "PublishedGap",
    "add_derived",
    "add_period_bounds",
    "build_indicators",
    "growth_comparison",
    "indicator_row",
    "indicators_schema",
    "latest_gdp_levels",
    "merge_sources",
    "published_gap_indicators",
    "read_processed",
    "reference_indicators",
    "reference_problems",
    "run_checks",
    "share_observations",
    "share_targets",
    "sort_indicators",
    "target_attainment",
    "validate_indicators",
    "validate_reference",
]
