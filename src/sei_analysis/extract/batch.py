"""Figures of many documents at once: a cache keyed by content, and a process pool for the rest.

``sei build`` over a thousand releases re-extracts only what changed: each document's figures
are cached under a key made of its text, language, date and title and the extractor's version
(a digest of the extract stage's source files, so any change to a rule invalidates the cache
by itself). Documents missing from the cache are extracted across the cores. The result does
not depend on the cache or the pool: the same inputs give the same rows in the same order.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from sei_analysis.extract.figures import FIGURE_COLUMNS, extract_figures

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["Document", "extract_documents", "extractor_version"]

# NOTE: below this many documents to extract, a pool costs more to start than it saves.
POOL_MIN_DOCUMENTS = 8
# NOTE: documents handed to a worker at a time: fewer round trips, still an even spread.
CHUNK_SIZE = 16
KEY_COLUMN = "_cache_key"


class CacheWarning(UserWarning):
    """The figure cache could not be read or written; the build goes on without it."""


class Document(NamedTuple):
    """One text to extract, with what extraction reads besides the text."""

    doc_id: str
    text: str
    lang: str | None
    date: str | None
    title: str | None


@functools.cache
def extractor_version() -> str:
    """A digest of every source file the figures depend on (the extract stage and normalisation).

    Examples
    --------
    >>> len(extractor_version())
    16
    """
    here = Path(__file__).resolve().parent
    files = sorted(here.glob("*.py")) + [here.parent / "corpus" / "text.py"]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(doc: Document) -> str:
    """The cache key of one document: its inputs and the extractor's version."""
    digest = hashlib.sha256(extractor_version().encode())
    for part in (doc.lang, doc.date, doc.title, doc.text):
        digest.update(b"\x00" + str(part).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _extract(doc: Document) -> pd.DataFrame:
    return extract_figures(doc.text, lang=doc.lang, document_date=doc.date, document_title=doc.title)


def _extract_many(docs: Sequence[Document]) -> list[pd.DataFrame]:
    return [_extract(doc) for doc in docs]


def _extract_pooled(todo: list[Document], workers: int) -> list[pd.DataFrame] | None:
    """The documents extracted across ``workers`` processes, or None when no pool can run here.

    The pool is started by a fork server (never a plain fork of this process, which may
    hold the locks of pyarrow's threads). Where a worker cannot start (a __main__ that cannot
    be imported again, such as code read from stdin), extraction falls back to this process.
    """
    import multiprocessing
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("forkserver")
    try:
        with ProcessPoolExecutor(max_workers=min(workers, len(todo)), mp_context=context) as pool:
            batches = pool.map(_extract_many, _chunks(todo, CHUNK_SIZE))
            return [frame for batch in batches for frame in batch]
    except (BrokenProcessPool, OSError):
        return None


def _chunks(items: Sequence[Document], size: int) -> Iterable[Sequence[Document]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _read_cache(path: Path | None, keys: set[str]) -> tuple[pd.DataFrame | None, bool]:
    """The cached rows of ``keys`` (with the key column), or None when there is no usable
    cache; and whether the file holds anything else (stale entries, to be dropped)."""
    import pandas as pd

    if path is None or not path.is_file():
        return None, False
    try:
        table = pd.read_parquet(path)
    except (OSError, ValueError):
        return None, True  # a damaged cache is rebuilt, never trusted
    if list(table.columns) != [KEY_COLUMN, *FIGURE_COLUMNS]:
        return None, True
    wanted = table[KEY_COLUMN].isin(keys)
    return table[wanted], not bool(wanted.all())


def _write_cache(path: Path, rows: pd.DataFrame) -> None:
    """Write the cache; a cache that cannot be written costs time, never the build (a warning)."""
    import warnings

    from sei_analysis.atomic import atomic_path

    made = not path.parent.exists()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as tmp:
            rows.to_parquet(tmp, index=False, engine="pyarrow", compression="zstd")
    except OSError as exc:
        if made:
            with contextlib.suppress(OSError):
                path.parent.rmdir()
        reason = exc.strerror or exc
        message = f"figure cache {path} not written ({reason}); the next build extracts again"
        warnings.warn(message, CacheWarning, stacklevel=3)


def extract_documents(
    docs: Sequence[Document], cache_file: Path | None = None, workers: int | None = None
) -> pd.DataFrame:
    """The figures of every document: ``doc_id``, then the `extract_figures` columns.

    Parameters
    ----------
    docs : sequence of Document
    cache_file : Path, optional
        A Parquet file of cached figures; read first, then rewritten with exactly the
        documents given (stale entries dropped). None: no cache.
    workers : int, optional
        Processes for the documents not in the cache; default the number of cores. 1 (or
        fewer than `POOL_MIN_DOCUMENTS` documents to extract) extracts in this process.

    Returns
    -------
    DataFrame
        Each document's rows as ``extract_figures(text, lang, document_date=date,
        document_title=title)`` gives them, documents in the order given.
    """
    import pandas as pd

    keys = [cache_key(doc) for doc in docs]
    cached, stale = _read_cache(cache_file, set(keys))
    have = set() if cached is None else set(cached[KEY_COLUMN])
    todo = list({key: doc for key, doc in zip(keys, docs, strict=True) if key not in have}.items())
    workers = (os.cpu_count() or 1) if workers is None else max(1, workers)
    pooled = workers > 1 and len(todo) >= POOL_MIN_DOCUMENTS
    fresh = _extract_pooled([d for _, d in todo], workers) if pooled else None
    if fresh is None:
        fresh = _extract_many([d for _, d in todo])
    columns = [KEY_COLUMN, *FIGURE_COLUMNS]
    empty = extract_figures("").assign(**{KEY_COLUMN: pd.Series(dtype="str")})[columns]
    parts = [empty] if cached is None else [cached]
    parts += [frame.assign(**{KEY_COLUMN: key})[columns] for (key, _), frame in zip(todo, fresh, strict=True)]
    rows = pd.concat(parts, ignore_index=True)
    if cache_file is not None and (todo or stale or not cache_file.is_file()):
        _write_cache(cache_file, rows.sort_values(KEY_COLUMN, kind="stable").reset_index(drop=True))
    order = pd.DataFrame(
        {
            KEY_COLUMN: pd.Series(keys, dtype="str"),
            "doc_id": pd.Series([doc.doc_id for doc in docs], dtype="str"),
            "_doc": pd.Series(range(len(docs)), dtype="int64"),
        }
    )
    out = order.merge(rows.assign(_row=range(len(rows))), on=KEY_COLUMN, how="inner")
    out = out.sort_values(["_doc", "_row"], kind="stable")
    return out[["doc_id", *FIGURE_COLUMNS]].reset_index(drop=True)
