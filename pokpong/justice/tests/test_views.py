"""The justice pages: the main path, messages in Lao, and no 500 whatever is posted."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.cases.tests.factories import CaseFactory
from pokpong.core.models import AuditEntry
from pokpong.justice.models import Hearing, JusticeFile, Suspect, Verdict, WitnessSupport
from pokpong.justice.tests.factories import (
    HearingFactory,
    JusticeFileFactory,
    SuspectFactory,
    law_article,
)
from pokpong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
PAGES = ("file_edit", "suspect_add", "charge_add", "hearing_add", "verdict_add", "witness_edit")


@pytest.fixture
def case(caseworker):
    return CaseFactory(person=PersonFactory(registered_by=caseworker))


@pytest.fixture
def police(client):
    user = UserFactory(username="police", roles=[Role.POLICE_OFFICER])
    client.force_login(user)
    return user


def _url(name, case):
    return reverse(f"justice:{name}", args=[case.pk])


def test_the_police_record_a_complaint_a_suspect_a_charge_and_a_hearing(client, police, case):
    response = client.post(
        _url("file_edit", case),
        {
            "complaint_filed_on": "01/10/2026",
            "complaint_place": "ປກສ ແຂວງສະຫວັນນະເຂດ",
            "investigation_status": "investigating",
            "investigation_opened_on": "2026-10-05",
        },
    )
    assert response.status_code == 302
    file = JusticeFile.objects.get(case=case)
    assert file.complaint_filed_on == dt.date(2026, 10, 1)
    client.post(
        _url("suspect_add", case),
        {"name": "ນາງ ແສງດາວ", "role": "broker", "relationship": "acquaintance"},
    )
    suspect = Suspect.objects.get(file=file)
    client.post(
        _url("charge_add", case),
        {"suspect": suspect.pk, "article": law_article().pk, "charged_on": "20/10/2026"},
    )
    assert file.charges.get().suspect == suspect
    day = timezone.localdate() + dt.timedelta(days=5)
    client.post(
        _url("hearing_add", case),
        {"court": "ສານປະຊາຊົນແຂວງ", "day": day.isoformat(), "time": "09:30", "kind": "trial"},
    )
    hearing = Hearing.objects.get(file=file)
    assert timezone.localtime(hearing.starts_at).time() == dt.time(9, 30)
    page = client.get(_url("file_detail", case)).content.decode()
    assert "ນາງ ແສງດາວ" in page and "ສານປະຊາຊົນແຂວງ" in page


def test_a_verdict_and_compensation_through_the_pages(client, police, case):
    file = JusticeFileFactory(case=case)
    suspect = SuspectFactory(file=file)
    response = client.post(
        _url("verdict_add", case),
        {
            "suspect": suspect.pk,
            "decided_on": "10/11/2026",
            "court": "ສານ",
            "outcome": "convicted",
            "prison_years": "໕",  # Lao digits
            "fine_lak": "10000000",
        },
    )
    assert response.status_code == 302
    assert Verdict.objects.get().prison_years == 5
    client.post(
        _url("witness_edit", case),
        {
            "has_legal_aid": "on",
            "compensation_awarded_lak": "20000000",
            "awarded_on": "10/11/2026",
            "compensation_paid_lak": "5000000",
            "paid_on": "12/11/2026",
        },
    )
    assert WitnessSupport.objects.get().compensation_outstanding_lak == 15_000_000
    assert "15000000" in client.get(_url("file_detail", case)).content.decode()


def test_negative_money_and_bad_dates_are_refused_in_lao(client, police, case):
    response = client.post(
        _url("witness_edit", case),
        {"compensation_claimed_lak": "-5", "claimed_on": "32/13/2026"},
        HTTP_ACCEPT_LANGUAGE="en",  # ignored: Lao first
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "ຄ່ານີ້ຕ້ອງໃຫຍ່ກວ່າ ຫຼື ເທົ່າກັບ 0." in text
    assert "ກະລຸນາປ້ອນວັນທີໃຫ້ຖືກຕ້ອງ." in text
    assert not WitnessSupport.objects.exists()


def test_a_date_in_the_future_is_refused_with_a_message(client, police, case):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    data = {"complaint_filed_on": tomorrow.isoformat(), "investigation_status": "not_started"}
    response = client.post(_url("file_edit", case), data)
    assert response.status_code == 200
    with translation.override("lo"):
        assert translation.gettext("This date is in the future.") in response.content.decode()
    assert not JusticeFile.objects.filter(complaint_filed_on=tomorrow).exists()


def test_more_paid_than_awarded_is_refused_on_the_page(client, police, case):
    response = client.post(
        _url("witness_edit", case),
        {
            "compensation_awarded_lak": "100",
            "awarded_on": "01/11/2026",
            "compensation_paid_lak": "200",
            "paid_on": "02/11/2026",
        },
    )
    assert response.status_code == 200
    assert not WitnessSupport.objects.exists()


def test_a_suspect_of_another_case_is_not_a_choice(client, police, case):
    stranger = SuspectFactory()
    response = client.post(
        _url("charge_add", case),
        {"suspect": stranger.pk, "article": law_article().pk, "charged_on": "01/11/2026"},
    )
    assert response.status_code == 200
    assert not stranger.file.charges.exists()


HOSTILE = [
    {"prison_years": "9" * 40, "fine_lak": "9" * 40, "compensation_paid_lak": "1e99"},
    {"suspect": "9" * 30, "article": "-1", "nationality": "x' OR 1=1", "legal_aid_by": "9" * 25},
    {"name": "\x00", "court": "ສ" * 5000, "complaint_place": "a" * 500, "time": "25:99"},
    {"day": "9999-99-99", "decided_on": "0000-00-00", "charged_on": "໓໒/໑໓/໒໐໒໖"},
    {"outcome": "pardoned", "kind": "<script>", "role": "", "investigation_status": "won"},
    {"prison_months": "12", "reflection_days": "-1", "is_appealed": "maybe", "appealed_on": "x"},
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("data", HOSTILE)
def test_no_input_answers_500(client, police, case, page, data):
    response = client.post(_url(page, case), data)
    assert response.status_code in (200, 302)


def test_prison_months_of_a_year_or_more_are_refused(client, police, case):
    response = client.post(
        _url("verdict_add", case),
        {"decided_on": "10/11/2026", "court": "ສານ", "outcome": "convicted", "prison_months": "12"},
    )
    assert response.status_code == 200
    assert not Verdict.objects.exists()


def test_a_sentence_for_an_acquittal_is_refused(client, police, case):
    response = client.post(
        _url("verdict_add", case),
        {"decided_on": "10/11/2026", "court": "ສານ", "outcome": "acquitted", "prison_years": "2"},
    )
    assert response.status_code == 200
    assert not Verdict.objects.exists()


def test_a_suspect_arrested_later_and_what_happened_at_a_hearing(client, police, case):
    file = JusticeFileFactory(case=case)
    suspect = SuspectFactory(file=file, is_arrested=False)
    url = reverse("justice:suspect_edit", args=[suspect.pk])
    page = client.get(url)
    assert suspect.name in page.content.decode()
    assert AuditEntry.objects.filter(
        action="view", object_type="justice.suspect", object_id=str(suspect.pk)
    ).exists()
    client.post(url, {"name": suspect.name, "role": "recruiter", "is_arrested": "on"})
    suspect.refresh_from_db()
    assert suspect.is_arrested
    change = AuditEntry.objects.get(action="update", object_type="justice.suspect")
    assert change.changes == {"is_arrested": [False, True]}
    hearing = HearingFactory(file=file)
    local = timezone.localtime(hearing.starts_at)
    client.post(
        reverse("justice:hearing_edit", args=[hearing.pk]),
        {
            "court": hearing.court,
            "day": local.date().isoformat(),
            "time": "14:00",
            "kind": "trial",
            "outcome_note": "ເລື່ອນໄປອາທິດໜ້າ",
        },
    )
    hearing.refresh_from_db()
    assert hearing.outcome_note == "ເລື່ອນໄປອາທິດໜ້າ"
    assert timezone.localtime(hearing.starts_at).time() == dt.time(14, 0)
