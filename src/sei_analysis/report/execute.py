"""Execute one notebook with papermill's Python API, in a worker thread, and export HTML.

Running several notebooks in threads of one process needs three precautions:

- papermill's ``cwd=`` calls ``os.chdir``, which is process-wide, so it is never used.
  The kernel's working directory is set through nbclient's ``resources["metadata"]["path"]``
  (the kernel process starts there) and every path given to papermill is absolute.
- Each kernel gets its own ports from jupyter_client's ``LocalPortCache``. Its
  check-then-reserve is not locked, so a `RunnerKernelManager` serialises the port choice
  across threads. Another program can still grab a port between choice and bind; a kernel
  that fails before its first cell ran is started once more.
- The environment is per kernel, not per process: ``SEI_FIGURES_DIR`` is passed to the kernel
  process by the kernel manager instead of being set in ``os.environ``.

Time limits: ``start_timeout`` for the kernel start, ``execution_timeout`` per cell, and a
watchdog for the whole notebook that interrupts the kernel (then kills it after a grace
period) when the notebook runs past ``timeout`` seconds.

Papermill's word that a notebook succeeded is not taken: it treats ``sys.exit()`` and
``raise SystemExit(0)`` as success although the later cells never run (papermill #435,
#449, #536), and a failing magic could once stop a notebook silently (#501). A notebook
succeeds only when its executed copy shows every code cell ran (`first_unexecuted_cell`).

Cancelling (Ctrl-C, SIGTERM) sets the run's cancel event, then kills every registered
kernel. A notebook registers its `_Watch` first and looks at the event after, and the
watch looks again when its kernel has started, so a kernel is never left running whatever
the order in which the two threads get there.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager

# NOTE: how long an interrupted kernel gets to stop before it is killed, in seconds.
KILL_GRACE_S = 10.0
KERNEL_START_TIMEOUT_S = 60
# NOTE: one retry covers a port taken by another program between choice and bind.
KERNEL_START_ATTEMPTS = 2
# NOTE: nbclient does not run code cells with this tag; they have no execution count.
SKIP_TAG = "skip-execution"

_PORT_LOCK = threading.Lock()


class RunnerKernelManager(AsyncKernelManager):
    """A kernel manager that picks ports under a lock and adds variables to the kernel's env.

    Subclass it per notebook with `kernel_manager_for`; ``extra_env`` and ``on_started``
    are class attributes of that subclass.
    """

    extra_env: dict[str, str] = {}
    on_started = None
    stderr_path: str | None = None

    async def _async_pre_start_kernel(self, **kw: Any):
        env = dict(kw.pop("env", None) or os.environ)
        env.update(self.extra_env)
        kw["env"] = env
        if self.stderr_path:
            # NOTE: the kernel process's own log (not the cells' output) goes to a file in the run.
            self._stderr_file = open(self.stderr_path, "ab")  # noqa: SIM115 - closed once launched
            kw["stderr"] = self._stderr_file
        with _PORT_LOCK:
            result = await super()._async_pre_start_kernel(**kw)
        return result

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        try:
            await super()._async_launch_kernel(kernel_cmd, **kw)
        finally:
            handle = getattr(self, "_stderr_file", None)
            if handle is not None:  # the kernel process has its own copy of the descriptor
                handle.close()
                self._stderr_file = None

    async def _async_post_start_kernel(self, **kw: Any) -> None:
        await super()._async_post_start_kernel(**kw)
        if self.on_started is not None:
            self.on_started(self)


def kernel_manager_for(
    extra_env: dict[str, str], on_started, stderr_path: Path | None = None
) -> type[RunnerKernelManager]:
    """A `RunnerKernelManager` subclass bound to one notebook's env, start callback and log file."""
    return type(
        "NotebookKernelManager",
        (RunnerKernelManager,),
        {
            "extra_env": dict(extra_env),
            "on_started": staticmethod(on_started),
            "stderr_path": str(stderr_path) if stderr_path else None,
        },
    )


