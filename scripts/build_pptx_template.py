#!/usr/bin/env python3
"""Build the default briefing template, ``src/sei_analysis/charts/templates/default.pptx``.

Run it from the repository root with the project's venv (``.venv/bin/python
scripts/build_pptx_template.py``); the output is committed, and running it again gives the
same file. It starts from python-pptx's own default template and makes it a clean 16:9
house template:

- three layouts: "Title Slide" (title, subtitle), "Title and Content" (title, body: the
  closing slide) and "Chart": a title, a subtitle placeholder under it, a content area for
  the chart and a source placeholder at the bottom, sized so that a two-line title never
  reaches the subtitle;
- theme fonts Noto Sans CJK SC (Latin and East Asian glyphs from one family, so Chinese
  slides need no fallback); theme accents in the Okabe-Ito palette of the charts;
- fixed core properties, so the file is reproducible.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches

OUT = Path(__file__).resolve().parents[1] / "src" / "sei_analysis" / "charts" / "templates" / "default.pptx"
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 in, the 16:9 slide
FONT = "Noto Sans CJK SC"
# NOTE: theme accents: the Okabe-Ito colours the charts use, strongest first.
ACCENTS = ("0072B2", "D55E00", "009E73", "E69F00", "CC79A7", "56B4E9")
KEEP_LAYOUTS = ("Title Slide", "Title and Content", "Title Only")
# NOTE: the Chart layout in inches: (left, top, width, height) per placeholder. The title box
# holds two lines of 28 pt; the subtitle two lines of 16 pt; the source three lines of 10 pt.
CHART_BOXES = {
    "title": (0.5, 0.25, 12.33, 1.05),
    "subtitle": (0.5, 1.3, 12.33, 0.62),
    "chart": (0.5, 1.98, 12.33, 4.62),
    "source": (0.5, 6.66, 12.33, 0.72),
}
FIXED_TIME = dt.datetime(2026, 1, 1)


def _box(el, left, top, width, height) -> None:
    sp_pr = el.find(qn("p:spPr"))
    for old in sp_pr.findall(qn("a:xfrm")):
        sp_pr.remove(old)
    xfrm = etree.SubElement(sp_pr, qn("a:xfrm"))
    sp_pr.insert(0, xfrm)
    etree.SubElement(xfrm, qn("a:off"), x=str(Inches(left)), y=str(Inches(top)))
    etree.SubElement(xfrm, qn("a:ext"), cx=str(Inches(width)), cy=str(Inches(height)))


def _widen(shapes) -> None:
    """Stretch every placeholder of a 4:3 master or layout to the 16:9 width."""
    scale = WIDTH / Emu(9144000)
    for shape in shapes:
        if shape.left is not None and shape.width is not None:
            shape.left, shape.width = Emu(int(shape.left * scale)), Emu(int(shape.width * scale))


def _placeholder(layout_el, template_sp, sp_id: int, name: str, idx: int, box, size_pt: int, colour: str):
    sp = copy.deepcopy(template_sp)
    nv = sp.find(qn("p:nvSpPr"))
    nv.find(qn("p:cNvPr")).set("id", str(sp_id))
    nv.find(qn("p:cNvPr")).set("name", name)
    ph = nv.find(qn("p:nvPr")).find(qn("p:ph"))
    for key in list(ph.attrib):
        del ph.attrib[key]
    ph.set("type", "body" if name != "Chart Area" else "obj")
    ph.set("idx", str(idx))
    _box(sp, *box)
    body = sp.find(qn("p:txBody"))
    for child in list(body):
        body.remove(child)
    etree.SubElement(body, qn("a:bodyPr"), wrap="square", anchor="t" if name != "Source" else "b").append(
        etree.Element(qn("a:normAutofit"))
    )
    lst = etree.SubElement(body, qn("a:lstStyle"))
    lvl = etree.SubElement(lst, qn("a:lvl1pPr"), marL="0", indent="0")
    etree.SubElement(lvl, qn("a:buNone"))
    rpr = etree.SubElement(lvl, qn("a:defRPr"), sz=str(size_pt * 100), b="0")
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=colour)
    p = etree.SubElement(body, qn("a:p"))
    r = etree.SubElement(p, qn("a:r"))
    etree.SubElement(r, qn("a:rPr"), lang="en-GB")
    etree.SubElement(r, qn("a:t")).text = name
    layout_el.find(qn("p:cSld")).find(qn("p:spTree")).append(sp)


def _theme(prs) -> None:
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    for font in root.iterfind(".//a:fontScheme/*", ns):
        font.find("a:latin", ns).set("typeface", FONT)
        font.find("a:ea", ns).set("typeface", FONT)
    scheme = root.find(".//a:clrScheme", ns)
    scheme.set("name", "sei-analysis")
    for i, colour in enumerate(ACCENTS, start=1):
        accent = scheme.find(f"a:accent{i}", ns)
        for child in list(accent):
            accent.remove(child)
        etree.SubElement(accent, qn("a:srgbClr"), val=colour)
    root.find(".//a:fontScheme", ns).set("name", "sei-analysis")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _text_styles(prs) -> None:
    styles = prs.slide_master._element.find(qn("p:txStyles"))
    title = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    title.set("algn", "l")
    title.find(qn("a:defRPr")).set("sz", "2800")
    title.find(qn("a:defRPr")).set("b", "1")
    for level, size in zip(styles.find(qn("p:bodyStyle")), (2000, 1800, 1600, 1400, 1400), strict=False):
        level.find(qn("a:defRPr")).set("sz", str(size))


def build() -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    master = prs.slide_master
    _widen(master.placeholders)
    layouts = master.slide_layouts
    for layout in list(layouts):
        if layout.name not in KEEP_LAYOUTS:
            layouts.remove(layout)
    for layout in layouts:
        for ph in list(layout.placeholders):
            if ph.placeholder_format.idx in (10, 11, 12):  # date, footer, slide number: not used
                ph._element.getparent().remove(ph._element)
        _widen(
            ph for ph in layout.placeholders if ph._element.find(qn("p:spPr")).find(qn("a:xfrm")) is not None
        )
    title_slide, content, chart = (layouts.get_by_name(n) for n in KEEP_LAYOUTS)
    for ph in title_slide.placeholders:
        if ph.placeholder_format.idx == 0:
            ph.left, ph.top, ph.width, ph.height = Inches(0.9), Inches(2.0), Inches(11.5), Inches(1.9)
        elif ph.placeholder_format.idx == 1:
            ph.left, ph.top, ph.width, ph.height = Inches(0.9), Inches(4.05), Inches(11.5), Inches(1.3)
    for ph in content.placeholders:
        if ph.placeholder_format.idx == 0:
            ph.left, ph.top, ph.width, ph.height = Inches(0.5), Inches(0.3), Inches(12.33), Inches(1.0)
        elif ph.placeholder_format.idx == 1:
            ph.left, ph.top, ph.width, ph.height = Inches(0.5), Inches(1.45), Inches(12.33), Inches(5.6)
    chart.name = "Chart"
    chart._element.find(qn("p:cSld")).set("name", "Chart")
    title_sp = next(ph for ph in chart.placeholders if ph.placeholder_format.idx == 0)
    _box(title_sp._element, *CHART_BOXES["title"])
    body = title_sp._element.find(qn("p:txBody"))
    body.find(qn("a:bodyPr")).set("anchor", "b")
    body.find(qn("a:bodyPr")).append(etree.Element(qn("a:normAutofit")))
    for sp_id, (name, idx, key, size, colour) in enumerate(
        (
            ("Subtitle", 13, "subtitle", 16, "444444"),
            ("Chart Area", 14, "chart", 14, "222222"),
            ("Source", 15, "source", 10, "5E5E5E"),
        ),
        start=10,
    ):
        _placeholder(chart._element, title_sp._element, sp_id, name, idx, CHART_BOXES[key], size, colour)
    _theme(prs)
    _text_styles(prs)
    core = prs.core_properties
    core.title, core.author, core.last_modified_by = (
        "sei-analysis briefing template",
        "sei-analysis",
        "sei-analysis",
    )
    core.created = core.modified = FIXED_TIME
    core.revision = 1
    buf = io.BytesIO()
    prs.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with fixed member times and order, so the bytes are reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(name))
    return out.getvalue()


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
