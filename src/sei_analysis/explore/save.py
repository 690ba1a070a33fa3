"""From an exploration to a briefing and a schedule: save the chart, save the parameters.

``save_params`` writes a params file for ``sei report --params`` with a section for the
scenario notebook, and checks it with the runner's own parameter check
(:func:`sei_analysis.report.prepare_run`, as ``sei report --params FILE --only 03`` does)
before it is moved into place: a file that would not run is never left behind.
``save_chart`` writes the house fan chart through ``Chart.save`` (PNG, SVG, PDF, CSV,
``meta.json`` with the parameters in force, and the interactive HTML).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from sei_analysis import config
from sei_analysis.atomic import atomic_path
from sei_analysis.explore.scenario_state import (
    SCENARIO_NOTEBOOK,
    ScenarioInputs,
    ScenarioOutcome,
    outcome_chart,
)

HEADER = """\
# Parameters saved from the scenario explorer (notebooks/04-explore.ipynb) on {when}.
# Run them on a schedule:  sei report --params {path}
# Checked against {notebook}'s parameters cell when saved.{notes}
"""


def default_params_path(params_dir: str | os.PathLike | None = None, now: dt.datetime | None = None) -> Path:
    """``<params_dir or reports/params>/explore-YYYYMMDDTHHMMSSZ.yml``."""
    now = now or dt.datetime.now(dt.UTC)
    folder = Path(params_dir) if params_dir else config.REPORTS_DIR / "params"
    return folder / f"explore-{now:%Y%m%dT%H%M%SZ}.yml"


def params_document(inputs: ScenarioInputs, notebook: str = SCENARIO_NOTEBOOK) -> dict[str, Any]:
    """The YAML document: one section named after the scenario notebook."""
    return {notebook: inputs.report_params()}


def save_params(
    inputs: ScenarioInputs,
    path: str | os.PathLike | None = None,
    *,
    notebooks_dir: str | os.PathLike | None = None,
    notes: tuple[str, ...] = (),
) -> Path:
    """Write ``inputs`` as a params file that ``sei report --params`` accepts; return its path.

    Raises
    ------
    ParameterError
        The runner's check rejects the file (it is then not written).
    """
    import yaml

    from sei_analysis.errors import ParameterError
    from sei_analysis.report.run import prepare_run

    path = Path(path) if path is not None else default_params_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    note_lines = "".join(f"\n# {line}" for line in notes)
    body = yaml.safe_dump(
        params_document(inputs), sort_keys=False, allow_unicode=True, default_flow_style=None
    )
    text = HEADER.format(when=when, path=path, notebook=SCENARIO_NOTEBOOK, notes=note_lines) + body
    with atomic_path(path) as tmp:
        Path(tmp).write_text(text, encoding="utf-8")
        # NOTE: the same check `sei report --params FILE --only 03` runs before any kernel.
        try:
            prepare_run(
                Path(notebooks_dir or config.NOTEBOOKS_DIR), only=[SCENARIO_NOTEBOOK], params_file=Path(tmp)
            )
        except ParameterError as exc:
            text = str(exc).replace(str(tmp), str(path))
            raise ParameterError(text if str(path) in text else f"params file {path}: {text}") from exc
    return path


def save_chart(
    outcome: ScenarioOutcome, out_dir: str | os.PathLike | None = None, name: str | None = None
) -> Any:
    """Write the house fan chart of ``outcome``; returns the `SavedFigure`."""
    chart = outcome_chart(outcome, name=name or "scenario_fan_explore")
    return chart.save(out_dir)
