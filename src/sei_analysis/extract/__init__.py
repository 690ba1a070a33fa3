"""The extract stage: figures out of normalised text, one typed row per figure.

Read the modules in the order the text goes through them:

- ``sentences``: cut the text into sentences with their offsets;
- ``numwords`` and ``numbers``: numerals, number words and scale words (亿, billion);
- ``cues``: the vocabularies of measures, qualifiers, targets and subjects;
- ``period_text``: the period a sentence states;
- ``figures``: `extract_figures`, which puts them together (open it first);
- ``evaluate``: score `extract_figures` against the labelled set in ``tests/extract/labelled``.
"""

from __future__ import annotations

from sei_analysis.extract.figures import (
    FIGURE_COLUMNS,
    FIGURE_DTYPES,
    MEASURES,
    QUALIFIERS,
    UNITS,
    extract_figures,
)

__all__ = ["FIGURE_COLUMNS", "FIGURE_DTYPES", "MEASURES", "QUALIFIERS", "UNITS", "extract_figures"]
