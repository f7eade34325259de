"""Reads of screenings, identifications and consents, scoped through the person's visibility."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from pokpong.accounts.models import User
from pokpong.cases.models import Consent, Screening
from pokpong.core.policy import persons_visible_to
from pokpong.people.models import Person


def _visible_persons(user: User) -> QuerySet[Person]:
    return persons_visible_to(user, Person.objects.all())


def screening_get_for_user(*, user: User, pk: int) -> Screening:
    try:
        return Screening.objects.select_related("person", "screened_by", "organisation").get(
            pk=pk, person__in=_visible_persons(user)
        )
    except Screening.DoesNotExist:
        raise Http404 from None


def consent_get_for_user(*, user: User, pk: int) -> Consent:
    try:
        return Consent.objects.select_related("person").get(
            pk=pk, person__in=_visible_persons(user)
        )
    except Consent.DoesNotExist:
        raise Http404 from None


def person_case_records(*, person: Person) -> dict[str, Any]:
    """A person's screenings, identifications and consents, for their page (already authorised)."""
    return {
        "screenings": person.screenings.select_related("screened_by").order_by("-screened_on"),
        "identifications": person.identifications.prefetch_related("forms_of_trafficking"),
        "consents": person.consents.prefetch_related("share_with").order_by("-given_on"),
    }
