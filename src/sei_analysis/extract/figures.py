"""Extract the figures of a policy text into a tidy table (the ``extract_figures`` contract).

The steps: normalise the text, cut it into sentences, find the number mentions
(``sei_analysis.extract.numbers``), then read each mention's context inside its sentence:
sign, measure, qualifier, target flag, period and subject.  A mention that only
continues a list ("11.6%, 9.0% and 8.6% respectively", "3.9和6.2个百分点") takes the
unit, measure, qualifier and direction of its neighbours.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from typing import TYPE_CHECKING

from sei_analysis.corpus.text import detect_language, normalize_text
from sei_analysis.errors import InputError
from sei_analysis.extract.cues import (
    COUNTED_LEFT,
    MEASURE_CUES,
    PLAIN_AFTER,
    SUBJECT_CUTS,
    TARGET_CUES,
    TARGET_LIST_HEAD,
    Lexicon,
)
from sei_analysis.extract.dating import parse_document_date, relative_period, stated_period
from sei_analysis.extract.numbers import COUNT_WORDS, Mention, find_mentions
from sei_analysis.extract.period_text import find_periods, period_for
from sei_analysis.extract.sentences import Sentence, split_sentences

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["FIGURE_COLUMNS", "FIGURE_DTYPES", "UNITS", "MEASURES", "QUALIFIERS", "extract_figures"]

FIGURE_COLUMNS = [
    "value", "unit", "currency", "measure", "qualifier", "is_target",
    "period", "period_basis", "subject", "sentence", "sentence_start", "start", "end", "raw",
]  # fmt: skip
FIGURE_DTYPES = {
    "value": "float64", "unit": "str", "currency": "str", "measure": "str", "qualifier": "str",
    "is_target": "bool", "period": "str", "period_basis": "str", "subject": "str", "sentence": "str",
    "sentence_start": "int64", "start": "int64", "end": "int64", "raw": "str",
}  # fmt: skip
UNITS = ("percent", "percentage_point", "count", "multiple", "currency", "number")
MEASURES = ("growth_rate", "share", "gap", "relative_gap", "level")
QUALIFIERS = ("exact", "approx", "at_least", "at_most")

# NOTE: "x% higher than", "2.7 percentage points faster than" right after the figure.
RIGHT_COMPARATIVE = re.compile(
    r"\s?(?i:(?P<up>higher|greater|more|faster|above)|(?P<down>lower|less|slower|below))\s(?i:than)\b"
)
# NOTE: "a 0.1 percent fall", "a 3% increase": the direction follows the figure.
RIGHT_DIRECTION = re.compile(
    r"\s?(?i:(?P<down>fall|drop|decline|decrease|contraction|slump|slowdown)|(?P<up>rise|increase|gain|growth|jump))\b"
)
RIGHT_SHARE = re.compile(
    r"\s?(?i:of\s(?:the\s)?(?:gdp|gross\sdomestic|total|national\stotal|global|world|whole|all\b|overall))"
)
RIGHT_GROWTH = re.compile(r"\s?(?i:year[\s-]on[\s-]year|year[\s-]over[\s-]year|over\sthe\ssame\speriod)")
# NOTE: 比…高2%, 比…低出: a comparison; 提高/降低/升高 are changes over time, not comparisons.
ZH_RELATIVE_LEFT = re.compile(r"高出|低出|(?<![提降升])(?:高|低)\s?$")
# NOTE: 翻一番 and "doubled" describe growth over time, "3 times (than)" a comparison. A stated
# multiple keeps its stated number: 增长1.5倍 is 1.5, like English "rose 1.5 times". Strictly
# 增长1.5倍 ("grew BY 1.5 times") is 2.5 times the base, but usage is mixed, and turning it into
# 2.5 would change a published figure; the measure (growth_rate) says it is an increase.
DOUBLING = re.compile(r"番|减半|減半|(?i:doubled?|tripled|trebled|quadrupled|halved)")
# NOTE: "compared with 9.4 percent a decade earlier", "5.2% a year ago": the figure belongs to
# an unnamed earlier period, not to the year the sentence reports on.
EARLIER_AFTER = re.compile(
    r"\s(?i:(?:in\s)?the\ssame\speriod\s(?:of\s)?last\syear|last\syear"
    r"|(?:a|one|two|three|four|five|ten|\d+)\s(?:decade|year)s?\s(?:earlier|ago|before))\b"
)
# NOTE: "from 41.5 percent a year earlier", "5.2% last year": one year before the stated period.
ONE_YEAR_EARLIER = re.compile(
    r"\s(?i:(?:in\s)?the\ssame\speriod\s(?:of\s)?last\syear|last\syear|(?:a|one)\syear\s)"
)
SIMPLE_PERIOD = re.compile(r"((?:19|20)\d\d)((?:[HQ][1-4]|M\d\d)(?:-(?:Q[1-4]|M\d\d))?)?")
THAN_LEFT = re.compile(r"(?i:\bthan(?:\sthe|\sthat\sof)?)\s?$")
MONTH_SUFFIX = re.compile(r"M\d\d")
RESPECTIVELY = re.compile(r"分别|分別|(?i:respectively)")
GROWTH_VERB_NEAR = re.compile(
    r"(?i:grew|grow\w*|increas\w*|rose|expand\w*|增长|增長|增加|扩大|擴大)了?\W{0,12}$"
)

# NOTE: qualifiers.  Left ones end right before the number; right ones follow the figure.
# "Left and right" is the machine translation of 左右 ("about") in the encyclopedia seed.
QUALIFIER_LEFT = re.compile(
    r"""(?:(?P<approx>(?i:\babout|\baround|approximately|roughly|nearly|almost|close\sto|\bsome|circa
        |an\sestimated|estimated\sat)|大约|大約|约为|約為|约合|約合|约|約|将近|將近|接近|(?<![最])近|大概)
      | (?P<at_least>(?i:more\sthan|\bover|above|exceed(?:ing|ed|s)?|surpass(?:ing|ed|es)?|\btop(?:ped|ping|s)
        |at\sleast|no\sless\sthan|not\sless\sthan|floor\sof)
        |超过|超過|逾|高于|高於|不低于|不低於|不少于|不少於|多于|多於|突破|至少|超)
      | (?P<at_most>(?i:less\sthan|fewer\sthan|\bunder|below|up\sto|at\smost|no\smore\sthan|not\smore\sthan
        |ceiling\sof|cap\sof)
        |不到|不超过|不超過|低于|低於|不足|少于|少於|不高于|不高於|控制在|最多|至多)
    )\s?$""",
    re.VERBOSE,
)
# NOTE: physical units between a figure and its right qualifier: 1亿千瓦以上, 500万吨左右.
ZH_MEASURE_UNITS = "万千瓦时|万千瓦|千瓦时|千瓦|吨|噸|公里|平方米|立方米|标准箱|標準箱"
QUALIFIER_RIGHT = re.compile(
    rf"""\s?(?:[{COUNT_WORDS}]|{ZH_MEASURE_UNITS})?(?:(?P<approx>左右|上下|(?i:left\sand\sright|or\sso\b|or\sthereabouts))
      | (?P<at_least>以上|有余|有餘|(?i:or\smore|or\sabove|and\sabove))
      | (?P<at_most>以下|以内|以內|(?i:or\sless|or\sbelow|and\sbelow)))""",
    re.VERBOSE,
)
# NOTE: 约占全球的四分之三, 约占全国的30%: 约 qualifies the share verb, not the number.
ZH_APPROX_SHARE = re.compile(r"(?:约|約)(?:占|佔)[^,;:]{0,16}$")
MEASURE_LEXICON = Lexicon(MEASURE_CUES)
TARGET_LEXICON = Lexicon(TARGET_CUES)
SUBJECT_LEXICON = Lexicon(SUBJECT_CUTS)
# NOTE: 到2025年 opens a goal, but 增加到2020年的… is a verb reaching a level: 到 counts only at a
# clause start or after a planning word (力争到, 预计到, 目标是到, 将到).
TARGET_YEAR = re.compile(
    r"(?:^|(?<=[^\u4e00-\u9fff])|(?<=[争爭计計划劃标標是将將要期拟擬]))到(?:19|20)\d\d年"
)
# NOTE: "the 8 percent target", "a 5% growth goal", 5%左右的预期目标: the goal is named after
# the figure.
TARGET_AFTER = re.compile(
    r"\s?(?:(?i:(?:(?:annual|economic|growth|gdp|official)\s)*(?:target|goal|objective)s?\b)"
    r"|(?:左右)?的?(?:预期|預期)?(?:目标|目標))"
)
# NOTE: "By 2020, ..." is a goal unless the sentence is in the past tense ("exceeded 225,000 by
# the end of 2019").
EN_BY_YEAR = re.compile(r"(?i:\bby\s(?:the\send\sof\s)?(?:19|20)\d\d\b)")
PAST_TENSE = re.compile(r"(?i:\b(?:was|were|had|has|have|grew|rose|stood|fell|\w+ed)\b)|已|了")
CLAUSE_DELIMITERS = ",;:"
LIST_CONNECTOR = re.compile(
    r"\s?(?:,|、|;|和|与|與|及|以及|或|(?i:and|or|to|as\swell\sas|respectively))?\s?(?:(?i:and|to)\s)?$"
)
BARE_LIST_CONNECTOR = re.compile(r"\s?(?:,|、|和|与|與|及|至|到|-|~|～|—|–|(?i:and|or|to))\s?")
# NOTE: a clause without a cue of its own measures the same as the figure before it in the
# sentence ("compared with 6.5%", "manufacturing by 3.0 percent"); after a bare "by" it
# also shares its direction.
ELLIPSIS_BY = re.compile(r"(?i:\bby)\s?$")
# NOTE: "up from 6.5 trillion yuan in 2020", 由…: the starting point of a target, not the goal.
BASELINE_BEFORE = re.compile(r"(?i:\bfrom)\s?$|由$|从$|從$")
YEAR_TOKEN = re.compile(r"(?:19|20)\d\d\s?年?")
# NOTE: windows of context read around a figure, in characters; they bound the work per
# figure on long machine-translated sentences.
LEFT_WINDOW, CLAUSE_WINDOW, RIGHT_WINDOW = 160, 200, 60
NEWLINE = re.compile("\n")
# NOTE: how many sentences back a figure without a period looks for one in its paragraph.
INHERIT_SENTENCES = 20
# NOTE: words trimmed from the ends of a subject ("the", "in", 其中 ...).
SUBJECT_EDGE_WORDS = frozenset("the in by of and while during as for which among them its has had".split())
SUBJECT_ZH_PREFIXES = ("其中", "全年", "其")


def extract_figures(
    text: str,
    lang: str | None = None,
    *,
    document_date: str | dt.date | None = None,
    document_title: str | None = None,
) -> pd.DataFrame:
    """Extract every figure of a text, with its unit, measure and context.

    Parameters
    ----------
    text : str
        Raw or normalised text; it is normalised first (see ``normalize_text``).
    lang : {"en", "zh", None}
        Language of the text; None means detect it.
    document_date : str or date, optional
        The document's date (``2019-07-15``, ``2018-08`` or ``2020``). When given, the text
        is read as one document: yearless and relative periods (上半年, "In December",
        去年) resolve against the date, and a figure whose sentence states no period takes
        the period of the nearest earlier sentence of its paragraph, else the document's
        reporting period (see :mod:`sei_analysis.extract.dating`).
    document_title : str, optional
        The document's title, read for its reporting period ("2019年上半年国民经济运行情况").

    Returns
    -------
    pandas.DataFrame
        One row per figure, columns ``FIGURE_COLUMNS``: ``value`` (float, signed; percent
        in percent, currency in units), ``unit``, ``currency`` (ISO code), ``measure``,
        ``qualifier``, ``is_target``, ``period`` (code such as ``2018H1``), ``period_basis``
        (how the period was found: ``stated`` in the sentence; ``document date``,
        ``inherited`` or ``document`` only with ``document_date``; None when there is no
        period), ``subject``, ``sentence`` (at most `MAX_SENTENCE_CHARS` long; a longer
        run is cut after a clause mark), ``sentence_start``, ``start``/``end`` (offsets into
        the normalised text) and ``raw``.

    Notes
    -----
    Years, dates, enumeration markers, document numbers, technology names (5G), codes,
    ages and durations (前5个月) are never returned, nor is a year inside a document
    title (《中国制造2025》) taken as a period.  Values follow these rules:

    - a multiple that grows is new/old: 翻一番 and "doubled" 2, "halved" 0.5, and
      增长1.5倍, 是…的2.5倍 and "rose 3.5 times" keep the stated number (1.5, 2.5, 3.5);
    - fractions are shares in percent: "one third of", 三分之一 33.33..., 四分之三 75;
    - a basis point is 0.01 percentage_point: "cut by 10 basis points" is -0.1 (gap);
    - a slower or narrower growth rate is a negative gap (回落, 放缓, "slowed by",
      "narrowed by"), a smaller fall (降幅收窄) a positive one;
    - "In 2016 and 2017 ... 10.5% and 11.0% respectively" gives 2016 and 2017; without
      "respectively"/分别 the two years are the span ``2016-2017``;
    - a clause after a Chinese ";" (；) keeps the period of the clauses before it; a
      year in an earlier sentence is never carried over.

    Examples
    --------
    >>> df = extract_figures("上半年,高技术制造业增加值同比下降1.3%,占比重为14.9%。")
    >>> df[["value", "unit", "measure"]].values.tolist()
    [[-1.3, 'percent', 'growth_rate'], [14.9, 'percent', 'share']]
    >>> extract_figures("In 2018, the index grew by 8.9 percent.").loc[0, "period"]
    '2018'
    """
    if lang not in (None, "en", "zh"):
        raise InputError(f"extract_figures: lang={lang!r}; expected 'en', 'zh' or None")
    date = parse_document_date(document_date)
    normalized = normalize_text(text)
    mentions = _spread_bare_units(find_mentions(normalized), normalized)
    if not mentions:
        return _to_frame([])
    lang = lang or detect_language(normalized)
    rows: list[dict] = []
    previous: dict | None = None
    line_cache: dict[int, tuple[list[int], list[Sentence]]] = {}
    newlines = [m.start() for m in NEWLINE.finditer(normalized)]
    period_cache: dict[int, list] = {}
    past_cache: dict[str, bool] = {}
    for mention in mentions:
        sentence = _sentence_of(normalized, mention.start, lang, line_cache, newlines)
        if sentence.start not in period_cache:
            period_cache[sentence.start] = find_periods(sentence.text)
        same = previous if previous is not None and previous["_sentence"] == sentence.start else None
        row = _read_context(mention, normalized, sentence, same, period_cache[sentence.start], past_cache)
        row["_sentence"] = sentence.start
        row["_run"] = same["_run"] if same is not None and row["_list"] else len(rows)
        if row["period"] is None and not period_cache[sentence.start]:
            row["period"] = _clause_period(normalized, sentence.start)
        if not row["is_target"] and _in_goal_list(normalized, sentence.start):
            row["is_target"] = True
        row["period_basis"] = "stated" if row["period"] is not None else None
        if row["period"] is None and date is not None:
            at = (mention.start - sentence.start, mention.end - sentence.start)
            row["period"] = relative_period(
                period_cache[sentence.start], *at, sentence.text, date, row["is_target"]
            )
            row["period_basis"] = "document date" if row["period"] is not None else None
        rows.append(row)
        previous = row
    rows = _spread_listed_years(rows, period_cache)
    if date is not None:
        rows = _inherit_periods(rows, normalized, date, document_title, line_cache, newlines)
    return _to_frame(rows)


def _inherit_periods(
    rows: list[dict], text: str, date, title: str | None, line_cache: dict, newlines: list[int]
) -> list[dict]:
    """A figure without a period takes its paragraph's last stated one, else the document's."""
    stated: dict[int, str | None] = {}
    document: list[str | None] = []
    for row in rows:
        if row["period"] is not None:
            continue
        line_start, _ = _line_bounds(text, row["_sentence"], newlines)
        starts, sentences = line_cache[line_start]
        index = bisect.bisect_right(starts, row["_sentence"]) - 1
        for earlier in reversed(sentences[max(0, index - INHERIT_SENTENCES) : index]):
            if earlier.start not in stated:
                stated[earlier.start] = stated_period(earlier.text, date)
            if stated[earlier.start] is not None:
                row["period"], row["period_basis"] = stated[earlier.start], "inherited"
                break
        else:
            if not document:
                document.extend(_document_period(text, date, title))
            period, from_sentence = document
            if period is not None and from_sentence != row["_sentence"]:
                row["period"], row["period_basis"] = period, "document"
    return rows


def _document_period(text: str, date, title: str | None) -> tuple[str | None, int | None]:
    """The reporting period the title states, else the text's first sentence (and that sentence's offset).

    A figure in that first sentence does not take it: its own clause was read already.
    """
    found = stated_period(title, date) if title else None
    if found is not None:
        return found, None
    first = next((s for s in split_sentences(text[:2000]) if s.text.strip()), None)
    return (stated_period(first.text, date), first.start) if first is not None else (None, None)


def _clause_period(text: str, start: int) -> str | None:
    """The period of the clauses before ``start`` when ";" (；) cut a sentence: "2023年10月份,
    进出口总值3.53万亿元;其中,出口1.94万亿元" reports on October 2023 throughout."""
    head = text[max(0, start - 400) : start].rstrip()
    if not head.endswith(";"):
        return None
    cut = max(head.rfind(mark) for mark in "。!?\n")
    chunk = head[cut + 1 :]
    return period_for(find_periods(chunk), len(chunk), len(chunk), chunk)


