"""The briefing deck (``briefing.pptx``), built from a template's layouts.

Slides:

1. a title slide (the template's layout with a title and a subtitle placeholder);
2. one slide per chart, on the layout named "Chart" (the default template's: title,
   subtitle, chart area and source placeholders), or, in an author's template without one,
   on the layout with a title and the largest content placeholder. The chart is native and
   editable where its ``meta.json`` carries a recipe (`charts.native`); otherwise it is the
   undecorated slide-size picture, since the slide carries the title and source as text;
3. a closing slide with the primary sources and the run's citation.

Every text is fitted to its box: the font size is the largest (up to the layout's) at
which the wrapped text fits, measured with the theme font, and ``normAutofit`` lets
PowerPoint shrink it further if the author's fonts are wider; a title never runs into the
subtitle under it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sei_analysis.atomic import atomic_path
from sei_analysis.charts import catalogue
from sei_analysis.charts.native import add_native_chart
from sei_analysis.errors import ExportError, InputError

CHART_LAYOUT = "Chart"
# NOTE: placeholder idx of the default template's Chart layout (scripts/build_pptx_template.py).
SUBTITLE_IDX, AREA_IDX, SOURCE_IDX = 13, 14, 15
# NOTE: font sizes (pt) each kind of text starts from and may shrink to.
SIZES = {"title": (28, 16), "subtitle": (16, 11), "source": (11, 7), "cover": (40, 24), "body": (18, 10)}
EMU_PER_IN = 914400
# NOTE: a text frame's default insets (0.1 in left and right, 0.05 in top and bottom).
INSET_X, INSET_Y = 0.2, 0.1
# NOTE: line pitch: LibreOffice sets Noto Sans CJK at 1.2 em a line at 100%, while its glyph
# boxes are 1.3 em tall; 112% spacing keeps two lines' boxes apart. The fit uses the pitch.
LINE_SPACING_PCT = 1.12
LINE_SPACING = 1.2 * LINE_SPACING_PCT + 0.02
FONT_FAMILY = "Noto Sans CJK SC"


def default_template() -> Path:
    """The package's clean 16:9 template."""
    return Path(str(resources.files("sei_analysis.charts").joinpath("templates", "default.pptx")))


def open_template(template: str | Path | None = None) -> Any:
    """``Presentation`` of ``template`` (default: the package's), without any slides it holds.

    Raises `InputError` naming the file when it is missing or not a PowerPoint file.
    """
    from pptx import Presentation

    path = Path(template) if template else default_template()
    if not path.is_file():
        raise InputError(f"template: {path} does not exist")
    try:
        prs = Presentation(str(path))
    except Exception as exc:
        raise InputError(f"template: {path} is not a PowerPoint (.pptx) file: {exc}") from exc
    # NOTE: an author's template may hold example slides; the deck starts empty.
    ids = prs.slides._sldIdLst
    for sld in list(ids):
        prs.part.drop_rel(sld.rId)
        ids.remove(sld)
    return prs


@dataclass(frozen=True)
class DeckInfo:
    """What the title and closing slides say: title, subtitle, sources and the citation."""

    title: str
    subtitle: str
    sources: tuple[str, ...]
    citation: str
    lang: str = "en"


@functools.cache
def _font_file(bold: bool) -> str | None:
    from matplotlib import font_manager

    try:
        props = font_manager.FontProperties(family=FONT_FAMILY, weight="bold" if bold else "normal")
        path = font_manager.findfont(props, fallback_to_default=False)
    except Exception:
        return None
    return path


@functools.cache
def _font(size: int, bold: bool) -> Any:
    from PIL import ImageFont

    path = _font_file(bold)
    if path is None:
        return None
    try:
        return ImageFont.truetype(path, size * 10)
    except OSError:
        return None


def _width_pt(text: str, size: float, bold: bool) -> float:
    """The width of ``text`` at ``size`` pt, measured with the theme font (estimated without it)."""
    font = _font(10, bold)
    if font is None:
        return sum(size * (1.0 if ord(c) > 0x2E80 else 0.56) for c in text)
    return font.getlength(text) / 100 * size


def wrap_lines(text: str, width_pt: float, size: float, bold: bool = False) -> list[str]:
    """Break ``text`` into lines no wider than ``width_pt``: at spaces, or between Han characters."""
    lines: list[str] = []
    for para in text.split("\n"):
        tokens = re.findall(r"[\u2e80-\u9fff\uff00-\uffef][，。；：、）》」』%]?|\S+\s*|\s+", para)
        line = ""
        for token in tokens:
            if line and _width_pt((line + token).rstrip(), size, bold) > width_pt:
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line += token
        lines.append(line.rstrip())
    return lines


