"""The livelihood pages along the permission ladder, hostile input, and the income recorded at
a follow-up visit."""

import datetime as dt

import pytest
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases.tests.factories import CaseFactory
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.livelihoods.models import (
    Employer,
    JobPlacement,
    LivelihoodAssessment,
    RetentionCheck,
    VocationalTraining,
)
from pokpong.livelihoods.tests.factories import (
    EmployerFactory,
    LivelihoodAssessmentFactory,
    VocationalTrainingFactory,
)
from pokpong.places.models import Province
from pokpong.referrals.tests.factories import FollowUpVisitFactory, referred_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(caseworker):
    return CaseFactory(person__registered_by=caseworker)


@pytest.fixture
def elsewhere():
    """A case worker of Champasak: another province's office."""
    org = OrganisationFactory(province=Province.objects.get(iso_code="LA-CH"))
    return UserFactory(username="elsewhere", organisation=org, roles=[Role.CASE_WORKER])


def _url(name, *args):
    return reverse(f"livelihoods:{name}", args=args)


def test_the_case_office_sees_the_livelihood_page_and_the_read_is_audited(client, caseworker, case):
    LivelihoodAssessmentFactory(case=case, skills="Sewing and weaving")
    client.force_login(caseworker)
    response = client.get(_url("case", case.pk))
    assert response.status_code == 200
    assert "Sewing and weaving" in response.content.decode()
    entry = AuditEntry.objects.filter(action=AuditAction.VIEW, object_id=str(case.pk)).last()
    assert entry is not None and entry.extra["fields"] == ["livelihoods"]


def test_the_case_page_shows_the_income_chart(client, caseworker, case):
    LivelihoodAssessmentFactory(case=case, baseline_income_lak=500_000)
    FollowUpVisitFactory(case=case, done_on=dt.date(2026, 11, 1), income_lak=1_200_000)
    client.force_login(caseworker)
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert 'class="income-chart"' in page and "<title" in page
    assert "1,200,000 ₭" in page


@pytest.mark.parametrize("who", ["anonymous", "outsider", "elsewhere", "trainer", "police"])
def test_nobody_else_reaches_the_livelihood_pages(client, case, outsider, elsewhere, who):
    users = {
        "outsider": outsider,
        "elsewhere": elsewhere,
        "trainer": UserFactory(roles=[Role.TRAINER]),
        "police": UserFactory(roles=[Role.POLICE_OFFICER]),  # sees the case, manages nothing
    }
    if who != "anonymous":
        client.force_login(users[who])
    training = VocationalTrainingFactory(case=case)
    for url in (
        _url("assessment_new", case.pk),
        _url("placement_new", case.pk),
        _url("training_edit", training.pk),
        _url("training_void", training.pk),
    ):
        response = client.get(url)
        assert response.status_code in (302, 404), url
    status = client.get(_url("case", case.pk)).status_code
    assert status == (200 if who == "police" else 302 if who == "anonymous" else 404)


def test_a_vocational_centre_sees_only_its_own_trainings_through_its_referral(client, caseworker):
    centre = OrganisationFactory(name_en="Vocational centre")
    teacher = UserFactory(organisation=centre, roles=[Role.SERVICE_PROVIDER])
    referral = referred_case(office=caseworker, receiver=teacher, accepted=True)
    case = referral.case
    LivelihoodAssessmentFactory(case=case, skills="Secret skills", debt_lak=9_999_000)
    VocationalTrainingFactory(case=case, trade="Office's own course")
    client.force_login(teacher)

    response = client.post(
        _url("training_new", case.pk),
        {
            "provider": centre.pk,
            "referral": referral.pk,
            "trade": "Hairdressing",
            "started_on": "2026-11-02",
            "status": "enrolled",
        },
    )
    assert response.status_code == 302
    training = VocationalTraining.objects.get(trade="Hairdressing")
    assert (training.provider, training.referral) == (centre, referral)

    page = client.get(_url("case", case.pk)).content.decode()
    assert "Hairdressing" in page
    assert "Office's own course" not in page and "Secret skills" not in page
    assert "9,999,000" not in page and "income-chart" not in page
    case_page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "Hairdressing" in case_page and "Office's own course" not in case_page
    assert client.get(_url("assessment_new", case.pk)).status_code == 404
    assert client.get(_url("placement_new", case.pk)).status_code == 404