def _in_goal_list(text: str, start: int) -> bool:
    """True when ";" (；) cut a sentence whose first clause opened a list of goals with a colon:
    "主要预期目标是:国内生产总值增长5%左右;城镇调查失业率5.5%左右"."""
    head = text[max(0, start - 400) : start].rstrip()
    if not head.endswith(";"):
        return False
    cut = max(head.rfind(mark) for mark in "。!?\n")
    return bool(TARGET_LIST_HEAD.search(head[cut + 1 :]))


def _spread_listed_years(rows: list[dict], period_cache: dict[int, list]) -> list[dict]:
    """ "In 2019 and 2020 ... 8.8% and 7.1% respectively": each figure of a list takes its year."""
    by_sentence: dict[int, list[dict]] = {}
    for row in rows:
        by_sentence.setdefault(row["_sentence"], []).append(row)
    for sentence_start, periods in period_cache.items():
        in_sentence = by_sentence.get(sentence_start, [])
        listed = {p.year: p.listed for p in periods if p.listed}
        if not listed:
            _spread_listed_months(in_sentence, periods)
            continue
        runs: dict[int, list[dict]] = {}
        for row in in_sentence:
            if row["period"] in listed:
                runs.setdefault(row["_run"], []).append(row)
        for run in runs.values():
            years = listed[run[0]["period"]]
            if len(run) == len(years) and RESPECTIVELY.search(run[0]["sentence"]):
                for row, year in zip(run, years, strict=True):
                    row["period"] = year
    return rows


