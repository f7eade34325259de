"""The sync of records made offline: the online forms, services and policy; idempotent by the
phone's id; errors and possible duplicates come back; a visit to a changed case is kept aside."""

import json
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext, override

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.cases.models import Screening
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.offline.models import OfflineSubmission, SubmissionStatus
from pokpong.offline.sync import visit_stamp
from pokpong.people.models import Person
from pokpong.people.tests.factories import ArrivalGroupFactory, PersonFactory
from pokpong.referrals.models import FollowUpVisit
from pokpong.referrals.tests.factories import FollowUpVisitFactory

pytestmark = pytest.mark.django_db
URL = "/offline/sync/"
NOY = {"given_name_lo": "ນ້ອຍ", "family_name_lo": "ແກ້ວມະນີ", "sex": "female", "birth_year": "1999"}
SHORT = {
    "crossed_border": "yes",
    "moved_by_others": "yes",
    "recruited_by_broker": "no",
    "job_different": "yes",
    "pay_withheld": "yes",
    "forced_sex": "declined",
    "forced_crime": "no",
    "could_not_leave": "yes",
    "documents_taken": "unknown",
    "debt": "no",
    "threatened": "no",
    "physical_violence": "no",
    "under_18_at_recruitment": "no",
}
SCREENING = {
    "screened_on": "20/11/2026",
    "outcome": "possible_victim",
    **{f"q_{code}": answer for code, answer in SHORT.items()},
}
VISIT = {
    "done_on": "21/11/2026",
    "wellbeing": "good",
    "income": "fair",
    "education": "fair",
    "safety": "good",
}


def _send(client, kind, fields, client_id=None, **envelope):
    body = {"client_id": str(client_id or uuid.uuid4()), "kind": kind, "fields": fields}
    return client.post(URL, json.dumps({**body, **envelope}), content_type="application/json")


@pytest.fixture
def signed_in(client, caseworker):
    client.force_login(caseworker)
    return client


def test_a_registration_is_created_once_however_often_it_is_sent(signed_in, caseworker):
    group = ArrivalGroupFactory(created_by=caseworker)
    client_id = uuid.uuid4()
    first = _send(signed_in, "person", NOY, client_id, arrival_group=group.pk)
    assert first.status_code == 201
    person = Person.objects.get()
    assert first.json() == {
        "status": "created",
        "code": person.code,
        "url": reverse("people:detail", args=[person.pk]),
    }
    assert person.arrival_group == group
    assert person.registered_by == caseworker
    again = _send(signed_in, "person", NOY, client_id, arrival_group=group.pk)
    assert again.status_code == 200
    assert again.json() == {"status": "created", "code": person.code, "repeat": True}
    assert Person.objects.count() == 1
    assert OfflineSubmission.objects.get().object_id == person.pk
    created = AuditEntry.objects.filter(action=AuditAction.CREATE, object_type="people.person")
    assert created.count() == 1  # audited as the online registration is


def test_a_record_failing_validation_comes_back_with_the_forms_messages(signed_in):
    response = _send(signed_in, "person", {"given_name_lo": "ນ້ອຍ", "birth_year": "3000"})
    assert response.status_code == 422
    errors = response.json()["errors"]
    with override("lo"):
        assert errors["sex"] == [gettext("Choose the person's sex.")]
    assert "birth_year" in errors
    assert not Person.objects.exists()
    assert not OfflineSubmission.objects.exists()  # corrected, it is sent again with its id


def test_a_possible_duplicate_is_flagged_not_created_unless_confirmed(signed_in):
    assert _send(signed_in, "person", NOY).status_code == 201
    client_id = uuid.uuid4()
    flagged = _send(signed_in, "person", NOY, client_id)
    assert flagged.status_code == 409
    existing = Person.objects.get()
    assert flagged.json()["status"] == "duplicate"
    assert any(existing.code in label for label in flagged.json()["candidates"])
    assert Person.objects.count() == 1
    confirmed = _send(signed_in, "person", {**NOY, "add_anyway": True}, client_id)
    assert confirmed.status_code == 201
    assert Person.objects.count() == 2


