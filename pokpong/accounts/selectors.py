"""Reads for the administrators' screens, scoped through the access policy."""

from axes.models import AccessAttempt
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from pokpong.accounts.models import Organisation, RoleAssignment, User
from pokpong.accounts.policy import organisations_manageable_by, users_manageable_by


def user_list_for_user(*, user: User, query: str = "") -> QuerySet[User]:
    users = users_manageable_by(user).select_related("organisation").order_by("username")
    query = query.strip()
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(display_name_lo__icontains=query)
            | Q(email__icontains=query)
        )
    return users


def user_get_for_user(*, user: User, pk: int) -> User:
    """The same 404 for a user that does not exist and one outside the administrator's scope."""
    return get_object_or_404(users_manageable_by(user).select_related("organisation"), pk=pk)


def role_assignment_get_for_user(*, user: User, target: User, pk: int) -> RoleAssignment:
    return get_object_or_404(RoleAssignment.objects, user=target, pk=pk)


def organisation_list_for_user(*, user: User) -> QuerySet[Organisation]:
    return organisations_manageable_by(user).select_related("type", "province", "district")


def organisation_get_for_user(*, user: User, pk: int) -> Organisation:
    return get_object_or_404(organisation_list_for_user(user=user), pk=pk)


def locked_usernames(*, usernames: list[str], limit: int) -> set[str]:
    """Which of these usernames django-axes currently locks out (from at least one address),
    or whose two-factor sign-in is locked after too many wrong codes."""
    from pokpong.accounts.mfa import two_factor_locked_user_ids

    attempts = AccessAttempt.objects.filter(username__in=usernames, failures_since_start__gte=limit)
    locked = set(attempts.values_list("username", flat=True))
    ids = dict(User.objects.filter(username__in=usernames).values_list("pk", "username"))
    return locked | {ids[pk] for pk in two_factor_locked_user_ids(user_ids=list(ids))}
