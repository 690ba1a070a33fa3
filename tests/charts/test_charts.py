"""The chart builders: titles, source lines, honest drawing of qualifiers and gaps, CJK glyphs."""

from __future__ import annotations

import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from sei_analysis import charts
from sei_analysis.charts.style import fig_texts
from sei_analysis.errors import InputError, SchemaError


def share_observations() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "period": ["2010", "2014", "2015", "2017", "2019", "2022"],
            "value": [4.0, 7.6, 8.0, 10.0, 11.5, 13.0],
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
    return frame.assign(period_end=pd.to_datetime(frame["period"] + "-12-31"))


def share_targets() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": ["2015", "2020", "2025"],
            "value": [8.0, 15.0, 17.0],
            "qualifier": ["approx", "approx", "at_least"],
            "source_title": ["12th", "13th", "14th"],
        }
    )


def growth_comparison() -> pd.DataFrame:
    periods = ["2016H1", "2017Q1", "2017", "2019", "2020H1"]
    return pd.DataFrame(
        {
            "period": periods,
            "period_start": pd.to_datetime(
                ["2016-01-01", "2017-01-01", "2017-01-01", "2019-01-01", "2020-01-01"]
            ),
            "period_end": pd.to_datetime(
                ["2016-06-30", "2017-03-31", "2017-12-31", "2019-12-31", "2020-06-30"]
            ),
            "sei": [11.0, 10.3, 11.0, 8.4, 2.9],
            "industry": [6.0, np.nan, 6.6, 5.7, -1.3],
            "gap_pp": [5.0, np.nan, 4.4, 2.7, 4.2],
            "gap_source": ["stated", "", "stated", "stated", "computed"],
        }
    )


def fan_inputs() -> tuple[pd.DataFrame, pd.DataFrame]:
    years = np.arange(2022, 2026)
    paths = pd.concat(
        [
            pd.DataFrame({"scenario": name, "year": years, "share": 13 + step * (years - 2022)})
            for name, step in (("slow", 0.5), ("fast", 1.5))
        ],
        ignore_index=True,
    )
    mid = 13 + 1.0 * (years - 2022)
    bands = pd.DataFrame(
        {"year": years, "q5": mid - 1, "q25": mid - 0.5, "q50": mid, "q75": mid + 0.5, "q95": mid + 1}
    )
    return paths, bands


def heat_grid() -> pd.DataFrame:
    # share = 10 + sei - gdp, so 17 is reached at sei >= 7 + gdp
    sei, gdp = [8.0, 10.0, 12.0], [3.0, 5.0]
    return pd.DataFrame([[10 + s - g for g in gdp] for s in sei], index=sei, columns=gdp)


def source_figures() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b", "b"],
            "language": ["zh", "zh", "zh", "en", "en"],
            "measure": ["share", "share", "growth_rate", "level", None],
        }
    )


BUILDERS = {
    "share_vs_targets": lambda: charts.share_vs_targets(
        share_observations(), share_targets(), interactive=False
    ),
    "growth_vs_industry": lambda: charts.growth_vs_industry(growth_comparison(), interactive=False),
    "scenario_fan": lambda: charts.scenario_fan(*fan_inputs(), target=(2025, 17), interactive=False),
    "sensitivity_heatmap": lambda: charts.sensitivity_heatmap(
        heat_grid(), target=17, target_year=2025, interactive=False
    ),
    "figure_sources": lambda: charts.figure_sources(source_figures(), interactive=False),
}


