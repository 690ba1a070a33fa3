"""Time the chart exports: each builder, each file format, the briefing, and kaleido for comparison.

Run: ``.venv/bin/python benchmarks/bench_charts.py [--kaleido]``. Writes into a temporary folder.
The numbers behind the static-export decision in ``sei_analysis/charts/export.py``.
"""

from __future__ import annotations

import argparse
import io
import os
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from sei_analysis import charts


def sample_inputs() -> dict[str, tuple]:
    """The real share and growth figures of the issue, plus small scenario and corpus tables."""
    obs = pd.DataFrame(
        {
            "period": ["2010", "2014", "2015", "2017", "2019", "2022"],
            "value": [4, 7.6, 8, 10, 11.5, 13],
            "qualifier": ["approx", "exact", "at_least", "approx", "exact", "at_least"],
            "kind": ["estimate", "derived", "actual", "forecast", "actual", "actual"],
            "source_title": [
                "Encyclopedia",
                "People's Daily",
                "Guiding Opinions",
                "CAICT",
                "People's Daily",
                "Ref",
            ],
        }
    )
    obs["period_end"] = pd.to_datetime(obs["period"] + "-12-31")
    targets = pd.DataFrame(
        {
            "period": ["2015", "2020", "2025"],
            "value": [8, 15, 17],
            "qualifier": ["approx", "approx", "at_least"],
        }
    )
    periods = [
        "2016H1",
        "2017Q1",
        "2017H1",
        "2017",
        "2018M01-M07",
        "2018M11",
        "2018",
        "2019Q1-Q3",
        "2019",
        "2020H1",
    ]
    ends = [
        "2016-06-30",
        "2017-03-31",
        "2017-06-30",
        "2017-12-31",
        "2018-07-31",
        "2018-11-30",
        "2018-12-31",
        "2019-09-30",
        "2019-12-31",
        "2020-06-30",
    ]
    comp = pd.DataFrame(
        {
            "period": periods,
            "period_end": pd.to_datetime(ends),
            "sei": [11, 10.3, 10.8, 11, 8.6, 8.6, 8.9, 8.4, 8.4, 2.9],
            "industry": [6, None, 6.9, 6.6, 6.6, 5.4, 6.2, None, 5.7, -1.3],
        }
    )
    years = np.arange(2022, 2031)
    paths = pd.concat(
        [
            pd.DataFrame({"scenario": n, "year": years, "share": 13 * (1 + g / 100) ** (years - 2022)})
            for n, g in (("slow", 2), ("central", 4), ("fast", 6))
        ]
    )
    sims = 13 * np.cumprod(1 + np.random.default_rng(0).normal(0.04, 0.02, (500, len(years))), axis=1)
    q = np.percentile(sims, [5, 25, 50, 75, 95], axis=0)
    bands = pd.DataFrame(
        {"year": years, **{c: q[i] for i, c in enumerate(["q05", "q25", "q50", "q75", "q95"])}}
    )
    grid = pd.DataFrame(
        [
            [13 * ((1 + s / 100) / (1 + g / 100)) ** 3 for g in np.arange(4, 7.5, 0.5)]
            for s in np.arange(6, 15)
        ],
        index=np.arange(6.0, 15),
        columns=np.arange(4, 7.5, 0.5),
    )
    figs = pd.DataFrame(
        {
            "doc_id": ["a"] * 20 + ["b"] * 10,
            "language": ["zh"] * 20 + ["en"] * 10,
            "measure": ["share", "growth_rate", "level"] * 10,
        }
    )
    return {
        "share_vs_targets": (charts.share_vs_targets, (obs, targets), {}),
        "growth_vs_industry": (charts.growth_vs_industry, (comp,), {}),
        "scenario_fan": (charts.scenario_fan, (paths, bands), {"target": (2025, 17)}),
        "sensitivity_heatmap": (charts.sensitivity_heatmap, (grid,), {"target": 17, "target_year": 2025}),
        "figure_sources": (charts.figure_sources, (figs,), {}),
    }


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def bench_matplotlib(out: Path) -> None:
    print(
        f"{'chart':22} {'build':>6} {'png':>6} {'svg':>6} {'pdf':>6} {'html':>6} {'save_all':>8}  (seconds)"
    )
    for name, (builder, args, kwargs) in sample_inputs().items():
        t_build, chart = timed(builder, *args, **kwargs)
        per = {}
        for fmt in ("png", "svg", "pdf"):
            with charts.house_style(chart.size):
                per[fmt], _ = timed(
                    chart.fig.savefig, io.BytesIO(), format=fmt, dpi=300 if fmt == "png" else "figure"
                )
        per["html"], _ = timed(chart.plotly.to_html, include_plotlyjs=True)
        t_save, _ = timed(chart.save, out)
        print(
            f"{name:22} {t_build:6.2f} {per['png']:6.2f} {per['svg']:6.2f} {per['pdf']:6.2f} "
            f"{per['html']:6.2f} {t_save:8.2f}"
        )
    t_brief, _ = timed(charts.build_briefing, out, out.parent)
    print(f"build_briefing (5 figures, PDF + PPTX): {t_brief:.2f} s")


def bench_kaleido(out: Path) -> None:
    import kaleido
    import plotly.io as pio

    os.environ.setdefault("BROWSER_PATH", "/usr/bin/chromium")
    fig = charts.share_vs_targets(*sample_inputs()["share_vs_targets"][1]).plotly
    for fmt in ("png", "svg", "pdf"):
        t, _ = timed(pio.write_image, fig, out / f"cold.{fmt}", format=fmt, width=1000, height=560)
        print(f"kaleido cold {fmt}: {t:.2f} s (one Chromium start per image)")
    t_start, _ = timed(kaleido.start_sync_server, silence_warnings=True)
    print(f"kaleido server start: {t_start:.2f} s")
    for fmt in ("png", "svg", "pdf"):
        t, _ = timed(pio.write_image, fig, out / f"warm.{fmt}", format=fmt, width=1000, height=560)
        print(f"kaleido warm {fmt}: {t:.2f} s")
    kaleido.stop_sync_server(silence_warnings=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kaleido", action="store_true", help="also time kaleido with /usr/bin/chromium")
    ns = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "run" / "figures"
        bench_matplotlib(out)
        if ns.kaleido:
            bench_kaleido(out)


if __name__ == "__main__":
    main()
