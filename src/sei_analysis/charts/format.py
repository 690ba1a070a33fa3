"""Number, period and source-line formatting that every chart shares (matplotlib and plotly).

Pure string functions with no plotting imports, so the builders, their plotly versions
and the briefing pack all format a figure the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sei_analysis.charts import catalogue
from sei_analysis.errors import InputError

# NOTE: symbols for the figure qualifiers of extract_figures, in data labels ("≥13", "~8").
QUALIFIER_SYMBOLS = {"exact": "", "approx": "~", "at_least": "≥", "at_most": "≤"}


def period_year(period: Any) -> int:
    """The first year of a period code.

    Examples
    --------
    >>> period_year("2019Q1-Q3"), period_year(2015)
    (2019, 2015)
    """
    m = re.match(r"\s*(\d{4})", str(period))
    if not m:
        raise InputError(f"period: {period!r} does not start with a year")
    return int(m.group(1))


def period_label(code: Any, lang: str = "en") -> str:
    """A reader's label for a period code (see `catalogue.period_label`).

    Examples
    --------
    >>> [period_label(c) for c in ["2016H1", "2019Q1-Q3", "2018M01-M07", "2018M11", "2016-2017"]]
    ['2016 H1', '2019 Q1–Q3', '2018 Jan–Jul', '2018 Nov', '2016–17']
    """
    return catalogue.period_label(code, lang)


def fmt_num(value: float) -> str:
    """Format a number compactly with a real minus sign.

    Examples
    --------
    >>> fmt_num(8.0), fmt_num(-1.25)
    ('8', '−1.2')
    """
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace("-", "−")


def source_line(*titles: Iterable[Any], default: str, lang: str = "en", note: str | None = None) -> str:
    """``Source: A; B; C. Compiled by ...`` from the publishers of the distinct source titles.

    Every publisher is named, by its short name in ``lang`` (`catalogue.publisher`); the
    line is wrapped where it is drawn, never cut. Titles joined with ``" | "`` are split
    first. The full titles stay in the chart's CSV.

    Examples
    --------
    >>> source_line(["NBS: Release 2019", "National Bureau of Statistics: x | MIIT: Plan"], default="-")
    'Source: NBS; MIIT. Compiled by sei-analysis; full titles in the data file.'
    >>> source_line(["NBS: Release 2019"], default="-", lang="zh")
    '来源：国家统计局。本项目整理，完整标题见数据文件。'
    """
    seen: list[str] = []
    for group in titles:
        for name in catalogue.publishers(group, lang):
            if name not in seen:
                seen.append(name)
    if not seen:
        return default
    sep = catalogue.text("source.sep", lang)
    return catalogue.text("source.prefix", lang) + sep.join(seen) + catalogue.text("source.compiled", lang)


def qualified(value: float, qualifier: str, lang: str = "en", percent: bool = True) -> str:
    """``"more than 13%"`` / ``"超过13%"``: a value with its qualifier in words.

    Examples
    --------
    >>> qualified(13.0, "at_least"), qualified(11.7, "exact", "zh")
    ('more than 13%', '11.7%')
    """
    number = catalogue.text("percent", lang, value=fmt_num(value)) if percent else fmt_num(value)
    return catalogue.text(f"qualifier.{qualifier}", lang) + number


def join_notes(notes: Iterable[str], lang: str = "en") -> str:
    """Footnotes joined into one sentence (``"a; b."``), or empty.

    Examples
    --------
    >>> join_notes(["a", "b"]), join_notes([], "zh")
    ('a; b.', '')
    """
    notes = [n.rstrip(".。") for n in notes if n]
    if not notes:
        return ""
    return catalogue.text("note.sep", lang).join(notes) + catalogue.text("note.end", lang)


def tick_label(value: float, _pos: Any = None) -> str:
    """Axis tick text: shortest form, real minus sign (for ``FuncFormatter``).

    Examples
    --------
    >>> tick_label(-2.5), tick_label(10.0)
    ('−2.5', '10')
    """
    return f"{value:g}".replace("-", "−")


def span(years: Iterable[int], lang: str = "en") -> str:
    """``2010–2025`` (``2010–2025年`` in Chinese) for the smallest and largest year.

    Examples
    --------
    >>> span([2019, 2010, 2025]), span([2020], "zh")
    ('2010–2025', '2020年')
    """
    return catalogue.year_span(years, lang)


def rounded(value: Any, digits: int = 1) -> Any:
    """Round to the published precision (one decimal by default), leaving missing values missing.

    Examples
    --------
    >>> rounded(17.000000000000004), rounded(float("nan")) != rounded(float("nan"))
    (17.0, True)
    """
    try:
        return round(float(value), digits)
    except (TypeError, ValueError):
        return value


def gap_text(row: Any, lang: str = "en") -> str:
    """``gap +4.2 pp*`` for a growth row with both rates (``gap_computed`` adds the star), else empty."""
    if row.industry != row.industry or row.gap_pp != row.gap_pp:
        return ""
    sign = "+" if row.gap_pp > 0 else ""
    star = "*" if bool(row.gap_computed) else ""
    return catalogue.text("growth.gap", lang, gap=sign + fmt_num(row.gap_pp), star=star)
