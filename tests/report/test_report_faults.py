"""The report runner under faults (issue 14): early exits, signals, kills, full and read-only disks.

Every fault exits 1 with one line, the failed run (when there is one) is kept as
``<run-id>.failed/``, and ``latest`` and earlier runs stay whole.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from test_report_fixtures import make_notebook, sei_report

SEI = Path(sys.executable).with_name("sei")
# NOTE: a notebook that records its kernel's pid (so a test can check the kernel is gone),
# then sleeps; "marker" is where the pid goes.
SLEEPER_PARAMS = 'marker: str = ""  # file for the kernel pid\nseconds: float = 120.0  # sleep [0, 600]'
SLEEPER_CELLS = (
    "import os, pathlib\nif marker:\n    pathlib.Path(marker).write_text(str(os.getpid()))",
    "import time\ntime.sleep(seconds)",
)


def entries(reports: Path) -> list[str]:
    return sorted(p.name for p in reports.iterdir()) if reports.exists() else []


def manifest_of(run_dir: Path) -> dict:
    return json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))


def one_line(text: str) -> str:
    lines = [x for x in text.strip().splitlines() if x.startswith("sei: error:")]
    assert len(lines) == 1, text
    return lines[0]


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie, dead but not yet reaped, counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def wait_for(predicate, timeout: float = 90.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


class Runner:
    """``sei report`` in a subprocess of its own session, killed with its kernels at the end."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [str(SEI), "report", *args], stderr=subprocess.PIPE, text=True, start_new_session=True
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stderr:
            self.lines.append(line)

    def saw(self, text: str) -> bool:
        return any(text in line for line in self.lines)

    def stderr(self) -> str:
        self._reader.join(timeout=10)
        return "".join(self.lines)

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)


@pytest.fixture
def runner():
    started: list[Runner] = []

    def start(*args: str) -> Runner:
        started.append(Runner(*args))
        return started[-1]

    yield start
    for r in started:
        r.close()


# ---------------------------------------------------------------- item 2: sys.exit() in a cell
@pytest.mark.parametrize(
    "cells",
    [
        ("import sys\nsys.exit()", "open('after.txt', 'w').write('ran')"),
        ("raise SystemExit(0)", "open('after.txt', 'w').write('ran')"),
        ("import sys\nsys.exit(0)", "", "open('after.txt', 'w').write('ran')"),
        ("print('first')", "import sys\nsys.exit()"),
    ],
    ids=["sys.exit()", "SystemExit(0)", "sys.exit(0) before an empty cell", "sys.exit() in the last cell"],
)
def test_an_exit_in_a_cell_fails_the_run(tmp_path, reports, cells):
    nbdir = tmp_path / "nb"
    make_notebook(nbdir, "01-exits", "a: int = 1  # a", *cells)
    make_notebook(nbdir, "02-fine", "b: int = 1  # b", "print(b)")
    assert sei_report(nbdir, reports, "--run-id", "good", "--only", "02").exit_code == 0

    result = sei_report(nbdir, reports, "--run-id", "early")

    assert result.exit_code == 1, result.stderr
    assert "01-exits" in one_line(result.stderr) and "SystemExit" in result.stderr
    assert entries(reports) == [".lock", "early.failed", "good", "latest"]
    assert os.readlink(reports / "latest") == "good"
    failed = manifest_of(reports / "early.failed")["notebooks"]["01-exits"]
    assert failed["status"] == "failed" and failed["error"]["ename"] == "SystemExit"
    assert isinstance(failed["error"]["cell_index"], int)
    assert not (nbdir / "after.txt").exists()


