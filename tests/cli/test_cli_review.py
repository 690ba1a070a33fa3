"""`sei review`: what the mapping decided, per document, in a table, CSV or JSON."""

from __future__ import annotations

import json

from click.testing import CliRunner

from sei_analysis.cli import main
from sei_analysis.cli.review import excerpt


def test_review_lists_the_four_seed_figures_with_their_rules():
    result = CliRunner().invoke(main, ["review", "--decision", "mapped", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert sorted((r["doc_id"], r["series"], r["period"], r["value"]) for r in rows) == [
        ("commentary-caict-2020", "sei_industry_growth_gap_pp", "2020H1", 4.2),
        ("commentary-caict-2020", "sei_industry_va_growth", "2020H1", 2.9),
        ("encyclopedia-sei-en", "sei_share_of_gdp", "2015", 8.0),
        ("encyclopedia-sei-en", "sei_share_of_gdp", "2020", 15.0),
    ]
    assert all(r["mapped_by"].startswith("series:") for r in rows)


def test_review_of_one_document_shows_its_decisions_and_reasons():
    result = CliRunner().invoke(main, ["review", "--doc", "encyclopedia-sei-en"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("== encyclopedia-sei-en: 2 mapped, 0 conflict, 6 left out")
    assert "commentary-caict-2020" not in result.output
    assert "[[42.4%]]" in result.output and "no 国内生产总值" in result.output


def test_review_of_an_unknown_document_exits_2_naming_it():
    result = CliRunner().invoke(main, ["review", "--doc", "no-such-release"])
    assert result.exit_code == 2
    assert "--doc 'no-such-release': no such document" in result.output


def test_excerpt_marks_the_figure_and_trims_long_sentences():
    sentence = "a" * 80 + " grew 2.9% " + "b" * 80
    assert excerpt(sentence, "2.9%") == "…" + "a" * 44 + " grew [[2.9%]] " + "b" * 49 + "…"


def test_sei_figures_reads_yearless_periods_against_the_date_given():
    result = CliRunner().invoke(
        main,
        ["figures", "--date", "2019-07-15", "--format", "json"],
        input="上半年，规模以上工业增加值同比增长6.0%。\n",
    )
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)
    assert (row["period"], row["period_basis"]) == ("2019H1", "document date")


def test_sei_figures_refuses_a_bad_date_naming_the_option():
    result = CliRunner().invoke(main, ["figures", "--date", "2019-13"], input="x")
    assert result.exit_code == 2 and "--date '2019-13'" in result.output
