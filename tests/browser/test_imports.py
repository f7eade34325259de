"""Bulk import on a phone: upload a sheet of historical persons and cases, read the dry run
(row errors, a flagged duplicate), then import only the valid rows."""

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases.models import Case
from pokpong.imports.tests.helpers import PERSON_HEADER, csv_bytes, person_row
from pokpong.people.services import PersonDetails, person_register
from pokpong.places.models import Province
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def test_upload_dry_run_then_import_the_valid_rows(browser, phone, live_server, tmp_path):
    office = OrganisationFactory(province=Province.objects.get(iso_code="LA-SV"))
    worker = UserFactory(username="vanh", organisation=office, roles=[Role.CASE_WORKER])
    person_register(
        user=worker,
        details=PersonDetails(
            sex="female",
            birth_year=1998,
            given_name_latin="Souksavanh",
            family_name_latin="Phommachanh",
        ),
    )
    sheet = tmp_path / "ປະຫວັດ.csv"
    sheet.write_bytes(
        csv_bytes(
            PERSON_HEADER,
            [
                person_row(latin=("Vilay", "Inthavong"), began="14/03/2568"),
                person_row("ສຸກສະຫວັນ ພົມມະຈັນ"),  # the person already registered, in Lao
                person_row(latin=("Khamla", "Sisouk"), sex="?", began="31/02/2567"),
            ],
        )
    )
    sign_in(phone, live_server, "vanh")
    phone.goto(f"{live_server.url}/imports/")
    phone.select_option("select[name=kind]", "persons_cases")
    phone.set_input_files("input[name=file]", str(sheet))
    phone.click("main form.import-form button[type=submit]")
    phone.wait_for_selector(".import-counts")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.locator(".import-errors li").count() == 2  # row 4: sex and date
    assert phone.locator(".import-flags li").count() == 1  # row 3: the known person
    assert not Case.objects.exists()  # the dry run wrote nothing
    assert_accessible(phone)
    screenshot(phone, "imports-dry-run")
    phone.check("input[name=valid_only]")
    phone.click("form.import-decision button[type=submit]")
    phone.wait_for_selector(".notice")
    assert Case.objects.count() == 1  # row 2 only: row 3 skipped (not ticked), row 4 refused
    screenshot(phone, "imports-done")
