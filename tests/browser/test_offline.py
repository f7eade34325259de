"""Offline work on a phone (issue 22), in chromium with Playwright's offline emulation: prepare,
lose the connection, register an arrival group's persons and screen one, reload, sync once; a
failed sync retried creates nothing twice; nothing readable is left in the browser's storage."""

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.cases.models import Screening
from pokpong.offline.models import OfflineSubmission
from pokpong.people.models import Person
from pokpong.people.services import PersonDetails, person_register
from pokpong.people.tests.factories import ArrivalGroupFactory
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]

PASSPHRASE = "ສາມຄົນ three persons"
RETURNEES = [
    ("ນ້ອຍ", "ແກ້ວມະນີ", "female", "1999", "020 5555 1111"),
    ("ບຸນມີ", "ສີສຸວັນ", "male", "1987", "020 5555 2222"),
    ("ແສງ", "ພົມມະວົງ", "female", "2004", "020 5555 3333"),
]
SHORT_ANSWERS = {
    "crossed_border": "yes",
    "moved_by_others": "yes",
    "recruited_by_broker": "yes",
    "job_different": "yes",
    "pay_withheld": "yes",
    "forced_sex": "declined",
    "forced_crime": "no",
    "could_not_leave": "yes",
    "documents_taken": "yes",
    "debt": "no",
    "threatened": "no",
    "physical_violence": "no",
    "under_18_at_recruitment": "no",
}
STORAGE = """async () => {
  const text = (value) => (value instanceof ArrayBuffer || ArrayBuffer.isView(value))
    ? new TextDecoder("utf-8").decode(value) : value;
  const out = [JSON.stringify(Object.entries(localStorage))];
  if ((await indexedDB.databases()).some((d) => d.name === "pokpong-offline")) {
    const db = await new Promise((ok) => {
      const r = indexedDB.open("pokpong-offline"); r.onsuccess = () => ok(r.result); });
    for (const name of db.objectStoreNames) {
      const rows = await new Promise((ok) => {
        const r = db.transaction(name).objectStore(name).getAll();
        r.onsuccess = () => ok(r.result);
      });
      out.push(JSON.stringify(rows, (k, v) => text(v)));
    }
    db.close();
  }
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      out.push(request.url + " " + await (await cache.match(request)).text());
    }
  }
  return out.join("\\n");
}"""


