"""Consistency checks on the indicators table and the figures of the texts.

`run_checks` returns one row per check with ``status`` pass, warn or fail:

- ``derived_vs_published``: a derived value against the published value of the same
  indicator and period, within `ROUNDING_TOLERANCE_PP`;
- ``reference_derivation``: the reference file's own derived rows, recomputed;
- ``cross_document``: the same count stated by the Guiding Opinions (en, zh), the news
  report and the commentary (10 bases, 100 clusters, 1,000 ecosystems, 20 measures);
- ``conflicting_values``: one indicator and period stated with different values, listing
  every source, including the alternative statements quoted in reference notes.

`indicators_schema` is the declared pandera schema of the indicators table, and
`validate_indicators` applies it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from sei_analysis.indicators.schema import (
    INDUSTRY,
    SEI_GROWTH,
    SHARE,
)

CHECK_COLUMNS = ["check", "status", "indicator", "period", "values", "sources", "explanation"]
# NOTE: published growth rates carry one decimal, so each is off by up to 0.05 and a sum
# or difference of two by up to 0.1 percentage point; the 1e-9 absorbs float noise.
ROUNDING_TOLERANCE_PP = 0.1
FLOAT_SLACK = 1e-9


@dataclass(frozen=True)
class AlternativeStatement:
    """A published value quoted only in a reference row's note (not an indicators row)."""

    indicator: str
    period: str
    value: float
    qualifier: str
    kind: str
    source: str
    quote: str


# NOTE: the note of reference row sei_share_of_gdp 2010 (estimate, approx 4, Zhou Zixue)
# lists two other statements for 2010. They are kept here as documented data for the
# conflict check, and never become rows of the indicators table (low-confidence, pre-NBS).
# fmt: off
ALTERNATIVE_STATEMENTS = (
    AlternativeStatement(SHARE, "2010", 4.0, "at_most", "estimate",
                         "NDRC vice minister via Xinhua, 2012-07-23", "less than 4 percent"),
    AlternativeStatement(SHARE, "2010", 3.0, "exact", "estimate",
                         "People's Daily Online, 2010-10-19", "3 percent"),
)
# fmt: on


@dataclass(frozen=True)
class ReferenceDerivation:
    """How a derived row of the reference file was computed: base value minus a stated step."""

    indicator: str
    period: str
    base_indicator: str
    base_period: str
    minus: float
    quote: str


# NOTE: the kind=derived rows of the reference CSV, with the arithmetic their notes give.
# The step comes from the note (quote); the base value is read from the indicators table.
# Version 2 of the file states 2022 industry growth directly (NBS), so its former
# derivation from 2023 ("1 percentage point above 2022") is no longer listed.
# fmt: off
REFERENCE_DERIVATIONS = (
    ReferenceDerivation(SHARE, "2014", SHARE, "2019", 3.9, "a rise of 3.9 percentage points over 2014"),
    ReferenceDerivation(INDUSTRY, "2016H1", SEI_GROWTH, "2016H1", 5.0,
                        "minus the stated 5 percentage point gap"),
)
# fmt: on


@dataclass(frozen=True)
class CrossDocumentFigure:
    """A count the four documents on the 2020 Guiding Opinions should state alike."""

    name: str
    value: float
    keywords: tuple[str, ...]


# NOTE: the documents about the 2020 Guiding Opinions; the encyclopedia entry is not one.
CROSS_DOCUMENTS = ("guiding-opinions-2020-en", "guiding-opinions-2020-zh", "news-peoples-daily-2020",
                   "commentary-caict-2020")  # fmt: skip