def _spread_listed_months(run: list[dict], periods: list) -> None:
    """ "5%, 5.6% and 5.3% in March, April and May 2024, respectively": one month each.

    ``run`` is every row of one sentence, in order.
    """
    months = [p for p in periods if MONTH_SUFFIX.fullmatch(p.suffix)]
    years = {p.year for p in periods if p.year is not None}
    if len(months) < 2 or len(years) != 1 or len(months) != len(periods):
        return
    year = years.pop()
    if len(run) == len(months) and len({row["_run"] for row in run}) == 1:
        if RESPECTIVELY.search(run[0]["sentence"]):
            for row, month in zip(run, months, strict=True):
                row["period"] = year + month.suffix


def _line_bounds(text: str, pos: int, newlines: list[int]) -> tuple[int, int]:
    """Start and end of the line holding ``pos``, from the offsets of every newline."""
    at = bisect.bisect_left(newlines, pos)
    start = newlines[at - 1] + 1 if at > 0 else 0
    end = newlines[at] if at < len(newlines) else len(text)
    return start, end


def _sentence_of(text: str, pos: int, lang: str, cache: dict, newlines: list[int]) -> Sentence:
    """The sentence holding offset ``pos``; only the lines that hold figures are split."""
    line_start, line_end = _line_bounds(text, pos, newlines)
    if line_start not in cache:
        sentences = [
            Sentence(s.start + line_start, s.end + line_start, s.text)
            for s in split_sentences(text[line_start:line_end], lang)
        ]
        cache[line_start] = ([s.start for s in sentences], sentences)
    starts, sentences = cache[line_start]
    index = max(bisect.bisect_right(starts, pos) - 1, 0)
    return sentences[index]


