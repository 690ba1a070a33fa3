"""The figure explorer's logic: filters, free text, the figure marked in its sentence, the source."""

from __future__ import annotations

import pytest
from conftest_data import figures_table

from sei_analysis.errors import InputError
from sei_analysis.explore.figures_state import (
    check_figures,
    figure_detail_html,
    filter_figures,
    filter_options,
    highlight,
    occurrence,
    source_html,
)


@pytest.fixture
def figures():
    return figures_table()


def test_free_text_matches_the_sentence_whatever_the_case(figures):
    assert filter_figures(figures, "MORE THAN 13").index.tolist() == [0, 1, 2]


def test_filters_combine(figures):
    got = filter_figures(figures, qualifier=["at_least"], is_target=[True])
    assert got["doc_id"].tolist() == ["b"]


def test_an_empty_filter_keeps_everything(figures):
    assert len(filter_figures(figures, measure=[])) == 4


def test_figures_without_a_period_can_be_picked(figures):
    assert filter_figures(figures, period=["(none stated)"]).index.tolist() == [1, 2]


def test_an_unknown_filter_is_named(figures):
    with pytest.raises(InputError, match="colour"):
        filter_figures(figures, colour=["red"])


def test_the_options_list_each_value_once(figures):
    opts = filter_options(figures)
    assert opts["doc_id"] == ["a", "b"] and opts["period"] == ["(none stated)", "2022", "2025"]


def test_the_second_of_two_equal_figures_marks_the_second_occurrence(figures):
    assert occurrence(figures, 2) == 1
    assert "and <mark>10%</mark> before" in figure_detail_html(figures, 2)


def test_highlight_escapes_the_sentence():
    assert highlight("a <b> 5% c", "5%") == "a &lt;b&gt; <mark>5%</mark> c"


def test_a_chinese_sentence_is_marked_too(figures):
    assert "比重超过<mark>17%</mark>。" in figure_detail_html(figures, 3)


def test_the_source_shows_title_publisher_date_and_link(figures):
    html = source_html(figures.loc[0])
    assert (
        "Guiding Opinions" in html
        and "NDRC, 2020-09-08" in html
        and "href='https://example.org/opinions'" in html
    )


def test_a_source_without_url_says_so(figures):
    assert "no URL recorded" in source_html(figures.loc[3])


def test_a_table_without_sentences_is_refused(figures):
    with pytest.raises(InputError, match="sentence"):
        check_figures(figures.drop(columns="sentence"))
