"""Run directories: names, the temporary directory, moving into place, ``latest``, retention, lock.

Layout of a reports dir::

    reports/
      20261122T013000Z/          a run that succeeded
      20261121T013000Z.failed/   a run that failed, kept with its manifest
      latest -> 20261122T013000Z the newest run that succeeded (relative symlink)
      .tmp-<run-id>-pid<N>-XXXX/ a run being written by process N (never read by anyone)
      .lock                      held while a run writes here
      .lock.info                 pid, host and run id of the holder

A run killed with SIGKILL (or the OOM killer) leaves its ``.tmp-…`` directory and
``.lock.info`` behind. The next run, once it holds the lock, removes them with
`remove_stale`: only entries whose writer's pid is dead, so a live process's files are
never touched.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import tempfile
from pathlib import Path

from sei_analysis.errors import LockedError, ParameterError, RunFailedError, StorageError, describe_os_error

# NOTE: a run id becomes a directory name: letters, digits, ".", "_", "-"; no leading dot.
# Always used with fullmatch: "$" would also match before a final newline ("nl\n").
RUN_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
# NOTE: names that mean something else in reports/.
RESERVED_NAMES = {"latest", "params", "README.md", ".gitkeep"}
FAILED_SUFFIX = ".failed"
LATEST = "latest"
LOCK_NAME = ".lock"
LOCK_INFO_NAME = ".lock.info"
# NOTE: what a run writes beside the runs while it works, with its pid in the name, so a
# later run can tell a dead writer's leftovers from a live one's (mkdtemp's suffix: [a-z0-9_]).
LEFTOVER_PATTERN = re.compile(r"(?:\.tmp-|\.trash-|latest\.tmp-).*-pid(?P<pid>\d+)-[a-z0-9_]+")


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
    """Create ``reports/.tmp-<run-id>-pid<N>-XXXX/`` beside the runs (same file system: rename is atomic)."""
    Path(reports_dir).mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".tmp-{run_id}-pid{os.getpid()}-", dir=reports_dir))


def pid_alive(pid: int) -> bool:
    """True unless process ``pid`` (on this host) is gone; a zombie counts as gone.

    Examples
    --------
    >>> pid_alive(os.getpid())
    True
    """
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive
    with contextlib.suppress(OSError, IndexError):
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state not in ("Z", "X")
    return True


def remove_stale(reports_dir: Path) -> list[str]:
    """Remove what runs killed before they could clean up left here; return what was removed.

    Call it holding the lock. Removed: ``.tmp-…``, ``.trash-…`` and ``latest.tmp-…`` entries
    whose writer's pid (in the name) is dead, and a ``.lock.info`` naming a dead pid on this
    host. Entries of a live pid, of another host, or without a pid are left alone.
    """
    reports_dir = Path(reports_dir)
    removed = []
    info_path = reports_dir / LOCK_INFO_NAME
    info = _read_info(info_path)
    pid = info.get("pid")
    if isinstance(pid, int) and info.get("host", socket.gethostname()) == socket.gethostname():
        if not pid_alive(pid):
            with contextlib.suppress(FileNotFoundError):
                info_path.unlink()
            removed.append(f"{LOCK_INFO_NAME} (pid {pid}, run {info.get('run_id')})")
    for path in sorted(reports_dir.iterdir()):
        match = LEFTOVER_PATTERN.fullmatch(path.name)
        if not match or pid_alive(int(match["pid"])):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
        removed.append(path.name)
    return removed


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
    tmp = reports_dir / f"{LATEST}.tmp-{run_id}-pid{os.getpid()}-link"
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
        trash = Path(tempfile.mkdtemp(prefix=f".trash-{path.name}-pid{os.getpid()}-", dir=reports_dir))
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
    lock_path = reports_dir / LOCK_NAME
    info_path = reports_dir / LOCK_INFO_NAME
    lock = FileLock(str(lock_path))
    try:
        reports_dir.mkdir(parents=True, exist_ok=True)
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
    except OSError as exc:
        raise StorageError(
            f"reports dir {reports_dir}: cannot take the lock ({describe_os_error(exc)})"
        ) from exc
    try:
        from sei_analysis.atomic import write_text
        from sei_analysis.report.progress import iso, utc_now

        for name in remove_stale(reports_dir):
            if log is not None:
                log(f"removed {name}, left by a run that was killed")
        info = {"pid": os.getpid(), "host": socket.gethostname(), "run_id": run_id, "since": iso(utc_now())}
        try:
            write_text(info_path, json.dumps(info))
        except OSError as exc:
            raise StorageError(
                f"reports dir {reports_dir}: cannot write there ({describe_os_error(exc)})"
            ) from exc
        yield lock_path
    finally:
        with contextlib.suppress(OSError):
            os.unlink(info_path)
        lock.release()


def _read_info(info_path: Path) -> dict:
    """The lock record, or {} when missing or unreadable."""
    try:
        info = json.loads(info_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def _read_holder(info_path: Path) -> str:
    info = _read_info(info_path)
    if not info:
        return "another process"
    return f"pid {info.get('pid')} (run {info.get('run_id')}, since {info.get('since')})"
