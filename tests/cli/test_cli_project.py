"""``sei project`` through click's CliRunner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from numpy.testing import assert_allclose

from sei_analysis.cli import main
from sei_analysis.cli.project import JSON_KEYS

ARGS = [
    "project",
    "--base-share",
    "11.5",
    "--base-year",
    "2019",
    "--target-share",
    "17",
    "--target-year",
    "2025",
    "--gdp-growth",
    "7.5",
]


def run(*extra: str):
    return CliRunner().invoke(main, [*ARGS, *extra])


def test_json_output_without_sei_growth():
    result = run("--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert tuple(data) == JSON_KEYS
    # 1.075 * (17 / 11.5) ** (1 / 6) - 1 = 0.14736
    assert_allclose(data["required_growth"], 14.736, atol=1e-3)
    assert data["path"] is None and data["reached_year"] is None and data["status"] is None


def test_json_output_with_sei_growth_not_reaching_target():
    result = run("--sei-growth", "12", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [row["year"] for row in data["path"]] == list(range(2019, 2026))
    # 2025: 11.5 * (1.12 / 1.075) ** 6 = 14.709
    assert_allclose(data["path"][-1]["share"], 11.5 * (1.12 / 1.075) ** 6, rtol=1e-12)
    assert data["reached_year"] is None
    assert data["status"] == "not reached by 2025"
    # ln(17 / 11.5) / ln(1.12 / 1.075) = 9.53 years
    assert_allclose(data["years_to_target"], 9.5314, atol=1e-4)


def test_json_output_with_sei_growth_reaching_target():
    data = json.loads(run("--sei-growth", "16", "--format", "json").output)
    assert data["reached_year"] == 2025
    assert data["status"] == "reached in 2025"


def test_json_never_reached_is_null_not_infinity():
    result = run("--sei-growth", "5", "--format", "json")
    data = json.loads(result.output)
    assert data["years_to_target"] is None
    assert "Infinity" not in result.output


def test_table_output_names_required_growth_path_and_status():
    result = run("--sei-growth", "12")
    assert result.exit_code == 0, result.output
    assert "Required nominal SEI growth: 14.74% a year" in result.output
    assert "  2025  14.71" in result.output
    assert "not reached by 2025" in result.output


@pytest.mark.parametrize(
    ("option", "value", "named"),
    [
        ("--base-share", "120", "base_share"),
        ("--base-share", "nan", "base_share"),
        ("--target-share", "0", "target_share"),
        ("--gdp-growth", "-100", "gdp_growth"),
        ("--target-year", "2019", "target_year"),
    ],
)
def test_bad_input_exits_2_with_a_message_naming_the_parameter(option, value, named):
    args = list(ARGS)
    args[args.index(option) + 1] = value
    result = CliRunner().invoke(main, [*args, "--sei-growth", "12"])
    assert result.exit_code == 2
    assert f"sei: error: {named}" in result.output
    assert value in result.output


def test_bad_sei_growth_and_usage_errors_exit_2():
    assert run("--sei-growth", "-150").exit_code == 2
    assert run("--format", "xml").exit_code == 2
    assert CliRunner().invoke(main, ["project", "--base-share", "11.5"]).exit_code == 2
    assert run("--base-year", "soon").exit_code == 2


def test_help_gives_units_for_every_option():
    result = CliRunner().invoke(main, ["project", "--help"])
    assert result.exit_code == 0
    for option in (
        "--base-share",
        "--base-year",
        "--target-share",
        "--target-year",
        "--gdp-growth",
        "--sei-growth",
    ):
        assert option in result.output
    assert result.output.count("percent") >= 4


# ---------------------------------------------------------------- issue 14, item 3
def sei_in_a_memory_cage(*args: str, limit_gb: float = 3.0):
    """Run ``sei`` in a subprocess whose address space is capped, so a regression cannot
    take the machine down; return the CompletedProcess."""
    import resource
    import subprocess
    import sys
    from pathlib import Path

    limit = int(limit_gb * 2**30)

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    sei = Path(sys.executable).with_name("sei")
    return subprocess.run(
        [str(sei), *args], capture_output=True, text=True, preexec_fn=cap, timeout=120, check=False
    )


@pytest.mark.parametrize("extra", [[], ["--sei-growth", "12"]], ids=["no path", "with a path"])
def test_a_year_span_of_a_hundred_million_exits_2_naming_target_year(extra):
    args = list(ARGS)
    args[args.index("--base-year") + 1] = "1"
    args[args.index("--target-year") + 1] = "100000000"

    done = sei_in_a_memory_cage(*args, *extra)

    assert done.returncode == 2, done.stderr[-2000:]
    assert done.stderr.startswith("sei: error: target_year must be at most 200 years after base_year (1)")
    assert "100000000" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_growth_that_overflows_the_path_exits_2_in_json_without_a_traceback():
    result = run("--sei-growth", "1e308", "--format", "json")

    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("sei: error: sei_growth 1e+308 with gdp_growth 7.5")
    assert "overflows" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_path_above_100_percent_of_gdp_prints_a_warning():
    # 11.5 * (1.40 / 1.075) ** 8 = 11.5 * 8.2747 = 95.2 (2027); ** 9 = 11.5 * 10.776 = 123.9 (2028)
    args = list(ARGS)
    args[args.index("--target-year") + 1] = "2030"

    result = CliRunner().invoke(main, [*args, "--sei-growth", "40"])

    assert result.exit_code == 0, result.output
    warning = [x for x in result.stderr.splitlines() if x.startswith("sei: warning:")]
    assert len(warning) == 1
    assert "above 100% of GDP from 2028 (123.9%)" in warning[0]


def test_the_100_percent_warning_is_in_the_json_and_stdout_stays_json():
    args = list(ARGS)
    args[args.index("--target-year") + 1] = "2030"

    result = CliRunner().invoke(main, [*args, "--sei-growth", "40", "--format", "json"])

    data = json.loads(result.stdout)
    assert [k for k in data if k not in JSON_KEYS] == []
    assert len(data["warnings"]) == 1 and "above 100% of GDP from 2028" in data["warnings"][0]
    assert "sei: warning:" in result.stderr


def test_no_warning_when_the_path_stays_below_100_percent():
    result = run("--sei-growth", "12", "--format", "json")

    assert json.loads(result.stdout)["warnings"] == []
    assert result.stderr == ""
