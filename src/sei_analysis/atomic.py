"""Atomic file writes: write to a temporary file beside the target, then rename.

A reader never sees a half-written file, and a failed write leaves the old file in place.

File modes follow the usual rules for a file a program creates, not ``mkstemp``'s 0600: a
new file gets ``0o666 & ~umask`` (0644 under the common umask 022, so colleagues on a
shared drive can read it), and a file that is replaced keeps the mode it had. The umask is
never changed to find it out (``os.umask`` is process-wide, and the report runner writes
from several threads): the temporary file is created with mode 0o666 and the kernel applies
the umask.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

# NOTE: what open() asks for when it creates a file; the kernel takes the umask off it.
NEW_FILE_MODE = 0o666
_TEMP_ATTEMPTS = 100


def _make_temp(path: Path, prefix: str, suffix: str) -> tuple[int, Path, int]:
    """Create an empty temporary file beside ``path``; return (fd, its path, the mode to give it).

    The mode is that of the file being replaced, or else the mode the umask gives a new file.
    """
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(_TEMP_ATTEMPTS):
        tmp = path.parent / f"{prefix}{secrets.token_hex(4)}{suffix}"
        try:
            fd = os.open(tmp, flags, NEW_FILE_MODE)
        except FileExistsError:
            continue
        break
    else:  # pragma: no cover - 100 random names taken
        raise FileExistsError(f"no free temporary name beside {path}")
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = stat.S_IMODE(os.fstat(fd).st_mode)  # 0o666 & ~umask, applied by the kernel
    return fd, tmp, mode


def _set_mode(tmp: Path, mode: int) -> None:
    if stat.S_IMODE(os.stat(tmp).st_mode) != mode:
        os.chmod(tmp, mode)


def current_umask() -> int:
    """The process's umask, read without changing it (Linux ``/proc``), else by setting it back.

    Examples
    --------
    >>> 0 <= current_umask() <= 0o777
    True
    """
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)  # pragma: no cover - not Linux
    os.umask(mask)  # pragma: no cover
    return mask  # pragma: no cover


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", **kwargs) -> Iterator[IO]:
    """Open a temporary file next to ``path``; on success rename it onto ``path``.

    Parameters
    ----------
    path : path-like
        The final file. Its directory is created if missing.
    mode : str
        ``"w"`` (text, UTF-8 unless ``encoding`` is given) or ``"wb"``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_write(d / "a.txt") as fh:
    ...     _ = fh.write("hello")
    >>> (d / "a.txt").read_text()
    'hello'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if "b" not in mode:
        kwargs.setdefault("encoding", "utf-8")
        kwargs.setdefault("newline", "")
    fd, tmp, file_mode = _make_temp(path, f".{path.name}.", ".tmp")
    try:
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        _set_mode(tmp, file_mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` for a library to write to; rename on success.

    Use it with writers that want a file name rather than a handle
    (``DataFrame.to_parquet``, ``Figure.savefig``, ``Presentation.save``).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp, file_mode = _make_temp(path, f".{path.stem}.", path.suffix)
    os.close(fd)
    try:
        yield tmp
        _set_mode(tmp, file_mode)  # the writer may have removed and recreated the file
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_text(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` to ``path`` atomically (UTF-8)."""
    with atomic_write(path) as fh:
        fh.write(text)
