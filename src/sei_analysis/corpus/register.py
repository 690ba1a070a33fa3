"""Register new raw documents: the work of ``sei add``, without the command line.

`plan_additions` reads each file once, in memory, and decides everything: its reader,
its checksum, its metadata (options first, then what the document states, then what can
be detected), a readable unique id and the name of its copy under ``data/raw/policy/``.
It writes nothing, so every refusal leaves ``data/raw`` and ``sources.yml`` byte-identical,
and ``--dry-run`` is a plan that is not carried out. `add_documents` plans under a lock on
``sources.yml`` and then carries the plan out: each original is copied byte for byte (the
bytes that were checked, not a second read), and ``sources.yml`` gains one record per file,
written atomically with ruamel.yaml so that its comments, order and quoting survive and a
diff shows only the new records (`raw_store` does the writing). If anything fails on the way,
the copies are removed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sei_analysis import config
from sei_analysis.corpus.document import Document
from sei_analysis.corpus.limits import MAX_FILE_BYTES
from sei_analysis.corpus.metadata import check_date, check_id, detect_script, make_id, parse_date
from sei_analysis.corpus.raw_store import RECORD_FIELDS, locked, record_yaml, write_documents
from sei_analysis.corpus.readers import SUFFIXES, read_bytes, read_document, reader_for
from sei_analysis.corpus.sources import read_sources
from sei_analysis.errors import DocumentError

__all__ = [
    "RECORD_FIELDS",
    "AddOptions",
    "Addition",
    "add_documents",
    "collect_files",
    "plan_additions",
    "record_yaml",
]

# NOTE: new documents are policy texts, the kind figures are extracted from; the reader
# is chosen from the file's suffix, so the kind needs no format in it.
NEW_KIND = "policy_text"
POLICY_DIR = "policy"
# NOTE: what the record's notes call each format.
FORMAT_LABELS = {
    "text": "Text file",
    "html": "Web page saved from a browser",
    "pdf": "PDF",
    "docx": "Word file",
}
# NOTE: a title read from a document longer than this is not a title (a PDF /Title that
# holds a paragraph); a title from the first line of the text must be shorter still.
MAX_TITLE_CHARS = 300
MAX_FIRST_LINE_TITLE = 120
MAX_NAME_BYTES = 200
UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\]")
# NOTE: a date on a line of its own near the start or the end of a text, as Chinese
# documents sign off (2024年3月18日) and English releases date themselves (March 18, 2024),
# bare or labelled as the date of publication ("Published 2019-01-21", 发布时间：2019-01-21).
# A label for another date ("Updated", "Printed") makes the line no date line.
DATE_LABEL = (
    r"(?:(?:Published|Released|Issued)(?: on)?|(?:Publication|Release|Issue) date|Date)\s*[:：]?\s*"
    r"|(?:发布时间|发布日期|发布于|日期|时间)\s*[:：]?\s*"
)
DATE_LINE = re.compile(
    rf"^\s*(?:{DATE_LABEL})?"
    r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{2}-\d{2}|[A-Z][a-z]+\.? \d{1,2}, \d{4})\s*$",
    re.M,
)
EDGE_CHARS = 1500
# NOTE: where a file's own properties, not its text, state a date: the date the file was
# made, which a date line in the text overrides.
FILE_DATE_PLACES = ("PDF document info", "DOCX core property")
# NOTE: a signature line names an issuer: it ends like an office or names a known one.
SIGNATURE = re.compile(
    r"(?:局|部|委员会|委|办公室|办公厅|国务院|政府|研究院|中心|Bureau|Ministry|Commission|Council|Office"
    r"|Administration)(?: of [A-Z][A-Za-z ]+)?$"
)
MAX_SIGNATURE_CHARS = 60


@dataclass(frozen=True)
class AddOptions:
    """What the user stated with ``sei add`` options; None means "take it from the document"."""

    id: str | None = None
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class Addition:
    """One planned addition: the file, its bytes and text, and the record it gets.

    ``origin`` says where each field came from (an option, a place in the document,
    "detected"); ``missing`` names the fields neither an option nor the document gave.
    """

    source: Path
    data: bytes = field(repr=False)
    document: Document = field(repr=False)
    record: dict[str, Any]
    origin: dict[str, str]
    missing: tuple[str, ...]


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """The files to add: each path given, and each file of a known format in a folder given.

    A folder is read one level deep, in name order; hidden files and files of other
    formats in it are skipped. A symbolic link, given or inside a folder, is refused.
    """
    files, errors = [], []
    for path in map(Path, paths):
        if path.is_symlink():
            errors.append(f"{path}: is a symbolic link; add the file it points to instead")
        elif path.is_dir():
            for child in sorted(path.iterdir()):
                if child.name.startswith(".") or child.suffix.lower() not in SUFFIXES:
                    continue
                if child.is_symlink():
                    errors.append(f"{child}: is a symbolic link; add the file it points to instead")
                elif child.is_file():
                    files.append(child)
        elif not path.exists():
            errors.append(f"{path}: no such file or folder")
        else:
            files.append(path)
    if errors:
        raise DocumentError(_summary(errors, len(errors) + len(files)))
    if not files:
        raise DocumentError(
            f"no file to add in {', '.join(map(str, paths))}; formats read: {', '.join(SUFFIXES)}"
        )
    return files


def plan_additions(
    paths: Iterable[Path],
    options: AddOptions = AddOptions(),
    raw_dir: Path | None = None,
    now: dt.datetime | None = None,
) -> list[Addition]:
    """Read every file and plan its record, writing nothing.

    Raises
    ------
    DocumentError
        Listing every file refused (already registered, unknown format, unreadable, no
        text, encrypted, no date, bad option), each with the reason. Nothing is planned then.
    """
    raw_dir = Path(raw_dir or config.RAW_DATA_DIR)
    now = now or dt.datetime.now(dt.UTC)
    files = collect_files(paths)
    if len(files) > 1 and (options.id or options.title or options.url):
        raise DocumentError(
            f"--id, --title and --url describe one document, and {len(files)} files were given"
        )
    records = read_sources(raw_dir / "sources.yml")
    registered = {rec["sha256"]: rec["id"] for rec in records}
    ids = {rec["id"] for rec in records}
    policy = raw_dir / POLICY_DIR
    names = {rec["path"] for rec in records} | (
        {f"{POLICY_DIR}/{p.name}" for p in policy.iterdir()} if policy.is_dir() else set()
    )
    additions, errors = [], []
    for path in files:
        try:
            addition = _plan_one(path, options, raw_dir, registered, ids, names, now)
        except DocumentError as exc:
            errors.append(str(exc))
            continue
        additions.append(addition)
        registered[addition.record["sha256"]] = addition.record["id"]
        ids.add(addition.record["id"])
        names.add(addition.record["path"])
    if errors:
        raise DocumentError(_summary(errors, len(files)))
    return additions


def _summary(errors: list[str], total: int) -> str:
    """One refusal as it is; several as a count and one line each."""
    if len(errors) == 1:
        return f"{errors[0]} (nothing was added)" if total > 1 else errors[0]
    lines = "\n".join(f"  {err}" for err in errors)
    return f"{len(errors)} of {total} files refused; nothing was added:\n{lines}"


def _plan_one(path, options, raw_dir, registered, ids, names, now) -> Addition:
    """Plan the addition of one file (see `plan_additions`)."""
    if _is_inside(path, raw_dir):
        raise DocumentError(f"{path}: is inside {raw_dir} already; add documents from outside data/raw")
    if UNSAFE_NAME.search(path.name) or len(path.name.encode()) > MAX_NAME_BYTES or path.name.startswith("."):
        raise DocumentError(
            f"{path.name!r}: a file name with control characters, a leading dot "
            f"or over {MAX_NAME_BYTES} bytes; rename it"
        )
    reader = reader_for(path)
    data = read_bytes(path, MAX_FILE_BYTES[reader.name])
    sha256 = hashlib.sha256(data).hexdigest()
    if sha256 in registered:
        raise DocumentError(
            f"{path}: already registered as {registered[sha256]} (same sha256 {sha256[:12]}...)"
        )
    document = read_document(path, data)
    origin: dict[str, str] = {}
    missing: list[str] = []
    found = document.found

    def pick(fieldname: str, option: str | None) -> str | None:
        if option is not None:
            origin[fieldname] = f"--{fieldname}"
            return option
        if fieldname in found:
            origin[fieldname] = found[fieldname].where
            return found[fieldname].value
        missing.append(fieldname)
        return None

    title = pick("title", _nonempty(options.title, "--title"))
    if title is not None and len(title) > MAX_TITLE_CHARS:
        title = title[:MAX_TITLE_CHARS].rstrip() + "…"
    issuer = _header_issuer(document.text)
    if title is None:
        title, origin["title"] = _title_from_text(document.text, path, after_issuer=issuer is not None)
    date = _date(options, found, document.text, path, origin, missing)
    publisher = pick("publisher", _nonempty(options.publisher, "--publisher"))
    for named, where in (
        (_signature(document.text), "the signature line of the text"),
        (issuer, "the first line of the text, which names an office"),
    ):
        if publisher is None and named:
            publisher, origin["publisher"] = named, where
            missing.remove("publisher")
    url = pick("url", _check_url(options.url))
    if url is not None and not url.startswith(("http://", "https://")):
        origin.pop("url")
        missing.append("url")
        url = None
    language = _language(options.lang, document.text, origin)
    if options.id is not None:
        doc_id = check_id(options.id)
        if doc_id in ids:
            raise DocumentError(f"--id {doc_id!r}: already the id of another source")
        origin["id"] = "--id"
    else:
        doc_id = make_id(publisher, date, title, ids, file_name=path.name)
        origin["id"] = "made from publisher, date and title"
    notes = " ".join(
        [f"{FORMAT_LABELS[document.reader]}, added with sei add from {path.name}.", *document.notes]
    )
    record = {
        "id": doc_id,
        "path": _free_name(path.name, names),
        "kind": NEW_KIND,
        "title": title,
        "publisher": publisher,
        "date": date,
        "language": language,
        "url": url,
        "notes": notes,
        "sha256": sha256,
        "added": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return Addition(path, data, document, record, origin, tuple(missing))


def _date(options, found, text, path, origin, missing) -> str:
    """The record's date: --date, else the document's, else a date line in the text."""
    if options.date is not None:
        origin["date"] = "--date"
        return check_date(options.date)
    stated = found.get("date")
    parsed = parse_date(stated.value) if stated is not None else None
    # A page's PubDate states when it was published; a PDF's or a DOCX's creation date
    # only when the file was made (printed, converted), so a date the text signs with wins.
    if parsed and not stated.where.startswith(FILE_DATE_PLACES):
        origin["date"] = stated.where
        return parsed
    line = _date_line(text)
    if line:
        origin["date"] = f"a date line in the text ({line[0]})"
        return line[1]
    if parsed:
        origin["date"] = stated.where
        return parsed
    seen = f" ({stated.value!r} in {stated.where} is not a past date)" if stated else ""
    raise DocumentError(
        f"{path}: no date found in the document{seen}; give --date YYYY-MM-DD "
        "(relative periods such as 上半年 or 'last year' are read against it)"
    )


def _date_line(text: str) -> tuple[str, str] | None:
    """(as written, as stored) for the first date on a line of its own near either end of the text."""
    for chunk in (text[:EDGE_CHARS], text[-EDGE_CHARS:]):
        for match in DATE_LINE.finditer(chunk):
            parsed = parse_date(match.group(1))
            if parsed:
                return match.group(0).strip(), parsed
    return None


def _signature(text: str) -> str | None:
    """The issuer a text signs with: the short line before its closing date line.

    Chinese documents and NBS releases end "国家统计局 / 2024年7月15日"; the line counts
    when it names a known publisher or ends like an office (局, 部, 委员会, Bureau, ...).
    """
    lines = [line.strip() for line in text[-EDGE_CHARS:].split("\n") if line.strip()]
    for before, line in zip(lines, lines[1:], strict=False):
        if DATE_LINE.fullmatch(line) and len(before) <= MAX_SIGNATURE_CHARS and SIGNATURE.search(before):
            return before
    return None


def _header_issuer(text: str) -> str | None:
    """The issuer a text is headed with: a first line that ends like an office, above its title.

    English releases saved as PDF often open "National Bureau of Statistics / Industrial
    production in 2018 / Published 2019-01-21". The first line counts only when it is short,
    ends like an office (`SIGNATURE`) and a title line follows it.
    """
    lines = _head_lines(text)
    if len(lines) >= 2 and len(lines[0]) <= MAX_SIGNATURE_CHARS and SIGNATURE.search(lines[0]):
        if not DATE_LINE.fullmatch(lines[1]) and len(lines[1]) <= MAX_FIRST_LINE_TITLE:
            return lines[0]
    return None


def _head_lines(text: str, n: int = 2) -> list[str]:
    """The first ``n`` non-empty lines of a text, stripped."""
    lines = (line.strip() for line in text[:EDGE_CHARS].split("\n"))
    return [line for line in lines if line][:n]


def _language(option: str | None, text: str, origin: dict[str, str]) -> str:
    """--lang (``zh`` resolved to a script by the text), else detected from the text."""
    if option in ("en", "zh-Hans", "zh-Hant"):
        origin["language"] = "--lang"
        return option
    detected = detect_script(text)
    if option == "zh":
        origin["language"] = "--lang, script detected"
        return detected if detected != "en" else "zh-Hans"
    origin["language"] = "detected from the text"
    return detected


def _title_from_text(text: str, path: Path, after_issuer: bool = False) -> tuple[str, str]:
    """The first line of the text (the line after the issuer when it is headed with one) when
    it is short enough to be a title, else the file name."""
    lines = _head_lines(text)
    if after_issuer:
        return lines[1], "the line after the issuer"
    if lines and len(lines[0]) <= MAX_FIRST_LINE_TITLE:
        return lines[0], "the first line of the text"
    return path.stem, "the file name"


def _nonempty(value: str | None, option: str) -> str | None:
    """An option's value, stripped; an empty one is refused."""
    if value is None:
        return None
    if not value.strip():
        raise DocumentError(f"{option} {value!r}: empty; leave the option out to take it from the document")
    return " ".join(value.split())


