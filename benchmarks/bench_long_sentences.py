"""Benchmark: extraction time and peak memory against sentence length, 1 KB to 1 MB (issue 14).

Run: .venv/bin/python benchmarks/bench_long_sentences.py

Each size is run in a fresh interpreter (so peak memory is that size's own) on one line with
no sentence punctuation: ``工业产值增长2.9%,`` repeated, one figure every 25 bytes. The peer,
measured in the same run and warmed up the same way, is the same text with a full stop
(。) after every figure: ordinary short sentences. Linear means the per-KB time and the
ratio to the peer stay flat as the line grows. Takes about 30 s.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

SIZES_KB = (1, 10, 100, 1000)
PIECE = "工业产值增长2.9%，"  # 25 bytes in UTF-8
SENTENCE = "工业产值增长2.9%。"

CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    from sei_analysis.extract import extract_figures
    piece, size = sys.argv[1], int(sys.argv[2])
    text = piece * (size // len(piece.encode()) + 1)
    extract_figures(piece * 40)  # warm-up: lazy imports, regex caches
    start = time.perf_counter(); found = extract_figures(text); seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "peak": peak, "rows": len(found)}))
    """
)


def measure(piece: str, size_bytes: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, piece, str(size_bytes)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    print(f"{'size':>8} {'figures':>8} {'one line s':>11} {'ms/KB':>7} {'peak MB':>8} "
          f"{'sentences s':>12} {'ratio':>6}")  # fmt: skip
    first = None
    for kb in SIZES_KB:
        line = measure(PIECE, kb * 1000)
        peer = measure(SENTENCE, kb * 1000)
        per_kb = line["seconds"] * 1000 / kb
        first = first or per_kb
        print(
            f"{kb:>6}KB {line['rows']:>8} {line['seconds']:>11.3f} {per_kb:>7.2f} {line['peak'] / 1e6:>8.0f} "
            f"{peer['seconds']:>12.3f} {line['seconds'] / peer['seconds']:>6.2f}"
        )
    print(
        f"ms per KB at 1 MB / at 1 KB = {per_kb / first:.2f} (1.0 is linear; quadratic would be ~1000); "
        "ratio = one long line / the same figures in short sentences"
    )


if __name__ == "__main__":
    main()
