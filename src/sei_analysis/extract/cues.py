"""Cue words that give a figure its measure, direction and target flag.

Each vocabulary is a plain mapping phrase -> kind.  Phrases are lower case; a trailing
``*`` marks a stem ("increas*" covers increase, increased, increasing), a trailing ``#``
a word that counts only right before a number (高2.6个百分点), and the kind ``none``
swallows a phrase so that a shorter cue inside it is not read (最高, "up to").

A ``Lexicon`` compiles one vocabulary into a single alternation of literals, which
``re`` scans far faster than a pattern of word-boundary groups.
"""

from __future__ import annotations

import re

__all__ = [
    "COUNTED_LEFT", "Lexicon", "MEASURE_CUES", "PLAIN_AFTER", "SUBJECT_CUTS", "TARGET_CUES",
    "TARGET_LIST_HEAD",
]  # fmt: skip


def _kind(kind: str, *phrases: str) -> dict[str, str]:
    """``{phrase: kind}`` for "|"-separated phrases."""
    return dict.fromkeys("|".join(phrases).split("|"), kind)


# NOTE: what a percentage measures.  The cue nearest before the figure wins; "state"
# cues ("rose to", 提高到, 达到, "was") say a level was reached, so they are skipped and
# the cue before them decides: 比重提高到15% is a share, 增速回落至5% a growth rate.
# "growth" cues name a growth rate without a direction (增速, year on year); "rise" and
# "fall" cues name a direction; "widen" and "narrow" (扩大, 收窄) follow the direction
# before them: 降幅收窄0.8个百分点 is +0.8, 增幅收窄 a fall; "decline" (降幅) names a rate
# of decline: 降幅为2.1% is -2.1.
MEASURE_CUES = {
    **_kind(
        "state",
        "increased to|rose to|grew to|climbed to|raised to|fell to|dropped to|declined to",
        "decreased to|reduced to|slowed to|accelerated to|picked up to|edged up to",
        "edged down to|improved to|reach*|stood at|was|were|is|at|to|from",
        "提高到|提高至|提升至|提升到|加快至|回落至|回升至|回升到|达|達|由|从|從",
        "放缓至|放緩至|增至|增加到|增长到|增長到|升至|降至|降到|下降到|下降至|减少到|減少到|达到|達到|为|為",
    ),
    **_kind(
        "share",
        "accounted for|accounts for|account for|accounting for|made up|make up|makes up|share",
        "shares|proportion*|ratio*|margin*|percentage of|penetration*|utilization rate",
        "utilisation rate|unemployment rate|jobless rate|coverage*|contribut*",
        "of gdp|to gdp|in gdp|of the gdp",
        "of gross domestic product|to gross domestic product|占|佔|比重|比例|份额",
        "之比|比值|强度|強度|intensity|失业率|失業率|份額|利润率|利潤率|贡献率|貢獻率|覆盖率|覆蓋率|普及率|渗透率|滲透率|利用率|占有率",
    ),
    **_kind(
        "fall",
        "decreas*|declin*|fell|fall*|drop*|down|lower|slower|shrank|shrunk|shrink*|contract*",
        "slow*|cut|cuts|cutting|reduc*|negative|slid|slide*|slip*|dip*|plung*|tumbl*|sank|sink*",
        "edged down|lowered|lowering|lowers|trimm*|slash*|slump*|plummet*|eased|eases|easing|retreat*",
        "下降|下滑|回落|下调|下調|调降|調降",
        "减少|減少|降低|低于|低於|萎缩|萎縮|下跌|负增长|負增長|慢于|慢於|低#|慢#|放缓|放緩|减缓|減緩",
    ),
    **_kind(
        "growth",
        "growth|growth rate|growth rates|rate of growth|rates of growth|pace of growth",
        "year on year|year-on-year|year over year|year-over-year|same period",
        "增速|增幅|增长率|增長率|成长率|成長率|同比|环比|環比|涨幅|漲幅",
        "annual rate|annualized rate|annualised rate|增长目标|增長目標|增速目标|增速目標",
    ),
    **_kind("decline", "降幅|跌幅"),
    **_kind("widen", "扩大|擴大|widen*"),
    **_kind("narrow", "收窄|narrow*"),
    **_kind(
        "rise",
        "increas*|rais*|boost*|grew|grow*|rose|rise|rises|risen|rising|up|climb*|expand*",
        "accelerat*|higher|faster|jump*|surg*|soar*|gain*|advanc*|picked up|edged up|outpac*",
        "增长|增長|增加|提高|上升|上涨|上漲|高于|高於|高出|提升|快于|快於|加快|回升|提速",
        "高#|快#",
    ),
    **_kind(
        "none",
        "最高|最低|最快|最慢|up to|per unit of gdp|per unit of gross domestic product",
    ),
}

