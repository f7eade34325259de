import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.places.tests.factories import CHAMPASAK, province
from pokpong.programme.models import (
    ActionItem,
    ActionStatus,
    BudgetLine,
    Committee,
    CommitteeLevel,
    CommitteeMeeting,
    WorkPlanActivity,
)
from pokpong.programme.tests.factories import (
    ActionItemFactory,
    BudgetLineFactory,
    CommitteeFactory,
    CommitteeMeetingFactory,
    MeetingAttendanceFactory,
    WorkPlanActivityFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    """28 November 2026: in the first quarter of fiscal year 2027."""
    with time_machine.travel(dt.datetime(2026, 11, 28, 9, tzinfo=dt.UTC), tick=False):
        yield


def _english(client, user):
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    client.force_login(user)


def _get(client, user, name, *args):
    client.force_login(user)
    return client.get(reverse(name, args=args))


# --- who reaches what -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["activity_list", "committee_list", "committee_new", "activity_new"]
)
def test_programme_pages_open_to_national_roles_and_managers(
    client, secretariat, me_officer, manager, name
):
    for user in (secretariat, me_officer, manager):
        assert _get(client, user, f"programme:{name}").status_code == 200


@pytest.mark.parametrize("role", [Role.CASE_WORKER, Role.TRAINER, Role.ADMINISTRATOR])
def test_programme_pages_answer_404_to_other_roles(client, role):
    user = with_totp(UserFactory(roles=[role]))
    for name in ("activity_list", "committee_list", "budget", "budget_edit"):
        assert _get(client, user, f"programme:{name}").status_code == 404


def test_the_budget_is_for_national_roles_only(client, secretariat, me_officer, manager):
    assert _get(client, secretariat, "programme:budget").status_code == 200
    assert _get(client, me_officer, "programme:budget_edit").status_code == 200
    assert _get(client, manager, "programme:budget").status_code == 404


def test_a_manager_sees_the_committees_of_the_province_only(client, manager):
    own = CommitteeFactory(name="ຄະນະກຳມະການແຂວງສະຫວັນນະເຂດ")
    other = CommitteeFactory(name="ຄະນະກຳມະການແຂວງຈຳປາສັກ", province=province(CHAMPASAK))
    national = CommitteeFactory(
        name="ຄະນະຊີ້ນຳແຫ່ງຊາດ", level=CommitteeLevel.NATIONAL_STEERING, province=None
    )
    html = _get(client, manager, "programme:committee_list").content.decode()
    assert own.name in html
    assert other.name not in html
    assert national.name not in html
    assert _get(client, manager, "programme:committee_detail", other.pk).status_code == 404
    assert _get(client, manager, "programme:committee_detail", national.pk).status_code == 404
    assert _get(client, manager, "programme:committee_detail", own.pk).status_code == 200


def test_a_manager_of_another_province_gets_404_for_the_meeting_and_activity(client, other_manager):
    meeting = CommitteeMeetingFactory()
    activity = WorkPlanActivityFactory()
    assert _get(client, other_manager, "programme:meeting_detail", meeting.pk).status_code == 404
    assert _get(client, other_manager, "programme:meeting_edit", meeting.pk).status_code == 404
    assert _get(client, other_manager, "programme:activity_edit", activity.pk).status_code == 404


def test_the_owner_of_an_action_sees_its_meeting_and_follows_it_up_but_changes_nothing_else(client):
    owner = UserFactory(roles=[Role.CASE_WORKER])
    action = ActionItemFactory(owner=owner)
    meeting = action.meeting
    assert _get(client, owner, "programme:meeting_detail", meeting.pk).status_code == 200
    assert _get(client, owner, "programme:action_follow_up", action.pk).status_code == 200
    assert _get(client, owner, "programme:meeting_edit", meeting.pk).status_code == 404
    assert _get(client, owner, "programme:action_new", meeting.pk).status_code == 404
    other = UserFactory(roles=[Role.CASE_WORKER])
    assert _get(client, other, "programme:meeting_detail", meeting.pk).status_code == 404
    assert _get(client, other, "programme:action_follow_up", action.pk).status_code == 404


# --- the work plan ----------------------------------------------------------------------------


def _activity_data(partner, **changes):
    data = {
        "title": "ຝຶກອົບຮົມຕຳຫຼວດຊາຍແດນ",
        "component": "1",
        "province": province().pk,
        "partner": partner.pk,
        "planned_start_on": "2026-10-01",
        "planned_end_on": "2026-12-31",
        "actual_start_on": "",
        "actual_end_on": "",
        "status": "planned",
        "notes": "",
    }
    data.update(changes)
    return data


