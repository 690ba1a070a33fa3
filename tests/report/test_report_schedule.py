"""The runner starts the notebooks that took longest last time first (longest-processing-time-first)."""

from __future__ import annotations

import json
import threading

from click.testing import CliRunner
from test_report_fixtures import make_fixture_notebooks

import sei_analysis.report.run as run_module
from sei_analysis.cli import main
from sei_analysis.report.execute import NotebookOutcome
from sei_analysis.report.manifest import last_durations


def fake_execute(started: list[str]):
    lock = threading.Lock()

    def execute_one(name, path, tmp_dir, parameters, **kwargs):
        with lock:
            started.append(name)
        (tmp_dir / f"{name}.ipynb").write_text("{}")
        return NotebookOutcome(name, "succeeded", duration_s=0.01)

    return execute_one


def write_latest(reports, durations: dict[str, float]) -> None:
    run = reports / "earlier"
    run.mkdir(parents=True)
    notebooks = {name: {"status": "succeeded", "duration_s": s} for name, s in durations.items()}
    (run / "manifest.json").write_text(json.dumps({"notebooks": notebooks}))
    (reports / "latest").symlink_to("earlier")


def report(tmp_path, *args):
    nbdir = make_fixture_notebooks(tmp_path / "notebooks")
    argv = [
        "report",
        "--notebooks-dir",
        str(nbdir),
        "--reports-dir",
        str(tmp_path / "reports"),
        "--jobs",
        "1",
    ]
    return CliRunner().invoke(main, [*argv, *args], catch_exceptions=False)


def test_the_longest_notebook_of_the_last_good_run_starts_first(tmp_path, monkeypatch):
    started: list[str] = []
    monkeypatch.setattr(run_module, "execute_one", fake_execute(started))
    write_latest(tmp_path / "reports", {"01-writes": 6.0, "02-raises": 12.6, "03-sleeps": 14.7})
    result = report(tmp_path, "--run-id", "second")
    assert result.exit_code in (0, 1), result.stderr  # the fake writes no HTML; the order is what counts
    assert started == ["03-sleeps", "02-raises", "01-writes"]


def test_without_a_last_run_the_notebooks_start_in_their_numbered_order(tmp_path, monkeypatch):
    started: list[str] = []
    monkeypatch.setattr(run_module, "execute_one", fake_execute(started))
    report(tmp_path, "--run-id", "first")
    assert started == ["01-writes", "02-raises", "03-sleeps"]


def test_a_notebook_new_since_the_last_run_starts_before_the_known_ones(tmp_path, monkeypatch):
    started: list[str] = []
    monkeypatch.setattr(run_module, "execute_one", fake_execute(started))
    write_latest(tmp_path / "reports", {"01-writes": 1.0, "02-raises": 2.0})
    report(tmp_path, "--run-id", "third")
    assert started == ["03-sleeps", "02-raises", "01-writes"]


def test_an_unreadable_last_manifest_means_no_history(tmp_path):
    (tmp_path / "latest").mkdir()
    (tmp_path / "latest" / "manifest.json").write_text("{not json")
    assert last_durations(tmp_path) == {}