def test_an_empty_cell_or_one_tagged_skip_execution_does_not_fail_the_run(tmp_path, reports):
    nbdir = tmp_path / "nb"
    path = make_notebook(nbdir, "01-gaps", "a: int = 1  # a", "", "print('x')", "print('skipped')")
    import nbformat

    nb = nbformat.read(path, as_version=4)
    nb.cells[-1].metadata["tags"] = ["skip-execution"]
    nbformat.write(nb, path)

    result = sei_report(nbdir, reports, "--run-id", "ok")

    assert result.exit_code == 0, result.stderr
    assert manifest_of(reports / "ok")["notebooks"]["01-gaps"]["status"] == "succeeded"


def test_a_notebook_whose_later_cells_never_ran_fails(tmp_path, monkeypatch):
    """Whatever stops a notebook early (papermill issue #501's silent magics too), a code cell
    without an execution count means it did not run."""
    import nbformat
    import papermill

    from sei_analysis.report.execute import execute_one

    src = make_notebook(tmp_path / "nb", "01-x", "a: int = 1  # a", "print(a)", "print(2)")

    def stops_early(input_path, output_path, **kwargs):
        nb = nbformat.read(input_path, as_version=4)
        nb.cells[0].execution_count = 1
        nb.cells[1].execution_count = 2
        nbformat.write(nb, output_path)  # the last cell has no execution count, no error
        return nb

    monkeypatch.setattr(papermill, "execute_notebook", stops_early)
    outcome = execute_one("01-x", src, tmp_path, {}, cwd=tmp_path, timeout=30)

    assert outcome.status == "failed"
    assert outcome.error["ename"] == "CellNotExecuted" and outcome.error["cell_index"] == 2


# ---------------------------------------------------------------- items 6 and 11: signals
def sleepers(folder: Path, names: tuple[str, ...]) -> Path:
    for name in names:
        make_notebook(folder, name, SLEEPER_PARAMS, *SLEEPER_CELLS)
    return folder


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGINT"])
def test_a_signal_stops_a_run_with_a_queued_notebook_promptly(tmp_path, reports, runner, signame):
    nbdir = sleepers(tmp_path / "nb", ("01-a", "02-b"))
    marker = tmp_path / "kernel.pid"
    run = runner(
        "--notebooks-dir", str(nbdir), "--reports-dir", str(reports), "--jobs", "1",
        "-p", f"01-a.marker={marker}", "--run-id", "cut",
    )  # fmt: skip
    wait_for(marker.exists, what="the first notebook's kernel to run")
    kernel = int(marker.read_text())

    run.proc.send_signal(getattr(signal, signame))

    assert run.proc.wait(timeout=20) == 1  # ~30 s before the fix: cancelled futures never count as done
    assert "interrupted by " + signame in one_line(run.stderr())
    assert entries(reports) == [".lock", "cut.failed"]
    m = manifest_of(reports / "cut.failed")
    assert m["status"] == "failed" and m["error"].startswith("interrupted")
    assert m["notebooks"]["01-a"]["status"] == "failed"
    assert m["notebooks"]["01-a"]["error"]["ename"] == "Cancelled"
    assert m["notebooks"]["02-b"]["status"] == "skipped"
    wait_for(lambda: not alive(kernel), timeout=10, what="the kernel to be gone")


@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
def test_a_signal_while_the_kernel_is_still_starting_stops_the_run(tmp_path, reports, runner, signame):
    """The race behind the flaky SIGINT test: the signal lands before the kernel runs a cell."""
    nbdir = sleepers(tmp_path / "nb", ("01-a",))
    run = runner("--notebooks-dir", str(nbdir), "--reports-dir", str(reports), "--run-id", "cut")
    wait_for(lambda: run.saw("01-a started"), what="the notebook to start")

    run.proc.send_signal(getattr(signal, signame))

    assert run.proc.wait(timeout=20) == 1
    assert entries(reports) == [".lock", "cut.failed"]
    assert manifest_of(reports / "cut.failed")["notebooks"]["01-a"]["status"] in ("failed", "skipped")