# NOTE: measure (9) of the Opinions: 10 bases, 100 clusters, 1,000 ecosystems (zh: 10個…基地、
# 100個…集群…1000個…生態); the commentary's "20 policy measures". A keyword must follow the
# number before the next number in the sentence (the three counts share one sentence).
CROSS_DOCUMENT_FIGURES = (
    CrossDocumentFigure("bases", 10, ("base", "基地")),
    CrossDocumentFigure("clusters", 100, ("cluster", "集群")),
    CrossDocumentFigure("ecosystems", 1000, ("ecosystem", "ecological", "生態", "生态")),
    CrossDocumentFigure("measures", 20, ("measure", "措施", "舉措", "举措")),
)
# NOTE: statements that are not figures, found in the raw text when `corpus` is given:
# the commentary writes the three counts in words ("ten hundred thousand" system), and the
# English Opinions state the 20 measures only by numbering them (1) to (20).
WORDED_COUNTS = {
    ("commentary-caict-2020", "ten hundred thousand"): {"bases": 10, "clusters": 100, "ecosystems": 1000}
}
# NOTE: a count may come back as unit "number" (the en Opinions write "100..." with an
# ellipsis), so both count; a worded phrase is read by WORDED_COUNTS, not as its own number.
COUNT_UNITS = ("count", "number")
NUMBERED_MEASURES = {"guiding-opinions-2020-en": re.compile(r"^\(\s*(\d{1,2})\s*\)", re.MULTILINE)}
# NOTE: how far after a number its noun may come ("100... Establish strategic emerging
# industry clusters" is the longest English case, 6 words; the Chinese ones are <= 22 characters),
# so "20 policy measures from four aspects: ... cluster development" names measures, not clusters.
WINDOW_WORDS, WINDOW_CHARS = 7, 25


def _fmt(value: float) -> str:
    return f"{value:.10g}"


def _check(*values) -> dict:
    """One checks row from its `CHECK_COLUMNS` values, in order."""
    return dict(zip(CHECK_COLUMNS, values, strict=True))


def check_derived(indicators: pd.DataFrame, tolerance: float = ROUNDING_TOLERANCE_PP) -> list[dict]:
    """Each derived value against a published (kind actual) value of the same indicator and period."""
    derived = indicators[indicators["kind"] == "derived"]
    published = indicators[indicators["kind"] == "actual"]
    rows = []
    for d in derived.itertuples():
        same = published[(published["indicator"] == d.indicator) & (published["period"] == d.period)]
        for p in same.itertuples():
            diff = d.value - p.value
            ok = abs(diff) <= tolerance + FLOAT_SLACK and p.qualifier == "exact"
            why = (f"{d.note.removeprefix('derived: ')}; published {_fmt(p.value)}; difference {diff:+.2f}; "
                   f"tolerance ±{tolerance:g} pp (two figures published to one decimal)")  # fmt: skip
            values = f"derived {_fmt(d.value)} vs published {_fmt(p.value)} ({p.qualifier})"
            rows.append(_check("derived_vs_published", "pass" if ok else "fail", d.indicator, d.period,
                               values, f"{d.source_id} | {p.source_id}", why))  # fmt: skip
    return rows


def check_reference_derivations(
    indicators: pd.DataFrame, tolerance: float = ROUNDING_TOLERANCE_PP
) -> list[dict]:
    """Recompute the reference file's derived rows from `REFERENCE_DERIVATIONS`."""

    def pick(ind, period, kind):
        m = (indicators["indicator"] == ind) & (indicators["period"] == period) & (indicators["kind"] == kind)
        return indicators[m]

    rows = []
    for rd in REFERENCE_DERIVATIONS:
        target, base = (
            pick(rd.indicator, rd.period, "derived"),
            pick(rd.base_indicator, rd.base_period, "actual"),
        )
        if target.empty or base.empty:
            continue
        t, b = target.iloc[0], base.iloc[0]
        recomputed = round(b["value"] - rd.minus, 6)
        ok = abs(recomputed - t["value"]) <= tolerance + FLOAT_SLACK
        why = (f"{rd.base_indicator} {rd.base_period} {_fmt(b['value'])} - {_fmt(rd.minus)} ('{rd.quote}') "
               f"= {_fmt(recomputed)}; tolerance ±{tolerance:g} pp")  # fmt: skip
        values = f"reference {_fmt(t['value'])} vs recomputed {_fmt(recomputed)}"
        rows.append(_check("reference_derivation", "pass" if ok else "fail", rd.indicator, rd.period,
                           values, t["source_id"], why))  # fmt: skip
    return rows


def _head(tail: str) -> str:
    """The first words of ``tail`` up to the next digit or clause mark; see `WINDOW_WORDS`."""
    tail = re.split(r"[\d,;:，、；：。]", tail, maxsplit=1)[0]
    return (
        tail[:WINDOW_CHARS] if re.search(r"[\u4e00-\u9fff]", tail) else " ".join(tail.split()[:WINDOW_WORDS])
    )


