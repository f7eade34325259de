"""An emergency referral is mailed to the receiving organisation at once, in each one's language,
without personal data; other urgencies wait for the daily digest."""

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.referrals import services
from pokpong.referrals.alerts import emergency_referral_alert_send
from pokpong.referrals.models import ServiceType
from pokpong.referrals.tests.factories import consented_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelter_org():
    return OrganisationFactory(name_en="New Hope Shelter")


@pytest.fixture
def case(caseworker, shelter_org):
    return consented_case(office=caseworker, share_with=[shelter_org])


def _refer(user, case, org, urgency):
    return services.referral_create(
        user=user,
        case=case,
        to_organisation=org,
        service_type=ServiceType.objects.get(code="shelter"),
        urgency=urgency,
        message="Needs a bed tonight",
    )


def test_an_emergency_referral_mails_the_receivers_at_once_in_their_language(
    caseworker, case, shelter_org, django_capture_on_commit_callbacks
):
    UserFactory(
        organisation=shelter_org,
        roles=[Role.SERVICE_PROVIDER],
        email="lao@example.la",
        preferred_language="lo",
    )
    UserFactory(
        organisation=shelter_org,
        roles=[Role.SERVICE_PROVIDER],
        email="en@example.la",
        preferred_language="en",
    )
    UserFactory(organisation=shelter_org, roles=[Role.SERVICE_PROVIDER], email="")
    UserFactory(roles=[Role.SERVICE_PROVIDER], email="elsewhere@example.la")

    with django_capture_on_commit_callbacks(execute=True):
        referral = _refer(caseworker, case, shelter_org, "emergency")

    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"lao@example.la", "en@example.la"}
    english = by_address["en@example.la"]
    assert "emergency referral" in english.subject
    assert f"/referrals/{referral.pk}/" in english.body
    with translation.override("lo"):
        lao_line = gettext("This message contains no personal data. Sign in to see the details.")
    assert lao_line in by_address["lao@example.la"].body
    assert lao_line not in english.body
    for message in mail.outbox:  # no personal data: neither the name, the case nor the message
        assert "Souksavanh" not in message.body
        assert "ສຸກສະຫວັນ" not in message.body
        assert case.number not in message.body
        assert "bed tonight" not in message.body


def test_an_urgent_referral_waits_for_the_daily_digest(
    caseworker, case, shelter_org, django_capture_on_commit_callbacks
):
    UserFactory(organisation=shelter_org, roles=[Role.SERVICE_PROVIDER], email="s@example.la")
    with django_capture_on_commit_callbacks(execute=True):
        _refer(caseworker, case, shelter_org, "urgent")
    assert mail.outbox == []


def test_an_emergency_referral_answered_before_the_worker_runs_is_not_mailed(
    caseworker, case, shelter_org
):
    UserFactory(organisation=shelter_org, roles=[Role.SERVICE_PROVIDER], email="s@example.la")
    referral = _refer(caseworker, case, shelter_org, "emergency")
    referral.status = "accepted"
    referral.save(update_fields=["status"])
    assert emergency_referral_alert_send(referral_id=referral.pk) == 0
    assert emergency_referral_alert_send(referral_id=referral.pk + 1000) == 0
