"""Write into ``data/raw``: new originals and their records in ``sources.yml``.

The only module that writes raw data, and only by adding: an original is copied to a name
that is free (a hard link from a temporary file, which fails rather than overwrite), and
``sources.yml`` is rewritten atomically with ruamel.yaml's round trip, so its comments,
order and quoting survive and a diff shows only the appended records. The rewrite is
checked (the old records parse the same) before it replaces the file. `locked` makes two
``sei add`` runs take turns.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sei_analysis.atomic import atomic_path
from sei_analysis.errors import DocumentError, SeiAnalysisError

__all__ = ["RECORD_FIELDS", "locked", "record_yaml", "write_documents"]

# NOTE: the fields of a record, in the order sources.yml writes them (issue 10 §1).
RECORD_FIELDS = (
    "id",
    "path",
    "kind",
    "title",
    "publisher",
    "date",
    "language",
    "url",
    "notes",
    "sha256",
    "added",
)


@contextlib.contextmanager
def locked(sources_file: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``sources.yml`` (two ``sei add`` at once take turns).

    The lock is on the file itself, so no lock file ever appears in ``data/raw``; after
    taking it, the path is checked to still be the locked file (an atomic rewrite by the
    previous holder replaces it).
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX: no lock
        yield
        return
    while True:
        try:
            handle = open(sources_file, "rb")
        except OSError as exc:
            raise DocumentError(f"sources file {sources_file}: cannot be opened ({exc.strerror})") from exc
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            same = os.fstat(handle.fileno()).st_ino == os.stat(sources_file).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        handle.close()
    try:
        yield
    finally:
        handle.close()


def write_documents(copies: list[tuple[str, bytes]], records: list[dict[str, Any]], raw_dir: Path) -> None:
    """Copy each original (path under raw_dir, bytes), then append the records.

    If anything fails on the way, the copies made are removed again, so ``data/raw`` is
    as it was.

    Raises
    ------
    SeiAnalysisError
        When a write fails (disk full, read-only folder), naming the path and the cause.
    """
    copied: list[Path] = []
    try:
        for relative, data in copies:
            dest = raw_dir / relative
            _copy_new(data, dest)
            copied.append(dest)
        _append_records(raw_dir / "sources.yml", records)
    except BaseException as exc:
        for dest in copied:
            with contextlib.suppress(OSError):
                dest.unlink()
        if isinstance(exc, OSError):
            where = exc.filename or raw_dir
            raise SeiAnalysisError(f"cannot write {where}: {exc.strerror or exc}; nothing was added") from exc
        raise


def _copy_new(data: bytes, dest: Path) -> None:
    """Write ``data`` to a new file ``dest``, never over an existing one, fully or not at all."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".sei-add.", suffix=".tmp", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.link(tmp, dest)  # fails if dest exists: a name is never reused
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _umask() -> int:
    """The process's umask (read without changing it for long)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _yaml():
    """A ruamel.yaml round-trip dumper that writes sources.yml the way it is written."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.representer.add_representer(
        type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return yaml


def _yaml_record(record: dict[str, Any]):
    """The record as a ruamel mapping: fields in order, dates as quoted strings."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    out = CommentedMap()
    for name in RECORD_FIELDS:
        value = record[name]
        out[name] = DoubleQuotedScalarString(value) if name in ("date", "added") else value
    return out


def record_yaml(record: dict[str, Any]) -> str:
    """The record as it will appear in sources.yml (a one-item list)."""
    buf = io.StringIO()
    _yaml().dump([_yaml_record(record)], buf)
    return buf.getvalue()


def _append_records(sources_file: Path, records: list[dict[str, Any]]) -> None:
    """Append records to sources.yml atomically, keeping every byte of what was there."""
    import yaml as pyyaml

    old = sources_file.read_text(encoding="utf-8")
    dumper = _yaml()
    doc = dumper.load(old)
    for record in records:
        doc["sources"].append(_yaml_record(record))
    buf = io.StringIO()
    dumper.dump(doc, buf)
    new = buf.getvalue()
    before = pyyaml.safe_load(old)["sources"]
    after = pyyaml.safe_load(new)["sources"]
    if after[: len(before)] != before or [r["id"] for r in after[len(before) :]] != [
        r["id"] for r in records
    ]:
        raise SeiAnalysisError(
            f"sources file {sources_file}: rewriting it would change existing records; nothing was added"
        )
    mode = os.stat(sources_file).st_mode & 0o777
    with atomic_path(sources_file) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(new)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
