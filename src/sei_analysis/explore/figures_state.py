"""The figure explorer's logic, without widgets: filter the figures table, show where a figure sits.

The figures table is ``data/processed/figures.parquet`` (or ``processed_tables().figures``):
one row per figure with its document, language, typed attributes, sentence, the offsets
of the match in the normalised text and the source's provenance.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

import pandas as pd

from sei_analysis.errors import InputError

# NOTE: the columns the explorer filters on, in the order its controls are shown.
FILTER_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "language",
    "measure",
    "unit",
    "qualifier",
    "is_target",
    "period",
)
# NOTE: free text is looked for in these columns (case-insensitive, plain substring).
TEXT_COLUMNS: tuple[str, ...] = ("sentence", "raw", "subject")
SHOWN_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "language",
    "value",
    "unit",
    "measure",
    "qualifier",
    "is_target",
    "period",
    "raw",
)
REQUIRED_COLUMNS = (
    *FILTER_COLUMNS,
    "value",
    "sentence",
    "start",
    "end",
    "raw",
    "source_title",
    "publisher",
    "date_published",
    "url",
)
NO_PERIOD = "(none stated)"
QUOTE_STYLE = "margin:6px 0;padding-left:8px;border-left:3px solid #0072B2"


def check_figures(figures: Any) -> pd.DataFrame:
    """Return ``figures`` if it is a figures table, else raise `InputError` naming what is missing."""
    if not isinstance(figures, pd.DataFrame):
        raise InputError(
            f"figures: expected a pandas DataFrame (the figures table), got {type(figures).__name__}"
        )
    missing = [c for c in REQUIRED_COLUMNS if c not in figures.columns]
    if missing:
        raise InputError(
            f"figures: missing column(s) {missing}; expected the table in data/processed/figures.parquet"
        )
    return figures


def filter_options(figures: pd.DataFrame) -> dict[str, list[Any]]:
    """The values each filter can take, sorted (periods without one shown as ``(none stated)``)."""
    options = {}
    for col in FILTER_COLUMNS:
        values = figures[col].fillna(NO_PERIOD) if col == "period" else figures[col].dropna()
        options[col] = sorted(values.unique().tolist(), key=str)
    return options


def filter_figures(figures: pd.DataFrame, text: str = "", **selected: Iterable[Any]) -> pd.DataFrame:
    """The rows matching every filter given (a filter left empty keeps everything).

    Parameters
    ----------
    figures : DataFrame
        The figures table.
    text : str
        Case-insensitive text to look for in the sentence, the matched text or the subject.
    **selected : iterable
        Per column of `FILTER_COLUMNS`, the values to keep (``period=["(none stated)"]``
        keeps the figures whose sentence states no period).

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["a", "b"], "language": ["en", "zh"], "measure": ["share", "share"],
    ...     "unit": ["percent"] * 2, "qualifier": ["at_least", "exact"], "is_target": [False, True],
    ...     "period": ["2022", None], "sentence": ["more than 13% of GDP", "达到17%"], "raw": ["13%", "17%"],
    ...     "subject": ["GDP", None]})
    >>> filter_figures(t, text="MORE THAN 13").doc_id.tolist()
    ['a']
    >>> filter_figures(t, period=["(none stated)"]).doc_id.tolist()
    ['b']
    """
    unknown = set(selected) - set(FILTER_COLUMNS)
    if unknown:
        raise InputError(
            f"filter_figures: unknown filter(s) {sorted(unknown)}; expected some of {list(FILTER_COLUMNS)}"
        )
    mask = pd.Series(True, index=figures.index)
    for col, values in selected.items():
        values = list(values or [])
        if not values:
            continue
        column = figures[col].fillna(NO_PERIOD) if col == "period" else figures[col]
        mask &= column.isin(values)
    needle = (text or "").strip().casefold()
    if needle:
        hit = pd.Series(False, index=figures.index)
        for col in TEXT_COLUMNS:
            if col in figures.columns:
                hit |= figures[col].fillna("").astype(str).str.casefold().str.contains(needle, regex=False)
        mask &= hit
    return figures[mask].copy()


def occurrence(figures: pd.DataFrame, index: Any) -> int:
    """Which occurrence of its ``raw`` text a figure is within its sentence (0 for the first).

    Two figures of one sentence can read the same ("10% ... 10%"); ordered by ``start``,
    the k-th of them is the k-th occurrence of the text in the sentence.
    """
    row = figures.loc[index]
    same = figures[
        (figures["doc_id"] == row["doc_id"])
        & (figures["sentence"] == row["sentence"])
        & (figures["raw"] == row["raw"])
    ]
    return int((same["start"] < row["start"]).sum())


def highlight(sentence: str, raw: str, nth: int = 0) -> str:
    """The sentence as HTML with the ``nth`` occurrence of ``raw`` in ``<mark>`` (all escaped).

    Examples
    --------
    >>> highlight("up 10% and 10% <again>", "10%", nth=1)
    'up 10% and <mark>10%</mark> &lt;again&gt;'
    >>> highlight("no match here", "5%")
    'no match here'
    """
    sentence, raw = str(sentence or ""), str(raw or "")
    pos = -1
    for _ in range(nth + 1):
        pos = sentence.find(raw, pos + 1) if raw else -1
        if pos < 0:
            break
    if pos < 0 and raw:
        pos = sentence.find(raw)  # NOTE: fewer occurrences than expected: mark the first.
    if pos < 0:
        return html.escape(sentence)
    end = pos + len(raw)
    return f"{html.escape(sentence[:pos])}<mark>{html.escape(raw)}</mark>{html.escape(sentence[end:])}"


def source_html(row: pd.Series) -> str:
    """Title, publisher, date and link of a figure's source, as HTML."""
    esc = html.escape
    parts = [f"<b>{esc(str(row.get('source_title') or row.get('doc_id')))}</b>"]
    who = [str(v) for v in (row.get("publisher"), row.get("date_published")) if isinstance(v, str) and v]
    if who:
        parts.append(esc(", ".join(who)))
    url = row.get("url")
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        parts.append(
            f"<a href='{esc(url, quote=True)}' target='_blank' rel='noopener noreferrer'>{esc(url)}</a>"
        )
    else:
        parts.append("<i>no URL recorded</i>")
    doc = esc(str(row.get("doc_id")))
    parts.append(f"document <code>{doc}</code>, characters {int(row['start'])}–{int(row['end'])}")
    return "<br>".join(parts)


