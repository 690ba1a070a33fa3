"""Rejoining the lines a page layout broke, as PDF text layers hold them."""

from __future__ import annotations

from sei_analysis.corpus.layout import display_width, rejoin_lines

FULL_ZH = "分三大门类看，采矿业增加值增长2.3%，制造业增长7.7%，电力"  # 30 units wide, no sentence end


def test_chinese_lines_join_without_a_space():
    text = "全国规模以上工业增加值同比增长\n7.0%。"
    assert rejoin_lines(text) == "全国规模以上工业增加值同比增长7.0%。"


def test_latin_lines_join_with_one_space():
    lines = [
        "Industrial output of firms above designated size rose",
        "7 percent year on year in the first two",
        "months.",
    ]
    assert rejoin_lines("\n".join(lines * 2)) == " ".join(lines * 2).replace(
        "months. Industrial", "months.\nIndustrial"
    )


def test_a_compound_broken_at_its_hyphen_keeps_the_hyphen():
    """Browsers and word processors break lines at hyphens: value-/added is value-added."""
    assert (
        rejoin_lines("the value-\nadded output of high-\ntech firms.")
        == "the value-added output of high-tech firms."
    )


def test_a_word_the_document_writes_whole_loses_a_typesetting_hyphen():
    text = "Development was steady.\nThe pace of devel-\nopment was steady."
    assert rejoin_lines(text).endswith("The pace of development was steady.")


def test_a_hyphen_before_a_digit_is_kept():
    assert rejoin_lines("cases of COVID-\n19 fell.") == "cases of COVID-19 fell."


def test_a_line_that_ends_a_sentence_keeps_its_break():
    assert rejoin_lines(f"{FULL_ZH}。\n{FULL_ZH}。") == f"{FULL_ZH}。\n{FULL_ZH}。"


def test_a_short_heading_keeps_its_break():
    body = [FULL_ZH] * 4 + ["完。"]
    out = rejoin_lines("\n".join(["工业生产较快增长", *body]))
    assert out.split("\n")[0] == "工业生产较快增长"


def test_list_items_keep_their_breaks():
    text = f"{FULL_ZH}\n{FULL_ZH}\n{FULL_ZH}\n(一)深入推进集群发展工程\n{FULL_ZH}"
    assert "\n(一)深入推进集群发展工程" in rejoin_lines(text)


def test_page_number_lines_are_dropped():
    text = "增长7.0%。\n- 3 -\n\n第 4 页 共 10 页\nPage 5 of 10\n增长5.5%。"
    assert rejoin_lines(text) == "增长7.0%。\n\n增长5.5%。"


def test_a_comma_at_the_line_end_always_continues():
    assert rejoin_lines("高技术制造业增加值增长7.5%，\n快于全部规模以上工业0.5个百分点。") == (
        "高技术制造业增加值增长7.5%，快于全部规模以上工业0.5个百分点。"
    )


def test_blank_lines_stay_block_breaks():
    assert rejoin_lines("第一段增长\n\n第二段增长") == "第一段增长\n\n第二段增长"


def test_a_cjk_character_is_two_units_wide():
    assert display_width("增长7.0%") == 2 * 2 + 4
