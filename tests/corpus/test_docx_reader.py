"""The DOCX reader: paragraphs and tables in order, core properties, hostile XML refused."""

from __future__ import annotations

import pytest
from document_factories import ZH_RELEASE_PARAGRAPHS, docx_billion_laughs, docx_release, docx_with_xxe

from sei_analysis.corpus.docx_reader import read_docx
from sei_analysis.errors import DocumentError


@pytest.fixture
def release_docx(tmp_path):
    path = tmp_path / "release.docx"
    docx_release(path)
    return path


def test_paragraphs_and_table_rows_come_in_document_order(release_docx):
    blocks = read_docx(release_docx.read_bytes(), "release.docx").text.split("\n\n")
    assert blocks[0] == "2024年1—2月份规模以上工业生产情况"
    assert blocks[1:3] == ZH_RELEASE_PARAGRAPHS
    assert blocks[3] == "指标 同比增长(%)\n规模以上工业增加值 7.0"
    assert blocks[4].startswith("附注")


def test_core_properties_give_title_publisher_and_date(release_docx):
    found = read_docx(release_docx.read_bytes(), "release.docx").found
    assert (found["title"].value, found["publisher"].value) == ("工业生产情况", "国家统计局")
    assert found["date"].value.startswith("2024-03-18")
    assert found["date"].where == "DOCX core property created"


def test_empty_core_properties_are_not_found(tmp_path):
    path = tmp_path / "bare.docx"
    docx_release(path, title=None, author=None)
    found = read_docx(path.read_bytes(), "bare.docx").found
    assert "title" not in found and "publisher" not in found


def test_an_external_entity_is_refused_and_the_file_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    path = tmp_path / "xxe.docx"
    docx_with_xxe(path, secret)
    with pytest.raises(DocumentError, match=r"xxe.docx: part word/document.xml declares a DTD"):
        read_docx(path.read_bytes(), "xxe.docx")


def test_a_billion_laughs_chain_is_refused(tmp_path):
    path = tmp_path / "lol.docx"
    docx_billion_laughs(path)
    with pytest.raises(DocumentError, match="declares a DTD or entities"):
        read_docx(path.read_bytes(), "lol.docx")


def test_a_file_named_docx_that_is_not_a_zip_is_refused():
    with pytest.raises(DocumentError, match="fake.docx: not a DOCX"):
        read_docx(b"%PDF-1.4 not a word file", "fake.docx")


def test_a_zip_that_is_not_a_word_file_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "增长7.0%")
    with pytest.raises(DocumentError, match="other.docx: not a readable DOCX"):
        read_docx(path.read_bytes(), "other.docx")
