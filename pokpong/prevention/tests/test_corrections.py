"""Correcting prevention records: edit pages, voiding, counts that leave voided records out."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.core.models import AuditEntry
from pokpong.prevention import selectors, services
from pokpong.prevention.models import AwarenessActivity, CallTopic, HotlineCall
from pokpong.prevention.tests.factories import (
    AwarenessActivityFactory,
    HotlineCallFactory,
    RiskAssessmentFactory,
)

pytestmark = pytest.mark.django_db


def _details(activity, **extra):
    values = {name: getattr(activity, name) for name in services.ACTIVITY_FIELDS}
    return services.ActivityDetails(**{**values, **extra})


def test_correcting_an_activity_audits_the_difference():
    activity = AwarenessActivityFactory()
    user = activity.recorded_by
    services.activity_update(user=user, activity=activity, details=_details(activity, girls=20))
    activity.refresh_from_db()
    assert activity.girls == 20
    entry = AuditEntry.objects.filter(object_id=str(activity.pk), action="update").get()
    assert entry.changes == {"girls": [12, 20]}


def test_another_office_cannot_correct_an_activity():
    activity = AwarenessActivityFactory()
    other = UserFactory(organisation__province=activity.province, roles=[Role.PREVENTION_OFFICER])
    with pytest.raises(PermissionDenied):
        services.activity_update(user=other, activity=activity, details=_details(activity))
    with pytest.raises(PermissionDenied):
        services.activity_void(user=other, activity=activity, reason="twice")


def test_a_voided_activity_is_kept_audited_and_not_counted():
    activity = AwarenessActivityFactory()
    AwarenessActivityFactory(recorded_by=activity.recorded_by)
    user = activity.recorded_by
    services.activity_void(user=user, activity=activity, reason="Entered twice")
    listed = selectors.activity_list_for_user(user=user, filters={}, with_voided=True)
    assert listed.count() == 2  # still listed, struck through
    assert selectors.activity_totals(listed)["activities"] == 1
    assert AwarenessActivity.objects.count() == 1
    assert AwarenessActivity.all_objects.get(pk=activity.pk).void_reason == "Entered twice"
    entry = AuditEntry.objects.filter(object_id=str(activity.pk), action="update").get()
    assert entry.extra == {"voided": True}


def test_voiding_needs_a_reason_and_happens_once():
    activity = AwarenessActivityFactory()
    user = activity.recorded_by
    with pytest.raises(ValidationError):
        services.activity_void(user=user, activity=activity, reason="  ")
    services.activity_void(user=user, activity=activity, reason="mistake")
    with pytest.raises(ValidationError):
        services.activity_void(user=user, activity=activity, reason="again")
    with pytest.raises(ValidationError):
        services.activity_update(user=user, activity=activity, details=_details(activity))


def test_a_voided_call_is_not_counted_by_topic():
    call = HotlineCallFactory(topic=CallTopic.MISSING_PERSON)
    HotlineCallFactory(taken_by=call.taken_by, topic=CallTopic.INFORMATION)
    services.call_void(user=call.taken_by, call=call, reason="test call")
    calls = selectors.call_list_for_user(user=call.taken_by, with_voided=True)
    assert [n for _label, n in selectors.call_totals(calls)] == [1]


def test_a_voided_assessment_leaves_the_default_list():
    assessment = RiskAssessmentFactory()
    user = assessment.assessed_by
    services.assessment_void(user=user, assessment=assessment, reason="wrong village")
    assert not selectors.assessment_list_for_user(user=user).exists()
    assert selectors.assessment_list_for_user(user=user, with_voided=True).count() == 1


def test_correcting_an_assessment_scores_it_again():
    assessment = RiskAssessmentFactory()
    answers = dict.fromkeys(assessment.answers, 2)
    services.assessment_update(
        user=assessment.assessed_by,
        assessment=assessment,
        province=assessment.province,
        village="Ban Done",
        assessed_on=assessment.assessed_on,
        answers=answers,
    )
    assessment.refresh_from_db()
    assert (assessment.village, assessment.score, assessment.risk_level) == (
        "Ban Done",
        sum(answers.values()),
        "high",
    )


def test_a_call_page_shows_the_call_and_audits_the_view(client):
    call = HotlineCallFactory()
    client.force_login(call.taken_by)
    response = client.get(reverse("prevention:call_detail", args=[call.pk]))
    assert response.status_code == 200
    assert "Daughter in Thailand" in response.text
    assert AuditEntry.objects.filter(action="view", object_id=str(call.pk)).exists()
    assert reverse("prevention:call_edit", args=[call.pk]) in response.text


def test_a_call_is_corrected_through_its_edit_page(client):
    call = HotlineCallFactory()
    client.force_login(call.taken_by)
    url = reverse("prevention:call_edit", args=[call.pk])
    assert client.get(url).status_code == 200
    data = {
        "received_at": call.received_at.strftime("%Y-%m-%d %H:%M"),
        "channel": call.channel,
        "caller_type": call.caller_type,
        "topic": CallTopic.SAFE_MIGRATION,
        "province": call.province_id or "",
        "summary": "Corrected summary",
        "outcome": call.outcome,
    }
    response = client.post(url, data)
    assert response.status_code == 302
    call.refresh_from_db()
    assert (call.topic, call.summary) == (CallTopic.SAFE_MIGRATION, "Corrected summary")


def test_a_potential_case_call_stays_one():
    call = HotlineCallFactory(potential_case=True)
    details = services.CallDetails(
        received_at=call.received_at,
        channel=call.channel,
        caller_type=call.caller_type,
        topic=call.topic,
        outcome="informed",
    )
    with pytest.raises(ValidationError):
        services.call_update(user=call.taken_by, call=call, details=details)


def test_another_hotline_gets_the_same_404_for_a_call(client):
    call = HotlineCallFactory()
    other = HotlineCallFactory().taken_by
    client.force_login(other)
    for name in ("call_detail", "call_edit"):
        assert client.get(reverse(f"prevention:{name}", args=[call.pk])).status_code == 404
    response = client.post(reverse("prevention:call_void", args=[call.pk]), {"reason": "x"})
    assert response.status_code == 404
    assert HotlineCall.objects.filter(pk=call.pk).exists()


def test_voiding_an_activity_from_its_page_drops_it_from_the_count(client):
    activity = AwarenessActivityFactory()
    client.force_login(activity.recorded_by)
    url = reverse("prevention:activity_void", args=[activity.pk])
    response = client.post(url, {"reason": "Entered twice"})
    assert response.status_code == 302
    page = client.get(reverse("prevention:activity_list"))
    assert page.context["totals"]["activities"] == 0
    assert 'class="voided"' in page.text
