"""The package tree shows the pipeline: one subpackage per stage, few shared modules, no cycles."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "sei_analysis"
CYCLES_TOOL = ROOT.parent / "shared" / "tools" / "import_cycles.py"
# NOTE: DESIGN.md's stages, in the order the data flows.
STAGES = ("corpus", "extract", "indicators", "scenarios", "charts", "report", "cli")
# NOTE: the shared modules DESIGN.md allows beside the stages (issue 9: at most six).
MAX_TOP_LEVEL_MODULES = 6


def test_every_stage_is_a_subpackage():
    missing = [s for s in STAGES if not (PACKAGE / s / "__init__.py").is_file()]
    assert missing == []


def test_few_modules_sit_at_the_top_of_the_package():
    top = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top


@pytest.mark.skipif(not CYCLES_TOOL.is_file(), reason="shared/tools/import_cycles.py is not beside the clone")
def test_no_module_imports_another_in_a_circle():
    out = subprocess.run(
        [sys.executable, str(CYCLES_TOOL), str(PACKAGE)], capture_output=True, text=True, check=True
    ).stdout
    assert [line for line in out.splitlines() if line.startswith("cycle:")] == [], out


def test_build_is_the_pipeline_module_under_its_old_name():
    from sei_analysis import build, pipeline

    assert build is pipeline
    assert importlib.import_module("sei_analysis.build").processed_tables is pipeline.processed_tables


@pytest.mark.parametrize(
    ("module", "names"),
    [
        (
            "sei_analysis",
            ["extract_figures", "load_corpus", "normalize_text", "indicators", "scenarios", "charts"],
        ),
        ("sei_analysis.extract", ["extract_figures", "FIGURE_COLUMNS", "MEASURES"]),
        ("sei_analysis.corpus", ["load_corpus", "read_reference", "verify_checksums"]),
        ("sei_analysis.indicators", ["build_indicators", "run_checks", "target_attainment", "share_targets"]),
        ("sei_analysis.scenarios", ["simulate", "project_share", "sensitivity_grid", "fit_trend"]),
    ],
)
def test_public_names_resolve_from_their_stage(module, names):
    mod = importlib.import_module(module)
    assert [n for n in names if not hasattr(mod, n)] == []


def test_scenarios_simulate_is_the_function_not_its_module():
    from sei_analysis.scenarios import simulate

    assert callable(simulate) and simulate.__name__ == "simulate"