def _words_after(fig, texts: dict[str, str]) -> str:
    """What follows a figure: in its document's text (at ``end``) if given, else in its sentence."""
    text = texts.get(fig.doc_id)
    if text and isinstance(fig.end, int | float) and text[int(fig.start) : int(fig.end)] == fig.raw:
        return _head(text[int(fig.end) :])
    found = re.finditer(rf"(?<![\d.,]){re.escape(str(fig.raw))}(?![\d])", str(fig.sentence))
    return " ".join(_head(str(fig.sentence)[m.end() :]) for m in found)


def stated_counts(
    figures: pd.DataFrame, item: CrossDocumentFigure, texts: dict[str, str] | None = None
) -> dict[str, list[float]]:
    """Per document, the count values whose following words name ``item`` (empty: not stated)."""
    found: dict[str, list[float]] = {doc: [] for doc in CROSS_DOCUMENTS}
    counts = figures[figures["unit"].isin(COUNT_UNITS) & figures["doc_id"].isin(CROSS_DOCUMENTS)]
    worded = {phrase for _, phrase in WORDED_COUNTS}
    for f in counts.itertuples():
        if str(f.raw).lower() in worded:
            continue
        context = (_words_after(f, texts or {}) or str(getattr(f, "subject", "") or "")).lower()
        if any(k.lower() in context for k in item.keywords) and f.value not in found[f.doc_id]:
            found[f.doc_id].append(float(f.value))
    return found


def text_evidence(
    figures: pd.DataFrame, corpus: pd.DataFrame | None
) -> dict[tuple[str, str], tuple[float, str]]:
    """Counts stated without a plain figure: in words (figures or corpus), or by numbering (corpus)."""
    # NOTE: only the documents the counts are read from; their text plus every figure's raw
    # match (a count stated in words is a figure's raw text), joined once per document.
    wanted = {doc for doc, _ in WORDED_COUNTS} | set(NUMBERED_MEASURES)
    texts = (
        {}
        if corpus is None
        else {d: t for d, t in zip(corpus["id"], corpus["text"], strict=True) if d in wanted}
    )
    mine = figures[figures["doc_id"].isin(wanted)]
    for doc, raws in mine.groupby("doc_id", sort=False)["raw"]:
        texts[doc] = " ".join([texts.get(doc) or "", *raws.astype(str)])
    out = {}
    for (doc, phrase), values in WORDED_COUNTS.items():
        if phrase in (texts.get(doc) or "").lower():
            out.update({(doc, name): (v, f"in words: '{phrase}'") for name, v in values.items()})
    for doc, pattern in NUMBERED_MEASURES.items():
        numbers = [int(n) for n in pattern.findall(texts.get(doc) or "")]
        if numbers and numbers == list(range(1, len(numbers) + 1)):
            out[(doc, "measures")] = (float(len(numbers)), f"numbered (1) to ({len(numbers)})")
    return out


def check_cross_document(figures: pd.DataFrame, corpus: pd.DataFrame | None = None) -> list[dict]:
    """Do the documents on the Guiding Opinions state the same counts? Silence is not disagreement."""
    evidence = text_evidence(figures, corpus)
    texts = {} if corpus is None else dict(zip(corpus["id"], corpus["text"], strict=True))
    rows = []
    for item in CROSS_DOCUMENT_FIGURES:
        per_doc = stated_counts(figures, item, texts)
        parts, stated, disagree = [], [], []
        for doc in CROSS_DOCUMENTS:
            values = per_doc[doc]
            if not values and (doc, item.name) in evidence:
                value, how = evidence[(doc, item.name)]
                values, doc_label = [value], f"{doc} ({how})"
            else:
                doc_label = doc
            if not values:
                parts.append(f"{doc}: not stated")
                continue
            stated.append(doc)
            parts.append(f"{doc_label}: {', '.join(_fmt(v) for v in values)}")
            if values != [item.value]:
                disagree.append(doc)
        status = "fail" if disagree else ("pass" if len(stated) >= 2 else "warn")
        why = (
            f"{', '.join(disagree)} state(s) another value than {_fmt(item.value)}"
            if disagree
            else f"{len(stated)} of {len(CROSS_DOCUMENTS)} documents state {_fmt(item.value)} {item.name}"
            + ("" if len(stated) == len(CROSS_DOCUMENTS) else "; the others do not mention it (not stated)")
            + ("" if len(stated) >= 2 else "; fewer than two statements, nothing to compare")
        )
        rows.append(
            _check("cross_document", status, item.name, "2020", "; ".join(parts), ", ".join(stated), why)
        )
    return rows


