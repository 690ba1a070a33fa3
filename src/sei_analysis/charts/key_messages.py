"""Key messages, written from the indicator and target tables, each with its source.

Nothing here is typed by hand: every number, year, verdict and source in a message comes
from the tables, and the sentences come from the catalogue (``messages.yml``, ``key.*``),
in English or Chinese. The Word note, the notebooks' "Key messages" cells and anyone else
call `key_messages`.

The messages, most important first (at most `MAX_MESSAGES`):

1. the latest actual SEI share of GDP against the next target after it;
2. each target that is due with no outturn published, with the latest statement;
3. each target that was missed, by how much;
4. SEI growth against all industry while it was published, and when it stopped;
5. high-tech manufacturing growth, the narrower series still published;
6. each target that was met.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sei_analysis.charts import catalogue
from sei_analysis.charts.format import fmt_num, qualified
from sei_analysis.indicators.anchors import latest_share
from sei_analysis.indicators.schema import HITECH, INDUSTRY, SHARE
from sei_analysis.indicators.targets import growth_comparison

MAX_MESSAGES = 5
MIN_MESSAGES = 3
# NOTE: the order in which two targets for one year are reported: the most precise first.
QUALIFIER_ORDER = {"exact": 0, "at_least": 1, "at_most": 2, "approx": 3}


@dataclass(frozen=True)
class KeyMessage:
    """One message: its id (what it is about), the sentence, its sources and their full titles."""

    id: str
    text: str
    sources: tuple[str, ...]
    references: tuple[str, ...]


@dataclass(frozen=True)
class KeyMessages:
    """The key messages of a briefing, in ``lang``; iterate over them, or show them in a notebook."""

    messages: tuple[KeyMessage, ...]
    lang: str = "en"

    def __iter__(self) -> Iterator[KeyMessage]:
        return iter(self.messages)

    def __len__(self) -> int:
        return len(self.messages)

    @property
    def texts(self) -> list[str]:
        """The sentences, in order."""
        return [m.text for m in self.messages]

    @property
    def references(self) -> list[str]:
        """Every full source title the messages cite, once, in order of citation."""
        return list(dict.fromkeys(r for m in self.messages for r in m.references))

    def to_frame(self) -> Any:
        import pandas as pd

        return pd.DataFrame(
            {
                "id": [m.id for m in self],
                "message": self.texts,
                "sources": ["; ".join(m.sources) for m in self],
            }
        )

    def _repr_markdown_(self) -> str:
        heading = catalogue.text("note.key_messages", self.lang)
        return f"**{heading}**\n\n" + "\n".join(f"- {t}" for t in self.texts)


def _source(row: Any, lang: str, confidence: bool = False) -> tuple[str, str]:
    """(``"MIIT, 2023-07-06"``, full title with date) for one indicator row."""
    title = str(row.get("source_title") or row.get("source_id") or "")
    first = title.split(" | ")[0]
    date = str(row.get("date_published") or "") or catalogue.text("key.undated", lang)
    text = catalogue.text("key.source", lang, publisher=catalogue.publisher(first, lang) or "?", date=date)
    conf = row.get("confidence")
    if confidence and conf and conf != "high":
        word = catalogue.text(f"confidence.{conf}", lang)
        text += catalogue.text("list.sep", lang) + catalogue.text("key.confidence", lang, confidence=word)
    refs = [f"{t} ({row.get('date_published') or 'undated'})" for t in title.split(" | ") if t]
    return text, "; ".join(refs)


def _share_row(ind: Any, period: Any, value: float | None = None, kinds=("actual",)) -> Any:
    rows = ind[
        (ind["indicator"] == SHARE) & (ind["period"].astype(str) == str(period)) & ind["kind"].isin(kinds)
    ]
    if value is not None:
        rows = rows[(rows["value"] - value).abs() < 1e-9]
    return rows.iloc[0] if len(rows) else None


def _year(period: Any) -> int:
    return int(str(period)[:4])


def _latest(ind: Any, targets: Any, lang: str) -> list[KeyMessage]:
    try:
        anchor = latest_share(ind)
    except Exception:
        return []
    row = _share_row(ind, anchor.year, anchor.value)
    src, ref = _source(row if row is not None else {}, lang)
    share = qualified(anchor.value, anchor.qualifier, lang)
    later = targets[targets["target_period"].map(_year) > anchor.year].sort_values("target_period")
    if later.empty:
        text = catalogue.text("key.latest_share_only", lang, share=share, year=anchor.year, source=src)
    else:
        t = later.iloc[0]
        gap = float(t["target_value"]) - anchor.value
        key = "key.latest_share" if gap > 0 else "key.latest_share_met"
        text = catalogue.text(
            key,
            lang,
            share=share,
            year=anchor.year,
            source=src,
            gap=fmt_num(gap),
            target_year=t["target_period"],
            target=qualified(float(t["target_value"]), t["target_qualifier"], lang),
        )
    return [KeyMessage(f"latest_share_{anchor.year}", text, (src,), (ref,))]


def _one_per_year(targets: Any, status: str) -> Any:
    rows = targets[targets["status"] == status]
    rows = rows.assign(_q=rows["target_qualifier"].map(QUALIFIER_ORDER)).sort_values(["target_period", "_q"])
    return rows.drop_duplicates("target_period")


def _statement(ind: Any, year: int, lang: str) -> tuple[str, str] | None:
    """The latest share statement (outturn or estimate) up to ``year``, in words, with its source."""
    rows = ind[(ind["indicator"] == SHARE) & ind["kind"].isin(["actual", "estimate"])]
    rows = rows[rows["period"].map(_year) <= year]
    if rows.empty:
        return None
    rows = rows.assign(_r=rows["kind"].map({"estimate": 0, "actual": 1})).sort_values(["period_end", "_r"])
    row = rows.iloc[-1]
    src, ref = _source(row, lang)
    text = catalogue.text(
        "key.statement",
        lang,
        value=qualified(float(row["value"]), row["qualifier"], lang),
        period=catalogue.period_label(row["period"], lang),
        kind=catalogue.text(f"share.kind.{row['kind']}", lang),
        source=src,
    )
    return text, ref


def _verdicts(ind: Any, targets: Any, status: str, lang: str) -> list[KeyMessage]:
    out = []
    for t in _one_per_year(targets, status).itertuples():
        year = _year(t.target_period)
        target = qualified(float(t.target_value), t.target_qualifier, lang)
        _, target_ref = _source({"source_title": t.target_source_title}, lang)
        target_name = catalogue.publisher(str(t.target_source_title).split(" | ")[0], lang) or "?"
        if status == "due":
            found = _statement(ind, year, lang)
            if found is None:
                continue
            statement, ref = found
            text = catalogue.text(
                "key.due",
                lang,
                year=year,
                target=target,
                target_source=target_name,
                as_of=t.as_of,
                statement=statement,
            )
            out.append(KeyMessage(f"due_{year}", text, (target_name,), (target_ref, ref)))
            continue
        row = _share_row(ind, t.actual_period, float(t.actual_value))
        src, ref = _source(row if row is not None else {}, lang, confidence=True)
        text = catalogue.text(
            f"key.{status}",
            lang,
            year=year,
            target=target,
            actual=qualified(float(t.actual_value), t.actual_qualifier, lang),
            source=src,
            gap=fmt_num(float(t.shortfall_pp)),
        )
        out.append(KeyMessage(f"{status}_{year}", text, (src,), (target_ref, ref)))
    return out


def _growth(ind: Any, lang: str) -> list[KeyMessage]:
    comp = growth_comparison(ind)
    with_sei = comp[comp["sei"].notna()]
    gaps = with_sei["gap_pp"].dropna()
    if with_sei.empty or gaps.empty:
        return []
    first, last = with_sei.iloc[0], with_sei.iloc[-1]
    sei_rows = ind[(ind["indicator"] == "sei_industry_va_growth") & (ind["kind"] == "actual")]
    names = list(dict.fromkeys(catalogue.publishers(sei_rows["source_title"], lang)))
    refs = tuple(dict.fromkeys(_source(r, lang)[1] for _, r in sei_rows.iterrows()))
    caveated = catalogue.caveats("sei", [(last["period"], last["sei"])], lang)
    later = comp[(comp["period_start"] > last["period_start"]) & comp["industry"].notna()]
    key = "key.growth" if caveated and len(later) else "key.growth_plain"
    text = catalogue.text(
        key,
        lang,
        lo=fmt_num(gaps.min()),
        hi=fmt_num(gaps.max()),
        first=catalogue.period_label(first["period"], lang),
        last=catalogue.period_label(last["period"], lang),
        source=catalogue.text("list.sep", lang).join(names),
        last_value=catalogue.text("percent", lang, value=fmt_num(last["sei"])),
    )
    return [KeyMessage("growth", text, tuple(names), refs)]


def _hitech(ind: Any, lang: str) -> list[KeyMessage]:
    rows = {}
    for series in (HITECH, INDUSTRY):
        sub = ind[
            (ind["indicator"] == series) & (ind["kind"] == "actual") & ind["period"].str.fullmatch(r"\d{4}")
        ]
        rows[series] = sub.set_index("period")
    common = sorted(set(rows[HITECH].index) & set(rows[INDUSTRY].index))
    if not common:
        return []
    period = common[-1]
    hi, ind_row = rows[HITECH].loc[period], rows[INDUSTRY].loc[period]
    hi = hi.iloc[0] if hi.ndim > 1 else hi
    ind_row = ind_row.iloc[0] if ind_row.ndim > 1 else ind_row
    src, ref = _source(hi.to_dict(), lang)
    text = catalogue.text(
        "key.hitech",
        lang,
        hitech=catalogue.text("percent", lang, value=fmt_num(float(hi["value"]))),
        industry=catalogue.text("percent", lang, value=fmt_num(float(ind_row["value"]))),
        period=catalogue.period_label(period, lang),
        source=src,
    )
    return [KeyMessage(f"hitech_{period}", text, (src,), (ref,))]


def key_messages(indicators: Any, targets: Any, lang: str = "en", limit: int = MAX_MESSAGES) -> KeyMessages:
    """Three to five key messages from the indicators table and the targets table.

    Parameters
    ----------
    indicators : DataFrame
        `build_indicators` output (``data/processed/indicators``).
    targets : DataFrame
        `target_attainment` output (``data/processed/targets``), with ``status`` and ``as_of``.
    lang : {"en", "zh"}
    limit : int
        At most this many messages (the most important first; see the module docstring).

    Returns
    -------
    KeyMessages
        Each message names its source inline ("(MIIT, 2023-07-06)") and lists the full
        titles in ``references``.
    """
    catalogue.check_lang(lang)
    ind = indicators.copy()
    ind["period"] = ind["period"].astype(str)
    tgt = targets.copy()
    tgt["target_period"] = tgt["target_period"].astype(str)
    found = [
        *_latest(ind, tgt, lang),
        *_verdicts(ind, tgt, "due", lang),
        *_verdicts(ind, tgt, "missed", lang),
        *_growth(ind, lang),
        *_hitech(ind, lang),
        *_verdicts(ind, tgt, "met", lang),
    ]
    return KeyMessages(tuple(found[:limit]), lang)
