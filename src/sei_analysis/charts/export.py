"""Write a chart to a run's ``figures/`` folder: PNG, SVG, PDF, CSV, meta.json (+ HTML).

Static export decision
----------------------
matplotlib is the single source of truth for the static files (PNG at 300 dpi, SVG, PDF);
the plotly figure is exported only as the interactive, self-contained ``<name>.html``
(plotly.js inlined, works offline). Kaleido *does* work here with Debian's Chromium
(``BROWSER_PATH=/usr/bin/chromium``), and :func:`plotly_static` is kept for anyone who wants
it, but it is not on the report path because, measured on the 2-core build machine
(``benchmarks/bench_charts.py --kaleido``):

- a cold kaleido export costs 2.0-3.1 s per image (one Chromium start each), i.e. 6-9
  s for PNG+SVG+PDF of one chart, against 0.4-1.0 s for a whole ``save_figure`` call
  from matplotlib (all three formats plus CSV, meta and the 4.8 MB self-contained HTML);
- with a kept-alive kaleido server the first image still pays the Chromium start (2-2.7 s),
  later SVG/PDF take 0.2-0.3 s each; but report notebooks run in separate kernels, so
  each would start its own Chromium, competing for the 2 cores;
- the static files must meet rules kaleido does not control well: ``pdf.fonttype`` 42,
  SVG text kept as ``<text>``, CJK font fallback without missing glyphs;
- a browser at report time is one more thing that can fail; matplotlib cannot.

Two renderers for the same static file would also mean two versions of the truth.

Atomicity: every file is first written to a temporary file beside its target; only when
*all* of a figure's files have been written are they renamed into place (meta.json last).
A failing export therefore leaves the previous files intact and no temporary files behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sei_analysis import config
from sei_analysis.atomic import atomic_path
from sei_analysis.charts.citation import citation, current_run_id
from sei_analysis.errors import ExportError, InputError

# NOTE: a safe file stem: starts with a letter or digit; letters, digits, '.', '_' and '-'.
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
STATIC_FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
META_FIELDS: tuple[str, ...] = (
    "name",
    "title",
    "subtitle",
    "unit",
    "source",
    "alt",
    "parameters",
    "git_commit",
    "files",
    "order",
    "created_at",
    "interactive",
    "lang",
    "chart",
    "citation",
    "run_id",
    "sources",
    "assumptions",
    "note",
)
# NOTE: the briefing order of the built-in charts, fixed, so the deck order never depends on
# which notebook kernel saved first (they run in parallel). Other charts follow, in saving
# order, from ORDER_AFTER_BUILT_INS + 1; ties are broken by name.
DECK_ORDER: dict[str, int] = {
    "share_vs_targets": 1,
    "growth_vs_industry": 2,
    "scenario_fan": 3,
    "sensitivity_heatmap": 4,
    "figure_sources": 5,
}
ORDER_AFTER_BUILT_INS = max(DECK_ORDER.values())
ENV_FIGURES_DIR = "SEI_FIGURES_DIR"


@dataclass(frozen=True)
class SavedFigure:
    """What :func:`save_figure` wrote: the figure's name, its files by format and its meta."""

    name: str
    out_dir: Path
    files: dict[str, Path]
    meta: dict[str, Any] = field(repr=False)

    @property
    def meta_path(self) -> Path:
        return self.files["meta"]


def default_figures_dir() -> Path:
    """``$SEI_FIGURES_DIR`` if set, else ``reports/scratch/figures``."""
    env = os.environ.get(ENV_FIGURES_DIR)
    return Path(env) if env else config.REPORTS_DIR / "scratch" / "figures"