def test_importing_charts_does_not_import_matplotlib_or_plotly():
    code = (
        "import sys, sei_analysis.charts as c; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'plotly', 'pandas')]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_every_chart_has_title_subtitle_and_source_line(kind):
    chart = BUILDERS[kind]()
    texts = fig_texts(chart.fig)
    assert texts["sei-title"].replace("\n", " ") == chart.title
    assert texts["sei-subtitle"]
    assert texts["sei-source"].startswith("Source:")
    assert chart.name == kind and chart.unit and len(chart.data) > 0


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_every_chart_has_a_plotly_version(kind):
    import plotly.graph_objects as go

    chart = {
        "share_vs_targets": lambda: charts.share_vs_targets(share_observations(), share_targets()),
        "growth_vs_industry": lambda: charts.growth_vs_industry(growth_comparison()),
        "scenario_fan": lambda: charts.scenario_fan(*fan_inputs(), target=(2025, 17)),
        "sensitivity_heatmap": lambda: charts.sensitivity_heatmap(heat_grid(), target=17),
        "figure_sources": lambda: charts.figure_sources(source_figures()),
    }[kind]()
    assert isinstance(chart.plotly, go.Figure) and len(chart.plotly.data) > 0
    assert chart.title in chart.plotly.layout.title.text.replace("<br>", " ")  # long titles wrap


def test_builders_leave_their_inputs_unchanged():
    obs, tgt = share_observations(), share_targets()
    charts.share_vs_targets(obs, tgt, interactive=False)
    pd.testing.assert_frame_equal(obs, share_observations())
    pd.testing.assert_frame_equal(tgt, share_targets())


def test_share_shortfalls_are_target_minus_latest_observed_before_it():
    chart = BUILDERS["share_vs_targets"]()
    texts = [t.get_text() for t in chart.fig.axes[0].texts]
    # 2020 target 15 vs 2019 11.5; 2025 target 17 vs 2022 13; 2015 target met by 2015 >= 8
    assert "3.5 pp\nshort" in texts and "4 pp\nshort" in texts
    assert "target ~8 (met)" in texts
    assert "still 4 points short of the 2025 target" in chart.title


def test_share_never_draws_a_solid_line_across_missing_years():
    chart = BUILDERS["share_vs_targets"]()
    ax = chart.fig.axes[0]
    solid = [ln for ln in ax.get_lines() if ln.get_linestyle() == "-" and len(ln.get_xdata()) == 2]
    assert solid, "consecutive observed years are joined"
    spans = [
        abs(ln.get_xdata()[1] - ln.get_xdata()[0])
        for ln in solid
        if ln.get_color() == charts.OKABE_ITO["blue"]
    ]
    assert spans == [1]  # only 2014-2015
    texts = [t.get_text() for t in ax.texts]
    assert "no data 2016–2018" in texts and "no data 2020–2021" in texts


def test_share_qualifiers_look_different():
    ax = BUILDERS["share_vs_targets"]().fig.axes[0]
    markers = {
        (ln.get_xdata()[0], ln.get_ydata()[0]): ln for ln in ax.get_lines() if ln.get_marker() != "None"
    }
    assert markers[(2017, 10.0)].get_markerfacecolor() in ("white", (1.0, 1.0, 1.0, 1.0))  # about: hollow
    assert markers[(2019, 11.5)].get_markerfacecolor() != "white"  # exact: filled
    arrows = [
        t
        for t in ax.texts
        if getattr(t, "arrow_patch", None) is not None
        and t.get_text() == ""
        and t.xy in ((2015, 8.0), (2022, 13.0))
    ]
    assert len(arrows) >= 2  # "more than" carries an upward arrow
    labels = [t.get_text() for t in ax.texts]
    assert "≥13" in labels and "~10\n(forecast)" in labels and "~4\n(estimate)" in labels


def test_growth_chart_orders_periods_and_labels_gaps():
    chart = BUILDERS["growth_vs_industry"]()
    ax = chart.fig.axes[0]
    by_height = sorted(
        zip(ax.get_yticks(), [t.get_text() for t in ax.get_yticklabels()], strict=True), reverse=True
    )
    assert [label for _, label in by_height] == ["2016 H1", "2017 Q1", "2017", "2019", "2020 H1"]  # top down
    texts = [t.get_text() for t in ax.texts]
    assert "2.9 · gap +4.2 pp*" in texts
    assert "10.3 · all industry: n/a" in texts
    assert chart.title == "Strategic emerging industries grew 2.7–5 points faster than industry as a whole"


def test_growth_gap_computed_when_missing():
    frame = growth_comparison().drop(columns=["gap_pp", "gap_source"])
    chart = charts.growth_vs_industry(frame, interactive=False)
    assert_allclose(chart.data["gap_pp"].dropna(), [5.0, 4.4, 2.7, 4.2])


def test_heatmap_title_states_the_growth_needed():
    chart = BUILDERS["sensitivity_heatmap"]()
    # hand calculation: 10 + sei - gdp >= 17  ->  sei >= 10 at gdp 3, sei >= 12 at gdp 5
    assert (
        chart.title
        == "Reaching 17% in 2025 needs nominal SEI growth of at least 10–12% a year, depending on GDP growth"
    )
    bold = [t.get_text() for t in chart.fig.axes[0].texts if t.get_fontweight() == "bold"]
    assert sorted(bold) == ["17", "17", "19"]  # cells (10, 3), (12, 3), (12, 5)


def test_heatmap_accepts_a_long_frame():
    long = heat_grid().stack().rename("share").rename_axis(["sei_growth", "gdp_growth"]).reset_index()
    chart = charts.sensitivity_heatmap(long, target=17, interactive=False)
    assert chart.data.shape == (3, 2)


def test_fan_title_compares_median_with_target():
    chart = BUILDERS["scenario_fan"]()
    assert chart.title == "The median simulated SEI share reaches 16% in 2025, below the 17% target"


def test_figure_sources_counts_every_figure():
    chart = BUILDERS["figure_sources"]()
    counts = chart.data.drop(columns=["doc_id", "language"]).to_numpy().sum()
    assert counts == 5
    assert chart.title.startswith("5 figures from 2 documents")


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (
            lambda: charts.share_vs_targets(share_observations().drop(columns="qualifier"), share_targets()),
            "qualifier",
        ),
        (lambda: charts.growth_vs_industry(growth_comparison().drop(columns="sei")), "sei"),
        (lambda: charts.scenario_fan(fan_inputs()[0], fan_inputs()[1].drop(columns="q95")), "q95"),
        (lambda: charts.figure_sources(source_figures().drop(columns="doc_id")), "doc_id"),
    ],
)
def test_missing_columns_are_named(call, field):
    with pytest.raises(SchemaError, match=field):
        call()