@dataclass
class NotebookOutcome:
    """What happened to one notebook."""

    name: str
    status: str  # succeeded | failed | skipped
    started_at: float = 0.0
    duration_s: float = 0.0
    outputs: list[str] = field(default_factory=list)
    error: dict[str, Any] | None = None


class _Watch:
    """Tracks a notebook's kernel so it can be interrupted from another thread.

    ``cancelled`` is true once it was cancelled itself or the run's ``cancel`` event is set.
    """

    def __init__(self, cancel: threading.Event | None = None) -> None:
        self.km = None
        self.cells_started = 0
        self.timed_out = False
        self._cancel = cancel
        self._cancelled = False
        self.finished = threading.Event()
        self._lock = threading.Lock()

    @property
    def cancelled(self) -> bool:
        return self._cancelled or (self._cancel is not None and self._cancel.is_set())

    @cancelled.setter
    def cancelled(self, value: bool) -> None:
        self._cancelled = value

    def kernel_started(self, km) -> None:
        with self._lock:
            self.km = km
        if self.cancelled:  # cancelled while the kernel was starting
            self.kill()

    def cell_started(self, **_: Any) -> None:
        self.cells_started += 1

    def _process(self):
        with self._lock:
            provisioner = getattr(self.km, "provisioner", None)
        return getattr(provisioner, "process", None)

    def kill(self) -> None:
        """Kill the kernel process at once."""
        proc = self._process()
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(OSError):
                proc.kill()

    def stop(self) -> None:
        """Interrupt the kernel, then kill it if it is still alive after the grace period."""
        import signal

        proc = self._process()
        if proc is None or proc.poll() is not None:
            return
        with contextlib.suppress(OSError):
            proc.send_signal(signal.SIGINT)
        deadline = time.monotonic() + KILL_GRACE_S
        while time.monotonic() < deadline:
            if self.finished.wait(0.2):
                return
        with contextlib.suppress(OSError):
            proc.kill()


