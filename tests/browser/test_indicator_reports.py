"""On a phone: the M&E officer asks for the quarter's indicator report as a PDF, sees it ready in
the list and downloads it."""

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.monitoring.models import ReportRequest
from tests.browser.conftest import PHONE, SCREENSHOTS, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def test_an_indicator_report_is_requested_and_downloaded(phone, live_server, tmp_path):
    pytest.importorskip("weasyprint", exc_type=OSError)  # type: ignore[arg-type]
    from pokpong.monitoring.tests.reports_world import build_world

    build_world()
    UserFactory(username="dara", roles=[Role.ME_OFFICER])
    sign_in(phone, live_server, "dara")
    phone.goto(f"{live_server.url}/me/reports/")
    phone.select_option("select[name=period]", "2026Q4")
    phone.select_option("select[name=format]", "pdf")
    phone.select_option("select[name=language]", "lo")
    # the test settings run tasks at once, inside the request: a PDF takes a while on a busy machine
    phone.click("form.report-form button[type=submit]", timeout=120_000)
    link = phone.locator("#report-requests a.button-link").first
    link.wait_for(timeout=120_000)
    report = ReportRequest.objects.get()
    assert (report.format, report.suppressed) == ("pdf", True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(phone)
    screenshot(phone, "indicator-report-request")
    with phone.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "indicators-2026Q4-national-public-lo.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes()[:5] == b"%PDF-"
    # the first page as chromium's PDF viewer shows it
    phone.set_viewport_size({"width": 800, "height": 1100})
    phone.goto(saved.as_uri())
    phone.wait_for_timeout(2000)
    phone.screenshot(path=str(SCREENSHOTS / "indicator-report-pdf.png"))