def figure_detail_html(figures: pd.DataFrame, index: Any) -> str:
    """The selected figure: its attributes, its sentence with the figure marked, and its source."""
    row = figures.loc[index]
    esc = html.escape
    shown = {c: row[c] for c in ("value", "unit", "measure", "qualifier", "is_target", "period") if c in row}
    shown["value"] = (
        f"{shown['value']:g}" if isinstance(shown.get("value"), int | float) else shown.get("value")
    )
    shown["period"] = shown.get("period") if isinstance(shown.get("period"), str) else NO_PERIOD
    attrs = ", ".join(f"{c} <b>{esc(str(v))}</b>" for c, v in shown.items())
    sentence = highlight(row["sentence"], row["raw"], occurrence(figures, index))
    return (
        f"<div class='sei-figure-detail'><div>{attrs}</div>"
        f"<blockquote style='{QUOTE_STYLE}'>{sentence}</blockquote>"
        f"<div>{source_html(row)}</div></div>"
    )


def row_label(row: Any) -> str:
    """One line per figure in the result list."""
    value = f"{row.value:g}" if isinstance(row.value, int | float) else str(row.value)
    period = row.period if isinstance(row.period, str) else "-"
    target = " target" if bool(row.is_target) else ""
    what = f"{value} {row.unit}, {row.measure}, {row.qualifier}{target}, {period}"
    return f"{row.doc_id} [{row.language}] {row.raw!s:>10}  = {what}"