def test_a_receiver_cannot_name_another_provider_or_skip_its_referral(client, caseworker):
    centre = OrganisationFactory()
    teacher = UserFactory(organisation=centre, roles=[Role.SERVICE_PROVIDER])
    referral = referred_case(office=caseworker, receiver=teacher, accepted=True)
    client.force_login(teacher)
    data = {"trade": "Cooking", "started_on": "2026-11-02", "status": "enrolled"}
    forged = client.post(
        _url("training_new", referral.case.pk),
        {**data, "provider": referral.case.organisation_id, "referral": referral.pk},
    )
    no_referral = client.post(
        _url("training_new", referral.case.pk), {**data, "provider": centre.pk}
    )
    assert forged.status_code == no_referral.status_code == 200
    assert not VocationalTraining.objects.exists()


def test_a_placement_recorded_through_the_page_schedules_its_checks(client, caseworker, case):
    employer = EmployerFactory()
    client.force_login(caseworker)
    response = client.post(
        _url("placement_new", case.pk),
        {
            "employer": employer.pk,
            "position": "Cook",
            "started_on": "໐໑/໐໖/໒໐໒໖",  # Lao digits, dd/mm/yyyy
            "wage_lak": "1,800,000 ₭",
            "contract_type": "permanent",
            "has_social_security": "on",
        },
    )
    assert response.status_code == 302
    placement = JobPlacement.objects.get()
    assert (placement.started_on, placement.wage_lak) == (dt.date(2026, 6, 1), 1_800_000)
    assert RetentionCheck.objects.filter(placement=placement).count() == 3
    check = placement.checks.get(month=3)
    recorded = client.post(
        _url("retention_check", check.pk),
        {"checked_on": "2026-09-02", "still_employed": "yes", "wage_lak": "2000000"},
    )
    assert recorded.status_code == 302
    check.refresh_from_db()
    assert (check.still_employed, check.wage_lak) == (True, 2_000_000)


HOSTILE = ["-5", "1e9", "99999999999999999999", "abc", "<script>", "\x00", "໑໒.໕"]