def test_bad_target_and_size_are_input_errors():
    with pytest.raises(InputError, match="target"):
        charts.scenario_fan(*fan_inputs(), target="2025")
    with pytest.raises(InputError, match="size"):
        charts.growth_vs_industry(growth_comparison(), size="poster")


@pytest.mark.parametrize("size", ["column", "page", "slide"])
def test_named_sizes(size):
    chart = charts.growth_vs_industry(growth_comparison(), size=size, interactive=False)
    assert tuple(chart.fig.get_size_inches())[0] == charts.SIZES[size].width


def test_chinese_text_renders_without_missing_glyphs(tmp_path):
    zh = "战略性新兴产业增加值占GDP比重"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        obs = share_observations().assign(source_title="国务院关于加快培育和发展战略性新兴产业的决定")
        chart = charts.share_vs_targets(
            obs, share_targets(), title=zh, subtitle="单位：%，2010–2025年", interactive=False
        )
        chart.fig.axes[0].set_xlabel("年份（繁體：戰略性新興產業）")
        for fmt in ("png", "pdf", "svg"):
            chart.fig.savefig(tmp_path / f"zh.{fmt}", format=fmt)
        saved = chart.save(tmp_path / "figures")
    bad = [str(w.message) for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)]
    assert not bad, bad
    assert zh in saved.files["svg"].read_text(encoding="utf-8")


def test_house_style_does_not_leak_into_global_rcparams():
    import matplotlib as mpl

    before = dict(mpl.rcParams)
    BUILDERS["growth_vs_industry"]()
    with charts.house_style("slide"):
        assert mpl.rcParams["pdf.fonttype"] == 42 and mpl.rcParams["svg.fonttype"] == "none"
    assert dict(mpl.rcParams) == before


def test_the_same_target_from_two_documents_is_drawn_once_with_both_sources():
    targets = pd.concat(
        [
            share_targets(),
            pd.DataFrame(
                [{"period": "2020", "value": 15.0, "qualifier": "exact", "source_title": "13th FYP: plan"}]
            ),
        ],
        ignore_index=True,
    )
    chart = charts.share_vs_targets(share_observations(), targets, interactive=False)
    row = chart.data[(chart.data["series"] == "target") & (chart.data["year"] == 2020)]
    assert len(row) == 1
    assert row["qualifier"].item() == "exact"  # the more precise statement wins
    assert row["source_title"].item() == "13th FYP: plan | 13th"  # the retained statement first
    labels = [t.get_text() for t in chart.fig.axes[0].texts]
    assert labels.count("target 15") == 1 and "target ~15" not in labels


