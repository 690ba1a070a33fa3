"""The briefing pack: ``briefing.pdf`` and ``briefing.pptx`` from a run's ``figures/`` folder.

Every ``<name>.meta.json`` in the folder is one figure; figures keep the order in which the
notebooks saved them (``order``, then ``created_at``, then ``name``).

- PDF: a title page with the contents (matplotlib), then each figure's own vector PDF page
  (which already carries its title, subtitle and source line), merged with pypdf, with one
  bookmark per figure. A figure without a PDF is drawn from its PNG instead.
- PPTX (16:9): one slide per figure (optional title slide) with the title, subtitle, the
  PNG and the source line; the alt text goes in the picture's description (``descr``) and
  in the speaker notes.

Both files are written atomically.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path
from typing import Any

from sei_analysis.atomic import atomic_path
from sei_analysis.errors import ExportError, InputError

DECK_TITLE = "China's strategic emerging industries: briefing charts"


def read_figures(figures_dir: str | os.PathLike) -> list[dict[str, Any]]:
    """The meta records of ``figures_dir`` in briefing order, each with ``_dir`` set."""
    folder = Path(figures_dir)
    if not folder.is_dir():
        raise InputError(f"figures_dir: {folder} is not a directory")
    metas = []
    for path in folder.glob("*.meta.json"):
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ExportError(f"{path.name}: unreadable meta file: {exc}") from exc
        meta["_dir"] = folder
        metas.append(meta)
    metas.sort(key=lambda m: (m.get("order", 0), m.get("created_at", ""), m.get("name", "")))
    return metas


def _title_page(metas: list[dict[str, Any]], title: str) -> bytes:
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    from sei_analysis.charts.style import house_style, wrap_text

    with house_style("slide"):
        fig = Figure(figsize=(10, 5.625))
        fig.text(0.06, 0.88, wrap_text(title, 8.8, 20), fontsize=20, fontweight="bold", va="top")
        commit = next((m.get("git_commit") for m in metas if m.get("git_commit")), None)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        fig.text(
            0.06,
            0.74,
            f"{len(metas)} figures · built {stamp}" + (f" · commit {commit[:10]}" if commit else ""),
            fontsize=10,
            color="#555555",
        )
        lines = [f"{i}. {m['title']}" for i, m in enumerate(metas, start=2)]
        body = "\n".join(wrap_text(line, 8.6, 10) for line in lines[:14])
        fig.text(0.06, 0.66, "Contents (page)\n" + body, fontsize=10, va="top", linespacing=1.5)
        buf = io.BytesIO()
        with PdfPages(buf) as pdf:
            pdf.savefig(fig)
    return buf.getvalue()


def _png_page(meta: dict[str, Any]) -> bytes:
    """A PDF page drawn from the PNG, for a figure whose PDF is missing."""
    from matplotlib.figure import Figure
    from matplotlib.image import imread

    img = imread(meta["_dir"] / f"{meta['name']}.png")
    h, w = img.shape[:2]
    fig = Figure(figsize=(10, 10 * h / w))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.imshow(img)
    ax.set_axis_off()
    buf = io.BytesIO()
    fig.savefig(buf, format="pdf", dpi=300)
    return buf.getvalue()


def write_pdf(metas: list[dict[str, Any]], path: Path, title: str = DECK_TITLE) -> Path:
    """Merge a title page and one page per figure into ``path`` (atomically)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(_title_page(metas, title))))
    for meta in metas:
        pdf = meta["_dir"] / f"{meta['name']}.pdf"
        data = pdf.read_bytes() if pdf.is_file() else _png_page(meta)
        start = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(data)), pages=[0])
        writer.add_outline_item(title=meta["title"], page_number=start)
    writer.add_metadata({"/Title": title, "/Creator": "sei-analysis"})
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as fh:
            writer.write(fh)
    return path


