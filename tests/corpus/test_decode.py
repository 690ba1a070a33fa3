"""Bytes to text: declared charsets, UTF-8, GB18030, and what does not decode."""

from __future__ import annotations

import codecs

import pytest

from sei_analysis.corpus.document import check_text, decode_text
from sei_analysis.corpus.limits import MAX_TEXT_CHARS
from sei_analysis.errors import DocumentError

ZH = "1—2月份，规模以上工业增加值同比增长7.0%。责任编辑：王喆"


@pytest.mark.parametrize("declared", ["gb2312", "GB2312", "gbk", "cp936", "gb18030", "x-gbk"])
def test_every_gb_declaration_is_read_as_gb18030(declared):
    assert decode_text(ZH.encode("gb18030"), "a.html", declared=declared) == (ZH, "gb18030")


def test_undeclared_chinese_that_is_not_utf8_is_read_as_gb18030():
    assert decode_text(ZH.encode("gb18030"), "a.txt")[0] == ZH


def test_a_page_declaring_utf8_but_written_in_gbk_is_still_read():
    assert decode_text(ZH.encode("gbk"), "a.html", declared="utf-8")[0] == ZH


def test_utf8_with_a_byte_order_mark_loses_the_mark():
    assert decode_text(codecs.BOM_UTF8 + "增长7.0%".encode(), "a.txt") == ("增长7.0%", "utf-8-sig")


def test_windows_and_old_mac_newlines_become_newlines():
    assert decode_text(b"a\r\nb\rc\n", "a.txt")[0] == "a\nb\nc\n"


def test_latin1_text_is_not_taken_for_chinese():
    """Latin-1 bytes also decode as GB18030, into rare characters; that is refused."""
    with pytest.raises(DocumentError, match="a.txt: does not decode"):
        decode_text("Café crème: prix en hausse de 5 % à Zürich, où l'été".encode("latin-1"), "a.txt")


def test_an_unknown_declared_charset_falls_back_to_utf8():
    assert decode_text("增长".encode(), "a.html", declared="no-such-charset")[0] == "增长"


def test_text_with_nul_bytes_is_refused_as_binary():
    with pytest.raises(DocumentError, match="binary"):
        check_text("abc\x00def" * 10, "a.txt")


def test_text_over_the_cap_is_refused_not_cut():
    with pytest.raises(DocumentError, match="the cap is"):
        check_text("a" * (MAX_TEXT_CHARS + 1), "a.txt")
