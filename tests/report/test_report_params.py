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

