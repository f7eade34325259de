"""Printouts that involve a referral: the referral letter, and a receiver's case summary."""

import pytest
from django.urls import reverse
from django.utils import timezone

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.cases import services
from pokpong.cases.tests.test_printouts import _text, _viewed, _weasyprint  # noqa: F401
from pokpong.referrals.tests.factories import referred_case

pytestmark = pytest.mark.django_db


def test_a_receivers_case_summary_holds_the_consented_part_only(client):
    receiver = UserFactory(roles=[Role.SERVICE_PROVIDER])
    referral = referred_case(receiver=receiver, accepted=True)
    client.force_login(receiver)
    text = _text(client.get(reverse("cases:case_summary_pdf", args=[referral.case.pk])))
    assert referral.case.number in text
    assert "details" not in _viewed(referral.case).extra["fields"]


def test_the_referral_letter_carries_the_person_only_as_far_as_consent_goes(client):
    office = UserFactory(roles=[Role.CASE_WORKER])
    referral = referred_case(
        office=office, given_name_lo="", family_name_lo="", given_name_latin="Noyxay"
    )
    client.force_login(office)
    url = reverse("referrals:referral_letter_pdf", args=[referral.pk])
    text = _text(client.get(url))
    assert referral.case.number in text and "Noyxay" in text and "ສາທາລະນະລັດ" in text
    assert _viewed(referral).extra["fields"] == ["case", "message", "person"]
    consent = referral.case.person.consents.get()
    services.consent_withdraw(
        user=office, consent=consent, withdrawn_on=timezone.localdate(), reason="Changed mind"
    )
    text = _text(client.get(url))
    assert referral.case.number in text and "Noyxay" not in text
    assert _viewed(referral).extra["fields"] == ["case", "message"]


def test_the_receiver_does_not_print_the_referral_letter(client):
    receiver = UserFactory(roles=[Role.SERVICE_PROVIDER])
    referral = referred_case(receiver=receiver, accepted=True)
    client.force_login(receiver)
    url = reverse("referrals:referral_letter_pdf", args=[referral.pk])
    assert client.get(url).status_code == 404