def _spread_bare_units(mentions: list[Mention], text: str) -> list[Mention]:
    """A bare number before "and/和/-" and a number with a unit takes that unit (3.9和6.2个百分点)."""
    for i in range(len(mentions) - 2, -1, -1):
        here, after = mentions[i], mentions[i + 1]
        if not here.bare or after.bare or after.unit == "count":
            continue
        gap = text[here.end : after.start]
        if len(gap) > 12 or not BARE_LIST_CONNECTOR.fullmatch(gap):
            continue
        scale = after.scale if after.unit in ("currency", "number") else 1.0
        if not math.isfinite(here.value * scale):
            continue
        mentions[i] = here._replace(
            value=here.value * scale, unit=after.unit, currency=after.currency, bare=False
        )
    return mentions


def _read_context(
    mention: Mention, text: str, sentence: Sentence, previous: dict | None, periods: list, past: dict
) -> dict:
    """Sign, measure, qualifier, target, period and subject of one mention."""
    s_text, rel_start, rel_end = sentence.text, mention.start - sentence.start, mention.end - sentence.start
    left = s_text[max(0, rel_start - CLAUSE_WINDOW) : rel_start]
    clause_start = _clause_start(left)
    previous_end = previous["_rel_end"] - (rel_start - len(left)) if previous else 0
    local_from = max(clause_start, previous_end)
    local = left[local_from:]
    right = s_text[rel_end : rel_end + RIGHT_WINDOW]

    qualifier, local_for_cues = _qualifier(mention, local, right)
    continues_list = previous is not None and bool(LIST_CONNECTOR.fullmatch(local))
    cues = [kind for _, _, kind in MEASURE_LEXICON.find(local_for_cues)]
    if set(cues) <= {"state"} and not (continues_list and mention.unit == previous["unit"]):
        cues = [kind for _, _, kind in MEASURE_LEXICON.find(left[clause_start:local_from])] + cues
    raw = text[mention.start : mention.end]
    same_unit = None
    if previous is not None and previous["unit"] == mention.unit:
        same_unit = previous["measure"]
    measure, sign = _measure_and_sign(mention, raw, cues, right, local_for_cues, same_unit)
    if same_unit is not None and set(cues) <= {"state"} and ELLIPSIS_BY.search(local_for_cues):
        sign = previous["_sign"]  # "mining rose 7.3 percent, manufacturing by 3.0 percent"
    if continues_list and set(cues) <= {"state"} and mention.unit == previous["unit"]:
        measure, sign = previous["measure"], previous["_sign"]
        if qualifier == "exact":
            qualifier = previous["qualifier"]
    value = -abs(mention.value) if sign < 0 else mention.value
    period = period_for(periods, rel_start, rel_end, s_text)
    if period is not None and EARLIER_AFTER.match(right):
        period = _year_before(period) if ONE_YEAR_EARLIER.match(right) else None
    subject = _subject(left[clause_start:]) or (previous["subject"] if previous else None)
    target_window = s_text[max(0, rel_start - LEFT_WINDOW) : rel_start]
    is_target = _is_target(target_window, s_text, past) and not BASELINE_BEFORE.search(local[-12:])
    is_target = is_target or bool(TARGET_AFTER.match(right))
    unit = mention.unit
    if unit == "number" and mention.scale > 1 and PLAIN_AFTER.match(right):
        unit = "count" if COUNTED_LEFT.search(left[clause_start:]) else unit
    return {
        "value": value, "unit": unit, "currency": mention.currency, "measure": measure,
        "qualifier": qualifier, "is_target": is_target,
        "period": period, "subject": subject, "sentence": s_text, "sentence_start": sentence.start,
        "start": mention.start, "end": mention.end, "raw": raw, "_sign": sign, "_rel_end": rel_end,
        "_list": continues_list and mention.unit == previous["unit"],
    }  # fmt: skip


