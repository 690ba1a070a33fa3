"""Charts of the scenario results: the fan chart of simulated paths and the sensitivity heatmap.

Both say what they assume (base year and share, nominal growth rates, spread, paths, seed)
in a footnote, in their CSV and in ``meta.json``; the fan shows the chance of reaching the
target, and the heatmap says its growth rates are nominal.
"""

from __future__ import annotations

from typing import Any

from sei_analysis.charts import catalogue
from sei_analysis.charts.base import Chart, require_columns
from sei_analysis.charts.format import fmt_num, span
from sei_analysis.charts.interactive import plotly_version
from sei_analysis.charts.style import (
    LINESTYLES,
    OKABE_ITO,
    PATH_COLOURS,
    decorate,
    get_size,
    house_style,
    new_figure,
    text_colour,
)
from sei_analysis.errors import InputError

BAND_COLUMNS = ("q5", "q25", "q50", "q75", "q95")
MEDIAN_COLOUR = "#00466E"  # a darker Okabe-Ito blue: the centre of the fan
# NOTE: the fan's two band shades (90% and 50% of paths), as RGB hex for PowerPoint.
BAND_COLOURS = ("#D6E6F1", "#A6C9E2")
# NOTE: scenario results are arithmetic, not published figures: two decimals in the CSV.
SCENARIO_DIGITS = 2


def _as_target(target: Any) -> tuple[int, float] | None:
    """Accept ``(year, share)``, a mapping with ``year``/``share`` or an object with those attributes."""
    if target is None:
        return None
    try:
        if isinstance(target, dict):
            return int(target["year"]), float(target["share"])
        if hasattr(target, "year") and hasattr(target, "share"):
            return int(target.year), float(target.share)
        year, share = target
        return int(year), float(share)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"target: expected (year, share), got {target!r}") from exc


def _one(values: Any) -> Any:
    """A constant list as its one value (``[7.5, 7.5]`` -> 7.5); otherwise the list."""
    if isinstance(values, list | tuple) and values and all(v == values[0] for v in values):
        return values[0]
    return values


def _rate(value: Any) -> str:
    """``7.5`` or ``5–7.5`` (a path of rates) for a footnote."""
    value = _one(value)
    if isinstance(value, list | tuple):
        return f"{fmt_num(min(value))}–{fmt_num(max(value))}"
    return fmt_num(float(value))


def fan_assumptions(projection: Any = None, simulation: Any = None, **given: Any) -> dict[str, Any]:
    """The assumptions behind a fan chart, flat: base, growth rates, spread, paths, seed, P(reach).

    Reads ``ShareProjection.assumptions`` and ``SimulationResult.assumptions`` when given;
    keyword values win. Units: shares in percent of GDP, growth rates nominal percent a
    year, ``growth_sd`` in percentage points, ``p_reach`` a probability (0-1).
    """
    out: dict[str, Any] = {}
    proj = dict(getattr(projection, "assumptions", {}) or {})
    sim = dict(getattr(simulation, "assumptions", {}) or {})
    for key in ("base_year", "base_share"):
        if key in sim or key in proj:
            out[key] = sim.get(key, proj.get(key))
    if "gdp_growth" in sim or "gdp_growth" in proj:
        out["gdp_growth_nominal"] = _one(list(sim.get("gdp_growth", proj.get("gdp_growth"))))
    if proj.get("sei_growth"):
        out["sei_growth_nominal"] = {k: _one(list(v)) for k, v in proj["sei_growth"].items()}
    if sim:
        out["fan_growth_mean"] = _one(list(sim.get("sei_growth_mean", [])))
        out["growth_sd"] = sim.get("sei_growth_sd")
        out["n_paths"] = sim.get("n_paths")
        out["seed"] = sim.get("seed")
    if simulation is not None and hasattr(simulation, "prob_reached"):
        out["p_reach"] = float(simulation.prob_reached)
        out["target_year"] = int(simulation.target_year)
    out.update({k: v for k, v in given.items() if v is not None})
    return out


def assumptions_note(assumptions: dict[str, Any], lang: str) -> str:
    """The footnote that states a fan chart's assumptions, in ``lang``."""
    a = assumptions
    if not a.get("base_year"):
        return ""
    paths = a.get("sei_growth_nominal") or {}
    sep = catalogue.text("list.sep", lang)
    listed = sep.join(f"{catalogue.scenario_name(k, lang)} {_rate(v)}%" for k, v in paths.items())
    note = catalogue.text(
        "fan.assumptions",
        lang,
        base_share=fmt_num(float(a["base_share"])),
        base_year=a["base_year"],
        gdp=_rate(a.get("gdp_growth_nominal", "?")),
        paths=f"({listed})" if lang == "en" and listed else listed,
    )
    if a.get("n_paths"):
        note += catalogue.text(
            "fan.assumptions_sim",
            lang,
            mean=_rate(a.get("fan_growth_mean")),
            sd=fmt_num(float(a.get("growth_sd") or 0)),
            n=f"{int(a['n_paths']):,}",
            seed=a.get("seed"),
        )
    return note + catalogue.text("note.end", lang)