def git_commit(root: Path | None = None) -> str | None:
    """The current commit of the checkout (``git rev-parse HEAD``), or None if unavailable."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=root or config.PROJ_ROOT,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    sha = out.stdout.strip()
    return sha if re.fullmatch(r"[0-9a-f]{40}", sha) else None


def default_alt(title: str, subtitle: str | None, unit: str | None) -> str:
    """A plain alt text built from title, subtitle and unit.

    Examples
    --------
    >>> default_alt("Growth slowed", "Annual growth, 2015-2019", "percent")
    'Chart: Growth slowed. Annual growth, 2015-2019 (unit: percent).'
    """
    parts = [f"Chart: {title.rstrip('.')}."]
    if subtitle:
        parts.append(subtitle.rstrip(".") + (f" (unit: {unit})." if unit else "."))
    elif unit:
        parts.append(f"Unit: {unit}.")
    return " ".join(parts)


def validate_name(name: str) -> str:
    """Return ``name`` if it is a safe file stem, else raise :class:`InputError`."""
    if not isinstance(name, str) or not NAME_PATTERN.match(name) or name.endswith(".meta"):
        raise InputError(
            f"name: {name!r} is not a safe file stem (letters, digits, '.', '_', '-'; at most 100 characters)"
        )
    return name


def _require_text(fieldname: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{fieldname}: must be a non-empty string, got {value!r}")
    return value.strip()


def _next_order(out_dir: Path, name: str, chart: str | None = None) -> int:
    """The fixed order of a built-in chart; else reuse ``name``'s, else one more than the largest.

    A chart's language versions share one order (they go into separate decks).
    """
    if chart in DECK_ORDER:
        return DECK_ORDER[chart]
    orders = {}
    for p in out_dir.glob("*.meta.json"):
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            meta = json.loads(p.read_text(encoding="utf-8"))
            orders[meta["name"]] = int(meta["order"])
    if name in orders:
        return orders[name]
    return max([ORDER_AFTER_BUILT_INS, *orders.values()]) + 1


def _json_safe(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def _save_static(fig: Any, path: Path, fmt: str, size: str) -> None:
    from sei_analysis.charts.style import house_style

    with house_style(size):
        meta = {"Creator": "sei-analysis"} if fmt in ("pdf", "svg") else None
        fig.savefig(path, format=fmt, dpi=300 if fmt == "png" else "figure", metadata=meta)
    if fmt == "svg":
        _preserve_svg_spaces(path)


def _preserve_svg_spaces(path: Path) -> None:
    """Keep runs of spaces in SVG text: browsers collapse them unless told not to."""
    text = path.read_text(encoding="utf-8")
    text = text.replace("<svg ", '<svg xml:space="preserve" style="white-space: pre" ', 1)
    path.write_text(text, encoding="utf-8")


def _write_html(plotly_fig: Any, path: Path, title: str, lang: str = "en") -> None:
    import html

    page = plotly_fig.to_html(
        include_plotlyjs=True,
        full_html=True,
        config={"displaylogo": False, "responsive": True},
        div_id="sei-chart",
    )
    # NOTE: plotly writes no <title> and no language; a browser tab, a screen reader and a
    # search need both.
    page = page.replace("<html>", f'<html lang="{"zh-Hans" if lang == "zh" else "en"}">', 1)
    page = page.replace("<head>", f"<head>\n    <title>{html.escape(title)}</title>", 1)
    path.write_text(page, encoding="utf-8")


def tidy_table(data: Any) -> Any:
    r"""The table as written to CSV: integral float columns as integers, float noise rounded off.

    Examples
    --------
    >>> import pandas as pd
    >>> tidy_table(pd.DataFrame({"n": [3.0, 2.0], "v": [17.000000000000004, 1.25]})).to_csv(index=False)
    'n,v\n3,17.0\n2,1.25\n'
    """
    import pandas as pd

    frame = data.copy() if isinstance(data, pd.DataFrame) else pd.DataFrame(data)
    for col in frame.columns:
        series = frame[col]
        if pd.api.types.is_float_dtype(series):
            # NOTE: 6 decimals is below every published precision and above float noise.
            series = series.round(6)
            known = series.dropna()
            if len(known) and (known == known.round()).all():
                series = series.astype("Int64")
            frame[col] = series
    return frame


def _write_csv(data: Any, path: Path) -> None:
    import pandas as pd

    frame = tidy_table(data)
    keep_index = not isinstance(frame.index, pd.RangeIndex)
    frame.to_csv(path, index=keep_index, encoding="utf-8", lineterminator="\n")


def save_figure(
    fig: Any,
    name: str,
    *,
    data: Any,
    title: str,
    subtitle: str | None = None,
    unit: str | None = None,
    source: str,
    params: Mapping[str, Any] | None = None,
    out_dir: str | os.PathLike | None = None,
    alt: str | None = None,
    interactive: Any = None,
    size: str = "page",
    order: int | None = None,
    lang: str = "en",
    note: str | None = None,
    sources: Any = (),
    assumptions: Mapping[str, Any] | None = None,
    native: Mapping[str, Any] | None = None,
    slide_fig: Any = None,
    chart: str | None = None,
    as_of: str | None = None,
) -> SavedFigure:
    """Write ``fig`` as PNG (300 dpi), SVG and PDF, plus ``<name>.csv`` and ``<name>.meta.json``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The static figure. If it carries no title/source texts yet they are added.
    name : str
        File stem: letters, digits, ``.``, ``_``, ``-``.
    data : DataFrame
        The data drawn; written as ``<name>.csv``.
    title, source : str
        Required, non-empty. ``subtitle`` and ``unit`` are recommended.
    params : mapping, optional
        Parameters that produced the chart; stored in the meta file.
    out_dir : path, optional
        Defaults to ``$SEI_FIGURES_DIR`` or ``reports/scratch/figures``.
    alt : str, optional
        Alt text; a default is built from title, subtitle and unit.
    interactive : plotly Figure, optional
        Written as a self-contained ``<name>.html`` (plotly.js inlined, works offline).
    order : int, optional
        Position in the briefing; defaults to the fixed place of a built-in ``chart``
        (`DECK_ORDER`), else to after every figure already in ``out_dir``.
    lang : str
        The language of the chart's words (``en`` or ``zh``); the briefing of that language
        takes it.
    note, sources, assumptions, native, slide_fig, chart, as_of
        The footnote, the primary sources' short names (for the citation), the scenario
        assumptions, the native PowerPoint chart recipe, an undecorated slide-size figure
        (written as ``<name>.slide.png`` for the deck), the builder's name and the date the
        data is assessed as of; all recorded in ``meta.json``.

    Returns
    -------
    SavedFigure

    Raises
    ------
    InputError
        A bad ``name`` or an empty ``title``/``source``.
    ExportError
        A file could not be written; the previous files are left intact.
    """
    name = validate_name(name)
    title = _require_text("title", title)
    source = _require_text("source", source)
    if fig is None or not hasattr(fig, "savefig"):
        raise InputError(f"fig: expected a matplotlib Figure, got {type(fig).__name__}")
    if data is None:
        raise InputError("data: the data drawn is required (a DataFrame)")
    from sei_analysis.charts.catalogue import check_lang
    from sei_analysis.charts.style import decorate, fig_texts

    check_lang(lang)
    if "sei-title" not in fig_texts(fig):
        decorate(fig, title, subtitle, source, size, note=note)
    out = Path(out_dir) if out_dir is not None else default_figures_dir()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"out_dir: cannot create {out}: {exc}") from exc

    files = {fmt: out / f"{name}.{fmt}" for fmt in STATIC_FORMATS}
    if slide_fig is not None:
        files["slide_png"] = out / f"{name}.slide.png"
    files["csv"] = out / f"{name}.csv"
    if interactive is not None:
        files["html"] = out / f"{name}.html"
    files["meta"] = out / f"{name}.meta.json"
    commit = git_commit()
    run_id = current_run_id()
    sources = [str(x) for x in (sources or ())]
    meta = {
        "name": name,
        "title": title,
        "subtitle": subtitle,
        "unit": unit,
        "source": source,
        "alt": alt or default_alt(title, subtitle, unit),
        "parameters": _json_safe(dict(params or {})),
        "git_commit": commit,
        "files": [p.name for p in files.values()],
        "order": order if order is not None else _next_order(out, name, chart),
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
        "interactive": interactive is not None,
        "size": size,
        "lang": lang,
        "chart": chart or name,
        "run_id": run_id,
        "sources": sources,
        "citation": citation(title, sources, lang=lang, run_id=run_id, commit=commit),
        "note": note,
        "assumptions": _json_safe(dict(assumptions or {})),
        "as_of": as_of,
        "native": _json_safe(dict(native)) if native else None,
    }
    current = "meta"
    try:
        with contextlib.ExitStack() as stack:
            # NOTE: entered first, renamed last: meta.json appears only when the rest is in place.
            tmp = {key: stack.enter_context(atomic_path(path)) for key, path in files.items()}
            for fmt in STATIC_FORMATS:
                current = fmt
                _save_static(fig, tmp[fmt], fmt, size)
            if slide_fig is not None:
                current = "slide_png"
                _save_static(slide_fig, tmp["slide_png"], "png", "slide")
            current = "csv"
            _write_csv(data, tmp["csv"])
            if interactive is not None:
                current = "html"
                _write_html(interactive, tmp["html"], title, lang)
            current = "meta"
            tmp["meta"].write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except (InputError, ExportError):
        raise
    except Exception as exc:
        raise ExportError(f"{name}: could not write {files[current].name}: {exc}") from exc
    return SavedFigure(name=name, out_dir=out, files=files, meta=meta)


def plotly_static(
    plotly_fig: Any,
    path: str | os.PathLike,
    *,
    fmt: str | None = None,
    width: int = 1000,
    height: int = 560,
    scale: float = 2.0,
) -> Path:
    """Export a plotly figure to a static file with kaleido and Debian's Chromium (optional).

    Not used by :func:`save_figure` (see the module docstring). Sets ``BROWSER_PATH`` to
    ``/usr/bin/chromium`` when it exists and no browser path is set; never downloads one.
    """
    import plotly.io as pio

    path = Path(path)
    if "BROWSER_PATH" not in os.environ and Path("/usr/bin/chromium").exists():
        os.environ["BROWSER_PATH"] = "/usr/bin/chromium"
    try:
        with atomic_path(path) as tmp:
            pio.write_image(
                plotly_fig,
                tmp,
                format=fmt or path.suffix.lstrip("."),
                width=width,
                height=height,
                scale=scale,
            )
    except Exception as exc:
        raise ExportError(f"{path.name}: kaleido export failed: {exc}") from exc
    return path
