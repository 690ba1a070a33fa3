"""Score extracted figures against a labelled set (precision, recall, F1, attributes).

A labelled set is a list of items ``{text, lang, figures}``; each gold figure is
``[value, unit, measure, qualifier, is_target, period]``.  A predicted figure matches a
gold one when both come from the same item (sentence) and have the same value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

import pandas as pd

__all__ = ["ATTRIBUTES", "Score", "gold_frame", "load_labelled", "predict_frame", "score_figures"]

# NOTE: the attributes compared on matched figures; "attribute accuracy" is the share of
# matched figures on which all of them equal the gold label (strict, not averaged).
ATTRIBUTES = ("unit", "measure", "qualifier", "is_target", "period")
GOLD_FIELDS = ("value", *ATTRIBUTES)


class Score(NamedTuple):
    """Result of ``score_figures``; ``per_attribute`` maps attribute to accuracy."""

    precision: float
    recall: float
    f1: float
    attribute_accuracy: float
    per_attribute: dict
    n_gold: int
    n_predicted: int
    n_matched: int
    mismatches: pd.DataFrame

    def summary(self) -> str:
        """One line for logs and benchmark output."""
        return (
            f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"attr_acc={self.attribute_accuracy:.3f} (gold={self.n_gold}, pred={self.n_predicted}, "
            f"matched={self.n_matched})"
        )


def load_labelled(paths: Iterable[Path]) -> list[dict]:
    """Read labelled YAML files into items ``{item, source, lang, text, figures}``."""
    import yaml

    items = []
    for path in sorted(paths):
        for position, raw in enumerate(yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []):
            figures = [dict(zip(GOLD_FIELDS, figure, strict=True)) for figure in raw.get("figures") or []]
            for figure in figures:
                figure["period"] = None if figure["period"] is None else str(figure["period"])
            items.append(
                {
                    "item": f"{Path(path).stem}:{position}",
                    "source": Path(path).stem,
                    "lang": raw.get("lang"),
                    "text": raw["text"],
                    "figures": figures,
                }
            )
    return items


def gold_frame(items: list[dict]) -> pd.DataFrame:
    """Gold figures as a table with an ``item`` key."""
    rows = [{"item": it["item"], **figure} for it in items for figure in it["figures"]]
    return pd.DataFrame(rows, columns=["item", *GOLD_FIELDS])


def predict_frame(items: list[dict], extractor: Callable[[str, str | None], pd.DataFrame]) -> pd.DataFrame:
    """Run ``extractor(text, lang)`` on every item and stack the results with an ``item`` key."""
    frames = []
    for it in items:
        found = extractor(it["text"], it.get("lang"))
        frames.append(found.assign(item=it["item"]))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["item", *GOLD_FIELDS])


def _same_value(a: float, b: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def _same(attribute: str, predicted, gold) -> bool:
    if attribute == "period":
        missing_p, missing_g = pd.isna(predicted), pd.isna(gold)
        return missing_p == missing_g and (missing_p or str(predicted) == str(gold))
    if attribute == "is_target":
        return bool(predicted) == bool(gold)
    return str(predicted) == str(gold)


def score_figures(predicted: pd.DataFrame, gold: pd.DataFrame, key: str = "item") -> Score:
    """Compare predicted figures with gold figures.

    Parameters
    ----------
    predicted, gold : pandas.DataFrame
        Both with ``key``, ``value`` and the ``ATTRIBUTES`` columns (predicted may lack
        attributes, e.g. for a baseline; they then count as wrong).
    key : str
        Column naming the sentence (item) a figure comes from.

    Returns
    -------
    Score
        Precision, recall and F1 of the (key, value) matches; attribute accuracy is the
        fraction of matched figures whose unit, measure, qualifier, is_target and period
        all equal gold; ``per_attribute`` gives each attribute's accuracy.

    Notes
    -----
    Matching is greedy and one-to-one within an item: each gold figure takes the first
    unmatched predicted figure with the same value (relative tolerance 1e-6).

    Examples
    --------
    >>> gold = pd.DataFrame({"item": ["a", "a"], "value": [1.0, 2.0], "unit": ["percent"] * 2})
    >>> pred = pd.DataFrame({"item": ["a"], "value": [2.0], "unit": ["percent"]})
    >>> s = score_figures(pred, gold)
    >>> round(s.precision, 2), round(s.recall, 2), round(s.f1, 2)
    (1.0, 0.5, 0.67)
    """
    attributes = [a for a in ATTRIBUTES if a in gold.columns]
    pred_by_item: dict = {}
    for row in predicted.to_dict("records"):
        pred_by_item.setdefault(row[key], []).append(row)
    used: set = set()
    matched, mismatches = [], []
    for g in gold.to_dict("records"):
        candidates = pred_by_item.get(g[key], [])
        for i, p in enumerate(candidates):
            if (g[key], i) not in used and _same_value(p["value"], g["value"]):
                used.add((g[key], i))
                matched.append((p, g))
                wrong = [a for a in attributes if not _same(a, p.get(a), g[a])]
                if wrong:
                    predicted_values = [p.get(a) for a in wrong]
                    gold_values = [g[a] for a in wrong]
                    mismatches.append(
                        {key: g[key], "value": g["value"], "wrong": wrong, "predicted": predicted_values,
                         "gold": gold_values}
                    )  # fmt: skip
                break
        else:
            mismatches.append(
                {key: g[key], "value": g["value"], "wrong": ["missed"], "predicted": [], "gold": []}
            )
    for item, rows in pred_by_item.items():
        for i, p in enumerate(rows):
            if (item, i) not in used:
                mismatches.append(
                    {key: item, "value": p["value"], "wrong": ["spurious"], "predicted": [], "gold": []}
                )
    n_gold, n_pred, n_match = len(gold), len(predicted), len(matched)
    precision = n_match / n_pred if n_pred else 1.0
    recall = n_match / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    per_attribute = {a: sum(_same(a, p.get(a), g[a]) for p, g in matched) / n_match if n_match else 0.0
                     for a in attributes}  # fmt: skip
    all_right = sum(all(_same(a, p.get(a), g[a]) for a in attributes) for p, g in matched)
    return Score(precision, recall, f1, all_right / n_match if n_match else 0.0, per_attribute,
                 n_gold, n_pred, n_match, pd.DataFrame(mismatches))  # fmt: skip