def growth_through_2025() -> pd.DataFrame:
    """The comparison with the periods after SEI growth stopped: industry and high-tech only."""
    later = pd.DataFrame(
        {
            "period": ["2021", "2024H1", "2025"],
            "period_start": pd.to_datetime(["2021-01-01", "2024-01-01", "2025-01-01"]),
            "period_end": pd.to_datetime(["2021-12-31", "2024-06-30", "2025-12-31"]),
            "sei": [np.nan] * 3,
            "industry": [9.6, np.nan, 5.9],
            "hitech": [18.2, 8.7, 9.4],
        }
    )
    return pd.concat([growth_comparison().assign(hitech=[np.nan, np.nan, np.nan, 8.8, np.nan]), later])


def test_growth_runs_through_the_periods_without_sei():
    chart = charts.growth_vs_industry(growth_through_2025(), interactive=False)
    assert list(chart.data["period"])[-3:] == ["2021", "2024H1", "2025"]
    assert chart.title.endswith("until 2020 H1; no SEI figure since")
    texts = [t.get_text() for t in chart.fig.axes[0].texts]
    assert "SEI growth not published since 2020 H1" in texts


def test_growth_csv_has_high_tech_manufacturing_as_its_own_series(tmp_path):
    saved = charts.growth_vs_industry(growth_through_2025(), interactive=False).save(tmp_path)
    frame = pd.read_csv(saved.files["csv"], dtype={"period": str})
    hitech = frame[frame["series"] == "hitech_manufacturing_va_growth"]
    assert list(hitech["period"]) == ["2019", "2021", "2024H1", "2025"]
    assert_allclose(hitech["value"], [8.8, 18.2, 8.7, 9.4])
    sei = frame[frame["series"] == "sei_industry_va_growth"]
    assert sei["period"].iloc[-1] == "2020H1"  # never carried past its last published period
    assert {"unit", "source"} <= set(frame.columns)


def test_growth_high_tech_is_drawn_in_its_own_panel_never_joined_to_sei():
    chart = charts.growth_vs_industry(growth_through_2025(), interactive=False)
    main, side = chart.fig.axes[:2]
    triangles = [ln for ln in side.lines if ln.get_marker() == "^"]
    assert sorted(float(ln.get_xdata()[0]) for ln in triangles) == [8.7, 8.8, 9.4, 18.2]
    assert not [ln for ln in main.lines if ln.get_marker() == "^"]
    joined = [ln for ln in side.lines if len(ln.get_xdata()) > 1 and ln.get_marker() in ("None", "", None)]
    assert all(set(ln.get_xdata()) == {0} for ln in joined)  # only the zero line


def test_growth_footnote_says_the_2020h1_figure_rests_on_one_secondary_source():
    chart = charts.growth_vs_industry(growth_through_2025(), interactive=False)
    assert "rests on one secondary source (seed 001, the CAICT commentary)" in chart.note
    assert "Shaanxi provincial release states the same 2.9%" in chart.note
    assert 2.9 in list(chart.data["sei"])  # kept, not dropped
    assert fig_texts(chart.fig)["sei-note"].replace("\n", " ").count("Shaanxi") == 1


def test_growth_gaps_derived_by_the_indicators_are_starred():
    frame = growth_comparison().assign(gap_source=["published", "", "derived", "published", "published"])
    chart = charts.growth_vs_industry(frame, interactive=False)
    texts = [t.get_text() for t in chart.fig.axes[0].texts]
    assert "11 · gap +4.4 pp*" in texts and "11 · gap +5 pp" in texts
    assert "* gap computed" in chart.note


def test_growth_implied_industry_figures_are_hollow_and_footnoted():
    kinds = ["derived", None, "actual", "actual", "actual"]
    chart = charts.growth_vs_industry(growth_comparison().assign(industry_kind=kinds), interactive=False)
    squares = [ln for ln in chart.fig.axes[0].lines if ln.get_marker() == "s"]
    faces = {float(ln.get_xdata()[0]): ln.get_markerfacecolor() for ln in squares}
    assert faces[6.0] == "white"
    assert faces[6.6] != "white" and faces[-1.3] != "white"
    assert "hollow square: all-industry growth implied" in chart.note