def test_a_screening_names_a_person_registered_offline_by_the_phones_id(signed_in):
    person_id = uuid.uuid4()
    waiting = _send(signed_in, "screening", SCREENING, person_ref=str(person_id))
    assert waiting.json()["status"] == "waiting"
    _send(signed_in, "person", NOY, person_id)
    screening_id = uuid.uuid4()
    done = _send(signed_in, "screening", SCREENING, screening_id, person_ref=str(person_id))
    assert done.status_code == 201, done.json()
    screening = Screening.objects.get()
    assert screening.person == Person.objects.get()
    assert screening.answers["crossed_border"] == "yes"
    _send(signed_in, "screening", SCREENING, screening_id, person_ref=str(person_id))
    assert Screening.objects.count() == 1


def test_a_screening_by_person_code_is_refused_for_a_person_out_of_reach(signed_in, caseworker):
    mine = PersonFactory(registered_by=caseworker)
    assert _send(signed_in, "screening", SCREENING, person_code=mine.code).status_code == 201
    refused = _send(signed_in, "screening", SCREENING, person_code="P-NOT-THERE")
    assert refused.status_code == 404
    assert refused.json() == {"status": "refused"}


def test_a_user_who_may_not_register_cannot_sync_a_registration(client):
    shelter = UserFactory(roles=[Role.SERVICE_PROVIDER])  # screens, never registers
    client.force_login(shelter)
    response = _send(client, "person", NOY)
    assert response.status_code == 404
    assert not Person.objects.exists()


def test_a_user_who_does_not_work_offline_gets_the_same_404_for_every_page(client):
    trainer = UserFactory(roles=[Role.TRAINER])
    client.force_login(trainer)
    assert client.get("/offline/").status_code == 404
    assert _send(client, "person", NOY).status_code == 404


def test_another_users_record_id_answers_refused_not_its_result(signed_in, client):
    client_id = uuid.uuid4()
    _send(signed_in, "person", NOY, client_id)
    other = Client()
    other.force_login(UserFactory(username="noy", roles=[Role.CASE_WORKER]))
    response = _send(other, "person", NOY, client_id)
    assert response.status_code == 404
    assert "code" not in response.json()


def test_a_visit_to_an_unchanged_case_is_recorded(signed_in, caseworker):
    visit = FollowUpVisitFactory(case__person__registered_by=caseworker)
    response = _send(signed_in, "follow_up", VISIT, visit=visit.pk, base=visit_stamp(visit))
    assert response.status_code == 201, response.json()
    visit.refresh_from_db()
    assert visit.wellbeing == "good"
    assert visit.visited_by == caseworker


def test_a_visit_to_a_case_changed_meanwhile_is_kept_beside_it_and_resolved_by_a_person(
    signed_in, caseworker
):
    visit = FollowUpVisitFactory(case__person__registered_by=caseworker)
    seen = visit_stamp(visit)
    online = {**VISIT, "wellbeing": "poor"}
    signed_in.post(reverse("referrals:follow_up", args=[visit.pk]), online)  # the online change
    response = _send(signed_in, "follow_up", VISIT, visit=visit.pk, base=seen)
    assert response.status_code == 202
    assert response.json()["status"] == "conflict"
    visit.refresh_from_db()
    assert visit.wellbeing == "poor"  # never overwritten
    kept = OfflineSubmission.objects.get(status=SubmissionStatus.CONFLICT)
    assert json.loads(kept.payload)["wellbeing"] == "good"
    inbox = signed_in.get(reverse("desk:inbox")).content.decode()
    assert reverse("offline:conflict_resolve", args=[kept.pk]) in inbox
    page = signed_in.get(reverse("offline:conflict_resolve", args=[kept.pk]))
    assert page.status_code == 200
    resolved = signed_in.post(
        reverse("offline:conflict_resolve", args=[kept.pk]), {"resolution": "added"}
    )
    assert resolved.status_code == 302
    visits = visit.case.follow_ups.order_by("pk")
    assert [v.wellbeing for v in visits] == ["poor", "good"]  # both kept
    kept.refresh_from_db()
    assert kept.status == SubmissionStatus.RESOLVED
    assert kept.payload == ""


