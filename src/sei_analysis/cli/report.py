"""``sei report``: run the notebooks into ``reports/<run-id>/`` (issue 6).

Exit codes: 0 the run succeeded; 1 a notebook raised, an export failed, or the reports
dir is locked and ``--no-wait`` was given; 2 bad usage or a bad parameter (nothing is created).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path

import click

from sei_analysis import config
from sei_analysis.errors import RunInterruptedError

# NOTE: how long notebook threads still alive after an interrupted run get before the
# process exits without them (their kernels are killed, the run is already .failed).
STRAY_THREAD_WAIT_S = 1.0


@click.command()
@click.option(
    "--params",
    "params_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="YAML file of parameters: global names, and sections named after notebooks.",
)
@click.option(
    "-p",
    "--param",
    "assignments",
    multiple=True,
    metavar="[NOTEBOOK.]NAME=VALUE",
    help="Set a parameter (value parsed as YAML); repeatable. Overrides --params.",
)
@click.option(
    "--only", multiple=True, metavar="NAME", help="Run only this notebook (name or unique prefix, e.g. 03)."
)
@click.option(
    "--run-id", default=None, help="Name of the run dir [default: UTC time, e.g. 20261122T013000Z]."
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help=f"Notebooks run at the same time [default: number of cores, {os.cpu_count()}].",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=600,
    show_default=True,
    help="Time limit per notebook, in seconds.",
)
@click.option(
    "--keep",
    type=click.IntRange(min=1),
    default=None,
    help="After success, keep only the newest N successful runs.",
)
@click.option(
    "--no-wait", is_flag=True, help="Fail (exit 1) instead of waiting when another run holds the lock."
)
@click.option(
    "--reports-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=f"Where runs go [default: {config.REPORTS_DIR}].",
)
@click.option(
    "--notebooks-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help=f"Where the notebooks are [default: {config.NOTEBOOKS_DIR}].",
)
@click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="PowerPoint template (.pptx) for the briefing deck [default: the package's].",
)
def report(
    params_file, assignments, only, run_id, jobs, timeout, keep, no_wait, reports_dir, notebooks_dir, template
) -> None:
    """Run the report notebooks into REPORTS_DIR/<run-id>/.

    Parameters are checked against each notebook's parameters cell before any kernel
    starts. A failed run is kept as <run-id>.failed/ and `latest` does not move.
    """
    from sei_analysis.report import run_report

    previous = _terminate_like_ctrl_c()
    try:
        result = run_report(
            params_file=params_file,
            assignments=assignments,
            only=only,
            run_id=run_id,
            jobs=jobs,
            timeout=timeout,
            keep=keep,
            wait_for_lock=not no_wait,
            reports_dir=reports_dir,
            notebooks_dir=notebooks_dir,
            template=template,
        )
    except RunInterruptedError as exc:
        _exit_if_threads_linger(exc)
        raise
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    click.echo(str(result.run_dir))


def _exit_if_threads_linger(exc: RunInterruptedError) -> None:
    """After a signal, exit at once if a notebook thread is still stuck.

    Python joins every worker thread before it exits, so one stuck thread would keep a
    stopped run's process alive until SIGKILL. The run is already kept as ``.failed``.
    """
    stray = [t for t in threading.enumerate() if t.name.startswith("sei-report") and t.is_alive()]
    for thread in stray:
        thread.join(timeout=STRAY_THREAD_WAIT_S / max(1, len(stray)))
    if any(t.is_alive() for t in stray):
        click.echo(f"sei: error: {exc} (notebook threads abandoned)", err=True)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(exc.exit_code)


def _terminate_like_ctrl_c():
    """Let SIGTERM (systemd stop, Airflow kill, ``timeout``) clean up like Ctrl-C does.

    The run's temp dir then becomes ``<run-id>.failed/`` instead of being left behind.
    Returns the previous handler (None when not in the main thread).
    """
    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum, frame):
        raise KeyboardInterrupt(f"signal {signal.Signals(signum).name}")

    return signal.signal(signal.SIGTERM, handler)
