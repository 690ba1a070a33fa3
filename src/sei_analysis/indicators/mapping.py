"""Which indicator series a text figure belongs to, read from its sentence (issue 10, section 3).

The vocabulary is data: ``vocab/series.yml`` (one entry per series: subject phrases, unit and
measure, what it requires and what excludes it, in English and Chinese) and the hand rules in
``vocab/indicator_map.yml`` (``overrides`` for what the cues get wrong, ``exclusions`` for what
they must never take). `map_figures` returns the indicator rows and, for `sei review`, one
decision per candidate: every figure whose sentence names a series' subject, mapped or left
out with the reason.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from sei_analysis.errors import InputError
from sei_analysis.indicators.reference import INDICATOR_MAP_FILE
from sei_analysis.indicators.schema import BASE_COLUMNS, SERIES_UNITS, indicator_row

SERIES_FILE = Path(__file__).parent / "vocab" / "series.yml"
# NOTE: the columns of the mapping's decisions (data/processed/review.csv, `sei review`).
DECISION_COLUMNS = [
    *("doc_id", "decision", "series", "period", "period_basis", "value", "unit", "measure", "qualifier"),
    *("kind", "mapped_by", "reason", "raw", "sentence", "start"),
]
# NOTE: the reasons that say a figure names no subject of a series (see `judge`).
NO_SUBJECT_REASONS = ("no subject phrase", "its clause names another subject")
# NOTE: the words right after a figure, up to the next clause mark, that can exclude it
# ("0.5% month on month", "增长0.5%（环比）").
AFTER_WINDOW = 40
# NOTE: the clause delimiters of the extractor; a comma between two digits is a thousands mark.
CLAUSE_DELIMITER = re.compile(r"[,;:](?!(?<=\d,)\d)")


def _phrases(values: Any, where: str) -> tuple[str, ...]:
    values = [] if values is None else values
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise InputError(f"series vocabulary {where}: expected a list of phrases, got {values!r}")
    return tuple(values)


class Phrases:
    """A list of phrases compiled into one case-insensitive alternation."""

    def __init__(self, phrases: tuple[str, ...]):
        self.phrases = phrases
        ordered = sorted(phrases, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(p) for p in ordered), re.IGNORECASE) if phrases else None

    def find(self, text: str) -> str | None:
        """The first phrase found in ``text``, or None."""
        if self.pattern is None or not text:
            return None
        match = self.pattern.search(text)
        return match.group() if match else None

    def find_last(self, text: str) -> re.Match[str] | None:
        """The last phrase found in ``text`` (the match, for where it ends), or None."""
        if self.pattern is None or not text:
            return None
        matches = list(self.pattern.finditer(text))
        return matches[-1] if matches else None


@dataclass(frozen=True)
class SeriesRule:
    """One entry of ``series.yml``."""

    name: str
    unit: str
    measures: tuple[str, ...]
    subject: Phrases
    requires: tuple[Phrases, ...]
    compares_with: Phrases | None
    excludes: Phrases


@dataclass(frozen=True)
class HandRule:
    """An override (maps a figure to ``series``) or an exclusion (``series`` None) of the indicator map."""

    name: str
    doc_id: str
    value: float
    unit: str
    keyword: str
    series: str | None = None
    period: str | None = None
    kind: str | None = None
    qualifier: str | None = None
    confidence: str | None = None
    reason: str = ""

    def matches(self, fig: Any) -> bool:
        return (
            fig.doc_id == self.doc_id
            and abs(float(fig.value) - self.value) < 1e-9
            and fig.unit == self.unit
            and self.keyword.lower() in str(fig.sentence).lower()
        )


@dataclass(frozen=True)
class Vocabulary:
    """The parsed series vocabulary and hand rules."""

    series: tuple[SeriesRule, ...]
    national_document: Phrases
    national_sentence: Phrases
    regions: Phrases
    national_marks: Phrases
    forecast: Phrases
    high_publishers: Phrases
    low_notes: Phrases
    overrides: tuple[HandRule, ...]
    exclusions: tuple[HandRule, ...]
    other_subjects: Phrases


@functools.cache
def load_vocabulary(series_file: Path = SERIES_FILE, map_file: Path = INDICATOR_MAP_FILE) -> Vocabulary:
    """Read ``series.yml`` and the hand rules of ``indicator_map.yml``; `InputError` names a bad entry."""
    import yaml

    doc = yaml.safe_load(Path(series_file).read_text(encoding="utf-8")) or {}
    hand = yaml.safe_load(Path(map_file).read_text(encoding="utf-8")) or {}
    try:
        rules = []
        for name, entry in doc["series"].items():
            if name not in SERIES_UNITS or entry["unit"] != SERIES_UNITS[name]:
                raise InputError(
                    f"series vocabulary {series_file}: series {name!r} with unit {entry.get('unit')!r}"
                )
            rules.append(
                SeriesRule(
                    name=name,
                    unit=entry["unit"],
                    measures=tuple(entry["measures"]),
                    subject=Phrases(_phrases(entry["subject"], f"{name}.subject")),
                    requires=tuple(
                        Phrases(_phrases(r, f"{name}.requires")) for r in entry.get("requires", [])
                    ),
                    compares_with=Phrases(_phrases(entry["compares_with"], f"{name}.compares_with"))
                    if "compares_with" in entry
                    else None,
                    excludes=Phrases(_phrases(entry.get("excludes"), f"{name}.excludes")),
                )
            )
        others = tuple(p for r in rules for p in (*r.subject.phrases, *r.excludes.phrases))
        others += _phrases(doc.get("other_subjects"), "other_subjects")
        national = doc["national"]
        return Vocabulary(
            series=tuple(rules),
            national_document=Phrases(_phrases(national["document"], "national.document")),
            national_sentence=Phrases(_phrases(national["sentence"], "national.sentence")),
            regions=Phrases(_phrases(national["regions"], "national.regions")),
            national_marks=Phrases(_phrases(national["marks"], "national.marks")),
            forecast=Phrases(_phrases(doc["forecast"], "forecast")),
            high_publishers=Phrases(
                _phrases(doc["confidence"]["high_publishers"], "confidence.high_publishers")
            ),
            low_notes=Phrases(_phrases(doc["confidence"]["low_notes"], "confidence.low_notes")),
            overrides=tuple(_hand_rule(r, mapped=True) for r in hand.get("overrides") or []),
            exclusions=tuple(_hand_rule(r, mapped=False) for r in hand.get("exclusions") or []),
            other_subjects=Phrases(others),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"series vocabulary {series_file} or {map_file}: bad entry ({exc!r})") from exc


def _hand_rule(entry: dict, mapped: bool) -> HandRule:
    fields = {**entry, "value": float(entry["value"])}
    if "period" in fields and fields["period"] is not None:
        fields["period"] = str(fields["period"])
    if mapped and fields.get("series") not in SERIES_UNITS:
        raise InputError(
            f"indicator map override {entry.get('name')!r}: unknown series {entry.get('series')!r}"
        )
    if not mapped and not fields.get("reason"):
        raise InputError(f"indicator map exclusion {entry.get('name')!r}: give its reason")
    return HandRule(**fields)


@dataclass(frozen=True)
class Scopes:
    """The parts of a figure's sentence the rules read."""

    clause: str
    before: str
    after: str
    sentence: str
    # NOTE: the opening clauses of the earlier sentences of its paragraph ("全年规模以上工业中"),
    # which scope the sentences after them; see `paragraph_openers`.
    openers: tuple[str, ...] = ()


