"""save_figure: every file written, valid, atomic; the interactive HTML works offline in Chromium."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from sei_analysis import charts
from sei_analysis.charts import export
from sei_analysis.errors import ExportError, InputError

CHROMIUM = Path("/usr/bin/chromium")


def small_figure():
    with charts.house_style("column"):
        fig, ax = charts.new_figure("column")
        ax.plot([2019, 2020, 2021], [1.0, 2.0, 1.5], marker="o")
    return fig


def save_small(out_dir, name="small", **kwargs):
    args = dict(
        data=pd.DataFrame({"year": [2019, 2020, 2021], "value": [1.0, 2.0, 1.5]}),
        title="A small test chart",
        subtitle="Value, percent, 2019–2021",
        unit="percent",
        source="Source: a test.",
        params={"seed": 1},
        out_dir=out_dir,
        size="column",
    )
    args.update(kwargs)
    return charts.save_figure(small_figure(), name, **args)


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"]


def test_save_figure_writes_every_file(tmp_path):
    saved = save_small(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["small.png", "small.svg", "small.pdf", "small.csv", "small.meta.json"]
    )
    assert saved.files["png"] == tmp_path / "small.png"


def test_png_decodes_at_300_dpi(tmp_path):
    from matplotlib.image import imread

    img = imread(save_small(tmp_path).files["png"])
    assert img.shape[1] == round(3.5 * 300)


def test_svg_parses_and_keeps_text_as_text(tmp_path):
    root = ET.parse(save_small(tmp_path).files["svg"]).getroot()
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "A small test chart" in texts
    assert any(t.startswith("Source:") for t in texts)


def test_pdf_has_one_page_and_truetype_fonts(tmp_path):
    from pypdf import PdfReader

    path = save_small(tmp_path).files["pdf"]
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    assert "A small test chart" in reader.pages[0].extract_text()
    assert b"/Type3" not in path.read_bytes()  # pdf.fonttype 42: TrueType, not Type 3


def test_csv_holds_the_data_drawn(tmp_path):
    frame = pd.read_csv(save_small(tmp_path).files["csv"])
    assert list(frame.columns) == ["year", "value"] and len(frame) == 3


def test_meta_has_every_field(tmp_path):
    meta = json.loads(save_small(tmp_path).meta_path.read_text(encoding="utf-8"))
    assert set(export.META_FIELDS) <= set(meta)
    assert meta["title"] == "A small test chart" and meta["source"] == "Source: a test."
    assert meta["parameters"] == {"seed": 1} and meta["unit"] == "percent"
    assert meta["git_commit"] is None or re.fullmatch(r"[0-9a-f]{40}", meta["git_commit"])
    assert meta["alt"] == "Chart: A small test chart. Value, percent, 2019–2021 (unit: percent)."
    assert meta["files"] == ["small.png", "small.svg", "small.pdf", "small.csv", "small.meta.json"]
    assert meta["order"] == export.ORDER_AFTER_BUILT_INS + 1 and meta["interactive"] is False
    assert meta["lang"] == "en" and meta["citation"].startswith("A small test chart. sei-analysis, run ")


def test_given_alt_text_is_kept(tmp_path):
    assert save_small(tmp_path, alt="Rising line.").meta["alt"] == "Rising line."


def test_order_follows_saving_and_is_kept_on_resave(tmp_path):
    first = export.ORDER_AFTER_BUILT_INS + 1
    assert save_small(tmp_path, "first").meta["order"] == first
    assert save_small(tmp_path, "second").meta["order"] == first + 1
    assert save_small(tmp_path, "first").meta["order"] == first


def test_built_in_charts_have_fixed_unique_places_whatever_the_saving_order(tmp_path):
    from test_charts import BUILDERS

    orders = {}
    for kind in reversed(sorted(BUILDERS)):
        orders[kind] = BUILDERS[kind]().save(tmp_path).meta["order"]
    assert orders == export.DECK_ORDER
    assert len(set(orders.values())) == len(orders)


def test_meta_carries_one_citation_with_title_run_date_commit_and_sources(tmp_path, monkeypatch):
    from test_charts import BUILDERS

    monkeypatch.setenv("SEI_RUN_ID", "20261201T000000Z")
    meta = BUILDERS["share_vs_targets"]().save(tmp_path).meta
    cite = meta["citation"]
    assert cite.startswith(meta["title"] + ". sei-analysis, run 20261201T000000Z, ")
    assert re.search(r", \d{4}-\d\d-\d\d, commit ", cite)
    assert cite.endswith(
        "Primary sources: encyclopedia; CAICT; People's Daily; Guiding Opinions; Ref; 12th; 13th; 14th."
    )


def test_html_has_a_page_title_and_language(tmp_path):
    chart = charts.growth_vs_industry(__import__("test_charts").growth_comparison(), lang="zh")
    html = chart.save(tmp_path).files["html"].read_text(encoding="utf-8")
    assert f"<title>{chart.title}</title>" in html and '<html lang="zh-Hans">' in html


def test_svg_keeps_the_spaces_of_its_labels(tmp_path):
    root = ET.parse(save_small(tmp_path).files["svg"]).getroot()
    assert root.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_csv_writes_counts_as_integers_and_rounds_float_noise(tmp_path):
    data = pd.DataFrame({"count": [3.0, 2.0], "share": [17.000000000000004, 11.5]})
    text = save_small(tmp_path, data=data).files["csv"].read_text(encoding="utf-8")
    assert text == "count,share\n3,17.0\n2,11.5\n"


def test_every_chart_csv_has_unit_and_source_columns(tmp_path):
    from test_charts import BUILDERS

    for kind, build in BUILDERS.items():
        frame = pd.read_csv(build().save(tmp_path).files["csv"])
        assert {"unit", "source"} <= set(frame.columns), kind
        assert frame["unit"].notna().all() and frame["source"].notna().all(), kind


def test_figure_without_decoration_gets_title_and_source(tmp_path):
    fig = small_figure()
    charts.save_figure(fig, "plain", data=pd.DataFrame({"a": [1]}), title="T", source="S", out_dir=tmp_path)
    from sei_analysis.charts.style import fig_texts

    assert fig_texts(fig)["sei-title"] == "T" and fig_texts(fig)["sei-source"] == "Source: S"


@pytest.mark.parametrize("name", ["", "../escape", "a b", "x/y", ".hidden", "ok.meta", "a" * 101])
def test_unsafe_names_are_refused(tmp_path, name):
    with pytest.raises(InputError, match="name"):
        save_small(tmp_path, name)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("field", ["title", "source"])
def test_title_and_source_are_required(tmp_path, field):
    with pytest.raises(InputError, match=field):
        save_small(tmp_path, **{field: "  "})


def test_default_dir_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SEI_FIGURES_DIR", str(tmp_path / "env-figs"))
    saved = save_small(None)
    assert saved.out_dir == tmp_path / "env-figs" and saved.files["png"].is_file()


def test_no_temporary_files_are_left(tmp_path):
    save_small(tmp_path)
    save_small(tmp_path)
    assert leftovers(tmp_path) == []


def test_a_failing_export_leaves_the_previous_files_intact(tmp_path, monkeypatch):
    save_small(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real = export._save_static

    def fail_on_pdf(fig, path, fmt, size):
        if fmt == "pdf":
            raise RuntimeError("disk on fire")
        real(fig, path, fmt, size)

    monkeypatch.setattr(export, "_save_static", fail_on_pdf)
    with pytest.raises(ExportError, match=r"small\.pdf"):
        save_small(tmp_path, title="A different title")
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert after == before  # the PNG and SVG written before the failure were not moved in either
    assert leftovers(tmp_path) == []


def share_chart():
    from test_charts import share_observations, share_targets

    return charts.share_vs_targets(share_observations(), share_targets())


def test_interactive_html_is_self_contained(tmp_path):
    saved = share_chart().save(tmp_path)
    html = saved.files["html"].read_text(encoding="utf-8")
    assert saved.meta["interactive"] is True and "share_vs_targets.html" in saved.meta["files"]
    assert not re.search(r"<script[^>]+src=[\"']https?:", html)
    assert "plotly.js" in html and len(html) > 1_000_000  # plotly.js is inlined


@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (Debian package chromium)")
def test_interactive_html_draws_offline_in_chromium(tmp_path):
    from playwright.sync_api import sync_playwright
    from test_charts import fan_inputs, growth_comparison, heat_grid, source_figures

    built = [
        share_chart(),
        charts.growth_vs_industry(growth_comparison()),
        charts.scenario_fan(*fan_inputs(), target=(2025, 17)),
        charts.sensitivity_heatmap(heat_grid(), target=17),
        charts.figure_sources(source_figures()),
    ]
    pages = [chart.save(tmp_path).files["html"] for chart in built]
    args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
    ]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=args, headless=True)
        try:
            for path in pages:
                page = browser.new_page()
                errors, blocked = [], []
                page.on("console", lambda m, errors=errors: m.type == "error" and errors.append(m.text))
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))

                def route(r, blocked=blocked):
                    if r.request.url.startswith("file://"):
                        r.continue_()
                    else:
                        blocked.append(r.request.url)
                        r.abort()

                page.route("**/*", route)
                page.goto(path.as_uri())
                page.wait_for_function("document.getElementById('sei-chart')?._fullLayout", timeout=20_000)
                n_traces = page.evaluate("document.getElementById('sei-chart').data.length")
                # NOTE: scatter and bar traces draw as g.trace; a heatmap draws as an image in .heatmaplayer.
                n_drawn = page.evaluate("document.querySelectorAll('.trace, .heatmaplayer image').length")
                assert n_traces > 0 and n_drawn > 0, path.name
                assert errors == [], (path.name, errors)
                assert blocked == [], (path.name, blocked)
                page.close()
        finally:
            browser.close()


def test_plotly_static_export_is_optional_and_uses_debian_chromium(tmp_path):
    pytest.importorskip("kaleido")
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent")
    import plotly.graph_objects as go

    path = charts.plotly_static(go.Figure(go.Scatter(x=[1, 2], y=[2, 1])), tmp_path / "k.svg")
    assert ET.parse(path).getroot().tag.endswith("svg")