def _textbox(
    slide: Any,
    left: float,
    top: float,
    width: float,
    height: float,
    text: str,
    size: float,
    bold: bool = False,
    colour: tuple[int, int, int] = (0x22, 0x22, 0x22),
) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    para = frame.paragraphs[0]
    run = para.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = RGBColor(*colour)


def write_pptx(
    metas: list[dict[str, Any]], path: Path, title: str = DECK_TITLE, title_slide: bool = False
) -> Path:
    """One 16:9 slide per figure (plus a title slide if asked), written atomically to ``path``."""
    from PIL import Image
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    blank = prs.slide_layouts[6]
    prs.core_properties.title = title
    if title_slide:
        cover = prs.slides.add_slide(blank)
        _textbox(cover, 0.8, 2.6, 11.7, 1.4, title, 34, bold=True)
        _textbox(cover, 0.8, 4.1, 11.7, 0.6, f"{len(metas)} figures", 16, colour=(0x55, 0x55, 0x55))
    for meta in metas:
        slide = prs.slides.add_slide(blank)
        _textbox(slide, 0.5, 0.25, 12.3, 0.75, meta["title"], 24, bold=True)
        if meta.get("subtitle"):
            _textbox(slide, 0.5, 0.95, 12.3, 0.5, meta["subtitle"], 14, colour=(0x44, 0x44, 0x44))
        png = meta["_dir"] / f"{meta['name']}.png"
        if not png.is_file():
            raise ExportError(f"{meta['name']}: {png.name} is missing; cannot build the slide")
        with Image.open(png) as im:
            w, h = im.size
        box_w, box_h, top = 12.3, 5.25, 1.5
        scale = min(box_w / w, box_h / h)
        pic_w, pic_h = w * scale, h * scale
        pic = slide.shapes.add_picture(
            str(png), Inches(0.5 + (box_w - pic_w) / 2), Inches(top), Inches(pic_w), Inches(pic_h)
        )
        alt = meta.get("alt") or meta["title"]
        pic._element.nvPicPr.cNvPr.set("descr", alt)
        pic.name = meta["name"]
        source = meta.get("source", "")
        _textbox(
            slide,
            0.5,
            6.85,
            12.3,
            0.45,
            source if source.lower().startswith("source") else f"Source: {source}",
            11,
            colour=(0x6E, 0x6E, 0x6E),
        )
        notes = [alt, "", source]
        if meta.get("git_commit"):
            notes.append(f"git commit {meta['git_commit']}")
        slide.notes_slide.notes_text_frame.text = "\n".join(notes)
    with atomic_path(path) as tmp:
        prs.save(str(tmp))
    return path


def build_briefing(
    figures_dir: str | os.PathLike,
    out_dir: str | os.PathLike | None = None,
    *,
    title: str = DECK_TITLE,
    title_slide: bool = False,
) -> tuple[Path, Path]:
    """Write ``briefing.pdf`` and ``briefing.pptx`` for every figure saved in ``figures_dir``.

    Parameters
    ----------
    figures_dir : path
        A folder written by :func:`save_figure` (``*.meta.json`` plus PNG/PDF).
    out_dir : path, optional
        Where to write; defaults to the parent of ``figures_dir`` (the run directory).

    Returns
    -------
    (pdf_path, pptx_path)
        The PDF has one title page (contents) plus one page per figure; the PPTX has one
        slide per figure (plus a title slide first if ``title_slide``).
    """
    metas = read_figures(figures_dir)
    if not metas:
        raise InputError(f"figures_dir: no *.meta.json in {figures_dir}")
    out = Path(out_dir) if out_dir is not None else Path(figures_dir).parent
    try:
        pdf = write_pdf(metas, out / "briefing.pdf", title)
        pptx = write_pptx(metas, out / "briefing.pptx", title, title_slide)
    except (InputError, ExportError):
        raise
    except Exception as exc:
        raise ExportError(f"briefing: could not be written to {out}: {exc}") from exc
    return pdf, pptx
