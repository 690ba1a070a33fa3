"""Benchmark: ``sei report`` against a naive shell loop over the same notebooks.

The naive loop is what one would write without the runner: for each notebook, one after
the other, the ``papermill`` CLI, then ``jupyter nbconvert --to html --no-input``. Both
sides run the same notebooks with their default parameters, with charts written to a temp
dir, in the same invocation of this script; ``sei report`` also writes the manifest and
builds the briefing pack, which the loop does not. Prints both wall times and the ratio
(goal: <= 0.6).

Usage: ``.venv/bin/python benchmarks/bench_report.py [--repeat N]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
NOTEBOOKS = ROOT / "notebooks"
GOAL = 0.6


def run(cmd: list[str], **kwargs) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        sys.exit(f"bench_report: {' '.join(cmd[:3])} ... failed ({done.returncode}):\n{done.stderr[-2000:]}")


def scheduled() -> list[Path]:
    """The notebooks a report run executes (04-explore is for JupyterLab and never runs)."""
    from sei_analysis.report.params import discover_notebooks

    return discover_notebooks(NOTEBOOKS)


def naive_loop(out: Path) -> float:
    """papermill CLI then jupyter nbconvert, per notebook, sequentially; wall seconds."""
    figures = out / "figures"
    figures.mkdir(parents=True)
    env = {**os.environ, "SEI_FIGURES_DIR": str(figures)}
    began = time.perf_counter()
    for nb in scheduled():
        executed = out / nb.name
        run(
            [
                str(BIN / "papermill"),
                str(nb),
                str(executed),
                "-p",
                "figures_dir",
                str(figures),
                "--cwd",
                str(NOTEBOOKS),
                "--no-progress-bar",
            ],
            env=env,
        )
        run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)], env=env)
    return time.perf_counter() - began


def sei_report(reports: Path) -> float:
    """``sei report`` into a temp reports dir; wall seconds."""
    began = time.perf_counter()
    run([str(BIN / "sei"), "report", "--reports-dir", str(reports), "--run-id", "bench"])
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="measure each side N times, keep the best")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-report-"))
    try:
        naive, runner = [], []
        for i in range(args.repeat):
            naive.append(naive_loop(tmp / f"naive-{i}"))
            runner.append(sei_report(tmp / f"reports-{i}"))
        best_naive, best_runner = min(naive), min(runner)
        ratio = best_runner / best_naive
        n = len(scheduled())
        print(f"notebooks: {n}; cores: {os.cpu_count()}; repeats: {args.repeat}")
        print(f"naive loop (papermill CLI + jupyter nbconvert, sequential): {best_naive:6.1f} s")
        print(f"sei report (parallel, HTML, manifest, briefing):           {best_runner:6.1f} s")
        verdict = "OK" if ratio <= GOAL else "ABOVE GOAL"
        print(f"ratio sei report / naive: {ratio:.2f} (goal <= {GOAL})  {verdict}")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
