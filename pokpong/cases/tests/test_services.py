"""Screening outcomes for adults and children, formal identification, consent enforcement."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from pokpong.accounts.models import Role
from pokpong.accounts.policy import can_view_person
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases import services
from pokpong.cases.models import IdentificationBasis
from pokpong.cases.screening import FormVersion, indicators_for, summarise
from pokpong.core.models import AccessGrant, AuditAction, AuditEntry
from pokpong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)


def _all(answer: str, version: str = FormVersion.SHORT, skip_control: bool = False) -> dict:
    return {
        i.code: answer
        for i in indicators_for(version)
        if not (skip_control and i.is_means_of_control)
    }


def test_an_adult_screening_needs_every_question_answered(caseworker):
    adult = PersonFactory(registered_by=caseworker, birth_year=1990)
    answers = _all("no", skip_control=True)
    with pytest.raises(ValidationError):
        services.screening_record(
            user=caseworker,
            person=adult,
            version=FormVersion.SHORT,
            screened_on=TODAY,
            answers=answers,
            outcome="not_indicated",
        )
    screening = services.screening_record(
        user=caseworker,
        person=adult,
        version=FormVersion.SHORT,
        screened_on=TODAY,
        answers=_all("unknown"),
        outcome="further_assessment",
    )
    assert not screening.is_child


def test_a_child_needs_no_means_of_control(caseworker):
    child = PersonFactory(registered_by=caseworker, birth_year=2012)
    answers = _all("no", skip_control=True)
    answers.update(crossed_border="yes", forced_sex="yes")
    screening = services.screening_record(
        user=caseworker,
        person=child,
        version=FormVersion.SHORT,
        screened_on=TODAY,
        answers=answers,
        outcome="possible_victim",
    )
    assert screening.is_child
    summary = summarise(screening.answers, is_child=True)
    assert summary.elements_present  # act + exploitation suffice for a child
    adult_view = summarise(screening.answers, is_child=False)
    assert not adult_view.elements_present  # an adult would also need means of control


def test_a_person_of_unknown_age_is_screened_as_a_child(caseworker):
    person = PersonFactory(registered_by=caseworker, birth_year=None)
    assert person.is_child_on(TODAY)


def test_the_outcome_is_the_screeners_never_computed(caseworker):
    adult = PersonFactory(registered_by=caseworker, birth_year=1990)
    screening = services.screening_record(
        user=caseworker,
        person=adult,
        version=FormVersion.SHORT,
        screened_on=TODAY,
        answers=_all("yes"),
        outcome="not_indicated",
    )
    assert screening.outcome == "not_indicated"


def test_answers_outside_the_form_are_refused(caseworker):
    adult = PersonFactory(registered_by=caseworker, birth_year=1990)
    with pytest.raises(ValidationError):
        services.screening_record(
            user=caseworker,
            person=adult,
            version=FormVersion.SHORT,
            screened_on=TODAY,
            answers={**_all("no"), "recruited_online": "yes"},
            outcome="not_indicated",
        )


def test_the_police_record_their_decision_and_others_enter_it_on_written_word(caseworker):
    person = PersonFactory(registered_by=caseworker)
    police = UserFactory(roles=[Role.POLICE_OFFICER])
    data: dict[str, Any] = {
        "decision": "victim",
        "decided_on": TODAY,
        "police_unit": "ATD Savannakhet",
        "reference": "123/ATD",
    }
    assert not services.is_identified_victim(person)
    by_police = services.identification_record(
        user=police, person=person, forms_of_trafficking=[], **data
    )
    assert by_police.basis == IdentificationBasis.RECORDED_BY_POLICE
    on_word = services.identification_record(
        user=caseworker, person=person, forms_of_trafficking=[], **data
    )
    assert on_word.basis == IdentificationBasis.WRITTEN_WORD
    assert services.is_identified_victim(person)


def _consent(user, person, **extra):
    data = {
        "for_services": True,
        "for_statistics": True,
        "for_photo": False,
        "given_by": "self",
        "given_on": TODAY,
        "method": "signed_form",
        **extra,
    }
    share_with = data.pop("share_with", [])
    return services.consent_record(
        user=user, person=person, details=services.ConsentDetails(**data), share_with=share_with
    )


def test_sharing_needs_consent_naming_the_organisation(caseworker):
    person = PersonFactory(registered_by=caseworker, birth_year=1990)
    shelter_org = OrganisationFactory()
    shelter = UserFactory(organisation=shelter_org, roles=[Role.SERVICE_PROVIDER])
    with pytest.raises(ValidationError):
        services.person_share(user=caseworker, person=person, organisation=shelter_org)
    _consent(caseworker, person, share_with=[shelter_org])
    services.person_share(user=caseworker, person=person, organisation=shelter_org)
    assert can_view_person(shelter, person)
    other = OrganisationFactory()
    with pytest.raises(ValidationError):
        services.person_share(user=caseworker, person=person, organisation=other)


def test_withdrawing_consent_revokes_shares_from_then_on(caseworker):
    person = PersonFactory(registered_by=caseworker, birth_year=1990)
    shelter_org = OrganisationFactory()
    shelter = UserFactory(organisation=shelter_org, roles=[Role.SERVICE_PROVIDER])
    consent = _consent(caseworker, person, share_with=[shelter_org])
    services.person_share(user=caseworker, person=person, organisation=shelter_org)
    revoked = services.consent_withdraw(
        user=caseworker, consent=consent, withdrawn_on=TODAY, reason="Wants no contact"
    )
    assert revoked == 1
    assert not can_view_person(shelter, person)
    assert not services.consent_allows(person, purpose="services")
    assert not AccessGrant.objects.filter(revoked_at__isnull=True).exists()
    with pytest.raises(ValidationError):
        services.person_share(user=caseworker, person=person, organisation=shelter_org)
    assert AuditEntry.objects.filter(action=AuditAction.REVOKE).count() == 1


def test_a_childs_consent_comes_from_a_guardian(caseworker):
    child = PersonFactory(registered_by=caseworker, birth_year=2014)
    with pytest.raises(ValidationError):
        _consent(caseworker, child)
    with pytest.raises(ValidationError):
        _consent(caseworker, child, given_by="guardian")  # no guardian name
    consent = _consent(caseworker, child, given_by="guardian", guardian_name="ນາງ ບົວພັນ")
    assert consent.is_active


def test_verbal_consent_needs_a_witness(caseworker):
    adult = PersonFactory(registered_by=caseworker, birth_year=1990)
    with pytest.raises(ValidationError):
        _consent(caseworker, adult, method="verbal_witnessed")
    assert _consent(caseworker, adult, method="verbal_witnessed", witness_name="Keo").pk
