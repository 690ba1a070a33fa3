"""The briefing pack: a templated deck with native charts, a 16:9 PDF and a Word note, per language."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from sei_analysis import build, charts
from sei_analysis.charts import briefing, deck
from sei_analysis.charts.native import native_summary
from sei_analysis.errors import ExportError, InputError

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (Debian libreoffice-impress) is absent"
)
NATIVE = {"share_vs_targets", "growth_vs_industry", "scenario_fan", "figure_sources"}


def save_plain(out_dir: Path, name: str, title: str, order: int | None = None):
    with charts.house_style("page"):
        fig, ax = charts.new_figure("page")
        ax.bar(["a", "b"], [1, 2])
    return charts.save_figure(
        fig,
        name,
        data=pd.DataFrame({"x": ["a", "b"], "y": [1, 2]}),
        title=title,
        subtitle="Count, 2020",
        unit="count",
        source="Source: test data.",
        out_dir=out_dir,
        alt=f"Alt text of {name}.",
        order=order,
    )


@pytest.fixture(scope="module")
def tables():
    return build.processed_tables()


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    """Every built-in chart in English and Chinese, as a report run saves them."""
    from test_charts import growth_comparison, heat_grid, share_observations, share_targets, source_figures

    from sei_analysis import scenarios

    folder = tmp_path_factory.mktemp("run") / "figures"
    proj = scenarios.project_share(13, 2022, 3, {"slow": 6.0, "trend": 9.0}, 4.1, target_share=17)
    sim = scenarios.simulate(13, 2022, 2025, 17, 4.1, 9, 2.0, n_paths=300, seed=7)
    for lang in charts.LANGUAGES:
        kw = {"interactive": False, "lang": lang}
        charts.share_vs_targets(share_observations(), share_targets(), **kw).save(folder)
        charts.growth_vs_industry(growth_comparison(), **kw).save(folder)
        charts.scenario_fan(proj, sim, (2025, 17), **kw).save(folder)
        charts.sensitivity_heatmap(heat_grid(), target=17, target_year=2025, **kw).save(folder)
        charts.figure_sources(source_figures(), **kw).save(folder)
    return folder.parent


@pytest.fixture(scope="module")
def packs(run_dir, tables):
    return {p.lang: p for p in charts.build_briefings(run_dir / "figures", tables=tables, run_id="test-run")}


def boxes_overlap(a, b, tolerance: int = 0) -> bool:
    (ax, ay, aw, ah), (bx, by, bw, bh) = a, b
    return (
        ax + aw > bx + tolerance
        and bx + bw > ax + tolerance
        and ay + ah > by + tolerance
        and by + bh > ay + tolerance
    )


def test_one_pack_per_language_is_written_beside_the_figures(packs, run_dir):
    names = sorted(p.name for pack in packs.values() for p in pack.files)
    assert names == sorted(
        [
            "briefing.pptx",
            "briefing.pdf",
            "briefing.docx",
            "briefing.zh.pptx",
            "briefing.zh.pdf",
            "briefing.zh.docx",
        ]
    )
    assert all(p.parent == run_dir for pack in packs.values() for p in pack.files)
    assert [p.name for p in run_dir.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_slide_has_a_title_placeholder_in_briefing_order(packs, lang):
    from pptx import Presentation

    slides = list(Presentation(packs[lang].pptx).slides)
    metas = briefing.read_figures(packs[lang].pptx.parent / "figures", lang)
    assert len(slides) == 1 + len(metas) + 1  # title, charts, closing
    for slide in slides:
        assert slide.shapes.title is not None and slide.shapes.title.is_placeholder
        assert slide.shapes.title.text_frame.text
    assert [s.shapes.title.text_frame.text for s in slides[1:-1]] == [m["title"] for m in metas]
    assert [s.slide_layout.name for s in slides[1:-1]] == ["Chart"] * len(metas)


def test_chart_slides_carry_the_subtitle_in_its_own_placeholder(packs):
    from pptx import Presentation

    slide = list(Presentation(packs["en"].pptx).slides)[1]
    placeholders = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
    assert placeholders[deck.SUBTITLE_IDX].text_frame.text.startswith(
        "Value added of strategic emerging industries"
    )
    assert "Compiled by sei-analysis" in placeholders[deck.SOURCE_IDX].text_frame.text


def test_charts_powerpoint_can_draw_are_native_and_carry_their_data(packs):
    from pptx import Presentation

    slides = {s.shapes.title.text_frame.text: s for s in Presentation(packs["en"].pptx).slides}
    metas = {m["name"]: m for m in briefing.read_figures(packs["en"].pptx.parent / "figures", "en")}
    for name, meta in metas.items():
        frames = [sh for sh in slides[meta["title"]].shapes if sh.has_chart]
        if name in NATIVE:
            assert len(frames) == 1, name
            stored = native_summary(frames[0].chart)
            recipe = {s["name"]: s["values"] for g in meta["native"]["groups"] for s in g["series"]}
            assert list(stored) == list(recipe), name
            for key, values in recipe.items():
                assert [v if v is None else round(v, 6) for v in stored[key]] == values, (name, key)
        else:
            assert frames == [], name


def test_an_outturn_equal_to_its_target_is_drawn_over_the_diamond():
    from test_charts import share_observations, share_targets

    obs = share_observations()
    same = obs.assign(value=8.0, year=2015).head(1)  # more than 8 in 2015, as the target
    chart = charts.share_vs_targets(pd.concat([obs, same]), share_targets(), interactive=False)

    names = [s["name"] for g in chart.native["groups"] for s in g["series"]]
    # NOTE: PowerPoint draws later series on top: the target diamond must come before the outturns.
    assert names.index("target") < names.index("observed (outturn)")


def workbook_column(blob: bytes, column: str) -> list[str]:
    """The cells of one column of the first sheet of an embedded workbook, as stored (no openpyxl)."""
    import io
    import xml.etree.ElementTree as ET
    import zipfile

    ns = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(io.BytesIO(blob)) as book:
        shared = [
            t.text or "" for t in ET.fromstring(book.read("xl/sharedStrings.xml")).iterfind(".//x:t", ns)
        ]
        sheet = ET.fromstring(book.read("xl/worksheets/sheet1.xml"))
    cells = []
    for c in sheet.iterfind(".//x:c", ns):
        if re.fullmatch(column + r"\d+", c.get("r")):
            value = c.find("x:v", ns)
            text = "" if value is None else value.text
            cells.append(shared[int(text)] if c.get("t") == "s" else text)
    return cells


def test_the_growth_chart_is_native_with_its_values_in_the_workbook(packs):
    from pptx import Presentation

    slides = Presentation(packs["en"].pptx).slides
    slide = [s for s in slides if s.shapes.title.text_frame.text.startswith("Strategic")][0]
    chart = next(sh for sh in slide.shapes if sh.has_chart).chart
    column = workbook_column(chart.part.chart_workbook.xlsx_part.blob, "B")
    assert column[0] == "SEI" and [float(v) for v in column[1:]] == [11.0, 10.3, 11.0, 8.4, 2.9]


def test_the_heatmap_is_a_slide_size_picture_with_alt_text(packs):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    slide = [
        s
        for s in Presentation(packs["en"].pptx).slides
        if s.shapes.title.text_frame.text.startswith("Reaching")
    ][0]
    pictures = [sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1
    assert (
        pictures[0]._element.nvPicPr.cNvPr.get("descr").startswith("Heatmap of the SEI share of GDP in 2025")
    )
    assert pictures[0].width > 0.6 * slide.part.package.presentation_part.presentation.slide_width * 0.5


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_two_shapes_of_a_slide_overlap(packs, lang):
    from pptx import Presentation

    for n, slide in enumerate(Presentation(packs[lang].pptx).slides, start=1):
        shapes = [sh for sh in slide.shapes if sh.has_text_frame or sh.has_chart or sh.shape_type == 13]
        boxes = [(sh.name, (sh.left, sh.top, sh.width, sh.height)) for sh in shapes]
        for (na, a), (nb, b) in itertools.combinations(boxes, 2):
            assert not boxes_overlap(a, b), f"slide {n}: {na} overlaps {nb}"


def test_closing_slide_has_the_sources_and_the_run_citation(packs):
    from pptx import Presentation

    closing = list(Presentation(packs["en"].pptx).slides)[-1]
    text = "\n".join(sh.text_frame.text for sh in closing.shapes if sh.has_text_frame)
    assert "Sources and citation" in text and "Primary sources: encyclopedia; CAICT" in text
    assert re.search(r"briefing charts\. sei-analysis, run test-run, \d{4}-\d\d-\d\d, commit ", text)


def test_native_charts_carry_alt_text_describing_the_chart(packs):
    from pptx import Presentation

    slide = list(Presentation(packs["en"].pptx).slides)[1]
    frame = next(sh for sh in slide.shapes if sh.has_chart)
    alt = frame._element.nvGraphicFramePr.cNvPr.get("descr")
    assert alt.startswith("Chart of the SEI share of GDP, 2010–2025, with the official targets")


def test_pdf_pages_all_have_one_size_with_a_bookmark_per_chart(packs):
    from pypdf import PdfReader

    reader = PdfReader(packs["en"].pdf)
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
    assert sizes == {(720, 405)}
    assert len(reader.pages) == 1 + 5 + 1
    assert len(reader.outline) == 5
    assert "Contents" in reader.pages[0].extract_text()


def test_zh_pdf_embeds_cjk_fonts(packs):
    out = subprocess.run(
        ["pdffonts", str(packs["zh"].pdf)], capture_output=True, text=True, check=True
    ).stdout
    cjk = [line for line in out.splitlines() if "NotoSansCJK" in line]
    assert cjk and all(" yes " in line for line in cjk)  # embedded


def caption_text(paragraph) -> str:
    """A caption's text with its SEQ field's number (python-docx's ``text`` skips fields)."""
    from docx.oxml.ns import qn

    return "".join(t.text or "" for t in paragraph._p.iter(qn("w:t")))


def test_word_note_has_its_headings_messages_charts_captions_and_references(packs):
    from docx import Document

    doc = Document(packs["en"].docx)
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings == [
        "Briefing note: China's strategic emerging industries",
        "Key messages",
        "Charts",
        "Key figures",
        "References",
    ]
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert 3 <= len(bullets) <= 5
    assert all(
        re.search(r"\(.*(NBS|MIIT|State Council|CAICT|NDRC|State Information Center)", b) for b in bullets
    )
    assert len(doc.inline_shapes) == 5
    assert all(abs(s.width.inches - 6.5) < 0.01 for s in doc.inline_shapes)
    captions = [caption_text(p) for p in doc.paragraphs if p.style.name == "Caption"]
    captions = [c for c in captions if c.startswith("Figure")]
    assert [c.split(":")[0] for c in captions] == [f"Figure {i}" for i in range(1, 6)]
    assert len(doc.tables) == 1 and doc.tables[0].rows[0].cells[0].text == "Target year"
    assert [p for p in doc.paragraphs if p.style.name == "List Number"]


def test_zh_word_note_is_in_chinese(packs):
    from docx import Document

    doc = Document(packs["zh"].docx)
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings == ["简报：中国战略性新兴产业", "要点", "图表", "关键数据", "参考文献"]
    captions = [caption_text(p) for p in doc.paragraphs if p.style.name == "Caption"]
    captions = [c for c in captions if c.startswith("图")]
    assert captions[0].startswith("图1：")


def test_an_authors_template_gives_the_layouts_and_size(run_dir, tables, tmp_path):
    from pptx import Presentation
    from pptx.util import Inches

    plain = Presentation()  # python-pptx's own 4:3 Office template: no "Chart" layout
    plain.slide_width, plain.slide_height = Inches(10), Inches(7.5)
    plain.slides.add_slide(plain.slide_layouts[0])  # an example slide, dropped from the deck
    plain.save(tmp_path / "author.pptx")
    pack = charts.build_briefing(
        run_dir / "figures", tmp_path, template=tmp_path / "author.pptx", tables=tables
    )
    prs = Presentation(pack.pptx)
    assert prs.slide_width == Inches(10)
    slides = list(prs.slides)
    assert len(slides) == 7 and slides[0].slide_layout.name == "Title Slide"
    assert {s.slide_layout.name for s in slides[1:-1]} == {"Title and Content"}
    assert all(s.shapes.title is not None for s in slides)


def test_a_bad_template_is_an_input_error(run_dir, tables, tmp_path):
    (tmp_path / "bad.pptx").write_text("not a deck")
    with pytest.raises(InputError, match="template"):
        charts.build_briefing(run_dir / "figures", tmp_path, template=tmp_path / "bad.pptx", tables=tables)
    assert not (tmp_path / "briefing.pptx").exists()


def test_explicit_order_wins_over_saving_order(tmp_path, tables):
    from pptx import Presentation

    folder = tmp_path / "figures"
    save_plain(folder, "b", "Second", order=2)
    save_plain(folder, "a", "First", order=1)
    pack = charts.build_briefing(folder, tmp_path, tables=tables)
    titles = [s.shapes.title.text_frame.text for s in Presentation(pack.pptx).slides]
    assert titles[1:3] == ["First", "Second"]


def test_a_figure_without_pdf_is_drawn_from_its_png(tmp_path, tables):
    from pypdf import PdfReader

    folder = tmp_path / "figures"
    save_plain(folder, "alpha", "Alpha")
    (folder / "alpha.pdf").unlink()
    pack = charts.build_briefing(folder, tmp_path, tables=tables)
    assert len(PdfReader(pack.pdf).pages) == 3


def test_empty_or_missing_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="figures_dir"):
        charts.build_briefings(tmp_path)
    with pytest.raises(InputError, match="figures_dir"):
        charts.build_briefing(tmp_path / "nope")


