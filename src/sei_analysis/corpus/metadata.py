"""The fields of a new provenance record: dates, languages and readable ids.

Dates are stored as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` strings, the precision the
document states. A date given with ``--date`` must be one of those forms, a real
calendar date, and not in the future; a date read from a document may be written in any
of the ways documents write them (``2024-03-18 10:00``, ``2024-03-18T16:04:00+08:00``,
``2024年3月18日``, ``D:20240318102000+08'00'``, ``Mar 18, 2024``) and is kept as written
locally (no time-zone conversion).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sei_analysis.corpus.text import detect_language
from sei_analysis.errors import DocumentError

__all__ = [
    "ID_PATTERN",
    "LANGUAGES",
    "check_date",
    "check_id",
    "detect_script",
    "make_id",
    "parse_date",
]

# NOTE: the language tags sources.yml uses; `pipeline.EXTRACT_LANG` maps each to the
# extractor's "en" or "zh".
LANGUAGES = ("en", "zh-Hans", "zh-Hant")
# NOTE: ids are what `sei review --doc ID` takes and what every figure row carries: a
# restricted character set, so an id can never name a path ("../../x") or break a CSV.
ID_PATTERN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,78}[A-Za-z0-9])?$")
MAX_ID_LENGTH = 60
OPTION_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# NOTE: the first year a document here can be from (the SEI programme began in 2010; older
# statistics are sometimes cited, never published, before this).
MIN_YEAR = 1949
MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
DOC_DATES = (
    re.compile(r"^D:(\d{4})(\d{2})?(\d{2})?"),  # PDF dates
    re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:$|[\sT])"),
    re.compile(r"^(\d{4})\s*[-/年]\s*(\d{1,2})\s*月?$"),
    re.compile(r"^(\d{4})\s*年?$"),
)
EN_DATE = re.compile(r"^(?:[A-Za-z]+day,?\s+)?([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b")
EN_DATE_DMY = re.compile(r"^(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})\b")

# NOTE: characters that only traditional (or only simplified) Chinese writes, common in
# policy texts: 國/国, 發/发, 產/产, 業/业, 經/经, 濟/济, ... The script with more of them wins.
TRADITIONAL_ONLY = frozenset(
    "國發產業經濟會為對與實現進區長開關說時號務將體總從當點動還給門問題東車書員標導數據計劃"
)
SIMPLIFIED_ONLY = frozenset(
    "国发产业经济会为对与实现进区长开关说时号务将体总从当点动还给门问题东车书员标导数据计划"
)

# NOTE: short, stable names for the publishers economists add most, for readable ids;
# any other publisher's latin words are used, and a Chinese name not listed is left out.
PUBLISHER_SLUGS = (
    (("国家统计局", "national bureau of statistics", "nbs", "stats.gov.cn"), "nbs"),
    (
        ("国家发展和改革委员会", "国家发展改革委", "发展改革委", "ndrc", "national development and reform"),
        "ndrc",
    ),
    (("工业和信息化部", "工信部", "miit", "ministry of industry and information"), "miit"),
    (("科学技术部", "科技部", "ministry of science and technology"), "most"),
    (("财政部", "ministry of finance"), "mof"),
    (("中国人民银行", "people's bank of china", "pboc"), "pboc"),
    (("国务院新闻办公室", "国新办", "state council information office", "scio"), "scio"),
    (("国务院", "state council"), "state-council"),
    (("中国政府网", "www.gov.cn", "gov.cn"), "gov-cn"),
    (("新华社", "新华网", "xinhua"), "xinhua"),
    (("人民日报", "人民网", "people's daily", "people.cn"), "peoples-daily"),
    (("中国日报", "china daily", "chinadaily"), "china-daily"),
    (("中国信息通信研究院", "信通院", "caict"), "caict"),
)
# NOTE: words of Chinese titles, with the English words a readable id uses for them, in
# the order tried (longer terms first, so 高技术制造业 wins over 高技术).
TITLE_TERMS = (
    ("战略性新兴产业", "sei"), ("高技术制造业", "hitech-manufacturing"), ("高技术产业", "hitech"),
    ("国民经济", "economy"), ("国内生产总值", "gdp"), ("规模以上工业", "industry"),
    ("工业增加值", "industry"), ("工业生产", "industry"), ("固定资产投资", "investment"),
    ("社会消费品零售", "retail"), ("居民消费价格", "cpi"), ("工业生产者", "ppi"),
    ("采购经理指数", "pmi"), ("服务业", "services"), ("能源", "energy"), ("数字经济", "digital-economy"),
    ("统计公报", "communique"), ("指导意见", "guiding-opinions"), ("规划", "plan"), ("通知", "notice"),
    ("新闻发布会", "press-conference"), ("经济运行", "economy"), ("意见", "opinions"),
)  # fmt: skip
# NOTE: English words left out of ids.
ID_STOPWORDS = frozenset("a an and at by for from in of on the to with its is are as s".split())
MAX_TITLE_WORDS = 4


def check_date(value: str, field: str = "--date", today: dt.date | None = None) -> str:
    """Return a date given by hand if it is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, real and past.

    Raises
    ------
    DocumentError
        Naming the field, the value and the forms expected.

    Examples
    --------
    >>> check_date("2024-03-18")
    '2024-03-18'
    >>> check_date("2024-02-30")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sei_analysis.errors.DocumentError: --date '2024-02-30': not a calendar date; expected YYYY, ...
    """
    match = OPTION_DATE.match(value.strip()) if isinstance(value, str) else None
    expected = "expected YYYY, YYYY-MM or YYYY-MM-DD"
    if not match:
        raise DocumentError(f"{field} {value!r}: not a date; {expected}")
    parsed = _make_date(*match.groups())
    if parsed is None:
        raise DocumentError(f"{field} {value!r}: not a calendar date; {expected}")
    today = today or dt.date.today()
    if parsed[1] > today:
        raise DocumentError(f"{field} {value!r}: in the future (today is {today.isoformat()})")
    if parsed[1].year < MIN_YEAR:
        raise DocumentError(f"{field} {value!r}: before {MIN_YEAR}; {expected}")
    return parsed[0]


def parse_date(value: str, today: dt.date | None = None) -> str | None:
    """Read a date as documents write it; None when it is no date, unreal or in the future.

    Examples
    --------
    >>> parse_date("2024-03-18 10:00"), parse_date("2024年3月18日"), parse_date("D:20240318102000+08'00'")
    ('2024-03-18', '2024-03-18', '2024-03-18')
    >>> parse_date("Mar 18, 2024"), parse_date("2024-03-18T16:04:00+08:00"), parse_date("soon")
    ('2024-03-18', '2024-03-18', None)
    """
    value = (value or "").strip()
    groups = None
    for pattern in DOC_DATES:
        match = pattern.match(value)
        if match:
            groups = (*match.groups(), None, None)[:3]
            break
    if groups is None:
        for pattern, order in ((EN_DATE, (2, 0, 1)), (EN_DATE_DMY, (2, 1, 0))):
            match = pattern.match(value)
            month = MONTHS.get(match.group(order[1] + 1)[:3].lower()) if match else None
            if month:
                parts = match.groups()
                groups = (parts[order[0]], f"{month:02d}", parts[order[2]])
                break
    if groups is None:
        return None
    parsed = _make_date(*groups)
    today = today or dt.date.today()
    if parsed is None or parsed[1] > today or parsed[1].year < MIN_YEAR:
        return None
    return parsed[0]


def _make_date(year: str, month: str | None, day: str | None) -> tuple[str, dt.date] | None:
    """(the stored string, the earliest day it covers), or None if not a calendar date."""
    try:
        first = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    if day:
        return first.isoformat(), first
    if month:
        return f"{first.year:04d}-{first.month:02d}", first
    return f"{first.year:04d}", first


def detect_script(text: str) -> str:
    """``en``, ``zh-Hans`` or ``zh-Hant``: `detect_language`, then the script by its characters.

    Examples
    --------
    >>> detect_script("國內生產總值增長"), detect_script("国内生产总值增长"), detect_script("GDP grew")
    ('zh-Hant', 'zh-Hans', 'en')
    """
    if detect_language(text) == "en":
        return "en"
    sample = text[:50000]
    traditional = sum(sample.count(ch) for ch in TRADITIONAL_ONLY)
    simplified = sum(sample.count(ch) for ch in SIMPLIFIED_ONLY)
    return "zh-Hant" if traditional > simplified else "zh-Hans"


def check_id(value: str) -> str:
    """Return an id given with ``--id`` if it fits ``ID_PATTERN``; else `DocumentError`.

    Examples
    --------
    >>> check_id("nbs-2024-03")
    'nbs-2024-03'
    """
    if not isinstance(value, str) or not ID_PATTERN.match(value) or ".." in value:
        raise DocumentError(
            f"--id {value!r}: expected 1 to 80 letters, digits, '.', '_' or '-', starting and ending "
            "with a letter or digit (no '/', no '..')"
        )
    return value


def make_id(
    publisher: str | None, date: str | None, title: str | None, taken: set[str], file_name: str = ""
) -> str:
    """A readable id, unique among ``taken``: publisher, date and a few title words.

    When the title gives no words (a Chinese title without a listed term), the latin
    words of the file name stand in for them.

    Examples
    --------
    >>> make_id("国家统计局", "2024-03-18", "2024年1—2月份国民经济起步平稳", set())
    'nbs-2024-03-18-economy'
    >>> make_id("Xinhua", "2024", "China's economy starts", {"xinhua-2024-china-economy-starts"})
    'xinhua-2024-china-economy-starts-2'
    >>> make_id(None, "2024-04-22", "一、总体情况", set(), file_name="ndrc_notice_12.pdf")
    '2024-04-22-ndrc-notice-12'
    """
    what = _title_slug(title) or "-".join(re.findall(r"[a-z0-9]+", Path(file_name).stem.lower())[:3])
    parts = [p for p in (_publisher_slug(publisher), date, what or "doc") if p]
    base = _slug("-".join(parts))[:MAX_ID_LENGTH].strip("-._")
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _publisher_slug(publisher: str | None) -> str:
    """The short name of a publisher (see PUBLISHER_SLUGS), else its first latin words."""
    if not publisher:
        return ""
    low = publisher.lower()
    for names, slug in PUBLISHER_SLUGS:
        if any(name in low for name in names):
            return slug
    words = [w for w in re.findall(r"[a-z0-9]+", low) if w not in ID_STOPWORDS]
    return "-".join(words[:3])


def _title_slug(title: str | None) -> str:
    """A few words of the title: latin words, or the English words of its Chinese terms."""
    if not title:
        return ""
    if detect_language(title) == "zh":
        words: list[str] = []
        for term, slug in TITLE_TERMS:
            if term in title and slug not in words:
                words.append(slug)
        return "-".join(words[:2])
    words = [w for w in re.findall(r"[a-z0-9]+", title.lower().replace("'s", "")) if w not in ID_STOPWORDS]
    return "-".join(words[:MAX_TITLE_WORDS])


def _slug(text: str) -> str:
    """Lower-case letters, digits and single dashes."""
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9.-]+", "-", text.lower())).strip("-")
