"""A small income chart drawn on the server: SVG built with `format_html` (every value
escaped), a <title> and <desc> for screen readers, each value written beside its point, no
JavaScript. Colour is never the only sign: the baseline point is a square, visits are dots."""

from collections.abc import Sequence

from django.utils.formats import date_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from pokpong.livelihoods.selectors import IncomePoint

WIDTH, HEIGHT = 320, 170
LEFT, RIGHT, TOP, BOTTOM = 12, 12, 26, 34
LABEL_ROOM = 56  # px between two value labels


def _lak(value: int) -> str:
    return number_format(value, force_grouping=True)


def _xy(points: Sequence[IncomePoint]) -> list[tuple[float, float]]:
    days = [(p.on - points[0].on).days for p in points]
    span_days = max(days[-1], 1)
    top = max(max(p.lak for p in points), 1)
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    if len(points) == 1:
        return [(LEFT + inner_w / 2, TOP + inner_h - inner_h * points[0].lak / top)]
    return [
        (LEFT + inner_w * d / span_days, TOP + inner_h - inner_h * p.lak / top)
        for d, p in zip(days, points, strict=True)
    ]


def _marker(x: float, y: float, point: IncomePoint, *, value: bool, day: bool) -> SafeString:
    """The point (a square for the baseline, a dot for a visit), and its value and date as text
    where there is room for them (every value is also listed under the chart)."""
    anchor = "start" if x < WIDTH / 4 else "end" if x > WIDTH * 3 / 4 else "middle"
    shape = (
        format_html(
            '<rect x="{}" y="{}" width="9" height="9"/>', round(x - 4.5, 1), round(y - 4.5, 1)
        )
        if point.is_baseline
        else format_html('<circle cx="{}" cy="{}" r="4.5"/>', round(x, 1), round(y, 1))
    )
    label = (
        format_html(
            '<text x="{}" y="{}" text-anchor="{}">{}</text>',
            round(x, 1),
            round(max(y - 8, 12), 1),
            anchor,
            _lak(point.lak),
        )
        if value
        else ""
    )
    date = (
        format_html(
            '<text x="{}" y="{}" text-anchor="{}" class="chart-date">{}</text>',
            round(x, 1),
            HEIGHT - 12,
            anchor,
            date_format(point.on, "SHORT_DATE_FORMAT"),
        )
        if day
        else ""
    )
    return format_html("{}{}{}", shape, label, date)


def _markers(xy: list[tuple[float, float]], points: Sequence[IncomePoint]) -> SafeString:
    """Values where they do not run into the previous one; dates at both ends."""
    parts, last_label = [], -1000.0
    for i, ((x, y), point) in enumerate(zip(xy, points, strict=True)):
        is_end = i in (0, len(points) - 1)
        value = x - last_label >= LABEL_ROOM or i == len(points) - 1
        if value:
            last_label = x
        parts.append(_marker(x, y, point, value=value, day=is_end))
    return format_html_join("", "{}", ((part,) for part in parts))


def income_chart_svg(points: Sequence[IncomePoint], *, chart_id: str = "income") -> SafeString:
    """The chart of monthly income (LAK) over time; empty when there is nothing to draw."""
    if not points:
        return SafeString("")
    xy = _xy(points)
    title = _("Monthly income (LAK) over time")
    desc = "; ".join(
        f"{date_format(p.on, 'SHORT_DATE_FORMAT')}: {_lak(p.lak)} ₭"
        + (f" ({_('baseline')})" if p.is_baseline else "")
        for p in points
    )
    line = " ".join(f"{round(x, 1)},{round(y, 1)}" for x, y in xy)
    markers = _markers(xy, points)
    return format_html(
        '<svg class="income-chart" viewBox="0 0 {w} {h}" width="100%" role="img" '
        'aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{title}</title>'
        '<desc id="{id}-desc">{desc}</desc>'
        '<line x1="{left}" y1="{base}" x2="{right}" y2="{base}" class="chart-axis"/>'
        '<polyline points="{line}" class="chart-line"/>{markers}</svg>',
        w=WIDTH,
        h=HEIGHT,
        id=chart_id,
        title=title,
        desc=desc,
        left=LEFT,
        right=WIDTH - RIGHT,
        base=HEIGHT - BOTTOM,
        line=line,
        markers=markers,
    )
