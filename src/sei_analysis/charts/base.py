"""The :class:`Chart` result every builder returns, and small helpers the builders share."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sei_analysis.errors import InputError, SchemaError

# NOTE: words for the figure qualifiers of extract_figures, in titles and labels.
QUALIFIER_WORDS = {"exact": "", "approx": "about ", "at_least": "more than ", "at_most": "less than "}
QUALIFIER_SYMBOLS = {"exact": "", "approx": "~", "at_least": "≥", "at_most": "≤"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Chart:
    """A built chart: the matplotlib figure, the optional plotly figure, the data drawn and its texts.

    ``chart.save(out_dir)`` (or ``charts.save_chart(chart, out_dir=...)``) writes every file.
    """

    name: str
    fig: Any
    data: Any
    title: str
    subtitle: str
    unit: str
    source: str
    plotly: Any = None
    params: Mapping[str, Any] = field(default_factory=dict)
    alt: str | None = None
    size: str = "page"

    def save(
        self,
        out_dir: str | os.PathLike | None = None,
        *,
        name: str | None = None,
        interactive: bool = True,
        order: int | None = None,
    ):
        """Write PNG, SVG, PDF, CSV, meta.json (and HTML if there is a plotly figure)."""
        from sei_analysis.charts.export import save_figure

        return save_figure(
            self.fig,
            name or self.name,
            data=self.data,
            title=self.title,
            subtitle=self.subtitle,
            unit=self.unit,
            source=self.source,
            params=self.params,
            out_dir=out_dir,
            alt=self.alt,
            size=self.size,
            interactive=self.plotly if interactive else None,
            order=order,
        )

    def _repr_png_(self) -> bytes:
        import io

        buf = io.BytesIO()
        self.fig.savefig(buf, format="png", dpi=110)
        return buf.getvalue()


def save_chart(chart: Chart, out_dir: str | os.PathLike | None = None, **kwargs: Any):
    """Save a :class:`Chart`; see :meth:`Chart.save`."""
    return chart.save(out_dir, **kwargs)


def plotly_version(kind: str, data: Any, title: str, subtitle: str, source: str, **kw: Any) -> Any:
    """Build the plotly version of chart ``kind`` (a function of :mod:`charts.interactive`)."""
    from sei_analysis.charts import interactive

    return getattr(interactive, kind)(data, title=title, subtitle=subtitle, source=source, **kw)


def require_columns(frame: Any, columns: Iterable[str], what: str) -> None:
    """Raise :class:`SchemaError` naming the missing columns of ``frame``."""
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise InputError(f"{what}: expected a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise SchemaError(f"{what}: missing column(s) {missing}; has {list(frame.columns)}")


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
