"""Native, editable PowerPoint charts drawn from a chart's recipe (``meta.json`` ``native``).

A builder writes the recipe; this module draws it with python-pptx, so the chart's data
sits in the embedded workbook and an author can restyle it to their template. A recipe::

    {"categories": ["2019", "2020"],
     "groups": [{"kind": "line" | "area_stacked" | "bar_stacked",
                 "hi_low_lines": false,
                 "series": [{"name": "SEI", "values": [8.4, null], "colour": "#0072B2",
                             "label_colour": "#0072B2", "line": true, "dash": "dash",
                             "marker": "circle", "marker_size": 8, "hollow": [1],
                             "labels": {"0": "8.4"}, "label_position": "above"}]}],
     "y_title": "% of GDP", "number_format": "0.0", "legend": "bottom", "y_min": 0}

Groups after the first become chart groups of their own on the same axes (python-pptx
draws one type per chart; PowerPoint and LibreOffice combine several), so the fan's bands
are stacked areas under line series, and the high-tech series of the growth chart is never
joined to SEI by the high-low lines of the first group. Missing values are gaps.
"""

from __future__ import annotations

import copy
from typing import Any

from sei_analysis.errors import InputError

# NOTE: recipe words -> python-pptx enumeration member names.
MARKERS = {"circle": "CIRCLE", "square": "SQUARE", "diamond": "DIAMOND", "triangle": "TRIANGLE"}
DASHES = {
    "solid": "SOLID",
    "dash": "DASH",
    "sysDot": "ROUND_DOT",
    "dashDot": "DASH_DOT",
    "lgDash": "LONG_DASH",
}
POSITIONS = {"above": "ABOVE", "below": "BELOW", "right": "RIGHT", "left": "LEFT", "center": "CENTER"}
CHART_TYPES = {"line": "LINE_MARKERS", "area_stacked": "AREA_STACKED", "bar_stacked": "BAR_STACKED"}
# NOTE: the chart-group element each kind is drawn by, and its grouping.
GROUP_TAGS = {"line": ("c:lineChart", "standard"), "area_stacked": ("c:areaChart", "stacked")}
HI_LOW_COLOUR = "BBBBBB"
BODY_PT, LABEL_PT = 12, 11