def test_a_cancel_between_the_check_and_the_kernel_start_still_stops_the_notebook(tmp_path):
    """Deterministic version of the race: the run is cancelled just as the notebook registers
    its kernel watch, after it last looked at the cancel flag."""
    from sei_analysis.report.execute import execute_one

    src = make_notebook(tmp_path / "nb", "01-x", SLEEPER_PARAMS, *SLEEPER_CELLS)
    cancel = threading.Event()

    class LateCancel(dict):
        def __setitem__(self, key, value):
            cancel.set()  # the main thread cancels and walks the (still empty) watches ...
            super().__setitem__(key, value)  # ... then the watch lands

    outcome = {}
    worker = threading.Thread(
        target=lambda: outcome.update(
            r=execute_one(
                "01-x", src, tmp_path, {}, cwd=tmp_path, timeout=300, cancel=cancel, watches=LateCancel()
            )
        ),
        daemon=True,
    )
    worker.start()
    worker.join(timeout=30)

    assert not worker.is_alive(), "the notebook kept running after the run was cancelled"
    assert outcome["r"].status in ("failed", "skipped")
    assert outcome["r"].error["ename"] == "Cancelled"


# ---------------------------------------------------------------- item 7: what kill -9 leaves
def test_the_next_run_cleans_up_what_a_killed_run_left(tmp_path, reports, runner):
    nbdir = sleepers(tmp_path / "nb", ("01-a",))
    marker = tmp_path / "kernel.pid"
    run = runner(
        "--notebooks-dir", str(nbdir), "--reports-dir", str(reports), "-p", f"marker={marker}",
        "--run-id", "killed",
    )  # fmt: skip
    wait_for(marker.exists, what="the kernel to run")
    os.killpg(run.proc.pid, signal.SIGKILL)  # the runner and its kernel, as the OOM killer would
    run.proc.wait(timeout=30)
    left = entries(reports)
    assert ".lock.info" in left and any(n.startswith(".tmp-killed-") for n in left), left

    result = sei_report(nbdir, reports, "-p", "seconds=0", "--run-id", "next")

    assert result.exit_code == 0, result.stderr
    assert entries(reports) == [".lock", "latest", "next"]
    assert f"pid {run.proc.pid}" in result.stderr and "removed" in result.stderr


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_cleanup_never_touches_a_live_runs_files(tmp_path):
    from sei_analysis.report import rundir

    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        gone = dead_pid()
        (tmp_path / f".tmp-a-pid{live.pid}-abcd1234").mkdir()
        (tmp_path / f".tmp-b-pid{gone}-abcd1234").mkdir()
        (tmp_path / f".trash-c-pid{gone}-abcd1234").mkdir()
        (tmp_path / ".lock.info").write_text(json.dumps({"pid": live.pid, "run_id": "a"}))
        (tmp_path / "keep.failed").mkdir()

        removed = rundir.remove_stale(tmp_path)

        assert entries(tmp_path) == [".lock.info", f".tmp-a-pid{live.pid}-abcd1234", "keep.failed"]
        assert sorted(removed) == [f".tmp-b-pid{gone}-abcd1234", f".trash-c-pid{gone}-abcd1234"]
    finally:
        live.kill()
        live.wait()


def test_a_lock_record_naming_a_dead_pid_is_removed(tmp_path):
    from sei_analysis.report import rundir

    gone = dead_pid()
    (tmp_path / ".lock.info").write_text(json.dumps({"pid": gone, "run_id": "x", "since": "then"}))

    removed = rundir.remove_stale(tmp_path)

    assert removed == [f".lock.info (pid {gone}, run x)"] and entries(tmp_path) == []


# ---------------------------------------------------------------- item 4: full and read-only disks
def enospc(path: Path) -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))