def test_a_failing_briefing_leaves_the_previous_pack_intact(tmp_path, tables):
    folder = tmp_path / "figures"
    save_plain(folder, "alpha", "Alpha")
    pack = charts.build_briefing(folder, tmp_path, tables=tables)
    before = pack.pptx.read_bytes()
    (folder / "alpha.png").unlink()  # the slide needs the PNG
    with pytest.raises(ExportError, match="alpha"):
        charts.build_briefing(folder, tmp_path, tables=tables)
    assert pack.pptx.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# --- rendered with LibreOffice ------------------------------------------------------------------


@pytest.fixture(scope="module")
def rendered(packs, tmp_path_factory) -> dict[str, Path]:
    if SOFFICE is None:
        pytest.skip("LibreOffice is absent")
    out = tmp_path_factory.mktemp("rendered")
    done = {}
    for lang, pack in packs.items():
        target = out / lang
        subprocess.run(
            [SOFFICE, "--headless", f"-env:UserInstallation=file://{out}/profile", "--convert-to", "pdf",
             "--outdir", str(target), str(pack.pptx)],
            check=True, capture_output=True, timeout=240,
        )  # fmt: skip
        done[lang] = target / f"{pack.pptx.stem}.pdf"
    return done


def text_lines(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, every text line's box (xMin, yMin, xMax, yMax) and words, from pdftotext -bbox-layout."""
    import xml.etree.ElementTree as ET

    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    root = ET.fromstring(
        re.sub(r"<!DOCTYPE[^>]*>", "", html).replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    )
    pages = []
    for page in root.iter("page"):
        lines = []
        for line in page.iter("line"):
            words = " ".join(w.text or "" for w in line.iter("word"))
            box = tuple(float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            lines.append((*box, words))
        pages.append(lines)
    return pages


@needs_soffice
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_rendered_deck_has_no_text_line_over_another(rendered, lang):
    pages = text_lines(rendered[lang])
    assert len(pages) == 7
    for n, lines in enumerate(pages, start=1):
        for a, b in itertools.combinations(lines, 2):
            # NOTE: half a point of tolerance: LibreOffice's line boxes touch on tight leading.
            overlap_x = min(a[2], b[2]) - max(a[0], b[0])
            overlap_y = min(a[3], b[3]) - max(a[1], b[1])
            assert not (overlap_x > 0.5 and overlap_y > 0.5), f"page {n}: {a[4]!r} overlaps {b[4]!r}"


@needs_soffice
def test_rendered_zh_deck_embeds_cjk_glyphs(rendered):
    out = subprocess.run(["pdffonts", str(rendered["zh"])], capture_output=True, text=True, check=True).stdout
    assert any("CJK" in line and " yes " in line for line in out.splitlines()), out
    text = subprocess.run(["pdftotext", str(rendered["zh"]), "-"], capture_output=True, text=True).stdout
    assert "战略性新兴产业" in text and "\ufffd" not in text
