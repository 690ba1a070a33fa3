"""Documents for the corpus and ``sei add`` tests, made in the test rather than committed.

Ordinary ones, the way economists receive them: a PDF with a Chinese text layer (drawn by
matplotlib with Noto Sans CJK, lines broken mid-sentence as a page layout breaks them), a
PDF of the same page without a text layer (the glyphs drawn as outlines, as a scan has
no text), encrypted PDFs, and a Word file made with python-docx.

Hostile ones (issue 14, "Hostile documents"): each is a small file that would cost
gigabytes, or read a local file, if a reader trusted it. The inflating ones are built
from a deflate stream of zeros made of one repeated block (full flushes make the blocks
independent), so a gigabyte costs milliseconds to build.
"""

from __future__ import annotations

import functools
import io
import struct
import zlib
from pathlib import Path

GB = 1 << 30
CHUNK = 1 << 24
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")

# A release page as an NBS PDF prints it: a heading, then paragraphs wrapped at the
# margin (every line full but the last), with a figure cut from its subject by the wrap.
ZH_RELEASE_LINES = [
    "2024年1—2月份规模以上工业生产情况",
    "一、工业生产较快增长",
    "1—2月份，全国规模以上工业增加值同比增长7.0%。分三大门类看，采矿业增加值增",
    "长2.3%，制造业增长7.7%，电力、热力、燃气及水生产和供应业增长7.9%。高技术",
    "制造业增加值增长7.5%，快于全部规模以上工业0.5个百分点。",
    "二、服务业持续恢复",
    "1—2月份，全国服务业生产指数同比增长5.8%。其中，信息传输、软件和信息技术服",
    "务业生产指数增长13.7%。",
    "国家统计局",
    "2024年3月18日",
]
ZH_RELEASE_PARAGRAPHS = [
    "1—2月份，全国规模以上工业增加值同比增长7.0%。分三大门类看，采矿业增加值增长2.3%，"
    "制造业增长7.7%，电力、热力、燃气及水生产和供应业增长7.9%。高技术制造业增加值增长7.5%，"
    "快于全部规模以上工业0.5个百分点。",
    "1—2月份，全国服务业生产指数同比增长5.8%。其中，信息传输、软件和信息技术服务业生产指数增长13.7%。",
]


def pdf_with_lines(path: Path, lines: list[str], text_layer: bool = True, title: str | None = None) -> None:
    """A one-page A4 PDF with one text line per entry, drawn by matplotlib in Noto Sans CJK.

    Without a text layer the glyphs are drawn as outlines, which is what a scanned page
    amounts to: it looks the same and holds no text.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.patches import PathPatch
    from matplotlib.textpath import TextPath

    font = FontProperties(fname=str(CJK_FONT))
    fig = Figure(figsize=(8.27, 11.69))
    for i, line in enumerate(lines):
        y = 0.92 - i * 0.03
        if text_layer:
            fig.text(0.08, y, line, fontproperties=font, fontsize=11)
        else:
            outline = TextPath((0, 0), line, size=11, prop=font)
            patch = PathPatch(outline, transform=_offset(fig, 0.08, y) + fig.dpi_scale_trans, color="black")
            fig.add_artist(patch)
    metadata = {"Title": title} if title else {}
    with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(path, metadata=metadata) as pdf:
        pdf.savefig(fig)


@functools.lru_cache(maxsize=4)
def release_pdf_bytes(text_layer: bool = True) -> bytes:
    """The bytes of the release PDF (`ZH_RELEASE_LINES`), made once per test session."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "release.pdf"
        pdf_with_lines(path, ZH_RELEASE_LINES, text_layer=text_layer)
        return path.read_bytes()


def _offset(fig, x: float, y: float):
    """A transform that moves outlines (in points) to figure fraction (x, y)."""
    from matplotlib.transforms import Affine2D, ScaledTranslation

    return Affine2D().scale(1 / 72) + ScaledTranslation(
        x * fig.get_figwidth(), y * fig.get_figheight(), Affine2D()
    )


def encrypt_pdf(source: Path, dest: Path, user_password: str) -> None:
    """Copy a PDF encrypted with AES-256; an empty user password only restricts printing."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=str(source))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-256")
    with open(dest, "wb") as fh:
        writer.write(fh)


def docx_release(path: Path, title: str | None = "工业生产情况", author: str | None = "国家统计局") -> None:
    """A Word file with a heading, two paragraphs and a table, and its core properties."""
    import datetime as dt

    import docx

    document = docx.Document()
    document.add_heading("2024年1—2月份规模以上工业生产情况", level=1)
    for paragraph in ZH_RELEASE_PARAGRAPHS:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([("指标", "同比增长(%)"), ("规模以上工业增加值", "7.0")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("附注：部分数据因四舍五入的原因，存在总计与分项合计不等的情况。")
    props = document.core_properties
    props.title = title or ""
    props.author = author or ""
    props.created = dt.datetime(2024, 3, 18, 10, 0)
    document.save(path)


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