def _year_before(period: str) -> str | None:
    """The same period one year earlier: 2023 -> 2022, 2024Q1 -> 2023Q1; spans give None."""
    match = SIMPLE_PERIOD.fullmatch(period)
    return f"{int(match.group(1)) - 1}{match.group(2) or ''}" if match else None


def _clause_start(left: str) -> int:
    """Offset just after the last clause delimiter (not a thousands comma) in ``left``."""
    best = 0
    for delimiter in CLAUSE_DELIMITERS:
        pos = left.rfind(delimiter)
        while pos > 0 and left[pos - 1 : pos].isdigit() and left[pos + 1 : pos + 2].isdigit():
            pos = left.rfind(delimiter, 0, pos)
        best = max(best, pos + 1)
    return best


def _qualifier(mention: Mention, local: str, right: str) -> tuple[str, str]:
    """The qualifier, and the left context without the qualifier words (低于 as a bound)."""
    if mention.more:
        return "at_least", local
    match = QUALIFIER_LEFT.search(local[-24:].lower())
    if match:
        return match.lastgroup, local[: len(local) - len(match.group())]
    match = QUALIFIER_RIGHT.match(right)
    if match:
        return match.lastgroup, local
    if ZH_APPROX_SHARE.search(local):
        return "approx", local
    return "exact", local


