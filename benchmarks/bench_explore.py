"""Scenario explorer redraw, from the key press to the updated figure, in a real browser.

Debian's Chromium (Playwright) drives a live JupyterLab on 127.0.0.1. A notebook opens two
explorers side by side in one kernel, both at 10,000 simulated paths and with the same
inputs:

- **ours**: ``explore.scenario_explorer`` (plotly ``FigureWidget``, one ``batch_update`` of
  the fan per change, the grid throttled);
- **peer**: the same scenario stage redrawn through ``ipywidgets.interactive_output`` with
  matplotlib, the house static fan chart (``charts.scenario_fan``, as notebook 03 draws it).

For each press the page records ``performance.now()`` at the ``keydown`` of ArrowRight on the
GDP-growth slider's handle, then waits for the chart to change (ours: the median trace's data
in the plotly graph; peer: the ``<img>`` of the figure) and for the next animation frame, so
the figure is painted. Presses are spaced until the kernel is idle again; the two explorers
are measured in alternating blocks so both see the same machine load; each gets the same
warm-up presses first.

Goal (issue 12): ours at most 100 ms median and 150 ms p90. Prints median, p90 and the
ratio peer / ours; exits 0 (``--strict`` exits 1 on a missed goal). ``--presses N`` per
explorer (default 40).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "explore"))

from lab_driver import LabPage, browser_page, running_lab  # noqa: E402

GOAL_MEDIAN_MS, GOAL_P90_MS = 100.0, 150.0
N_PATHS = 10_000
WARMUP, BLOCK = 5, 10

PEER_MODULE = '''
"""The peer: the house static fan chart redrawn by matplotlib through interactive_output."""
import ipywidgets as W
import matplotlib.pyplot as plt
from IPython.display import display
from sei_analysis import charts
from sei_analysis.explore.scenario_state import compute_outcome


def peer_explorer(inputs):
    slider = W.FloatSlider(value=inputs.gdp_growth, min=-10, max=30, step=0.01, readout_format=".2f",
                           description="Nominal GDP growth, %", continuous_update=True,
                           style={"description_width": "160px"}, layout={"width": "440px"})

    def draw(gdp_growth):
        outcome = compute_outcome(inputs.replace(gdp_growth=gdp_growth), with_grid=False)
        i = outcome.inputs
        chart = charts.scenario_fan(outcome.projection.to_frame(), outcome.simulation.bands,
                                    (i.target_year, i.target_share), interactive=False)
        display(chart)  # the house chart's PNG, as the report notebooks show it
        plt.close(chart.fig)

    return W.VBox([slider, W.interactive_output(draw, {"gdp_growth": slider})], layout={"width": "900px"})
'''

CELLS = [
    "%matplotlib inline\nimport sys; sys.path.insert(0, '.')\nfrom sei_analysis import build, explore\n"
    "import bench_peer\ntables = build.processed_tables()",
    f"ours = explore.scenario_explorer(tables, n_paths={N_PATHS})\nours",
    "bench_peer.peer_explorer(ours.inputs)",
]

ARM = """
([which]) => {
  const cell = document.querySelectorAll('.jp-CodeCell')[which === 'ours' ? 1 : 2];
  const read = which === 'ours'
    ? () => {
        const g = cell.querySelector('.js-plotly-plot');
        return g && g.data ? JSON.stringify(g.data[2].y) : null;
      }
    : () => { const i = cell.querySelector('.jp-OutputArea-output img'); return i ? i.src : null; };
  const before = read();
  window.__seiDone = new Promise((resolve) => {
    let t0 = null;
    document.addEventListener('keydown', () => { t0 = performance.now(); }, {capture: true, once: true});
    const check = () => {
      const now = read();
      if (t0 !== null && now && now !== before) {
        obs.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - t0));
      }
    };
    const obs = new MutationObserver(check);
    obs.observe(cell, {subtree: true, childList: true, characterData: true, attributes: true});
    setTimeout(() => { obs.disconnect(); resolve(null); }, 10000);  // NOTE: a lost press, not a hang
  });
}
"""


def write_notebook(folder: Path) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(textwrap.dedent(src)) for src in CELLS]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / "bench.ipynb")
    (folder / "bench_peer.py").write_text(PEER_MODULE)


def press(lp: LabPage, which: str) -> float:
    page = lp.page
    index = 1 if which == "ours" else 2
    slider = page.locator(".jp-CodeCell").nth(index).locator(".widget-slider", has_text="Nominal GDP growth")
    handle = slider.first.locator(".noUi-handle").first
    handle.focus()
    page.evaluate(ARM, [which])
    page.keyboard.press("ArrowRight")
    ms = page.evaluate("window.__seiDone")
    if ms is None:
        lp.screenshot(Path(tempfile.gettempdir()) / f"bench-explore-lost-{which}.png")
        raise RuntimeError(f"{which}: the figure did not change within 10 s of the key press")
    lp.wait_kernel_idle()
    page.wait_for_timeout(150)  # NOTE: let plotly's state echo reach the kernel before the next press
    return ms


def summarise(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--presses", type=int, default=40)
    ap.add_argument("--strict", action="store_true")
    args = ap.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="sei-bench-explore-") as tmp:
        folder = Path(tmp)
        write_notebook(folder)
        with running_lab(folder) as lab, browser_page((1400, 1100)) as page:
            lp = LabPage(page, lab)
            lp.open_notebook("bench.ipynb")
            lp.run_all_cells()
            page.wait_for_selector(".js-plotly-plot", timeout=120_000)
            page.wait_for_selector(
                ".jp-CodeCell:nth-child(3) img, .jp-OutputArea-output img", timeout=120_000
            )
            times: dict[str, list[float]] = {"ours": [], "peer": []}
            for which in times:
                for _ in range(WARMUP):
                    press(lp, which)
            while min(len(v) for v in times.values()) < args.presses:
                for which, got in times.items():
                    for _ in range(min(BLOCK, args.presses - len(got))):
                        got.append(press(lp, which))
            errors = lp.cell_errors() + lp.console_errors()
    ours, peer = summarise(times["ours"]), summarise(times["peer"])
    print(
        f"scenario explorer redraw, key press -> painted figure, {N_PATHS:,} paths, "
        f"{args.presses} presses each"
    )
    print(
        f"  ours (plotly FigureWidget, one update a change):  median {ours[0]:6.1f} ms, p90 {ours[1]:6.1f} ms"
    )
    print(f"  peer (matplotlib, interactive_output):        median {peer[0]:6.1f} ms, p90 {peer[1]:6.1f} ms")
    print(f"  ratio peer / ours: median {peer[0] / ours[0]:.2f}x, p90 {peer[1] / ours[1]:.2f}x")
    met = ours[0] <= GOAL_MEDIAN_MS and ours[1] <= GOAL_P90_MS
    print(
        f"  goal (median <= {GOAL_MEDIAN_MS:g} ms, p90 <= {GOAL_P90_MS:g} ms): {'met' if met else 'MISSED'}"
    )
    print(
        f"  machine load (1-min average, {os.cpu_count()} cores): {load_before:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after"
    )
    if errors:
        print(f"  errors in the page: {errors[:3]}")
    return 1 if args.strict and not met else 0


if __name__ == "__main__":
    t0 = time.perf_counter()
    code = main()
    print(f"  ({time.perf_counter() - t0:.0f} s)")
    sys.exit(code)
