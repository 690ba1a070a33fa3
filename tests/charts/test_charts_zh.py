"""Chinese charts: every word Chinese (no English beyond numbers and units), files named <name>.zh.*."""

from __future__ import annotations

import re
import subprocess

import pytest
from test_charts import (
    fan_inputs,
    growth_comparison,
    heat_grid,
    share_observations,
    share_targets,
    source_figures,
)

from sei_analysis import charts
from sei_analysis.errors import InputError

# NOTE: what may stay Latin in a Chinese chart: numbers and units are not letters; "pp" is
# written 个百分点. Nothing else is allowed.
LATIN_WORD = re.compile(r"[A-Za-z]{2,}|(?<![A-Za-z0-9])[A-Za-z](?![A-Za-z0-9])")

ZH = {
    "share_vs_targets": lambda: charts.share_vs_targets(share_observations(), share_targets(), lang="zh"),
    "growth_vs_industry": lambda: charts.growth_vs_industry(growth_comparison(), lang="zh"),
    "scenario_fan": lambda: charts.scenario_fan(*fan_inputs(), target=(2025, 17), lang="zh"),
    "sensitivity_heatmap": lambda: charts.sensitivity_heatmap(
        heat_grid(), target=17, target_year=2025, lang="zh"
    ),
    "figure_sources": lambda: charts.figure_sources(source_figures(), lang="zh"),
}


def static_texts(fig) -> list[str]:
    fig.canvas.draw()
    out = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        out += [t.get_text() for t in ax.texts]
        out += [ax.get_xlabel(), ax.get_ylabel(), ax.get_title(), ax.get_title(loc="left")]
        out += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        legend = ax.get_legend()
        if legend is not None:
            out += [t.get_text() for t in legend.get_texts()] + [legend.get_title().get_text()]
    return [t for t in out if t]


def plotly_texts(fig) -> list[str]:
    out = [fig.layout.title.text or ""]
    out += [a.text or "" for a in fig.layout.annotations]
    for trace in fig.data:
        out.append(trace.name or "")
        text = getattr(trace, "text", None)
        if text is not None and not isinstance(text, str):
            out += [str(t) for row in text for t in (row if isinstance(row, (list, tuple)) else [row])]
        custom = getattr(trace, "customdata", None)
        if custom is not None:
            out += [str(c) for c in list(custom)]
    for axis in ("xaxis", "yaxis"):
        out.append(getattr(fig.layout, axis).title.text or "")
    return [re.sub(r"<[^>]+>", " ", t) for t in out if t]


def native_texts(spec) -> list[str]:
    out = [spec.get("y_title") or "", *map(str, spec["categories"])]
    for group in spec["groups"]:
        for series in group["series"]:
            out.append(series["name"])
            out += list((series.get("labels") or {}).values())
    return out


def english_words(texts: list[str]) -> set[str]:
    return {w for t in texts for w in LATIN_WORD.findall(t)}


@pytest.mark.parametrize("kind", sorted(ZH))
def test_chinese_chart_has_no_english_word(kind):
    chart = ZH[kind]()
    texts = static_texts(chart.fig) + plotly_texts(chart.plotly) + [chart.alt]
    if chart.native:
        texts += native_texts(chart.native)
    assert english_words(texts) == set(), kind


@pytest.mark.parametrize("kind", sorted(ZH))
def test_chinese_source_line_starts_with_laiyuan(kind):
    chart = ZH[kind]()
    assert chart.source.startswith("来源：") and "Source" not in chart.source


def test_chinese_files_are_named_zh_and_the_pdf_embeds_cjk_glyphs(tmp_path):
    saved = ZH["growth_vs_industry"]().save(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"growth_vs_industry.zh.{ext}" for ext in ("png", "svg", "pdf", "csv", "html", "meta.json")
    )
    assert saved.meta["lang"] == "zh" and saved.meta["citation"].startswith("《")
    fonts = subprocess.run(["pdffonts", str(saved.files["pdf"])], capture_output=True, text=True, check=True)
    assert any("NotoSansCJK" in line and " yes " in line for line in fonts.stdout.splitlines())


def test_in_languages_builds_one_chart_per_language_and_saves_them(tmp_path):
    both = charts.in_languages(charts.growth_vs_industry, growth_comparison(), interactive=False)
    assert list(both) == ["en", "zh"] and both["zh"].lang == "zh"
    names = sorted(s.files["png"].name for s in both.save(tmp_path))
    assert names == ["growth_vs_industry.png", "growth_vs_industry.zh.png"]
    assert "<img" in both._repr_html_()


def test_an_unknown_language_is_an_input_error():
    with pytest.raises(InputError, match="lang"):
        charts.growth_vs_industry(growth_comparison(), lang="fr")
    with pytest.raises(InputError, match="lang"):
        charts.in_languages(charts.growth_vs_industry, growth_comparison(), languages=["en", "de"])
