"""Number, period and source-line formatting that every chart shares (matplotlib and plotly).

Pure string functions with no plotting imports, so the builders, their plotly versions
and the briefing pack all format a figure the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sei_analysis.errors import InputError

# NOTE: words for the figure qualifiers of extract_figures, in titles and labels.
QUALIFIER_WORDS = {"exact": "", "approx": "about ", "at_least": "more than ", "at_most": "less than "}
QUALIFIER_SYMBOLS = {"exact": "", "approx": "~", "at_least": "≥", "at_most": "≤"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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


def period_label(code: Any) -> str:
    """A reader's label for a period code.

    Examples
    --------
    >>> [period_label(c) for c in ["2016H1", "2019Q1-Q3", "2018M01-M07", "2018M11", "2016-2017"]]
    ['2016 H1', '2019 Q1–Q3', '2018 Jan–Jul', '2018 Nov', '2016–17']
    """
    s = str(code)
    if m := re.fullmatch(r"(\d{4})M(\d\d)-M(\d\d)", s):
        return f"{m[1]} {MONTHS[int(m[2]) - 1]}–{MONTHS[int(m[3]) - 1]}"
    if m := re.fullmatch(r"(\d{4})M(\d\d)", s):
        return f"{m[1]} {MONTHS[int(m[2]) - 1]}"
    if m := re.fullmatch(r"(\d{4})(Q\d)-(Q\d)", s):
        return f"{m[1]} {m[2]}–{m[3]}"
    if m := re.fullmatch(r"(\d{4})([HQ]\d)", s):
        return f"{m[1]} {m[2]}"
    if m := re.fullmatch(r"(\d{4})-(\d{4})", s):
        return f"{m[1]}–{m[2][2:]}"
    return s


def fmt_num(value: float) -> str:
    """Format a number compactly with a real minus sign.

    Examples
    --------
    >>> fmt_num(8.0), fmt_num(-1.25)
    ('8', '−1.2')
    """
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace("-", "−")


def source_line(*titles: Iterable[Any], default: str, limit: int = 4) -> str:
    """``Source: A; B; C and N more`` from the publishers of the distinct source titles.

    A title ``"Publisher: Document"`` contributes its publisher; the full titles stay in the
    chart's CSV. Titles joined with ``"; "`` are split first.

    Examples
    --------
    >>> source_line(["NBS: Release 2019", "NBS: Release 2020; MIIT: Plan"], default="-")
    'Source: NBS; MIIT. Compiled by sei-analysis; full titles in the data file.'
    """
    seen: list[str] = []
    for group in titles:
        for entry in group:
            if not isinstance(entry, str):
                continue
            for title in entry.split("; "):
                name = title.split(":", 1)[0].strip()
                if name and name not in seen:
                    seen.append(name)
    if not seen:
        return default
    more = f"; and {len(seen) - limit} more" if len(seen) > limit else ""
    tail = ". Compiled by sei-analysis; full titles in the data file."
    return "Source: " + "; ".join(seen[:limit]) + more + tail


def tick_label(value: float, _pos: Any = None) -> str:
    """Axis tick text: shortest form, real minus sign (for ``FuncFormatter``).

    Examples
    --------
    >>> tick_label(-2.5), tick_label(10.0)
    ('−2.5', '10')
    """
    return f"{value:g}".replace("-", "−")


def span(years: Iterable[int]) -> str:
    """``2010–2025`` for the smallest and largest year."""
    ys = sorted({int(y) for y in years})
    return f"{ys[0]}–{ys[-1]}" if ys and ys[0] != ys[-1] else (str(ys[0]) if ys else "")