def _statement_text(kind, qualifier, value, source) -> str:
    return f"{kind} {qualifier} {_fmt(value)} ({source})"


def check_conflicts(indicators: pd.DataFrame, alternatives=ALTERNATIVE_STATEMENTS) -> list[dict]:
    """Indicator-periods stated more than once: warn when one kind carries different values."""
    if "vintage" not in indicators:
        indicators = indicators.assign(vintage="")
    stated = indicators.loc[
        indicators["kind"] != "derived",
        ["indicator", "period", "kind", "qualifier", "value", "vintage", "source_id", "source_title"],
    ]
    # NOTE: GDP levels of different vintages (preliminary, final, census revision) are
    # revisions, not conflicting statements: the kind is compared within one vintage.
    stated = stated.assign(
        source=stated["source_id"] + ": " + stated["source_title"],
        ids=stated["source_id"],
        kind=stated["kind"].where(stated["vintage"] == "", stated["kind"] + " (" + stated["vintage"] + ")"),
    ).drop(columns="vintage")
    extra = pd.DataFrame(
        [(a.indicator, a.period, a.kind, a.qualifier, a.value,
          f"{a.source}, '{a.quote}', quoted in the reference note", a.source) for a in alternatives],
        columns=["indicator", "period", "kind", "qualifier", "value", "source", "ids"],
    )  # fmt: skip
    statements = pd.concat([stated.drop(columns=["source_id", "source_title"]), extra], ignore_index=True)
    # NOTE: only an indicator-period stated twice or more can conflict; the rest are passed
    # over at once (a corpus of many releases has thousands of periods stated once).
    size = statements.groupby(["indicator", "period"])["value"].transform("size")
    statements = statements[size > 1].astype(object)  # plain objects: fast to iterate row by row
    rows = []
    for (indicator, period), group in statements.groupby(["indicator", "period"], sort=True):
        listing = "; ".join(
            _statement_text(g.kind, g.qualifier, g.value, g.source) for g in group.itertuples()
        )
        clash = [k for k, g in group.groupby("kind") if g["value"].round(6).nunique() > 1]
        if clash:
            status, why = "warn", f"conflicting published {', '.join(clash)} values; every source is listed"
        elif group["kind"].nunique() > 1:
            status, why = (
                "pass",
                f"different kinds ({', '.join(sorted(group['kind'].unique()))}): not a conflict",
            )
        else:
            status, why = "pass", "same value restated (qualifiers may differ): not a conflict"
        sources = "; ".join(dict.fromkeys(group["ids"]))
        rows.append(_check("conflicting_values", status, indicator, period, listing, sources, why))
    return rows


def run_checks(
    indicators: pd.DataFrame, figures: pd.DataFrame, corpus: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Run every consistency check.

    Parameters
    ----------
    indicators : DataFrame
        `build_indicators` output.
    figures : DataFrame
        `build.figures_table` output (``doc_id``, ``value``, ``unit``, ``sentence``, ``raw``...).
    corpus : DataFrame, optional
        `load_corpus` output; when given, counts stated in words or by numbering also count.

    Returns
    -------
    DataFrame
        `CHECK_COLUMNS`: check, status (pass|warn|fail), indicator (or counted item),
        period, values, sources, explanation (with the tolerance used).

    Examples
    --------
    >>> ind = pd.DataFrame({"indicator": ["industry_va_growth"] * 2, "period": ["2020H1"] * 2,
    ...     "value": [-1.3, -1.3], "unit": ["percent"] * 2, "qualifier": ["exact"] * 2,
    ...     "kind": ["actual", "derived"], "source_id": ["reference-figures"] * 2,
    ...     "source_title": ["MIIT", "derived"], "note": ["", "derived: 2.9 - 4.2 = -1.3"]})
    >>> figs = pd.DataFrame(columns=["doc_id", "value", "unit", "sentence", "raw", "subject"])
    >>> run_checks(ind, figs).query("check == 'derived_vs_published'")[["status", "values"]].values.tolist()
    [['pass', 'derived -1.3 vs published -1.3 (exact)']]
    """
    rows = [
        *check_derived(indicators),
        *check_reference_derivations(indicators),
        *check_cross_document(figures, corpus),
        *check_conflicts(indicators),
    ]
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)