def _measure_and_sign(
    mention: Mention, raw: str, cues: list, right: str, local: str, previous_measure: str | None = None
) -> tuple[str, int]:
    """Measure of the figure and its direction (+1 or -1)."""
    direction = _directions(cues)
    named = [kind for kind in cues if kind != "state"]
    if cues and cues[-1] == "state":
        sign = -1 if named and named[-1] == "decline" else 1  # "rose to 5%" +5, 降幅为2.1% -2.1
    else:
        sign = -1 if direction and direction[-1] == "fall" else 1
    if THAN_LEFT.search(local[-16:]):
        sign = 1  # "slower than the 5.3 percent pace": the compared rate itself, as stated
    comparative = RIGHT_COMPARATIVE.match(right)
    if comparative:
        sign = -1 if comparative.lastgroup == "down" else 1
    direction_after = (
        RIGHT_DIRECTION.match(right) if mention.unit in ("percent", "percentage_point") else None
    )
    if direction_after:
        sign = -1 if direction_after.lastgroup == "down" else 1
        if mention.unit == "percent" and not comparative:
            return "growth_rate", sign
    unit = mention.unit
    if unit == "percentage_point":
        return "gap", sign
    if unit == "multiple":
        if DOUBLING.search(raw) or GROWTH_VERB_NEAR.search(local[-24:]):
            return "growth_rate", 1
        return "relative_gap", sign if comparative else 1
    if unit != "percent":
        return "level", 1
    zh_relative = ZH_RELATIVE_LEFT.search(local)
    if comparative or (zh_relative and (zh_relative.group().endswith("出") or re.search("比|较|較", local))):
        return "relative_gap", sign
    if RIGHT_SHARE.match(right):
        return "share", 1
    reached = bool(cues) and cues[-1] == "state"  # "rose to 15%", 达到: a level, verbs say nothing
    for i in range(len(cues) - 1, -1, -1):
        kind = cues[i]
        if kind == "share":
            return "share", 1
        if kind in ("growth", "decline") and _share_heads(cues[:i]):
            return "share", 1  # "contribution to growth", 占…增长的比重: growth only qualifies a share
        if kind in ("growth", "decline") or (kind in ("rise", "fall", "widen", "narrow") and not reached):
            return "growth_rate", sign
    if RIGHT_GROWTH.match(right):
        return "growth_rate", sign
    if previous_measure is not None:
        return previous_measure, 1  # no cue of its own: as the figure before it
    return "share", 1


