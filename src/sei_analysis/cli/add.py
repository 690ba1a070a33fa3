"""``sei add``: register new raw documents (a thin wrapper over `corpus.register`)."""

from __future__ import annotations

from pathlib import Path

import click

# NOTE: the figure columns `sei add --dry-run` shows.
FIGURE_COLUMNS_SHOWN = ["value", "unit", "measure", "qualifier", "is_target", "period", "series", "raw"]
# NOTE: how to supply each field that a document did not state.
HINTS = {
    "title": "give --title",
    "publisher": "give --publisher",
    "url": "give --url",
    "date": "give --date",
}


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--id",
    "doc_id",
    help="Id of the new source (letters, digits, . _ -); default: publisher-date-title words.",
)
@click.option(
    "--title", help="Title; default: what the document states (<meta ArticleTitle>, <title>, PDF/DOCX title)."
)
@click.option(
    "--publisher", help="Publisher; default: what the document states (ContentSource, og:site_name, author)."
)
@click.option(
    "--date", help="Publication date, YYYY, YYYY-MM or YYYY-MM-DD; required when the document states none."
)
@click.option("--url", help="Where the document was published (http:// or https://).")
@click.option(
    "--lang",
    type=click.Choice(["en", "zh", "zh-Hans", "zh-Hant"]),
    help="Language; default: detected from the text (zh: the script is detected).",
)
@click.option(
    "--dry-run", is_flag=True, help="Print the record and the figures that would be found; change nothing."
)
def add(paths, doc_id, title, publisher, date, url, lang, dry_run) -> None:
    """Register new raw documents: PATH is a .txt, .md, .html/.htm, .pdf or .docx file, or a folder of them.

    Each original is copied byte for byte to data/raw/policy/ and data/raw/sources.yml
    gains its provenance record (id, path, kind, title, publisher, date, language, url,
    notes, sha256, added). Options win over what the document states; the command names
    every field it could not find. A refused file (already registered, unknown format,
    no text layer, encrypted, undecodable, bad option) exits 2 and changes nothing.
    """
    from sei_analysis.corpus.register import AddOptions, add_documents, record_yaml

    options = AddOptions(id=doc_id, title=title, publisher=publisher, date=date, url=url, lang=lang)
    additions = add_documents(paths, options, dry_run=dry_run)
    for addition in additions:
        rec = addition.record
        verb = "would add" if dry_run else "added"
        click.echo(
            f"{verb} {rec['id']}: {addition.source} -> data/raw/{rec['path']} ({addition.document.reader}, "
            f"{len(addition.document.text):,} characters)"
        )
        for name in ("title", "date", "publisher", "url", "language", "id"):
            if name in addition.origin:
                click.echo(f"  {name:<9} {rec[name]}  ({addition.origin[name]})")
        if addition.missing:
            named = ", ".join(f"{m} ({HINTS.get(m, 'give --' + m)})" for m in addition.missing)
            click.echo(f"  not found in the document: {named}")
        if dry_run:
            click.echo("  record:")
            click.echo("".join(f"    {line}\n" for line in record_yaml(rec).splitlines()), nl=False)
            _echo_figures(addition)
    if dry_run:
        click.echo("dry run: nothing was changed")
    else:
        click.echo(
            f"{len(additions)} document(s) added to data/raw/sources.yml; "
            "run `sei build` to extract their figures"
        )


def _number(value: float) -> str:
    """Amounts in full (6.16836e13 as 61,683,600,000,000), rates as written."""
    return f"{value:,.0f}" if abs(value) >= 1e6 and float(value).is_integer() else f"{value:g}"


def _echo_figures(addition) -> None:
    """Print the figures `sei build` would find in the document, and the series each would go to.

    The periods are read against the record's date and the series mapped as the build maps
    them (`indicators.map_figures`); ``-`` is a figure the mapping leaves out or that names no
    series (`sei review` says why, after the build).
    """
    from sei_analysis.corpus.text import normalize_text
    from sei_analysis.extract import extract_figures
    from sei_analysis.indicators import map_figures

    rec = addition.record
    lang = "en" if rec["language"] == "en" else "zh"
    figures = extract_figures(
        normalize_text(addition.document.text),
        lang=lang,
        document_date=rec["date"],
        document_title=rec["title"],
    )
    figures = figures.assign(
        doc_id=rec["id"],
        publisher=rec["publisher"] or "",
        source_title=rec["title"] or "",
        date_published=rec["date"],
    )
    _, decisions = map_figures(figures)
    mapped = decisions[decisions["decision"] == "mapped"]
    series = dict(zip(mapped["start"], mapped["series"], strict=True))
    figures["series"] = [series.get(int(start), "-") for start in figures["start"]]
    click.echo(f"  figures found: {len(figures)}")
    if len(figures):
        table = figures[FIGURE_COLUMNS_SHOWN].to_string(index=False, na_rep="-", float_format=_number)
        click.echo("".join(f"    {line}\n" for line in table.splitlines()), nl=False)
