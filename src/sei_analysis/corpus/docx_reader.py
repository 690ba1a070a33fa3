"""Read a Word file (.docx) with python-docx, after checking the zip it is made of.

A DOCX is a zip of XML parts, and both layers can be hostile: a zip can declare small
parts that inflate to gigabytes, and an XML part can carry a DTD with an external entity
(XXE: ``<!ENTITY x SYSTEM "file:///etc/passwd">``) or an entity chain that doubles at
each step (billion laughs). Before python-docx sees the file, every part is checked:

1. the number of parts, the declared size of each and of all, and their compression ratio;
2. the bytes each part actually inflates to, counted while it is read (a forged header
   can understate them), against the same caps;
3. every XML part is parsed with defusedxml, which refuses any DTD, so no entity is ever
   declared, let alone resolved or fetched.

python-docx then parses the checked bytes with entity resolution off. The text is each
paragraph and each table row, in document order.
"""

from __future__ import annotations

import io
import zipfile

from sei_analysis.corpus.document import Document, Found, check_text
from sei_analysis.corpus.limits import (
    MAX_ZIP_ENTRIES,
    MAX_ZIP_MEMBER_BYTES,
    MAX_ZIP_RATIO,
    MAX_ZIP_TOTAL_BYTES,
    ZIP_RATIO_FLOOR_BYTES,
)
from sei_analysis.errors import DocumentError

__all__ = ["VERSION", "read_docx"]

# NOTE: bump when the text this reader produces changes; it is part of the text cache key.
VERSION = 1

ZIP_MAGIC = b"PK\x03\x04"
# NOTE: parts that are XML, by name; media (images, fonts) are only size-checked.
XML_SUFFIXES = (".xml", ".rels")
READ_CHUNK = 1 << 16
# NOTE: producers write these as the author when nobody set one.
PLACEHOLDER_AUTHORS = frozenset(
    {"administrator", "admin", "user", "微软用户", "microsoft office user", "python-docx"}
)


def read_docx(data: bytes, name: str) -> Document:
    """Read the paragraphs and tables of a Word file.

    Parameters
    ----------
    data : bytes
        The file's bytes.
    name : str
        The file name, for error messages.

    Returns
    -------
    Document
        One paragraph per line block, table rows as lines with cells spaced; the title,
        author (as publisher) and creation date from the core properties.

    Raises
    ------
    DocumentError
        If the file is not a zip, breaks a cap, carries a DTD, or holds no text.
    """
    if not data.startswith(ZIP_MAGIC):
        raise DocumentError(f"{name}: not a DOCX (not a zip archive; it starts {data[:8]!r})")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_archive(archive, name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        raise DocumentError(f"{name}: not a readable DOCX ({exc})") from exc
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise DocumentError(f"{name}: not a readable DOCX ({type(exc).__name__}: {exc})") from exc
    text = "\n\n".join(block for block in _blocks(document) if block)
    if not text.strip():
        raise DocumentError(f"{name}: the DOCX holds no text")
    return Document(text=check_text(text, name), reader="docx", found=_metadata(document))


def _check_archive(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a zip whose parts are too many, too large (declared or actual) or carry a DTD."""
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise DocumentError(f"{name}: the DOCX has {len(infos):,} parts; the cap is {MAX_ZIP_ENTRIES:,}")
    declared = sum(info.file_size for info in infos)
    if declared > MAX_ZIP_TOTAL_BYTES:
        raise DocumentError(
            f"{name}: the DOCX declares {declared:,} bytes uncompressed; the cap is {MAX_ZIP_TOTAL_BYTES:,}"
        )
    total = 0
    for info in infos:
        _check_declared(info, name)
        blob = _read_member(archive, info, name)
        total += len(blob)
        if total > MAX_ZIP_TOTAL_BYTES:
            raise DocumentError(f"{name}: the DOCX inflates past {MAX_ZIP_TOTAL_BYTES:,} bytes; refused")
        if info.filename.lower().endswith(XML_SUFFIXES):
            _check_xml(blob, info.filename, name)


def _check_declared(info: zipfile.ZipInfo, name: str) -> None:
    """Refuse a part whose declared size or compression ratio is beyond the caps."""
    if info.file_size > MAX_ZIP_MEMBER_BYTES:
        raise DocumentError(
            f"{name}: part {info.filename} declares {info.file_size:,} bytes; "
            f"the cap is {MAX_ZIP_MEMBER_BYTES:,}"
        )
    if info.file_size > ZIP_RATIO_FLOOR_BYTES and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
        raise DocumentError(
            f"{name}: part {info.filename} inflates {info.file_size / max(info.compress_size, 1):,.0f} times "
            f"(a zip bomb?); the cap is {MAX_ZIP_RATIO}"
        )


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    """Read one part in chunks, refusing it as soon as it passes the per-part cap."""
    chunks, size = [], 0
    with archive.open(info) as fh:
        while chunk := fh.read(READ_CHUNK):
            size += len(chunk)
            if size > MAX_ZIP_MEMBER_BYTES:
                raise DocumentError(
                    f"{name}: part {info.filename} inflates past {MAX_ZIP_MEMBER_BYTES:,} bytes"
                )
            chunks.append(chunk)
    return b"".join(chunks)


def _check_xml(blob: bytes, part: str, name: str) -> None:
    """Parse an XML part with defusedxml: any DTD (so any entity) is refused."""
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as safe_et
    from defusedxml import DefusedXmlException

    try:
        safe_et.fromstring(blob, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise DocumentError(
            f"{name}: part {part} declares a DTD or entities ({type(exc).__name__}); "
            "a DOCX never does, refused"
        ) from exc
    except ParseError as exc:
        raise DocumentError(f"{name}: part {part} is not well-formed XML ({exc})") from exc


def _blocks(document) -> list[str]:
    """Paragraphs and table rows in document order."""
    from docx.table import Table

    out = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            rows = []
            for row in item.rows:
                cells = []
                for cell in row.cells:
                    value = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
                    if value and (not cells or cells[-1] != value):  # merged cells repeat
                        cells.append(value)
                if cells:
                    rows.append(" ".join(cells))
            out.append("\n".join(rows))
        else:
            out.append(item.text.strip())
    return out


def _metadata(document) -> dict[str, Found]:
    """Title, author (as publisher) and creation date from the core properties."""
    props = document.core_properties
    found: dict[str, Found] = {}
    if (props.title or "").strip():
        found["title"] = Found(props.title.strip(), "DOCX core property title")
    if (props.author or "").strip() and props.author.strip().lower() not in PLACEHOLDER_AUTHORS:
        found["publisher"] = Found(props.author.strip(), "DOCX core property author")
    # python-docx's own template states a 2013 creation date for every file made from it.
    if props.created is not None and (props.author or "").strip().lower() != "python-docx":
        found["date"] = Found(props.created.isoformat(), "DOCX core property created")
    return found
