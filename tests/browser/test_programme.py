"""Coordination on a phone: a provincial manager records a committee's meeting with who
attended and an action item; its owner finds the action in the inbox and records it done."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.places.models import Province
from pokpong.programme.models import (
    ActionItem,
    CommitteeMeeting,
    fiscal_quarter_starts,
    fiscal_year_of,
)
from pokpong.programme.tests.factories import (
    BudgetLineFactory,
    CommitteeFactory,
    WorkPlanActivityFactory,
)
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data", "lao_with_pending"),
]


@pytest.fixture
def lao_with_pending(settings, tmp_path):
    """The Lao of this branch's pages, until locale/pending/programme.po is merged into the
    catalogue: compiled in front of it (the live server runs in this process)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    pending = Path(settings.BASE_DIR) / "locale" / "pending" / "programme.po"
    target = tmp_path / "locale" / "lo" / "LC_MESSAGES"
    target.mkdir(parents=True)
    if pending.exists():
        with pending.open("rb") as source, (target / "django.mo").open("wb") as compiled:
            write_mo(compiled, read_po(source, locale="lo"))
    settings.LOCALE_PATHS = [tmp_path / "locale", *settings.LOCALE_PATHS]


def test_a_meeting_is_recorded_and_its_action_reaches_the_owners_inbox(browser, phone, live_server):
    savannakhet = Province.objects.get(iso_code="LA-SV")
    office = OrganisationFactory(
        name_lo="ພະແນກແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ ແຂວງສະຫວັນນະເຂດ", province=savannakhet
    )
    police = OrganisationFactory(name_lo="ຕຳຫຼວດຕ້ານການຄ້າມະນຸດ ແຂວງສະຫວັນນະເຂດ", province=savannakhet)
    with_totp(
        UserFactory(username="somphone", organisation=office, roles=[Role.PROVINCIAL_MANAGER])
    )
    UserFactory(
        username="noy",
        organisation=police,
        display_name_lo="ນ້ອຍ ສີສຸວັນ",
        roles=[Role.POLICE_OFFICER],
    )
    committee = CommitteeFactory(name="ຄະນະກຳມະການຕ້ານການຄ້າມະນຸດ ແຂວງສະຫວັນນະເຂດ")
    sign_in(phone, live_server, "somphone", code=True)

    phone.goto(f"{live_server.url}/programme/committees/{committee.pk}/meetings/new/")
    today = timezone.localdate()
    phone.fill("input[name=held_on]", (today - dt.timedelta(days=1)).isoformat())
    phone.fill("input[name=place]", "ຫ້ອງປະຊຸມພະແນກ")
    phone.fill("textarea[name=decisions]", "ເລັ່ງລັດການສົ່ງຕໍ່ຜູ້ເຄາະຮ້າຍ ພາຍໃນ 48 ຊົ່ວໂມງ")
    phone.select_option("select[name=organisation_0]", str(office.pk))
    phone.fill("input[name=women_0]", "3")
    phone.fill("input[name=men_0]", "2")
    phone.select_option("select[name=organisation_1]", str(police.pk))
    phone.fill("input[name=men_1]", "4")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(phone)
    phone.click("main form button[type=submit]")

    phone.wait_for_selector("a[href$='/actions/new/']")
    meeting = CommitteeMeeting.objects.get()
    assert sorted((a.women, a.men) for a in meeting.attendance.all()) == [(0, 4), (3, 2)]
    phone.click("a[href$='/actions/new/']")
    phone.fill("textarea[name=description]", "ສົ່ງລາຍຊື່ຜູ້ກັບຄືນຖິ່ນຖານ ໃຫ້ພະແນກ")
    phone.select_option("select[name=owner]", label="ນ້ອຍ ສີສຸວັນ · ຕຳຫຼວດຕ້ານການຄ້າມະນຸດ ແຂວງສະຫວັນນະເຂດ")
    phone.fill("input[name=due_on]", (today + dt.timedelta(days=3)).isoformat())
    phone.click("main form button[type=submit]")
    phone.wait_for_selector("text=ສົ່ງລາຍຊື່ຜູ້ກັບຄືນຖິ່ນຖານ")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(phone)
    screenshot(phone, "programme-meeting")
    action = ActionItem.objects.get()

    # The owner (a police officer, no programme role) finds it in the inbox and closes it.
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, has_touch=True)
    owner = context.new_page()
    sign_in(owner, live_server, "noy")
    owner.goto(f"{live_server.url}/inbox/")
    owner.click("text=ສົ່ງລາຍຊື່ຜູ້ກັບຄືນຖິ່ນຖານ")
    owner.wait_for_selector("select[name=status]")
    owner.select_option("select[name=status]", "done")
    owner.fill("textarea[name=follow_up]", "ສົ່ງແລ້ວ")
    assert_accessible(owner)
    owner.click("main form button[type=submit]")
    owner.wait_for_selector("text=ສົ່ງແລ້ວ")
    action.refresh_from_db()
    assert (action.status, action.done_on) == ("done", today)
    context.close()


def test_the_work_plan_shows_overdue_activities_on_a_phone(phone, live_server):
    office = OrganisationFactory(name_lo="ກົມສະຫວັດດີການສັງຄົມ", province=None)
    with_totp(UserFactory(username="dsw", organisation=office, roles=[Role.NATIONAL_SECRETARIAT]))
    today = timezone.localdate()
    WorkPlanActivityFactory(
        title="ຝຶກອົບຮົມການລະບຸຕົວຜູ້ເຄາະຮ້າຍ ໃຫ້ຕຳຫຼວດຊາຍແດນ",
        partner=office,
        planned_start_on=today - dt.timedelta(days=60),
        planned_end_on=today - dt.timedelta(days=5),
        status="under_way",
        actual_start_on=today - dt.timedelta(days=55),
    )
    WorkPlanActivityFactory(
        title="ເຜີຍແຜ່ການເຄື່ອນຍ້າຍແຮງງານທີ່ປອດໄພ ຢູ່ບ້ານຊາຍແດນ",
        component="2",
        partner=office,
        planned_start_on=today,
        planned_end_on=today + dt.timedelta(days=30),
    )
    WorkPlanActivityFactory(
        title="ລາຍງານໄຕມາດ ຕໍ່ຜູ້ໃຫ້ທຶນ",
        component="4",
        province=None,
        partner=office,
        planned_start_on=today - dt.timedelta(days=90),
        planned_end_on=today - dt.timedelta(days=30),
        status="done",
        actual_start_on=today - dt.timedelta(days=90),
        actual_end_on=today - dt.timedelta(days=31),
    )
    sign_in(phone, live_server, "dsw", code=True)
    phone.goto(f"{live_server.url}/programme/workplan/")
    phone.wait_for_selector(".overdue-mark")
    assert phone.locator(".overdue-mark").count() == 1
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(phone)
    screenshot(phone, "programme-workplan")

    # The budget of this fiscal year: one component entered for its first quarter.
    first = fiscal_quarter_starts(fiscal_year_of(today))[0]
    BudgetLineFactory(quarter_start_on=first, budget_lak=215_000_000, spent_lak=107_500_000)
    phone.click(".programme-tabs a[href$='/budget/']")
    phone.wait_for_selector("#budget-percent")
    assert phone.inner_text("#budget-percent").strip() == "50%"
    assert "215,000,000" in phone.inner_text("#budget-total")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(phone)
    screenshot(phone, "programme-budget")
