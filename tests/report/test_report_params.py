"""Parameter resolution and validation, without starting any kernel."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_report_fixtures import make_fixture_notebooks

from sei_analysis.errors import ParameterError
from sei_analysis.report.params import (
    check_value,
    declared_parameters,
    discover_notebooks,
    parse_assignment,
    parse_range,
    resolve_parameters,
)


@pytest.fixture
def paths(tmp_path: Path) -> list[Path]:
    return discover_notebooks(make_fixture_notebooks(tmp_path / "nb"))


def by_name(specs):
    return {s.name: s for s in specs}


def test_declared_parameters_read_types_help_and_ranges(paths):
    declared = declared_parameters(paths[0])

    assert declared["x"].type_name == "float" and declared["x"].default == 1.5
    assert str(declared["x"].range) == "[0, 10]"
    assert declared["weights"].type_name == "dict" and declared["weights"].item_type == "float"
    assert declared["label"].range is None and declared["label"].help == "a label"


def test_untyped_literal_defaults_get_their_type(tmp_path):
    from test_report_fixtures import make_notebook

    path = make_notebook(tmp_path, "01-untyped", 'a = 1  # an int\nb = "s"  # a str\nc = foo()  # unknown')
    declared = declared_parameters(path)

    assert (declared["a"].type_name, declared["b"].type_name, declared["c"].type_name) == ("int", "str", "")


@pytest.mark.parametrize(
    "text, inside, outside",
    [
        ("percent [-10, 30]", [-10, 0, 30], [-10.01, 31]),
        ("share (0, 100)", [0.01, 99.9], [0, 100]),
        ("years [2000, inf)", [2000, 10**6], [1999]),
    ],
)
def test_parse_range_closed_open_and_infinite(text, inside, outside):
    rng = parse_range(text)

    assert all(v in rng for v in inside)
    assert not any(v in rng for v in outside)


def test_parse_range_ignores_brackets_that_are_not_at_the_end():
    assert parse_range("see [1, 2] for details") is None


def test_int_is_accepted_for_float_and_becomes_float(paths):
    decl = declared_parameters(paths[0])["x"]

    value = check_value("01-writes", decl, 2)

    assert value == 2.0 and isinstance(value, float)


@pytest.mark.parametrize("value", [True, 2.5, "3", None])
def test_int_parameter_rejects_bool_float_str_none(paths, value):
    decl = declared_parameters(paths[0])["n"]

    with pytest.raises(ParameterError, match=r"parameter 'n' of 01-writes: got .*expected int"):
        check_value("01-writes", decl, value)


def test_exponent_notation_is_a_float_where_a_float_is_declared(paths):
    decls = declared_parameters(paths[0])

    assert check_value("01-writes", decls["x"], "1e-1") == 0.1
    assert check_value("01-writes", decls["weights"], {"a": "2E0"}) == {"a": 2.0}
    assert check_value("01-writes", decls["label"], "1e3") == "1e3"


def test_nan_is_out_of_any_range(paths):
    decl = declared_parameters(paths[0])["x"]

    with pytest.raises(ParameterError, match="expected a number in"):
        check_value("01-writes", decl, float("nan"))


def test_parse_assignment_reads_yaml_values():
    assert parse_assignment("flag=true") == (None, "flag", True)
    assert parse_assignment("03-sleeps.seconds=0.5") == ("03-sleeps", "seconds", 0.5)
    assert parse_assignment("label=") == (None, "label", "")
    with pytest.raises(ParameterError, match="expected name=value"):
        parse_assignment("novalue")


def test_precedence_default_file_global_file_section_cli_global_cli_section(paths, tmp_path):
    params = tmp_path / "p.yml"
    params.write_text("n: 10\nx: 1\n01-writes:\n  n: 20\n  label: file\n")

    specs = by_name(resolve_parameters(paths, params_file=params, assignments=["x=3", "01.x=4"]))

    assert specs["01-writes"].overrides == {"n": 20, "x": 4.0, "label": "file"}
    assert specs["02-raises"].overrides == {"n": 10}  # the global n reaches every notebook declaring it
    assert specs["03-sleeps"].overrides == {}
    assert specs["01-writes"].resolved["flag"] is False  # defaults fill in the rest


def test_global_name_checked_against_every_declaring_notebook(paths):
    # n is [1, 100] in 01-writes but [0, 10] in 02-raises: 50 fits one, not the other
    with pytest.raises(
        ParameterError, match=r"parameter 'n' of 02-raises: got 50; expected a number in \[0, 10\]"
    ):
        resolve_parameters(paths, assignments=["n=50"])


def test_only_keeps_a_global_name_declared_by_an_unselected_notebook_valid(paths):
    specs = resolve_parameters(paths[2:], all_notebooks=paths, assignments=["x=2"])

    assert [s.name for s in specs] == ["03-sleeps"] and specs[0].overrides == {}


@pytest.mark.parametrize(
    "content, message",
    [
        ("- a list\n", "expected a mapping"),
        ("09-missing:\n  x: 1\n", "section '09-missing' names no notebook"),
        ("01-writes: 3\n", "section '01-writes' should map"),
        ("x: [unclosed\n", "not valid YAML"),
    ],
)
def test_malformed_params_files_are_parameter_errors(paths, tmp_path, content, message):
    params = tmp_path / "p.yml"
    params.write_text(content)

    with pytest.raises(ParameterError, match=message):
        resolve_parameters(paths, params_file=params)


@pytest.mark.parametrize("run_id", ["nl\n", "ok\n", "\nok", "a\nb"])
def test_run_id_with_a_newline_is_refused(run_id):
    from sei_analysis.report.rundir import validate_run_id

    with pytest.raises(ParameterError, match="--run-id"):
        validate_run_id(run_id)


def test_a_notebook_file_name_ending_in_a_newline_is_not_a_report_notebook(tmp_path):
    from test_report_fixtures import make_notebook

    make_notebook(tmp_path, "01-real", "a: int = 1  # a", "print(a)")
    (tmp_path / "01-real.ipynb").rename(tmp_path / "02-fake.ipynb\n")
    make_notebook(tmp_path, "01-real", "a: int = 1  # a", "print(a)")

    assert [p.name for p in discover_notebooks(tmp_path)] == ["01-real.ipynb"]


# ---------------------------------------------------------------- issue 14, item 9
from sei_analysis import config  # noqa: E402

SCENARIO_NOTEBOOK = "03-scenario-projections"


def resolve_real(*assignments: str, params_file: Path | None = None):
    """Resolve the real report notebooks' parameters (papermill.inspect_notebook, no kernel)."""
    paths = discover_notebooks(config.NOTEBOOKS_DIR)
    return resolve_parameters(paths, params_file=params_file, assignments=assignments)


