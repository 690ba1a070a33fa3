"""The text cache: each document is converted once per reader version."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sei_analysis.corpus import cache, load_corpus, readers
from sei_analysis.corpus.cache import cache_path, document_text
from sei_analysis.corpus.register import add_documents

FIXTURE = Path(__file__).parent / "fixtures" / "nbs_release_gb2312.html"


@pytest.fixture
def counting_html_reader(monkeypatch):
    calls = []
    real = readers.READERS[".html"]

    def read(data, name):
        calls.append(name)
        return real.read(data, name)

    monkeypatch.setitem(readers.READERS, ".html", real._replace(read=read))
    return calls


def test_an_unchanged_file_is_converted_only_once(tmp_path, counting_html_reader):
    first = document_text(FIXTURE, "ab" * 32, tmp_path)
    second = document_text(FIXTURE, "ab" * 32, tmp_path)
    assert first == second
    assert counting_html_reader == ["nbs_release_gb2312.html"]


def test_the_cache_file_is_named_by_sha256_and_reader_version(tmp_path):
    document_text(FIXTURE, "ab" * 32, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [f"{'ab' * 32}.html-v{readers.html_reader.VERSION}.txt"]


def test_a_new_reader_version_converts_again(tmp_path, monkeypatch, counting_html_reader):
    document_text(FIXTURE, "ab" * 32, tmp_path)
    html = readers.READERS[".html"]
    monkeypatch.setitem(readers.READERS, ".html", html._replace(version=html.version + 1))
    document_text(FIXTURE, "ab" * 32, tmp_path)
    assert len(counting_html_reader) == 2
    assert len(list(tmp_path.iterdir())) == 2


def test_the_cached_text_is_what_is_read(tmp_path):
    """The cache is trusted: the key is the verified checksum of the raw bytes."""
    path = cache_path(tmp_path, "cd" * 32, FIXTURE)
    path.write_text("cached text", encoding="utf-8")
    assert document_text(FIXTURE, "cd" * 32, tmp_path) == "cached text"


def test_plain_text_is_never_cached(tmp_path):
    txt = tmp_path / "a.txt"
    txt.write_text("增长7.0%", encoding="utf-8")
    cache_dir = tmp_path / "cache"
    assert document_text(txt, "ef" * 32, cache_dir) == "增长7.0%"
    assert not cache_dir.exists()


def test_a_read_only_cache_is_skipped_and_the_text_still_returned(tmp_path, monkeypatch):
    def refuse(path, text):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(cache, "write_text", refuse)
    assert "国民经济起步平稳" in document_text(FIXTURE, "ab" * 32, tmp_path / "ro")


def test_load_corpus_fills_the_cache_beside_the_raw_folder(raw_copy):
    add_documents([FIXTURE], raw_dir=raw_copy)
    load_corpus(raw_copy)
    cached = list((raw_copy.parent / "processed" / "text").iterdir())
    assert len(cached) == 1 and cached[0].name.endswith(".html-v1.txt")
    shutil.rmtree(raw_copy.parent / "processed")
    assert len(load_corpus(raw_copy, cache=False)) == 7
    assert not (raw_copy.parent / "processed").exists()