def scenario_fan(
    paths: Any,
    bands: Any,
    target: Any = None,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    size: str = "page",
    interactive: bool = True,
    name: str = "scenario_fan",
    lang: str = "en",
    assumptions: dict[str, Any] | None = None,
    prob_reached: float | None = None,
    illustrative: bool = False,
) -> Chart:
    """Scenario paths of the SEI share of GDP over the fan of simulated outcomes.

    Parameters
    ----------
    paths : DataFrame or ShareProjection
        Columns ``scenario``, ``year``, ``share`` (percent of GDP), optional ``sei_growth``
        and ``gdp_growth`` (nominal percent a year). A ``ShareProjection`` also gives its
        assumptions.
    bands : DataFrame or SimulationResult
        Columns ``year``, ``q5``, ``q25``, ``q50``, ``q75``, ``q95`` (percent of GDP): quantiles
        of the simulated share per year. May be empty. A ``SimulationResult`` also gives its
        assumptions and the chance of reaching the target.
    target : (year, share), optional
        Drawn as a labelled diamond, with P(reach) beside it when known.
    assumptions : dict, optional
        Overrides of `fan_assumptions`; ``prob_reached`` the chance (0-1) of reaching the target.
    lang : {"en", "zh"}
        The language of every word in the chart.
    illustrative : bool
        The target is a user's assumption, not an official one (a 2030 share, say): it is
        labelled "illustrative, no official target".
    """
    import pandas as pd

    catalogue.check_lang(lang)
    target_key = "fan.target_illustrative" if illustrative else "fan.target"
    projection = paths if hasattr(paths, "paths") else None
    simulation = bands if hasattr(bands, "bands") else None
    paths = projection.to_frame() if projection is not None else paths
    bands = simulation.to_frame() if simulation is not None else bands
    require_columns(paths, ["scenario", "year", "share"], "paths")
    require_columns(bands, ["year", *BAND_COLUMNS], "bands")
    tgt = _as_target(target)
    facts = fan_assumptions(projection, simulation, **(assumptions or {}))
    if prob_reached is not None:
        facts["p_reach"] = float(prob_reached)
    data = pd.concat([paths.assign(series="path"), bands.assign(series="band")], ignore_index=True)
    if tgt:
        data = pd.concat(
            [data, pd.DataFrame([{"series": "target", "year": tgt[0], "share": tgt[1]}])], ignore_index=True
        )
    extra = [c for c in ("sei_growth", "gdp_growth") if c in data]
    data = data[["series", "scenario", "year", "share", *BAND_COLUMNS, *extra]]
    b = bands.sort_values("year")
    title = title or _fan_title(paths, b, tgt, lang, illustrative)
    years = pd.concat([paths["year"], bands["year"]])
    subtitle = subtitle or catalogue.text("fan.subtitle", lang, span=span(years, lang))
    source = source or catalogue.text("fan.source_default", lang) + catalogue.text("note.end", lang)
    note = assumptions_note(facts, lang)
    s = get_size(size)
    p_text = (
        catalogue.text("fan.p_reach", lang, year=tgt[0], p=f"{facts['p_reach']:.0%}")
        if tgt and "p_reach" in facts
        else None
    )
    with house_style(size):
        fig, ax = new_figure(size)
        _draw_fan(ax, paths, b, years, tgt, p_text, s, lang, data, target_key)
        decorate(fig, title, subtitle, source, size, note=note)
    names = catalogue.text("list.sep", lang).join(
        catalogue.scenario_name(n, lang) for n in dict.fromkeys(paths["scenario"])
    )
    return Chart(
        name=name,
        fig=fig,
        data=data,
        title=title,
        subtitle=subtitle,
        unit="percent of GDP",
        source=source,
        size=size,
        params={
            "target": list(tgt) if tgt else None,
            "illustrative": illustrative,
            "size": size,
            "lang": lang,
        },
        plotly=plotly_version(
            "scenario_fan",
            data,
            title,
            subtitle,
            source,
            target=tgt,
            note=note,
            p_text=p_text,
            lang=lang,
            target_key=target_key,
        )
        if interactive
        else None,
        lang=lang,
        alt=catalogue.text("fan.alt", lang, span=span(years, lang), scenarios=names, title=title),
        note=note,
        sources=(catalogue.text("source.calculation", lang),),
        assumptions=facts,
        table=_fan_table(data, facts, source),
        native=_fan_native(paths, b, tgt, p_text, lang, target_key),
    )


