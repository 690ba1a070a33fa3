"""``sei add`` from the command line, and a release page and a PDF through to ``sei build``."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from document_factories import release_pdf_bytes

FIXTURES = Path(__file__).parents[1] / "corpus" / "fixtures"
NBS = FIXTURES / "nbs_release_gb2312.html"


def sei(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SEI_PROJECT_ROOT": str(project)}
    return subprocess.run(
        [sys.executable, "-m", "sei_analysis", *args], capture_output=True, text=True, env=env, timeout=300
    )


def raw_bytes(project: Path) -> dict[str, bytes]:
    raw = project / "data" / "raw"
    return {p.relative_to(raw).as_posix(): p.read_bytes() for p in sorted(raw.rglob("*")) if p.is_file()}


@pytest.fixture
def release_pdf(tmp_path) -> Path:
    path = tmp_path / "工业生产情况.pdf"
    path.write_bytes(release_pdf_bytes())
    return path


def test_sei_help_lists_add():
    out = subprocess.run(
        [sys.executable, "-m", "sei_analysis", "--help"], capture_output=True, text=True
    ).stdout
    assert "  add " in out


def test_add_help_names_every_option():
    out = subprocess.run(
        [sys.executable, "-m", "sei_analysis", "add", "--help"], capture_output=True, text=True
    )
    for option in ("--id", "--title", "--publisher", "--date", "--url", "--lang", "--dry-run"):
        assert option in out.stdout


def test_dry_run_prints_the_record_and_the_figures_and_changes_nothing(project_copy):
    before = raw_bytes(project_copy)
    proc = sei(project_copy, "add", "--dry-run", str(NBS))
    assert proc.returncode == 0, proc.stderr
    assert "would add nbs-2024-03-18-economy" in proc.stdout
    assert "- id: nbs-2024-03-18-economy" in proc.stdout
    assert 'date: "2024-03-18"' in proc.stdout
    assert "figures found: 28" in proc.stdout
    assert "81307亿元" in proc.stdout
    assert "6.8%" not in proc.stdout  # a related-news link, not the release
    assert raw_bytes(project_copy) == before


def test_dry_run_reads_periods_against_the_date_and_names_the_series_each_figure_goes_to(project_copy):
    """What the dry run prints is what `sei build` would make of the release: 1―2月份 in a
    release of 2024-03-18 is 2024M01-M02, and 7.0% is the industry series."""
    proc = sei(project_copy, "add", "--dry-run", str(NBS))
    assert proc.returncode == 0, proc.stderr
    line = next(row for row in proc.stdout.splitlines() if row.rstrip().endswith(" 7.0%"))
    assert line.split()[-3:] == ["2024M01-M02", "industry_va_growth", "7.0%"]
    month_on_month = next(row for row in proc.stdout.splitlines() if row.rstrip().endswith(" 0.56%"))
    assert month_on_month.split()[-3:] == ["2024M02", "-", "0.56%"]


def test_add_says_where_each_field_came_from_and_names_what_is_missing(project_copy, release_pdf):
    proc = sei(project_copy, "add", str(release_pdf), "--date", "2024-03-18")
    assert proc.returncode == 0, proc.stderr
    assert "date      2024-03-18  (--date)" in proc.stdout
    assert "publisher 国家统计局  (the signature line of the text)" in proc.stdout
    assert "not found in the document: title (give --title), url (give --url)" in proc.stdout


def test_a_document_without_a_date_needs_the_date_option(project_copy, tmp_path):
    page = tmp_path / "undated.txt"
    page.write_text("规模以上工业增加值同比增长7.0%。", encoding="utf-8")
    before = raw_bytes(project_copy)
    proc = sei(project_copy, "add", str(page))
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"sei: error: {page}: no date found in the document; give --date")
    assert raw_bytes(project_copy) == before


def test_adding_a_file_twice_exits_2_and_names_its_id(project_copy):
    assert sei(project_copy, "add", str(NBS)).returncode == 0
    before = raw_bytes(project_copy)
    proc = sei(project_copy, "add", str(NBS))
    assert proc.returncode == 2
    assert "already registered as nbs-2024-03-18-economy" in proc.stderr
    assert raw_bytes(project_copy) == before


def test_id_and_title_options_need_a_single_file(project_copy, release_pdf):
    proc = sei(project_copy, "add", str(NBS), str(release_pdf), "--title", "One title")
    assert proc.returncode == 2
    assert "--id, --title and --url describe one document" in proc.stderr


def test_a_bad_lang_is_a_usage_error(project_copy):
    proc = sei(project_copy, "add", str(NBS), "--lang", "fr")
    assert proc.returncode == 2 and "--lang" in proc.stderr


def test_a_missing_path_is_named(project_copy, tmp_path):
    proc = sei(project_copy, "add", str(tmp_path / "nope.pdf"))
    assert proc.returncode == 2
    assert "nope.pdf: no such file or folder" in proc.stderr


def test_a_page_and_a_pdf_added_then_built_give_their_figures_with_their_doc_ids(project_copy, release_pdf):
    added = sei(project_copy, "add", str(NBS), str(release_pdf), "--date", "2024-03-18")
    assert added.returncode == 0, added.stderr
    built = sei(project_copy, "build")
    assert built.returncode == 0, built.stderr
    checked = sei(project_copy, "check")
    assert "raw files: 8 verified (sha256)" in checked.stdout, checked.stdout + checked.stderr

    figures = pd.read_csv(project_copy / "data" / "processed" / "figures.csv")
    page = figures[figures["doc_id"] == "nbs-2024-03-18-economy"]
    assert {"81307亿元", "7.0%", "0.5个百分点", "5.3%"} <= set(page["raw"])
    assert not {"6.8%", "3.0%", "0.7%", "99.9%", "12.3%"} & set(page["raw"])  # chrome figures
    assert set(page["date_published"].astype(str)) == {"2024-03-18"}
    pdf = figures[figures["doc_id"] == "nbs-2024-03-18-industry"]  # signed 国家统计局, title from line 1
    assert (
        "分三大门类看,采矿业增加值增长2.3%,制造业增长7.7%,电力、热力、燃气及水生产和供应业增长7.9%。"
        in set(pdf["sentence"])
    )  # the PDF broke this sentence after 采矿业增加值增: it comes out whole
    assert {"7.0%", "2.3%", "7.9%", "0.5个百分点", "13.7%"} <= set(pdf["raw"])

    cached = sorted(p.name for p in (project_copy / "data" / "processed" / "text").iterdir())
    digest = hashlib.sha256(NBS.read_bytes()).hexdigest()
    assert f"{digest}.html-v1.txt" in cached and len(cached) == 2


def test_the_national_figures_of_an_added_page_and_pdf_become_indicator_rows_and_a_province_does_not(
    project_copy, release_pdf
):
    added = sei(project_copy, "add", str(NBS), str(release_pdf), "--date", "2024-03-18")
    assert added.returncode == 0, added.stderr
    province = sei(
        project_copy, "add", str(FIXTURES / "province_table_layout_gbk.html"), "--id", "province-page"
    )
    assert province.returncode == 0, province.stderr
    assert sei(project_copy, "build").returncode == 0
    ind = pd.read_csv(project_copy / "data" / "processed" / "indicators.csv", dtype={"period": str})
    text = ind[ind["mapped_by"].fillna("") != ""]
    rows = {(r.indicator, r.period, r.value) for r in text.itertuples()}
    assert ("industry_va_growth", "2024M01-M02", 7.0) in rows
    assert ("hitech_manufacturing_va_growth", "2024M01-M02", 7.5) in rows
    one = text[(text["indicator"] == "industry_va_growth") & (text["period"] == "2024M01-M02")].iloc[0]
    # the page and the PDF state the same figure: one observation with both sources
    assert set(one["source_id"].split("; ")) == {"nbs-2024-03-18-economy", "nbs-2024-03-18-industry"}
    assert one["mapped_by"] == "series:industry_va_growth"
    assert not ind["source_id"].str.contains("province-page").any()

    review = sei(project_copy, "review", "--doc", "province-page", "--format", "csv")
    assert review.returncode == 0, review.stderr
    left = pd.read_csv(io.StringIO(review.stdout))
    assert set(left["decision"]) == {"left out"} and left["reason"].str.startswith("provincial").any()


def test_sei_check_catches_a_changed_html_file(project_copy):
    assert sei(project_copy, "add", str(NBS)).returncode == 0
    target = project_copy / "data" / "raw" / "policy" / NBS.name
    target.write_bytes(target.read_bytes().replace(b"7.0%", b"9.0%"))
    proc = sei(project_copy, "check")
    assert proc.returncode == 2
    assert f"{NBS.name} (source nbs-2024-03-18-economy): checksum mismatch" in proc.stderr