def _directions(cues: list[str]) -> list[str]:
    """Rise/fall cues in order, "widen"/"narrow" resolved against the one before them."""
    directions: list[str] = []
    for kind in cues:
        if kind in ("rise", "fall", "decline"):
            directions.append("fall" if kind == "decline" else kind)
        elif kind in ("widen", "narrow"):
            falling = bool(directions) and directions[-1] == "fall"
            directions.append("fall" if falling == (kind == "widen") else "rise")
    return directions


def _share_heads(cues: list[str]) -> bool:
    """True when a share cue comes before, with no rise or fall verb in between."""
    for kind in reversed(cues):
        if kind == "share":
            return True
        if kind in ("rise", "fall", "widen", "narrow"):
            return False
    return False


def _is_target(left: str, sentence: str, past: dict[str, bool] | None = None) -> bool:
    """True when a planning cue comes shortly before the figure in its sentence.

    ``past`` caches, per sentence, whether it is in the past tense ("exceeded ... by 2019").
    """
    if TARGET_LEXICON.find(left) or TARGET_YEAR.search(left):
        return True
    if not ("by " in left.lower() and EN_BY_YEAR.search(left)):
        return False
    past = {} if past is None else past
    if sentence not in past:
        past[sentence] = bool(PAST_TENSE.search(sentence))
    return not past[sentence]


