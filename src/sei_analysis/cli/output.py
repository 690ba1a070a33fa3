"""The ``--format`` option of the commands that print a table, and how its rows are printed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    import pandas as pd

# NOTE: csv and json give every column; table is for reading, each command picks its columns.
FORMATS = ("table", "csv", "json")


def format_option(help: str):
    """The ``--format`` option (``table``, ``csv`` or ``json``; default ``table``) as ``fmt``."""
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help=help
    )


def echo_records(table: pd.DataFrame, fmt: str) -> bool:
    """Print `table` whole as CSV or JSON records if `fmt` asks for it.

    Returns
    -------
    bool
        True when printed; False for ``table``, which the command prints its own way.
    """
    if fmt == "csv":
        click.echo(table.to_csv(index=False, lineterminator="\n"), nl=False)
    elif fmt == "json":
        click.echo(table.to_json(orient="records", force_ascii=False, indent=2))
    else:
        return False
    return True
