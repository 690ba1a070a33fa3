"""Symbolic parameters (`latest`, `recent`, `plan-2020`): resolved from the data before any kernel starts."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pandas as pd
import pytest
from click.testing import CliRunner
from numpy.testing import assert_allclose
from test_report_fixtures import make_notebook

from sei_analysis import config
from sei_analysis.cli import main
from sei_analysis.errors import ParameterError
from sei_analysis.indicators import add_period_bounds, build_indicators, indicator_row
from sei_analysis.report.params import resolve_parameters
from sei_analysis.report.symbols import resolve_symbols

SCENARIO_PARAMS = """\
figures_dir: str = ""  # where the run wants files
base_year: int = 2019  # year of the base share [2000, 2100]
base_share: float = 11.5  # share in base_year, percent of GDP (0, 100)
target_year: int = 2025  # target year [2000, 2100]
gdp_growth: float = 7.5  # nominal GDP growth, percent a year [-20, 30]
gdp_growth_years: int = 2  # years `recent` averages [1, 10]
"""
SCENARIO_BODY = """\
import json, os, pathlib
out = pathlib.Path(figures_dir or os.environ["SEI_FIGURES_DIR"])
(out / "seen.json").write_text(json.dumps([base_year, base_share, gdp_growth]))
"""
# (140.1879 / 134.8066) * (134.8066 / 129.4): 2024 and 2025, both on basis census5
RECENT_2 = ((140.1879 / 129.4) ** 0.5 - 1) * 100


@pytest.fixture(scope="module")
def indicators() -> pd.DataFrame:
    reference = pd.read_csv(config.REFERENCE_FILE, dtype={"period": str, "date_published": str})
    return build_indicators(
        pd.DataFrame(columns=["doc_id", "sentence"]), reference.assign(source_id="reference-figures")
    )


def shares_only() -> pd.DataFrame:
    """An indicators table with a share and no GDP rows: `recent` has nothing to average."""
    row = indicator_row(indicator="sei_share_of_gdp", period="2019", value=11.5, unit="percent",
                        qualifier="exact", kind="actual", source_id="r", source_title="NBS: release",
                        confidence="high")  # fmt: skip
    return add_period_bounds(pd.DataFrame([row]))


def test_latest_is_2022_more_than_13_and_recent_the_census5_mean(indicators):
    values, resolved = resolve_symbols(
        "03", {"base_year": "latest", "base_share": "latest", "gdp_growth": "recent", "gdp_growth_years": 2},
        lambda: indicators,
    )  # fmt: skip
    assert (values["base_year"], values["base_share"]) == (2022, 13.0)
    assert_allclose(values["gdp_growth"], RECENT_2, atol=1e-4)
    assert (
        resolved["base_share"].source.startswith("more than 13% in 2022")
        and "lower bound" in resolved["base_share"].source
    )
    assert "2024-2025" in resolved["gdp_growth"].source and "census5" in resolved["gdp_growth"].source


def test_recent_of_one_year_is_2025(indicators):
    values, _ = resolve_symbols("03", {"gdp_growth": "recent", "gdp_growth_years": 1}, lambda: indicators)
    assert_allclose(values["gdp_growth"], (140.1879 / 134.8066 - 1) * 100, atol=1e-4)


def test_the_2020_assumption_stays_available_by_name():
    values, resolved = resolve_symbols(
        "03", {"gdp_growth": "plan-2020"}, lambda: pytest.fail("no data needed")
    )
    assert values["gdp_growth"] == 7.5 and resolved["gdp_growth"].symbol == "plan-2020"


def test_recent_without_gdp_rows_is_a_parameter_error_naming_it():
    with pytest.raises(ParameterError, match="gdp_growth=recent") as info:
        resolve_symbols("03", {"gdp_growth": "recent"}, shares_only)
    assert info.value.exit_code == 2


def test_a_latest_share_with_a_hand_typed_other_base_year_is_refused(indicators):
    with pytest.raises(ParameterError, match="'latest' is the share of 2022, but base_year is 2019"):
        resolve_symbols("03", {"base_year": 2019, "base_share": "latest"}, lambda: indicators)


def test_resolved_numbers_go_through_the_usual_checks(tmp_path, indicators):
    nb = make_notebook(tmp_path / "nb", "03-scenario", SCENARIO_PARAMS, SCENARIO_BODY)
    params = tmp_path / "p.yml"
    params.write_text("base_year: latest\nbase_share: latest\ngdp_growth: recent\n", encoding="utf-8")
    (spec,) = resolve_parameters([nb], params_file=params, indicators=lambda: indicators)
    assert (spec.resolved["base_year"], spec.resolved["base_share"]) == (2022, 13.0)
    assert sorted(spec.symbols) == ["base_share", "base_year", "gdp_growth"]
    with pytest.raises(ParameterError, match="gdp_growth_years"):
        resolve_parameters(
            [nb], params_file=params, assignments=["gdp_growth_years=3"], indicators=lambda: indicators
        )


def test_a_misspelt_symbol_names_the_ones_there_are(tmp_path, indicators):
    nb = make_notebook(tmp_path / "nb", "03-scenario", SCENARIO_PARAMS, SCENARIO_BODY)
    with pytest.raises(ParameterError, match="or one of: 'recent'"):
        resolve_parameters([nb], assignments=["gdp_growth=recnt"], indicators=lambda: indicators)


def use_indicators(monkeypatch, table):
    """Make the table the notebooks build from data/raw be `table`, for a run through the CLI."""
    from sei_analysis import pipeline

    monkeypatch.setattr(pipeline, "processed_tables", lambda **_: SimpleNamespace(indicators=table))


def test_a_run_records_each_symbol_and_its_number(tmp_path, monkeypatch, indicators):
    use_indicators(monkeypatch, indicators)
    nbdir = tmp_path / "nb"
    make_notebook(nbdir, "03-scenario", SCENARIO_PARAMS, SCENARIO_BODY)
    params = tmp_path / "p.yml"
    params.write_text("base_year: latest\nbase_share: latest\ngdp_growth: recent\n", encoding="utf-8")
    argv = ["report", "--notebooks-dir", str(nbdir), "--reports-dir", str(tmp_path / "reports"),
            "--params", str(params), "--run-id", "sym"]  # fmt: skip
    result = CliRunner().invoke(main, argv, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    run = tmp_path / "reports" / "sym"
    seen = json.loads((run / "figures" / "seen.json").read_text())
    assert seen[:2] == [2022, 13.0] and abs(seen[2] - RECENT_2) < 1e-3
    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["symbols"]["03-scenario"]["gdp_growth"]["symbol"] == "recent"
    assert manifest["parameters"]["03-scenario"]["base_share"] == 13.0
    text = (run / "params.yml").read_text()
    assert "  base_share: 13.0  # latest: more than 13% in 2022" in text


def test_recent_without_gdp_data_exits_2_before_any_kernel(tmp_path, monkeypatch):
    use_indicators(monkeypatch, shares_only())
    nbdir = tmp_path / "nb"
    make_notebook(nbdir, "03-scenario", SCENARIO_PARAMS, SCENARIO_BODY)
    params = tmp_path / "p.yml"
    params.write_text("gdp_growth: recent\n", encoding="utf-8")
    reports = tmp_path / "reports"
    argv = ["report", "--notebooks-dir", str(nbdir), "--reports-dir", str(reports), "--params", str(params)]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 2
    assert "gdp_growth=recent" in result.stderr and "no gdp_nominal_growth value" in result.stderr
    assert not reports.exists() or not any(reports.iterdir())