def fit_size(text: str, width_in: float, height_in: float, kind: str, bold: bool = False) -> int:
    """The largest font size (pt) of ``kind`` at which ``text`` fits a box of the given size."""
    biggest, smallest = SIZES[kind]
    width_pt = (width_in - INSET_X) * 72
    height_pt = (height_in - INSET_Y) * 72
    for size in range(biggest, smallest - 1, -1):
        lines = wrap_lines(text, width_pt * 0.97, size, bold)
        if len(lines) * size * LINE_SPACING <= height_pt:
            return size
    return smallest


def set_text(
    shape: Any, text: str, kind: str, *, bold: bool | None = None, colour: str | None = None
) -> None:
    """Put ``text`` in ``shape`` at the size that fits its box; one paragraph per line of text."""
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Pt

    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    is_bold = bool(bold) if bold is not None else kind in ("title", "cover")
    size = fit_size(text, shape.width / EMU_PER_IN, shape.height / EMU_PER_IN, kind, is_bold)
    frame.clear()
    for i, line in enumerate(text.split("\n")):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.line_spacing = LINE_SPACING_PCT
        run = para.add_run()
        run.text = line
        run.font.size = Pt(size)
        if bold is not None:
            run.font.bold = bold
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour.lstrip("#"))
    # NOTE: python-pptx writes <a:normAutofit/> for TEXT_TO_FIT_SHAPE; record the scale used.
    return None


def _placeholders(slide: Any) -> dict[int, Any]:
    return {ph.placeholder_format.idx: ph for ph in slide.placeholders}


def _type(ph: Any) -> str:
    return str(ph.placeholder_format.type).split(" ")[0]


def chart_layout(prs: Any) -> Any:
    """The layout named "Chart", else the one with a title and the largest content placeholder."""
    for layout in prs.slide_layouts:
        if layout.name == CHART_LAYOUT:
            return layout
    return _best_layout(prs, lambda types: "TITLE" in types and ("OBJECT" in types or "BODY" in types))


def title_layout(prs: Any) -> Any:
    """The layout with a (centre) title and a subtitle placeholder."""
    return _best_layout(
        prs, lambda types: ("CENTER_TITLE" in types or "TITLE" in types) and "SUBTITLE" in types
    ) or chart_layout(prs)


def content_layout(prs: Any) -> Any:
    """The layout with a title and one body or content placeholder (the closing slide)."""
    for layout in prs.slide_layouts:
        if layout.name == "Title and Content":
            return layout
    return chart_layout(prs)


def _best_layout(prs: Any, wanted) -> Any:
    best, area = None, -1
    for layout in prs.slide_layouts:
        types = [_type(ph) for ph in layout.placeholders]
        if not wanted(types):
            continue
        size = max(
            (ph.width * ph.height for ph in layout.placeholders if _type(ph) in ("OBJECT", "BODY")), default=0
        )
        if size > area:
            best, area = layout, size
    if best is None:
        raise InputError("template: no layout has a title placeholder and a content placeholder")
    return best


def _title_shape(slide: Any) -> Any:
    if slide.shapes.title is None:
        raise InputError("template: the layout used has no title placeholder")
    return slide.shapes.title


def _remove(shape: Any) -> None:
    shape._element.getparent().remove(shape._element)


def _chart_parts(slide: Any) -> tuple[Any, Any, tuple[int, int, int, int], Any]:
    """The subtitle and source placeholders (None if the layout lacks them) and the chart box."""
    phs = _placeholders(slide)
    subtitle, source = phs.get(SUBTITLE_IDX), phs.get(SOURCE_IDX)
    area = phs.get(AREA_IDX)
    if area is None:
        others = [ph for idx, ph in phs.items() if idx != 0 and ph not in (subtitle, source)]
        area = max(others, key=lambda ph: ph.width * ph.height) if others else None
    if area is None:
        left, top = int(0.5 * EMU_PER_IN), int(1.9 * EMU_PER_IN)
        return (
            subtitle,
            source,
            (
                left,
                top,
                slide.part.package.presentation_part.presentation.slide_width - 2 * left,
                int(4.6 * EMU_PER_IN),
            ),
            None,
        )
    return subtitle, source, (area.left, area.top, area.width, area.height), area


def _add_textbox(slide: Any, box: tuple[int, int, int, int]) -> Any:
    return slide.shapes.add_textbox(*box)