def test_a_conflict_is_hidden_from_another_office(client, caseworker):
    visit = FollowUpVisitFactory(case__person__registered_by=caseworker)
    kept = OfflineSubmission.objects.create(
        client_id=uuid.uuid4(),
        user=caseworker,
        kind="follow_up",
        status=SubmissionStatus.CONFLICT,
        visit=visit,
        payload=json.dumps({**VISIT, "done_on": "2026-11-21"}),
    )
    client.force_login(UserFactory(username="elsewhere", roles=[Role.POLICE_OFFICER]))
    assert client.get(reverse("offline:conflict_resolve", args=[kept.pk])).status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"[]",
        b"null",
        b'{"client_id": "x", "kind": "person"}',
        b'{"client_id": "6f1c1f4e-0000-4000-8000-000000000000", "kind": "nope"}',
        b'{"client_id": "6f1c1f4e-0000-4000-8000-000000000000", "kind": "person", "fields": []}',
        b'{"client_id": "6f1c1f4e-0000-4000-8000-000000000000", "kind": "person",'
        b' "fields": {"sex": {"a": 1}}}',
        b'{"client_id": "6f1c1f4e-0000-4000-8000-000000000000", "kind": "follow_up",'
        b' "visit": "99999999999999999999", "fields": {}}',
        b'{"client_id": "6f1c1f4e-0000-4000-8000-000000000000", "kind": "screening",'
        b' "person_code": "\\u0000", "fields": {"screened_on": "99/99/9999"}}',
        b"[" * 5000 + b"]" * 5000,
        '{"kind": "person", "fields": {"given_name_lo": "ນ້ອຍ"}}'.encode("utf-16"),
    ],
)
def test_hostile_json_never_answers_a_server_error(signed_in, body):
    response = signed_in.post(URL, body, content_type="application/json")
    assert response.status_code in {400, 404, 409, 422}


def test_a_sync_without_the_csrf_token_is_refused(caseworker):
    client = Client(enforce_csrf_checks=True)
    client.force_login(caseworker)
    assert _send(client, "person", NOY).status_code == 403
    token = client.get(URL).json()["csrf"]
    body = json.dumps({"client_id": str(uuid.uuid4()), "kind": "person", "fields": NOY})
    response = client.post(URL, body, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201


@pytest.mark.parametrize("payload", ["not json", "[]", '{"wellbeing": "good"}', '{"done_on": 5}'])
def test_a_kept_visit_that_cannot_be_read_is_shown_as_such_and_can_only_be_dropped(
    signed_in, caseworker, payload
):
    visit = FollowUpVisitFactory(case__person__registered_by=caseworker)
    kept = OfflineSubmission.objects.create(
        client_id=uuid.uuid4(),
        user=caseworker,
        kind="follow_up",
        status=SubmissionStatus.CONFLICT,
        visit=visit,
        payload=payload,
    )
    url = reverse("offline:conflict_resolve", args=[kept.pk])
    with override("lo"):
        unreadable = gettext("The visit made offline cannot be read: keep the recorded visit.")
    page = signed_in.get(url)
    assert page.status_code == 200
    assert unreadable in page.content.decode()
    refused = signed_in.post(url, {"resolution": "added"})
    assert refused.status_code == 200
    assert unreadable in refused.content.decode()
    assert visit.case.follow_ups.count() == 1
    assert signed_in.post(url, {"resolution": "dropped"}).status_code == 302
    kept.refresh_from_db()
    assert kept.status == SubmissionStatus.RESOLVED


def test_the_kept_visit_shows_labels_not_codes(signed_in, caseworker):
    visit = FollowUpVisitFactory(case__person__registered_by=caseworker)
    kept = OfflineSubmission.objects.create(
        client_id=uuid.uuid4(),
        user=caseworker,
        kind="follow_up",
        status=SubmissionStatus.CONFLICT,
        visit=visit,
        payload=json.dumps({**VISIT, "done_on": "2026-11-21", "wellbeing": "poor"}),
    )
    page = signed_in.get(reverse("offline:conflict_resolve", args=[kept.pk])).content.decode()
    with override("lo"):
        poor = str(dict(FollowUpVisit._meta.get_field("wellbeing").choices)["poor"])
    assert poor in page
    assert ">poor<" not in page
