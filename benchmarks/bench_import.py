"""Import cost: ``import sei_analysis`` against its peer ``import pandas``, in the same run.

Each import runs in a fresh interpreter, several times; the median wall time is kept.
Goal (issue 2): sei_analysis costs at most 0.3 s more than pandas alone.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

REPEATS = 7
STATEMENTS = {
    "python (startup only)": "pass",
    "import pandas": "import pandas",
    "import sei_analysis": "import pandas, sei_analysis",
    "sei_analysis + extract_figures": "import pandas, sei_analysis; sei_analysis.extract_figures",
}


def median_seconds(statement: str) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    results = {label: median_seconds(stmt) for label, stmt in STATEMENTS.items()}
    for label, secs in results.items():
        print(f"{label:<32} {secs * 1000:8.1f} ms (median of {REPEATS})")
    base = results["import pandas"]
    for label in ("import sei_analysis", "sei_analysis + extract_figures"):
        extra = results[label] - base
        verdict = "ok" if extra <= 0.3 else "OVER the 0.3 s budget"
        print(
            f"{label} costs {extra * 1000:+.1f} ms over pandas "
            f"(ratio {results[label] / base:.2f}x; goal <= +300 ms): {verdict}"
        )


if __name__ == "__main__":
    main()
