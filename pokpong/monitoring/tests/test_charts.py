"""Charts drawn on the server: accessible SVG, values as text, escaped labels, and no bar length
for a suppressed cell."""

import re
import xml.etree.ElementTree as ET

from pokpong.monitoring.charts import WIDTH, Bar, breakdown_chart, trend_chart
from pokpong.monitoring.results import Cell

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    """Our own markup, built in the test: no untrusted XML here."""
    return ET.fromstring(svg)  # noqa: S314


def _bars():
    return [
        Bar("ຍິງ", Cell(30)),
        Bar("ຊາຍ", Cell(3, suppressed=True)),
        Bar("<script>alert(1)</script>", Cell(15)),
        Bar("ບໍ່ຮູ້", Cell(None)),
    ]


def _rect_widths(svg: str) -> list[float]:
    root = _parse(svg)
    return [float(r.get("width", "0")) for r in root.iter(f"{SVG}rect")]


def test_a_breakdown_chart_is_an_image_with_a_title_and_every_value_in_its_description():
    svg = breakdown_chart(chart_id="sex", title="ເພດ", bars=_bars())
    root = _parse(svg)  # well-formed XML
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "sex-t sex-d"
    assert root.find(f"{SVG}title").text == "ເພດ"
    assert root.find(f"{SVG}desc").text == "ຍິງ: 30; ຊາຍ: <5; <script>alert(1)</script>: 15; ບໍ່ຮູ້: –"
    assert "width=" not in svg.split(">")[0].replace("viewBox", "")  # scales to its container
    assert f'viewBox="0 0 {WIDTH} ' in svg


def test_labels_are_escaped():
    svg = breakdown_chart(chart_id="x", title="<b>", bars=_bars())
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "<b>" not in svg


def test_bars_are_proportional_and_values_written_beside_them():
    svg = breakdown_chart(chart_id="x", title="t", bars=_bars())
    widths = _rect_widths(svg)
    assert widths[0] == WIDTH - 24 * 5  # the largest fills the room left of the values
    assert widths[2] == widths[0] / 2  # 15 is half of 30
    texts = [t.text for t in _parse(svg).iter(f"{SVG}text")]
    assert "30" in texts and "15" in texts and "&lt;5" not in texts and "<5" in texts


def test_a_suppressed_or_unknown_cell_draws_no_bar_whatever_its_value():
    widths = _rect_widths(breakdown_chart(chart_id="x", title="t", bars=_bars()))
    assert widths[1] == 0.0 and widths[3] == 0.0
    other = _bars()
    other[1] = Bar("ຊາຍ", Cell(1, suppressed=True))
    assert _rect_widths(breakdown_chart(chart_id="x", title="t", bars=other))[1] == 0.0
    assert 'class="bar suppressed"' in breakdown_chart(chart_id="x", title="t", bars=_bars())


def test_a_trend_chart_has_one_bar_per_quarter_with_its_value_and_two_line_label():
    bars = [Bar("ໄຕມາດ 1", Cell(4 * n), "2026") for n in range(1, 9)]
    svg = trend_chart(chart_id="trend", title="ແນວໂນ້ມ", bars=bars)
    root = _parse(svg)
    assert len(list(root.iter(f"{SVG}rect"))) == 8
    heights = [float(r.get("height", "0")) for r in root.iter(f"{SVG}rect")]
    assert heights[-1] == 180.0 and heights[0] == 22.5  # 4 of 32
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts.count("2026") == 8 and "32" in texts


def test_a_chart_has_no_script_no_style_and_no_outside_reference():
    svg = trend_chart(chart_id="t", title="t", bars=_bars()) + breakdown_chart(
        chart_id="b", title="b", bars=_bars()
    )
    assert not re.search(r"<script|style=|href=|https?://(?!www\.w3\.org/2000/svg)", svg)


def test_an_empty_chart_is_still_valid():
    assert _parse(breakdown_chart(chart_id="e", title="t", bars=[])).get("role") == "img"
    assert _parse(trend_chart(chart_id="e", title="t", bars=[])).get("role") == "img"
