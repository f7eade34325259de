"""On a phone: the M&E officer asks for the CTDC Global Dataset, sees how many records were
written and suppressed, and downloads the CSV (k-anonymous)."""

import csv
import io
from collections import Counter

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.cases.models import FormOfTrafficking
from pokpong.cases.tests.factories import CaseFactory, ConsentFactory
from pokpong.exchange.ctdc.build import CtdcOptions, quasi_columns
from pokpong.exchange.models import ExportRequest
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.tests.factories import country
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _victims() -> None:
    worker = UserFactory(roles=[Role.CASE_WORKER])
    sexual = FormOfTrafficking.objects.filter(code="sexual_exploitation")
    for where in ["TH"] * 12 + ["CN", "MM"]:
        person = PersonFactory(registered_by=worker, birth_year=2000)
        ConsentFactory(person=person)
        case = CaseFactory(person=person, country_of_exploitation=country(where))
        case.forms_of_trafficking.set(sexual)


def test_the_ctdc_dataset_is_requested_and_downloaded(phone, live_server, tmp_path):
    _victims()
    UserFactory(username="dara", roles=[Role.ME_OFFICER])
    sign_in(phone, live_server, "dara")
    phone.goto(f"{live_server.url}/exchange/")
    phone.click("a[href='/exchange/new/ctdc/']")
    phone.wait_for_selector("form.export-form")
    # the test settings run tasks at once, inside the request
    phone.click("form.export-form button[type=submit]", timeout=120_000)
    link = phone.locator("#exports a.button-link").first
    link.wait_for(timeout=120_000)
    export = ExportRequest.objects.get()
    assert (export.summary["written"], export.summary["suppressed"]) == (12, 2)
    assert "12" in phone.locator("#exports .export-summary").first.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(phone)
    screenshot(phone, "exports-ctdc")
    with phone.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.startswith("ctdc-global-dataset-k11-")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert len(rows) == 12
    columns = quasi_columns(CtdcOptions().quasi_identifiers)
    counts = Counter(tuple(row[c] for c in columns) for row in rows)
    assert min(counts.values()) >= 11