def _subject(clause: str) -> str | None:
    """What the figure measures: the words before the clause's verb, trimmed."""
    clause = clause[-120:]
    cuts = SUBJECT_LEXICON.find(clause)
    head = clause[: cuts[0][0]] if cuts else clause
    head = YEAR_TOKEN.sub(" ", head)
    head = _trim_subject(head)
    if len(head) < 2 or any(ch.isdigit() for ch in head[-3:]):
        return None
    return head[-80:]


def _trim_subject(head: str) -> str:
    """Drop edge words and punctuation: "the value added of SEI" -> "value added of SEI"."""
    words = head.strip(" ,、的\t").split()
    while words and words[0].lower() in SUBJECT_EDGE_WORDS:
        words.pop(0)
    while words and words[-1].lower() in SUBJECT_EDGE_WORDS:
        words.pop()
    head = " ".join(words).strip(" ,、的")
    for prefix in SUBJECT_ZH_PREFIXES:
        head = head.removeprefix(prefix)
    return head.strip(" ,、的")


def _to_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows to the typed figure table; an empty table keeps every column and dtype."""
    import numpy as np  # noqa: PLC0415  (lazy: keeps `import sei_analysis.extract` cheap)
    import pandas as pd  # noqa: PLC0415

    # NOTE: each column is built in its dtype at once; a frame of objects cast afterwards
    # (DataFrame(...).astype) took 3.5x longer, a third of the time on a short release.
    data = {}
    for column in FIGURE_COLUMNS:
        values = [row[column] for row in rows]
        dtype = FIGURE_DTYPES[column]
        data[column] = pd.array(values, dtype="str") if dtype == "str" else np.array(values, dtype=dtype)
    return pd.DataFrame(data, columns=FIGURE_COLUMNS, copy=False)
