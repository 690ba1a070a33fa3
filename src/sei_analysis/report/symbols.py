"""Parameter values that stand for what the data says: ``base_share: latest``, ``gdp_growth: recent``.

A params file may write a symbol where a notebook declares a number. Symbols are resolved
before any kernel starts, from the indicators table as the notebooks build it from
``data/raw`` (so a symbol never reads a stale ``data/processed``), and the number they
resolve to then goes through the same checks as a number written by hand.
``params.yml`` and ``manifest.json`` record both the symbol and its number.

==============  =========  =====================================================================
parameter       symbol     means
==============  =========  =====================================================================
base_share      latest     the latest published actual share of GDP (a bound if qualified)
base_year       latest     the year of that share
gdp_growth      recent     compound mean nominal GDP growth of the last ``gdp_growth_years``
                           years on one census basis
gdp_growth      plan-2020  7.5, the nominal growth the 2020 edition of this report assumed
==============  =========  =====================================================================
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sei_analysis.errors import ParameterError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

# NOTE: the number of recent years `recent` averages when a notebook declares no
# gdp_growth_years (issue 11: "N is a parameter, default 2").
DEFAULT_GROWTH_YEARS = 2
# NOTE: fixed, named alternatives: the assumption of the 2020 report, kept so a run can
# reproduce it by name instead of a bare 7.5.
NAMED_VALUES: dict[str, dict[str, tuple[float, str]]] = {
    "gdp_growth": {"plan-2020": (7.5, "the 7.5% nominal GDP growth the 2020 edition of this report assumed")},
}
# NOTE: the symbols each parameter accepts, with what they mean (for error messages).
SYMBOLS: dict[str, dict[str, str]] = {
    "base_share": {"latest": "the latest published actual SEI share of GDP"},
    "base_year": {"latest": "the year of the latest published actual SEI share of GDP"},
    "gdp_growth": {
        "recent": "mean nominal GDP growth of the last gdp_growth_years years on one census basis",
        **{name: text for name, (_, text) in NAMED_VALUES["gdp_growth"].items()},
    },
}


@dataclass(frozen=True)
class Resolved:
    """A symbol and the number it stood for in one run, with where the number came from."""

    symbol: str
    value: float | int
    source: str

    def as_dict(self) -> dict[str, Any]:
        return {"symbol": self.symbol, "value": self.value, "source": self.source}


def is_symbol(name: str, value: Any) -> bool:
    """True when ``value`` is one of the symbols parameter ``name`` accepts."""
    return isinstance(value, str) and value.strip().lower() in SYMBOLS.get(name, {})


def expected(name: str) -> str:
    """The symbols of ``name`` in words, for a message: ``'latest' (the latest ...)``."""
    return "; ".join(f"{s!r} ({text})" for s, text in SYMBOLS.get(name, {}).items())


def resolve_symbols(
    notebook: str, values: Mapping[str, Any], indicators: Callable[[], pd.DataFrame]
) -> tuple[dict[str, Any], dict[str, Resolved]]:
    """Replace the symbols among one notebook's ``values`` by numbers.

    Parameters
    ----------
    notebook : str
        Its name, for messages.
    values : mapping
        Every parameter of the notebook (defaults and overrides).
    indicators : callable
        Returns the indicators table; called only when a symbol needs it.

    Returns
    -------
    (values, resolved)
        The values with numbers in place of symbols, and each replaced symbol's record.

    Raises
    ------
    ParameterError
        When the data cannot give a number (no share, no GDP on one basis), naming the
        notebook, the parameter and the symbol.
    """
    from sei_analysis.errors import InputError
    from sei_analysis.indicators import latest_share, recent_gdp_growth

    out = dict(values)
    resolved: dict[str, Resolved] = {}
    table: list[pd.DataFrame] = []

    def data() -> pd.DataFrame:
        if not table:
            table.append(indicators())
        return table[0]

    try:
        base = [name for name in ("base_share", "base_year") if is_symbol(name, out.get(name))]
        if base:
            anchor = latest_share(data())
            bound = f"; {anchor.bound}" if anchor.bound else ""
            for name in base:
                value = anchor.value if name == "base_share" else anchor.year
                resolved[name] = Resolved("latest", value, anchor.describe() + bound)
                out[name] = value
            _check_base(notebook, out, base, anchor.year)
        if is_symbol("gdp_growth", out.get("gdp_growth")):
            symbol = out["gdp_growth"].strip().lower()
            if symbol in NAMED_VALUES["gdp_growth"]:
                value, text = NAMED_VALUES["gdp_growth"][symbol]
                resolved["gdp_growth"] = Resolved(symbol, value, text)
            else:
                years = out.get("gdp_growth_years", DEFAULT_GROWTH_YEARS)
                growth = recent_gdp_growth(data(), years=years)
                value = round(growth.value, 4)
                resolved["gdp_growth"] = Resolved("recent", value, growth.describe())
            out["gdp_growth"] = value
    except InputError as exc:
        raise ParameterError(f"{notebook}: {exc}") from exc
    return out, resolved


def _check_base(notebook: str, values: Mapping[str, Any], symbolic: list[str], year: int) -> None:
    """A share of one year with a base year of another mixes two bases: refuse it.

    ``base_share: latest`` needs ``base_year: latest`` (or that very year); ``base_year:
    latest`` needs ``base_share: latest``.
    """
    if symbolic == ["base_share"] and values.get("base_year") != year:
        raise ParameterError(
            f"parameter 'base_share' of {notebook}: 'latest' is the share of {year}, but base_year is "
            f"{values.get('base_year')!r}; give base_year: latest (or {year})"
        )
    if symbolic == ["base_year"]:
        raise ParameterError(
            f"parameter 'base_year' of {notebook}: 'latest' ({year}) needs base_share: latest too; "
            f"base_share is {values.get('base_share')!r}"
        )