def test_a_manager_adds_an_activity_of_the_province(client, manager):
    client.force_login(manager)
    response = client.post(reverse("programme:activity_new"), _activity_data(manager.organisation))
    assert response.status_code == 302
    activity = WorkPlanActivity.objects.get()
    assert activity.province == province()
    assert activity.partner == manager.organisation


def test_a_manager_cannot_add_an_activity_of_another_province(client, manager, lao_with_pending):
    client.force_login(manager)
    data = _activity_data(manager.organisation, province=province(CHAMPASAK).pk)
    response = client.post(reverse("programme:activity_new"), data)
    assert response.status_code == 200
    assert "ພາຍໃນເຂດຂອງທ່ານ" in response.content.decode()
    assert WorkPlanActivity.objects.count() == 0


def test_an_end_before_the_start_is_refused_with_a_message(client, secretariat):
    _english(client, secretariat)
    data = _activity_data(secretariat.organisation, planned_end_on="2026-09-01")
    response = client.post(reverse("programme:activity_new"), data)
    assert response.status_code == 200
    assert "The planned end cannot be before the planned start." in response.content.decode()
    assert WorkPlanActivity.objects.count() == 0


def test_validation_messages_are_in_lao(client, secretariat, lao_with_pending):
    client.force_login(secretariat)
    data = _activity_data(secretariat.organisation, planned_end_on="2026-09-01")
    html = client.post(reverse("programme:activity_new"), data).content.decode()
    assert "ວັນສິ້ນສຸດຕາມແຜນ ບໍ່ສາມາດກ່ອນວັນເລີ່ມຕາມແຜນ." in html


def test_the_work_plan_marks_overdue_activities_with_text(client, secretariat):
    WorkPlanActivityFactory(title="ກອງປະຊຸມຊ້າ", planned_end_on=dt.date(2026, 11, 1))
    WorkPlanActivityFactory(
        title="ກອງປະຊຸມແລ້ວ",
        planned_end_on=dt.date(2026, 11, 1),
        status="done",
        actual_start_on=dt.date(2026, 10, 1),
        actual_end_on=dt.date(2026, 10, 30),
    )
    _english(client, secretariat)
    html = client.get(reverse("programme:activity_list")).content.decode()
    assert html.count('class="overdue-mark"') == 1
    assert "1 overdue" in html


def test_the_work_plan_filters_by_status(client, secretariat):
    WorkPlanActivityFactory(title="ແຜນ A")
    WorkPlanActivityFactory(title="ແຜນ B", status="delayed")
    client.force_login(secretariat)
    html = client.get(reverse("programme:activity_list"), {"status": "delayed"}).content.decode()
    assert "ແຜນ B" in html
    assert "ແຜນ A" not in html


# --- budget -----------------------------------------------------------------------------------


def test_the_budget_table_totals_and_percent_spent(client, secretariat):
    BudgetLineFactory(
        component="1",
        quarter_start_on=dt.date(2026, 10, 1),
        budget_lak=200_000_000,
        spent_lak=50_000_000,
        lak_per_usd=20_000,
    )
    BudgetLineFactory(
        component="2",
        quarter_start_on=dt.date(2027, 1, 1),
        budget_lak=100_000_000,
        spent_lak=100_000_000,
        lak_per_usd=20_000,
    )
    client.force_login(secretariat)
    response = client.get(reverse("programme:budget"), {"year": "2027"})
    table = response.context["table"]
    assert table.total.budget_lak == 300_000_000
    assert table.total.spent_lak == 150_000_000
    assert table.total.percent_spent == 50
    assert table.total.budget_usd == 15_000
    assert table.rows[0].total.percent_spent == 25
    assert table.quarter_totals[1].spent_lak == 100_000_000


def _budget_data(**changes):
    data = {
        "component": "3",
        "fiscal_year": "2027",
        "fiscal_quarter": "2",
        "budget_lak": "430000000",
        "spent_lak": "0",
        "lak_per_usd": "21500",
        "notes": "",
    }
    data.update(changes)
    return data


def test_entering_a_budget_line_stores_the_quarter_start(client, secretariat):
    client.force_login(secretariat)
    response = client.post(reverse("programme:budget_edit"), _budget_data())
    assert response.status_code == 302
    line = BudgetLine.objects.get()
    assert line.quarter_start_on == dt.date(2027, 1, 1)
    assert line.quarter_code == "FY2027Q2"
    assert line.budget_usd == 20_000


def test_entering_the_same_line_again_replaces_it(client, secretariat):
    client.force_login(secretariat)
    client.post(reverse("programme:budget_edit"), _budget_data())
    client.post(reverse("programme:budget_edit"), _budget_data(spent_lak="215000000"))
    assert BudgetLine.objects.get().spent_lak == 215_000_000