def _fan_title(
    paths: Any, b: Any, tgt: tuple[int, float] | None, lang: str, illustrative: bool = False
) -> str:
    if len(b) and tgt and (b["year"] == tgt[0]).any():
        med = float(b.loc[b["year"] == tgt[0], "q50"].iloc[0])
        verdict = catalogue.text("fan.verdict.above" if med >= tgt[1] else "fan.verdict.below", lang)
        return catalogue.text(
            "fan.title_median_illustrative" if illustrative else "fan.title_median",
            lang,
            median=fmt_num(med),
            year=tgt[0],
            verdict=verdict,
            target=fmt_num(tgt[1]),
        )
    end = paths.sort_values("year").groupby("scenario")["share"].last()
    lo, hi, last_year = fmt_num(end.min()), fmt_num(end.max()), int(paths["year"].max())
    if lo != hi:
        return catalogue.text("fan.title_between", lang, year=last_year, lo=lo, hi=hi)
    return catalogue.text("fan.title_reaches", lang, year=last_year, value=lo)


def _draw_fan(ax, paths, b, years, tgt, p_text, s, lang, data, target_key="fan.target") -> None:
    from matplotlib.ticker import MaxNLocator

    if len(b):
        ax.fill_between(b["year"], b["q5"], b["q95"], color=OKABE_ITO["blue"], alpha=0.14, lw=0)
        ax.fill_between(b["year"], b["q25"], b["q75"], color=OKABE_ITO["blue"], alpha=0.28, lw=0)
        ax.plot(b["year"], b["q50"], color=MEDIAN_COLOUR, lw=1.2, ls="-")
    ends = []
    if len(b):
        ends.append(
            [
                float(b["q50"].iloc[-1]),
                float(b["year"].iloc[-1]),
                catalogue.text("fan.median", lang),
                MEDIAN_COLOUR,
            ]
        )
    for i, (scen, grp) in enumerate(paths.groupby("scenario", sort=False)):
        grp = grp.sort_values("year")
        colour = PATH_COLOURS[i % len(PATH_COLOURS)]
        ax.plot(grp["year"], grp["share"], color=colour, ls=LINESTYLES[i % len(LINESTYLES)], lw=1.8)
        ends.append(
            [
                float(grp["share"].iloc[-1]),
                float(grp["year"].iloc[-1]),
                catalogue.scenario_name(scen, lang),
                colour,
            ]
        )
    _label_ends(ax, ends, s.body * 0.85, min_gap=(data["share"].max() - data["share"].min()) * 0.07)
    if tgt:
        ax.plot([tgt[0]], [tgt[1]], marker="D", color=OKABE_ITO["vermillion"], ms=7, ls="none", zorder=5)
        ax.axhline(tgt[1], color=OKABE_ITO["vermillion"], lw=0.9, ls=":", zorder=0)
        label = catalogue.text(target_key, lang, target=fmt_num(tgt[1]), year=tgt[0])
        # NOTE: labelled at the left end of its line, away from the path labels on the right;
        # the chance of reaching it goes underneath.
        ax.annotate(
            label + (f"\n{p_text}" if p_text else ""),
            (years.min(), tgt[1]),
            xytext=(0, 3),
            textcoords="offset points",
            ha="left",
            va="bottom",
            fontsize=s.body * 0.85,
            color=text_colour(OKABE_ITO["vermillion"]),
            fontweight="bold",
        )
    x0, x1 = years.min(), years.max()
    ax.set_xlim(x0 - 0.3, x1 + (x1 - x0) * 0.25 + 0.6)
    ax.set_ylabel(catalogue.text("fan.ylabel", lang))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xticks([t for t in ax.get_xticks() if x0 <= t <= x1])


def _label_ends(ax: Any, ends: list[list[Any]], fontsize: float, min_gap: float) -> None:
    """Direct labels at the right end of each path, nudged apart vertically so they never overlap."""
    ends.sort(key=lambda e: e[0])
    ys = [e[0] for e in ends]
    for i in range(1, len(ys)):
        ys[i] = max(ys[i], ys[i - 1] + min_gap)
    for (y, x, text, colour), y_label in zip(ends, ys, strict=True):
        ax.annotate(
            text,
            (x, y),
            xytext=(x + 0.25, y_label),
            textcoords="data",
            ha="left",
            va="center",
            fontsize=fontsize,
            color=text_colour(colour),
            fontweight="bold",
            arrowprops=dict(arrowstyle="-", color=colour, lw=0.6) if abs(y_label - y) > 1e-9 else None,
        )


