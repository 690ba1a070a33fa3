"""One family of errors. Each carries the exit code the ``sei`` command returns for it.

Exit codes (see DESIGN.md): 1 means a run failed; 2 means bad usage or bad input.
"""

from __future__ import annotations

import errno

# NOTE: causes that can only come from writing; a permission error may come from reading too.
WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EFBIG})


class SeiAnalysisError(Exception):
    """Base class of every error this package raises on purpose."""

    exit_code = 1


class InputError(SeiAnalysisError):
    """Bad input: the message names the field, the value and what was expected."""

    exit_code = 2


class ParameterError(InputError):
    """A parameter is unknown, of the wrong type, or out of range."""


class ScenarioError(ParameterError):
    """A scenario input is invalid (share outside (0, 100), growth <= -100%, NaN, ...)."""


class RawDataError(InputError):
    """A raw file is missing, changed (checksum mismatch) or does not fit its schema."""


class SchemaError(InputError):
    """A table does not fit its declared schema."""


class RunFailedError(SeiAnalysisError):
    """A report run failed: a notebook raised or an export failed."""

    exit_code = 1


class NotebookFailedError(RunFailedError):
    """A notebook raised while it was executed."""


class ExportError(RunFailedError):
    """A chart or report export could not be written."""


class RunInterruptedError(RunFailedError):
    """A report run was stopped by a signal (SIGINT, SIGTERM); it is kept as ``.failed``."""


class StorageError(RunFailedError):
    """A run's files could not be written: a full disk, a read-only or unwritable folder."""


class LockedError(SeiAnalysisError):
    """Another run holds the reports lock and ``--no-wait`` was given."""

    exit_code = 1


class DocumentError(InputError):
    """A document cannot be read or registered (format, encoding, encryption, size, duplicate)."""


def describe_os_error(exc: OSError) -> str:
    """``cannot write PATH: No space left on device``, ``PATH: Permission denied``, ...

    "cannot write" only where the cause can only come from writing (a full disk, a
    read-only file system); a permission error may come from reading too.

    Examples
    --------
    >>> import errno
    >>> describe_os_error(OSError(errno.ENOSPC, "No space left on device", "/r/manifest.json"))
    'cannot write /r/manifest.json: No space left on device'
    >>> describe_os_error(PermissionError(errno.EACCES, "Permission denied", "/r"))
    '/r: Permission denied'
    """
    cause = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename is None:
        return f"{cause} ({type(exc).__name__})"
    target = f"{exc.filename} -> {exc.filename2}" if exc.filename2 is not None else f"{exc.filename}"
    if exc.errno in WRITE_ERRNOS:
        return f"cannot write {target}: {cause}"
    return f"{target}: {cause}"