def test_a_negative_amount_is_refused_in_lao(client, secretariat, lao_with_pending):
    client.force_login(secretariat)
    response = client.post(reverse("programme:budget_edit"), _budget_data(spent_lak="-5"))
    assert response.status_code == 200
    assert "ຈຳນວນເງິນ ບໍ່ສາມາດຕິດລົບ." in response.content.decode()
    assert BudgetLine.objects.count() == 0


def test_lao_digits_are_accepted_for_amounts(client, secretariat):
    client.force_login(secretariat)
    client.post(reverse("programme:budget_edit"), _budget_data(budget_lak="໑໐໐໐"))
    assert BudgetLine.objects.get().budget_lak == 1000


# --- committees, meetings, actions ------------------------------------------------------------


def test_a_district_committee_needs_its_district(client, secretariat):
    _english(client, secretariat)
    data = {
        "name": "ຄະນະກຳມະການເມືອງ",
        "level": "district",
        "province": province().pk,
        "district": "",
        "is_active": "on",
    }
    response = client.post(reverse("programme:committee_new"), data)
    assert response.status_code == 200
    assert "Choose the committee&#x27;s district." in response.content.decode()
    assert Committee.objects.count() == 0


def test_recording_a_meeting_with_attendance(client, manager):
    committee = CommitteeFactory()
    partner = OrganisationFactory()
    client.force_login(manager)
    data = {
        "held_on": "2026-11-20",
        "place": "ຫ້ອງການແຂວງ",
        "decisions": "ຕົກລົງ",
        "organisation_0": manager.organisation.pk,
        "women_0": "3",
        "men_0": "2",
        "organisation_1": partner.pk,
        "women_1": "1",
        "men_1": "",
    }
    response = client.post(reverse("programme:meeting_new", args=[committee.pk]), data)
    meeting = CommitteeMeeting.objects.get()
    assert response.url == reverse("programme:meeting_detail", args=[meeting.pk])
    rows = {(a.organisation_id, a.women, a.men) for a in meeting.attendance.all()}
    assert rows == {(manager.organisation.pk, 3, 2), (partner.pk, 1, 0)}
    assert meeting.recorded_by == manager


def test_a_meeting_without_attendance_or_with_an_organisation_twice_is_refused(client, manager):
    committee = CommitteeFactory()
    _english(client, manager)
    url = reverse("programme:meeting_new", args=[committee.pk])
    empty = client.post(url, {"held_on": "2026-11-20"}).content.decode()
    assert "Record who attended: at least one organisation." in empty
    org = manager.organisation.pk
    twice = {
        "held_on": "2026-11-20",
        "organisation_0": org,
        "women_0": "1",
        "organisation_1": org,
        "men_1": "1",
    }
    assert "Each organisation once" in client.post(url, twice).content.decode()
    future = {"held_on": "2026-12-20", "organisation_0": org, "women_0": "1"}
    assert "The date is in the future." in client.post(url, future).content.decode()
    assert CommitteeMeeting.objects.count() == 0


def test_editing_a_meeting_replaces_its_attendance(client, manager):
    attendance = MeetingAttendanceFactory(women=3, men=2)
    meeting = attendance.meeting
    client.force_login(manager)
    data = {
        "held_on": "2026-11-10",
        "organisation_0": attendance.organisation_id,
        "women_0": "4",
        "men_0": "2",
    }
    client.post(reverse("programme:meeting_edit", args=[meeting.pk]), data)
    assert [(a.women, a.men) for a in meeting.attendance.all()] == [(4, 2)]


def test_adding_an_action_and_its_owner_sees_it_in_the_inbox(client, manager):
    meeting = CommitteeMeetingFactory(held_on=dt.date(2026, 11, 10))
    owner = UserFactory(username="owner", roles=[Role.CASE_WORKER])
    client.force_login(manager)
    data = {"description": "ສົ່ງລາຍງານ", "owner": owner.pk, "due_on": "2026-11-30"}
    response = client.post(reverse("programme:action_new", args=[meeting.pk]), data)
    assert response.status_code == 302
    action = ActionItem.objects.get()
    client.force_login(owner)
    inbox = client.get(reverse("desk:inbox")).content.decode()
    assert reverse("programme:action_follow_up", args=[action.pk]) in inbox


def test_an_action_cannot_be_due_before_its_meeting(client, manager):
    meeting = CommitteeMeetingFactory(held_on=dt.date(2026, 11, 10))
    owner = UserFactory(roles=[Role.CASE_WORKER])
    _english(client, manager)
    data = {"description": "ສົ່ງລາຍງານ", "owner": owner.pk, "due_on": "2026-11-01"}
    response = client.post(reverse("programme:action_new", args=[meeting.pk]), data)
    assert "The due date cannot be before the meeting." in response.content.decode()


