"""Atomic file writes: write to a temporary file beside the target, then rename.

A reader never sees a half-written file, and a failed write leaves the old file in place.

File modes follow the usual rules for a file a program creates, not ``mkstemp``'s 0600: a
new file gets ``0o666 & ~umask`` (0644 under the common umask 022, so colleagues on a
shared drive can read it), and a file that is replaced keeps the mode it had. The umask is
never changed to find it out (``os.umask`` is process-wide, and the report runner writes
from several threads): the temporary file is created with mode 0o666 and the kernel applies
the umask.

An `OSError` (a full disk, a read-only folder) names the final file, not the temporary
one, so the message a user reads says which output could not be written.
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


def _naming(exc: OSError, path: Path) -> OSError:
    """The same error (same errno, hence the same subclass), naming ``path`` instead of a temp file."""
    if exc.errno is None:
        return exc
    return OSError(exc.errno, exc.strerror, str(path))


def _about(exc: OSError, tmp: Path) -> bool:
    """True when ``exc`` is about the temporary file (or names no file: a failed write)."""
    return exc.filename is None or os.fspath(exc.filename) == os.fspath(tmp)


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
    try:
        fd, tmp, file_mode = _make_temp(path, f".{path.name}.", ".tmp")
    except OSError as exc:
        raise _naming(exc, path) from exc
    try:
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        _set_mode(tmp, file_mode)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if not _about(exc, tmp):
            raise  # an error of the caller's own, about another file
        raise _naming(exc, path) from exc
    except BaseException:
        with contextlib.suppress(OSError):
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
    try:
        fd, tmp, file_mode = _make_temp(path, f".{path.stem}.", path.suffix)
    except OSError as exc:
        raise _naming(exc, path) from exc
    os.close(fd)
    try:
        yield tmp
        _set_mode(tmp, file_mode)  # the writer may have removed and recreated the file
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if not _about(exc, tmp):
            raise
        raise _naming(exc, path) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` to ``path`` atomically (UTF-8)."""
    with atomic_write(path) as fh:
        fh.write(text)