# NOTE: a publisher naming a province is that province's office only when it is an office: a
# Hong Kong or Xinjiang newspaper reprints national figures.
OFFICE = re.compile(
    r"(?i:bureau|statistic|government|department|commission)|统计|統計|政府|委员会|委員會|厅|廳"
)
# NOTE: how many sentences back, within its paragraph, a scope opener still holds.
OPENER_REACH = 5
# NOTE: an opening that scopes what follows: "全年规模以上工业中", "在规模以上工业中", "2019年,
# 广东省规模以上工业中" (the first or second clause of the sentence, ending in 中, with what
# stands before it).
OPENER_CLAUSE = r"^\s*((?:[^,;:]*[,;:]\s*)?[^,;:]*中)\s*[,;:]"


def paragraph_openers(figures: pd.DataFrame) -> dict[tuple[str, int], tuple[str, ...]]:
    """For each (doc_id, sentence_start), the scope openers of the earlier sentences of its paragraph.

    Sentences of one Chinese paragraph abut (one ends where the next starts); a line break
    between them, or a sentence without figures (not in the table), ends the chain. English
    sentences are parted by a space that cannot be told from a line break, so they get none.
    Openers are rare, so the table is sorted once and only the sentences after an opener are
    walked.
    """
    out: dict[tuple[str, int], tuple[str, ...]] = {}
    if not len(figures):
        return out
    sentences = (
        figures[["doc_id", "sentence_start", "sentence"]]
        .drop_duplicates(["doc_id", "sentence_start"])
        .sort_values(["doc_id", "sentence_start"], kind="stable")
    )
    text = sentences["sentence"].astype("str")
    first = text.str.extract(OPENER_CLAUSE, expand=False)
    docs, starts = sentences["doc_id"].tolist(), sentences["sentence_start"].astype("int64").tolist()
    ends = [start + n for start, n in zip(starts, text.str.len().tolist(), strict=True)]
    for i in [k for k, clause in enumerate(first.tolist()) if isinstance(clause, str)]:
        k = i
        while (
            k + 1 < len(starts)
            and k - i < OPENER_REACH
            and docs[k + 1] == docs[i]
            and starts[k + 1] == ends[k]
        ):
            k += 1
            key = (docs[k], starts[k])
            out[key] = (first.iloc[i].strip(), *out.get(key, ()))  # the nearest first
    return out


