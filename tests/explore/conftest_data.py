"""Small inline tables for the explorer tests: an indicators table and a figures table."""

from __future__ import annotations

import pandas as pd


def indicators_table() -> pd.DataFrame:
    """Shares (one 'more than' actual in 2022, a later estimate) and two years of nominal GDP growth."""
    return pd.DataFrame(
        {
            "indicator": ["sei_share_of_gdp"] * 3 + ["gdp_nominal_growth"] * 3,
            "period": ["2019", "2022", "2023", "2023", "2024", "2025"],
            "period_end": pd.to_datetime(["2019-12-31", "2022-12-31", "2023-12-31"] * 2),
            "value": [11.5, 13.0, 13.4, float("nan"), 4.0, 5.0],
            "qualifier": ["approx", "at_least", "approx", "exact", "exact", "exact"],
            "kind": ["actual", "actual", "estimate", "derived", "derived", "derived"],
            "source_id": ["r"] * 6,
            "source_title": ["NBS: a", "MIIT: b", "MIIT: c", "", "", ""],
            "date_published": ["2020-01-01", "2023-07-06", "", "", "", ""],
            "basis": ["", "", "", "", "census5", "census5"],
        }
    )


def figures_table() -> pd.DataFrame:
    base = dict(
        unit="percent", currency=None, subject=None, source_title="Guiding Opinions", publisher="NDRC",
        date_published="2020-09-08", url="https://example.org/opinions",
    )  # fmt: skip
    rows = [
        dict(doc_id="a", language="en", value=13.0, measure="share", qualifier="at_least", is_target=False,
             period="2022", sentence="The share rose to more than 13% of GDP, up from 10% and 10% before.",
             start=120, end=123, raw="13%"),
        dict(doc_id="a", language="en", value=10.0, measure="share", qualifier="exact", is_target=False,
             period=None, sentence="The share rose to more than 13% of GDP, up from 10% and 10% before.",
             start=140, end=143, raw="10%"),
        dict(doc_id="a", language="en", value=10.0, measure="share", qualifier="exact", is_target=False,
             period=None, sentence="The share rose to more than 13% of GDP, up from 10% and 10% before.",
             start=148, end=151, raw="10%"),
        dict(doc_id="b", language="zh", value=17.0, measure="share", qualifier="at_least", is_target=True,
             period="2025", sentence="到2025年，比重超过17%。", start=5, end=8, raw="17%", url=None),
    ]  # fmt: skip
    return pd.DataFrame([{**base, **r} for r in rows])
