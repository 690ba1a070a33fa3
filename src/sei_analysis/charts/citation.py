"""The one citation string of a chart or a briefing: title, sei-analysis, run, date, commit, sources.

A briefing author pastes it under a chart; it sits in each ``meta.json`` and on the deck's
closing slide.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable

from sei_analysis.charts import catalogue

# NOTE: the report runner names the run in this variable for every notebook kernel.
ENV_RUN_ID = "SEI_RUN_ID"
SHORT_COMMIT = 10


def current_run_id() -> str | None:
    """The run id the report runner set (``$SEI_RUN_ID``), or None outside a run."""
    return os.environ.get(ENV_RUN_ID) or None


def today() -> str:
    """Today's date (UTC), ISO."""
    return dt.datetime.now(dt.UTC).date().isoformat()


def citation(
    title: str,
    sources: Iterable[str],
    *,
    lang: str = "en",
    run_id: str | None = None,
    date: str | None = None,
    commit: str | None = None,
) -> str:
    """The citation string, in ``lang``.

    Examples
    --------
    >>> citation("Growth slowed", ["NBS", "MIIT"], run_id="r1", date="2026-12-01", commit="0123456789abcdef")
    'Growth slowed. sei-analysis, run r1, 2026-12-01, commit 0123456789. Primary sources: NBS; MIIT.'
    """
    names = list(dict.fromkeys(s for s in sources if s)) or [catalogue.text("source.calculation", lang)]
    return catalogue.text(
        "cite.text",
        lang,
        title=title.rstrip(".。"),
        run_id=run_id or catalogue.text("cite.no_run", lang),
        date=date or today(),
        commit=commit[:SHORT_COMMIT] if commit else catalogue.text("cite.no_commit", lang),
        sources=catalogue.text("source.sep", lang).join(names),
    )
