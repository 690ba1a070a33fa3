"""Builders of hostile documents for the tests (issue 14, "Hostile documents").

Each writes a small file that would cost gigabytes, or read a local file, if a reader
trusted it. The inflating ones are built from a deflate stream of zeros made of one
repeated block (full flushes make blocks independent), so a gigabyte costs milliseconds.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

GB = 1 << 30
CHUNK = 1 << 24


def deflate_zeros(size: int, wrapper: str = "raw") -> tuple[bytes, int]:
    """A deflate stream of ``size`` zero bytes (a multiple of 16 MiB) and their CRC-32.

    ``wrapper`` is ``raw`` (zip members) or ``zlib`` (PDF /FlateDecode).
    """
    assert size % CHUNK == 0
    wbits = -15 if wrapper == "raw" else 15
    comp = zlib.compressobj(9, zlib.DEFLATED, wbits)
    zeros = bytes(CHUNK)
    first = comp.compress(zeros) + comp.flush(zlib.Z_FULL_FLUSH)
    repeat = comp.compress(zeros) + comp.flush(zlib.Z_FULL_FLUSH)
    tail = comp.flush()
    crc = 0
    for _ in range(size // CHUNK):
        crc = zlib.crc32(zeros, crc)
    return first + repeat * (size // CHUNK - 1) + tail, crc


def write_zip(path: Path, members: list[tuple[str, bytes, int, int, bool]]) -> None:
    """Write a zip by hand: (name, deflated data, declared size, crc, deflated?) per member.

    The declared size is written as given, so it can understate what the data inflates to.
    """
    out = io.BytesIO()
    central = []
    for name, data, declared, crc, deflated in members:
        offset = out.tell()
        method = 8 if deflated else 0
        raw_name = name.encode()
        out.write(
            struct.pack(
                "<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), declared, len(raw_name), 0
            )
        )
        out.write(raw_name)
        out.write(data)
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                method,
                0,
                0x21,
                crc,
                len(data),
                declared,
                len(raw_name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + raw_name
        )
    start = out.tell()
    for entry in central:
        out.write(entry)
    size = out.tell() - start
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), size, start, 0))
    path.write_bytes(out.getvalue())


def docx_parts(text: str = "增长7.0%") -> dict[str, bytes]:
    """The parts of a small valid DOCX (made by python-docx) holding ``text``."""
    import zipfile

    import docx

    buf = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(text)
    document.save(buf)
    with zipfile.ZipFile(buf) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_docx_parts(path: Path, parts: dict[str, bytes]) -> None:
    """Write DOCX parts as a normal zip."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in parts.items():
            archive.writestr(name, blob)


DOCUMENT_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{dtd}'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>{body}</w:t></w:r></w:p></w:body></w:document>"
)


def docx_with_xxe(path: Path, secret: Path) -> None:
    """A DOCX whose document.xml declares an external entity naming a local file."""
    parts = docx_parts()
    dtd = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
    parts["word/document.xml"] = DOCUMENT_XML.format(dtd=dtd, body="增长&xxe;").encode()
    write_docx_parts(path, parts)


def docx_billion_laughs(path: Path) -> None:
    """A DOCX whose document.xml holds ten levels of entities, each ten of the one before."""
    parts = docx_parts()
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    dtd = "<!DOCTYPE w:document [" + "".join(entities) + "]>\n"
    parts["word/document.xml"] = DOCUMENT_XML.format(dtd=dtd, body="&lol9;").encode()
    write_docx_parts(path, parts)


def docx_bomb(path: Path, inflated: int = GB, declared: int | None = None) -> None:
    """A DOCX with a media part of ``inflated`` zero bytes, declaring ``declared`` (default: honest)."""
    data, crc = deflate_zeros(inflated)
    members = [
        (name, zlib.compress(blob)[2:-4], len(blob), zlib.crc32(blob), True)
        for name, blob in docx_parts().items()
    ]
    members.append(("word/media/image1.png", data, inflated if declared is None else declared, crc, True))
    write_zip(path, members)


def pdf_bomb(path: Path, inflated: int = GB) -> None:
    """A one-page PDF whose content stream inflates to ``inflated`` zero bytes."""
    data, _ = deflate_zeros(inflated, wrapper="zlib")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())


def deep_html(levels: int = 200_000) -> bytes:
    """A page nested ``levels`` deep, with a figure at the bottom and one after."""
    return (
        "<html><body>"
        + "<div>" * levels
        + "增长5.0%"
        + "</div>" * levels
        + "<p>正文增长7.0%。</p></body></html>"
    ).encode()


def html_linking_local_files(secret: Path) -> bytes:
    """A page whose iframes, imports, scripts, images, styles and entities all name a local file."""
    url = f"file://{secret}"
    return f"""<!DOCTYPE html [<!ENTITY xxe SYSTEM "{url}">]>
<html><head><meta charset="utf-8"><title>Local links</title>
<link rel="import" href="{url}"><link rel="stylesheet" href="{url}">
<script src="{url}"></script><base href="file:///"></head>
<body><div class="article"><p>Industrial output grew 7.0 percent in the first two months, the bureau said.</p>
<p>&xxe; <iframe src="{url}"></iframe><object data="{url}"></object><embed src="{url}">
<img src="{url}"><a href="{url}">a link</a> and more text of the article follows here.</p>
<p>Retail sales rose 5.5 percent, the bureau said on Monday in Beijing.</p></div>
<svg><image href="{url}"/></svg><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{url}"/>
</body></html>""".encode()
