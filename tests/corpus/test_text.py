"""Tests of normalize_text, split_sentences and detect_language (one behaviour each)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sei_analysis.corpus.text import _nfkc, detect_language, normalize_text
from sei_analysis.extract.sentences import split_sentences

RAW_DIR = Path(__file__).resolve().parents[2] / "data" / "raw" / "policy"


def test_normalize_makes_full_width_digits_and_punctuation_half_width():
    assert normalize_text("增长１０．８％，比重为１４．９％；") == "增长10.8%,比重为14.9%;"


def test_normalize_removes_pinyin_artefact_after_han_character():
    assert normalize_text("發(fā)展產(chǎn)業(yè)") == "發展產業"


def test_normalize_keeps_latin_brackets_without_tone_marks():
    assert normalize_text("信托基金(REITs)试点") == "信托基金(REITs)试点"


def test_normalize_keeps_pinyin_like_bracket_after_latin_text():
    assert normalize_text("word (fā)") == "word (fā)"


def test_normalize_removes_reference_markers():
    assert normalize_text("industries. [5]\nmodels [2] [4] here") == "industries. \nmodels  here"


def test_normalize_keeps_document_number_in_brackets():
    assert "[2020] No. 1409" in normalize_text("High-Tech [2020] No. 1409")


@pytest.mark.parametrize(
    "debris",
    [
        "zero Useful+1",
        "Related News",
        "undefined",
        "Key words: emerging industries",
        "The Links:   NL8060BC26-35D G121SN01-V4",
    ],
)
def test_normalize_drops_page_debris_lines(debris):
    assert normalize_text(f"First line.\n{debris}\nLast line.") == "First line.\nLast line."


def test_normalize_never_changes_figures():
    text = "grew 8.9 percent, 1,000 bases, 105 billion euros, 2.7 percentage points, 15% Left and right"
    assert normalize_text(text) == text


def test_normalize_is_idempotent_on_seed_texts():
    for path in sorted(RAW_DIR.glob("*.txt")):
        once = normalize_text(path.read_text(encoding="utf-8"))
        assert normalize_text(once) == once, path.name


def test_detect_language_chinese_and_english():
    assert detect_language("规模以上工业增加值同比增长5.7%") == "zh"
    assert detect_language("Industrial value added grew 5.7% (工业)") == "en"


def test_detect_language_empty_text_is_english():
    assert detect_language("") == "en"


def test_split_chinese_on_full_stop_and_semicolon_after_normalisation():
    text = normalize_text("增长8.6%，快2.0个百分点。比重为14.9%；高于上年。")
    assert [s.text for s in split_sentences(text, "zh")] == [
        "增长8.6%,快2.0个百分点。",
        "比重为14.9%;",
        "高于上年。",
    ]


def test_split_chinese_keeps_decimal_points():
    assert len(split_sentences("增长8.6%,高于5.5%", "zh")) == 1


def test_split_english_on_full_stops_not_abbreviations_or_decimals():
    text = "It grew 8.9 percent. See No. 1409 for details. Done"
    assert [s.text for s in split_sentences(text, "en")] == [
        "It grew 8.9 percent.",
        "See No. 1409 for details.",
        "Done",
    ]


def test_split_english_list_number_at_line_start_is_not_a_sentence():
    text = "1. The Opinions are important. They matter."
    assert [s.text for s in split_sentences(text, "en")] == ["1. The Opinions are important.", "They matter."]


def test_split_offsets_point_into_the_text():
    text = "  First one.  Second one!\n第三句。"
    for start, end, sentence in split_sentences(text, "en"):
        assert text[start:end] == sentence


def test_split_detects_language_when_not_given():
    assert [s.text for s in split_sentences("增长8.6%。下降1.3%。")] == ["增长8.6%。", "下降1.3%。"]


def test_normalize_equals_full_nfkc_even_with_combining_marks():
    text = "cafe\u0301 ｆｕｌｌ １２％ e\u0301\u0301 ２⁵ ﬁ 丽"
    assert normalize_text(text) == unicodedata.normalize("NFKC", text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_fast_nfkc_equals_unicodedata_nfkc(text):
    assert _nfkc(text) == unicodedata.normalize("NFKC", text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.sampled_from([None, "en", "zh"]))
def test_split_sentences_offsets_always_point_into_the_text(text, lang):
    for start, end, sentence in split_sentences(text, lang):
        assert text[start:end] == sentence and sentence.strip() == sentence and sentence