def test_a_full_disk_while_the_manifest_is_written_keeps_a_failed_run(nbdir, reports, monkeypatch):
    import sei_analysis.report.manifest as mf

    assert sei_report(nbdir, reports, "--only", "03", "--run-id", "good").exit_code == 0
    good = (reports / "good" / "manifest.json").read_bytes()

    def full(run_dir, manifest):
        raise enospc(Path(run_dir) / "manifest.json")

    monkeypatch.setattr(mf, "write_manifest", full)
    result = sei_report(nbdir, reports, "--only", "03", "--run-id", "bad")

    assert result.exit_code == 1
    line = one_line(result.stderr)
    assert "run bad failed" in line and "manifest.json: No space left on device" in line
    assert "bad.failed" in line and "Traceback" not in result.output
    assert entries(reports) == [".lock", "bad.failed", "good", "latest"]
    assert os.readlink(reports / "latest") == "good"
    assert (reports / "good" / "manifest.json").read_bytes() == good


def test_a_full_disk_that_also_stops_the_move_leaves_latest_and_earlier_runs_whole(
    nbdir, reports, monkeypatch
):
    import sei_analysis.report.manifest as mf
    import sei_analysis.report.rundir as rundir

    assert sei_report(nbdir, reports, "--only", "03", "--run-id", "good").exit_code == 0
    good = (reports / "good" / "manifest.json").read_bytes()

    def full(run_dir, manifest):
        raise enospc(Path(run_dir) / "manifest.json")

    def no_move(tmp_dir, reports_dir, run_id, succeeded):
        raise enospc(Path(reports_dir) / f"{run_id}.failed")

    monkeypatch.setattr(mf, "write_manifest", full)
    monkeypatch.setattr(rundir, "move_into_place", no_move)
    result = sei_report(nbdir, reports, "--only", "03", "--run-id", "bad")

    assert result.exit_code == 1
    line = one_line(result.stderr)
    assert "run bad failed" in line and "No space left on device" in line
    assert os.readlink(reports / "latest") == "good"
    assert (reports / "good" / "manifest.json").read_bytes() == good
    assert not any(n.startswith("bad") for n in entries(reports))


def test_a_full_disk_while_a_notebook_runs_fails_only_that_run(nbdir, reports, monkeypatch):
    import sei_analysis.report.manifest as mf

    real = mf.write_params

    def full(run_dir, parameters, symbols=None):
        real(run_dir, parameters, symbols)
        raise enospc(Path(run_dir) / "params.yml")

    monkeypatch.setattr(mf, "write_params", full)
    result = sei_report(nbdir, reports, "--only", "03", "--run-id", "bad")

    assert result.exit_code == 1
    assert "params.yml: No space left on device" in one_line(result.stderr)
    assert entries(reports) == [".lock", "bad.failed"]
    assert manifest_of(reports / "bad.failed")["status"] == "failed"


@pytest.mark.parametrize("err", [errno.EROFS, errno.EACCES], ids=errno.errorcode.get)
def test_an_unwritable_reports_dir_is_one_line_naming_it(nbdir, reports, monkeypatch, err):
    reports.mkdir()
    real_open, real_mkdir = os.open, os.mkdir

    def refuse(path) -> None:
        if str(path).startswith(str(reports)):
            raise OSError(err, os.strerror(err), str(path))

    def guarded_open(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            refuse(path)
        return real_open(path, flags, *args, **kwargs)

    def guarded_mkdir(path, *args, **kwargs):
        refuse(path)
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    monkeypatch.setattr(os, "mkdir", guarded_mkdir)
    result = sei_report(nbdir, reports, "--only", "03")

    assert result.exit_code == 1
    line = one_line(result.stderr)
    assert str(reports) in line and os.strerror(err) in line
    assert entries(reports) == []


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root writes through chmod; the monkeypatched variant covers it"
)
def test_a_read_only_reports_dir_by_chmod(nbdir, reports):
    reports.mkdir()
    reports.chmod(0o555)
    try:
        result = sei_report(nbdir, reports, "--only", "03")
    finally:
        reports.chmod(0o755)

    assert result.exit_code == 1
    assert str(reports) in one_line(result.stderr) and "Permission denied" in result.stderr
