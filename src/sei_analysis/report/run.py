"""A report run, step by step: check parameters, lock, execute, record, move into place.

``run_report`` reads like the contract in DESIGN.md ("A report run"):

1. resolve and check every parameter (no kernel, no directory yet);
2. take ``reports/.lock`` (wait, or fail with ``--no-wait``);
3. execute the notebooks in a thread pool into ``reports/.tmp-<run-id>-XXXX/``;
4. build the briefing pack from ``figures/`` when every notebook succeeded, one per language
   found there (``briefing.*``, ``briefing.zh.*``), from ``--template`` if given;
5. write ``params.yml`` and ``manifest.json``;
6. rename the temp dir to ``<run-id>`` (or ``<run-id>.failed``), move ``latest``, apply ``--keep``.

Whatever goes wrong after step 3 began (a notebook, the briefing, a full disk, SIGINT or
SIGTERM) the run ends as ``<run-id>.failed/`` with a manifest saying why, if the disk lets
it, and raises one `RunFailedError`; ``latest`` and the other runs are never touched.
A signal stops the run within a few seconds (`sei_analysis.report.stopping`): the queued
notebooks are cancelled, the running kernels killed.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

import sei_analysis.report.manifest as mf
import sei_analysis.report.rundir as rundir
from sei_analysis import config
from sei_analysis.errors import (
    ExportError,
    NotebookFailedError,
    ParameterError,
    RunFailedError,
    RunInterruptedError,
    StorageError,
    describe_os_error,
)
from sei_analysis.report.execute import NotebookOutcome, execute_one
from sei_analysis.report.params import (
    NotebookSpec,
    discover_notebooks,
    is_scheduled,
    resolve_parameters,
    select_notebooks,
)
from sei_analysis.report.progress import Progress, iso, utc_now
from sei_analysis.report.stopping import Stop, signal_name

DEFAULT_TIMEOUT_S = 600
# NOTE: how long to wait for notebook threads after a signal killed their kernels; with the
# kill and the bookkeeping a run stops well inside the 10 s systemd and docker give it.
CANCEL_WAIT_S = 6
# NOTE: how often the runner looks for a stop request while notebooks run, in seconds.
POLL_S = 0.2


@dataclass(frozen=True)
class RunResult:
    """A finished run: where it is and what its manifest says."""

    run_id: str
    run_dir: Path
    status: str
    manifest: dict[str, Any]

    @property
    def succeeded(self) -> bool:
        return self.status == "succeeded"


def prepare_run(
    notebooks_dir: Path,
    only: tuple[str, ...] | list[str] = (),
    params_file: Path | None = None,
    assignments: tuple[str, ...] | list[str] = (),
) -> list[NotebookSpec]:
    """Select the notebooks and resolve their parameters; raises `ParameterError` (exit 2)."""
    all_paths = discover_notebooks(notebooks_dir)
    unscheduled = [p.stem for p in sorted(Path(notebooks_dir).glob("*.ipynb")) if not is_scheduled(p)]
    for key in only:
        if not any(p.stem.startswith(key) for p in all_paths) and any(n.startswith(key) for n in unscheduled):
            raise ParameterError(
                f"--only {key!r}: {next(n for n in unscheduled if n.startswith(key))} is for JupyterLab "
                "(its metadata says sei.scheduled: false) and is never part of a report run; "
                "open it with make lab"
            )
    selected = select_notebooks(all_paths, only)
    return resolve_parameters(selected, all_paths, params_file, assignments)


def briefing_tables(parameters: dict[str, dict[str, Any]] | None = None) -> Any:
    """The indicator and target tables the key messages are written from, as the notebooks see them.

    Built from ``data/raw`` like notebook 02 builds them, with its ``approx_tolerance`` when
    the run sets one, so the note's verdicts are the notebook's.
    """
    from sei_analysis.pipeline import processed_tables

    tolerance = next(
        (p["approx_tolerance"] for p in (parameters or {}).values() if "approx_tolerance" in p), None
    )
    return processed_tables() if tolerance is None else processed_tables(approx_tolerance=tolerance)


def build_briefing(
    figures_dir: Path,
    run_dir: Path,
    *,
    template: Path | None = None,
    parameters: dict[str, dict[str, Any]] | None = None,
    run_id: str | None = None,
) -> dict[str, Any]:
    """Build one briefing pack per language found in ``figures/`` (``sei_analysis.charts.build_briefings``).

    Returns the manifest's ``briefing`` entry. Raises `ExportError` when the export fails.
    """
    metas = sorted(Path(figures_dir).rglob("*.meta.json"))
    try:
        charts = importlib.import_module("sei_analysis.charts")
    except ModuleNotFoundError as exc:
        if exc.name not in ("sei_analysis.charts", "sei_analysis"):
            raise ExportError(f"briefing: importing sei_analysis.charts failed: {exc}") from exc
        return {"status": "not built", "detail": "sei_analysis.charts is not available", "outputs": []}
    builder = getattr(charts, "build_briefings", None)
    if builder is None:
        return {"status": "not built", "detail": "sei_analysis.charts has no build_briefings", "outputs": []}
    if not metas:
        return {"status": "not built", "detail": "no chart (*.meta.json) in figures/", "outputs": []}
    try:
        packs = builder(
            Path(figures_dir),
            Path(run_dir),
            template=template,
            tables=briefing_tables(parameters),
            run_id=run_id,
        )
    except Exception as exc:
        raise ExportError(f"briefing: build_briefings failed: {type(exc).__name__}: {exc}") from exc
    expected = [Path(f).name for pack in packs for f in pack.files]
    outputs = [n for n in expected if (Path(run_dir) / n).exists()]
    missing = sorted(set(expected) - set(outputs))
    if missing or not outputs:
        raise ExportError(f"briefing: build_briefings did not write {', '.join(missing) or 'any file'}")
    langs = ", ".join(pack.lang for pack in packs)
    return {"status": "built", "detail": f"{len(metas)} charts; languages {langs}", "outputs": outputs}


def _run_pool(
    specs: list[NotebookSpec],
    tmp_dir: Path,
    figures_dir: Path,
    jobs: int,
    timeout: float,
    progress: Progress,
    outcomes: dict[str, NotebookOutcome],
    run_id: str,
    stop: Stop,
) -> None:
    """Execute every notebook, ``jobs`` at a time; fills ``outcomes``.

    Raises `RunInterruptedError` once ``stop`` is requested, after cancelling the queued
    notebooks and killing the running kernels.
    """
    cancel = threading.Event()
    watches: dict = {}
    env = {"SEI_FIGURES_DIR": str(figures_dir), "SEI_RUN_ID": run_id}

    def one(spec: NotebookSpec) -> NotebookOutcome:
        if cancel.is_set():
            return NotebookOutcome(
                spec.name, "skipped", error={"ename": "Cancelled", "evalue": "run interrupted"}
            )
        progress.started(spec.name)
        parameters = dict(spec.overrides)
        if "figures_dir" in spec.declared:
            parameters["figures_dir"] = str(figures_dir)
        result = execute_one(
            spec.name,
            spec.path,
            tmp_dir,
            parameters,
            cwd=spec.path.parent,
            env=env,
            timeout=timeout,
            cancel=cancel,
            watches=watches,
        )
        detail = f"{result.error['ename']}: {result.error['evalue']}" if result.error else ""
        progress.finished(spec.name, result.status, result.duration_s, detail[:300])
        outcomes[spec.name] = result
        return result

    # NOTE: longest first, by the last good run's durations (unknown ones keep their place in
    # front): three notebooks of 6, 13 and 15 s end in 19 s on two workers, not 21 s.
    expected = mf.last_durations(Path(tmp_dir).parent)
    order = sorted(specs, key=lambda s: -expected.get(s.name, float("inf")))
    pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="sei-report")
    futures = [pool.submit(one, spec) for spec in order]
    try:
        pending = set(futures)
        while pending and not stop.requested.is_set():
            _, pending = wait(pending, timeout=POLL_S, return_when=FIRST_COMPLETED)
        if stop.requested.is_set():
            raise RunInterruptedError(f"interrupted by {stop.reason}")
    except BaseException:
        _cancel(cancel, watches, pool, futures, progress)
        raise
    pool.shutdown(wait=True)
    for future in futures:
        future.result()  # a bug in the runner itself surfaces here


def _cancel(cancel: threading.Event, watches: dict, pool, futures: list, progress: Progress) -> None:
    """Cancel the queued notebooks, kill the running kernels, wait a little for their threads.

    The cancel event is set before the watches are read: a notebook registers its watch
    before it looks at the event, so every kernel is either killed here or never started.
    """
    cancel.set()
    for watch in list(watches.values()):
        watch.cancelled = True
        watch.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    # NOTE: a cancelled future never counts as done for wait() (it stays CANCELLED, not
    # CANCELLED_AND_NOTIFIED), so wait only for the ones that were running.
    running = [f for f in futures if not f.cancelled()]
    _, stuck = wait(running, timeout=CANCEL_WAIT_S)
    if stuck:
        progress.log(f"{len(stuck)} notebook thread(s) did not stop within {CANCEL_WAIT_S} s; leaving them")


def run_report(
    *,
    params_file: Path | None = None,
    assignments: tuple[str, ...] | list[str] = (),
    only: tuple[str, ...] | list[str] = (),
    run_id: str | None = None,
    jobs: int | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
    keep: int | None = None,
    wait_for_lock: bool = True,
    reports_dir: Path | None = None,
    notebooks_dir: Path | None = None,
    stream: TextIO | None = None,
    fancy: bool | None = None,
    template: Path | None = None,
) -> RunResult:
    """Run the report notebooks into ``reports_dir/<run-id>/`` (see the module docstring).

    Returns the `RunResult` of a run that succeeded.

    Raises
    ------
    ParameterError
        Bad parameters, options or run id (exit 2); nothing is created.
    LockedError
        ``wait_for_lock=False`` and another run holds the lock (exit 1).
    NotebookFailedError, ExportError, RunInterruptedError, StorageError
        The run failed (exit 1): a notebook or export failed, a signal stopped it, or its
        files could not be written. It is kept as ``<run-id>.failed/`` (the error's ``result``
        attribute is its `RunResult`), unless even that could not be written: then the
        message says where the files are. A reports dir that cannot be written at all is a
        `StorageError` before anything is created.
    """
    reports_dir = Path(reports_dir or config.REPORTS_DIR).resolve()
    notebooks_dir = Path(notebooks_dir or config.NOTEBOOKS_DIR).resolve()
    jobs = jobs or os.cpu_count() or 1
    if jobs < 1:
        raise ParameterError(f"--jobs {jobs}: expected at least 1")
    if not timeout or timeout <= 0:
        raise ParameterError(f"--timeout {timeout}: expected a positive number of seconds")
    if keep is not None and keep < 1:
        raise ParameterError(f"--keep {keep}: expected at least 1")
    if template is not None:
        _check_template(Path(template))
    if run_id is not None:
        rundir.validate_run_id(run_id)
        if existing := rundir.run_exists(reports_dir, run_id):
            raise ParameterError(f"--run-id {run_id!r}: {existing} exists already; choose another id")
    specs = prepare_run(notebooks_dir, only, params_file, assignments)
    options = {
        "jobs": jobs,
        "timeout_s": timeout,
        "only": list(only),
        "params_file": str(params_file) if params_file else None,
        "assignments": list(assignments),
        "keep": keep,
        "notebooks_dir": str(notebooks_dir),
        "template": str(template) if template else None,
    }

    with Progress(len(specs), stream=stream, fancy=fancy) as progress:
        with rundir.reports_lock(reports_dir, wait_for_lock, run_id or "(default id)", log=progress.log):
            started = utc_now()
            if run_id is None:
                run_id = rundir.default_run_id(started)
                n = 1
                while rundir.run_exists(reports_dir, run_id):
                    n += 1
                    run_id = f"{rundir.default_run_id(started)}-{n}"
            elif existing := rundir.run_exists(reports_dir, run_id):
                raise ParameterError(f"--run-id {run_id!r}: {existing} exists already; choose another id")
            progress.log(f"run {run_id}: {len(specs)} notebook(s), {jobs} at a time, into {reports_dir}")
            return _execute_run(specs, run_id, reports_dir, started, timeout, jobs, keep, options, progress)


def _execute_run(specs, run_id, reports_dir, started, timeout, jobs, keep, options, progress) -> RunResult:
    clock = time.monotonic()
    parameters = {
        s.name: {**s.resolved, **({"figures_dir": "figures"} if "figures_dir" in s.declared else {})}
        for s in specs
    }
    manifest: dict[str, Any] = {
        "run_id": run_id,
        "status": "running",
        "started_at": iso(started),
        "finished_at": None,
        "duration_s": None,
        "git": mf.git_state(),
        "versions": mf.package_versions(),
        "options": options,
        "parameters": parameters,
        "symbols": {s.name: {n: r.as_dict() for n, r in s.symbols.items()} for s in specs if s.symbols},
        "notebooks": {},
        "figures": [],
        "briefing": {"status": "not built", "detail": "the run did not finish", "outputs": []},
        "error": None,
    }
    outcomes: dict[str, NotebookOutcome] = {}
    try:
        tmp_dir = rundir.make_temp_dir(reports_dir, run_id)
    except OSError as exc:
        raise StorageError(f"run {run_id}: cannot create its directory ({describe_os_error(exc)})") from exc
    run = _Run(
        specs, run_id, Path(reports_dir), tmp_dir, tmp_dir / "figures", timeout, jobs, progress, options
    )
    stop = Stop()
    with stop.installed():
        failure, bug = _produce(run, manifest, outcomes, stop)
        if failure is None and stop.requested.is_set():  # a signal came after the last notebook
            failure = RunInterruptedError(f"interrupted by {stop.reason}")
        run_dir, failure = _record_and_move(run, manifest, outcomes, clock, failure)
    result = RunResult(run_id, run_dir, manifest["status"], manifest)
    if bug is not None:
        raise bug
    if failure is not None:
        progress.log(f"run {run_id} failed; kept as {run_dir.name}; latest unchanged")
        failure.result = result
        raise failure
    rundir.update_latest(reports_dir, run_id)
    progress.log(f"run {run_id} succeeded in {manifest['duration_s']:.1f} s; latest -> {run_id}")
    if keep is not None:
        removed = rundir.apply_retention(reports_dir, keep)
        if removed:
            progress.log(f"--keep {keep}: removed {', '.join(removed)}")
    return result


@dataclass(frozen=True)
class _Run:
    """What the steps of one run share once its temporary directory exists."""

    specs: list[NotebookSpec]
    run_id: str
    reports_dir: Path
    tmp_dir: Path
    figures_dir: Path
    timeout: float
    jobs: int
    progress: Progress
    options: dict[str, Any]


def _produce(run: _Run, manifest: dict, outcomes: dict, stop: Stop):
    """Steps 3 and 4: notebooks, then the briefing. Returns (failure or None, runner bug or None).

    Never raises: a failure is what the run ends with (it is kept as ``.failed``); a bug of the
    runner itself is also recorded that way, then re-raised by the caller.
    """
    run_id, progress = run.run_id, run.progress
    failed_dir = run.reports_dir / (run_id + rundir.FAILED_SUFFIX)
    try:
        run.figures_dir.mkdir()
        mf.write_params(run.tmp_dir, manifest["parameters"], manifest["symbols"])
        _run_pool(
            run.specs, run.tmp_dir, run.figures_dir, run.jobs, run.timeout, progress, outcomes, run_id, stop
        )
        failed = [s.name for s in run.specs if outcomes[s.name].status != "succeeded"]
        if failed:
            first = outcomes[failed[0]].error or {}
            manifest["briefing"]["detail"] = "a notebook failed"
            return NotebookFailedError(
                f"run {run_id} failed: notebook(s) {', '.join(failed)} failed "
                f"({first.get('ename')}: {first.get('evalue')}, cell {first.get('cell_index')}); "
                f"see {failed_dir}/manifest.json"
            ), None
        progress.log("building the briefing pack")
        try:
            with stop.raising():  # long work in this thread: a signal interrupts it at once
                manifest["briefing"] = build_briefing(
                    run.figures_dir,
                    run.tmp_dir,
                    template=Path(run.options["template"]) if run.options.get("template") else None,
                    parameters=manifest["parameters"],
                    run_id=run_id,
                )
        except ExportError as exc:
            manifest["briefing"] = {"status": "failed", "detail": str(exc), "outputs": []}
            return ExportError(f"run {run_id} failed: {exc}"), None
        return None, None
    except RunInterruptedError as exc:
        return exc, None
    except KeyboardInterrupt as exc:
        return RunInterruptedError(f"interrupted by {signal_name(exc, stop)}"), None
    except OSError as exc:
        return StorageError(f"run {run_id} failed: {describe_os_error(exc)}"), None
    except BaseException as exc:  # a bug in the runner: never leave it looking like a good run
        return RunFailedError(f"run {run_id} failed: runner error {type(exc).__name__}: {exc}"), exc


def _record_and_move(run: _Run, manifest: dict, outcomes: dict, clock: float, failure):
    """Steps 5 and 6: write the manifest, rename the temp dir. Returns (run dir, final failure).

    A full disk while the manifest is written still makes the run ``.failed`` (the rename
    needs no space); if even the rename fails, `StorageError` says where the files are.
    """
    run_id, tmp_dir = run.run_id, run.tmp_dir
    interrupted = isinstance(failure, RunInterruptedError)
    manifest["status"] = "failed" if failure else "succeeded"
    manifest["error"] = str(failure) if failure else None  # "interrupted by SIGTERM" for a signal
    try:
        _finish(manifest, run.specs, outcomes, tmp_dir, run.figures_dir, clock)
    except OSError as exc:
        failure = failure or StorageError(f"run {run_id} failed: {describe_os_error(exc)}")
        manifest["status"], manifest["error"] = "failed", str(failure)
        with contextlib.suppress(OSError):
            mf.write_manifest(tmp_dir, manifest)  # a second try: the disk may have room again
    try:
        run_dir = rundir.move_into_place(tmp_dir, run.reports_dir, run_id, succeeded=failure is None)
    except OSError as exc:
        what = str(failure) if failure else f"run {run_id} failed"
        raise StorageError(
            f"{what}; it could not be kept as {run_id}{rundir.FAILED_SUFFIX} ({describe_os_error(exc)}): "
            f"its files are in {tmp_dir}, which the next run removes"
        ) from exc
    if interrupted:
        failure = RunInterruptedError(f"run {run_id} {failure}; kept as {run_dir.name}")
    elif isinstance(failure, StorageError):
        failure = StorageError(f"{failure}; kept as {run_dir.name}")
    return run_dir, failure


def _check_template(template: Path) -> None:
    """A ``--template`` that is not a readable .pptx is bad input: exit 2 before any kernel starts."""
    from sei_analysis.charts.deck import open_template
    from sei_analysis.errors import InputError

    try:
        open_template(template)
    except InputError as exc:
        raise ParameterError(f"--template {template}: {exc}") from exc


def _finish(manifest, specs, outcomes, tmp_dir, figures_dir, clock) -> None:
    """Fill in per-notebook entries, figures and times; write the manifest into the temp dir."""
    for spec in specs:
        outcome = outcomes.get(spec.name) or NotebookOutcome(
            spec.name, "skipped", error={"ename": "Cancelled", "evalue": "not run", "cell_index": None}
        )
        manifest["notebooks"][spec.name] = {
            "status": outcome.status,
            "input": spec.path.name,
            "started_at": iso(datetime.fromtimestamp(outcome.started_at, UTC))
            if outcome.started_at
            else None,
            "duration_s": outcome.duration_s,
            "outputs": outcome.outputs,
            "error": outcome.error,
        }
    manifest["figures"] = sorted(str(p.relative_to(tmp_dir)) for p in figures_dir.rglob("*") if p.is_file())
    manifest["finished_at"] = iso(utc_now())
    manifest["duration_s"] = round(time.monotonic() - clock, 3)
    mf.write_manifest(tmp_dir, manifest)
    _normal_permissions(tmp_dir)


def _normal_permissions(root: Path) -> None:
    """mkdtemp makes the run dir 0700; give the run the modes the umask asks for.

    The umask is read, never set: ``os.umask`` is process-wide and notebook threads may
    still be creating files.
    """
    from sei_analysis.atomic import current_umask

    umask = current_umask()
    os.chmod(root, 0o777 & ~umask)
    for path in root.rglob("*"):
        if not path.is_symlink():
            os.chmod(path, (0o777 if path.is_dir() else 0o666) & ~umask)