def test_the_default_params_file_passes_every_cross_parameter_rule():
    specs = by_name(resolve_real(params_file=config.PROJ_ROOT / "reports" / "params" / "default.yml"))

    assert specs[SCENARIO_NOTEBOOK].resolved["fan_scenario"] == "trend"


@pytest.mark.parametrize("target_year", [2018, 2019])
def test_target_year_not_after_base_year_is_refused_before_any_kernel(target_year):
    with pytest.raises(ParameterError) as info:
        resolve_real(f"target_year={target_year}", "base_year=2019")

    message = str(info.value)
    assert SCENARIO_NOTEBOOK in message and f"target_year {target_year}" in message
    assert "base_year 2019" in message and "\n" not in message


def test_fan_scenario_must_name_one_of_the_scenarios():
    with pytest.raises(ParameterError) as info:
        resolve_real("fan_scenario=nope")

    message = str(info.value)
    assert "fan_scenario 'nope'" in message
    assert "'slow', 'trend', 'fast'" in message or "fast, slow, trend" in message


def test_a_fan_scenario_given_with_new_scenarios_is_checked_against_them():
    specs = by_name(resolve_real("scenarios={low: 8, high: 14}", "fan_scenario=high"))
    assert specs[SCENARIO_NOTEBOOK].resolved["fan_scenario"] == "high"

    with pytest.raises(ParameterError, match="fan_scenario 'trend'"):
        resolve_real("scenarios={low: 8, high: 14}")  # the default fan_scenario is gone


