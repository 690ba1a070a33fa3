"""The message catalogue: every word a reader sees, in English and Chinese (``messages.yml``).

Chart builders, the deck, the PDF and the Word note ask ``text(id, lang, **fields)`` for
their titles, labels and notes, so a sentence is written once, as data, in both languages
(STYLE.md §10). ``publisher(title, lang)`` gives a source's short name, and
``period_label(code, lang)`` a reader's label for a period code.

Examples
--------
>>> text("share.target", "zh", value="~15")
'目标~15'
>>> period_label("2019Q1-Q3", "zh"), period_label("2018M01-M07", "en")
('2019年第1–3季度', '2018 Jan–Jul')
>>> publisher("National Bureau of Statistics (Xinhua): Annual figures", "zh")
'国家统计局'
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Any

from sei_analysis.errors import InputError

# NOTE: the languages every message has; a chart, a deck and a note are in one of them.
LANGUAGES: tuple[str, ...] = ("en", "zh")
CATALOGUE_FILE = "messages.yml"


@functools.cache
def load_catalogue() -> dict[str, Any]:
    """The parsed ``messages.yml``: ``messages`` (id -> {en, zh}), ``publishers`` and ``caveats``."""
    import yaml

    raw = resources.files("sei_analysis.charts").joinpath(CATALOGUE_FILE).read_text(encoding="utf-8")
    doc = yaml.safe_load(raw) or {}
    return {
        "messages": dict(doc.get("messages") or {}),
        "publishers": list(doc.get("publishers") or []),
        "caveats": list(doc.get("caveats") or []),
    }


def missing_translations() -> list[str]:
    """``id: lang`` for every message without a non-null text in one of `LANGUAGES`."""
    out = []
    for msg_id, entry in load_catalogue()["messages"].items():
        for lang in LANGUAGES:
            if not isinstance(entry, dict) or entry.get(lang) is None:
                out.append(f"{msg_id}: {lang}")
    for i, entry in enumerate(load_catalogue()["publishers"]):
        for lang in LANGUAGES:
            if not entry.get(lang):
                out.append(f"publishers[{i}] ({entry.get('match')}): {lang}")
    return out


def check_lang(lang: Any) -> str:
    """Return ``lang`` if it is one of `LANGUAGES`, else raise `InputError` naming it."""
    if lang not in LANGUAGES:
        raise InputError(f"lang: {lang!r} is not one of {', '.join(LANGUAGES)}")
    return lang


def has(msg_id: str) -> bool:
    """Whether the catalogue holds ``msg_id``."""
    return msg_id in load_catalogue()["messages"]


def text(msg_id: str, lang: str = "en", **fields: Any) -> str:
    """The message ``msg_id`` in ``lang``, with ``fields`` filled in (``str.format``).

    Raises `InputError` for an unknown id or language, naming it.
    """
    check_lang(lang)
    try:
        template = load_catalogue()["messages"][msg_id][lang]
    except KeyError:
        raise InputError(f"message {msg_id!r}: not in {CATALOGUE_FILE} for {lang!r}") from None
    return str(template).format(**fields) if fields else str(template)


def publisher(title: Any, lang: str = "en") -> str | None:
    """The short name of the publisher of a source title ``"Publisher: Document"``.

    A publisher the catalogue does not list is returned as written in English, and as
    ``其他来源`` ("other sources") in Chinese, so no English word enters a Chinese chart.
    Returns None for an empty title.
    """
    if not isinstance(title, str) or not title.strip():
        return None
    name = title.split(":", 1)[0].strip()
    for entry in load_catalogue()["publishers"]:
        if name.startswith(entry["match"]) or title.startswith(entry["match"]):
            return str(entry[lang])
    return name if lang == "en" else text("source.other", lang)


def publishers(titles: Any, lang: str = "en") -> list[str]:
    """The distinct short publisher names of source titles, in order of first appearance.

    Titles of several sources stating one figure are joined by ``" | "`` (as in the
    indicators table); a title itself may hold ``"; "``.
    """
    seen: list[str] = []
    for entry in titles if titles is not None else []:
        if not isinstance(entry, str):
            continue
        for title in entry.split(" | "):
            name = publisher(title, lang)
            if name and name not in seen:
                seen.append(name)
    return seen


def period_label(code: Any, lang: str = "en") -> str:
    """A reader's label for a period code, in ``lang``.

    Examples
    --------
    >>> [period_label(c) for c in ["2016H1", "2019Q1-Q3", "2018M11", "2016-2017", "2019"]]
    ['2016 H1', '2019 Q1–Q3', '2018 Nov', '2016–17', '2019']
    >>> [period_label(c, "zh") for c in ["2016H1", "2017Q1", "2018M11", "2016-2017"]]
    ['2016年上半年', '2017年第1季度', '2018年11月', '2016–2017年']
    """
    s = str(code)
    if m := re.fullmatch(r"(\d{4})M(\d\d)-M(\d\d)", s):
        first, last = text(f"month.{int(m[2])}", lang), text(f"month.{int(m[3])}", lang)
        if lang == "zh":
            first = first.rstrip("月")
        return text("period.months", lang, year=m[1], first=first, last=last)
    if m := re.fullmatch(r"(\d{4})M(\d\d)", s):
        return text("period.month", lang, year=m[1], month=text(f"month.{int(m[2])}", lang))
    if m := re.fullmatch(r"(\d{4})Q(\d)-Q(\d)", s):
        return text("period.quarters", lang, year=m[1], a=m[2], b=m[3])
    if m := re.fullmatch(r"(\d{4})Q(\d)", s):
        return text("period.quarter", lang, year=m[1], n=m[2])
    if m := re.fullmatch(r"(\d{4})H([12])", s):
        return text("period.half", lang, year=m[1], n=m[2], half=text(f"period.half_name.{m[2]}", lang))
    if m := re.fullmatch(r"(\d{4})-(\d{4})", s):
        return text("period.years", lang, first=m[1], last=m[2], last_short=m[2][2:])
    if re.fullmatch(r"\d{4}", s):
        return text("period.year", lang, year=s)
    return s


def year_span(years: Any, lang: str = "en") -> str:
    """``2010–2025`` (``2010–2025年`` in Chinese) for the smallest and largest year."""
    ys = sorted({int(y) for y in years})
    if not ys:
        return ""
    if ys[0] == ys[-1]:
        return text("period.single", lang, year=ys[0])
    return text("period.span", lang, first=ys[0], last=ys[-1])


def scenario_name(name: Any, lang: str = "en") -> str:
    """A scenario's name in ``lang`` when the catalogue knows it (``slow`` -> ``慢速``), else as given."""
    key = f"scenario.{name}"
    return text(key, lang) if has(key) else str(name)


def caveats(series: str, rows: Any, lang: str = "en") -> list[str]:
    """The catalogue's caveats for ``series`` whose period and value appear in ``rows``.

    ``rows`` is an iterable of ``(period, value)``.
    """
    present = {(str(p), round(float(v), 6)) for p, v in rows if v == v}
    out = []
    for entry in load_catalogue()["caveats"]:
        if entry["series"] == series and (str(entry["period"]), round(float(entry["value"]), 6)) in present:
            out.append(text(entry["message"], lang))
    return out
