"""Benchmark extract_figures against quantulum3: throughput (MB/s) and F1.

Run: .venv/bin/python benchmarks/bench_extract.py

- sei_analysis: a >= 5 MB corpus made by repeating the raw policy texts.
- the comparison (issue 10): one-core throughput on the same English text (the four English
  texts, ~106 KB, parsed whole), both extractors warmed up by the same call on its first
  2,000 characters; ours is the median of 5 runs, quantulum3 one run (it takes ~15 s).
  quantulum3's cost grows faster than the text, so a 30 KB sample is timed too and both
  ratios are printed;
- F1 of both on the English part of the labelled set, scored by the same function
  (``sei_analysis.extract.evaluate.score_figures``: a match is same sentence + same value).
Takes about 40 s, most of it quantulum3.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

from sei_analysis.corpus.text import detect_language
from sei_analysis.extract import extract_figures
from sei_analysis.extract.evaluate import gold_frame, load_labelled, predict_frame, score_figures

ROOT = Path(__file__).resolve().parents[1]
RAW = sorted((ROOT / "data" / "raw" / "policy").glob("*.txt"))
LABELLED = sorted((ROOT / "tests" / "extract" / "labelled").glob("*.yml"))
CORPUS_BYTES = 5_000_000

# NOTE: quantulum3 unit names -> our units; anything else it finds is a plain number.
QUANTULUM_UNITS = {"percentage": "percent", "percentage point": "percentage_point", "dimensionless": "number"}
QUANTULUM_CURRENCIES = {"euro": "EUR", "united states dollar": "USD", "yuan": "CNY", "renminbi": "CNY"}


def mb(text: str) -> float:
    return len(text.encode("utf-8")) / 1e6


def timed(function, *args) -> tuple[float, float, object]:
    """Wall-clock and CPU seconds of one call (CPU time is steadier on a shared machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return time.perf_counter() - wall, time.process_time() - cpu, result


def time_ours(texts: list[str]) -> tuple[float, float, float, int]:
    """Best of three runs on the texts repeated to at least ``CORPUS_BYTES``."""
    corpus = "\n".join(texts)
    corpus = corpus * (CORPUS_BYTES // len(corpus.encode("utf-8")) + 1)
    extract_figures(corpus[:100_000])  # warm up (lazy imports)
    runs = [timed(extract_figures, corpus) for _ in range(3)]
    wall = min(run[0] for run in runs)
    cpu = min(run[1] for run in runs)
    return mb(corpus), wall, cpu, len(runs[0][2])


def quantulum_frame(parser, text: str) -> pd.DataFrame:
    """quantulum3 quantities mapped onto our value/unit columns as well as we can."""
    rows = []
    for q in parser.parse(text):
        name = q.unit.name.lower()
        currency = QUANTULUM_CURRENCIES.get(name)
        unit = "currency" if currency else QUANTULUM_UNITS.get(name, "number")
        rows.append({"value": float(q.value), "unit": unit, "currency": currency})
    return pd.DataFrame(rows, columns=["value", "unit", "currency"])


def main() -> None:
    texts = [p.read_text(encoding="utf-8") for p in RAW]
    english_texts = [t for t in texts if detect_language(t) == "en"]
    # The last line (the English texts) is the one compared with quantulum3 below.
    for label, chosen in (("all five texts", texts), ("the English texts", english_texts)):
        size, wall, cpu, n = time_ours(chosen)
        ours_mbs, ours_cpu_mbs = size / wall, size / cpu
        print(
            f"sei_analysis.extract_figures on {label} repeated: {size:.2f} MB ({n} figures), best of 3: "
            f"{wall:.3f} s wall = {ours_mbs:.1f} MB/s; {cpu:.3f} s CPU = {ours_cpu_mbs:.1f} MB/s"
        )

    items = load_labelled(LABELLED)
    english = [it for it in items if detect_language(it["text"]) == "en"]
    ours = score_figures(predict_frame(english, extract_figures), gold_frame(english))
    print(f"sei_analysis on the English labelled subset ({len(english)} items): {ours.summary()}")
    everything = score_figures(predict_frame(items, extract_figures), gold_frame(items))
    print(f"sei_analysis on the whole labelled set ({len(items)} items): {everything.summary()}")

    start = time.perf_counter()
    from quantulum3 import parser  # noqa: PLC0415

    print(f"quantulum3 import: {time.perf_counter() - start:.1f} s")
    english_text = "\n".join(english_texts)
    warm_up = english_text[:2000]
    extract_figures(warm_up)
    parser.parse(warm_up)
    for label, sample in (
        ("the whole English text", english_text),
        ("a 30 KB sample", english_text[:30_000]),
    ):
        ours = sorted(timed(extract_figures, sample)[1] for _ in range(5))[2]  # CPU seconds, median of 5
        theirs = timed(parser.parse, sample)[1]
        print(
            f"one core, {label} ({mb(sample) * 1000:.0f} KB): sei_analysis {mb(sample) / ours:.2f} MB/s, "
            f"quantulum3 {mb(sample) / theirs:.4f} MB/s; ratio {theirs / ours:,.0f}x (goal >= 1,000x)"
        )
    theirs = score_figures(
        predict_frame(english, lambda text, lang: quantulum_frame(parser, text)), gold_frame(english)
    )
    print(f"quantulum3 on the English labelled subset: {theirs.summary()}")


if __name__ == "__main__":
    main()