def _check_url(value: str | None) -> str | None:
    """A --url must be http(s)."""
    if value is not None and not re.match(r"^https?://\S+$", value.strip()):
        raise DocumentError(f"--url {value!r}: expected an http:// or https:// address")
    return value.strip() if value else None


def _is_inside(path: Path, folder: Path) -> bool:
    """True when ``path`` lies inside ``folder`` (both resolved)."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _free_name(name: str, taken: set[str]) -> str:
    """``policy/<name>``, or ``policy/<stem>-2<suffix>`` (-3, ...) when that is taken.

    Examples
    --------
    >>> _free_name("a.pdf", {"policy/a.pdf", "policy/a-2.pdf"})
    'policy/a-3.pdf'
    """
    stem, suffix = os.path.splitext(name)
    candidate, n = f"{POLICY_DIR}/{name}", 1
    while candidate in taken:
        n += 1
        candidate = f"{POLICY_DIR}/{stem}-{n}{suffix}"
    return candidate


def add_documents(
    paths: Iterable[Path],
    options: AddOptions = AddOptions(),
    raw_dir: Path | None = None,
    dry_run: bool = False,
) -> list[Addition]:
    """Plan the additions and, unless ``dry_run``, carry them out; return them.

    Raises
    ------
    DocumentError
        If any file is refused (nothing is written then).
    SeiAnalysisError
        If a write fails (disk full, read-only folder); what was copied is removed again.
    """
    raw_dir = Path(raw_dir or config.RAW_DATA_DIR)
    if dry_run:
        return plan_additions(paths, options, raw_dir)
    with locked(raw_dir / "sources.yml"):
        additions = plan_additions(paths, options, raw_dir)
        write_documents(
            [(a.record["path"], a.data) for a in additions], [a.record for a in additions], raw_dir
        )
    return additions
