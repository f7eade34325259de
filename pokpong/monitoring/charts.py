"""Charts drawn on the server as inline SVG: no chart library, no script, no CDN.

Each chart is an image for assistive technology (`role="img"`, a `<title>` and a `<desc>` that
lists every value) and prints its values as text beside the bars, so nobody has to read a length.
The SVG scales to the width of its container (a `viewBox` and no fixed width): at 360 px it is as
wide as the screen. A suppressed cell ("<5") draws no bar at all: a bar's length would give away
the number it hides. Colours come from the stylesheet (classes), never from inline styles.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from pokpong.monitoring.results import Cell

WIDTH = 640  # user units of the viewBox; the browser scales them to the container
FONT = 24
LABEL_CHARS = 44  # a longer label is cut in the chart (the table below it has it whole)


@dataclass(frozen=True)
class Bar:
    """One bar: its label (one or two lines) and its cell."""

    label: str
    cell: Cell
    sublabel: str = ""


def _length(cell: Cell, largest: int, room: float) -> float:
    """How long a bar is drawn: nothing for a suppressed or unknown value."""
    if cell.suppressed or not cell.value or largest <= 0:
        return 0.0
    return max(room * cell.value / largest, 2.0)


def _largest(bars: Sequence[Bar]) -> int:
    return max((b.cell.value or 0 for b in bars if not b.cell.suppressed), default=0)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _description(bars: Sequence[Bar]) -> str:
    parts = [f"{' '.join(filter(None, [b.label, b.sublabel]))}: {b.cell.shown}" for b in bars]
    return "; ".join(parts)


def _frame(chart_id: str, title: str, bars: Sequence[Bar], height: float, body: SafeString) -> str:
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-t {}-d" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>{}</svg>',
        WIDTH,
        round(height),
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        _description(bars),
        body,
    )


def trend_chart(*, chart_id: str, title: str, bars: Sequence[Bar]) -> SafeString:
    """Vertical bars, one per period, oldest on the left; the value above each bar."""
    plot_top, plot_height = FONT * 1.5, 180.0
    base = plot_top + plot_height
    step = WIDTH / max(len(bars), 1)
    largest = _largest(bars)
    parts = []
    for index, bar in enumerate(bars):
        centre = step * (index + 0.5)
        length = _length(bar.cell, largest, plot_height)
        parts.append(
            format_html(
                '<rect class="bar{}" x="{}" y="{}" width="{}" height="{}"></rect>'
                '<text class="value" x="{}" y="{}" text-anchor="middle">{}</text>'
                '<text class="label" x="{}" y="{}" text-anchor="middle">{}</text>'
                '<text class="label" x="{}" y="{}" text-anchor="middle">{}</text>',
                " suppressed" if bar.cell.suppressed else "",
                f"{centre - step * 0.35:.1f}",
                f"{base - length:.1f}",
                f"{step * 0.7:.1f}",
                f"{length:.1f}",
                f"{centre:.1f}",
                f"{base - length - 6:.1f}",
                bar.cell.shown,
                f"{centre:.1f}",
                f"{base + FONT * 1.2:.1f}",
                bar.label,
                f"{centre:.1f}",
                f"{base + FONT * 2.4:.1f}",
                bar.sublabel,
            )
        )
    axis = format_html(
        '<line class="axis" x1="0" y1="{}" x2="{}" y2="{}"></line>', base, WIDTH, base
    )
    body = format_html_join("", "{}", ((p,) for p in [*parts, axis]))
    return SafeString(_frame(chart_id, title, bars, base + FONT * 2.8, body))


def breakdown_chart(*, chart_id: str, title: str, bars: Sequence[Bar]) -> SafeString:
    """Horizontal bars, one per category: the label above its bar, the value after it."""
    row_height = FONT * 2.6
    value_room = FONT * 5  # room left at the right for the value ("12,345")
    largest = _largest(bars)
    parts = []
    for index, bar in enumerate(bars):
        top = row_height * index
        length = _length(bar.cell, largest, WIDTH - value_room)
        parts.append(
            format_html(
                '<text class="label" x="0" y="{}">{}</text>'
                '<rect class="bar{}" x="0" y="{}" width="{}" height="{}"></rect>'
                '<text class="value" x="{}" y="{}">{}</text>',
                f"{top + FONT:.1f}",
                _short(bar.label),
                " suppressed" if bar.cell.suppressed else "",
                f"{top + FONT * 1.3:.1f}",
                f"{length:.1f}",
                f"{FONT * 0.9:.1f}",
                f"{length + 8:.1f}",
                f"{top + FONT * 2.05:.1f}",
                bar.cell.shown,
            )
        )
    body = format_html_join("", "{}", ((p,) for p in parts))
    return SafeString(_frame(chart_id, title, bars, row_height * max(len(bars), 1), body))