def _rgb(colour: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(colour.lstrip("#").upper()[:6])


def chart_data(spec: dict[str, Any]):
    """The python-pptx ``CategoryChartData`` of a recipe: every series of every group, in order."""
    from pptx.chart.data import CategoryChartData

    data = CategoryChartData(number_format=spec.get("number_format", "General"))
    data.categories = list(spec["categories"])
    n = len(spec["categories"])
    for group in spec["groups"]:
        for series in group["series"]:
            values = list(series["values"])
            if len(values) != n:
                raise InputError(
                    f"native chart: series {series['name']!r} has {len(values)} values for {n} categories"
                )
            data.add_series(series["name"], values)
    return data


def add_native_chart(slide: Any, spec: dict[str, Any], box: tuple[int, int, int, int], alt: str) -> Any:
    """Draw ``spec`` on ``slide`` in ``box`` (left, top, width, height in EMU); return the frame."""
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.util import Pt

    kinds = [g["kind"] for g in spec["groups"]]
    if any(k not in CHART_TYPES for k in kinds):
        raise InputError(f"native chart: group kinds {kinds}; expected {sorted(CHART_TYPES)}")
    frame = slide.shapes.add_chart(getattr(XL_CHART_TYPE, CHART_TYPES[kinds[0]]), *box, chart_data(spec))
    frame._element.nvGraphicFramePr.cNvPr.set("descr", alt)
    chart = frame.chart
    # NOTE: the slide carries the title; PowerPoint would otherwise title a one-series chart.
    chart.has_title = False
    _split_groups(chart, spec)
    chart.font.size = Pt(BODY_PT)
    chart.font.color.rgb = _rgb("#333333")
    index = 0
    for plot, group in zip(chart.plots, spec["groups"], strict=True):
        for series, recipe in zip(plot.series, group["series"], strict=True):
            _style_series(series, recipe, group["kind"])
            index += 1
        if group.get("hi_low_lines"):
            _hi_low_lines(plot)
        if group["kind"] == "bar_stacked":
            plot.gap_width = 60
            plot.overlap = 100
    _style_axes(chart, spec)
    legend = spec.get("legend")
    chart.has_legend = bool(legend)
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(LABEL_PT)
        _hide_legend_entries(chart, spec)
    _show_gaps(chart)
    return frame


def _split_groups(chart: Any, spec: dict[str, Any]) -> None:
    """Move the series of every group after the first into a chart group of its own."""
    from pptx.oxml.ns import qn

    plot_area = chart._chartSpace.chart.plotArea
    first = next(el for el in plot_area if el.tag.endswith("Chart"))
    series = first.findall(qn("c:ser"))
    axes = [copy.deepcopy(a) for a in first.findall(qn("c:axId"))]
    start = len(spec["groups"][0]["series"])
    anchor = first
    for group in spec["groups"][1:]:
        tag, grouping = GROUP_TAGS[group["kind"]]
        el = plot_area.makeelement(qn(tag), {})
        el.append(el.makeelement(qn("c:grouping"), {"val": grouping}))
        el.append(el.makeelement(qn("c:varyColors"), {"val": "0"}))
        for ser in series[start : start + len(group["series"])]:
            el.append(ser)
        if group["kind"] == "line":
            el.append(el.makeelement(qn("c:marker"), {"val": "1"}))
        for ax in axes:
            el.append(copy.deepcopy(ax))
        anchor.addnext(el)
        anchor = el
        start += len(group["series"])


def _style_series(series: Any, recipe: dict[str, Any], kind: str) -> None:
    from pptx.enum.chart import XL_LABEL_POSITION, XL_MARKER_STYLE
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.util import Pt

    colour = recipe.get("colour")
    if kind in ("area_stacked", "bar_stacked"):
        if colour:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _rgb(colour)
        else:
            series.format.fill.background()  # NOTE: the base of the stacked bands is not drawn
        series.format.line.fill.background()
    else:
        series.smooth = False
        if recipe.get("line", True) and colour:
            series.format.line.color.rgb = _rgb(colour)
            series.format.line.width = Pt(2.25)
            dash = recipe.get("dash")
            if dash and dash != "solid":
                series.format.line.dash_style = getattr(MSO_LINE_DASH_STYLE, DASHES[dash])
        else:
            series.format.line.fill.background()
        marker = recipe.get("marker")
        if marker:
            series.marker.style = getattr(XL_MARKER_STYLE, MARKERS[marker])
            series.marker.size = int(recipe.get("marker_size", 8))
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = _rgb(colour)
            series.marker.format.line.color.rgb = _rgb(colour)
            for i in recipe.get("hollow", []):
                point = series.points[int(i)]
                point.marker.style = getattr(XL_MARKER_STYLE, MARKERS[marker])
                point.marker.size = int(recipe.get("marker_size", 8))
                point.marker.format.fill.solid()
                point.marker.format.fill.fore_color.rgb = _rgb("#FFFFFF")
                point.marker.format.line.color.rgb = _rgb(colour)
                point.marker.format.line.width = Pt(1.75)
        else:
            series.marker.style = XL_MARKER_STYLE.NONE
    position = POSITIONS.get(recipe.get("label_position", "above"), "ABOVE")
    if kind == "bar_stacked":
        position = "CENTER"
    for i, text in (recipe.get("labels") or {}).items():
        label = series.points[int(i)].data_label
        frame = label.text_frame
        frame.text = str(text)
        run = frame.paragraphs[0].runs[0]
        run.font.size = Pt(LABEL_PT)
        run.font.color.rgb = _rgb(recipe.get("label_colour") or colour or "#333333")
        label.position = getattr(XL_LABEL_POSITION, position)


def _hi_low_lines(plot: Any) -> None:
    """Grey high-low lines joining the series of one group at each category (the dumbbells)."""
    from pptx.oxml.ns import qn

    el = plot._element
    hl = el.makeelement(qn("c:hiLowLines"), {})
    sp = hl.makeelement(qn("c:spPr"), {})
    ln = sp.makeelement(qn("a:ln"), {"w": "38100"})
    fill = ln.makeelement(qn("a:solidFill"), {})
    fill.append(fill.makeelement(qn("a:srgbClr"), {"val": HI_LOW_COLOUR}))
    ln.append(fill)
    sp.append(ln)
    hl.append(sp)
    # NOTE: CT_LineChart: grouping, varyColors, ser*, dLbls?, dropLines?, hiLowLines?, upDownBars?,
    # marker?, smooth?, axId+; insert before the first of the elements that follow it.
    following = [qn(t) for t in ("c:upDownBars", "c:marker", "c:smooth", "c:axId", "c:extLst")]
    for child in el:
        if child.tag in following:
            child.addprevious(hl)
            return
    el.append(hl)


def _style_axes(chart: Any, spec: dict[str, Any]) -> None:
    from pptx.util import Pt

    value_axis = chart.value_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = _rgb("#E5E5E5")
    value_axis.format.line.fill.background()
    value_axis.tick_labels.font.size = Pt(LABEL_PT)
    value_axis.tick_labels.number_format = spec.get("number_format", "General")
    value_axis.tick_labels.number_format_is_linked = False
    if spec.get("y_min") is not None:
        value_axis.minimum_scale = spec["y_min"]
    if spec.get("y_title"):
        value_axis.has_title = True
        value_axis.axis_title.text_frame.text = spec["y_title"]
        run = value_axis.axis_title.text_frame.paragraphs[0].runs[0]
        run.font.size = Pt(LABEL_PT)
        run.font.bold = False
    from pptx.enum.chart import XL_TICK_LABEL_POSITION

    category_axis = chart.category_axis
    category_axis.tick_labels.font.size = Pt(LABEL_PT)
    # NOTE: labels at the bottom of the plot, not on the zero line a negative value lifts.
    category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    category_axis.format.line.color.rgb = _rgb("#333333")
    category_axis.has_major_gridlines = False
    if spec["groups"][0]["kind"] == "bar_stacked":
        category_axis.reverse_order = False


def _hide_legend_entries(chart: Any, spec: dict[str, Any]) -> None:
    """Leave series without a colour (the base of stacked bands) out of the legend."""
    from pptx.oxml.ns import qn

    legend = chart._chartSpace.chart.find(qn("c:legend"))
    flat = [s for g in spec["groups"] for s in g["series"]]
    pos = legend.find(qn("c:legendPos"))
    for i, series in enumerate(flat):
        if series.get("colour") is None or series.get("legend") is False:
            entry = legend.makeelement(qn("c:legendEntry"), {})
            entry.append(entry.makeelement(qn("c:idx"), {"val": str(i)}))
            entry.append(entry.makeelement(qn("c:delete"), {"val": "1"}))
            pos.addnext(entry)


def _show_gaps(chart: Any) -> None:
    """A missing value is a gap in the line, never a zero (missing is missing)."""
    from pptx.oxml.ns import qn

    blanks = chart._chartSpace.chart.find(qn("c:dispBlanksAs"))
    if blanks is not None:
        blanks.set("val", "gap")


def native_summary(chart: Any) -> dict[str, list]:
    """Series name -> values of a native chart as PowerPoint stores them (tests and checks)."""
    out = {}
    for plot in chart.plots:
        for series in plot.series:
            out[series.name] = list(series.values)
    return out
