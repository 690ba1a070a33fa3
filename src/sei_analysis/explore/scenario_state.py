"""The scenario explorer's logic, without widgets: inputs, their defaults from the data, the results.

`default_inputs` starts from what the data says (the latest published share, with its
qualifier, and recent nominal GDP growth) and from notebook 03's declared defaults for the
rest; `compute_outcome` runs the scenario stage on a set of inputs; `summary_html` states
the required growth, the chance of reaching the target and when it is first reached. All
figures are in percent.
"""

from __future__ import annotations

import dataclasses
import html
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sei_analysis import config
from sei_analysis.indicators.anchors import GdpGrowthAnchor, ShareAnchor, latest_share, recent_gdp_growth
from sei_analysis.scenarios.montecarlo import SimulationResult, simulate
from sei_analysis.scenarios.sensitivity import SensitivityGrid, sensitivity_grid
from sei_analysis.scenarios.share import ShareProjection, project_share, required_growth

# NOTE: the report notebook whose parameters the explorer edits; "Save parameters" writes
# a section for it, and its declared defaults are the explorer's starting values.
SCENARIO_NOTEBOOK = "03-scenario-projections"
# NOTE: used only when notebook 03 cannot be read (e.g. a package installed without the
# notebooks); the same values as its parameters cell.
FALLBACK_DEFAULTS: dict[str, Any] = {
    "base_year": 2022,
    "base_share": 13.0,
    "target_year": 2025,
    "target_share": 17.0,
    "gdp_growth": 4.08,
    "scenarios": {"slow": 6.0, "trend": 9.0, "fast": 12.0},
    "fan_scenario": "trend",
    "growth_sd": 2.0,
    "n_paths": 10_000,
    "seed": 20201030,
}
# NOTE: the sensitivity grid is centred on the current assumptions: SEI growth every 2
# points and GDP growth every point, three steps either side (a 7 x 7 grid).
GRID_SEI_STEP, GRID_GDP_STEP, GRID_HALF_WIDTH = 2.0, 1.0, 3
# NOTE: the ranges notebook 03 declares, so a saved grid always passes the parameter check.
GRID_SEI_RANGE, GRID_GDP_RANGE = (-50.0, 100.0), (-10.0, 30.0)


@dataclass(frozen=True)
class ScenarioInputs:
    """Everything a scenario run depends on; the names are notebook 03's parameters."""

    base_year: int
    base_share: float
    target_year: int
    target_share: float
    gdp_growth: float
    scenarios: tuple[tuple[str, float], ...]
    fan_scenario: str
    growth_sd: float
    n_paths: int
    seed: int

    def replace(self, **changes: Any) -> ScenarioInputs:
        """A copy with ``changes``; ``scenarios`` may be a dict."""
        if isinstance(changes.get("scenarios"), dict):
            changes["scenarios"] = tuple((str(k), float(v)) for k, v in changes["scenarios"].items())
        return dataclasses.replace(self, **changes)

    @property
    def scenario_dict(self) -> dict[str, float]:
        return dict(self.scenarios)

    @property
    def fan_growth(self) -> float:
        """Mean SEI growth of the simulated fan: the growth of ``fan_scenario``."""
        return self.scenario_dict[self.fan_scenario]

    def grid_axes(self) -> tuple[list[float], list[float]]:
        """SEI and GDP growth rates of the sensitivity grid, centred on the current ones."""
        return (
            _centred(self.fan_growth, GRID_SEI_STEP, 1.0, GRID_SEI_RANGE),
            _centred(self.gdp_growth, GRID_GDP_STEP, 0.5, GRID_GDP_RANGE),
        )

    def report_params(self) -> dict[str, Any]:
        """Notebook 03's parameters for these inputs: plain numbers, strings, dicts and lists."""
        sei, gdp = self.grid_axes()
        return {
            "base_year": int(self.base_year),
            "base_share": round(float(self.base_share), 6),
            "target_year": int(self.target_year),
            "target_share": round(float(self.target_share), 6),
            "gdp_growth": round(float(self.gdp_growth), 6),
            "scenarios": {name: round(float(g), 6) for name, g in self.scenarios},
            "fan_scenario": self.fan_scenario,
            "growth_sd": round(float(self.growth_sd), 6),
            "n_paths": int(self.n_paths),
            "seed": int(self.seed),
            "grid_sei_growth": sei,
            "grid_gdp_growth": gdp,
        }


