"""sei-analysis: China's strategic emerging industries (SEI) from policy texts and published figures.

The public interface (see DESIGN.md)::

    from sei_analysis import normalize_text, extract_figures, load_corpus
    from sei_analysis import scenarios, indicators, charts, report

Attributes are imported lazily, so ``import sei_analysis`` stays cheap: matplotlib,
plotly, statsmodels and papermill load only when a module that needs them is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# NOTE: public name -> module that defines it; resolved on first access (PEP 562).
_LAZY_ATTRS = {
    "normalize_text": "sei_analysis.corpus.text",
    "split_sentences": "sei_analysis.extract.sentences",
    "extract_figures": "sei_analysis.extract.figures",
    "load_corpus": "sei_analysis.corpus.sources",
}
# NOTE: the stage packages and shared modules, importable as attributes (``sei_analysis.charts``).
_LAZY_MODULES = (
    "corpus", "extract", "indicators", "scenarios", "charts", "report", "explore", "cli",
    "config", "errors", "atomic", "pipeline", "build",
)  # fmt: skip

__all__ = [
    "normalize_text",
    "split_sentences",
    "extract_figures",
    "load_corpus",
    "scenarios",
    "indicators",
    "charts",
    "report",
    "__version__",
]

if TYPE_CHECKING:  # pragma: no cover
    from sei_analysis.corpus.sources import load_corpus
    from sei_analysis.corpus.text import normalize_text
    from sei_analysis.extract.figures import extract_figures
    from sei_analysis.extract.sentences import split_sentences


def __getattr__(name: str) -> Any:
    if name in _LAZY_ATTRS:
        value = getattr(importlib.import_module(_LAZY_ATTRS[name]), name)
    elif name in _LAZY_MODULES:
        value = importlib.import_module(f"sei_analysis.{name}")
    else:
        raise AttributeError(f"module 'sei_analysis' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
