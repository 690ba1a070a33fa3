"""The report's scenario_fan.html in headless Chromium, offline: the sliders redraw the fan with no kernel."""

from __future__ import annotations

from pathlib import Path

import pytest
from lab_driver import CHROMIUM, browser_page
from numpy.testing import assert_allclose

from sei_analysis import charts
from sei_analysis.charts.slider import with_slider
from sei_analysis.scenarios import fan_frames

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed (make sysdeps)"),
]
GDP = [4.0, 5.0, 6.0, 7.5]
SEI = [9.0, 12.0, 15.0]
VISIBLE_MEDIAN = (
    "() => document.getElementById('sei-chart').data"
    ".filter(t => t.name === 'median of simulations' && t.visible === true).map(t => t.y)"
)


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    frames = fan_frames(
        11.5, 2019, 2025, 17.0, GDP, SEI, 2.0, n_paths=2000, seed=9, scenarios={"trend": 12.0}
    )
    fan = charts.scenario_fan(
        frames.paths[frames.paths.gdp_growth == 7.5].drop(columns="gdp_growth"),
        frames.frame(7.5, 12.0).drop(columns=["gdp_growth", "sei_growth"]),
        (2025, 17.0),
    )
    out = tmp_path_factory.mktemp("figures")
    with_slider(fan, frames, gdp_growth=7.5, sei_growth=12.0).save(out)
    return out / "scenario_fan.html", frames


@pytest.fixture(scope="module")
def page(saved):
    html, _ = saved
    outside: list[str] = []
    with browser_page((1100, 900)) as page:

        def route(r):
            if r.request.url.startswith("file://"):
                r.continue_()
            else:  # NOTE: offline: nothing but the file itself may load
                outside.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.outside = outside
        page.goto(html.as_uri())
        page.wait_for_selector(".slider-container")
        yield page


def click_step(page, slider: int, step: int, n_steps: int) -> None:
    rail = page.locator(".slider-container .slider-rail-touch-rect").nth(slider).bounding_box()
    # NOTE: plotly lays the steps out evenly along the rail, inset by the handle's half width.
    inset = 8
    x = rail["x"] + inset + (rail["width"] - 2 * inset) * step / (n_steps - 1)
    page.mouse.click(x, rail["y"] + rail["height"] / 2)
    page.wait_for_timeout(300)


def test_the_html_loads_nothing_from_outside(page):
    assert page.outside == []


def test_the_gdp_slider_switches_to_the_precomputed_frame(page, saved):
    _, frames = saved
    assert_allclose(page.evaluate(VISIBLE_MEDIAN)[0], frames.frame(7.5, 12.0)["q50"], atol=1e-4)
    click_step(page, 0, 0, len(GDP))
    assert_allclose(page.evaluate(VISIBLE_MEDIAN)[0], frames.frame(4.0, 12.0)["q50"], atol=1e-4)


def test_the_sei_slider_keeps_the_gdp_position(page, saved):
    _, frames = saved
    click_step(page, 0, 1, len(GDP))  # GDP 5%
    click_step(page, 1, 2, len(SEI))  # SEI 15%
    medians = page.evaluate(VISIBLE_MEDIAN)
    assert len(medians) == 1
    assert_allclose(medians[0], frames.frame(5.0, 15.0)["q50"], atol=1e-4)


def test_the_label_answers_the_question_for_the_position_shown(page, saved):
    _, frames = saved
    click_step(page, 0, 0, len(GDP))
    click_step(page, 1, 0, len(SEI))
    row = frames.summary[(frames.summary.gdp_growth == 4.0) & (frames.summary.sei_growth == 9.0)].iloc[0]
    text = page.evaluate(
        "() => document.getElementById('sei-chart').data"
        ".filter(t => t.mode === 'text' && t.visible === true).map(t => t.text[0])"
    )
    assert len(text) == 1 and f"= {row.prob_reached:.0%}" in text[0]
