"""House style: one matplotlib style and a matching plotly template.

Rules (see the charts issue):

- the title states the message; the subtitle gives measure, unit and period;
- the source line sits at the bottom left;
- direct labels rather than legends where practical;
- colour-blind-safe Okabe-Ito palette, always paired with a line style or marker;
- no dual axes;
- Chinese text renders with real glyphs through font fallback
  (DejaVu Sans first, then Noto Sans CJK from Debian's ``fonts-noto-cjk``);
- ``pdf.fonttype = 42`` (TrueType, editable text) and ``svg.fonttype = "none"``
  (SVG text stays text).

Nothing here touches global state at import: use ``with house_style(): ...``.
matplotlib is imported inside the functions that need it.
"""

from __future__ import annotations

import contextlib
import functools
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# NOTE: Okabe & Ito (2008), "Color Universal Design": distinguishable by the common
# forms of colour blindness. Black is kept for text and reference lines.
OKABE_ITO: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
# NOTE: cycle order puts the strongest contrasts first; yellow last (weak on white).
PALETTE: tuple[str, ...] = tuple(
    OKABE_ITO[k] for k in ("blue", "vermillion", "green", "orange", "purple", "sky", "yellow")
)
# NOTE: line styles and markers paired with the colours, so series differ without colour too.
LINESTYLES: tuple[Any, ...] = ("-", "--", ":", "-.", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 3)), (0, (8, 2)))
MARKERS: tuple[str, ...] = ("o", "s", "D", "^", "v", "P", "X")
# NOTE: the scenario paths' colours, in the scenario fan (matplotlib and plotly alike).
PATH_COLOURS = (OKABE_ITO["green"], OKABE_ITO["orange"], OKABE_ITO["purple"], "#000000", OKABE_ITO["sky"])
# NOTE: the three growth series: colour and marker (matplotlib, plotly, PowerPoint names).
# High-tech manufacturing is a different, narrower NBS series: its own colour and shape, in
# its own panel, never joined to SEI growth.
GROWTH_STYLE = {
    "sei": (OKABE_ITO["blue"], "o", "circle"),
    "industry": (OKABE_ITO["orange"], "s", "square"),
    "hitech": (OKABE_ITO["green"], "^", "triangle"),
}
GREY = "#6E6E6E"
LIGHT_GREY = "#D9D9D9"

# NOTE: the CJK families matplotlib may know the Noto CJK fonts by, in order of preference
# (Simplified Chinese first; JP/TC cover the same Han glyphs).
CJK_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Noto Sans CJK KR",
    "Noto Sans CJK HK",
    "Source Han Sans SC",
)
LATIN_FAMILY = "DejaVu Sans"


@dataclass(frozen=True)
class Size:
    """A named figure size: width and height in inches and the three text sizes in points."""

    width: float
    height: float
    title: float
    subtitle: float
    body: float
    source: float


# NOTE: named sizes from the issue: column 3.5 in, page 6.5 in, slide 16:9 at 10 in.
SIZES: dict[str, Size] = {
    "column": Size(3.5, 2.9, 8.5, 7.0, 6.5, 5.5),
    "page": Size(6.5, 4.3, 11.0, 8.5, 8.0, 6.5),
    "slide": Size(10.0, 5.625, 16.0, 12.0, 11.0, 9.0),
}


def get_size(size: str | Size) -> Size:
    """Return the :class:`Size` named ``size`` (``column``, ``page`` or ``slide``).

    Examples
    --------
    >>> get_size("slide").width
    10.0
    """
    if isinstance(size, Size):
        return size
    try:
        return SIZES[size]
    except KeyError:
        from sei_analysis.errors import InputError

        raise InputError(f"size: {size!r} is not one of {sorted(SIZES)}") from None


@functools.cache
def cjk_family() -> str | None:
    """Return the first installed Noto Sans CJK family name, or None if none is installed."""
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((fam for fam in CJK_FAMILIES if fam in names), None)


def font_families() -> list[str]:
    """Font fallback list: DejaVu Sans for Latin, then Noto Sans CJK for Han glyphs."""
    cjk = cjk_family()
    return [LATIN_FAMILY, cjk] if cjk else [LATIN_FAMILY]


def house_rc(size: str | Size = "page") -> dict[str, Any]:
    """The rcParams of the house style for a named size."""
    from cycler import cycler

    s = get_size(size)
    return {
        "font.family": font_families(),
        "font.size": s.body,
        "axes.titlesize": s.body,
        "axes.labelsize": s.body,
        "xtick.labelsize": s.body * 0.92,
        "ytick.labelsize": s.body * 0.92,
        "legend.fontsize": s.body * 0.92,
        "legend.frameon": False,
        "axes.prop_cycle": cycler(color=PALETTE) + cycler(linestyle=LINESTYLES),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": "#333333",
        "axes.grid": True,
        "axes.grid.axis": "y",
        "grid.color": "#E5E5E5",
        "grid.linewidth": 0.6,
        "axes.axisbelow": True,
        "axes.unicode_minus": True,
        "lines.linewidth": 1.8 if s.width > 4 else 1.3,
        "lines.markersize": 6 if s.width > 4 else 4.5,
        "figure.figsize": (s.width, s.height),
        "figure.dpi": 100,
        "figure.facecolor": "white",
        "savefig.dpi": 300,
        "savefig.facecolor": "white",
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "svg.fonttype": "none",
        "image.cmap": "viridis",
    }