def scopes_of(fig: Any, openers: tuple[str, ...] = ()) -> Scopes:
    """The figure's own clause, the sentence before and after it, the whole sentence, and the
    scope openers of its paragraph."""
    sentence = str(fig.sentence)
    rel_start = int(fig.start) - int(fig.sentence_start)
    rel_end = int(fig.end) - int(fig.sentence_start)
    if not (0 <= rel_start <= rel_end <= len(sentence)) or sentence[rel_start:rel_end] != fig.raw:
        found = sentence.find(str(fig.raw))  # the sentence was re-cut: find the figure in it
        rel_start, rel_end = (
            (found, found + len(str(fig.raw))) if found >= 0 else (len(sentence), len(sentence))
        )
    before = sentence[:rel_start]
    cuts = [m.end() for m in CLAUSE_DELIMITER.finditer(before)]
    clause = before[cuts[-1] :] if cuts else before
    after = sentence[rel_end : rel_end + AFTER_WINDOW]
    stop = CLAUSE_DELIMITER.search(after)
    return Scopes(clause, before, after[: stop.start()] if stop else after, sentence, openers)


def _subject_of(rule: SeriesRule, scopes: Scopes, vocab: Vocabulary) -> tuple[str | None, str]:
    """The subject phrase that ties a figure to ``rule`` (and where it was), or why none does.

    For a gap, what it is compared with ("比规模以上工业快2.7个百分点") is no subject of its own.
    A subject from earlier in the sentence brings its clause's exclusions with it
    ("全年全部工业增加值317109亿元，比上年增长5.7%": 全部工业 is not 规模以上工业).
    """
    own = rule.subject.find(scopes.clause)
    if own:
        return own, "clause"
    clause = scopes.clause
    if rule.compares_with is not None and rule.compares_with.pattern is not None:
        clause = rule.compares_with.pattern.sub(" ", clause)
    other = vocab.other_subjects.find(clause)
    if other:
        return None, f"its clause names another subject ({other!r})"
    earlier = rule.subject.find_last(scopes.before)
    if earlier is None:
        return None, "no subject phrase before it"
    cuts = [0, *(m.end() for m in CLAUSE_DELIMITER.finditer(scopes.before, 0, earlier.start()))]
    stop = CLAUSE_DELIMITER.search(scopes.before, earlier.end())
    excluded = rule.excludes.find(scopes.before[cuts[-1] : stop.start() if stop else None])
    if excluded:
        return None, f"excluded: names {excluded!r}"
    return earlier.group(), "sentence"


def judge(rule: SeriesRule, fig: Any, scopes: Scopes, vocab: Vocabulary) -> tuple[bool, str]:
    """Does ``fig`` belong to ``rule``'s series? (True, the cue) or (False, the reason)."""
    subject, where = _subject_of(rule, scopes, vocab)
    if subject is None:
        return False, where
    if fig.unit != rule.unit:
        return False, f"unit {fig.unit}, the series is in {rule.unit}"
    if fig.measure not in rule.measures:
        return False, f"measure {fig.measure}, the series takes {'/'.join(rule.measures)}"
    inherited = []
    for required in rule.requires:
        if required.find(scopes.sentence):
            continue
        opener = next((o for o in scopes.openers if required.find(o)), None)
        if opener is None:
            return False, f"no {'/'.join(required.phrases[:3])} in the sentence"
        inherited.append(f"{required.find(opener)} from the paragraph's opening {opener!r}")
    if rule.compares_with is not None and not rule.compares_with.find(scopes.sentence):
        return False, f"no comparison with {rule.compares_with.phrases[0]} in the sentence"
    excluded = rule.excludes.find(scopes.clause) or rule.excludes.find(scopes.after)
    if excluded:
        return False, f"excluded: names {excluded!r}"
    return True, "; ".join([f"subject {subject!r} ({where})", *inherited])


