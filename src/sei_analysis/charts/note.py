"""The Word briefing note (``briefing.docx``): heading, key messages, charts, key figures, references.

- a heading, with the run, the date and the date the data is assessed as of;
- three to five key messages (`key_messages`), each naming its source;
- each chart at the width of the page's text, with a numbered caption (a Word ``SEQ``
  field, so Word renumbers) and its source line and footnote underneath;
- a table of the key figures: each share-of-GDP target, the latest outturn, its status;
- the references: every full source title the messages and the table cite.

Fonts: Noto Sans CJK SC for Latin and East Asian text alike, so a Chinese note has no
missing glyph when rendered.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sei_analysis.atomic import atomic_path
from sei_analysis.charts import catalogue
from sei_analysis.charts.format import fmt_num
from sei_analysis.charts.key_messages import KeyMessages
from sei_analysis.errors import ExportError

FONT = "Noto Sans CJK SC"
# NOTE: A4 with margins that leave 6.5 in of text width: the width of the `page` chart size.
PAGE_W_IN, PAGE_H_IN, TEXT_W_IN = 8.27, 11.69, 6.5
GREY = "5E5E5E"


def _fonts(doc: Any) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Caption", "List Bullet", "List Number"):
        style = doc.styles[name]
        style.font.name = FONT
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
    doc.styles["Normal"].font.size = Pt(10.5)


def _page(doc: Any) -> None:
    from docx.shared import Inches

    section = doc.sections[0]
    section.page_width, section.page_height = Inches(PAGE_W_IN), Inches(PAGE_H_IN)
    margin = Inches((PAGE_W_IN - TEXT_W_IN) / 2)
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = Inches(0.9)


def _caption(doc: Any, n: int, title: str, lang: str) -> Any:
    """``Figure 1: title`` with the number as a Word SEQ field (Word renumbers on update)."""
    from docx.oxml.ns import qn

    para = doc.add_paragraph(style="Caption")
    word = catalogue.text("note.figure_word", lang)
    para.add_run(word + ("" if lang == "zh" else " "))
    field = para._p.makeelement(qn("w:fldSimple"), {qn("w:instr"): f" SEQ {'Figure'} \\* ARABIC "})
    run = para.add_run(str(n))._r
    para._p.remove(run)
    field.append(run)
    para._p.append(field)
    sep = "：" if lang == "zh" else ": "
    para.add_run(sep + title)
    return para


def _small(doc: Any, text: str) -> Any:
    from docx.shared import Pt, RGBColor

    para = doc.add_paragraph()
    run = para.add_run(text)
    run.font.size = Pt(8.5)
    run.font.color.rgb = RGBColor.from_string(GREY)
    return para


def _figures_table(doc: Any, targets: Any, lang: str) -> None:
    t = lambda key: catalogue.text(key, lang)  # noqa: E731
    headers = [t(k) for k in ("table.target", "table.target_value", "table.actual", "table.status")]
    headers += [t("table.shortfall"), t("table.source")]
    rows = targets.assign(
        _q=targets["target_qualifier"].map({"exact": 0, "at_least": 1, "at_most": 2, "approx": 3})
    )
    rows = rows.sort_values(["target_period", "_q"]).drop_duplicates("target_period")
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    from sei_analysis.charts.format import QUALIFIER_SYMBOLS

    for r in rows.itertuples():
        actual = (
            ""
            if r.actual_value != r.actual_value
            else QUALIFIER_SYMBOLS.get(r.actual_qualifier, "")
            + f"{fmt_num(r.actual_value)} ({r.actual_period})"
        )
        status = t(f"status.{r.status}") if catalogue.has(f"status.{r.status}") else str(r.status)
        values = [
            str(r.target_period),
            QUALIFIER_SYMBOLS.get(r.target_qualifier, "") + fmt_num(r.target_value),
            actual,
            status,
            "" if r.shortfall_pp != r.shortfall_pp else fmt_num(r.shortfall_pp),
            catalogue.publisher(str(r.target_source_title).split(" | ")[0], lang) or "",
        ]
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text


def write_note(
    metas: list[dict[str, Any]],
    path: Path,
    *,
    messages: KeyMessages,
    targets: Any,
    lang: str,
    run_id: str,
    date: str,
) -> Path:
    """Write the Word note for ``metas`` (in briefing order) to ``path``, atomically."""
    from docx import Document
    from docx.shared import Inches

    doc = Document()
    _page(doc)
    _fonts(doc)
    doc.core_properties.title = catalogue.text("note.title", lang)
    doc.core_properties.language = "zh-CN" if lang == "zh" else "en-GB"
    doc.add_heading(catalogue.text("note.title", lang), level=0)
    as_of = str(targets["as_of"].dropna().max()) if "as_of" in targets and len(targets) else date
    _small(doc, catalogue.text("note.meta", lang, run_id=run_id, date=date, as_of=as_of))
    doc.add_heading(catalogue.text("note.key_messages", lang), level=1)
    for message in messages:
        doc.add_paragraph(message.text, style="List Bullet")
    doc.add_heading(catalogue.text("note.charts", lang), level=1)
    for n, meta in enumerate(metas, start=1):
        png = meta["_dir"] / f"{meta['name']}.png"
        if not png.is_file():
            raise ExportError(f"{meta['name']}: {png.name} is missing; cannot build the note")
        doc.add_picture(str(png), width=Inches(TEXT_W_IN))
        doc.inline_shapes[-1]._inline.docPr.set("descr", meta.get("alt") or meta["title"])
        _caption(doc, n, meta["title"], lang)
        _small(doc, " ".join(t for t in (meta.get("note"), meta.get("source")) if t))
    doc.add_heading(catalogue.text("note.key_figures", lang), level=1)
    doc.add_paragraph(catalogue.text("note.table_caption", lang), style="Caption")
    _figures_table(doc, targets, lang)
    doc.add_heading(catalogue.text("note.references", lang), level=1)
    refs = list(messages.references)
    for title in targets.get("target_source_title", []):
        for part in str(title).split(" | "):
            if part and not any(r.startswith(part) for r in refs):
                refs.append(part)
    for ref in refs:
        doc.add_paragraph(ref, style="List Number")
    with atomic_path(path) as tmp:
        doc.save(str(tmp))
    return path
