"""``sei figures``, ``sei build`` and ``sei check``: the data stages from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sei_analysis.cli.output import echo_records, format_option
from sei_analysis.errors import InputError

# NOTE: the columns `sei figures --format table` shows; csv and json give every column.
TABLE_COLUMNS = ["value", "unit", "currency", "measure", "qualifier", "is_target", "period", "raw"]


def _stdin_bytes() -> bytes:
    """stdin as bytes: its text layer follows the locale (ASCII, or UTF-8 with
    surrogateescape under the C locale), which would turn bad bytes into lone surrogates."""
    stream = sys.stdin
    if stream is None:
        return b""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return buffer.read()
    text = stream.read()  # an in-memory text stream: no bytes below it
    return text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape")


def read_inputs(files: tuple[str, ...]) -> list[tuple[str, str]]:
    """Return (name, text) for each file, or for stdin when no file (or ``-``) is given.

    stdin and files are read the same way: bytes, decoded as strict UTF-8 whatever the
    locale, so invalid bytes are an `InputError` (exit 2) naming ``<stdin>`` or the file and
    the byte offset.
    """
    if not files:
        files = ("-",)
    out = []
    for name in files:
        label = "<stdin>" if name == "-" else f"file {name}"
        try:
            data = _stdin_bytes() if name == "-" else Path(name).read_bytes()
            out.append(("<stdin>" if name == "-" else name, data.decode("utf-8")))
        except UnicodeDecodeError as exc:
            raise InputError(f"{label}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
        except OSError as exc:
            raise InputError(f"{label}: cannot be read ({exc.strerror})") from exc
    return out


@click.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--lang",
    type=click.Choice(["en", "zh", "auto"]),
    default="auto",
    show_default=True,
    help="Language of the text; auto detects it per file.",
)
@format_option("Output format: an aligned table, CSV or JSON records.")
@click.option(
    "--date",
    "document_date",
    metavar="YYYY[-MM[-DD]]",
    default=None,
    help="The document's date: yearless periods (上半年, 'In December', 去年) are read against it, "
    "and a figure without a period takes its paragraph's or the document's.",
)
def figures(files: tuple[str, ...], lang: str, fmt: str, document_date: str | None) -> None:
    """Extract the figures from FILE(s), or from stdin, one row per figure.

    Values are signed (a fall is negative) and typed: unit (percent, percentage_point,
    count, multiple, currency, number), measure, qualifier, target flag and period.
    """
    import pandas as pd

    from sei_analysis.extract import extract_figures
    from sei_analysis.extract.dating import parse_document_date

    try:
        parse_document_date(document_date)
    except InputError as exc:
        raise InputError(
            f"--date {document_date!r}: expected a date such as 2019-07-15, 2019-07 or 2019"
        ) from exc
    frames = []
    for name, text in read_inputs(files):
        found = extract_figures(text, lang=None if lang == "auto" else lang, document_date=document_date)
        frames.append(found.assign(file=name) if len(files) > 1 else found)
    table = pd.concat(frames, ignore_index=True)
    if echo_records(table, fmt):
        return
    if table.empty:
        click.echo("no figures found")
    else:
        cols = (["file"] if "file" in table else []) + TABLE_COLUMNS
        click.echo(table[cols].to_string(index=False, na_rep="-"))


@click.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: data/processed).",
)
@click.option(
    "--approx-tolerance",
    type=click.FloatRange(min=0),
    default=0.5,
    show_default=True,
    help="Percentage points by which an actual may miss an 'about' target and still meet it.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes to extract with (default: the number of cores).",
)
@click.option("--no-cache", is_flag=True, help="Extract every document again, ignoring data/processed/cache.")
def build(out_dir: Path | None, approx_tolerance: float, jobs: int | None, no_cache: bool) -> None:
    """Write data/processed from data/raw (deterministic: twice gives identical bytes).

    Each document's figures are cached by its content and the extractor's version, so a
    rebuild extracts only new or changed documents, across the cores.
    """
    from sei_analysis import config
    from sei_analysis.build import FIGURE_CACHE, processed_tables, write_processed

    base = Path(out_dir or config.PROCESSED_DATA_DIR)
    cache = None if no_cache else base / FIGURE_CACHE
    tables = processed_tables(approx_tolerance=approx_tolerance, cache_file=cache, workers=jobs)
    written = write_processed(out_dir, tables)
    for name, table in tables.as_dict().items():
        click.echo(f"{name:<11} {len(table):>5} rows")
    click.echo(f"wrote {len(written)} files to {base}")


@click.command()
def check() -> None:
    """Verify raw checksums and schemas, then run the consistency checks.

    Exits 2 if a raw file is missing or changed, 1 if any check fails; warnings do
    not fail it.
    """
    from sei_analysis import config
    from sei_analysis.build import FIGURE_CACHE, processed_tables
    from sei_analysis.corpus import verify_checksums

    records = verify_checksums()
    click.echo(f"raw files: {len(records)} verified (sha256)")
    checks = processed_tables(cache_file=Path(config.PROCESSED_DATA_DIR) / FIGURE_CACHE).checks
    counts = checks["status"].value_counts()
    click.echo("checks: " + ", ".join(f"{counts.get(s, 0)} {s}" for s in ("pass", "warn", "fail")))
    for row in checks[checks["status"] != "pass"].itertuples(index=False):
        where = " ".join(str(x) for x in (row.indicator, row.period) if isinstance(x, str) and x)
        click.echo(f"  {row.status.upper():<4} {row.check} [{where}]: {row.explanation}")
        click.echo(f"       values: {row.values}")
    if counts.get("fail", 0):
        raise SystemExit(1)