@dataclass(frozen=True)
class Anchors:
    """Where the data-driven defaults come from (None when the data could not give one)."""

    share: ShareAnchor | None
    gdp: GdpGrowthAnchor | None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class ScenarioOutcome:
    """The results for one set of inputs: required growth, paths, the fan and the grid."""

    inputs: ScenarioInputs
    required: float
    projection: ShareProjection
    simulation: SimulationResult
    grid: SensitivityGrid | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _centred(value: float, step: float, snap: float, bounds: tuple[float, float]) -> list[float]:
    """Seven values ``step`` apart around ``value`` snapped to ``snap``, inside ``bounds``.

    Examples
    --------
    >>> _centred(4.08, 1.0, 0.5, (-10, 30))
    [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
    """
    centre = round(value / snap) * snap
    values = [round(centre + k * step, 6) for k in range(-GRID_HALF_WIDTH, GRID_HALF_WIDTH + 1)]
    return [v for v in values if bounds[0] <= v <= bounds[1]] or [
        round(min(max(centre, bounds[0]), bounds[1]), 6)
    ]


def notebook_defaults(notebooks_dir: Path | None = None) -> dict[str, Any]:
    """Notebook 03's declared defaults (numbers only), falling back to `FALLBACK_DEFAULTS`."""
    from sei_analysis.errors import ParameterError
    from sei_analysis.report.params import declared_parameters

    path = Path(notebooks_dir or config.NOTEBOOKS_DIR) / f"{SCENARIO_NOTEBOOK}.ipynb"
    defaults = dict(FALLBACK_DEFAULTS)
    if not path.is_file():
        return defaults
    try:
        declared = declared_parameters(path)
    except ParameterError:
        return defaults
    for name, fallback in FALLBACK_DEFAULTS.items():
        value = declared[name].default if name in declared else None
        if isinstance(value, type(fallback)) or (isinstance(fallback, float) and isinstance(value, int)):
            defaults[name] = value  # NOTE: a symbolic default ("latest") keeps the fallback here.
    return defaults


def default_inputs(
    indicators: Any = None, notebooks_dir: Path | None = None
) -> tuple[ScenarioInputs, Anchors]:
    """Starting inputs: the latest published share and recent GDP growth, notebook 03 for the rest.

    Parameters
    ----------
    indicators : DataFrame, optional
        The indicators table; without it (or when it lacks a share or GDP levels) the
        notebook's defaults are used and `Anchors.notes` says why.
    """
    from sei_analysis.errors import InputError

    d = notebook_defaults(notebooks_dir)
    share = gdp = None
    notes = []
    if indicators is not None:
        try:
            share = latest_share(indicators)
        except InputError as exc:
            notes.append(str(exc))
        try:
            gdp = recent_gdp_growth(indicators, years=2)
        except InputError as exc:
            notes.append(str(exc))
    else:
        notes.append("no indicators table: base share and GDP growth are notebook 03's defaults")
    base_year, base_share = (share.year, share.value) if share else (d["base_year"], d["base_share"])
    target_year = max(int(d["target_year"]), int(base_year) + 1)
    inputs = ScenarioInputs(
        base_year=int(base_year),
        base_share=float(base_share),
        target_year=target_year,
        target_share=float(d["target_share"]),
        gdp_growth=round(gdp.value, 2) if gdp else float(d["gdp_growth"]),
        scenarios=tuple((str(k), float(v)) for k, v in d["scenarios"].items()),
        fan_scenario=d["fan_scenario"] if d["fan_scenario"] in d["scenarios"] else next(iter(d["scenarios"])),
        growth_sd=float(d["growth_sd"]),
        n_paths=int(d["n_paths"]),
        seed=int(d["seed"]),
    )
    return inputs, Anchors(share, gdp, tuple(notes))


