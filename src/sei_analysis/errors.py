"""One family of errors. Each carries the exit code the ``sei`` command returns for it.

Exit codes (see DESIGN.md): 1 means a run failed; 2 means bad usage or bad input.
"""

from __future__ import annotations


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


class LockedError(SeiAnalysisError):
    """Another run holds the reports lock and ``--no-wait`` was given."""

    exit_code = 1


class DocumentError(InputError):
    """A document cannot be read or registered (format, encoding, encryption, size, duplicate)."""
