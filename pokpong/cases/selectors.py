"""Reads of screenings, identifications and consents, scoped through the person's visibility."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from pokpong.accounts.models import User
from pokpong.cases.models import Consent, Screening
from pokpong.core.policy import persons_visible_to
from pokpong.people.models import Person


def _visible_persons(user: User) -> QuerySet[Person]:
    return persons_visible_to(user, Person.objects.all())


def screening_get_for_user(*, user: User, pk: int) -> Screening:
    return get_object_or_404(
        Screening.objects.select_related("person", "screened_by", "organisation"),
        pk=pk,
        person__in=_visible_persons(user),
    )


def consent_get_for_user(*, user: User, pk: int) -> Consent:
    return get_object_or_404(
        Consent.objects.select_related("person"), pk=pk, person__in=_visible_persons(user)
    )


def person_case_records(*, person: Person) -> dict[str, Any]:
    """A person's screenings, identifications and consents, for their page (already authorised)."""
    return {
        "screenings": person.screenings.select_related("screened_by").order_by("-screened_on"),
        "identifications": person.identifications.prefetch_related("forms_of_trafficking"),
        "consents": person.consents.prefetch_related("share_with").order_by("-given_on"),
    }
