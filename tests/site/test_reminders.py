"""The daily reminders: one e-mail per user, built from every app's inbox sections."""

import pytest
from django.core import mail
from django.core.management import call_command

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.desk.reminders import reminders_send
from pokpong.prevention import services as prevention_services
from pokpong.prevention.tests.factories import national_counsellor, potential_case_call
from pokpong.referrals.tests.factories import referred_case

pytestmark = pytest.mark.django_db


def test_reminders_are_mailed_in_the_users_language_without_personal_data(caseworker):
    shelter = UserFactory(
        username="shelter",
        organisation=OrganisationFactory(name_en="New Hope Shelter"),
        roles=[Role.SERVICE_PROVIDER],
        email="shelter@example.la",
        preferred_language="lo",
    )
    case = referred_case(
        office=caseworker, receiver=shelter, message="Needs a bed tonight", birth_year=1995
    ).case
    assert reminders_send() == 1
    message = mail.outbox[0]
    assert message.to == ["shelter@example.la"]
    assert any("\u0e80" <= ch <= "\u0eff" for ch in str(message.subject))  # in Lao
    assert case.person.given_name_latin not in message.body
    assert case.person.given_name_lo not in message.body


def test_the_reminder_command_queues_the_task(capsys, caseworker):
    call_command("send_reminders")
    assert "queued" in capsys.readouterr().out


def test_the_daily_reminder_tells_the_office_of_a_waiting_potential_case(caseworker, mailoutbox):
    from django.utils import translation

    counsellor = national_counsellor()
    call = potential_case_call(
        counsellor, summary="Daughter in Thailand, no contact for three months", birth_year=2008
    )
    caseworker.email, caseworker.preferred_language = "vanh@example.org", "en"
    caseworker.save()
    prevention_services.call_refer(
        user=counsellor,
        call=call,
        to_organisation=caseworker.organisation,
        urgency="urgent",
        caller_agreed=True,
    )
    with translation.override("en"):
        assert reminders_send() == 1
    body = mailoutbox[0].body
    assert "1 potential case from the hotline to answer" in body
    assert "Keomany" not in body and "Thailand" not in body  # no personal data in e-mail