@pytest.mark.parametrize("money", HOSTILE)
def test_hostile_money_is_refused_with_a_message_never_a_500(client, caseworker, case, money):
    client.force_login(caseworker)
    response = client.post(
        _url("placement_new", case.pk),
        {
            "employer": EmployerFactory().pk,
            "position": "Cook",
            "started_on": "2026-06-01",
            "wage_lak": money,
            "contract_type": "permanent",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["wage_lak"]
    assert not JobPlacement.objects.exists()


@pytest.mark.parametrize(
    "field,value",
    [
        ("employer", "99999999999999999999"),
        ("employer", "-1"),
        ("contract_type", "forever"),
        ("started_on", "31/02/2026"),
        ("started_on", "2026-13-01"),
    ],
)
def test_hostile_choices_and_dates_are_refused_never_a_500(client, caseworker, case, field, value):
    client.force_login(caseworker)
    data = {
        "employer": EmployerFactory().pk,
        "position": "Cook",
        "started_on": "2026-06-01",
        "wage_lak": "1000",
        "contract_type": "permanent",
        field: value,
    }
    response = client.post(_url("placement_new", case.pk), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]


def test_messages_are_in_lao(client, caseworker, case):
    client.force_login(caseworker)  # Lao is the default language
    response = client.post(
        _url("assessment_new", case.pk),
        {"assessed_on": "2030-01-01", "debt_lak": "-1"},
    )
    errors = response.context["form"].errors
    assert errors["assessed_on"] == ["ວັນທີນີ້ເປັນວັນທີໃນອະນາຄົດ."]
    assert errors["debt_lak"] == ["ຄ່ານີ້ຕ້ອງໃຫຍ່ກວ່າ ຫຼື ເທົ່າກັບ 0."]
    assert not LivelihoodAssessment.objects.exists()


def test_a_training_ending_before_it_starts_is_refused_on_the_page(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(
        _url("training_new", case.pk),
        {
            "provider": case.organisation_id,
            "trade": "Weaving",
            "started_on": "2026-06-01",
            "ended_on": "2026-05-01",
            "status": "completed",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["ended_on"]


def test_a_void_of_a_missing_record_is_the_same_404(client, caseworker):
    client.force_login(caseworker)
    assert client.get(_url("training_void", 2**40)).status_code == 404
    assert client.get(_url("placement_void", 2**31)).status_code == 404


def test_the_employer_directory_is_for_case_offices_and_kept_by_province(
    client, caseworker, elsewhere
):
    here = EmployerFactory(name="Savan Garments")
    client.force_login(caseworker)
    listing = client.get(_url("employer_list")).content.decode()
    assert "Savan Garments" in listing and _url("employer_edit", here.pk) in listing
    created = client.post(
        _url("employer_new"),
        {
            "name": "Napho Rice Mill",
            "sector": "agriculture",
            "province": here.province_id,
            "has_agreement": "on",
            "agreement_on": "2026-02-01",
            "is_active": "on",
        },
    )
    assert created.status_code == 302 and Employer.objects.filter(name="Napho Rice Mill").exists()
    client.force_login(elsewhere)
    assert client.get(_url("employer_edit", here.pk)).status_code == 404
    champasak = client.post(
        _url("employer_new"),
        {"name": "Forged", "sector": "trade", "province": here.province_id, "is_active": "on"},
    )
    assert champasak.status_code == 200 and not Employer.objects.filter(name="Forged").exists()
    client.force_login(UserFactory(roles=[Role.SERVICE_PROVIDER]))
    assert client.get(_url("employer_list")).status_code == 404


def test_the_income_is_recorded_as_a_number_at_a_follow_up_visit(client, caseworker, case):
    visit = FollowUpVisitFactory(case=case)
    client.force_login(caseworker)
    response = client.post(
        reverse("referrals:follow_up", args=[visit.pk]),
        {
            "done_on": "2026-11-20",
            "wellbeing": "good",
            "income": "fair",
            "income_lak": "໑,໒໐໐,໐໐໐",
            "education": "good",
            "safety": "good",
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.income, visit.income_lak) == ("fair", 1_200_000)


def test_a_negative_income_at_a_visit_is_refused(client, caseworker, case):
    visit = FollowUpVisitFactory(case=case)
    client.force_login(caseworker)
    response = client.post(
        reverse("referrals:follow_up", args=[visit.pk]),
        {
            "done_on": "2026-11-20",
            "wellbeing": "good",
            "income": "fair",
            "income_lak": "-100",
            "education": "good",
            "safety": "good",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["income_lak"]


def test_a_retention_check_due_is_in_the_case_workers_inbox_with_a_link(client, caseworker, case):
    from django.utils import timezone

    from pokpong.livelihoods.tests.factories import JobPlacementFactory, RetentionCheckFactory

    check = RetentionCheckFactory(
        placement=JobPlacementFactory(case=case), due_on=timezone.localdate()
    )
    client.force_login(caseworker)
    inbox = client.get(reverse("desk:inbox"))
    assert check in inbox.context["inbox"].items("retention_checks_due")
    assert _url("retention_check", check.pk) in inbox.content.decode()


def test_the_new_messages_have_their_lao_translation(client, caseworker, case):
    """The pending catalogue (locale/pending/livelihoods.po) says this in Lao once merged."""
    client.force_login(caseworker)
    response = client.post(
        _url("assessment_new", case.pk), {"assessed_on": "2026-05-04", "debt_lak": "1000"}
    )
    assert response.context["form"].errors["creditor"] == ["ກະລຸນາບອກວ່າ ເປັນໜີ້ໃຜ."]
