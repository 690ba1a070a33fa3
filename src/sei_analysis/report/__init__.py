"""The report runner: parameterised notebooks in, a complete run directory out.

Public functions::

    from sei_analysis.report import run_report, prepare_run, apply_retention

``run_report(params_file=..., assignments=["gdp_growth=6"], only=["03"])`` checks the
parameters against each notebook's ``parameters`` cell (``papermill.inspect_notebook``),
runs the notebooks in parallel with papermill, exports HTML with the code hidden, builds
the briefing pack and moves the finished run to ``reports/<run-id>/``. See
``reports/README.md`` for the layout and the params file format.
"""

from __future__ import annotations

from sei_analysis.report.params import (
    Declared,
    NotebookSpec,
    declared_parameters,
    discover_notebooks,
    parse_range,
    resolve_parameters,
)
from sei_analysis.report.run import RunResult, build_briefing, prepare_run, run_report
from sei_analysis.report.rundir import apply_retention, latest_target, validate_run_id

__all__ = [
    "Declared",
    "NotebookSpec",
    "RunResult",
    "apply_retention",
    "build_briefing",
    "declared_parameters",
    "discover_notebooks",
    "latest_target",
    "parse_range",
    "prepare_run",
    "resolve_parameters",
    "run_report",
    "validate_run_id",
]
