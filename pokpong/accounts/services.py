"""Every write to users, organisations and role assignments."""

from django.db import transaction

from pokpong.accounts.models import Organisation, RoleAssignment, ScopeLevel, User
from pokpong.places.models import District, Province


@transaction.atomic
def organisation_create(
    *,
    name_lo: str,
    name_en: str,
    type_code: str,
    province: Province | None = None,
    district: District | None = None,
    short_name: str = "",
) -> Organisation:
    from pokpong.accounts.models import OrganisationType

    organisation = Organisation(
        name_lo=name_lo,
        name_en=name_en,
        short_name=short_name,
        type=OrganisationType.objects.get(code=type_code),
        province=province,
        district=district,
    )
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    organisation: Organisation | None,
    first_name: str = "",
    last_name: str = "",
    display_name_lo: str = "",
    email: str = "",
    preferred_language: str = "lo",
) -> User:
    user = User(
        username=username,
        organisation=organisation,
        first_name=first_name,
        last_name=last_name,
        display_name_lo=display_name_lo,
        email=email,
        preferred_language=preferred_language,
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def role_assign(
    *, user: User, role: str, province: Province | None = None, district: District | None = None
) -> RoleAssignment:
    """Give a role; the scope follows from the places given (none: national)."""
    if district is not None:
        scope, province = ScopeLevel.DISTRICT, district.province
    elif province is not None:
        scope = ScopeLevel.PROVINCE
    else:
        scope = ScopeLevel.NATIONAL
    assignment = RoleAssignment(
        user=user, role=role, scope=scope, province=province, district=district
    )
    assignment.full_clean()
    assignment.save()
    return assignment
