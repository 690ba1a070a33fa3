"""The briefing pack: one PDF page and one PPTX slide per saved figure, in saving order."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sei_analysis import charts
from sei_analysis.errors import InputError


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


@pytest.fixture
def figures_dir(tmp_path: Path) -> Path:
    from test_charts import growth_comparison

    folder = tmp_path / "run" / "figures"
    save_plain(folder, "zeta", "Zeta comes first")
    charts.growth_vs_industry(growth_comparison(), interactive=False).save(folder)
    save_plain(folder, "alpha", "Alpha comes last")
    return folder


def test_briefing_writes_pdf_and_pptx_beside_the_figures(figures_dir):
    pdf, pptx = charts.build_briefing(figures_dir)
    assert pdf == figures_dir.parent / "briefing.pdf" and pptx == figures_dir.parent / "briefing.pptx"
    assert [p.name for p in figures_dir.parent.iterdir() if p.name.startswith(".")] == []


def test_pdf_has_a_title_page_and_one_page_per_figure_in_order(figures_dir, tmp_path):
    from pypdf import PdfReader
    from test_charts import growth_comparison

    pdf, _ = charts.build_briefing(figures_dir, tmp_path / "out")
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1 + 3
    assert [item.title for item in reader.outline] == [
        "Zeta comes first",
        charts.growth_vs_industry(growth_comparison(), interactive=False).title,
        "Alpha comes last",
    ]
    assert "Contents" in reader.pages[0].extract_text()
    assert "Zeta comes first" in reader.pages[1].extract_text()
    assert "Source: test data." in reader.pages[3].extract_text()


def test_pptx_has_one_slide_per_figure_with_alt_text_and_notes(figures_dir, tmp_path):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    _, pptx = charts.build_briefing(figures_dir, tmp_path / "out")
    prs = Presentation(pptx)
    slides = list(prs.slides)
    assert len(slides) == 3
    first = slides[0]
    texts = [s.text_frame.text for s in first.shapes if s.has_text_frame]
    assert "Zeta comes first" in texts and "Source: test data." in texts and "Count, 2020" in texts
    pictures = [s for s in first.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1
    assert pictures[0]._element.nvPicPr.cNvPr.get("descr") == "Alt text of zeta."
    assert "Alt text of zeta." in first.notes_slide.notes_text_frame.text
    assert [s.shapes[0].text_frame.text for s in slides][-1] == "Alpha comes last"


def test_explicit_order_wins_over_saving_order(tmp_path):
    folder = tmp_path / "figures"
    save_plain(folder, "b", "Second", order=2)
    save_plain(folder, "a", "First", order=1)
    from pptx import Presentation

    _, pptx = charts.build_briefing(folder, tmp_path)
    assert [s.shapes[0].text_frame.text for s in Presentation(pptx).slides] == ["First", "Second"]


def test_title_slide_is_optional(figures_dir, tmp_path):
    from pptx import Presentation

    _, pptx = charts.build_briefing(figures_dir, tmp_path, title_slide=True)
    assert len(Presentation(pptx).slides) == 4


def test_a_figure_without_pdf_is_drawn_from_its_png(figures_dir, tmp_path):
    from pypdf import PdfReader

    (figures_dir / "alpha.pdf").unlink()
    pdf, _ = charts.build_briefing(figures_dir, tmp_path)
    assert len(PdfReader(pdf).pages) == 4


def test_empty_or_missing_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="figures_dir"):
        charts.build_briefing(tmp_path)
    with pytest.raises(InputError, match="figures_dir"):
        charts.build_briefing(tmp_path / "nope")


def test_a_failing_briefing_leaves_the_previous_pack_intact(figures_dir, tmp_path, monkeypatch):
    from sei_analysis.charts import briefing
    from sei_analysis.errors import ExportError

    pdf, pptx = charts.build_briefing(figures_dir, tmp_path)
    before = pptx.read_bytes()
    (figures_dir / "alpha.png").unlink()  # the slide needs the PNG
    with pytest.raises(ExportError, match="alpha"):
        briefing.build_briefing(figures_dir, tmp_path)
    assert pptx.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
