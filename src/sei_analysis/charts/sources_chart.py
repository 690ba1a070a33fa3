"""Where the figures come from: counts of extracted figures per document, by measure or unit."""

from __future__ import annotations

from typing import Any

from sei_analysis.charts import catalogue
from sei_analysis.charts.base import Chart, require_columns
from sei_analysis.charts.interactive import plotly_version
from sei_analysis.charts.style import PALETTE, decorate, get_size, house_style, new_figure

# NOTE: hatches pair each stacked-bar colour with a pattern, so segments differ without colour.
HATCHES = ("", "////", "....", "xxxx", "\\\\\\\\", "++", "oo")


def figure_sources(
    figures: Any,
    *,
    by: str = "measure",
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    size: str = "page",
    interactive: bool = True,
    name: str = "figure_sources",
    lang: str = "en",
) -> Chart:
    """Where the figures come from: counts of extracted figures by document (and language), by ``by``.

    Parameters
    ----------
    figures : DataFrame
        One row per extracted figure; columns ``doc_id``, ``language`` (or ``lang``) and ``by``
        (``measure`` by default, or ``unit``); optional ``publisher`` and ``date_published``
        (the Chinese chart names a document by its publisher and date).
    lang : {"en", "zh"}
        The language of every word in the chart.
    """
    import pandas as pd

    catalogue.check_lang(lang)
    lang_col = "language" if "language" in figures else "lang"
    require_columns(figures, ["doc_id", lang_col, by], "figures")
    counts = (
        figures.assign(**{by: figures[by].fillna("unknown")})
        .groupby(["doc_id", lang_col, by])
        .size()
        .rename("count")
        .reset_index()
    )
    wide = counts.pivot_table(index=["doc_id", lang_col], columns=by, values="count", fill_value=0)
    wide = wide.loc[wide.sum(axis=1).sort_values().index].astype(int)
    order = list(wide.sum().sort_values(ascending=False).index)
    wide = wide[order]
    total = int(wide.to_numpy().sum())
    word = lambda v: catalogue.text(f"{by}.{v}", lang) if catalogue.has(f"{by}.{v}") else str(v)  # noqa: E731
    by_word = catalogue.text(f"by.{by}", lang) if catalogue.has(f"by.{by}") else by
    if title is None:
        title = catalogue.text(
            "sources.title", lang, total=total, n=len(wide), top=word(order[0]) if order else "-"
        )
    subtitle = subtitle or catalogue.text("sources.subtitle", lang, by=by_word)
    source = source or catalogue.text("sources.source", lang)
    docs = figures.drop_duplicates("doc_id").set_index("doc_id")
    labels = [_doc_label(doc, language, docs, lang) for doc, language in wide.index]
    s = get_size(size)
    with house_style(size):
        fig, ax = new_figure(size)
        left = pd.Series(0.0, index=range(len(wide)))
        for i, col in enumerate(order):
            vals = wide[col].to_numpy(dtype=float)
            ax.barh(
                labels,
                vals,
                left=left,
                color=PALETTE[i % len(PALETTE)],
                edgecolor="white",
                hatch=HATCHES[i % len(HATCHES)],
                lw=0.6,
                label=word(col),
            )
            for j, v in enumerate(vals):
                if v >= max(2, total * 0.025):
                    ax.text(
                        left[j] + v / 2,
                        j,
                        f"{int(v)}",
                        ha="center",
                        va="center",
                        fontsize=s.body * 0.75,
                        color="black",
                        bbox=dict(boxstyle="round,pad=0.15", fc="white", alpha=0.9, lw=0),
                    )
            left += vals
        for j, v in enumerate(left):
            ax.annotate(
                f"{int(v)}",
                (v, j),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                ha="left",
                fontsize=s.body * 0.85,
                fontweight="bold",
            )
        ax.set_xlim(0, max(left.max() * 1.12, 1))
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        ax.set_xlabel(catalogue.text("sources.xlabel", lang))
        ax.legend(
            loc="lower right", ncols=1, fontsize=s.body * 0.8, title=by_word, title_fontsize=s.body * 0.8
        )
        decorate(fig, title, subtitle, source, size)
    data = wide.reset_index()
    data.columns.name = None
    table = data.rename(columns={"doc_id": "document", lang_col: "language"}).assign(
        label=labels, total=[int(v) for v in left], unit="count of figures", source=source
    )
    alt = catalogue.text("sources.alt", lang, total=total, n=len(wide), by=by_word, title=title)
    return Chart(
        name=name,
        fig=fig,
        data=data,
        title=title,
        subtitle=subtitle,
        unit="count of figures",
        source=source,
        size=size,
        params={"by": by, "size": size, "lang": lang},
        plotly=plotly_version(
            "figure_sources",
            counts.rename(columns={lang_col: "language"}),
            title,
            subtitle,
            source,
            by=by,
            labels=dict(zip(wide.index, labels, strict=True)),
            words={v: word(v) for v in order},
            lang=lang,
        )
        if interactive
        else None,
        lang=lang,
        alt=alt,
        sources=(catalogue.publisher("sei-analysis", lang),),
        table=table,
        native={
            "categories": labels,
            "groups": [
                {
                    "kind": "bar_stacked",
                    "series": [
                        {
                            "name": word(col),
                            "values": [int(v) for v in wide[col]],
                            "colour": PALETTE[i % len(PALETTE)],
                            "label_colour": "#000000",
                            "labels": {str(j): str(int(v)) for j, v in enumerate(wide[col]) if v >= 2},
                        }
                        for i, col in enumerate(order)
                    ],
                }
            ],
            "y_title": catalogue.text("sources.xlabel", lang),
            "number_format": "0",
            "legend": "bottom",
        },
    )


def _doc_label(doc: str, language: str, docs: Any, lang: str) -> str:
    """``doc-id (en)`` in English; ``publisher, date (language)`` in Chinese."""
    lang_word = (
        catalogue.text(f"language.{language}", lang) if catalogue.has(f"language.{language}") else language
    )
    if lang == "en":
        return catalogue.text("sources.doc", lang, doc=doc, language=language)
    row = docs.loc[doc] if doc in docs.index else {}
    pub = catalogue.publisher(str(row.get("publisher", "") or ""), lang) or catalogue.text(
        "source.other", lang
    )
    date = str(row.get("date_published", "") or "")
    return catalogue.text("sources.doc", lang, publisher=pub, date=date, language=lang_word)
