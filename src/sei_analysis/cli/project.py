"""``sei project``: scenario arithmetic for the SEI share of GDP from the command line.

Prints the nominal SEI growth a year needed to go from the base share to the target, and,
when ``--sei-growth`` is given, the share path under that growth and the year the target
is reached (or "not reached by <target year>"). Invalid input raises `ScenarioError`,
which the ``sei`` group turns into "sei: error: ..." and exit status 2: a year span beyond
``MAX_HORIZON_YEARS``, or growth so large the share path overflows a float.

On overflow the choice is an error, not a JSON ``null`` with a warning: a path that passes
1e308 percent of GDP comes only from an impossible input (``--sei-growth 1e308``), and a
``null`` share would silently break scripts that read ``path`` as numbers. A path that merely
passes 100% of GDP is still arithmetic a reader can follow, so it prints with a warning
(stderr, and the ``warnings`` key of the JSON).
"""

from __future__ import annotations

import json
import math
from typing import Any

import click

from sei_analysis import scenarios
from sei_analysis.scenarios.inputs import check_span

# NOTE: the JSON keys are a contract for scripts; add keys, never rename or drop them.
JSON_KEYS = (
    "base_share",
    "base_year",
    "target_share",
    "target_year",
    "gdp_growth",
    "required_growth",
    "sei_growth",
    "path",
    "reached_year",
    "status",
    "years_to_target",
    "warnings",
)
# NOTE: a share of GDP above this is arithmetic, not economics: value added cannot exceed GDP.
SHARE_CEILING = 100.0


def project_summary(
    base_share: float,
    base_year: int,
    target_share: float,
    target_year: int,
    gdp_growth: float,
    sei_growth: float | None = None,
) -> dict[str, Any]:
    """The numbers ``sei project`` prints, as a dict with the keys in `JSON_KEYS`.

    Percent throughout. ``path`` is a list of ``{"year", "share"}`` from ``base_year`` to
    ``target_year`` (None without ``sei_growth``); ``years_to_target`` is the real number of
    years at ``sei_growth`` (None when never reached); ``warnings`` lists what the reader should
    know (a path above 100% of GDP).

    Examples
    --------
    >>> s = project_summary(11.5, 2019, 17, 2025, 7.5, sei_growth=12)
    >>> round(s["required_growth"], 2), s["status"]
    (14.74, 'not reached by 2025')
    """
    years = check_span("target_year", base_year, target_year)
    out: dict[str, Any] = {
        "base_share": base_share,
        "base_year": base_year,
        "target_share": target_share,
        "target_year": target_year,
        "gdp_growth": gdp_growth,
        "required_growth": scenarios.required_growth(base_share, target_share, years, gdp_growth),
        "sei_growth": sei_growth,
        "path": None,
        "reached_year": None,
        "status": None,
        "years_to_target": None,
        "warnings": [],
    }
    if sei_growth is not None:
        proj = scenarios.project_share(base_share, base_year, years, sei_growth, gdp_growth, target_share)
        name = scenarios.DEFAULT_SCENARIO
        path = proj.paths[["year", "share"]]
        out["path"] = [{"year": int(y), "share": float(s)} for y, s in path.itertuples(index=False)]
        out["reached_year"] = proj.reached[name]
        out["status"] = proj.status(name)
        n = scenarios.years_to_target(base_share, target_share, sei_growth, gdp_growth)
        out["years_to_target"] = None if math.isinf(n) else n
        above = [row for row in out["path"] if row["share"] > SHARE_CEILING]
        if above:
            out["warnings"].append(
                f"the share path is above {SHARE_CEILING:g}% of GDP from {above[0]['year']} "
                f"({above[0]['share']:.1f}%): at {sei_growth:g}% nominal SEI growth a year the "
                "arithmetic runs past what value added can be"
            )
    return out


def format_table(summary: dict[str, Any]) -> str:
    """Plain-text rendering of `project_summary`'s dict."""
    s = summary
    lines = [
        f"SEI share of GDP: {s['base_share']:g}% in {s['base_year']} -> target {s['target_share']:g}% "
        f"in {s['target_year']}, nominal GDP growth {s['gdp_growth']:g}% a year",
        f"Required nominal SEI growth: {s['required_growth']:.2f}% a year",
    ]
    if s["path"] is not None:
        lines += [
            "",
            f"Share path at {s['sei_growth']:g}% nominal SEI growth a year:",
            "  year  share (% of GDP)",
        ]
        lines += [f"  {row['year']}  {row['share']:.2f}" for row in s["path"]]
        lines += ["", f"Target {s['target_share']:g}%: {s['status']}"]
        if s["reached_year"] is None:
            n = s["years_to_target"]
            if n is None:
                lines.append("  at this growth the share never reaches the target")
            else:
                year = s["base_year"] + math.ceil(n)
                lines.append(f"  at this growth it would take {n:.1f} years (reached in {year})")
    return "\n".join(lines)


@click.command()
@click.option(
    "--base-share",
    type=float,
    required=True,
    help="SEI value added as a share of GDP in the base year, percent (e.g. 11.5).",
)
@click.option("--base-year", type=int, required=True, help="Year of the base share (e.g. 2019).")
@click.option(
    "--target-share",
    type=float,
    required=True,
    help="Target share of GDP, percent (e.g. 17).",
)
@click.option("--target-year", type=int, required=True, help="Year the target is due (e.g. 2025).")
@click.option(
    "--gdp-growth",
    type=float,
    required=True,
    help="Nominal GDP growth, percent a year (e.g. 7.5).",
)
@click.option(
    "--sei-growth",
    type=float,
    default=None,
    help="Nominal SEI value-added growth, percent a year; prints the share path at this growth.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format: a readable table, or JSON with stable keys (shares and growth in percent).",
)
def project(
    base_share: float,
    base_year: int,
    target_share: float,
    target_year: int,
    gdp_growth: float,
    sei_growth: float | None,
    fmt: str,
) -> None:
    """Nominal SEI growth needed to reach a share of GDP, and the path at a given growth.

    The share moves as s[t+1] = s[t] * (1 + g_sei/100) / (1 + g_gdp/100), both nominal;
    the required growth is (1 + g_gdp) * (s_T / s_0) ** (1 / years) - 1.

    Shares in percent of GDP, growth in percent a year. Example:

    \b
      sei project --base-share 11.5 --base-year 2019 --target-share 17 \\
        --target-year 2025 --gdp-growth 7.5 --sei-growth 12
    """
    summary = project_summary(base_share, base_year, target_share, target_year, gdp_growth, sei_growth)
    for warning in summary["warnings"]:
        click.echo(f"sei: warning: {warning}", err=True)
    if fmt == "json":
        click.echo(json.dumps({key: summary[key] for key in JSON_KEYS}, indent=2, allow_nan=False))
    else:
        click.echo(format_table(summary))
