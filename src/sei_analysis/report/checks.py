"""Rules between parameters: checked once each notebook's values are resolved, before any kernel.

A notebook's ``parameters`` cell declares each parameter's type and range on its own; what one
parameter means for another (the target year comes after the base year, the fan's scenario is
one of the scenarios) is written here, as data. A rule applies to every selected notebook that
declares all the parameters it names, so a new notebook that declares ``base_year`` and
``target_year`` gets the year rules without a line of code.

Each rule's ``problem`` gets the resolved values as keyword arguments and returns what is
wrong (one line naming the values), or None.

Examples
--------
>>> check_notebook("03-x", {"base_year": 2019, "target_year": 2025, "seed": 1})
>>> try:
...     check_notebook("03-x", {"base_year": 2019, "target_year": 2018})
... except ParameterError as exc:
...     print(exc)
parameters of 03-x: target_year 2018 is not after base_year 2019; expected target_year > base_year
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sei_analysis.errors import ParameterError
from sei_analysis.scenarios.inputs import MAX_HORIZON_YEARS


@dataclass(frozen=True)
class Rule:
    """A condition between parameters: ``problem(**values)`` is None when they fit."""

    names: tuple[str, ...]
    problem: Callable[..., str | None]
    expected: str


def _year_order(base_year: int, target_year: int) -> str | None:
    if target_year > base_year:
        return None
    return f"target_year {target_year} is not after base_year {base_year}"


def _year_span(base_year: int, target_year: int) -> str | None:
    if target_year - base_year <= MAX_HORIZON_YEARS:
        return None
    return f"target_year {target_year} is {target_year - base_year} years after base_year {base_year}"


def _some_scenarios(scenarios: Mapping) -> str | None:
    return None if scenarios else f"scenarios {dict(scenarios)!r} is empty"


def _fan_in_scenarios(scenarios: Mapping, fan_scenario: str) -> str | None:
    if not scenarios or fan_scenario in scenarios:
        return None  # an empty mapping is _some_scenarios' to report
    return f"fan_scenario {fan_scenario!r} is not one of the scenarios ({', '.join(map(repr, scenarios))})"


# NOTE: the cross-parameter rules of the report notebooks; notebooks 03 (and any notebook
# declaring these names) would otherwise fail inside a kernel with KeyError or a long loop.
RULES: tuple[Rule, ...] = (
    Rule(("base_year", "target_year"), _year_order, "target_year > base_year"),
    Rule(
        ("base_year", "target_year"),
        _year_span,
        f"target_year at most {MAX_HORIZON_YEARS} years after base_year (the scenario horizon)",
    ),
    Rule(("scenarios",), _some_scenarios, "at least one scenario name -> growth rate"),
    Rule(("scenarios", "fan_scenario"), _fan_in_scenarios, "fan_scenario naming one of the scenarios"),
)


def check_notebook(notebook: str, values: Mapping[str, Any], rules: tuple[Rule, ...] = RULES) -> None:
    """Apply every rule whose parameters ``values`` holds; raise `ParameterError` on the first broken one.

    ``values`` are a notebook's resolved parameters (defaults plus overrides). A rule is skipped
    when any value it needs is None (a parameter left unset on purpose).
    """
    for rule in rules:
        if not all(values.get(name) is not None for name in rule.names):
            continue
        problem = rule.problem(**{name: values[name] for name in rule.names})
        if problem:
            raise ParameterError(f"parameters of {notebook}: {problem}; expected {rule.expected}")
