"""The message catalogue: every message in both languages, and every id the code asks for exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sei_analysis.charts import catalogue
from sei_analysis.errors import InputError

CHARTS_SRC = Path(catalogue.__file__).parent


def test_every_message_has_english_and_chinese():
    assert catalogue.missing_translations() == []


def test_every_message_id_the_code_asks_for_is_in_the_catalogue():
    asked = set()
    for path in CHARTS_SRC.glob("*.py"):
        asked |= set(re.findall(r'catalogue\.text\(\s*"([a-z_.]+)"', path.read_text(encoding="utf-8")))
    assert asked, "no literal message ids found"
    assert sorted(i for i in asked if not catalogue.has(i)) == []


def test_chinese_messages_hold_no_english_words():
    latin = re.compile(r"[A-Za-z]{2,}")
    # NOTE: the citation names the product and the notes' "P(...)" is a formula letter.
    allowed = {"sei", "analysis", "seed"}
    for msg_id, entry in catalogue.load_catalogue()["messages"].items():
        text = re.sub(r"\{[a-z_]+\}", "", str(entry["zh"]))
        words = {w.lower() for w in latin.findall(text)} - allowed
        assert not words, (msg_id, words)


def test_an_unknown_message_or_language_is_named():
    with pytest.raises(InputError, match="no.such"):
        catalogue.text("no.such", "en")
    with pytest.raises(InputError, match="'fr'"):
        catalogue.text("share.target", "fr", value="1")


def test_period_labels_in_chinese():
    codes = ["2019", "2016H1", "2017Q1", "2019Q1-Q3", "2018M01-M07", "2018M11", "2016-2017"]
    assert [catalogue.period_label(c, "zh") for c in codes] == [
        "2019年",
        "2016年上半年",
        "2017年第1季度",
        "2019年第1–3季度",
        "2018年1–7月",
        "2018年11月",
        "2016–2017年",
    ]


def test_publishers_get_short_names_and_unknown_ones_no_english_in_chinese():
    title = "National Bureau of Statistics (Xinhua; reprint): Annual figures | MIIT: Plan"
    assert catalogue.publishers([title], "en") == ["NBS", "MIIT"]
    assert catalogue.publishers([title], "zh") == ["国家统计局", "工业和信息化部"]
    assert catalogue.publisher("Some Institute: A report", "en") == "Some Institute"
    assert catalogue.publisher("Some Institute: A report", "zh") == "其他来源"


def test_caveats_apply_only_to_the_figure_they_name():
    assert catalogue.caveats("sei", [("2020H1", 2.9)], "en")[0].startswith("the national 2.9% for 2020 H1")
    assert catalogue.caveats("sei", [("2020H1", 3.1)], "en") == []
    assert catalogue.caveats("industry", [("2020H1", 2.9)], "en") == []
