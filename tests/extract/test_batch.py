"""Many documents at once: the figure cache and the process pool change nothing but the time."""

from __future__ import annotations

import pandas as pd

from sei_analysis.extract import extract_figures
from sei_analysis.extract.batch import Document, cache_key, extract_documents, extractor_version


def docs(n: int) -> list[Document]:
    return [
        Document(
            f"d{i}",
            f"上半年，规模以上工业增加值同比增长{i % 9}.{i % 7}%。高技术制造业增长{i}%。",
            "zh",
            "2019-07-15",
            None,
        )
        for i in range(n)
    ]


def expected(many: list[Document]) -> pd.DataFrame:
    frames = [
        extract_figures(d.text, lang=d.lang, document_date=d.date).assign(doc_id=d.doc_id) for d in many
    ]
    table = pd.concat(frames, ignore_index=True)
    return table[["doc_id", *table.columns[:-1]]]


def test_each_document_gets_what_extract_figures_gives_it_in_order():
    pd.testing.assert_frame_equal(extract_documents(docs(3), workers=1), expected(docs(3)))


def test_a_pool_gives_the_same_rows_in_the_same_order_as_one_process():
    many = docs(20)
    pd.testing.assert_frame_equal(extract_documents(many, workers=2), extract_documents(many, workers=1))


def test_cached_rows_equal_fresh_ones_and_only_changed_documents_are_extracted(tmp_path, monkeypatch):
    cache = tmp_path / "figures.parquet"
    first = extract_documents(docs(5), cache_file=cache, workers=1)
    calls = []
    import sei_analysis.extract.batch as batch

    original = batch._extract
    monkeypatch.setattr(batch, "_extract", lambda doc: calls.append(doc.doc_id) or original(doc))
    changed = docs(5)
    changed[2] = changed[2]._replace(text="2024年，规模以上工业增加值增长5.8%。")
    second = extract_documents(changed, cache_file=cache, workers=1)
    assert calls == ["d2"]
    same = first["doc_id"] != "d2"
    pd.testing.assert_frame_equal(
        first[same].reset_index(drop=True), second[second["doc_id"] != "d2"].reset_index(drop=True)
    )
    assert second.loc[second["doc_id"] == "d2", "value"].tolist() == [5.8]
    pd.testing.assert_frame_equal(extract_documents(changed, cache_file=cache, workers=1), second)


def test_the_cache_keeps_only_the_documents_of_the_last_run(tmp_path):
    cache = tmp_path / "figures.parquet"
    extract_documents(docs(5), cache_file=cache, workers=1)
    extract_documents(docs(2), cache_file=cache, workers=1)
    assert set(pd.read_parquet(cache)["_cache_key"]) == {cache_key(d) for d in docs(2)}


def test_a_damaged_cache_is_ignored_and_rebuilt(tmp_path):
    cache = tmp_path / "figures.parquet"
    cache.write_bytes(b"not parquet")
    found = extract_documents(docs(2), cache_file=cache, workers=1)
    assert found["doc_id"].tolist() == ["d0", "d0", "d1", "d1"]
    assert len(pd.read_parquet(cache)) == 4


def test_no_documents_give_an_empty_typed_table():
    found = extract_documents([], workers=1)
    assert found.empty and list(found.columns) == ["doc_id", *extract_figures("").columns]


def test_the_key_changes_with_the_date_and_the_extractor(monkeypatch):
    doc = docs(1)[0]
    assert cache_key(doc) != cache_key(doc._replace(date="2020-07-15"))
    import sei_analysis.extract.batch as batch

    before = cache_key(doc)
    monkeypatch.setattr(batch, "extractor_version", lambda: "another-version")
    assert cache_key(doc) != before and len(extractor_version()) == 16
