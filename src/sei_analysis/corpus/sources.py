"""The raw corpus: provenance records, checksum verification and loading.

``data/raw/sources.yml`` records, for every raw file, where it came from and its
SHA-256. Nothing is read before its checksum has been verified, so a changed or
missing raw file stops the pipeline with an error that names the file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from sei_analysis import config
from sei_analysis.errors import RawDataError

# NOTE: the provenance fields every record must carry (issue 2); `url` may be null.
REQUIRED_FIELDS = ("id", "path", "kind", "title", "publisher", "date", "language", "url", "notes", "sha256")
# NOTE: the kinds of raw file; only policy texts are run through figure extraction.
KINDS = ("policy_text", "reference_table")
CORPUS_COLUMNS = [*REQUIRED_FIELDS, "n_chars", "text"]


def read_sources(sources_file: Path | None = None) -> list[dict]:
    """Read and validate the provenance records in ``sources.yml``.

    Raises
    ------
    RawDataError
        If the file is missing or unreadable, or a record lacks a field or has an
        unknown ``kind``. The message names the record and the field.
    """
    import yaml

    path = Path(sources_file or config.SOURCES_FILE)
    if not path.is_file():
        raise RawDataError(f"sources file {path}: missing")
    # NOTE: libyaml's C loader when PyYAML has it: the pure-Python one took 0.8 s on the
    # provenance of 1,000 documents, most of a rebuild.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        raise RawDataError(f"sources file {path}: not valid YAML ({exc})") from exc
    records = (doc or {}).get("sources")
    if not isinstance(records, list) or not records:
        raise RawDataError(f"sources file {path}: expected a non-empty list under 'sources'")
    seen: set[str] = set()
    for i, rec in enumerate(records):
        name = rec.get("id", f"#{i}") if isinstance(rec, dict) else f"#{i}"
        if not isinstance(rec, dict):
            raise RawDataError(f"sources file {path}: record {name} is not a mapping")
        missing = [f for f in REQUIRED_FIELDS if f not in rec]
        if missing:
            raise RawDataError(f"sources file {path}: record {name} lacks field(s) {', '.join(missing)}")
        if rec["kind"] not in KINDS:
            raise RawDataError(
                f"sources file {path}: record {name} has kind={rec['kind']!r}; expected one of {KINDS}"
            )
        if rec["id"] in seen:
            raise RawDataError(f"sources file {path}: id {rec['id']!r} appears twice")
        seen.add(rec["id"])
    return records


def sha256_file(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_checksums(records: list[dict] | None = None, raw_dir: Path | None = None) -> list[dict]:
    """Check that every raw file exists and matches its recorded SHA-256.

    Returns the records. Raises `RawDataError` naming the first bad file, with the
    expected and actual checksums.
    """
    raw_dir = Path(raw_dir or config.RAW_DATA_DIR)
    records = read_sources(raw_dir / "sources.yml") if records is None else records
    for rec in records:
        path = raw_dir / rec["path"]
        if not path.is_file():
            raise RawDataError(f"raw file {rec['path']} (source {rec['id']}): missing")
        actual = sha256_file(path)
        if actual != rec["sha256"]:
            raise RawDataError(
                f"raw file {rec['path']} (source {rec['id']}): checksum mismatch; "
                f"expected sha256 {rec['sha256']}, found {actual}. Raw files are never edited: "
                "restore it from git (git checkout -- data/raw)."
            )
    return records


def load_corpus(raw_dir: Path | None = None, cache: bool = True) -> pd.DataFrame:
    """Load every raw file with its provenance, after verifying its checksum.

    Each policy text is read by the reader its suffix names (``.txt``, ``.md``, ``.html``,
    ``.htm``, ``.pdf``, ``.docx``; see `corpus.readers`), then normalised.

    Parameters
    ----------
    raw_dir : Path, optional
        The raw-data folder holding ``sources.yml``; defaults to ``data/raw``.
    cache : bool
        Read converted text from, and write it to, the text cache beside ``raw_dir``
        (``data/processed/text/``, keyed by sha256 and reader version; see `corpus.cache`).

    Returns
    -------
    pandas.DataFrame
        One row per raw file, in ``sources.yml`` order, with the provenance fields
        (id, path, kind, title, publisher, date, language, url, notes, sha256),
        ``n_chars`` and ``text``: the normalised text for policy texts, and None for
        reference tables (read those with `read_reference`).

    Raises
    ------
    RawDataError
        If a file is missing or its checksum does not match.
    DocumentError
        If a registered file can no longer be read (a reader refuses it).
    """
    from sei_analysis.corpus.cache import document_text, text_cache_dir
    from sei_analysis.corpus.text import normalize_text

    raw_dir = Path(raw_dir or config.RAW_DATA_DIR)
    records = verify_checksums(raw_dir=raw_dir)
    cache_dir = text_cache_dir(raw_dir) if cache else None
    rows = []
    for rec in records:
        text = None
        if rec["kind"] == "policy_text":
            text = normalize_text(document_text(raw_dir / rec["path"], rec["sha256"], cache_dir))
        rows.append({**{f: rec[f] for f in REQUIRED_FIELDS}, "n_chars": len(text or ""), "text": text})
    return pd.DataFrame(rows, columns=CORPUS_COLUMNS)


def read_reference(raw_dir: Path | None = None, records: list[dict] | None = None) -> pd.DataFrame:
    """Read the reference-figures table after verifying its checksum.

    Returns the rows unchanged, with ``source_id`` (the record id in ``sources.yml``)
    added. ``period`` and ``date_published`` stay strings. ``records`` are provenance
    records already verified by the caller (`verify_checksums`), so the files are not
    hashed twice.
    """
    raw_dir = Path(raw_dir or config.RAW_DATA_DIR)
    records = verify_checksums(raw_dir=raw_dir) if records is None else records
    (rec,) = [r for r in records if r["kind"] == "reference_table"]
    table = pd.read_csv(raw_dir / rec["path"], dtype={"period": str, "date_published": str})
    return table.assign(source_id=rec["id"])
