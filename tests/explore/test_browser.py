"""04-explore.ipynb in a real browser: Debian's Chromium, driven by Playwright, against a live JupyterLab.

One JupyterLab serves a project copy in ``tmp_path`` (so "Save" writes there). The test
opens the notebook, runs every cell, moves the GDP-growth slider with the keyboard, filters
the figures, saves a chart and parameters, and checks that the fan changed, that no cell
raised, that the console shows no error and that nothing was fetched from outside the lab
server. On failure it saves a screenshot and the lab log under ``reports/scratch/browser-test/``.
``SEI_SCREENSHOT=docs/explore.png`` also saves the screenshot the README shows.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from lab_driver import CHROMIUM, LabPage, browser_page, running_lab

from sei_analysis import config

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed (make sysdeps)"),
]
ARTIFACTS = config.PROJ_ROOT / "reports" / "scratch" / "browser-test"
NOTEBOOK = "04-explore.ipynb"
# NOTE: messages Chromium or JupyterLab log at "error" level that say nothing about the
# notebook: the favicon of a page with none, and the websocket closing when the test ends.
BENIGN_CONSOLE = ("favicon.ico", "WebSocket is closed")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project root with the raw data and the two notebooks the explorer uses."""
    root = tmp_path_factory.mktemp("explore-project")
    shutil.copytree(config.RAW_DATA_DIR, root / "data" / "raw")
    (root / "notebooks").mkdir()
    for name in (NOTEBOOK, "03-scenario-projections.ipynb"):
        shutil.copy(config.NOTEBOOKS_DIR / name, root / "notebooks" / name)
    return root


@pytest.fixture(scope="module")
def lab_page(project):
    env = {"SEI_PROJECT_ROOT": str(project), "SEI_FIGURES_DIR": str(project / "figures")}
    with running_lab(project / "notebooks", env=env) as lab, browser_page((1400, 1100)) as page:
        lp = LabPage(page, lab)
        lp.open_notebook(NOTEBOOK)
        lp.run_all_cells()
        page.wait_for_selector(".js-plotly-plot", timeout=120_000)
        yield lp


@pytest.fixture(autouse=True)
def screenshot_on_failure(request, lab_page):
    yield
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        lab_page.screenshot(ARTIFACTS / f"{request.node.name}.png")
        shutil.copy(lab_page.lab.log, ARTIFACTS / f"{request.node.name}.lab.log")


def median_of_fan(lp: LabPage) -> list[float]:
    return lp.page.evaluate("() => document.querySelectorAll('.js-plotly-plot')[0].data[2].y")


def gdp_handle(lp: LabPage):
    slider = lp.page.locator(".widget-slider", has_text="Nominal GDP growth").first
    return slider.locator(".noUi-handle").first


def test_every_cell_runs_without_an_error(lab_page):
    assert lab_page.cell_errors() == []


def test_both_charts_are_drawn(lab_page):
    assert lab_page.page.locator(".js-plotly-plot").count() == 2


def test_nothing_is_fetched_from_outside_the_lab_server(lab_page):
    assert lab_page.outside_requests == []


def test_the_gdp_slider_moved_by_keyboard_redraws_the_fan(lab_page):
    page = lab_page.page
    before = median_of_fan(lab_page)
    readout = page.locator(".widget-slider", has_text="Nominal GDP growth").locator(".widget-readout").first
    start = float(readout.text_content())
    handle = gdp_handle(lab_page)
    handle.scroll_into_view_if_needed()
    handle.focus()
    for _ in range(50):  # 0.01 a press: half a point more GDP growth
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "before => { const y = document.querySelectorAll('.js-plotly-plot')[0].data[2].y;"
        " return JSON.stringify(y) !== JSON.stringify(before); }",
        arg=before,
        timeout=30_000,
    )
    lab_page.wait_kernel_idle()
    after = median_of_fan(lab_page)
    assert float(readout.text_content()) == pytest.approx(start + 0.5, abs=1e-9)
    # faster GDP growth with the same SEI growth: a lower share in the target year
    assert after[-1] < before[-1]
    assert after[0] == pytest.approx(before[0])  # the base year does not move


def test_filtering_the_figures_shows_the_sentence_with_the_figure_marked(lab_page):
    page = lab_page.page
    box = page.get_by_placeholder("free text, e.g. more than 13")
    box.scroll_into_view_if_needed()
    box.fill("trillion")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.widget-html-content')].some(e => /of \\d+ figures match/.test("
        "e.textContent) && !e.textContent.startsWith('33 '))",
        timeout=30_000,
    )
    page.wait_for_selector(".sei-figure-detail mark", timeout=30_000)
    assert "trillion" in page.locator(".sei-figure-detail mark").first.text_content()


def test_save_buttons_write_a_chart_and_a_params_file(lab_page, project):
    page = lab_page.page
    page.get_by_role("button", name="Save parameters").click()
    page.wait_for_function("() => document.body.innerText.includes('Parameters saved')", timeout=60_000)
    page.get_by_role("button", name="Save chart").click()
    page.wait_for_function("() => document.body.innerText.includes('Chart saved')", timeout=60_000)
    saved = list((project / "reports" / "params").glob("explore-*.yml"))
    assert len(saved) == 1
    assert "03-scenario-projections:" in saved[0].read_text()
    figures = {p.suffix for p in (project / "figures").glob("scenario_fan_explore.*")}
    assert {".png", ".svg", ".pdf", ".csv", ".json", ".html"} <= figures


def test_the_console_has_no_errors(lab_page):
    # NOTE: last, so every action above has had its chance to log one.
    errors = [e for e in lab_page.console_errors() if not any(b in e for b in BENIGN_CONSOLE)]
    assert errors == []
    target = os.environ.get("SEI_SCREENSHOT")
    if target:
        save_explorer_screenshot(lab_page, Path(target))


def save_explorer_screenshot(lp: LabPage, path: Path) -> None:
    """The scenario explorer from its first control to the bottom of the fan (the README's picture)."""
    page = lp.page
    page.set_viewport_size({"width": 1400, "height": 2200})  # NOTE: tall enough for controls and fan
    first = page.locator(".widget-slider", has_text="Base year").first
    first.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)
    box, fan = first.bounding_box(), page.locator(".js-plotly-plot").first.bounding_box()
    clip = {
        "x": box["x"] - 20,
        "y": box["y"] - 30,
        "width": 920,
        "height": fan["y"] + fan["height"] - box["y"] + 40,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), clip=clip)
