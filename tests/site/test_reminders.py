# ruff: noqa: F811  (the fixtures imported from the apps' tests are redefined as parameters)
"""The daily reminders: one e-mail per user, built from every app's inbox sections."""

import pytest
from django.core import mail
from django.core.management import call_command

from pokpong.desk.reminders import reminders_send
from pokpong.prevention.tests.test_call_referral import _refer as _refer_call
from pokpong.prevention.tests.test_call_referral import call, counsellor  # noqa: F401 (fixtures)
from pokpong.referrals.tests.test_services import (  # noqa: F401 (fixtures)
    _consent,
    _refer,
    case,
    shelter,
    shelter_org,
)

pytestmark = pytest.mark.django_db


def test_reminders_are_mailed_in_the_users_language_without_personal_data(
    caseworker, case, shelter, shelter_org
):
    _consent(caseworker, case.person, [shelter_org])
    _refer(caseworker, case, shelter_org)
    shelter.preferred_language = "lo"
    shelter.save()
    assert reminders_send() == 1
    message = mail.outbox[0]
    assert message.to == ["shelter@example.la"]
    assert any("\u0e80" <= ch <= "\u0eff" for ch in str(message.subject))  # in Lao
    assert case.person.given_name_latin not in message.body
    assert case.person.given_name_lo not in message.body


def test_the_reminder_command_queues_the_task(capsys, caseworker):
    call_command("send_reminders")
    assert "queued" in capsys.readouterr().out


def test_the_daily_reminder_tells_the_office_of_a_waiting_potential_case(
    counsellor, call, caseworker, mailoutbox
):
    from django.utils import translation

    caseworker.email, caseworker.preferred_language = "vanh@example.org", "en"
    caseworker.save()
    _refer_call(counsellor, call, caseworker.organisation)
    with translation.override("en"):
        assert reminders_send() == 1
    body = mailoutbox[0].body
    assert "1 potential case from the hotline to answer" in body
    assert "Keomany" not in body and "Thailand" not in body  # no personal data in e-mail