def provincial_reason(fig: Any, scopes: Scopes, vocab: Vocabulary) -> str | None:
    """Why a figure is not national (its document, its sentence or its clause), or None."""
    publisher = str(getattr(fig, "publisher", "") or "")
    document = vocab.national_document.find(f"{publisher} | {getattr(fig, 'source_title', '')}")
    if document:
        return f"provincial document ({document!r} in its publisher or title)"
    region = vocab.regions.find(publisher)
    if region and OFFICE.search(publisher):
        return f"provincial document ({region!r} in its publisher)"
    sentence = vocab.national_sentence.find(scopes.sentence)
    if sentence:
        return f"provincial: the sentence says {sentence!r}"
    region = vocab.regions.find(scopes.clause)
    if region:
        return f"provincial: its clause names {region!r}"
    # A region that opens the sentence ("广东省规模以上工业中，战略性新兴产业增加值增长9.1%")
    # scopes every later clause, until a national mark (全国, nationwide) takes the scope back.
    opener = vocab.regions.find_last(scopes.before)
    if opener and not vocab.national_marks.find(scopes.before[opener.end() :]):
        return f"provincial: its sentence names {opener.group()!r} before it"
    # The scope a paragraph opens carries its region with it (see `paragraph_openers`).
    if vocab.national_marks.find(scopes.before):
        return None
    for opening in scopes.openers:
        if vocab.regions.find(opening) or vocab.national_sentence.find(opening):
            return f"provincial: its paragraph opens with {opening!r}"
    return None


def text_confidence(fig: Any, vocab: Vocabulary, notes: str = "") -> str:
    """How far a text figure is trusted: high from official national bodies, low from machine translations.

    ``notes`` are the document's provenance notes (``sources.yml``), where a machine
    translation says so.
    """
    if vocab.low_notes.find(notes):
        return "low"
    return "high" if vocab.high_publishers.find(str(getattr(fig, "publisher", "") or "")) else "medium"


def _decision(fig: Any, decision: str, series: str | None, reason: str, **fields: Any) -> dict:
    return {
        "doc_id": fig.doc_id, "decision": decision, "series": series or "",
        "period": fields.get("period", fig.period if isinstance(fig.period, str) else ""),
        "period_basis": fig.period_basis if isinstance(fig.period_basis, str) else "",
        "value": float(fig.value), "unit": fig.unit, "measure": fig.measure, "qualifier": fig.qualifier,
        "kind": fields.get("kind", ""), "mapped_by": fields.get("mapped_by", ""), "reason": reason,
        "raw": fig.raw, "sentence": fig.sentence, "start": int(fig.start),
    }  # fmt: skip


def _row(
    fig: Any, series: str, period: str, kind: str, qualifier: str, confidence: str, mapped_by: str
) -> dict:
    date = getattr(fig, "date_published", "")
    return indicator_row(
        indicator=series,
        period=period,
        value=float(fig.value),
        unit=SERIES_UNITS[series],
        qualifier=qualifier,
        kind=kind,
        source_id=str(fig.doc_id),
        source_title=str(getattr(fig, "source_title", fig.doc_id)),
        date_published="" if pd.isna(date) else str(date),
        confidence=confidence,
        mapped_by=mapped_by,
        sentence=str(fig.sentence).strip(),
        note=f'text: "{fig.raw}"',
    )


