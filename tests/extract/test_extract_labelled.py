"""The labelled set: precision, recall, F1 and attribute accuracy of extract_figures.

A predicted figure matches a gold one when it comes from the same labelled sentence
(item) and has the same value.  Attribute accuracy is strict: the share of matched
figures whose unit, measure, qualifier, is_target and period all equal the gold label.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sei_analysis.extract import MEASURES, QUALIFIERS, UNITS, extract_figures
from sei_analysis.extract.evaluate import gold_frame, load_labelled, predict_frame, score_figures

LABELLED = sorted((Path(__file__).parent / "labelled").glob("*.yml"))
MIN_F1, MIN_ATTRIBUTE_ACCURACY, MIN_FIGURES = 0.95, 0.90, 150


@pytest.fixture(scope="module")
def items():
    return load_labelled(LABELLED)


def test_labelled_set_is_large_and_covers_both_languages_and_scripts(items):
    gold = gold_frame(items)
    assert len(gold) >= MIN_FIGURES
    texts = " ".join(it["text"] for it in items)
    assert "增长" in texts and "增長" in texts and "grew" in texts


def test_labels_use_the_contract_vocabulary(items):
    gold = gold_frame(items)
    assert set(gold["unit"]) <= set(UNITS)
    assert set(gold["measure"]) <= set(MEASURES)
    assert set(gold["qualifier"]) <= set(QUALIFIERS)


def test_labelled_set_scores(items):
    score = score_figures(predict_frame(items, extract_figures), gold_frame(items))
    print("\nlabelled set:", score.summary())
    print("per attribute:", {k: round(v, 3) for k, v in score.per_attribute.items()})
    if len(score.mismatches):
        print(score.mismatches.to_string())
    assert score.f1 >= MIN_F1
    assert score.attribute_accuracy >= MIN_ATTRIBUTE_ACCURACY


@pytest.mark.parametrize("source", sorted({p.stem for p in LABELLED}))
def test_each_labelled_file_scores_on_its_own(items, source):
    subset = [it for it in items if it["source"] == source]
    score = score_figures(predict_frame(subset, extract_figures), gold_frame(subset))
    print(f"\n{source}: {score.summary()}")
    assert score.f1 >= MIN_F1
