"""Reads of persons and arrival groups, always scoped to the user by the access policy."""

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from pokpong.accounts.models import User
from pokpong.accounts.policy import can_work_with_persons, persons_visible_to
from pokpong.core.lao import lao_sort_key
from pokpong.people.models import ArrivalGroup, Person
from pokpong.people.services import PersonDetails


def person_list_for_user(*, user: User) -> QuerySet[Person]:
    persons = Person.objects.select_related("province", "nationality", "organisation")
    return persons_visible_to(user, persons)


def person_get_for_user(*, user: User, pk: int) -> Person:
    """The same 404 for a person who does not exist and one the user may not see."""
    return get_object_or_404(person_list_for_user(user=user), pk=pk)


def arrival_group_list_for_user(*, user: User) -> QuerySet[ArrivalGroup]:
    if not can_work_with_persons(user):
        return ArrivalGroup.objects.none()
    groups = ArrivalGroup.objects.select_related("returned_from", "province")
    return persons_visible_to(user, groups)


def arrival_group_list_with_counts(*, user: User) -> QuerySet[ArrivalGroup]:
    """The user's arrival groups, newest first, each with the number of persons registered."""
    kept = Q(persons__merged_into__isnull=True)
    groups = arrival_group_list_for_user(user=user).annotate(person_count=Count("persons", kept))
    return groups.order_by("-arrived_on", "-pk")


def arrival_group_get_for_user(*, user: User, pk: int) -> ArrivalGroup:
    return get_object_or_404(arrival_group_list_for_user(user=user), pk=pk)


def arrival_group_persons(*, user: User, group: ArrivalGroup) -> list[Person]:
    """A group's persons in Lao alphabetical order of their names (a bounded list)."""
    persons = person_list_for_user(user=user).filter(arrival_group=group)
    return sorted(persons, key=lambda p: lao_sort_key(p.display_name))


def merged_into_for_user(*, user: User, pk: int) -> Person | None:
    """The person a merged record became, if the user may see that person."""
    merged = Person.objects.filter(pk=pk, merged_into__isnull=False).first()
    if merged is None or merged.merged_into_id is None:  # the filter leaves out the latter
        return None
    return person_list_for_user(user=user).filter(pk=merged.merged_into_id).first()


def _same_person(person: Person, details: PersonDetails) -> bool:
    names = ("given_name_lo", "family_name_lo", "given_name_latin", "family_name_latin")
    return (
        all(
            getattr(person, n).strip().casefold() == getattr(details, n).strip().casefold()
            for n in names
        )
        and person.birth_year == details.birth_year
        and person.sex == details.sex
    )


def arrival_group_repeat(
    *, user: User, group: ArrivalGroup, details: PersonDetails
) -> Person | None:
    """A person of the group with exactly these names, year of birth and sex (a second tap)."""
    persons = arrival_group_persons(user=user, group=group)
    return next((p for p in persons if _same_person(p, details)), None)


# --- statistics: reads of the indicator engine (monitoring), counts only, never shown as rows ---


def statistics_persons() -> QuerySet[Person]:
    """Persons that count in statistics: kept persons (a person merged into another counts as
    the kept one; the merged record is left out)."""
    return Person.objects.filter(merged_into__isnull=True)