def test_empty_scenarios_are_refused():
    with pytest.raises(ParameterError, match=r"scenarios \{\}.*at least one"):
        resolve_real("scenarios={}")


def test_cross_parameter_rules_apply_only_to_the_notebooks_selected(tmp_path):
    paths = discover_notebooks(config.NOTEBOOKS_DIR)
    only_01 = [p for p in paths if p.stem.startswith("01")]

    specs = resolve_parameters(only_01, all_notebooks=paths, assignments=["fan_scenario=nope"])

    assert [s.name for s in specs] == ["01-figures-from-policy-texts"]


def test_a_year_span_beyond_the_scenario_horizon_is_refused(tmp_path):
    from test_report_fixtures import make_notebook

    from sei_analysis.scenarios.inputs import MAX_HORIZON_YEARS

    path = make_notebook(
        tmp_path, "01-years", "base_year: int = 2019  # base\ntarget_year: int = 2025  # target", "pass"
    )
    far = 2019 + MAX_HORIZON_YEARS + 1

    with pytest.raises(ParameterError, match=f"target_year {far}.*at most {MAX_HORIZON_YEARS} years"):
        resolve_parameters([path], assignments=[f"target_year={far}"])
    assert resolve_parameters([path], assignments=[f"target_year={far - 1}"])[0].overrides


@pytest.mark.parametrize(
    "content, key, line",
    [
        ("x: 1\nn: 2\nx: 3\n", "x", 3),
        ("01-writes:\n  n: 2\n  label: a\n  n: 4\n", "n", 4),
        ("01-writes:\n  n: 2\n01-writes:\n  n: 4\n", "01-writes", 3),
    ],
)
def test_duplicate_keys_in_a_params_file_name_the_key_and_line(paths, tmp_path, content, key, line):
    params = tmp_path / "p.yml"
    params.write_text(content)

    with pytest.raises(ParameterError) as info:
        resolve_parameters(paths, params_file=params)

    message = str(info.value)
    assert f"duplicate key {key!r}" in message and f"line {line}" in message and str(params) in message


def test_duplicate_keys_in_a_p_value_are_refused(paths):
    with pytest.raises(ParameterError, match="duplicate key 'a'"):
        resolve_parameters(paths, assignments=["01.weights={a: 1, a: 2}"])


@pytest.fixture
def unbounded(tmp_path: Path) -> list[Path]:
    from test_report_fixtures import make_notebook

    make_notebook(
        tmp_path / "u",
        "01-free",
        "rate: float = 1.0  # a rate, no range\nbig: float = 1.0  # at least zero [0, inf]\n"
        "rates: list[float] = [1.0]  # rates",
        "pass",
    )
    return discover_notebooks(tmp_path / "u")


@pytest.mark.parametrize(
    "assignment",
    [
        "rate=.inf",
        "rate=-.inf",
        "rate=.nan",
        "rate=1e400",
        "rate=" + "9" * 400,
        "big=.inf",
        "rates=[1, .inf]",
    ],
    ids=["inf", "-inf", "nan", "1e400", "400 nines", "inf in [0, inf]", "inf in a list"],
)
def test_non_finite_numbers_are_refused_naming_the_parameter(unbounded, assignment):
    name = assignment.partition("=")[0]

    with pytest.raises(ParameterError, match=f"parameter '{name}' of 01-free: .*expected a finite number"):
        resolve_parameters(unbounded, assignments=[assignment])


def test_a_huge_value_is_shortened_in_the_message(paths):
    with pytest.raises(ParameterError) as info:
        resolve_parameters(paths, assignments=["n=" + "9" * 400])

    message = str(info.value)
    assert "parameter 'n' of 01-writes" in message and "expected a number in [1, 100]" in message
    assert len(message) < 300