@contextlib.contextmanager
def house_style(size: str | Size = "page") -> Iterator[None]:
    """Apply the house style inside a ``with`` block; rcParams are restored afterwards."""
    import matplotlib

    with matplotlib.rc_context(house_rc(size)):
        yield


_WIDE = re.compile(r"[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60]")


def wrap_text(text: str, width_in: float, fontsize: float) -> str:
    """Wrap ``text`` to fit ``width_in`` inches at ``fontsize`` points (CJK counts double).

    Examples
    --------
    >>> wrap_text("a b c", 10, 10)
    'a b c'
    """
    # NOTE: an average Latin glyph of DejaVu Sans is about 0.55 em wide; a Han glyph is 1 em.
    return wrap_units(text, max(8, int(width_in * 72 / (fontsize * 0.55))))


def wrap_units(text: str, units: int, sep: str = "\n") -> str:
    r"""Wrap ``text`` at ``units`` half-width characters per line (a Han glyph counts two).

    Latin text breaks at spaces; CJK text breaks between any two characters, but never
    before closing punctuation.

    Examples
    --------
    >>> wrap_units("战略性新兴产业增加值", 8)
    '战略性新\n兴产业增\n加值'
    """
    if not text:
        return ""
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        if _WIDE.search(para):
            line, used = "", 0
            for ch in para:
                w = 2 if _WIDE.match(ch) else 1
                if used + w > units and line and ch not in _NO_LINE_START:
                    lines.append(line)
                    line, used = "", 0
                line, used = line + ch, used + w
            lines.append(line)
        else:
            lines.extend(textwrap.wrap(para, units) or [""])
    return sep.join(lines)


# NOTE: characters a CJK line must not start with (closing punctuation, kinsoku rule).
_NO_LINE_START = set("，。；：、）」』》〉！？%,.;:)!?")


def _luminance(colour: str) -> float:
    from matplotlib.colors import to_rgb

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str = "white") -> float:
    """The WCAG 2 contrast ratio of two colours (1 to 21).

    Examples
    --------
    >>> round(contrast_ratio("black"), 1), round(contrast_ratio("#56B4E9"), 1)
    (21.0, 2.3)
    """
    hi, lo = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# NOTE: WCAG 2 AA minimum for normal-size text on its background.
MIN_TEXT_CONTRAST = 4.5


@functools.cache
def text_colour(colour: str, background: str = "white", minimum: float = MIN_TEXT_CONTRAST) -> str:
    """``colour`` darkened (same hue) until text in it reaches ``minimum`` contrast on ``background``.

    Markers keep the Okabe-Ito colours; their labels use this darker shade, so sky blue,
    orange and purple labels are readable on white (4.5:1).

    Examples
    --------
    >>> text_colour("#000000")
    '#000000'
    >>> contrast_ratio(text_colour("#56B4E9")) >= 4.5
    True
    """
    import colorsys

    from matplotlib.colors import to_hex, to_rgb

    h, lightness, sat = colorsys.rgb_to_hls(*to_rgb(colour))
    out = to_hex(to_rgb(colour))
    while contrast_ratio(out, background) < minimum and lightness > 0:
        lightness = max(0.0, lightness - 0.02)
        out = to_hex(colorsys.hls_to_rgb(h, lightness, sat))
    return out.upper()


def _renderer(fig: Any) -> Any:
    if not hasattr(fig.canvas, "get_renderer"):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
    return fig.canvas.get_renderer()


def _fit_text(fig: Any, y_in: float, text: str, fontsize: float, va: str, **kwargs: Any) -> float:
    """Place wrapped ``text`` at ``y_in`` inches from the bottom; return its height in inches.

    The text is wrapped with :func:`wrap_text`, then measured with the renderer and rewrapped
    narrower until it fits the figure width.
    """
    w, h = fig.get_size_inches()
    pad = 0.08
    renderer = _renderer(fig)
    artist = fig.text(pad / w, y_in / h, "", ha="left", va=va, fontsize=fontsize, **kwargs)
    width = w - 2 * pad
    for _ in range(8):
        artist.set_text(wrap_text(text, width, fontsize))
        box = artist.get_window_extent(renderer)
        # NOTE: 4% headroom: glyph hinting at 300 dpi draws text slightly wider than at 100 dpi.
        if box.width / fig.dpi <= 0.96 * (w - 2 * pad) or width < 1:
            break
        width *= 0.9
    return box.height / fig.dpi


def is_source_line(text: str) -> bool:
    """Whether ``text`` already starts with a source prefix (``Source:`` or ``来源：``)."""
    return text.lower().startswith("source") or text.startswith("来源")


