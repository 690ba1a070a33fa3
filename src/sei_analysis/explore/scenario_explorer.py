"""The scenario explorer: sliders over the assumptions, a live fan, the sensitivity grid and a summary.

Drawing path (measured in ``benchmarks/bench_explore.py``, see the README): one plotly
``FigureWidget`` for the fan, updated in one ``batch_update`` per change, so the browser
does one plotly redraw per key press; the required growth, P(reach) and first-year table are
an HTML widget (no plotly redraw); the sensitivity grid is a second ``FigureWidget``
redrawn through a :class:`~sei_analysis.explore.throttle.Throttle`, and only when its cells
change. Two plotly redraws per key press cost about twice one, which is why the grid waits.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ipywidgets as W

from sei_analysis.errors import SeiAnalysisError
from sei_analysis.explore.live_figures import (
    FIGURE_WIDTH,
    build_fan,
    build_heatmap,
    draw_fan,
    draw_grid,
    grid_key,
)
from sei_analysis.explore.save import save_chart, save_params
from sei_analysis.explore.scenario_state import (
    Anchors,
    ScenarioInputs,
    ScenarioOutcome,
    compute_outcome,
    default_inputs,
    outcome_grid,
    summary_html,
)
from sei_analysis.explore.throttle import Throttle
from sei_analysis.explore.widgets import lazy_box, resolve_table

# NOTE: slider ranges: inside what notebook 03 declares, so saved parameters always pass.
RANGES = {
    "base_year": (2000, 2100, 1),
    "target_year": (2001, 2100, 1),
    "base_share": (0.5, 60.0, 0.1),
    "target_share": (0.5, 60.0, 0.1),
    # NOTE: 0.01 so the data's default (4.08% a year) is not snapped to 4.1 by the slider.
    "gdp_growth": (-10.0, 30.0, 0.01),
    "scenario": (-20.0, 60.0, 0.5),
    "growth_sd": (0.0, 15.0, 0.1),
}
# NOTE: the controls `set` and `reset` address by name (the scenarios' growth rates apart).
CONTROLS = (
    "base_year",
    "base_share",
    "target_year",
    "target_share",
    "gdp_growth",
    "fan_scenario",
    "growth_sd",
    "n_paths",
    "seed",
)
N_PATHS_CHOICES = (1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000)
GRID_INTERVAL_S = 0.25  # NOTE: the grid is redrawn at most four times a second while dragging
SLIDER_STYLE = {"description_width": "160px"}
SLIDER_LAYOUT = {"width": "440px"}


def _slider(kind: type, name: str, description: str, value: float, key: str | None = None, **extra: Any):
    """A slider over ``RANGES[key or name]``, its value clipped into the range."""
    lo, hi, step = RANGES[key or name]
    return kind(
        value=min(max(value, lo), hi),
        min=lo,
        max=hi,
        step=step,
        description=description,
        continuous_update=True,
        style=SLIDER_STYLE,
        layout=SLIDER_LAYOUT,
        **extra,
    )


def _float_slider(name: str, description: str, value: float, key: str | None = None) -> W.FloatSlider:
    step = RANGES[key or name][2]
    return _slider(
        W.FloatSlider, name, description, value, key, readout_format=".2f" if step < 0.1 else ".1f"
    )


def _int_slider(name: str, description: str, value: int) -> W.IntSlider:
    return _slider(W.IntSlider, name, description, value)


class ScenarioExplorer:
    """Controls, live charts and save buttons for the SEI share-of-GDP scenarios.

    Display it as a cell's last expression. ``inputs`` are the values in force, ``outcome``
    the results drawn; ``set(**values)`` moves controls from code (one redraw).
    """

    def __init__(
        self,
        inputs: ScenarioInputs,
        anchors: Anchors,
        *,
        figures_dir: str | os.PathLike | None = None,
        params_dir: str | os.PathLike | None = None,
        grid_interval: float = GRID_INTERVAL_S,
    ):
        self.defaults, self.anchors = inputs, anchors
        self.figures_dir = Path(figures_dir) if figures_dir else None
        self.params_dir = Path(params_dir) if params_dir else None
        self.outcome: ScenarioOutcome | None = None
        self.error: str | None = None
        self.redraws = 0  # fan redraws (one per change in force)
        self._suspended = 0
        self._grid_key: Any = None
        self.fan: Any = None
        self.heatmap: Any = None
        self._grid_throttle = Throttle(self._draw_grid, grid_interval)
        self.summary = W.HTML(layout={"width": f"{FIGURE_WIDTH}px"})
        self.status = W.HTML(layout={"width": f"{FIGURE_WIDTH}px"})
        self._build_controls(inputs)
        self.charts = lazy_box(self._build_figures)
        self._redraw()
        self.ui = W.VBox([self.controls, self.summary, self.charts])

    # ------------------------------------------------------------------ controls
    def _build_controls(self, i: ScenarioInputs) -> None:
        share, gdp = self.anchors.share, self.anchors.gdp
        self.base_year = _int_slider("base_year", "Base year", i.base_year)
        self.base_share = _float_slider("base_share", "Base share, % of GDP", i.base_share)
        base_note = (
            f"Latest published: {share.describe()}" + (f"<br><i>{share.bound}</i>" if share.bound else "")
            if share
            else "No published share in the data: notebook 03's default."
        )
        self.target_year = _int_slider("target_year", "Target year", i.target_year)
        self.target_share = _float_slider("target_share", "Target share, % of GDP", i.target_share)
        self.gdp_growth = _float_slider("gdp_growth", "Nominal GDP growth, %", i.gdp_growth)
        gdp_note = (
            f"Default from the data: {gdp.describe()}"
            if gdp
            else "No GDP levels in the data: notebook 03's default."
        )
        self.scenario_sliders = {
            name: _float_slider(name, f"SEI growth '{name}', %", g, key="scenario") for name, g in i.scenarios
        }
        self.fan_scenario = W.Dropdown(
            options=list(self.scenario_sliders),
            value=i.fan_scenario,
            description="Fan around",
            style=SLIDER_STYLE,
            layout=SLIDER_LAYOUT,
        )
        self.growth_sd = _float_slider("growth_sd", "Growth spread (sd), pp", i.growth_sd)
        choices = sorted({*N_PATHS_CHOICES, int(i.n_paths)})
        self.n_paths = W.SelectionSlider(
            options=choices,
            value=int(i.n_paths),
            description="Paths",
            continuous_update=False,
            style=SLIDER_STYLE,
            layout=SLIDER_LAYOUT,
        )
        self.seed = W.BoundedIntText(
            value=int(i.seed),
            min=0,
            max=4_294_967_295,
            description="Seed",
            style=SLIDER_STYLE,
            layout={"width": "300px"},
        )
        self.reset_button = W.Button(description="Back to the data", icon="undo")
        self.save_chart_button = W.Button(description="Save chart", icon="image", button_style="primary")
        self.save_params_button = W.Button(description="Save parameters", icon="save")
        self.reset_button.on_click(lambda _b: self.reset())
        self.save_chart_button.on_click(lambda _b: self.save_chart())
        self.save_params_button.on_click(lambda _b: self.save_params())
        for w in self._value_widgets():
            w.observe(self._on_change, names="value")
        note = {"layout": {"width": "420px"}}
        left = W.VBox(
            [
                W.HTML("<b>Start</b>"),
                self.base_year,
                self.base_share,
                W.HTML(f"<small>{base_note}</small>", **note),
                W.HTML("<b>Target</b>"),
                self.target_year,
                self.target_share,
                W.HTML("<b>Simulation</b>"),
                self.n_paths,
                self.seed,
            ]
        )
        right = W.VBox(
            [
                W.HTML("<b>Growth, nominal, % a year</b>"),
                self.gdp_growth,
                W.HTML(f"<small>{gdp_note}</small>", **note),
                *self.scenario_sliders.values(),
                self.fan_scenario,
                self.growth_sd,
            ]
        )
        buttons = W.HBox([self.reset_button, self.save_chart_button, self.save_params_button])
        self.controls = W.VBox([W.HBox([left, right]), buttons, self.status])

    def _value_widgets(self) -> list[Any]:
        return [
            self.base_year,
            self.base_share,
            self.target_year,
            self.target_share,
            self.gdp_growth,
            *self.scenario_sliders.values(),
            self.fan_scenario,
            self.growth_sd,
            self.n_paths,
            self.seed,
        ]

    @property
    def inputs(self) -> ScenarioInputs:
        """The inputs the controls hold now."""
        return ScenarioInputs(
            base_year=int(self.base_year.value),
            base_share=float(self.base_share.value),
            target_year=int(self.target_year.value),
            target_share=float(self.target_share.value),
            gdp_growth=float(self.gdp_growth.value),
            scenarios=tuple((name, float(s.value)) for name, s in self.scenario_sliders.items()),
            fan_scenario=str(self.fan_scenario.value),
            growth_sd=float(self.growth_sd.value),
            n_paths=int(self.n_paths.value),
            seed=int(self.seed.value),
        )

    @contextlib.contextmanager
    def _batch(self) -> Iterator[None]:
        """Move several controls with one redraw at the end."""
        self._suspended += 1
        try:
            yield
        finally:
            self._suspended -= 1
        if not self._suspended:
            self._redraw()

    def set(self, **values: Any) -> None:
        """Set controls by input name (``gdp_growth=4``, ``scenarios={"trend": 10}``); one redraw."""
        with self._batch():
            for name, value in values.items():
                if name == "scenarios":
                    for scen, g in dict(value).items():
                        self.scenario_sliders[scen].value = g
                elif name in CONTROLS:
                    getattr(self, name).value = value
                else:
                    raise SeiAnalysisError(f"set: unknown input {name!r}")

    def reset(self) -> None:
        """Every control back to its starting value (the data's anchors)."""
        d = self.defaults
        self.set(**{k: getattr(d, k) for k in CONTROLS}, scenarios=d.scenario_dict)

    # ------------------------------------------------------------------ redraw
    def _on_change(self, _change: Any) -> None:
        if not self._suspended:
            self._redraw()

    def _redraw(self) -> None:
        """Compute the outcome for the controls' inputs; redraw the fan now, the grid throttled."""
        try:
            inputs = self.inputs
            if inputs.target_year <= inputs.base_year:
                raise SeiAnalysisError(
                    f"the target year ({inputs.target_year}) must be after the base year ({inputs.base_year})"
                )
            # NOTE: the fan first (what the user watches); the grid is computed after it is sent.
            outcome = compute_outcome(inputs, with_grid=False)
        except SeiAnalysisError as exc:
            self.error = str(exc)
            self.status.value = f"<span style='color:#D55E00'>Not drawn: {exc}</span>"
            return
        self.error = None
        if self.status.value.startswith("<span style='color:#D55E00'>Not drawn"):
            self.status.value = ""
        self.redraws += 1
        self._draw_fan(outcome)
        outcome = dataclasses.replace(outcome, grid=outcome_grid(inputs))
        self.outcome = outcome
        self.summary.value = summary_html(outcome, self.anchors)
        self._grid_throttle(outcome)

    def _build_figures(self) -> list[Any]:
        self.fan, self.heatmap, self._grid_key = build_fan(list(self.scenario_sliders)), build_heatmap(), None
        if self.outcome is not None:
            self._draw_fan(self.outcome)
            self._draw_grid(self.outcome)
        return [self.fan, self.heatmap]

    def _draw_fan(self, outcome: ScenarioOutcome) -> None:
        if self.fan is not None:
            draw_fan(self.fan, outcome, list(self.scenario_sliders))

    def _draw_grid(self, outcome: ScenarioOutcome) -> None:
        if self.heatmap is None or outcome.grid is None:
            return
        key = grid_key(outcome)
        if key != self._grid_key:  # NOTE: the same cells: no plotly redraw
            self._grid_key = key
            draw_grid(self.heatmap, outcome)

    # ------------------------------------------------------------------ save
    def save_chart(self) -> Any:
        """Write the house fan chart with the parameters in force; returns the `SavedFigure`."""
        if self.outcome is None:
            self.status.value = "Nothing to save: the inputs are not valid."
            return None
        try:
            saved = save_chart(self.outcome, self.figures_dir)
        except SeiAnalysisError as exc:
            self.status.value = f"<span style='color:#D55E00'>Chart not saved: {exc}</span>"
            return None
        self.status.value = (
            f"Chart saved: {', '.join(sorted(p.name for p in saved.files.values()))} in {saved.out_dir}"
        )
        return saved

    def save_params(self, path: str | os.PathLike | None = None) -> Path | None:
        """Write a params file for ``sei report --params``; returns its path (None if rejected)."""
        from sei_analysis.explore.save import default_params_path

        notes = ()
        if self.anchors.share and self.anchors.share.bound:
            notes = (f"base_share: {self.anchors.share.describe()}, {self.anchors.share.bound}",)
        try:
            target = save_params(self.inputs, path or default_params_path(self.params_dir), notes=notes)
        except SeiAnalysisError as exc:
            self.status.value = f"<span style='color:#D55E00'>Parameters not saved: {exc}</span>"
            return None
        self.status.value = (
            f"Parameters saved: <code>{target}</code><br>run: <code>sei report --params {target}</code>"
        )
        return target

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.ui)


def scenario_explorer(
    tables: Any = None,
    *,
    figures_dir: str | os.PathLike | None = None,
    params_dir: str | os.PathLike | None = None,
    n_paths: int | None = None,
) -> ScenarioExplorer:
    """Open the scenario explorer, starting from the latest published share and recent GDP growth.

    Parameters
    ----------
    tables : ProcessedTables or DataFrame, optional
        ``build.processed_tables()`` or the indicators table; default ``data/processed``.
    figures_dir : path, optional
        Where "Save chart" writes (default ``$SEI_FIGURES_DIR`` or ``reports/scratch/figures``).
    params_dir : path, optional
        Where "Save parameters" writes (default ``reports/params``).
    n_paths : int, optional
        Simulated paths to start with (default notebook 03's).
    """
    inputs, anchors = default_inputs(resolve_table(tables, "indicators"))
    if n_paths is not None:
        inputs = inputs.replace(n_paths=int(n_paths))
    return ScenarioExplorer(inputs, anchors, figures_dir=figures_dir, params_dir=params_dir)
