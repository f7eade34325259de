"""On a phone: a case worker asks for the HTCDS case file set for a partner organisation, and
downloads the zip: only the person whose consent names the partner is in it."""

import csv
import io
import zipfile

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.exchange.models import ExportRequest
from pokpong.exchange.tests.htcds_world import partner_organisation, whole_case
from pokpong.people.tests.factories import PersonFactory
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def test_the_htcds_case_file_set_is_requested_and_downloaded(phone, live_server, tmp_path):
    office = UserFactory(username="noy", roles=[Role.CASE_WORKER])
    partner = partner_organisation()
    person = whole_case(office=office, partner=partner).person
    PersonFactory(registered_by=office)  # no consent to share: never in the set
    sign_in(phone, live_server, "noy")
    phone.goto(f"{live_server.url}/exchange/")
    phone.click("a[href='/exchange/new/htcds/']")
    phone.wait_for_selector("form.export-form")
    phone.select_option("select[name=recipient]", str(partner.pk))
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(phone)
    screenshot(phone, "exports-htcds-form")
    # the test settings run tasks at once, inside the request
    phone.click("form.export-form button[type=submit]", timeout=120_000)
    link = phone.locator("#exports a.button-link").first
    link.wait_for(timeout=120_000)
    export = ExportRequest.objects.get()
    assert (export.kind, export.summary["persons"]) == ("htcds", 1)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(phone)
    screenshot(phone, "exports-htcds")
    with phone.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.startswith("htcds-case-files-")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        persons = list(csv.DictReader(io.StringIO(archive.read("person.csv").decode("utf-8"))))
    assert [row["key_Person"] for row in persons] == [person.code]
