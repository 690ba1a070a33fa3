"""Statistical trend through irregular share observations (sei_analysis.scenarios.trend)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import stats

from sei_analysis.errors import ScenarioError
from sei_analysis.scenarios import fit_trend
from sei_analysis.scenarios.trend import decimal_date

THREE = {2014: 7.6, 2019: 11.5, 2022: 13.0}


def indicators_like() -> pd.DataFrame:
    """The shape of the indicators table filtered to sei_share_of_gdp actuals."""
    return pd.DataFrame(
        {
            "indicator": ["sei_share_of_gdp"] * 4,
            "period": ["2014", "2015", "2019", "2022"],
            "period_start": pd.to_datetime(["2014-01-01", "2015-01-01", "2019-01-01", "2022-01-01"]),
            "period_end": pd.to_datetime(["2014-12-31", "2015-12-31", "2019-12-31", "2022-12-31"]),
            "value": [7.6, 8.0, 11.5, 13.0],
            "qualifier": ["exact", "at_least", "exact", "at_least"],
            "kind": ["derived", "actual", "actual", "actual"],
        }
    )


def test_linear_slope_matches_hand_ols_on_three_irregular_points():
    # x = 2014, 2019, 2022 (31 Dec each, so spacing is exactly 5 and 3 years); mean 2018.333
    # dx = -4.333, 0.667, 3.667; dy = -3.1, 0.8, 2.3 (mean 10.7)
    # Sxy = 13.433 + 0.533 + 8.433 = 22.4; Sxx = 18.778 + 0.444 + 13.444 = 32.667
    # slope = 22.4 / 32.667 = 0.685714 pp a year
    fit = fit_trend(THREE, model="linear")
    assert_allclose(fit.slope, 22.4 / (98 / 3), rtol=1e-10)
    assert_allclose(fit.annual_change, 0.685714, atol=1e-6)
    # treating the three points as adjacent would give (13 - 7.6) / 2 = 2.7 instead
    assert abs(fit.slope - 2.7) > 1


def test_slope_se_and_prediction_interval_match_textbook_formulas():
    fit = fit_trend(THREE, until_year=2025, alpha=0.1, model="linear")
    x = np.array([2014.0, 2019.0, 2022.0])
    y = np.array([7.6, 11.5, 13.0])
    sxx = ((x - x.mean()) ** 2).sum()
    slope = ((x - x.mean()) * (y - y.mean())).sum() / sxx
    resid = y - (y.mean() + slope * (x - x.mean()))
    s2 = (resid**2).sum() / (3 - 2)
    assert_allclose(fit.slope_se, np.sqrt(s2 / sxx), rtol=1e-8)
    x0 = 2025.0
    yhat = y.mean() + slope * (x0 - x.mean())
    half = stats.t.ppf(0.95, 1) * np.sqrt(s2 * (1 + 1 / 3 + (x0 - x.mean()) ** 2 / sxx))
    row = fit.projection.set_index("year").loc[2025]
    assert_allclose([row["fitted"], row["lower"], row["upper"]], [yhat, yhat - half, yhat + half], rtol=1e-8)


def test_moving_one_observation_date_changes_the_slope_accordingly():
    frame = pd.DataFrame(
        {"period_end": ["2014-12-31", "2019-12-31", "2022-12-31"], "value": [7.6, 11.5, 13.0]}
    )
    before = fit_trend(frame, model="linear")
    moved = frame.assign(period_end=["2016-12-31", "2019-12-31", "2022-12-31"])
    after = fit_trend(moved, model="linear")
    # now equally spaced 3 years apart: slope = (13 - 7.6) / 6 = 0.9
    assert_allclose(before.slope, 0.685714, atol=1e-6)
    assert_allclose(after.slope, 0.9, rtol=1e-10)


def test_sub_annual_period_end_uses_the_real_decimal_date():
    frame = pd.DataFrame(
        {"period_end": ["2016-06-30", "2017-12-31", "2018-12-31"], "value": [9.0, 10.0, 10.5]}
    )
    fit = fit_trend(frame, model="linear")
    t = np.array([2016 + 182 / 366, 2018.0, 2019.0])
    assert_allclose(fit.observations["decimal_date"], t)
    assert_allclose(fit.slope, np.polyfit(t, [9.0, 10.0, 10.5], 1)[0], rtol=1e-10)


def test_log_model_slope_and_back_transformation():
    fit = fit_trend(THREE, model="log")
    slope, intercept = np.polyfit([2015.0, 2020.0, 2023.0], np.log([7.6, 11.5, 13.0]), 1)
    assert_allclose(fit.slope, slope, rtol=1e-10)
    assert_allclose(fit.annual_change, 100 * (np.exp(slope) - 1), rtol=1e-10)
    row = fit.projection.set_index("year").loc[2025]
    assert_allclose(row["fitted"], np.exp(intercept + slope * 2026.0), rtol=1e-8)
    assert row["lower"] < row["mean_lower"] < row["fitted"] < row["mean_upper"] < row["upper"]


def test_indicators_table_is_accepted_and_caveat_is_plain():
    fit = fit_trend(indicators_like(), until_year=2025)
    assert fit.n_obs == 4
    assert fit.projection["year"].tolist() == list(range(2014, 2026))
    assert "Only 4 observations (2 residual degrees of freedom)" in fit.caveat
    assert "treated at their stated value: at_least 8 (2015), at_least 13 (2022)" in fit.caveat
    assert "derived" in fit.caveat
    assert "irregularly spaced" in fit.caveat
    frame = fit.to_frame()
    assert frame.loc[frame.year == 2019, "observed"].item() == 11.5
    assert frame.loc[frame.year == 2020, "observed"].isna().item()
    text = fit.summary()
    assert "n = 4" in text and "2025" in text and "prediction interval" in text


def test_period_codes_alone_are_enough_for_annual_rows():
    frame = indicators_like().drop(columns=["period_start", "period_end"])
    assert_allclose(fit_trend(frame).slope, fit_trend(indicators_like()).slope, rtol=1e-12)


def test_mapping_series_and_string_keys_agree():
    a = fit_trend(THREE)
    b = fit_trend(pd.Series(THREE))
    c = fit_trend({str(k): v for k, v in THREE.items()})
    assert_allclose([a.slope, b.slope, c.slope], a.slope, rtol=1e-12)
    assert "counts at its stated value" in a.caveat


def test_input_order_does_not_matter():
    shuffled = dict(reversed(list(THREE.items())))
    assert_allclose(fit_trend(shuffled).slope, fit_trend(THREE).slope, rtol=1e-12)


def test_decimal_date_end_of_year_convention():
    assert decimal_date("2019-12-31") == 2020.0
    assert decimal_date(pd.Timestamp("2020-12-31")) == 2021.0  # leap year too


def test_trend_plot_returns_axes():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = fit_trend(THREE).plot()
    assert ax.get_ylabel().startswith("SEI value added")
    plt.close("all")


@pytest.mark.parametrize(
    ("observations", "kwargs", "param", "value"),
    [
        ({2014: 7.6, 2019: 11.5}, {}, "observations", "got 2"),
        ({2014: 7.6, 2019: 11.5, 2022: 0.0}, {}, "observations value", "0.0"),
        ({2014: 7.6, 2019: 11.5, 2022: float("nan")}, {}, "observations value", "nan"),
        (THREE, {"alpha": 1.5}, "alpha", "1.5"),
        (THREE, {"model": "quadratic"}, "model", "quadratic"),
        (THREE, {"until_year": 2010}, "until_year", "2010"),
        (pd.DataFrame({"period": ["2014"], "share": [7.6]}), {}, "observations", "value"),
        (pd.DataFrame({"period": ["2016H1", "2017", "2018"], "value": [9, 10, 11]}), {}, "period", "2016H1"),
        ({"twenty-nineteen": 11.5, 2014: 7.6, 2022: 13}, {}, "observations key", "twenty-nineteen"),
        ([7.6, 11.5, 13.0], {}, "observations", "list"),
    ],
)
def test_fit_trend_rejects_bad_inputs(observations, kwargs, param, value):
    with pytest.raises(ScenarioError) as info:
        fit_trend(observations, **kwargs)
    assert str(info.value).startswith(param), str(info.value)
    assert value in str(info.value), str(info.value)
