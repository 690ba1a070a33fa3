"""The briefing pack from a run's ``figures/`` folder: ``briefing.pptx``, ``.pdf`` and ``.docx``.

Every ``<name>.meta.json`` in the folder is one chart, in one language (``lang``); a pack
is built per language found: ``briefing.*`` for English, ``briefing.zh.*`` for Chinese.
Charts keep their briefing order (``order``, then ``name``; the built-in charts have fixed
places, so the order never depends on which notebook saved first).

- PPTX: see `charts.deck` (template layouts, native charts, title and closing slides).
- PDF: a title page with the contents, each chart's own vector PDF page scaled onto a
  page of the same 16:9 size, and a closing page with the sources and the citation; one
  bookmark per chart. A chart without a PDF is drawn from its PNG. Fonts stay embedded.
- DOCX: see `charts.note` (key messages, charts with captions, key figures, references).

Every file is written atomically.
"""

from __future__ import annotations

import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sei_analysis.atomic import atomic_path
from sei_analysis.charts import catalogue
from sei_analysis.charts.citation import citation, current_run_id, today
from sei_analysis.errors import ExportError, InputError

# NOTE: every page of briefing.pdf has the slide's size (16:9, inches), so the PDF prints and
# pages like the deck.
PAGE_W_IN, PAGE_H_IN = 10.0, 5.625
PAGE_MARGIN_IN = 0.3


@dataclass(frozen=True)
class BriefingPack:
    """The three files of one language's pack."""

    lang: str
    pptx: Path
    pdf: Path
    docx: Path

    @property
    def files(self) -> list[Path]:
        return [self.pptx, self.pdf, self.docx]


def pack_stem(lang: str) -> str:
    """``briefing`` for English, ``briefing.zh`` for Chinese."""
    return "briefing" if lang == "en" else f"briefing.{lang}"


def read_figures(figures_dir: str | os.PathLike, lang: str | None = None) -> list[dict[str, Any]]:
    """The meta records of ``figures_dir`` (of one ``lang``, if given) in briefing order, with ``_dir``."""
    folder = Path(figures_dir)
    if not folder.is_dir():
        raise InputError(f"figures_dir: {folder} is not a directory")
    metas = []
    for path in folder.glob("*.meta.json"):
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ExportError(f"{path.name}: unreadable meta file: {exc}") from exc
        meta["_dir"] = folder
        meta.setdefault("lang", "en")
        if lang is None or meta["lang"] == lang:
            metas.append(meta)
    metas.sort(key=lambda m: (m.get("order", 0), m.get("name", "")))
    return metas


def languages_in(figures_dir: str | os.PathLike) -> list[str]:
    """The languages of the charts in ``figures_dir``, in catalogue order."""
    found = {m["lang"] for m in read_figures(figures_dir)}
    return [lang for lang in catalogue.LANGUAGES if lang in found]


def _page_of(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="pdf")
    return buf.getvalue()


def _text_page(heading: str, lines: list[str], lead: str = "") -> bytes:
    """A page of the PDF's size with a heading, a lead line and wrapped lines (title, closing)."""
    from matplotlib.figure import Figure

    from sei_analysis.charts.style import house_style, wrap_text

    with house_style("slide"):
        fig = Figure(figsize=(PAGE_W_IN, PAGE_H_IN))
        fig.text(0.06, 0.9, wrap_text(heading, 8.8, 20), fontsize=20, fontweight="bold", va="top")
        if lead:
            fig.text(0.06, 0.74, wrap_text(lead, 8.8, 10), fontsize=10, color="#555555", va="top")
        body = "\n".join(wrap_text(line, 8.6, 10) for line in lines)
        fig.text(0.06, 0.66, body, fontsize=10, va="top", linespacing=1.5)
        return _page_of(fig)


def _png_page(meta: dict[str, Any]) -> bytes:
    """A PDF page drawn from the PNG, for a figure whose PDF is missing."""
    from matplotlib.figure import Figure
    from matplotlib.image import imread

    img = imread(meta["_dir"] / f"{meta['name']}.png")
    h, w = img.shape[:2]
    fig = Figure(figsize=(10, 10 * h / w))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.imshow(img)
    ax.set_axis_off()
    buf = io.BytesIO()
    fig.savefig(buf, format="pdf", dpi=300)
    return buf.getvalue()


def _fitted(page: Any) -> Any:
    """``page`` scaled and centred onto a blank page of the PDF's one size."""
    from pypdf import PageObject, Transformation

    width, height = PAGE_W_IN * 72, PAGE_H_IN * 72
    w, h = float(page.mediabox.width), float(page.mediabox.height)
    margin = PAGE_MARGIN_IN * 72
    scale = min((width - 2 * margin) / w, (height - 2 * margin) / h)
    blank = PageObject.create_blank_page(width=width, height=height)
    tx, ty = (width - w * scale) / 2, (height - h * scale) / 2
    blank.merge_transformed_page(page, Transformation().scale(scale).translate(tx, ty))
    return blank


