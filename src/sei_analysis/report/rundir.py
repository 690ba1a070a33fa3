"""Run directories: names, the temporary directory, moving into place, ``latest``, retention, lock.

Layout of a reports dir::

    reports/
      20261122T013000Z/          a run that succeeded
      20261121T013000Z.failed/   a run that failed, kept with its manifest
      latest -> 20261122T013000Z the newest run that succeeded (relative symlink)
      .tmp-<run-id>-XXXX/        a run being written (never read by anyone)
      .lock                      held while a run writes here
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from sei_analysis.errors import LockedError, ParameterError, RunFailedError

# NOTE: a run id becomes a directory name: letters, digits, ".", "_", "-"; no leading dot.
# Always used with fullmatch: "$" would also match before a final newline ("nl\n").
RUN_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
# NOTE: names that mean something else in reports/.
RESERVED_NAMES = {"latest", "params", "README.md", ".gitkeep"}
FAILED_SUFFIX = ".failed"
LATEST = "latest"
LOCK_NAME = ".lock"
LOCK_INFO_NAME = ".lock.info"


def default_run_id(now) -> str:
    """``20261122T013000Z`` for a UTC datetime."""
    return now.strftime("%Y%m%dT%H%M%SZ")


def validate_run_id(run_id: str) -> str:
    """Return ``run_id`` if it is a safe directory name, else raise `ParameterError`."""
    if (
        not RUN_ID_PATTERN.fullmatch(run_id or "")
        or run_id in RESERVED_NAMES
        or run_id.endswith(FAILED_SUFFIX)
        or ".." in run_id
    ):
        raise ParameterError(
            f"--run-id {run_id!r}: expected letters, digits, '.', '_' or '-' (at most 100, not starting "
            f"with '.', not ending in '{FAILED_SUFFIX}', not one of {sorted(RESERVED_NAMES)})"
        )
    return run_id


def run_exists(reports_dir: Path, run_id: str) -> Path | None:
    """The existing run dir named ``run_id`` (succeeded or failed), if any."""
    for name in (run_id, run_id + FAILED_SUFFIX):
        path = Path(reports_dir) / name
        if os.path.lexists(path):
            return path
    return None


def make_temp_dir(reports_dir: Path, run_id: str) -> Path:
    """Create ``reports/.tmp-<run-id>-XXXX/`` beside the runs (same file system: rename is atomic)."""
    Path(reports_dir).mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".tmp-{run_id}-", dir=reports_dir))


def move_into_place(tmp_dir: Path, reports_dir: Path, run_id: str, succeeded: bool) -> Path:
    """Rename the finished temp dir to ``<run-id>`` or ``<run-id>.failed``; return the new path."""
    target = Path(reports_dir) / (run_id if succeeded else run_id + FAILED_SUFFIX)
    if os.path.lexists(target):  # only possible if someone bypassed the lock
        raise ParameterError(f"run dir {target} appeared while the run was writing; refusing to overwrite")
    os.rename(tmp_dir, target)
    return target


def update_latest(reports_dir: Path, run_id: str) -> None:
    """Point ``reports/latest`` at ``run_id`` atomically (new symlink, then ``os.replace``)."""
    reports_dir = Path(reports_dir)
    link = reports_dir / LATEST
    if os.path.lexists(link) and not link.is_symlink():
        raise RunFailedError(f"{link} is not a symlink; the run {run_id} succeeded but latest was not moved")
    tmp = reports_dir / f"{LATEST}.tmp-{os.getpid()}-{run_id}"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    os.symlink(run_id, tmp)
    os.replace(tmp, link)


def latest_target(reports_dir: Path) -> str | None:
    """The run name ``latest`` points to, or None."""
    link = Path(reports_dir) / LATEST
    if not link.is_symlink():
        return None
    return Path(os.readlink(link)).name


def read_manifest(run_dir: Path) -> dict | None:
    """A run's manifest, or None when missing or unreadable."""
    try:
        return json.loads((Path(run_dir) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def successful_runs(reports_dir: Path) -> list[tuple[str, Path]]:
    """Run dirs whose manifest says succeeded, as (started_at, path), oldest first.

    Anything that does not look like a run is left out: symlinks, hidden names, ``.failed``
    runs, directories without a manifest naming the same run id.
    """
    runs = []
    for path in Path(reports_dir).iterdir():
        name = path.name
        if path.is_symlink() or not path.is_dir() or name.startswith(".") or name.endswith(FAILED_SUFFIX):
            continue
        if not RUN_ID_PATTERN.fullmatch(name) or name in RESERVED_NAMES:
            continue
        manifest = read_manifest(path)
        if not manifest or manifest.get("run_id") != name or manifest.get("status") != "succeeded":
            continue
        runs.append((str(manifest.get("started_at", "")), path))
    return sorted(runs, key=lambda item: (item[0], item[1].name))


def apply_retention(reports_dir: Path, keep: int) -> list[str]:
    """Remove the oldest successful runs beyond ``keep``; never ``latest``'s, never ``.failed``.

    A run is first renamed to a hidden ``.trash-…`` name, so a half-deleted run never looks
    like a run. Returns the names removed.
    """
    if keep < 1:
        raise ParameterError(f"--keep {keep}: expected at least 1")
    protected = latest_target(reports_dir)
    runs = [path for _, path in successful_runs(reports_dir)]
    removed = []
    for path in runs[: max(0, len(runs) - keep)]:
        if path.name == protected:
            continue
        trash = Path(tempfile.mkdtemp(prefix=f".trash-{path.name}-", dir=reports_dir))
        os.rename(path, trash / path.name)
        shutil.rmtree(trash, ignore_errors=True)
        removed.append(path.name)
    return removed


def discard_temp_dir(tmp_dir: Path) -> None:
    """Remove an unfinished temp dir (used only when it could not be moved to ``.failed``)."""
    shutil.rmtree(tmp_dir, ignore_errors=True)


@contextlib.contextmanager
def reports_lock(reports_dir: Path, wait: bool, run_id: str, log=None):
    """Hold ``reports/.lock`` for the duration; wait for it unless ``wait`` is False.

    Raises `LockedError` (exit 1) naming the lock file and its holder when ``wait`` is False
    and another run holds it.
    """
    from filelock import FileLock, Timeout

    reports_dir = Path(reports_dir)
    reports_dir.mkdir(parents=True, exist_ok=True)
    lock_path = reports_dir / LOCK_NAME
    info_path = reports_dir / LOCK_INFO_NAME
    lock = FileLock(str(lock_path))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        holder = _read_holder(info_path)
        if not wait:
            raise LockedError(
                f"reports dir {reports_dir} is locked: {lock_path} is held by {holder}; "
                "another sei report is writing there. Retry later, or leave out --no-wait to wait."
            ) from None
        if log is not None:
            log(f"waiting for lock {lock_path} held by {holder}")
        lock.acquire()
    try:
        from sei_analysis.atomic import write_text
        from sei_analysis.report.progress import iso, utc_now

        write_text(info_path, json.dumps({"pid": os.getpid(), "run_id": run_id, "since": iso(utc_now())}))
        yield lock_path
    finally:
        with contextlib.suppress(OSError):
            os.unlink(info_path)
        lock.release()


def _read_holder(info_path: Path) -> str:
    try:
        info = json.loads(info_path.read_text(encoding="utf-8"))
        return f"pid {info.get('pid')} (run {info.get('run_id')}, since {info.get('since')})"
    except (OSError, ValueError):
        return "another process"