def test_growth_axis_uses_a_real_minus_sign():
    chart = BUILDERS["growth_vs_industry"]()
    chart.fig.canvas.draw()
    assert any(t.get_text().startswith("−") for t in chart.fig.axes[0].get_xticklabels())


def test_fan_and_heatmap_take_the_scenario_results_as_they_come():
    from sei_analysis import scenarios

    sei = {"trend": 12.0, "slowdown": 9.0}
    paths = scenarios.project_share(11.5, 2019, 6, sei, 7.5, target_share=17).paths
    fan = scenarios.simulate(11.5, 2019, 2025, 17, 7.5, 12, 2.5, n_paths=500, seed=3)
    chart = charts.scenario_fan(paths, fan.bands, target=(2025, 17), interactive=False)
    assert chart.data["q95"].max() > chart.data["q5"].min()
    grid = scenarios.sensitivity_grid(11.5, 2019, 2025, [8, 12, 16], [5, 7.5], target_share=17)
    heat = charts.sensitivity_heatmap(grid, target=17, target_year=2025, interactive=False)
    assert heat.title and heat.source


def test_share_labels_reach_text_contrast_on_white():
    from sei_analysis.charts.style import MIN_TEXT_CONTRAST, contrast_ratio

    chart = BUILDERS["share_vs_targets"]()
    colours = {t.get_color() for t in chart.fig.axes[0].texts if t.get_text()}
    assert colours and min(contrast_ratio(c) for c in colours) >= MIN_TEXT_CONTRAST


def test_share_source_line_names_every_publisher_and_is_never_cut():
    chart = BUILDERS["share_vs_targets"]()
    assert "more" not in chart.source
    for name in (
        "encyclopedia",
        "CAICT",
        "People's Daily",
        "Guiding Opinions",
        "Ref",
        "12th",
        "13th",
        "14th",
    ):
        assert name in chart.source


def test_share_legend_has_an_entry_for_each_kind_drawn():
    chart = BUILDERS["share_vs_targets"]()
    labels = [t.get_text() for t in chart.fig.axes[0].get_legend().get_texts()]
    assert labels[:4] == ["observed (outturn)", "derived from other figures", "estimate", "forecast"]
    assert "≥ more than (arrow up)" in labels


def test_share_subtitle_carries_the_targets_as_of_date():
    targets = share_targets().assign(as_of="2026-12-01")
    chart = charts.share_vs_targets(share_observations(), targets, interactive=False)
    assert chart.subtitle.endswith("targets assessed as of 2026-12-01") and chart.as_of == "2026-12-01"


def test_fan_states_its_assumptions_and_the_chance_of_reaching_the_target(tmp_path):
    from sei_analysis import scenarios

    proj = scenarios.project_share(13, 2022, 3, {"slow": 6.0}, 4.1, target_share=17)
    sim = scenarios.simulate(13, 2022, 2025, 17, 4.1, 9, 2.0, n_paths=300, seed=7)
    chart = charts.scenario_fan(proj, sim, (2025, 17), interactive=False)
    assert chart.note.startswith("Assumptions: base 13% of GDP in 2022; nominal GDP growth 4.1% a year")
    assert "spread (s.d.) 2 points, 300 paths, seed 7" in chart.note
    p = f"P(reach by 2025) = {sim.prob_reached:.0%}"
    assert any(p in t.get_text() for t in chart.fig.axes[0].texts)
    saved = chart.save(tmp_path)
    assert saved.meta["assumptions"]["seed"] == 7 and saved.meta["assumptions"]["p_reach"] == sim.prob_reached
    frame = pd.read_csv(saved.files["csv"])
    assert set(frame["seed"]) == {7} and set(frame["n_paths"]) == {300} and set(frame["base_year"]) == {2022}


def test_heatmap_says_its_growth_rates_are_nominal_and_its_csv_says_what_each_column_is(tmp_path):
    chart = BUILDERS["sensitivity_heatmap"]()
    ax = chart.fig.axes[0]
    assert ax.get_xlabel() == "Nominal GDP growth, % a year" and "nominal" in chart.subtitle
    frame = pd.read_csv(chart.save(tmp_path).files["csv"])
    assert {"sei_growth_nominal_pct_a_year", "gdp_growth_nominal_pct_a_year"} <= set(frame.columns)
    assert len(frame) == 6 and chart.slide_fig is not None