def compute_outcome(inputs: ScenarioInputs, with_grid: bool = True) -> ScenarioOutcome:
    """Run the scenario stage on ``inputs``; raises `ScenarioError` for inputs it rejects."""
    years = inputs.target_year - inputs.base_year
    needed = required_growth(inputs.base_share, inputs.target_share, years, inputs.gdp_growth)
    projection = project_share(
        inputs.base_share,
        inputs.base_year,
        years,
        {**inputs.scenario_dict, "required": needed},
        inputs.gdp_growth,
        target_share=inputs.target_share,
    )
    simulation = simulate(
        inputs.base_share,
        inputs.base_year,
        inputs.target_year,
        inputs.target_share,
        inputs.gdp_growth,
        inputs.fan_growth,
        inputs.growth_sd,
        n_paths=inputs.n_paths,
        seed=inputs.seed,
    )
    grid = outcome_grid(inputs) if with_grid else None
    return ScenarioOutcome(inputs, needed, projection, simulation, grid)


def outcome_grid(inputs: ScenarioInputs) -> SensitivityGrid:
    """The sensitivity grid centred on ``inputs`` (see `ScenarioInputs.grid_axes`)."""
    sei, gdp = inputs.grid_axes()
    return sensitivity_grid(
        inputs.base_share, inputs.base_year, inputs.target_year, sei, gdp, target_share=inputs.target_share
    )


def _pct(p: float) -> str:
    """A probability as a percentage that never rounds a possibility away.

    Examples
    --------
    >>> _pct(0.0004), _pct(0.0), _pct(0.9996), _pct(0.42)
    ('<0.1%', '0%', '>99.9%', '42%')
    """
    if p <= 0 or p >= 1:
        return f"{p:.0%}"
    if p < 0.001:
        return "<0.1%"
    if p > 0.999:
        return ">99.9%"
    return f"{p:.0%}" if 0.01 <= p <= 0.99 else f"{p:.1%}"


def summary_html(outcome: ScenarioOutcome, anchors: Anchors | None = None) -> str:
    """What the outcome says, as a short HTML block (escaped; no scripts)."""
    i, sim = outcome.inputs, outcome.simulation
    esc = html.escape
    lines = [
        f"<b>Required nominal SEI growth:</b> {outcome.required:.2f}% a year, from {i.base_share:g}% in "
        f"{i.base_year} to {i.target_share:g}% in {i.target_year} with nominal GDP growth of "
        f"{i.gdp_growth:g}% a year.",
        f"<b>P(target reached by {i.target_year})</b> = {_pct(sim.prob_reached)} of {sim.n_paths:,} paths "
        f"(fan: {esc(i.fan_scenario)}, {i.fan_growth:g}% ± {i.growth_sd:g} pp a year); "
        f"{_pct(sim.prob_at_target_year)} are at or above it in {i.target_year} itself.",
    ]
    if (
        anchors
        and anchors.share
        and math.isclose(anchors.share.value, i.base_share)
        and anchors.share.year == i.base_year
    ):
        bound = anchors.share.bound
        lines.append(
            f"<b>Base:</b> {esc(anchors.share.describe())}"
            + (f" — {esc(bound)}; the paths start from it, so read them as bounds too." if bound else ".")
        )
    cells = "".join(
        f"<tr><td>{esc(str(r.outcome))}</td><td style='text-align:right'>{_pct(r.probability)}</td>"
        f"<td style='text-align:right'>{_pct(r.cumulative_probability)}</td></tr>"
        for r in sim.first_reached.itertuples()
        if r.paths > 0 or r.outcome.startswith("not")
    )
    table = (
        "<table class='sei-first-reached'><thead><tr><th>first reached</th><th>paths</th>"
        f"<th>cumulative</th></tr></thead><tbody>{cells}</tbody></table>"
    )
    return "<div class='sei-summary'>" + "<br>".join(lines) + table + "</div>"


def outcome_chart(outcome: ScenarioOutcome, name: str = "scenario_fan_explore") -> Any:
    """The house fan chart (static and plotly) of ``outcome``, its parameters in ``params``."""
    from sei_analysis.charts.scenario_charts import scenario_fan

    i = outcome.inputs
    chart = scenario_fan(
        outcome.projection.to_frame(), outcome.simulation.bands, (i.target_year, i.target_share), name=name
    )
    params = {**dict(chart.params), **i.report_params(), "required_growth": round(outcome.required, 6)}
    params["prob_reached"] = outcome.simulation.prob_reached
    return dataclasses.replace(chart, params=params)