def add_chart_slide(prs: Any, meta: dict[str, Any], lang: str) -> Any:
    """One slide for the chart of ``meta``: title, subtitle, the chart, footnote and source."""

    slide = prs.slides.add_slide(chart_layout(prs))
    set_text(_title_shape(slide), meta["title"], "title")
    subtitle, source, box, area = _chart_parts(slide)
    left, top, width, height = box
    if subtitle is None and meta.get("subtitle"):
        # NOTE: an author's layout without a subtitle placeholder: the top of the chart area.
        sub_h = int(0.6 * EMU_PER_IN)
        subtitle = _add_textbox(slide, (left, top, width, sub_h))
        top, height = top + sub_h, height - sub_h
    if source is None:
        src_h = int(0.7 * EMU_PER_IN)
        source = _add_textbox(slide, (left, top + height - src_h, width, src_h))
        height -= src_h
    if meta.get("subtitle"):
        set_text(subtitle, meta["subtitle"], "subtitle", bold=False)
    else:
        _remove(subtitle)
    footer = "\n".join(t for t in (meta.get("note"), meta.get("source")) if t)
    set_text(source, footer, "source", bold=False)
    if area is not None:
        _remove(area)
    alt = meta.get("alt") or meta["title"]
    if meta.get("native"):
        frame = add_native_chart(slide, meta["native"], (left, top, width, height), alt)
        frame.name = meta["name"]
    else:
        _add_picture(slide, meta, (left, top, width, height), alt)
    notes = [alt, "", meta.get("source", ""), "", meta.get("citation", "")]
    slide.notes_slide.notes_text_frame.text = "\n".join(n for n in notes if n is not None)
    return slide


def _add_picture(slide: Any, meta: dict[str, Any], box: tuple[int, int, int, int], alt: str) -> None:
    from PIL import Image

    folder = meta["_dir"]
    png = folder / f"{meta['name']}.slide.png"
    if not png.is_file():
        png = folder / f"{meta['name']}.png"
    if not png.is_file():
        raise ExportError(f"{meta['name']}: {png.name} is missing; cannot build the slide")
    with Image.open(png) as im:
        w, h = im.size
    left, top, width, height = box
    scale = min(width / w, height / h)
    pic_w, pic_h = int(w * scale), int(h * scale)
    pic = slide.shapes.add_picture(
        str(png), left + (width - pic_w) // 2, top + (height - pic_h) // 2, pic_w, pic_h
    )
    pic._element.nvPicPr.cNvPr.set("descr", alt)
    pic.name = meta["name"]


def add_title_slide(prs: Any, info: DeckInfo) -> Any:
    slide = prs.slides.add_slide(title_layout(prs))
    set_text(_title_shape(slide), info.title, "cover")
    phs = [ph for idx, ph in _placeholders(slide).items() if idx != 0]
    subtitle = next((ph for ph in phs if _type(ph) == "SUBTITLE"), phs[0] if phs else None)
    if subtitle is not None:
        set_text(subtitle, info.subtitle, "subtitle", bold=False)
    for ph in phs:
        if ph is not subtitle:
            _remove(ph)
    return slide


def add_closing_slide(prs: Any, info: DeckInfo) -> Any:
    slide = prs.slides.add_slide(content_layout(prs))
    set_text(_title_shape(slide), catalogue.text("deck.closing", info.lang), "title")
    phs = [ph for idx, ph in _placeholders(slide).items() if idx != 0]
    body = max(phs, key=lambda ph: ph.width * ph.height) if phs else None
    for ph in phs:
        if ph is not body:
            _remove(ph)
    if body is None:
        body = _add_textbox(
            slide,
            (
                int(0.5 * EMU_PER_IN),
                int(1.5 * EMU_PER_IN),
                prs.slide_width - EMU_PER_IN,
                int(5.5 * EMU_PER_IN),
            ),
        )
    sep = catalogue.text("source.sep", info.lang)
    text = "\n".join(
        [
            catalogue.text("deck.primary_sources", info.lang, sources=sep.join(info.sources)),
            catalogue.text("deck.cite_as", info.lang, citation=info.citation),
        ]
    )
    set_text(body, text, "body", bold=False)
    return slide


def write_deck(
    metas: list[dict[str, Any]], path: Path, info: DeckInfo, template: str | Path | None = None
) -> Path:
    """Title slide, one slide per chart in ``metas`` order, closing slide; written atomically."""
    prs = open_template(template)
    prs.core_properties.title = info.title
    prs.core_properties.language = "zh-CN" if info.lang == "zh" else "en-GB"
    add_title_slide(prs, info)
    for meta in metas:
        add_chart_slide(prs, meta, info.lang)
    add_closing_slide(prs, info)
    with atomic_path(path) as tmp:
        prs.save(str(tmp))
    return path
