"""The HTML reader: the article of a saved page, without its chrome, and its metadata."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import yaml
from document_factories import deep_html, html_linking_local_files

from sei_analysis.corpus.html_reader import read_html
from sei_analysis.errors import DocumentError
from sei_analysis.extract import extract_figures

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = yaml.safe_load((FIXTURES / "pages.yml").read_text(encoding="utf-8"))["pages"]


def read_fixture(name: str):
    return read_html((FIXTURES / name).read_bytes(), name)


@pytest.mark.parametrize("page", PAGES, ids=[p["file"] for p in PAGES])
def test_every_article_sentence_is_kept(page):
    text = read_fixture(page["file"]).text
    assert [s for s in page["article"] if s not in text] == []


@pytest.mark.parametrize("page", PAGES, ids=[p["file"] for p in PAGES])
def test_no_chrome_line_is_kept(page):
    text = read_fixture(page["file"]).text
    assert [s for s in page["chrome"] if s in text] == []


@pytest.mark.parametrize("page", PAGES, ids=[p["file"] for p in PAGES])
def test_chrome_yields_no_figure(page):
    """The figures of the related links, hot topics and footers never reach extract_figures."""
    found = extract_figures(read_fixture(page["file"]).text, lang=page["lang"])
    chrome_raw = set()
    for line in page["chrome"]:
        chrome_raw |= set(extract_figures(line, lang=page["lang"])["raw"])
    article_raw = set()
    for line in page["article"]:
        article_raw |= set(extract_figures(line, lang=page["lang"])["raw"])
    assert chrome_raw - article_raw, "the chrome lines of the fixture must carry figures of their own"
    assert set(found["raw"]) & (chrome_raw - article_raw) == set()


def test_a_page_declaring_gb2312_is_decoded_as_gb18030():
    raw = (FIXTURES / "nbs_release_gb2312.html").read_bytes()
    assert b"charset=gb2312" in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("gb2312")  # the page uses characters GB2312 lacks (the dash of 1—2月, 喆)
    text = read_fixture("nbs_release_gb2312.html").text
    assert "1—2月份" in text and "王喆" in text


def test_the_nbs_page_states_its_title_date_publisher_and_url():
    found = read_fixture("nbs_release_gb2312.html").found
    assert found["title"].value == "2024年1—2月份国民经济起步平稳"
    assert found["title"].where == '<meta name="ArticleTitle">'
    assert found["date"].value == "2024-03-18 10:00"
    assert found["publisher"].value == "国家统计局"
    assert found["url"].value == "https://www.stats.gov.cn/sj/zxfb/202403/t20240318_1947915.html"


def test_open_graph_tags_give_the_english_page_its_metadata():
    found = read_fixture("stcouncil_release_en.html").found
    assert found["title"].value == "China's economy makes steady start in first two months"
    assert found["date"].value.startswith("2024-03-18T16:04")
    assert found["url"].where == '<meta property="og:url">'


def test_the_text_starts_with_the_title():
    text = read_fixture("nbs_release_gb2312.html").text
    assert text.split("\n\n")[0] == "2024年1—2月份国民经济起步平稳"


def test_a_title_tag_loses_the_site_name():
    found = read_fixture("xinhua_news_zh.html").found
    assert found["title"].value == "前两个月我国高技术制造业增加值同比增长7.5%"


def test_a_page_without_meta_dates_takes_the_date_line_of_its_text():
    found = read_fixture("province_table_layout_gbk.html").found
    assert found["date"].value == "2024-04-22"


def test_paragraphs_written_with_br_in_a_table_cell_are_kept_apart():
    text = read_fixture("province_table_layout_gbk.html").text
    assert "同比增长6.1%。\n\n分产业看" in text


def test_a_page_nested_200000_levels_deep_is_refused():
    with pytest.raises(DocumentError, match="nested more than 256 levels"):
        read_html(deep_html(200_000), "deep.html")


def test_links_to_local_files_are_never_read(tmp_path, monkeypatch):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET 99.9 percent", encoding="utf-8")

    def no_network(*args, **kwargs):
        raise AssertionError("the reader opened a socket")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    doc = read_html(html_linking_local_files(secret), "links.html")
    assert "TOPSECRET" not in doc.text
    assert "Industrial output grew 7.0 percent" in doc.text


def test_an_empty_page_is_refused():
    with pytest.raises(DocumentError, match="empty.html"):
        read_html(b"<html><body><nav>Home</nav></body></html>", "empty.html")


def test_bytes_that_are_no_text_are_refused():
    with pytest.raises(DocumentError, match="does not decode"):
        read_html(b"<html><body><p>" + b"\x80\xff" * 100 + b"</p></body></html>", "binary.html")
