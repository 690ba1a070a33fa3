"""One chart in every language: build it once per language, save and show them together.

A notebook writes::

    growth = charts.in_languages(charts.growth_vs_industry, comparison, languages=languages)
    growth.save(figures_dir or None)     # growth_vs_industry.* and growth_vs_industry.zh.*
    growth                                # shows each language's chart
"""

from __future__ import annotations

import base64
import os
from collections.abc import Callable, Iterable
from typing import Any

from sei_analysis.charts.base import Chart
from sei_analysis.charts.catalogue import LANGUAGES, check_lang
from sei_analysis.errors import InputError


class ChartSet(dict):
    """Language -> :class:`Chart`, in the order asked for."""

    def save(self, out_dir: str | os.PathLike | None = None, **kwargs: Any) -> list:
        """Save every language's chart (``<name>.*``, ``<name>.zh.*``); returns the `SavedFigure`\\ s."""
        return [chart.save(out_dir, **kwargs) for chart in self.values()]

    @property
    def first(self) -> Chart:
        return next(iter(self.values()))

    def _repr_html_(self) -> str:
        parts = []
        for lang, chart in self.items():
            png = base64.b64encode(chart._repr_png_()).decode("ascii")
            parts.append(
                f'<figure><img alt="{chart.alt or chart.title}" src="data:image/png;base64,{png}"/>'
                f"<figcaption>{lang}</figcaption></figure>"
            )
        return "\n".join(parts)


def in_languages(
    builder: Callable[..., Chart], *args: Any, languages: Iterable[str] = LANGUAGES, **kwargs: Any
) -> ChartSet:
    """Call ``builder(*args, lang=lang, **kwargs)`` per language; `InputError` on an unknown one."""
    langs = list(dict.fromkeys(languages))
    if not langs:
        raise InputError(f"languages: expected at least one of {', '.join(LANGUAGES)}, got none")
    for lang in langs:
        check_lang(lang)
    return ChartSet((lang, builder(*args, lang=lang, **kwargs)) for lang in langs)
