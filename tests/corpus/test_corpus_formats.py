"""load_corpus reads every registered format, and the seed texts read exactly as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from document_factories import docx_release, release_pdf_bytes

from sei_analysis import config
from sei_analysis.corpus import CORPUS_COLUMNS, load_corpus, normalize_text, read_sources
from sei_analysis.corpus.register import AddOptions, add_documents
from sei_analysis.errors import RawDataError

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_seed_texts_give_exactly_the_normalised_text_they_gave_before():
    """Before the readers, load_corpus did normalize_text(path.read_text(encoding='utf-8'))."""
    corpus = load_corpus().set_index("id")
    seeds = [r for r in read_sources() if r["kind"] == "policy_text" and r["path"].endswith(".txt")]
    assert len(seeds) == 5
    for rec in seeds:
        before = normalize_text((config.RAW_DATA_DIR / rec["path"]).read_text(encoding="utf-8"))
        assert corpus.loc[rec["id"], "text"] == before, rec["id"]


@pytest.fixture
def every_format(raw_copy, tmp_path) -> Path:
    """A raw copy with an HTML page, a PDF, a DOCX and a Markdown file added."""
    docs = tmp_path / "incoming"
    docs.mkdir()
    (docs / "release.pdf").write_bytes(release_pdf_bytes())
    docx_release(docs / "release.docx")
    (docs / "note.md").write_text("# Note\n\nIndustrial output rose 7 percent in 2023.\n", encoding="utf-8")
    (docs / "page.html").write_bytes((FIXTURES / "stcouncil_release_en.html").read_bytes())
    add_documents([docs], AddOptions(date="2024-03-18"), raw_dir=raw_copy)
    return raw_copy


def test_load_corpus_reads_html_pdf_docx_and_markdown(every_format):
    corpus = load_corpus(every_format)
    assert list(corpus.columns) == CORPUS_COLUMNS
    new = corpus[~corpus["path"].str.endswith((".txt", ".csv"))].set_index("path")
    assert sorted(new.index) == [
        "policy/note.md",
        "policy/page.html",
        "policy/release.docx",
        "policy/release.pdf",
    ]
    assert "全国规模以上工业增加值同比增长7.0%" in new.loc["policy/release.pdf", "text"]
    assert "全国规模以上工业增加值同比增长7.0%" in new.loc["policy/release.docx", "text"]
    assert "rose 7 percent year on year" in new.loc["policy/page.html", "text"]
    assert "Related Stories" not in new.loc["policy/page.html", "text"]
    assert (new["n_chars"] == new["text"].str.len()).all()


def test_the_new_texts_are_normalised(every_format):
    corpus = load_corpus(every_format).set_index("path")
    pdf = corpus.loc["policy/release.pdf", "text"]
    assert pdf == normalize_text(pdf) and "，" not in pdf  # NFKC made the commas half-width


def test_a_changed_pdf_is_caught_like_a_changed_seed(every_format):
    target = every_format / "policy" / "release.pdf"
    target.write_bytes(target.read_bytes() + b"\n%tampered")
    with pytest.raises(RawDataError, match=r"release\.pdf.*checksum mismatch"):
        load_corpus(every_format)
