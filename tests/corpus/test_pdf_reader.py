"""The PDF reader: the text layer, Chinese checked, lines rejoined; refusals named."""

from __future__ import annotations

from pathlib import Path

import pytest
from document_factories import ZH_RELEASE_LINES, ZH_RELEASE_PARAGRAPHS, encrypt_pdf, pdf_with_lines

from sei_analysis.corpus.pdf_reader import read_pdf
from sei_analysis.errors import DocumentError


@pytest.fixture(scope="module")
def release_pdf(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "release.pdf"
    pdf_with_lines(path, ZH_RELEASE_LINES, title="Microsoft Word - 工业生产情况.docx")
    return path


def test_the_chinese_text_layer_is_read_character_for_character(release_pdf):
    text = read_pdf(release_pdf.read_bytes(), "release.pdf").text
    assert "全国规模以上工业增加值同比增长7.0%" in text
    assert "电力、热力、燃气及水生产和供应业增长7.9%" in text


def test_lines_broken_mid_sentence_are_rejoined(release_pdf):
    """采矿业增加值增 / 长2.3% was cut by the margin: it is one sentence again."""
    lines = read_pdf(release_pdf.read_bytes(), "release.pdf").text.split("\n")
    for paragraph in ZH_RELEASE_PARAGRAPHS:
        assert paragraph in lines


def test_headings_and_the_signature_keep_their_lines(release_pdf):
    lines = read_pdf(release_pdf.read_bytes(), "release.pdf").text.split("\n")
    assert lines[:2] == ["2024年1—2月份规模以上工业生产情况", "一、工业生产较快增长"]
    assert lines[-2:] == ["国家统计局", "2024年3月18日"]


def test_the_document_info_title_loses_the_word_processor_prefix(release_pdf):
    found = read_pdf(release_pdf.read_bytes(), "release.pdf").found
    assert found["title"].value == "工业生产情况"
    assert found["date"].where == "PDF document info /CreationDate"


def test_a_pdf_without_a_text_layer_is_refused_and_says_ocr_is_not_done(tmp_path):
    path = tmp_path / "scan.pdf"
    pdf_with_lines(path, ZH_RELEASE_LINES, text_layer=False)
    with pytest.raises(DocumentError, match=r"scan.pdf: the PDF has no text layer.*OCR is not done"):
        read_pdf(path.read_bytes(), "scan.pdf")


def test_a_pdf_that_needs_a_password_is_refused(release_pdf, tmp_path):
    path = tmp_path / "locked.pdf"
    encrypt_pdf(release_pdf, path, user_password="s3cret")
    with pytest.raises(DocumentError, match="locked.pdf: the PDF is encrypted with a password"):
        read_pdf(path.read_bytes(), "locked.pdf")


def test_a_pdf_encrypted_only_against_printing_is_read(release_pdf, tmp_path):
    """An empty user password opens in every viewer: government PDFs often come so."""
    path = tmp_path / "noprint.pdf"
    encrypt_pdf(release_pdf, path, user_password="")
    assert "同比增长7.0%" in read_pdf(path.read_bytes(), "noprint.pdf").text


def test_a_file_named_pdf_that_is_not_one_is_refused():
    with pytest.raises(DocumentError, match=r"fake.pdf: not a PDF \(no %PDF- header"):
        read_pdf(b"<html><body>7.0%</body></html>", "fake.pdf")


def test_a_truncated_pdf_is_refused_not_crashed(release_pdf):
    data = release_pdf.read_bytes()
    with pytest.raises(DocumentError, match="cut.pdf"):
        read_pdf(data[: len(data) // 3], "cut.pdf")


def test_a_text_layer_without_unicode_is_refused():
    """Fonts without a ToUnicode map come out as private-use characters."""
    from sei_analysis.corpus import pdf_reader

    with pytest.raises(DocumentError, match="does not map to Unicode"):
        pdf_reader._check_text_layer(["\ue001\ue002\ue003" * 30 + "增长"], "odd.pdf")


def test_radicals_a_font_writes_for_ideographs_are_folded_back(tmp_path):
    """Chromium-printed PDFs read 国⺠经济 and 增⻓ (CJK radicals) where the page shows 国民经济, 增长."""
    path = tmp_path / "radicals.pdf"
    pdf_with_lines(path, ["国⺠经济：规模以上工业增加值同比增⻓7.0%，⽐上年加快0.2个百分点。"] * 3)
    text = read_pdf(path.read_bytes(), "radicals.pdf").text
    assert "国民经济：规模以上工业增加值同比增长7.0%，比上年加快0.2个百分点。" in text
    assert not any("\u2e80" <= ch <= "\u2fdf" for ch in text)