def _watch_policy(page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return violations


def _prepare(page, live_server, *, shot: bool = False) -> None:
    page.goto(f"{live_server.url}/offline/")
    page.wait_for_selector("#offline-setup:not([hidden])")
    if shot:
        screenshot(page, "offline-prepare")
        assert_accessible(page)
    page.fill("#new-passphrase", PASSPHRASE)
    page.fill("#new-passphrase-again", PASSPHRASE)
    page.click("#offline-prepare button[type=submit]")
    page.wait_for_selector("#offline-work:not([hidden])")


def _unlock(page, passphrase: str = PASSPHRASE) -> None:
    page.wait_for_selector("#offline-unlock:not([hidden])")
    page.fill("#passphrase", passphrase)
    page.click("#offline-unlock-form button[type=submit]")


def _register(page, given, family, sex, year, phone_number, group) -> None:
    form = "form[data-offline-kind=person]"
    if not page.is_visible(form):
        page.click("#details-person summary")
    page.select_option("#person_group", str(group.pk))
    page.fill("#person_given_name_lo", given)
    page.fill("#person_family_name_lo", family)
    page.select_option("#person_sex", sex)
    page.fill("#person_birth_year", year)
    page.fill("#person_phone", phone_number)
    count = page.locator("#offline-records li[data-state]").count()
    page.click(f"{form} button[type=submit]")
    page.wait_for_function(
        "n => document.querySelectorAll('#offline-records li[data-state]').length === n",
        arg=count + 1,
    )


def _screen(page, name) -> None:
    page.click("#details-screening summary")
    form = "form[data-offline-kind=screening]"
    value = page.locator("#screening_person option", has_text=name).get_attribute("value")
    page.select_option("#screening_person", value)
    for code, answer in SHORT_ANSWERS.items():
        page.check(f"{form} input[name=q_{code}][value={answer}]")
    page.check(f"{form} input[name=outcome][value=possible_victim]")
    page.click(f"{form} button[type=submit]")
    page.wait_for_selector("#offline-records li.offline-unsynced >> nth=3")


def _storage_text(page) -> str:
    text: str = page.evaluate(STORAGE)
    return text


def test_an_arrival_group_registered_and_screened_offline_is_synced_once(phone, live_server):
    user = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    group = ArrivalGroupFactory(created_by=user)
    violations = _watch_policy(phone)
    sign_in(phone, live_server, "souk")
    _prepare(phone, live_server, shot=True)
    phone.wait_for_function("() => navigator.serviceWorker.controller !== null")
    assert_accessible(phone)

    phone.context.set_offline(True)
    phone.reload()  # answered by the service worker from the Cache Storage
    _unlock(phone)
    phone.wait_for_selector("#offline-work:not([hidden])")
    for returnee in RETURNEES:
        _register(phone, *returnee, group)
    _screen(phone, RETURNEES[0][0])
    phone.reload()  # still offline: the records survive, sealed, behind the passphrase
    _unlock(phone)
    phone.wait_for_selector("#offline-records li.offline-unsynced >> nth=3")
    assert phone.evaluate("() => navigator.onLine") is False
    screenshot(phone, "offline-records")
    assert_accessible(phone)
    kept = _storage_text(phone)
    for given, family, _sex, _year, phone_number in RETURNEES:
        assert given not in kept
        assert family not in kept
        assert phone_number not in kept
    assert not Person.objects.exists()

    phone.context.set_offline(False)
    phone.click("#offline-sync")
    phone.wait_for_function(
        "() => document.querySelectorAll('#offline-records li.offline-synced').length === 4"
    )
    screenshot(phone, "offline-synced")
    persons = Person.objects.filter(arrival_group=group)
    assert sorted(p.given_name_lo for p in persons) == sorted(r[0] for r in RETURNEES)
    screening = Screening.objects.get()
    assert screening.person.given_name_lo == RETURNEES[0][0]
    assert OfflineSubmission.objects.count() == 4
    phone.click("#offline-sync")  # again: nothing is sent twice
    assert Person.objects.count() == 3
    assert violations == []


def test_a_failed_sync_retried_creates_the_record_once(browser, live_server):
    UserFactory(username="souk", roles=[Role.CASE_WORKER])
    group = ArrivalGroupFactory(created_by=UserFactory(roles=[Role.CASE_WORKER]))
    # Requests routed by the test must not be answered by a service worker.
    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server, "souk")
    _prepare(page, live_server)
    page.context.set_offline(True)
    page.click("#details-person summary")
    page.fill("#person_given_name_lo", RETURNEES[1][0])
    page.select_option("#person_sex", "male")
    page.click("form[data-offline-kind=person] button[type=submit]")
    page.wait_for_selector("#offline-records li.offline-unsynced")
    del group

    def lost_answer(route):  # the server does the work, the answer never reaches the phone
        if route.request.method == "POST":
            route.fetch()
            route.abort()
        else:
            route.continue_()

    page.route("**/offline/sync/", lost_answer)
    page.context.set_offline(False)
    page.click("#offline-sync")
    page.wait_for_function(
        "() => document.getElementById('offline-status').textContent"
        " === document.getElementById('offline-app').dataset.msgSyncFailed"
    )
    assert Person.objects.count() == 1
    assert page.locator("#offline-records li.offline-unsynced").count() == 1
    page.unroute("**/offline/sync/")
    page.click("#offline-sync")
    page.wait_for_selector("#offline-records li.offline-synced")
    assert Person.objects.count() == 1
    context.close()


