"""Property tests: extract_figures never raises and always fits the schema."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sei_analysis.corpus.text import normalize_text
from sei_analysis.extract import FIGURE_COLUMNS, FIGURE_DTYPES, MEASURES, QUALIFIERS, UNITS, extract_figures

# NOTE: fragments that exercise the rules, mixed with arbitrary characters of every script.
FRAGMENTS = [
    "增长", "增長", "下降", "回落", "个百分点", "個百分點", "%", "％", "percent", "percentage points", "亿元",
    "萬億", "billion euros", "twice", "翻一番", "三成", "左右", "以上", "about ", "more than ", "2020年",
    "上半年", "1-7月", "first half of 2018", "(1)", "(九)", "一是", "[3]", "發(fā)", "5G", "No. 1409",
    "〔2020〕1409号", " and ", "和", "，", "。", ";", ".", "\n", "-", "1,000", "8.9", "０．５",
    "higher than ",
    "accounted for ", "占", "比重", "力争", "By 2025, ", "will ", "respectively",
]  # fmt: skip
TEXT = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(max_size=8),
        st.from_regex(r"-?\d{1,5}(\.\d{1,2})?", fullmatch=True),
    ),
    max_size=25,
).map("".join)


def check_schema(text: str, found: pd.DataFrame) -> None:
    assert list(found.columns) == FIGURE_COLUMNS
    for column, dtype in FIGURE_DTYPES.items():
        assert str(found[column].dtype) == str(pd.Series([], dtype=dtype).dtype), column
    assert set(found["unit"]) <= set(UNITS)
    assert set(found["measure"]) <= set(MEASURES)
    assert set(found["qualifier"]) <= set(QUALIFIERS)
    assert found["value"].notna().all()
    assert (found["currency"].notna() == (found["unit"] == "currency")).all()
    normalized = normalize_text(text)
    for start, end, raw, sentence in found[["start", "end", "raw", "sentence"]].itertuples(index=False):
        assert normalized[start:end] == raw
        assert raw in sentence


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from([None, "en", "zh"]))
def test_extract_never_raises_and_fits_schema(text, lang):
    check_schema(text, extract_figures(text, lang))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_extract_on_arbitrary_unicode_fits_schema(text):
    check_schema(text, extract_figures(text))


# NOTE: what a hostile or badly converted document carries: lone surrogates (bytes decoded
# with surrogateescape), NULs, and very long runs without sentence punctuation (PDF and
# HTML text often has none).
HOSTILE = st.one_of(
    st.sampled_from(["\udc80", "\ud800", "\udfff", "\x00", "\ufffd", "\u200b", "\u202e"]),
    st.sampled_from(FRAGMENTS),
    st.from_regex(r"-?\d{1,5}(\.\d{1,2})?%?", fullmatch=True),
)
LONG_LINE = st.tuples(st.lists(HOSTILE, min_size=1, max_size=12).map("".join), st.integers(50, 400)).map(
    lambda pair: " ".join([pair[0]] * pair[1])
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HOSTILE, max_size=40).map("".join), st.sampled_from([None, "en", "zh"]))
def test_extract_on_surrogates_and_nuls_fits_schema(text, lang):
    check_schema(text, extract_figures(text, lang))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LONG_LINE)
def test_extract_on_long_lines_without_punctuation_fits_schema_and_bounds_sentences(text):
    from sei_analysis.extract.sentences import MAX_SENTENCE_CHARS

    found = extract_figures(text)
    check_schema(text, found)
    assert (found["sentence"].str.len() <= MAX_SENTENCE_CHARS).all()
