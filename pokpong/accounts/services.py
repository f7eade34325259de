"""Every write to users, organisations and role assignments: atomic, validated, audited."""

import secrets
from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from axes.utils import reset as axes_reset
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from pokpong.accounts.models import (
    Organisation,
    OrganisationType,
    RoleAssignment,
    ScopeLevel,
    TwoFactorFailure,
    User,
)
from pokpong.core.audit import audit_record, creation_changes, current_context, diff, snapshot
from pokpong.core.models import AuditAction
from pokpong.places.models import District, Province

USER_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "display_name_lo",
    "email",
    "organisation",
    "preferred_language",
    "is_active",
)
ORGANISATION_FIELDS = (
    "name_lo",
    "name_en",
    "short_name",
    "type",
    "province",
    "district",
    "is_active",
)


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
    organisation = Organisation(
        name_lo=name_lo,
        name_en=name_en,
        short_name=short_name,
        type=OrganisationType.objects.get(code=type_code),
        province=province,
        district=district,
    )
    return organisation_save(organisation=organisation)


@transaction.atomic
def organisation_save(*, organisation: Organisation) -> Organisation:
    """Create or update; the audit entry lists the changed fields with old and new values."""
    is_new = organisation.pk is None
    before = (
        {}
        if is_new
        else snapshot(Organisation.objects.get(pk=organisation.pk), ORGANISATION_FIELDS)
    )
    organisation.full_clean()
    organisation.save()
    changes = (
        creation_changes(organisation, ORGANISATION_FIELDS)
        if is_new
        else diff(before, organisation)
    )
    action = AuditAction.CREATE if is_new else AuditAction.UPDATE
    if is_new or changes:
        audit_record(action=action, obj=organisation, changes=changes)
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
    must_change_password: bool = False,
) -> User:
    user = User(
        username=username,
        organisation=organisation,
        first_name=first_name,
        last_name=last_name,
        display_name_lo=display_name_lo,
        email=email,
        preferred_language=preferred_language,
        must_change_password=must_change_password,
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(
        action=AuditAction.CREATE,
        obj=user,
        changes={**creation_changes(user, USER_FIELDS), "password": "set"},
    )
    return user


@dataclass(frozen=True, kw_only=True)
class UserDetails:
    """A user's account as an administrator edits it."""

    username: str
    first_name: str = ""
    last_name: str = ""
    display_name_lo: str = ""
    email: str = ""
    organisation: Organisation | None = None
    preferred_language: str = "lo"
    is_active: bool = True

    @classmethod
    def of(cls, user: User) -> "UserDetails":
        """The account as it is (to change a few of its details)."""
        return cls(**{name: getattr(user, name) for name in USER_FIELDS})


@transaction.atomic
def user_update(*, user: User, details: UserDetails) -> User:
    before = snapshot(User.objects.get(pk=user.pk), USER_FIELDS)
    for name, value in vars(details).items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    user.save()
    changes = diff(before, user)
    if changes:
        audit_record(action=AuditAction.UPDATE, obj=user, changes=changes)
    if "is_active" in changes and not user.is_active:
        _end_sessions(user)
    return user


def user_language_set(*, user: User, language: str) -> None:
    """The user chose the interface language: remembered for their next sign-in (a preference,
    not audited)."""
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])


def temporary_password() -> str:
    """A one-time password an administrator reads out; the user must change it at next sign-in."""
    return "-".join(secrets.token_hex(3) for _ in range(4))


@transaction.atomic
def user_password_reset(*, user: User) -> str:
    """Set a temporary password, force a change at next sign-in and end the user's sessions."""
    password = temporary_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    _end_sessions(user)
    audit_record(action=AuditAction.PASSWORD_RESET, obj=user, changes={"password": "changed"})
    return password


@transaction.atomic
def user_password_changed(*, user: User) -> None:
    """Called after the user chose a new password: the forced change is done."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
    audit_record(action=AuditAction.UPDATE, obj=user, changes={"password": "changed"})


@transaction.atomic
def user_unlock(*, user: User) -> int:
    """Lift django-axes' lockout of this username (from every address) and the two-factor
    lockout of the account."""
    removed = int(axes_reset(username=user.get_username()) or 0)
    codes, _ = TwoFactorFailure.objects.filter(user=user).delete()
    audit_record(
        action=AuditAction.UNLOCK,
        obj=user,
        extra={"attempts_cleared": removed, "two_factor_failures_cleared": codes},
    )
    return removed + codes


@transaction.atomic
def two_factor_failure_record(*, user: User, step: str) -> bool:
    """A wrong two-factor code was given for this account: count it and audit it.
    Returns whether this failure locked the account (it reached the limit)."""
    from pokpong.accounts.mfa import two_factor_failures

    TwoFactorFailure.objects.create(
        user=user, at=timezone.now(), ip_address=current_context().ip_address
    )
    audit_record(
        action=AuditAction.LOGIN_FAILED,
        obj=user,
        extra={"login": user.get_username(), "step": step},
    )
    locked = two_factor_failures(user=user) == settings.POKPONG_MFA_LOCKOUT_FAILURES
    if locked:
        audit_record(
            action=AuditAction.LOCKOUT,
            obj=user,
            extra={"login": user.get_username(), "step": step},
        )
    return locked


def two_factor_failures_clear(*, user: User) -> None:
    """A right code: the count of wrong ones starts again (like axes' reset on success)."""
    TwoFactorFailure.objects.filter(user=user).delete()


@transaction.atomic
def user_mfa_reset(*, user: User) -> None:
    """Remove the user's authenticators (lost phone); they set up a new one at next sign-in."""
    Authenticator.objects.filter(user=user).delete()
    _end_sessions(user)
    audit_record(action=AuditAction.MFA_RESET, obj=user)


def _end_sessions(user: User) -> int:
    sessions = list(UserSession.objects.filter(user=user))
    for session in sessions:
        session.end()
    return len(sessions)


@transaction.atomic
def user_sessions_end(*, user: User) -> int:
    """ "Sign out everywhere": end every session of the user, on every device."""
    count = _end_sessions(user)
    audit_record(action=AuditAction.SESSIONS_ENDED, obj=user, extra={"sessions": count})
    return count


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
    audit_record(
        action=AuditAction.CREATE,
        obj=assignment,
        changes=creation_changes(assignment, ("user", "role", "scope", "province", "district")),
    )
    return assignment


@transaction.atomic
def role_remove(*, assignment: RoleAssignment) -> None:
    audit_record(
        action=AuditAction.DELETE,
        obj=assignment,
        changes={"role": [assignment.role, None], "scope": [assignment.scope, None]},
    )
    assignment.delete()
