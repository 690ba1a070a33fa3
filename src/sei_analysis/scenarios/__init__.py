"""The scenarios stage: where the SEI share of GDP goes under assumed growth rates.

Everything is in percent: shares in percent of GDP, growth rates in percent a year,
both nominal. The share moves with the ratio of the two nominal growth rates::

    s[t+1] = s[t] * (1 + g_sei / 100) / (1 + g_gdp / 100)

Modules: ``inputs`` (the checks every input goes through), ``share`` (`required_growth`,
`years_to_target`, `project_share`; open it first), ``montecarlo`` (`simulate`, the fan),
``sensitivity`` (`sensitivity_grid`), ``frames`` (`fan_frames`: fans over a grid of growth
rates, for charts with sliders) and ``trend`` (`fit_trend`; statsmodels is imported
only when it runs). Importing this package loads neither matplotlib nor statsmodels.
"""

from __future__ import annotations

from sei_analysis.scenarios.frames import FanFrames, fan_frames, growth_steps
from sei_analysis.scenarios.montecarlo import (
    GrowthAssumptions,
    SimulationResult,
    growth_assumptions_from_history,
    simulate,
)
from sei_analysis.scenarios.sensitivity import SensitivityGrid, sensitivity_grid
from sei_analysis.scenarios.share import (
    DEFAULT_SCENARIO,
    SHARE_FORMULA,
    ShareProjection,
    project_share,
    required_growth,
    years_to_target,
)
from sei_analysis.scenarios.trend import TrendFit, decimal_date, fit_trend

__all__ = [
    "DEFAULT_SCENARIO",
    "FanFrames",
    "SHARE_FORMULA",
    "GrowthAssumptions",
    "SensitivityGrid",
    "ShareProjection",
    "SimulationResult",
    "TrendFit",
    "decimal_date",
    "fan_frames",
    "fit_trend",
    "growth_assumptions_from_history",
    "growth_steps",
    "project_share",
    "required_growth",
    "sensitivity_grid",
    "simulate",
    "years_to_target",
]