def map_figure(
    fig: Any, vocab: Vocabulary, notes: str = "", openers: tuple[str, ...] = ()
) -> tuple[dict | None, dict | None]:
    """(indicator row or None, decision or None) for one figure; None, None when it names no series.

    ``openers`` are the scope openers of its paragraph (`paragraph_openers`)."""
    for rule in vocab.exclusions:
        if rule.matches(fig):
            return None, _decision(fig, "left out", "", f"exclusion {rule.name}: {rule.reason}",
                                   mapped_by=f"exclusion:{rule.name}")  # fmt: skip
    for rule in vocab.overrides:
        if rule.matches(fig):
            period = rule.period or (fig.period if isinstance(fig.period, str) else None)
            kind = rule.kind or ("target" if fig.is_target else "actual")
            mapped_by = f"override:{rule.name}"
            row = _row(fig, rule.series, period, kind, rule.qualifier or fig.qualifier,
                       rule.confidence or text_confidence(fig, vocab, notes), mapped_by)  # fmt: skip
            return row, _decision(fig, "mapped", rule.series, rule.reason or "hand rule", period=period,
                                  kind=kind, mapped_by=mapped_by)  # fmt: skip
    sentence = str(fig.sentence)
    named = [rule for rule in vocab.series if rule.unit == fig.unit and rule.subject.find(sentence)]
    if not named:
        return None, None
    scopes = scopes_of(fig, openers)
    verdicts = [(rule, *judge(rule, fig, scopes, vocab)) for rule in named]
    fits = [(rule, why) for rule, ok, why in verdicts if ok]
    if not fits:
        # NOTE: the reasons of the series whose subject the figure does name come first; the
        # others only say it names none.
        near = [(rule, why) for rule, _, why in verdicts if not why.startswith(NO_SUBJECT_REASONS)]
        shown = near or [(rule, why) for rule, _, why in verdicts][:1]
        return None, _decision(fig, "left out", "", "; ".join(f"{rule.name}: {why}" for rule, why in shown))
    if len(fits) > 1:
        return None, _decision(fig, "left out", "", "conflicting cues: " + ", ".join(r.name for r, _ in fits))
    rule, why = fits[0]
    provincial = provincial_reason(fig, scopes, vocab)
    if provincial:
        return None, _decision(fig, "left out", rule.name, provincial)
    if not isinstance(fig.period, str) or not fig.period:
        return None, _decision(
            fig, "left out", rule.name, "no period: neither its sentence nor the document states one"
        )
    forecast = vocab.forecast.find(scopes.clause) or vocab.forecast.find(scopes.after)
    kind = "target" if fig.is_target else ("forecast" if forecast else "actual")
    mapped_by = f"series:{rule.name}"
    if fig.period_basis in ("inherited", "document"):
        mapped_by += f" (period {fig.period_basis})"
    row = _row(fig, rule.name, fig.period, kind, fig.qualifier, text_confidence(fig, vocab, notes), mapped_by)
    return row, _decision(fig, "mapped", rule.name, why, period=fig.period, kind=kind, mapped_by=mapped_by)


def _records(frame: pd.DataFrame):
    """The rows of ``frame`` as named tuples, from plain Python lists: iterating pandas' Arrow
    strings row by row (``itertuples``) was a third of the mapping's time on a big corpus."""
    from collections import namedtuple

    Row = namedtuple("Row", list(frame.columns), rename=True)  # noqa: PYI024
    return (Row(*values) for values in zip(*(frame[c].tolist() for c in frame.columns), strict=True))


def candidates(figures: pd.DataFrame, vocab: Vocabulary) -> pd.DataFrame:
    """The figures `map_figure` can decide anything about, found at once over the whole table.

    A figure is one when its unit is a series' unit and its sentence names a series'
    subject, or when a hand rule names its document. The rest are never mapped, and never
    listed for review (they name no series).
    """
    units = {rule.unit for rule in vocab.series}
    phrases = Phrases(tuple(p for rule in vocab.series for p in rule.subject.phrases))
    named = figures["sentence"].astype("str").str.contains(phrases.pattern.pattern, case=False, regex=True)
    mask = figures["unit"].isin(units) & named.fillna(False).astype(bool)
    hand = {rule.doc_id for rule in (*vocab.overrides, *vocab.exclusions)}
    if hand:
        mask |= figures["doc_id"].isin(hand)
    return figures[mask]


def map_figures(
    figures: pd.DataFrame, documents: pd.DataFrame | None = None, vocab: Vocabulary | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Map every text figure to its series.

    Parameters
    ----------
    figures : DataFrame
        The figures table (`pipeline.figures_table`): the `extract_figures` columns with
        ``doc_id`` and the document's provenance (publisher, source_title, date_published).
    documents : DataFrame, optional
        `load_corpus` output (``id``, ``notes``): a document whose notes say it is a machine
        translation gives low-confidence rows.

    Returns
    -------
    (rows, decisions)
        ``rows``: indicator rows (`BASE_COLUMNS`) with ``mapped_by`` (``series:<name>``, with
        "(period inherited)" when the period came from an earlier sentence, or
        ``override:<name>``). ``decisions``: `DECISION_COLUMNS`, one per figure whose sentence
        names a series' subject or that a hand rule names: ``mapped`` or ``left out`` with why.
    """
    vocab = vocab or load_vocabulary()
    notes = (
        {} if documents is None else dict(zip(documents["id"], documents["notes"].fillna(""), strict=True))
    )
    rows, decisions = [], []
    if len(figures):
        openers = paragraph_openers(figures)
        for fig in _records(candidates(figures, vocab)):
            row, decision = map_figure(
                fig,
                vocab,
                str(notes.get(fig.doc_id, "")),
                openers.get((fig.doc_id, int(fig.sentence_start)), ()),
            )
            if row is not None:
                rows.append(row)
            if decision is not None:
                decisions.append(decision)
    return pd.DataFrame(rows, columns=BASE_COLUMNS), pd.DataFrame(decisions, columns=DECISION_COLUMNS)