def _fan_table(data: Any, facts: dict[str, Any], source: str) -> Any:
    out = data.rename(
        columns={
            "share": "share_pct_of_gdp",
            "sei_growth": "sei_growth_nominal_pct",
            "gdp_growth": "gdp_growth_nominal_pct",
            **{q: f"{q}_pct_of_gdp" for q in BAND_COLUMNS},
        }
    )
    for col in out.columns:
        if col.endswith("_pct_of_gdp") or col.endswith("_nominal_pct"):
            out[col] = out[col].astype(float).round(SCENARIO_DIGITS)
    out["year"] = out["year"].astype(int)
    flat = {
        "base_year": facts.get("base_year"),
        "base_share_pct_of_gdp": facts.get("base_share"),
        "fan_growth_mean_nominal_pct": _one(facts.get("fan_growth_mean")),
        "growth_sd_pp": facts.get("growth_sd"),
        "n_paths": facts.get("n_paths"),
        "seed": facts.get("seed"),
        "p_reach": round(facts["p_reach"], 4) if "p_reach" in facts else None,
    }
    for key, value in flat.items():
        if value is not None and not isinstance(value, list | dict):
            out[key] = value
    return out.assign(unit="percent of GDP; growth rates nominal, percent a year", source=source)


def _fan_native(paths, b, tgt, p_text, lang, target_key="fan.target") -> dict[str, Any]:
    """Stacked areas for the bands (base not drawn), lines for the median and paths, a target marker."""
    years = sorted({int(y) for y in list(paths["year"]) + list(b["year"]) + ([tgt[0]] if tgt else [])})
    r = lambda v: None if v is None or v != v else round(float(v), SCENARIO_DIGITS)  # noqa: E731

    def on_years(frame: Any, col: str) -> list[float | None]:
        by_year = dict(zip(frame["year"].astype(int), frame[col], strict=True))
        return [r(by_year.get(y)) for y in years]

    groups = []
    if len(b):
        q = {c: on_years(b, c) for c in BAND_COLUMNS}

        def diff(hi: str, lo: str) -> list[float | None]:
            return [None if a is None or z is None else r(a - z) for a, z in zip(q[hi], q[lo], strict=True)]

        groups.append(
            {
                "kind": "area_stacked",
                "series": [
                    {"name": catalogue.text("fan.band_base", lang), "values": q["q5"], "colour": None},
                    {
                        "name": catalogue.text("fan.band_low", lang),
                        "values": diff("q25", "q5"),
                        "colour": BAND_COLOURS[0],
                    },
                    {
                        "name": catalogue.text("fan.band_mid", lang),
                        "values": diff("q75", "q25"),
                        "colour": BAND_COLOURS[1],
                    },
                    {
                        "name": catalogue.text("fan.band_high", lang),
                        "values": diff("q95", "q75"),
                        "colour": BAND_COLOURS[0],
                    },
                ],
            }
        )
    lines = []
    if len(b):
        median = catalogue.text("fan.median", lang)
        lines.append(_line(median, on_years(b, "q50"), MEDIAN_COLOUR, "solid", {}))
    dashes = ("solid", "dash", "sysDot", "dashDot", "lgDash")
    for i, (scen, grp) in enumerate(paths.groupby("scenario", sort=False)):
        label = catalogue.scenario_name(scen, lang)
        colour = PATH_COLOURS[i % len(PATH_COLOURS)]
        lines.append(_line(label, on_years(grp, "share"), colour, dashes[i % len(dashes)], {}))
    if tgt:
        values = [r(tgt[1]) if y == tgt[0] else None for y in years]
        label = catalogue.text(target_key, lang, target=fmt_num(tgt[1]), year=tgt[0])
        # NOTE: the legend names the target in full; the label at its point stays short, so it
        # does not spill over the paths that end beside it.
        point = catalogue.text("fan.target_point", lang, target=fmt_num(tgt[1]), year=tgt[0])
        target = _line(
            label,
            values,
            OKABE_ITO["vermillion"],
            None,
            {str(years.index(tgt[0])): point + (catalogue.text("note.sep", lang) + p_text if p_text else "")},
        )
        target.update(marker="diamond", marker_size=11, line=False, label_position="above")
        lines.append(target)
    groups.append({"kind": "line", "series": lines})
    return {
        "categories": [str(y) for y in years],
        "groups": groups,
        "y_title": catalogue.text("fan.ylabel", lang),
        "number_format": "0.0",
        # NOTE: a legend, not end labels: the paths end close together and labels would collide.
        "legend": "bottom",
    }


def _line(name: str, values: list, colour: str, dash: str | None, labels: dict[str, str]) -> dict[str, Any]:
    return {
        "name": name,
        "values": values,
        "colour": colour,
        "label_colour": text_colour(colour),
        "line": True,
        "dash": dash,
        "marker": None,
        "labels": labels,
        "label_position": "right",
    }
