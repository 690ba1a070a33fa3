"""``sei review``: what the series mapping decided, document by document."""

from __future__ import annotations

from pathlib import Path

import click

from sei_analysis.cli.output import echo_records, format_option
from sei_analysis.errors import InputError

# NOTE: the columns `sei review` prints as a table; csv and json give every column.
TABLE_COLUMNS = ["decision", "series", "period", "value", "unit", "kind", "why", "figure in its sentence"]
# NOTE: characters of the sentence shown on either side of the figure in the table.
EXCERPT = 50


def excerpt(sentence: str, raw: str) -> str:
    """The figure in its sentence, marked ``[[...]]``, with up to `EXCERPT` characters around it.

    Examples
    --------
    >>> excerpt("上半年，规模以上工业增加值同比增长6.0%。", "6.0%")
    '上半年，规模以上工业增加值同比增长[[6.0%]]。'
    """
    at = sentence.find(raw)
    if at < 0:
        return sentence[: 2 * EXCERPT]
    left = sentence[max(0, at - EXCERPT) : at]
    right = sentence[at + len(raw) : at + len(raw) + EXCERPT]
    dots = ("…" if at > EXCERPT else "", "…" if at + len(raw) + EXCERPT < len(sentence) else "")
    return f"{dots[0]}{left}[[{raw}]]{right}{dots[1]}"


@click.command()
@click.option("--doc", "doc_ids", multiple=True, metavar="ID", help="Only this document (repeatable).")
@click.option(
    "--decision",
    type=click.Choice(["mapped", "left out", "conflict"]),
    multiple=True,
    help="Only these decisions (repeatable); default all.",
)
@format_option("Output format: an aligned table per document, CSV or JSON records.")
def review(doc_ids: tuple[str, ...], decision: tuple[str, ...], fmt: str) -> None:
    """List what the series mapping decided: figures mapped to a series (with the rule and
    the period), candidates left out and why, and conflicts with values already recorded.

    After `sei add`, `sei review --doc ID` shows what the new release contributed. The
    same table is written by `sei build` to data/processed/review.csv.
    """
    from sei_analysis import config
    from sei_analysis.build import FIGURE_CACHE, processed_tables
    from sei_analysis.corpus import read_sources

    known = [r["id"] for r in read_sources()]
    unknown = [d for d in doc_ids if d not in known]
    if unknown:
        raise InputError(f"--doc {unknown[0]!r}: no such document; known ids: {', '.join(known)}")
    table = processed_tables(cache_file=Path(config.PROCESSED_DATA_DIR) / FIGURE_CACHE).review
    if doc_ids:
        table = table[table["doc_id"].isin(doc_ids)]
    if decision:
        table = table[table["decision"].isin(decision)]
    if echo_records(table, fmt):
        return
    if table.empty:
        click.echo("nothing to review" + (f" for {', '.join(doc_ids)}" if doc_ids else ""))
        return
    counts = table["decision"].value_counts()
    for doc_id, rows in table.groupby("doc_id", sort=False):
        parts = ", ".join(f"{(rows['decision'] == d).sum()} {d}" for d in ("mapped", "conflict", "left out"))
        click.echo(f"== {doc_id}: {parts}")
        shown = rows.assign(
            why=rows["mapped_by"].where(rows["decision"] == "mapped", rows["reason"]),
            **{
                "figure in its sentence": [
                    excerpt(s, r) for s, r in zip(rows["sentence"], rows["raw"], strict=True)
                ]
            },
        )
        click.echo(shown[TABLE_COLUMNS].to_string(index=False, na_rep="-", max_colwidth=90))
    click.echo("total: " + ", ".join(f"{counts.get(d, 0)} {d}" for d in ("mapped", "conflict", "left out")))