def test_an_owner_of_another_province_cannot_be_chosen(client, manager):
    meeting = CommitteeMeetingFactory()
    far = UserFactory(organisation=OrganisationFactory(province=province(CHAMPASAK)))
    client.force_login(manager)
    data = {"description": "ສົ່ງລາຍງານ", "owner": far.pk, "due_on": "2026-11-30"}
    response = client.post(reverse("programme:action_new", args=[meeting.pk]), data)
    assert response.status_code == 200
    assert ActionItem.objects.count() == 0


def test_the_owner_marks_the_action_done(client):
    owner = UserFactory(roles=[Role.CASE_WORKER])
    action = ActionItemFactory(owner=owner)
    client.force_login(owner)
    data = {"status": "done", "follow_up": "ສົ່ງແລ້ວ", "done_on": "2026-11-25"}
    response = client.post(reverse("programme:action_follow_up", args=[action.pk]), data)
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.done_on) == (ActionStatus.DONE, dt.date(2026, 11, 25))
    _english(client, owner)
    missing = {"status": "done", "follow_up": "", "done_on": ""}
    html = client.post(reverse("programme:action_follow_up", args=[action.pk]), missing)
    assert "Give the date the action was done." in html.content.decode()


# --- hostile input --------------------------------------------------------------------------


HOSTILE = ["", "x" * 6000, "-1", "99999999999999999999999", "\x00", "2026-13-45", "<script>", "໑໒"]


@pytest.mark.parametrize("value", HOSTILE)
def test_no_form_answers_500_on_hostile_input(client, secretariat, value):
    committee = CommitteeFactory()
    meeting = CommitteeMeetingFactory(committee=committee)
    action = ActionItemFactory(meeting=meeting)
    activity = WorkPlanActivityFactory()
    client.force_login(secretariat)
    posts = {
        reverse("programme:activity_new"): list(_activity_data(secretariat.organisation)),
        reverse("programme:activity_edit", args=[activity.pk]): list(
            _activity_data(secretariat.organisation)
        ),
        reverse("programme:budget_edit"): list(_budget_data()),
        reverse("programme:committee_new"): ["name", "level", "province", "district"],
        reverse("programme:meeting_new", args=[committee.pk]): [
            "held_on",
            "place",
            "organisation_0",
            "women_0",
            "men_0",
            "organisation_9",
        ],
        reverse("programme:action_new", args=[meeting.pk]): ["description", "owner", "due_on"],
        reverse("programme:action_follow_up", args=[action.pk]): ["status", "done_on"],
    }
    for url, fields in posts.items():
        assert client.post(url, dict.fromkeys(fields, value)).status_code in {200, 302}
    gets = [
        (
            reverse("programme:activity_list"),
            {"component": value, "province": value, "status": value},
        ),
        (reverse("programme:budget"), {"year": value}),
        (reverse("programme:budget_edit"), {"component": value, "year": value, "quarter": value}),
    ]
    for url, params in gets:
        assert client.get(url, params).status_code == 200


def test_list_pages_make_a_fixed_number_of_queries(
    client, secretariat, django_assert_max_num_queries
):
    for _ in range(3):
        WorkPlanActivityFactory()
        MeetingAttendanceFactory()
    client.force_login(secretariat)
    client.get(reverse("programme:activity_list"))  # warm the session and the user's roles
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("programme:activity_list"))
    for _ in range(5):
        WorkPlanActivityFactory()
        MeetingAttendanceFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("programme:activity_list"))
    committee = CommitteeFactory()
    for _ in range(2):
        MeetingAttendanceFactory(meeting__committee=committee)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("programme:committee_detail", args=[committee.pk]))
    for _ in range(4):
        MeetingAttendanceFactory(meeting__committee=committee)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("programme:committee_detail", args=[committee.pk]))
    with django_assert_max_num_queries(20):
        client.get(reverse("programme:committee_list"))


def test_committees_that_have_not_met_this_quarter_are_marked_with_text(client, secretariat):
    CommitteeMeetingFactory(committee__name="ຄະນະ ປະຊຸມແລ້ວ", held_on=dt.date(2026, 10, 1))
    CommitteeMeetingFactory(committee__name="ຄະນະ ງຽບ", held_on=dt.date(2026, 9, 30))
    CommitteeFactory(name="ຄະນະ ໃໝ່")
    CommitteeFactory(name="ຄະນະ ຢຸດ", is_active=False)
    _english(client, secretariat)
    html = client.get(reverse("programme:committee_list")).content.decode()
    assert html.count("Not met this quarter") == 2