def error_from_exception(exc: BaseException) -> dict[str, Any]:
    """ename/evalue/cell index of a failure (a papermill cell error, or anything else)."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return {"ename": exc.ename, "evalue": exc.evalue, "cell_index": exc.cell_index}
    return {"ename": type(exc).__name__, "evalue": str(exc), "cell_index": None}


def first_unexecuted_cell(nb) -> dict[str, Any] | None:
    """Why an executed notebook did not run to its end, as an error dict; None when it did.

    A code cell with an error output (``SystemExit`` included), or a non-empty code cell
    without an execution count (not tagged ``skip-execution``), means the notebook stopped
    early.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("sys.exit()", execution_count=1),
    ...                                      nbformat.v4.new_code_cell("print(1)")])
    >>> first_unexecuted_cell(nb)["cell_index"]
    1
    """
    for index, cell in enumerate(nb.cells):
        if cell.get("cell_type") != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                ename, evalue = output.get("ename", "Error"), output.get("evalue", "")
                if ename == "SystemExit":
                    evalue = f"exit status {evalue or 'None'}: the notebook stopped at cell {index}"
                return {"ename": ename, "evalue": evalue, "cell_index": index}
        if not cell.get("source", "").strip() or SKIP_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        if cell.get("execution_count") is None:
            return {
                "ename": "CellNotExecuted",
                "evalue": f"cell {index} never ran: the notebook stopped before it",
                "cell_index": index,
            }
    return None


def export_html(ipynb: Path, html: Path) -> None:
    """Write ``html`` from the executed notebook, code and prompts hidden."""
    import nbformat
    from nbconvert import HTMLExporter

    from sei_analysis.atomic import write_text

    nb = nbformat.read(ipynb, as_version=4)
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    write_text(html, body)


def _check_executed(ipynb: Path) -> dict[str, Any] | None:
    """`first_unexecuted_cell` of the executed notebook on disk (what the run publishes)."""
    import nbformat

    try:
        nb = nbformat.read(ipynb, as_version=4)
    except Exception as exc:
        return {"ename": type(exc).__name__, "evalue": f"cannot read {ipynb.name}: {exc}", "cell_index": None}
    return first_unexecuted_cell(nb)


def execute_one(
    name: str,
    input_path: Path,
    out_dir: Path,
    parameters: dict[str, Any],
    *,
    cwd: Path,
    env: dict[str, str] | None = None,
    timeout: float = 600,
    cancel: threading.Event | None = None,
    watches: dict[str, _Watch] | None = None,
) -> NotebookOutcome:
    """Run ``input_path`` into ``out_dir/<name>.ipynb`` and export ``<name>.html``.

    Never raises for a notebook failure: the outcome says ``failed`` with the error, and the
    partially executed notebook (papermill saves it after each cell) is kept and exported.
    """
    import papermill

    outcome = NotebookOutcome(name=name, status="failed", started_at=time.time())
    ipynb = Path(out_dir) / f"{name}.ipynb"
    html = Path(out_dir) / f"{name}.html"
    log_path = Path(out_dir) / "logs" / f"{name}.kernel.log"
    log_path.parent.mkdir(exist_ok=True)
    if cancel is not None and cancel.is_set():
        outcome.status = "skipped"
        outcome.error = {
            "ename": "Cancelled",
            "evalue": "the run was interrupted before it started",
            "cell_index": None,
        }
        return outcome
    start = time.monotonic()
    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        watch = _Watch(cancel)
        if watches is not None:
            watches[name] = watch
        if watch.cancelled:  # registered after the run was cancelled: start nothing
            outcome.status = "skipped" if attempt == 1 else "failed"
            outcome.error = {"ename": "Cancelled", "evalue": "the run was interrupted", "cell_index": None}
            break
        timer = threading.Timer(timeout, lambda w=watch: (setattr(w, "timed_out", True), w.stop()))
        timer.daemon = True
        timer.start()
        try:
            papermill.execute_notebook(
                str(input_path),
                str(ipynb),
                parameters=parameters,
                kernel_name="python3",
                progress_bar=False,
                log_output=False,
                start_timeout=KERNEL_START_TIMEOUT_S,
                execution_timeout=timeout,
                resources={"metadata": {"path": str(cwd)}},
                kernel_manager_class=kernel_manager_for(env or {}, watch.kernel_started, log_path),
                on_cell_start=watch.cell_started,
            )
            outcome.error = _check_executed(ipynb)
            outcome.status = "failed" if outcome.error else "succeeded"
            break
        except Exception as exc:
            outcome.error = error_from_exception(exc)
            if watch.timed_out:
                outcome.error.update(
                    ename="TimeoutError", evalue=f"notebook ran past its {timeout:g} s limit"
                )
            elif watch.cancelled or (cancel is not None and cancel.is_set()):
                outcome.error.update(ename="Cancelled", evalue="the run was interrupted")
            if watch.cells_started or watch.timed_out or watch.cancelled or attempt == KERNEL_START_ATTEMPTS:
                break
        finally:
            timer.cancel()
            watch.finished.set()
    outcome.duration_s = round(time.monotonic() - start, 3)
    if log_path.exists() and log_path.stat().st_size:
        outcome.outputs.append(f"logs/{log_path.name}")
    if ipynb.exists():
        outcome.outputs.insert(0, ipynb.name)
        if outcome.error and outcome.error.get("ename") == "Cancelled":
            return outcome  # the run is stopping: the .ipynb is enough, no time for nbconvert
        try:
            export_html(ipynb, html)
            outcome.outputs.insert(1, html.name)
        except Exception as exc:  # the HTML is a run output: failing to write it fails the notebook
            outcome.status = "failed"
            outcome.error = outcome.error or {
                "ename": "ExportError",
                "evalue": f"HTML export of {ipynb.name} failed: {type(exc).__name__}: {exc}",
                "cell_index": None,
            }
    return outcome
