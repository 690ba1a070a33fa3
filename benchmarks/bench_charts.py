"""Time the chart exports: each builder, each file format, the briefing, and kaleido for comparison.

Run: ``.venv/bin/python benchmarks/bench_charts.py [--no-kaleido]``; kaleido (with Debian's
Chromium) is the peer, timed in the same run. Writes into a temporary folder.
The numbers behind the static-export decision in ``sei_analysis/charts/export.py``.
"""

from __future__ import annotations

import argparse
import io
import os
import tempfile
import time
from pathlib import Path

from sei_analysis import charts


def sample_inputs() -> dict[str, tuple]:
    """The five charts on the real pipeline's tables and the default scenario parameters."""
    from sei_analysis import indicators, scenarios
    from sei_analysis.build import processed_tables

    tables = processed_tables()
    ind = tables.indicators
    sei = {"trend": 12.0, "target-consistent": scenarios.required_growth(11.5, 17, 6, 7.5), "slowdown": 9.0}
    paths = scenarios.project_share(11.5, 2019, 6, sei, 7.5, target_share=17).paths
    fan = scenarios.simulate(11.5, 2019, 2025, 17, 7.5, 12, 2.5, n_paths=10_000, seed=1)
    grid = scenarios.sensitivity_grid(11.5, 2019, 2025, range(6, 19, 2), range(4, 11), target_share=17)
    return {
        "share_vs_targets": (
            charts.share_vs_targets,
            (indicators.share_observations(ind), indicators.share_targets(ind)),
            {},
        ),
        "growth_vs_industry": (charts.growth_vs_industry, (indicators.growth_comparison(ind),), {}),
        "scenario_fan": (charts.scenario_fan, (paths, fan.bands), {"target": (2025, 17)}),
        "sensitivity_heatmap": (charts.sensitivity_heatmap, (grid,), {"target": 17, "target_year": 2025}),
        "figure_sources": (charts.figure_sources, (tables.figures,), {}),
    }


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def bench_matplotlib(out: Path) -> float:
    """Time every chart; return matplotlib's time for PNG + SVG + PDF of share_vs_targets."""
    print(
        f"{'chart':22} {'build':>6} {'png':>6} {'svg':>6} {'pdf':>6} {'html':>6} {'save_all':>8}  (seconds)"
    )
    static = 0.0
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
        if name == "share_vs_targets":
            static = per["png"] + per["svg"] + per["pdf"]
        print(
            f"{name:22} {t_build:6.2f} {per['png']:6.2f} {per['svg']:6.2f} {per['pdf']:6.2f} "
            f"{per['html']:6.2f} {t_save:8.2f}"
        )
    from sei_analysis.build import processed_tables

    t_brief, _ = timed(charts.build_briefing, out, out.parent, tables=processed_tables())
    print(f"build_briefing (5 figures, PPTX + PDF + DOCX): {t_brief:.2f} s")
    return static


def bench_kaleido(out: Path) -> float:
    """Time kaleido on the same chart; return its cold time for PNG + SVG + PDF."""
    import kaleido
    import plotly.io as pio

    os.environ.setdefault("BROWSER_PATH", "/usr/bin/chromium")
    fig = charts.share_vs_targets(*sample_inputs()["share_vs_targets"][1]).plotly
    cold = 0.0
    for fmt in ("png", "svg", "pdf"):
        t, _ = timed(pio.write_image, fig, out / f"cold.{fmt}", format=fmt, width=1000, height=560)
        cold += t
        print(f"kaleido cold {fmt}: {t:.2f} s (one Chromium start per image)")
    t_start, _ = timed(kaleido.start_sync_server, silence_warnings=True)
    print(f"kaleido server start: {t_start:.2f} s")
    for fmt in ("png", "svg", "pdf"):
        t, _ = timed(pio.write_image, fig, out / f"warm.{fmt}", format=fmt, width=1000, height=560)
        print(f"kaleido warm {fmt}: {t:.2f} s")
    kaleido.stop_sync_server(silence_warnings=True)
    return cold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-kaleido", action="store_true", help="skip the kaleido peer")
    ns = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "run" / "figures"
        static = bench_matplotlib(out)
        if ns.no_kaleido or not Path("/usr/bin/chromium").exists():
            print("kaleido peer skipped (--no-kaleido, or no /usr/bin/chromium)")
            return
        cold = bench_kaleido(out)
        print(
            f"static PNG+SVG+PDF of share_vs_targets: matplotlib {static:.2f} s, kaleido {cold:.2f} s: "
            f"matplotlib is {cold / static:.1f}x faster"
        )


if __name__ == "__main__":
    main()