def write_pdf(
    metas: list[dict[str, Any]], path: Path, title: str, lead: str, closing: list[str], lang: str
) -> Path:
    """Title page, one page per chart, closing page; every page 16:9; written atomically."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    contents = [f"{i}. {m['title']}" for i, m in enumerate(metas, start=2)]
    contents = [catalogue.text("deck.contents", lang), *contents[:14]]
    writer.add_page(PdfReader(io.BytesIO(_text_page(title, contents, lead))).pages[0])
    for meta in metas:
        pdf = meta["_dir"] / f"{meta['name']}.pdf"
        data = pdf.read_bytes() if pdf.is_file() else _png_page(meta)
        start = len(writer.pages)
        writer.add_page(_fitted(PdfReader(io.BytesIO(data)).pages[0]))
        writer.add_outline_item(title=meta["title"], page_number=start)
    writer.add_page(PdfReader(io.BytesIO(_text_page(catalogue.text("deck.closing", lang), closing))).pages[0])
    writer.add_metadata({"/Title": title, "/Creator": "sei-analysis", "/Lang": lang})
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as fh:
            writer.write(fh)
    return path


def _tables(tables: Any) -> tuple[Any, Any]:
    if tables is not None:
        return tables.indicators, tables.targets
    from sei_analysis.indicators.targets import read_processed

    return read_processed("indicators"), read_processed("targets")


def build_briefing(
    figures_dir: str | os.PathLike,
    out_dir: str | os.PathLike | None = None,
    *,
    lang: str = "en",
    title: str | None = None,
    template: str | os.PathLike | None = None,
    tables: Any = None,
    run_id: str | None = None,
) -> BriefingPack:
    """Write ``briefing[.zh].pptx``, ``.pdf`` and ``.docx`` for the ``lang`` charts in ``figures_dir``.

    Parameters
    ----------
    figures_dir : path
        A folder written by :func:`save_figure` (``*.meta.json`` plus PNG/PDF).
    out_dir : path, optional
        Where to write; defaults to the parent of ``figures_dir`` (the run directory).
    lang : {"en", "zh"}
        The language of the pack; only charts saved in it are used.
    template : path, optional
        An author's ``.pptx``: the deck takes its layouts and fonts.
    tables : object with ``indicators`` and ``targets``, optional
        The tables the key messages are written from; default ``data/processed``.
    run_id : str, optional
        Named on the title slide and in the citation; default ``$SEI_RUN_ID``.

    Returns
    -------
    BriefingPack
    """
    from sei_analysis.charts.deck import DeckInfo, open_template, write_deck
    from sei_analysis.charts.key_messages import key_messages
    from sei_analysis.charts.note import write_note

    catalogue.check_lang(lang)
    metas = read_figures(figures_dir, lang)
    if not metas:
        raise InputError(f"figures_dir: no *.meta.json of language {lang!r} in {figures_dir}")
    if template is not None:
        open_template(template)  # a bad template is bad input (exit 2), found before anything is written
    out = Path(out_dir) if out_dir is not None else Path(figures_dir).parent
    run_id = run_id or current_run_id() or next((m.get("run_id") for m in metas if m.get("run_id")), None)
    date = today()
    commit = next((m.get("git_commit") for m in metas if m.get("git_commit")), None)
    title = title or catalogue.text("deck.title", lang)
    sources = tuple(dict.fromkeys(s for m in metas for s in m.get("sources") or []))
    cite = citation(title, sources, lang=lang, run_id=run_id, date=date, commit=commit)
    shown_run = run_id or catalogue.text("cite.no_run", lang)
    info = DeckInfo(
        title=title,
        subtitle=catalogue.text("deck.subtitle", lang, n=len(metas), run_id=shown_run, date=date),
        sources=sources,
        citation=cite,
        lang=lang,
    )
    stem = pack_stem(lang)
    try:
        indicators, targets = _tables(tables)
        messages = key_messages(indicators, targets, lang)
        pptx = write_deck(metas, out / f"{stem}.pptx", info, template)
        closing = [
            catalogue.text(
                "deck.primary_sources", lang, sources=catalogue.text("source.sep", lang).join(sources)
            ),
            catalogue.text("deck.cite_as", lang, citation=cite),
        ]
        pdf = write_pdf(metas, out / f"{stem}.pdf", title, info.subtitle, closing, lang)
        docx = write_note(
            metas,
            out / f"{stem}.docx",
            messages=messages,
            targets=targets,
            lang=lang,
            run_id=shown_run,
            date=date,
        )
    except (InputError, ExportError):
        raise
    except Exception as exc:
        raise ExportError(f"briefing ({lang}): could not be written to {out}: {exc}") from exc
    return BriefingPack(lang=lang, pptx=pptx, pdf=pdf, docx=docx)


def _one_pack(args: tuple) -> BriefingPack:
    figures_dir, out_dir, lang, kwargs = args
    return build_briefing(figures_dir, out_dir, lang=lang, **kwargs)


def build_briefings(
    figures_dir: str | os.PathLike,
    out_dir: str | os.PathLike | None = None,
    workers: int | None = None,
    **kwargs: Any,
) -> list[BriefingPack]:
    """One pack per language found in ``figures_dir`` (see `build_briefing`).

    The packs are built side by side, one process per language (``workers``, default the
    cores; 1 builds them in turn): each is a few seconds of matplotlib and font subsetting
    that holds the interpreter's lock, and the run waits for them before it can finish.
    """
    langs = languages_in(figures_dir)
    if not langs:
        raise InputError(f"figures_dir: no *.meta.json in {figures_dir}")
    jobs = [(figures_dir, out_dir, lang, kwargs) for lang in langs]
    workers = min(len(jobs), (os.cpu_count() or 1) if workers is None else max(1, workers))
    if workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        try:
            context = multiprocessing.get_context("forkserver")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                return list(pool.map(_one_pack, jobs))
        except BrokenProcessPool:
            pass  # no worker could start here (a __main__ that cannot be imported again): in turn
    return [_one_pack(job) for job in jobs]