def decorate(
    fig: Any,
    title: str,
    subtitle: str | None,
    source: str,
    size: str | Size = "page",
    note: str | None = None,
) -> None:
    """Put title, subtitle, footnote and source line on ``fig`` and fit its axes in between.

    The texts carry the gids ``sei-title``, ``sei-subtitle``, ``sei-note`` and ``sei-source``
    so tests and ``save_figure`` can find them. Their heights are measured with the
    renderer; the constrained layout engine then fits the axes in the band between header
    and footer. Every text is wrapped to the figure width, never cut.
    """
    s = get_size(size)
    w, h = fig.get_size_inches()
    top = 0.08
    top += _fit_text(fig, h - top, title, s.title, "top", fontweight="bold", gid="sei-title")
    if subtitle:
        top += 0.04
        top += _fit_text(fig, h - top, subtitle, s.subtitle, "top", color="#444444", gid="sei-subtitle")
    src = source if is_source_line(source) else f"Source: {source}"
    bottom = 0.06
    bottom += _fit_text(fig, bottom, src, s.source, "bottom", color=GREY, gid="sei-source")
    if note:
        bottom += 0.03
        bottom += _fit_text(fig, bottom, note, s.source, "bottom", color="#4D4D4D", gid="sei-note")
    top += 0.06
    bottom += 0.04
    # NOTE: the rect of the constrained layout engine is (left, bottom, width, height).
    fig.set_layout_engine(
        "constrained", rect=(0, bottom / h, 1, 1 - (top + bottom) / h), h_pad=0.03, w_pad=0.03
    )


def undecorated(fig: Any) -> None:
    """Lay out a figure that carries no title or source (a slide picture: the slide has them)."""
    fig.set_layout_engine("constrained", h_pad=0.05, w_pad=0.05)


def new_figure(size: str | Size = "page", nrows: int = 1, ncols: int = 1, **kwargs: Any):
    """Create ``(fig, axes)`` at a named size. Call inside :func:`house_style`."""
    import matplotlib.figure
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    s = get_size(size)
    fig = matplotlib.figure.Figure(figsize=(s.width, s.height))
    FigureCanvasAgg(fig)
    axes = fig.subplots(nrows, ncols, squeeze=True, **kwargs)
    return fig, axes


def fig_texts(fig: Any) -> dict[str, str]:
    """Return the decorated texts of ``fig`` by gid (``sei-title``, ``sei-subtitle``, ``sei-source``)."""
    return {t.get_gid(): t.get_text() for t in fig.texts if t.get_gid()}


# --- plotly -------------------------------------------------------------------------------------


def plotly_template():
    """A plotly template matching the matplotlib house style (Okabe-Ito, same fonts)."""
    import plotly.graph_objects as go

    fonts = ", ".join([*font_families(), "sans-serif"])
    return go.layout.Template(
        layout=go.Layout(
            font=dict(family=fonts, size=13, color="#222222"),
            colorway=list(PALETTE),
            paper_bgcolor="white",
            plot_bgcolor="white",
            title=dict(x=0.01, xanchor="left", y=0.97, yanchor="top", font=dict(size=18)),
            xaxis=dict(showgrid=False, linecolor="#333333", ticks="outside", zeroline=False),
            yaxis=dict(showgrid=True, gridcolor="#E5E5E5", linecolor="#333333", zeroline=False),
            legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0),
            margin=dict(l=60, r=30, t=100, b=120),
            hoverlabel=dict(font=dict(family=fonts)),
        )
    )


def margin_for(labels: Any) -> int:
    """Left margin (px) that fits the longest category label at 13 px (a Han glyph counts two)."""
    widest = max((sum(2 if ord(c) > 0x2E80 else 1 for c in str(x)) for x in labels), default=4)
    return int(24 + 7.2 * widest)


def decorate_plotly(
    fig: Any, title: str, subtitle: str | None, source: str, note: str | None = None, left: int = 60
) -> Any:
    """Apply the template, title (with subtitle underneath), footnote and bottom-left source line.

    ``left`` is the left margin in pixels: the builders size it to their longest category
    label, so no label is clipped.
    """

    # NOTE: plotly does not wrap text; long titles and source lines run off the page unless
    # broken (at spaces, or between Han characters; widths fit the default 1000-px figure).
    def wrap(text: str, width: int) -> str:
        return wrap_units(text, width, sep="<br>") or text

    src = source if is_source_line(source) else f"Source: {source}"
    sub = f"<br><span style='font-size:13px;color:#444444'>{wrap(subtitle, 120)}</span>" if subtitle else ""
    heading = f"<b>{wrap(title, 85)}</b>{sub}"
    lines = heading.count("<br>") + 1
    footer = (wrap(note, 150) + "<br>" if note else "") + wrap(src, 150)
    foot_lines = footer.count("<br>") + 1
    fig.update_layout(
        template=plotly_template(),
        title=dict(text=heading, yref="container", y=1, yanchor="top", pad=dict(t=14)),
        margin=dict(t=40 + 24 * lines, l=left, b=84 + 16 * foot_lines),  # room for every line
        modebar=dict(orientation="v"),  # keep the toolbar off the title
    )
    fig.add_annotation(
        text=footer,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-72,
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font=dict(size=11, color=GREY),
        name="sei-source",
    )
    return fig
