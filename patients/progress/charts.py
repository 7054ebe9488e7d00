"""Progress charts as SVG, drawn with pygal: the same bytes in the browser and in the PDF.

A chart shows one measure over the visits: its values, the baseline as a dashed line and the
band where an improvement counts as clinically relevant (filled from the relevance boundary
towards the better end of the scale). The NQ has no published threshold: it shows the clinic's
"elevated" line instead.

The SVG is self-contained: pygal's inline configuration script and comments are removed (no
script, no external reference), so WeasyPrint's deny-by-default fetcher has nothing to fetch and
the browser shows it as a plain <img>. Its styling is pygal's own <style> element inside the
SVG, which is why pages never inline it (the page CSP has no 'unsafe-inline').
"""

from __future__ import annotations

import datetime
import functools
from xml.etree import ElementTree

import pygal
from django.utils import formats
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from pygal.style import Style

from patients.instruments.base import HIGHER, LOWER
from patients.progress.measures import SCALES, MeasureSeries, measure_series

WIDTH, HEIGHT = 640, 340
#: Room to the right of the plot for the last date label and the latest value beside its dot
#: (pygal centres a label on its tick, so the last one would be cut off at the edge).
MARGIN_RIGHT = 56
#: The x axis spans at least the six weeks of a plan, so a single visit is not a lone dot.
MIN_SPAN = datetime.timedelta(weeks=6)
BAND, BASELINE, VALUES, REFERENCE = "#cfe8d4", "#6c757d", "#0b5563", "#b02a37"
BAND_TITLES = {
    LOWER: gettext_lazy("Relevant improvement: %(value)s or lower"),
    HIGHER: gettext_lazy("Relevant improvement: %(value)s or higher"),
}

STYLE = dict(
    background="white",
    plot_background="white",
    foreground="#212529",
    foreground_strong="#000000",
    foreground_subtle="#dee2e6",
    guide_stroke_color="#dee2e6",
    major_guide_stroke_color="#dee2e6",
    font_family="DejaVu Sans, Arial, sans-serif",
    label_font_size=14,
    major_label_font_size=14,
    legend_font_size=14,
    title_font_size=16,
    value_font_size=15,
    opacity="1",
    opacity_hover="1",
    # pygal sets the width on each line itself, so a series' own stroke width would not show.
    stroke_width="2.5",
    stroke_width_hover="2.5",
    transition="0ms",
)


#: Drawn charts kept per worker process. A chart is the same for the same measurements in the
#: same language, and drawing one is most of the progress page's work (about 5 ms each).
#: The key holds values and dates only, no name or number; the memory stays within a few MB.
CHARTS_KEPT = 256


def measure_chart(series: MeasureSeries) -> str:
    """Return the SVG of one measure's chart, labelled in the active language."""
    return _drawn(series.code, series.points, series.reference, get_language())


@functools.lru_cache(maxsize=CHARTS_KEPT)
def _drawn(code: str, points: tuple, reference: int | None, language: str) -> str:
    # Everything the drawing depends on: the measure (its instrument follows from the code),
    # the points, the reference line, and the language of the titles and numbers.
    return _draw(measure_series(code, points, reference=reference))


def _draw(series: MeasureSeries) -> str:
    lines = _lines(series) if series.points else []
    low, high = SCALES[series.code]
    chart = pygal.DateLine(
        js=(),
        style=Style(colors=tuple(color for *_line, color in lines) or (VALUES,), **STYLE),
        width=WIDTH,
        height=HEIGHT,
        margin_right=MARGIN_RIGHT,
        range=(low, high),
        # A filled band reaches from its line to `zero`: the better end of the scale.
        zero=high if series.instrument.better == HIGHER else low,
        title=str(series.instrument.name),
        disable_xml_declaration=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=1,
        truncate_legend=-1,
        show_x_guides=False,
        dots_size=4,
        x_value_formatter=_day,
        value_formatter=_number,
        print_values=True,
        no_data_text=_("No measurements yet"),
    )
    # A fixed id keeps the output the same for the same data (pygal draws a random one).
    chart.uuid = f"rg-{series.code}"
    chart.add_xml_filter(_self_contained)
    if series.points:
        chart.x_labels = sorted({point.date for point in series.points} | {_span(series)[1]})
    for title, values, options, _color in lines:
        chart.add(title, values, **options)
    return chart.render(is_unicode=True)


def _span(series: MeasureSeries) -> tuple[datetime.date, datetime.date]:
    start = series.baseline.date
    return start, max(series.points[-1].date, start + MIN_SPAN)


def _lines(series: MeasureSeries) -> list[tuple[str, list, dict, str]]:
    """Return (title, values, options, colour) per line: band or reference, baseline, values."""
    span = _span(series)
    low, high = SCALES[series.code]
    boundary = series.boundary
    lines = []
    if boundary is not None and low <= boundary <= high:
        title = str(BAND_TITLES[series.instrument.better]) % {"value": _number(boundary)}
        band = {"fill": True, "show_dots": False, "stroke_style": {"width": 0}}
        lines.append((title, _flat(span, boundary), band, BAND))
    elif series.reference is not None:
        title = _("Elevated from %(value)s") % {"value": _number(series.reference)}
        lines.append((title, _flat(span, series.reference), _dashed(), REFERENCE))
    title = _("Baseline %(value)s") % {"value": _number(series.baseline.value)}
    lines.append((title, _flat(span, series.baseline.value), _dashed(), BASELINE))
    last = len(series.points) - 1
    values = [
        {"value": (point.date, point.value), "formatter": _y if i == last else _nothing}
        for i, point in enumerate(series.points)
    ]
    lines.append((_("Measured"), values, {}, VALUES))
    return lines


def _flat(span, value):
    return [{"value": (day, value), "formatter": _nothing} for day in span]


def _dashed() -> dict:
    return {"show_dots": False, "stroke_style": {"dasharray": "8,5"}}


def _day(day: datetime.date) -> str:
    return day.strftime("%d-%m")


def _number(value) -> str:
    """Format a value in the active language: a decimal comma in Dutch, one decimal at most."""
    value = float(value)
    if value.is_integer():
        return str(int(value))
    return formats.number_format(round(value, 1), decimal_pos=1)


def _y(value) -> str:
    """Format the value of a (date, value) point."""
    return _number(value[1])


def _nothing(value) -> str:
    return ""


def _self_contained(root: ElementTree.Element) -> ElementTree.Element:
    """Drop pygal's <script> (its tooltip configuration) and comments (with today's date)."""
    for parent in list(root.iter()):
        for child in list(parent):
            tag = child.tag if isinstance(child.tag, str) else ""
            if child.tag is ElementTree.Comment or tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    return root
