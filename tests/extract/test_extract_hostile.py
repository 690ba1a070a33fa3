"""Hostile input to extract_figures: long lines, many figures, unencodable characters (issue 14).

The memory cases run in a subprocess under an address-space limit, so a regression fails
the test instead of taking the machine down.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import textwrap

import pytest

from sei_analysis.corpus.text import normalize_text
from sei_analysis.extract import extract_figures
from sei_analysis.extract.sentences import MAX_SENTENCE_CHARS, split_sentences

# NOTE: the address-space cap of the subprocess: far above the 1 GB the check allows, so
# only a runaway allocation hits it, and far below the machine's memory.
ADDRESS_SPACE_LIMIT = 6 * 1024**3


def run_limited(code: str) -> dict:
    """Run ``code`` in a fresh interpreter under `ADDRESS_SPACE_LIMIT`; it prints one JSON line."""
    prelude = (
        "import resource\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({ADDRESS_SPACE_LIMIT}, {ADDRESS_SPACE_LIMIT}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)], capture_output=True, text=True, timeout=600
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_1_mb_line_with_50000_figures_stays_under_1_gb():
    result = run_limited(
        """
        import json, resource
        from sei_analysis.extract import extract_figures
        text = "工业产值增长2.9%，" * 50000      # 550,000 characters, 1.25 MB in UTF-8
        assert len(text.encode()) >= 1_000_000
        found = extract_figures(text)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        longest = int(found["sentence"].str.len().max())
        print(json.dumps({"rows": len(found), "peak": peak, "longest": longest}))
        """
    )
    assert result["rows"] == 50000
    assert result["peak"] < 1024**3, result
    assert result["longest"] <= MAX_SENTENCE_CHARS


def test_a_line_of_bare_numbers_gives_bounded_rows():
    result = run_limited(
        """
        import io, json
        from sei_analysis.extract import extract_figures
        found = extract_figures("9 " * 40000)   # 80 KB, no punctuation: wrote a 2 GB CSV before
        buf = io.StringIO()
        found.to_csv(buf, index=False)
        print(json.dumps({"rows": len(found), "csv": len(buf.getvalue())}))
        """
    )
    assert result["csv"] < 40000 * (MAX_SENTENCE_CHARS + 200), result


def test_long_sentence_is_cut_after_a_clause_mark_and_offsets_still_point_into_the_text():
    text = "，".join(f"第{i}项增长{i % 9}.5%" for i in range(400))
    sentences = split_sentences(text, "zh")
    assert len(sentences) > 1 and max(len(s.text) for s in sentences) <= MAX_SENTENCE_CHARS
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert all(s.text.endswith(("，", ",")) for s in sentences[:-1])


def test_a_cut_never_falls_inside_a_number_with_thousands_commas():
    text = "grew 1,234,567 units " * 200
    for s in split_sentences(text, "en"):
        assert not (s.text[-1] == "," and s.text[-2].isdigit() and text[s.end : s.end + 1].isdigit())


def test_lone_surrogate_and_nul_become_replacement_characters_with_offsets_kept():
    assert normalize_text("a\udc80b\x00c 2.9%") == "a\ufffdb\ufffdc 2.9%"
    found = extract_figures("\udc80 2.9%")
    assert found["value"].tolist() == [2.9] and found.loc[0, "start"] == 2


def hostile_texts(n: int, seed: int = 14) -> list[str]:
    """``n`` texts mixing figures with surrogates, NULs, control and bidi characters, long runs."""
    rng = random.Random(seed)
    pieces = ["增长", "%", "个百分点", "2.9", "-1,000", "1e308", "9" * 400, "\udc80", "\ud800", "\x00",
              "\x1b[2J", "\u202e", "\ufeff", "。", "\n", "(1)", "5G", "〔2020〕", "上半年", "respectively",
              " "]  # fmt: skip
    texts = []
    for _ in range(n):
        parts = [rng.choice(pieces) for _ in range(rng.randint(1, 60))]
        if rng.random() < 0.05:
            parts *= rng.randint(20, 80)  # a long line without sentence ends
        texts.append("".join(parts))
    return texts


def test_3000_hostile_texts_give_no_crash():
    crashes = []
    for text in hostile_texts(3000):
        try:
            extract_figures(text)
        except Exception as exc:  # noqa: BLE001 - the test counts every kind of crash
            crashes.append((text[:60], repr(exc)))
    assert crashes == []


@pytest.mark.parametrize("text", ["9" * 400 + "%", "增长" + "9" * 400 + "%"])
def test_an_overlong_numeral_is_not_an_infinite_figure(text):
    found = extract_figures(text)
    assert not found["value"].abs().eq(float("inf")).any()