def test_a_wrong_passphrase_five_times_wipes_the_phone(phone, live_server):
    UserFactory(username="souk", roles=[Role.CASE_WORKER])
    sign_in(phone, live_server, "souk")
    _prepare(phone, live_server)
    phone.click("#details-person summary")
    phone.fill("#person_given_name_lo", RETURNEES[2][0])
    phone.click("form[data-offline-kind=person] button[type=submit]")
    phone.wait_for_selector("#offline-records li[data-state]")
    phone.reload()
    for attempt in range(5):
        _unlock(phone, "not the passphrase")
        if attempt < 4:
            phone.wait_for_function(
                "n => document.getElementById('unlock-error').textContent.endsWith(' ' + n)",
                arg=4 - attempt,
            )
    phone.wait_for_selector("#offline-setup:not([hidden])")
    screenshot(phone, "offline-wiped")
    assert_accessible(phone)
    assert "pokpong-offline-v1" not in _storage_text(phone)
    assert phone.evaluate("() => caches.keys()") == []
    phone.reload()
    phone.wait_for_selector("#offline-setup:not([hidden])")  # nothing left to unlock


def test_signing_out_deletes_the_records_and_the_cached_pages(phone, live_server):
    UserFactory(username="souk", roles=[Role.CASE_WORKER])
    sign_in(phone, live_server, "souk")
    _prepare(phone, live_server)
    phone.wait_for_function("() => caches.keys().then(k => k.length > 0)")
    phone.goto(f"{live_server.url}/")
    phone.click("header summary.menu-button")
    phone.click("header form[data-signout] button")
    phone.wait_for_selector("input[name=login]")
    assert phone.evaluate("() => caches.keys()") == []
    names = phone.evaluate("() => indexedDB.databases().then(d => d.map(x => x.name))")
    assert "pokpong-offline" not in names


def test_records_failing_validation_or_flagged_as_duplicates_come_back_for_correction(
    phone, live_server
):
    user = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    given, family, sex, year, _phone = RETURNEES[0]
    details = PersonDetails(given_name_lo=given, family_name_lo=family, sex=sex, birth_year=1999)
    person_register(user=user, details=details)  # registered online meanwhile
    sign_in(phone, live_server, "souk")
    _prepare(phone, live_server)
    phone.context.set_offline(True)
    phone.click("#details-person summary")
    phone.fill("#person_given_name_lo", RETURNEES[1][0])  # no sex chosen
    phone.click("form[data-offline-kind=person] button[type=submit]")
    phone.fill("#person_given_name_lo", given)
    phone.fill("#person_family_name_lo", family)
    phone.select_option("#person_sex", sex)
    phone.fill("#person_birth_year", year)
    phone.click("form[data-offline-kind=person] button[type=submit]")
    phone.wait_for_selector("#offline-records li.offline-unsynced >> nth=1")
    phone.context.set_offline(False)
    phone.click("#offline-sync")
    phone.wait_for_selector("#offline-records li.offline-invalid")
    phone.wait_for_selector("#offline-records li.offline-duplicate")
    assert Person.objects.count() == 1

    phone.click("#offline-records li.offline-invalid button")
    errors = phone.locator("form[data-offline-kind=person] .form-errors")
    assert errors.is_visible()
    assert phone.input_value("#person_given_name_lo") == RETURNEES[1][0]
    phone.select_option("#person_sex", "male")
    phone.click("form[data-offline-kind=person] button[type=submit]")
    phone.wait_for_selector("#offline-records li.offline-synced")

    phone.click("#offline-records li.offline-duplicate button")
    assert Person.objects.order_by("pk").first().code in errors.inner_text()
    screenshot(phone, "offline-correct")
    assert_accessible(phone)
    phone.check("#person_add_anyway")  # a different person, as the online form asks
    phone.click("form[data-offline-kind=person] button[type=submit]")
    phone.wait_for_function(
        "() => document.querySelectorAll('#offline-records li.offline-synced').length === 2"
    )
    assert Person.objects.count() == 3
    assert OfflineSubmission.objects.count() == 2