# NOTE: planned goals.  The cue must come shortly before the figure in its sentence
# (到2025年 is matched separately).  将 counts unless it means "nearly" (将近) or "take"
# (将其); 预计/"expected to" are official forecasts, which the issue counts as targets
# ("beating forecasts of 5.9 percent", analysts' numbers, are not).  "is to reach", "are to
# be cut" are the plan documents' future of obligation.
TARGET_CUES = {
    **_kind(
        "target",
        "striv*|target|targets|targeted to|goal|goals|objective|objectives|aim to|aims to",
        "aimed to|aiming to|aim at|aims at|will|shall|plan to|plans to|planned to|expected to",
        "projected to|proposed to|proposes to|propose to|forecast to|forecasted to|set to|want to|wants",
        "hope to|hopes to|intend*|seek to|seeks to|envisag*|call for|calls for|should",
        "is to reach|are to reach|is to be|are to be|is to rise|are to rise|is to account|are to account",
        "拟|擬|力争|力爭|目标|目標|预计|预测|預測|targeted at|is targeted|are targeted",
        "is set at|are set at|was set at|were set at|budgeted at|is budgeted|are budgeted",
        "floor of|ceiling of|cap of",
        "預計|争取|爭取|确保|確保|将|將|要达|要達|要超|要突破|要实现|要實現|要增|要提|要保持|要占|要佔",
    ),
    **_kind(
        "none",
        "将近|將近|将其|將其|将之|將之",
    ),
}

# NOTE: where the subject of a figure ends: its verb or comparison word.
SUBJECT_CUTS = {
    **_kind(
        "cut",
        "grew|grow*|increas*|rose|fell|declin*|decreas*|dropp*|accounted|account*|was|were|is",
        "reached|stood|registered|recorded|expanded|made up|up|down|than|by|will|should",
        "strive|more than|about|around|over|nearly|同比|环比|環比|比上年|增长|增長|增速|下降|回落|占|佔|达到",
        "達到|达|達|超过|超過|约|約|比|较|較|为|為|力争|力爭|实现|實現|将|將|分别|分別",
    ),
}


# NOTE: "5G base stations exceeded 3.37 million", "users topped 805 million": a scaled English
# number without a noun after it counts the plural noun right before its verb.
COUNTED_LEFT = re.compile(
    r"(?i:\b(?:stations|users|subscribers|enterprises|companies|firms|vehicles|cars|people|jobs"
    r"|visitors|tourists|patents|robots|households|workers|graduates|devices|connections"
    r"|accounts|customers|students|residents|units|sets|projects|platforms)\s(?:[a-z]+\s?){1,2}$)"
)
PLAIN_AFTER = re.compile(
    r"\s?(?:$|[^\w\s]|(?i:(?:by|in|at|and|or|for|from|as|on|to|during|last|this|compared|while"
    r"|with|up|down|year)\b))"
)
# NOTE: "主要预期目标是：…；…；…": a list of goals opened by a colon; the clauses after ; stay goals.
TARGET_LIST_HEAD = re.compile(
    r"(?:目标|目標|(?i:targets?|goals?|objectives?))\s?(?:是|为|為|(?i:are|is))?\s?:"
)


class Lexicon:
    """A vocabulary compiled into one fast alternation of literals.

    Examples
    --------
    >>> Lexicon({"increas*": "rise", "up to": "none", "高#": "rise"}).find("Up to 5, increased 高2")
    [(9, 16, 'rise'), (19, 20, 'rise')]
    """

    def __init__(self, entries: dict[str, str]) -> None:
        self._info: dict[str, tuple[str, bool, bool]] = {}
        for phrase, kind in entries.items():
            key = phrase.rstrip("*#")
            self._info[key] = (kind, phrase.endswith("*"), phrase.endswith("#"))
        keys = sorted(self._info, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(key) for key in keys))

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, kind)`` of every cue in ``text``, English ones on word boundaries."""
        low = text.lower()
        if len(low) != len(text):
            low = text
        found = []
        for match in self.pattern.finditer(low):
            key = match.group()
            kind, stem, before_digit = self._info[key]
            start, end = match.span()
            if key[0].isascii() and key[0].isalpha():
                if start and low[start - 1].isascii() and low[start - 1].isalnum():
                    continue
                if not stem and low[end : end + 1].isascii() and low[end : end + 1].isalpha():
                    continue
            if before_digit and not low[end : end + 2].lstrip()[:1].isdigit():
                continue
            if kind != "none":
                found.append((start, end, kind))
        return found
