"""The access policy: the one place that says who may do what. Deny by default.

Every view, API endpoint, export and background job asks these functions; none decides on its own.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from typing import Any, Protocol, TypeVar, cast

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pokpong.accounts.models import Organisation, Role, RoleAssignment, ScopeLevel, User
from pokpong.core.models import AccessGrant
from pokpong.core.reference import ReferenceList
from pokpong.places.models import District, Province

M = TypeVar("M", bound=models.Model)


# --- What the policy needs to know of a record ---------------------------------------------
# The policy decides for every app without importing them: it reads records through these
# protocols (read-only attributes every such model has), never through `Any`.


class PlacedRecord(Protocol):
    """A record that lies in a place: its province and district decide whose scope covers it."""

    @property
    def pk(self) -> Any: ...
    @property
    def province_id(self) -> int | None: ...
    @property
    def district_id(self) -> int | None: ...


class OfficeRecord(PlacedRecord, Protocol):
    """A record held by an office (a person, a case): the organisation that holds it, and where."""

    @property
    def organisation_id(self) -> int | None: ...


class HeldByOrganisation(Protocol):
    """A record that belongs to one organisation (a hotline call, an entry of the directory)."""

    @property
    def organisation_id(self) -> int | None: ...


class SentToOrganisation(Protocol):
    """Something sent to an organisation that answers it (a referral, a call referral)."""

    @property
    def to_organisation_id(self) -> int | None: ...


class CaseReferral(SentToOrganisation, Protocol):
    """A referral of a case."""

    @property
    def case(self) -> OfficeRecord: ...


class CaseVisit(Protocol):
    """A follow-up visit of a case."""

    @property
    def pk(self) -> Any: ...
    @property
    def case(self) -> OfficeRecord: ...


def _same(record: Any) -> QuerySet[Any]:
    """The one record as a queryset of its model, to ask the queryset rules about it."""
    model = cast("type[models.Model]", type(record))
    return model._default_manager.filter(pk=record.pk)


class Capability(models.TextChoices):
    """What a role can reach. Record-level checks (which case, which province) come on top."""

    VIEW_CASES = "view_cases", _("Cases and persons")
    MANAGE_CASES = "manage_cases", _("Managing cases")
    REGISTER_PERSONS = "register_persons", _("Registering persons")
    SCREEN_PERSONS = "screen_persons", _("Screening")
    RECORD_IDENTIFICATION = "record_identification", _("Formal identification")
    RECORD_CONSENT = "record_consent", _("Consent")
    VIEW_REFERRALS = "view_referrals", _("Referrals and services")
    LOG_HOTLINE_CALLS = "log_hotline_calls", _("Hotline calls")
    MANAGE_PREVENTION = "manage_prevention", _("Prevention activities")
    MANAGE_TRAINING = "manage_training", _("Training of officials")
    APPROVE_DECISIONS = "approve_decisions", _("Approvals (identification, case closure)")
    VIEW_REPORTS = "view_reports", _("Indicators and reports")
    MANAGE_INDICATORS = "manage_indicators", _("Indicator values, targets and programme area")
    MANAGE_PROGRAMME = "manage_programme", _("Programme management and coordination")
    MANAGE_BUDGET = "manage_budget", _("Programme budget and expenditure")
    EXPORT_ANONYMISED = "export_anonymised", _("Anonymised data sharing")
    VIEW_AUDIT = "view_audit", _("Audit trail")
    MANAGE_USERS = "manage_users", _("Users and organisations")
    MANAGE_REFERENCE_LISTS = "manage_reference_lists", _("Reference lists")
    JUSTICE_FILES = "justice_files", _("Justice files (complaint, investigation, court)")


_C = Capability
_PERSON_WORK = {_C.REGISTER_PERSONS, _C.SCREEN_PERSONS, _C.RECORD_CONSENT}
ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.CASE_WORKER: frozenset(
        {
            _C.VIEW_CASES,
            _C.MANAGE_CASES,
            _C.VIEW_REFERRALS,
            *_PERSON_WORK,
            _C.RECORD_IDENTIFICATION,
            _C.JUSTICE_FILES,
        }
    ),
    Role.SERVICE_PROVIDER: frozenset({_C.VIEW_REFERRALS, _C.SCREEN_PERSONS, _C.RECORD_CONSENT}),
    Role.POLICE_OFFICER: frozenset(
        {
            _C.VIEW_CASES,
            _C.VIEW_REFERRALS,
            *_PERSON_WORK,
            _C.RECORD_IDENTIFICATION,
            _C.JUSTICE_FILES,
        }
    ),
    Role.HOTLINE_COUNSELLOR: frozenset(
        {_C.LOG_HOTLINE_CALLS, _C.VIEW_REFERRALS, _C.REGISTER_PERSONS, _C.SCREEN_PERSONS}
    ),
    Role.PREVENTION_OFFICER: frozenset({_C.MANAGE_PREVENTION}),
    Role.TRAINER: frozenset({_C.MANAGE_TRAINING}),
    Role.PROVINCIAL_MANAGER: frozenset(
        {
            _C.VIEW_CASES,
            _C.MANAGE_CASES,
            _C.VIEW_REFERRALS,
            _C.APPROVE_DECISIONS,
            _C.VIEW_REPORTS,
            _C.JUSTICE_FILES,
            _C.MANAGE_PROGRAMME,
        }
    ),
    Role.NATIONAL_SECRETARIAT: frozenset(
        {
            _C.VIEW_REPORTS,
            _C.EXPORT_ANONYMISED,
            _C.VIEW_AUDIT,
            _C.MANAGE_TRAINING,
            _C.MANAGE_PROGRAMME,
            _C.MANAGE_BUDGET,
            _C.MANAGE_INDICATORS,
        }
    ),
    Role.ME_OFFICER: frozenset(
        {
            _C.VIEW_REPORTS,
            _C.MANAGE_PROGRAMME,
            _C.MANAGE_BUDGET,
            _C.MANAGE_INDICATORS,
            _C.EXPORT_ANONYMISED,
        }
    ),
    Role.ADMINISTRATOR: frozenset({_C.MANAGE_USERS, _C.MANAGE_REFERENCE_LISTS}),
}


@dataclass(frozen=True)
class Reach:
    """One line of "what my roles can reach": a capability and the scopes it applies in."""

    capability: Capability
    scopes: tuple[str, ...]


def _assignments(user: User) -> list[RoleAssignment]:
    cached: list[RoleAssignment] | None = getattr(user, "_pokpong_assignments", None)
    if cached is None:
        cached = list(user.role_assignments.select_related("province", "district"))
        user._pokpong_assignments = cached  # type: ignore[attr-defined]
    return cached


def roles_of(user: User) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    return {a.role for a in _assignments(user)}


def has_capability(user: User, capability: str) -> bool:
    return any(capability in ROLE_CAPABILITIES.get(role, ()) for role in roles_of(user))


def capabilities_of(user: User) -> set[str]:
    return {cap for role in roles_of(user) for cap in ROLE_CAPABILITIES.get(role, ())}


def reach_of(user: User) -> list[Reach]:
    """What the user's roles can reach, each with the scopes (national, a province, a district)."""
    if not user.is_authenticated or not user.is_active:
        return []
    scopes: dict[str, list[str]] = {}
    for assignment in _assignments(user):
        for cap in ROLE_CAPABILITIES.get(assignment.role, ()):
            labels = scopes.setdefault(cap, [])
            if assignment.scope_label not in labels:
                labels.append(assignment.scope_label)
    return [Reach(Capability(cap), tuple(scopes[cap])) for cap in Capability if cap in scopes]


def can_manage_reference_lists(user: User) -> bool:
    return has_capability(user, Capability.MANAGE_REFERENCE_LISTS)


def _reference_scope(user: User, ref: ReferenceList) -> Q | None:
    """The entries of one reference list the user may edit: national administrators every list;
    provincial ones only lists of places that belong to a province (`ref.province_field`), and
    there the entries of their province (district administrators: villages of their district)."""
    condition: Q | None = None
    for assignment in _assignments(user) if user.is_authenticated and user.is_active else []:
        if Capability.MANAGE_REFERENCE_LISTS not in ROLE_CAPABILITIES.get(assignment.role, ()):
            continue
        if assignment.scope == ScopeLevel.NATIONAL:
            return Q()
        if assignment.scope == ScopeLevel.PROVINCE and ref.province_field:
            part = Q(**{f"{ref.province_field}_id": assignment.province_id})
        elif assignment.scope == ScopeLevel.DISTRICT and ref.district_field:
            part = Q(**{f"{ref.district_field}_id": assignment.district_id})
        else:
            continue
        condition = part if condition is None else condition | part
    return condition


def can_manage_reference_list(user: User, ref: ReferenceList) -> bool:
    return _reference_scope(user, ref) is not None


def reference_items_manageable_by(
    user: User, ref: ReferenceList, queryset: QuerySet[M]
) -> QuerySet[M]:
    condition = _reference_scope(user, ref)
    if condition is None:
        return queryset.none()
    return queryset.all() if condition == Q() else queryset.filter(condition)


def _place_id(item: models.Model, path: str) -> int | None:
    *hops, last = path.split("__")
    current: object = item
    for hop in hops:
        current = getattr(current, hop, None)
        if current is None:
            return None
    value = getattr(current, f"{last}_id", None)
    return value if isinstance(value, int) else None


def reference_place_choices(user: User, ref: ReferenceList, queryset: QuerySet[M]) -> QuerySet[M]:
    """The provinces or districts a scoped administrator may pick in an entry of `ref`."""
    if _reference_scope(user, ref) == Q():
        return queryset
    provinces, districts = set(), set()
    for assignment in _assignments(user):
        if Capability.MANAGE_REFERENCE_LISTS in ROLE_CAPABILITIES.get(assignment.role, ()):
            if assignment.scope == ScopeLevel.PROVINCE:
                provinces.add(assignment.province_id)
            elif assignment.scope == ScopeLevel.DISTRICT:
                districts.add(assignment.district_id)
    if queryset.model._meta.label_lower == "places.province":
        return queryset.filter(pk__in=provinces)
    return queryset.filter(Q(province_id__in=provinces) | Q(pk__in=districts))


def can_save_reference_item(user: User, ref: ReferenceList, item: models.Model) -> bool:
    """Whether the user may save this (new or changed) entry where it now lies."""
    if _reference_scope(user, ref) == Q():
        return True
    if not ref.province_field:
        return False
    return in_scope(
        user,
        Capability.MANAGE_REFERENCE_LISTS,
        province_id=_place_id(item, ref.province_field),
        district_id=_place_id(item, ref.district_field) if ref.district_field else None,
    )


def provinces_in_scope(user: User) -> set[int] | None:
    """Province ids the user's assignments cover; None means national scope."""
    ids: set[int] = set()
    for assignment in _assignments(user):
        if assignment.scope == ScopeLevel.NATIONAL:
            return None
        if assignment.province_id is not None:
            ids.add(assignment.province_id)
    return ids


def registers_nationally(user: User) -> bool:
    """Whether the persons the user registers belong to no province: every role of theirs
    that registers persons holds over the whole country (the national hotline). Such a
    person is seen by the registering organisation (and national scopes) only, until the
    office of a province takes it on."""
    registering = [
        a
        for a in _assignments(user)
        if Capability.REGISTER_PERSONS in ROLE_CAPABILITIES.get(a.role, ())
    ]
    return bool(registering) and all(a.scope == ScopeLevel.NATIONAL for a in registering)


def roles_with(capability: str) -> Iterable[str]:
    return [role for role, caps in ROLE_CAPABILITIES.items() if capability in caps]


# Roles whose accounts must use two-factor authentication (TOTP).
MFA_REQUIRED_ROLES = frozenset(
    {Role.PROVINCIAL_MANAGER, Role.NATIONAL_SECRETARIAT, Role.ADMINISTRATOR}
)


def requires_mfa(user: User) -> bool:
    return bool(roles_of(user) & MFA_REQUIRED_ROLES)


def requires(capability: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """View decorator: users without the capability get the same 404 as for a missing page."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(request: Any, *args: Any, **kwargs: Any) -> Any:
            if not has_capability(request.user, capability):
                raise Http404
            return view(request, *args, **kwargs)

        wrapped.required_capability = capability  # type: ignore[attr-defined]
        return wrapped

    return decorator


def requires_any(*capabilities: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """View decorator: at least one of the capabilities, else the same 404."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(request: Any, *args: Any, **kwargs: Any) -> Any:
            if not any(has_capability(request.user, c) for c in capabilities):
                raise Http404
            return view(request, *args, **kwargs)

        wrapped.required_capability = "any:" + ",".join(capabilities)  # type: ignore[attr-defined]
        return wrapped

    return decorator


def scope_q(
    user: User, capability: str, *, province: str = "province", district: str = "district"
) -> Q | None:
    """A filter for the records the user's roles with `capability` cover geographically.

    `Q()` means everything (national scope); None means nothing.
    """
    condition: Q | None = None
    for assignment in _assignments(user) if user.is_authenticated and user.is_active else []:
        if capability not in ROLE_CAPABILITIES.get(assignment.role, ()):
            continue
        if assignment.scope == ScopeLevel.NATIONAL:
            return Q()
        if assignment.scope == ScopeLevel.PROVINCE:
            part = Q(**{f"{province}_id": assignment.province_id})
        else:
            part = Q(**{f"{district}_id": assignment.district_id})
        condition = part if condition is None else condition | part
    return condition


def in_scope(
    user: User, capability: str, *, province_id: int | None, district_id: int | None
) -> bool:
    """Whether one record's place lies inside the user's scope for `capability`."""
    for assignment in _assignments(user) if user.is_authenticated and user.is_active else []:
        if capability not in ROLE_CAPABILITIES.get(assignment.role, ()):
            continue
        if assignment.scope == ScopeLevel.NATIONAL:
            return True
        if assignment.scope == ScopeLevel.PROVINCE and assignment.province_id == province_id:
            return True
        if assignment.scope == ScopeLevel.DISTRICT and assignment.district_id == district_id:
            return True
    return False


def granted_ids(user: User, model: type[models.Model]) -> QuerySet[AccessGrant, str]:
    """Ids (as text) of `model` records explicitly shared with the user's organisation, now."""
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return AccessGrant.objects.none().values_list("object_id", flat=True)
    now = timezone.now()
    return (
        AccessGrant.objects.filter(
            grantee_organisation_id=user.organisation_id,
            content_type=ContentType.objects.get_for_model(model),
            revoked_at__isnull=True,
        )
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .values_list("object_id", flat=True)
    )


def has_grant(user: User, obj: PlacedRecord | CaseVisit) -> bool:
    model = cast("type[models.Model]", type(obj))
    return granted_ids(user, model).filter(object_id=str(obj.pk)).exists()


def visible_records(
    user: User,
    queryset: QuerySet[M],
    capability: str,
    *,
    province: str = "province",
    district: str = "district",
) -> QuerySet[M]:
    """Records in the user's scope for `capability`, plus those explicitly granted to them."""
    condition = scope_q(user, capability, province=province, district=district)
    if condition == Q():  # national scope: everything (an empty Q would swallow an OR)
        return queryset.all()
    if has_capability(user, capability):
        ids = granted_ids(user, queryset.model).values_list(
            Cast("object_id", models.BigIntegerField()), flat=True
        )
        grants = Q(pk__in=ids)
        condition = grants if condition is None else condition | grants
    if condition is None:
        return queryset.none()
    return queryset.filter(condition)


def can_view_record(user: User, obj: PlacedRecord, capability: str) -> bool:
    """One record: in scope (by its province/district) or explicitly granted."""
    if not has_capability(user, capability):
        return False
    if in_scope(
        user,
        capability,
        province_id=obj.province_id,
        district_id=obj.district_id,
    ):
        return True
    return has_grant(user, obj)


def users_manageable_by(user: User) -> QuerySet[User]:
    """The users an administrator may change, reset, unlock and give roles to.

    Separation of duties: never themselves (nobody raises their own rights or resets their own
    account through the administrators' screens). A scoped administrator manages a user only if
    the user's organisation AND every role the user holds lie inside the administrator's scope:
    a holder of a national role, or of a role in another province, is out of reach (404).
    """
    condition = scope_q(
        user,
        Capability.MANAGE_USERS,
        province="organisation__province",
        district="organisation__district",
    )
    if condition is None:
        return User.objects.none()
    # An integration's service account is managed through its tokens (`can_manage_api_token`),
    # never given a password or roles on the users' screens.
    users = (
        User.objects.filter(condition)
        .exclude(pk=user.pk)
        .exclude(username__startswith=SERVICE_ACCOUNT_PREFIX)
    )
    if condition == Q():  # national administrators: everyone else
        return users
    roles_in_scope = scope_q(user, Capability.MANAGE_USERS) or Q(pk__in=[])
    outside = RoleAssignment.objects.filter(user=models.OuterRef("pk")).exclude(roles_in_scope)
    return users.filter(~models.Exists(outside))


def organisations_manageable_by(user: User) -> QuerySet[Organisation]:
    condition = scope_q(user, Capability.MANAGE_USERS)
    if condition is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(condition)


class OwnedByOrganisation(Protocol):
    """Something an organisation owns whole (a webhook endpoint of its system)."""

    @property
    def organisation_id(self) -> int: ...


def webhook_organisations_for(user: User) -> QuerySet[Organisation]:
    """The organisations whose outbound webhooks the user administers: an administrator's
    (manage_users) over the organisations of their scope, as for their users."""
    return organisations_manageable_by(user)


def can_manage_webhooks_of(user: User, organisation_id: int) -> bool:
    return webhook_organisations_for(user).filter(pk=organisation_id).exists()


def can_manage_webhook(user: User, endpoint: OwnedByOrganisation) -> bool:
    """Change, test, see the deliveries of, or redeliver through one webhook endpoint."""
    return can_manage_webhooks_of(user, endpoint.organisation_id)


def webhooks_visible_to(
    user: User, queryset: QuerySet[M], *, organisation: str = "organisation"
) -> QuerySet[M]:
    """Webhook endpoints (or their deliveries, through `organisation`) the user administers."""
    return queryset.filter(**{f"{organisation}__in": webhook_organisations_for(user)})


def is_national(user: User, capability: str) -> bool:
    return scope_q(user, capability) == Q()


def can_assign_in(user: User, *, province: Province | None, district: District | None) -> bool:
    """Whether an administrator may give a role over this place (nothing given: national).
    Whom to: only users_manageable_by(), so never themselves."""
    if district is not None:
        return in_scope(
            user, Capability.MANAGE_USERS, province_id=district.province_id, district_id=district.pk
        )
    if province is not None:
        return in_scope(user, Capability.MANAGE_USERS, province_id=province.pk, district_id=None)
    return is_national(user, Capability.MANAGE_USERS)


def audit_entries_visible_to(user: User, queryset: QuerySet[M]) -> QuerySet[M]:
    """The audit trail a VIEW_AUDIT holder may read. National scope: everything. A province or
    district scope: the entries whose actor belongs to an organisation in that scope, and the
    entries about its users and organisations (failed sign-ins, lockouts, accounts changed).
    Entries by actors from elsewhere (a national officer reading a case of the province) and
    entries without a user (system, unknown logins) are for national auditors only."""
    actors = scope_q(
        user,
        Capability.VIEW_AUDIT,
        province="actor__organisation__province",
        district="actor__organisation__district",
    )
    if actors is None:
        return queryset.none()
    if actors == Q():
        return queryset.all()
    text = models.CharField()
    people = User.objects.filter(
        scope_q(
            user,
            Capability.VIEW_AUDIT,
            province="organisation__province",
            district="organisation__district",
        )
        or Q(pk__in=[])
    ).values_list(Cast("pk", text), flat=True)

    offices = Organisation.objects.filter(
        scope_q(user, Capability.VIEW_AUDIT) or Q(pk__in=[])
    ).values_list(Cast("pk", text), flat=True)
    return queryset.filter(
        actors
        | Q(object_type="accounts.user", object_id__in=people)
        | Q(object_type="accounts.organisation", object_id__in=offices)
    )


# Who may work on persons at all (registering, screening, consent): they see the persons their
# own organisation registered, besides those in their scope and those shared with them.
PERSON_CAPABILITIES = (
    Capability.VIEW_CASES,
    Capability.REGISTER_PERSONS,
    Capability.SCREEN_PERSONS,
    Capability.RECORD_CONSENT,
    Capability.RECORD_IDENTIFICATION,
)


def can_work_with_persons(user: User) -> bool:
    return any(has_capability(user, cap) for cap in PERSON_CAPABILITIES)


def persons_visible_to(user: User, queryset: QuerySet[M]) -> QuerySet[M]:
    """Persons in scope (VIEW_CASES), registered by the user's organisation, or granted.
    Records merged into another person are hidden (the kept record carries everything)."""
    if not can_work_with_persons(user):
        return queryset.none()
    if any(f.name == "merged_into" for f in queryset.model._meta.fields):
        queryset = queryset.filter(merged_into__isnull=True)
    scope = scope_q(user, Capability.VIEW_CASES)
    if scope == Q():  # national scope
        return queryset.all()
    condition = scope if scope is not None else Q(pk__in=[])
    if user.organisation_id is not None:
        condition |= Q(organisation_id=user.organisation_id)
    ids = granted_ids(user, queryset.model).values_list(
        Cast("object_id", models.BigIntegerField()), flat=True
    )
    return queryset.filter(condition | Q(pk__in=ids))


def can_view_person(user: User, person: OfficeRecord) -> bool:
    if not can_work_with_persons(user):
        return False
    if user.organisation_id is not None and person.organisation_id == user.organisation_id:
        return True  # (two records without an organisation are not "the same organisation")
    return can_view_record(user, person, Capability.VIEW_CASES) or has_grant(user, person)


def cases_visible_to(user: User, queryset: QuerySet[M]) -> QuerySet[M]:
    """Cases in the user's scope for VIEW_CASES, plus cases shared with the user's organisation
    by a referral (for roles that see cases or receive referrals)."""
    scope = scope_q(user, Capability.VIEW_CASES)
    if scope == Q():
        return queryset.all()
    condition = scope if scope is not None else Q(pk__in=[])
    if has_capability(user, Capability.VIEW_CASES) or has_capability(
        user, Capability.VIEW_REFERRALS
    ):
        ids = granted_ids(user, queryset.model).values_list(
            Cast("object_id", models.BigIntegerField()), flat=True
        )
        condition |= Q(pk__in=ids)
    return queryset.filter(condition)


def can_view_case(user: User, case: OfficeRecord) -> bool:
    return _can_view_case_once(user, case)  # see case_access_remembered (issue 20), at the end


def sees_case_through_referral_only(user: User, case: OfficeRecord) -> bool:
    """Receivers of a referral see only the consented part of a case (no files, no plan)."""
    return not in_scope(
        user, Capability.VIEW_CASES, province_id=case.province_id, district_id=case.district_id
    )


def can_manage_case(user: User, case: OfficeRecord) -> bool:
    """Change a case: its office's case workers and managers in scope."""
    return has_capability(user, Capability.MANAGE_CASES) and in_scope(
        user, Capability.MANAGE_CASES, province_id=case.province_id, district_id=case.district_id
    )


def can_approve_for(user: User, case: OfficeRecord) -> bool:
    """Approve a plan or a closure: a provincial manager whose scope covers the case."""
    return in_scope(
        user,
        Capability.APPROVE_DECISIONS,
        province_id=case.province_id,
        district_id=case.district_id,
    )


def cases_fully_visible_to(user: User, queryset: QuerySet[M]) -> QuerySet[M]:
    """Cases whose office the user belongs to (in scope for VIEW_CASES): every part of them.
    Cases reached only through a referral grant are left out."""
    scope = scope_q(user, Capability.VIEW_CASES)
    if scope is None:
        return queryset.none()
    return queryset.filter(scope)


# --- What part of a case or a person the user may see -------------------------------------
# The one answer every selector, view, template and download asks. The office (scope) sees
# everything; a receiver of a referral sees the consented part only, as long as it is shared.

CASE_SECTIONS = frozenset(
    {
        "summary",  # number, person's name, province, status, case worker, risk level
        "details",  # forms of trafficking, exploitation, recruiter, means of control, risk reason
        "referrals",  # a receiver: its own referrals only (case_referrals_for_user)
        "services",
        "notes",  # always filtered by notes_visible_to (confidential by default)
        "return",  # return plan and follow-up visits
        "needs",
        "plan",
        "documents",
        "history",
        "justice",  # the criminal-justice file: never a receiver's (can_view_justice_file)
        "livelihoods",  # assessment, training, jobs, business, savings, income over time
    }
)
REFERRAL_CASE_SECTIONS = frozenset({"summary", "referrals", "services", "notes"})

PERSON_SECTIONS = frozenset(
    {
        "basic",  # code, names, sex, birth, nationality, ethnic group, origin province/district
        "contact",  # phone, origin village
        "names",  # other names (aliases)
        "guardian",
        "documents",
        "group",  # arrival group
        "cases",  # only the cases the user may see
        "identifications",
        "screenings",
        "consents",
        "accesses",  # who opened the record
    }
)
REFERRAL_PERSON_SECTIONS = frozenset({"basic", "cases"})


def case_sections_for(user: User, case: OfficeRecord) -> frozenset[str]:
    """The parts of one case the user may see: none, the consented part, or all of it."""
    if not can_view_case(user, case):
        return frozenset()
    if sees_case_through_referral_only(user, case):
        return REFERRAL_CASE_SECTIONS
    return CASE_SECTIONS


def _person_full_q(
    user: User, model: type[models.Model], capability: str = Capability.VIEW_CASES
) -> Q | None:
    """Persons whose whole record the user sees: in scope, registered by the user's own
    organisation, or with a case in scope. Q() means all; None means none."""
    scope = scope_q(user, capability)
    if scope == Q():
        return Q()
    condition = scope if scope is not None else Q(pk__in=[])
    by_case = scope_q(user, capability, province="cases__province", district="cases__district")
    if by_case is not None:
        condition |= Q(pk__in=model._default_manager.filter(by_case).values("pk"))
    if user.is_authenticated and user.organisation_id is not None:
        condition |= Q(organisation_id=user.organisation_id)
    return condition


def persons_fully_visible_to(user: User, queryset: QuerySet[M]) -> QuerySet[M]:
    """Persons the user sees whole: persons_visible_to without those reached only by a grant."""
    visible = persons_visible_to(user, queryset)
    condition = _person_full_q(user, queryset.model)
    if condition is None:
        return visible.none()
    return visible.filter(condition)


def sees_person_through_referral_only(user: User, person: OfficeRecord) -> bool:
    return not persons_fully_visible_to(user, _same(person)).exists()


def person_sections_for(user: User, person: OfficeRecord) -> frozenset[str]:
    """The parts of one person's record the user may see: none, the consented part, or all."""
    if not can_view_person(user, person):
        return frozenset()
    if sees_person_through_referral_only(user, person):
        return REFERRAL_PERSON_SECTIONS
    return PERSON_SECTIONS


# --- What a user may change on a person or a case --------------------------------------------
# Receivers of a referral read the consented part and write only what the referral is for:
# services they deliver (once they accepted it) and notes. Everything else is the office's.


def sees_whole_person(user: User, person: OfficeRecord) -> bool:
    return person_sections_for(user, person) == PERSON_SECTIONS


def _works_fully_on(user: User, person: OfficeRecord, capability: str) -> bool:
    return has_capability(user, capability) and sees_whole_person(user, person)


def can_merge_persons(user: User, kept: OfficeRecord, merged: OfficeRecord) -> bool:
    """Duplicate review: a manager who holds both whole records (never a referred one)."""
    return (
        has_capability(user, Capability.APPROVE_DECISIONS)
        and sees_whole_person(user, kept)
        and sees_whole_person(user, merged)
    )


def can_edit_person(user: User, person: OfficeRecord) -> bool:
    return _works_fully_on(user, person, Capability.REGISTER_PERSONS)


def can_screen_person(user: User, person: OfficeRecord) -> bool:
    return _works_fully_on(user, person, Capability.SCREEN_PERSONS)


def can_record_consent_for(user: User, person: OfficeRecord) -> bool:
    """Record or withdraw a consent: never a receiver (its withdrawal ends everyone's access)."""
    return _works_fully_on(user, person, Capability.RECORD_CONSENT)


def can_record_identification_for(user: User, person: OfficeRecord) -> bool:
    return _works_fully_on(user, person, Capability.RECORD_IDENTIFICATION)


def can_open_case_for(user: User, person: OfficeRecord) -> bool:
    """A case opens in the person's place: only that office's case workers open it."""
    return has_capability(user, Capability.MANAGE_CASES) and in_scope(
        user,
        Capability.MANAGE_CASES,
        province_id=person.province_id,
        district_id=person.district_id,
    )


def can_add_case_note(user: User, case: OfficeRecord) -> bool:
    """Whoever sees the case writes notes (a receiver's stay in its organisation unless shared)."""
    return user.organisation_id is not None and can_view_case(user, case)


def can_record_service_for(user: User, case: OfficeRecord) -> bool:
    """The case's office, or an organisation that accepted a referral of the case."""
    if can_manage_case(user, case):
        return True
    if user.organisation_id is None or not has_capability(user, Capability.VIEW_REFERRALS):
        return False
    accepted = _same(case).filter(
        referrals__to_organisation_id=user.organisation_id, referrals__status="accepted"
    )
    return accepted.exists() and can_view_case(user, case)


def follow_ups_assigned_to(user: User, queryset: QuerySet[M]) -> QuerySet[M]:
    """Follow-up visits a receiver makes: those assigned to its organisation, on cases it still
    receives (an accepted referral to it and an active grant). Nothing else of the return."""
    if user.organisation_id is None or not has_capability(user, Capability.VIEW_REFERRALS):
        return queryset.none()
    # A foreign key: its related model is a model class (not None, as for a plain field).
    case_model = cast("type[models.Model]", queryset.model._meta.get_field("case").related_model)
    receiving = case_model._default_manager.filter(
        referrals__to_organisation_id=user.organisation_id, referrals__status="accepted"
    )
    return queryset.filter(
        assigned_organisation_id=user.organisation_id,
        case__in=cases_visible_to(user, receiving).values("pk"),
    )


def follow_ups_visible_to(user: User, case: OfficeRecord, visits: QuerySet[M]) -> QuerySet[M]:
    """Of the case's visits, the case's office sees every one; a receiver only those assigned
    to it."""
    if "return" in case_sections_for(user, case):
        return visits.all()
    return follow_ups_assigned_to(user, visits)


def can_schedule_follow_up_for(user: User, case: OfficeRecord) -> bool:
    """The schedule (and whom a visit is assigned to) is the office's."""
    return can_manage_case(user, case)


def can_record_follow_up_for(user: User, visit: CaseVisit) -> bool:
    """The office records every visit; a receiver exactly the visits assigned to it."""
    if can_manage_case(user, visit.case):
        return True
    return follow_ups_assigned_to(user, _same(visit)).exists()


# --- referrals between organisations -------------------------------------------------------


def can_answer_referral(user: User, referral: SentToOrganisation) -> bool:
    """Only the organisation a referral was sent to accepts or declines it."""
    return user.organisation_id is not None and (
        user.organisation_id == referral.to_organisation_id
        and has_capability(user, Capability.VIEW_REFERRALS)
    )


def can_complete_referral(user: User, referral: CaseReferral) -> bool:
    """The receiver records that the service was given; the referring office may too."""
    return can_answer_referral(user, referral) or can_manage_case(user, referral.case)


# --- potential cases the hotline refers to a social welfare office -------------------------


def receives_call_referrals(user: User) -> bool:
    """A social welfare office receives the hotline's potential cases: anyone of the office
    who reads referrals or manages cases."""
    return user.organisation_id is not None and (
        has_capability(user, Capability.VIEW_REFERRALS)
        or has_capability(user, Capability.MANAGE_CASES)
    )


def call_referrals_visible_to(user: User, queryset: QuerySet[M]) -> QuerySet[M]:
    """The hotline that referred the call and the office it was referred to see a referral."""
    visible = Q(pk__in=[])
    if user.organisation_id is not None and has_capability(user, Capability.LOG_HOTLINE_CALLS):
        visible |= Q(call__organisation_id=user.organisation_id)
    if receives_call_referrals(user):
        visible |= Q(to_organisation_id=user.organisation_id)
    return queryset.filter(visible)


def can_answer_call_referral(user: User, referral: SentToOrganisation) -> bool:
    """The office a potential case was referred to answers it (the hotline never does)."""
    return receives_call_referrals(user) and referral.to_organisation_id == user.organisation_id


def can_accept_call_referral(user: User, referral: SentToOrganisation) -> bool:
    """Accepting opens a case: the receiving office's case managers only."""
    return can_answer_call_referral(user, referral) and has_capability(
        user, Capability.MANAGE_CASES
    )


def call_referral_shows_person(
    user: User, referral: SentToOrganisation, *, waiting: bool, accepted: bool
) -> bool:
    """The receiving office sees the person until it answers (then through the case it opened);
    the hotline until the office takes the person on."""
    if can_answer_call_referral(user, referral):
        return waiting
    return not accepted


def can_refer_call(user: User, call: HeldByOrganisation) -> bool:
    """The hotline that took a call refers its potential case."""
    return has_capability(user, Capability.LOG_HOTLINE_CALLS) and (
        user.organisation_id is not None and call.organisation_id == user.organisation_id
    )


# --- services ------------------------------------------------------------------------------


def can_edit_service_offer(user: User, offer: HeldByOrganisation) -> bool:
    """An organisation keeps its own entries of the service directory; user administrators
    keep everyone's."""
    return (
        user.organisation_id is not None and offer.organisation_id == user.organisation_id
    ) or has_capability(user, Capability.MANAGE_USERS)


def can_record_service_as(
    user: User,
    case: OfficeRecord,
    *,
    provider: models.Model | None,
    referral: SentToOrganisation | None,
) -> bool:
    """Who records a service given on a case: the case's office, any; an organisation that
    accepted a referral of the case, only its own services under its own referrals."""
    if not can_record_service_for(user, case):
        return False
    if can_manage_case(user, case):
        return True
    own_provider = getattr(provider, "pk", None) == user.organisation_id
    return own_provider and (
        referral is None or referral.to_organisation_id == user.organisation_id
    )


class GivenService(Protocol):
    """A service given on a case: by whom, under which referral."""

    @property
    def case(self) -> OfficeRecord: ...
    @property
    def provider(self) -> models.Model: ...
    @property
    def referral(self) -> SentToOrganisation | None: ...


def can_correct_service(user: User, delivery: GivenService) -> bool:
    """Correct or void a service given: whoever may record that very service (the case's
    office, any; a receiver, its own services under its own referrals)."""
    return can_record_service_as(
        user, delivery.case, provider=delivery.provider, referral=delivery.referral
    )


# --- printouts -----------------------------------------------------------------------------
# A printout shows what its page shows: the same sections, to the same people.


def can_print_case_summary(user: User, case: OfficeRecord) -> bool:
    """The case summary for the file: whoever sees the case (a receiver, its consented part)."""
    return bool(case_sections_for(user, case))


def can_print_consent_form(user: User, person: OfficeRecord) -> bool:
    """The blank consent form to sign: whoever records the person's consent."""
    return can_record_consent_for(user, person)


def can_print_referral_letter(user: User, referral: CaseReferral) -> bool:
    """The letter a partner without an account receives on paper: the referring office."""
    return can_manage_case(user, referral.case)


# --- transfer of a case to another province's office ---------------------------------------


class CaseTransferRecord(SentToOrganisation, Protocol):
    @property
    def from_organisation_id(self) -> int | None: ...
    @property
    def case(self) -> OfficeRecord: ...


def can_request_transfer(user: User, case: OfficeRecord) -> bool:
    """The holding office's case workers and managers ask another province's office."""
    return can_manage_case(user, case)


def can_answer_transfer(user: User, transfer: SentToOrganisation) -> bool:
    """The receiving office's case workers and managers accept or decline."""
    return (
        user.organisation_id is not None
        and user.organisation_id == transfer.to_organisation_id
        and has_capability(user, Capability.MANAGE_CASES)
    )


def can_cancel_transfer(user: User, transfer: CaseTransferRecord) -> bool:
    """The office that asked withdraws its request (while it waits: the service checks)."""
    return (
        user.organisation_id is not None
        and user.organisation_id == transfer.from_organisation_id
        and has_capability(user, Capability.MANAGE_CASES)
    )


def can_view_transfer(user: User, transfer: CaseTransferRecord) -> bool:
    """Both offices see the request: the receiving office, the case's holders, and the office
    that asked (after the case left, the request only: the case itself is out of its scope)."""
    asked = user.organisation_id is not None and (
        user.organisation_id == transfer.from_organisation_id
        and has_capability(user, Capability.MANAGE_CASES)
    )
    return asked or can_answer_transfer(user, transfer) or can_manage_case(user, transfer.case)


def cases_referable_by(user: User, queryset: QuerySet[M]) -> QuerySet[M]:
    """Cases the user may refer onwards (from the service directory): those of its office."""
    scope = scope_q(user, Capability.MANAGE_CASES)
    return queryset.none() if scope is None else queryset.filter(scope)


# --- corrections: editing and voiding a record entered by mistake --------------------------
# Whoever may create a record corrects it: the office that recorded it, within its scope.


def _own_office(user: User, record: HeldByOrganisation) -> bool:
    return user.organisation_id is not None and record.organisation_id == user.organisation_id


def can_correct_prevention(user: User, record: OfficeRecord) -> bool:
    """An awareness activity or a risk assessment: its office's prevention staff in scope."""
    return _own_office(user, record) and in_scope(
        user,
        Capability.MANAGE_PREVENTION,
        province_id=record.province_id,
        district_id=record.district_id,
    )


def can_correct_call(user: User, call: HeldByOrganisation) -> bool:
    """A hotline call: the hotline service that took it."""
    return has_capability(user, Capability.LOG_HOTLINE_CALLS) and _own_office(user, call)


def can_correct_training(user: User, session: OfficeRecord) -> bool:
    """A training session: trainers of the organising office, in scope."""
    return _own_office(user, session) and in_scope(
        user,
        Capability.MANAGE_TRAINING,
        province_id=session.province_id,
        district_id=session.district_id,
    )


def courses_correctable_by(
    user: User, courses: QuerySet[M], sessions: QuerySet[Any]
) -> QuerySet[M]:
    """Courses of the shared catalogue a trainer may correct or void. National trainers: all.
    A correction changes every session given of the course (`sessions`: all of them, voided
    too), so others only where their scope covers every one; a course never given yet, the
    trainers of the office that added it (one added before that was recorded: any trainer)."""
    condition = scope_q(user, Capability.MANAGE_TRAINING)
    if condition is None:
        return courses.none()
    if condition == Q():
        return courses.all()
    outside = sessions.filter(course=OuterRef("pk")).exclude(condition)
    given = sessions.filter(course=OuterRef("pk"))
    ours = Q(created_by__isnull=True)
    if user.organisation_id is not None:
        ours |= Q(created_by__organisation_id=user.organisation_id)
    return courses.exclude(Exists(outside)).filter(Q(Exists(given)) | ours)


def can_edit_course(user: User, course: models.Model, sessions: QuerySet[Any]) -> bool:
    """Correct or void a course: see `courses_correctable_by`."""
    return courses_correctable_by(user, _same(course), sessions).exists()


def can_correct_plan(user: User, case: OfficeRecord) -> bool:
    """A need or a plan action: whoever may change the case."""
    return can_manage_case(user, case)


def can_void_screening(user: User, screening: Any) -> bool:
    """A screening entered by mistake is voided by whoever may screen the person (the office
    that holds the person whole); a receiver of a referral never does."""
    return can_screen_person(user, screening.person)


# --- Monitoring: small numbers and indicator reports ---------------------------------------
# Roles that work with aggregates only: they never see counts from 1 to 4 (docs/privacy.md).
AGGREGATE_ONLY_ROLES = frozenset({Role.ME_OFFICER, Role.NATIONAL_SECRETARIAT})


def sees_small_numbers(user: User, scope_province_id: int | None) -> bool:
    """Whether aggregates over this scope (None: the whole country) are shown to the user with
    their small counts: only to a user who may open the cases and persons behind them, over the
    whole scope, and never to the M&E officer or the national secretariat."""
    if roles_of(user) & AGGREGATE_ONLY_ROLES:
        return False
    condition = scope_q(user, Capability.VIEW_CASES)
    if condition is None:
        return False
    if condition == Q():
        return True
    if scope_province_id is None:
        return False
    return any(
        a.scope == ScopeLevel.PROVINCE
        and a.province_id == scope_province_id
        and Capability.VIEW_CASES in ROLE_CAPABILITIES.get(a.role, ())
        for a in _assignments(user)
    )


def report_provinces_for(user: User) -> set[int] | None:
    """Provinces whose indicator reports the user may request: None for the whole country (and
    every province), an empty set for none."""
    condition = scope_q(user, Capability.VIEW_REPORTS)
    if condition is None:
        return set()
    if condition == Q():
        return None
    return {
        a.province_id
        for a in _assignments(user)
        if Capability.VIEW_REPORTS in ROLE_CAPABILITIES.get(a.role, ())
        and a.scope == ScopeLevel.PROVINCE
        and a.province_id is not None
    }


def can_request_report(user: User, scope_province_id: int | None) -> bool:
    """An indicator report over the country (None) or one province."""
    provinces = report_provinces_for(user)
    if provinces is None:
        return has_capability(user, Capability.VIEW_REPORTS)
    return scope_province_id is not None and scope_province_id in provinces


# The indicator dashboard reads aggregates over the reporting scope above. Which of the lists
# behind a number the user may open is the lists' own rule (their capabilities).


def can_view_dashboard(user: User) -> bool:
    """The indicator dashboard: VIEW_REPORTS over the country or at least one province (a role
    held over one district gives no province's numbers: a total would show more than it)."""
    return report_provinces_for(user) != set()


def report_scope_q(user: User, *, province: str = "province") -> Q | None:
    """A filter for the records counted in the user's reporting scope (Q() everything, None
    nothing): aggregates only, never a list of records."""
    provinces = report_provinces_for(user)
    if provinces is None:
        return Q()
    if not provinces:
        return None
    return Q(**{f"{province}_id__in": sorted(provinces)})


# --- the justice file of a case -------------------------------------------------------------
# The criminal-justice file (complaint, investigation, suspects, charges, court) is the police
# anti-trafficking officers' and the owning office's: read and kept by those whose scope covers
# the case. Never through a referral grant (scope only, no AccessGrant), never in a public output.


def can_view_justice_file(user: User, case: OfficeRecord) -> bool:
    """The office that holds the case whole (its "justice" section) and the police, in scope."""
    return "justice" in case_sections_for(user, case) and in_scope(
        user, Capability.JUSTICE_FILES, province_id=case.province_id, district_id=case.district_id
    )


def can_edit_justice_file(user: User, case: OfficeRecord) -> bool:
    """Police officers in scope and the owning office's case managers."""
    if not can_view_justice_file(user, case):
        return False
    return can_manage_case(user, case) or Role.POLICE_OFFICER in roles_of(user)


def justice_files_visible_to(
    user: User, queryset: QuerySet[M], *, case: str = "case"
) -> QuerySet[M]:
    """Records of justice files (or hearings, through `case`) whose case lies in the user's scope
    for both the case itself and the justice files; grants never count."""
    cases = scope_q(
        user, Capability.VIEW_CASES, province=f"{case}__province", district=f"{case}__district"
    )
    justice = scope_q(
        user, Capability.JUSTICE_FILES, province=f"{case}__province", district=f"{case}__district"
    )
    if cases is None or justice is None:
        return queryset.none()
    return queryset.filter(cases).filter(justice)


def hearings_to_remind(user: User, queryset: QuerySet[M]) -> QuerySet[M]:
    """Hearings a user is reminded of: a case worker's own cases (case worker or team); a police
    officer's, every justice file in scope (the unit follows all of them)."""
    visible = justice_files_visible_to(user, queryset, case="file__case")
    mine = Q(file__case__caseworker=user) | Q(file__case__team=user)
    if Role.POLICE_OFFICER in roles_of(user):
        police = scope_q(
            user,
            Capability.JUSTICE_FILES,
            province="file__case__province",
            district="file__case__district",
        )
        if police == Q():  # national: every file (an empty Q would swallow the OR)
            return visible
        mine |= police if police is not None else Q(pk__in=[])
    return visible.filter(mine).distinct()


# --- economic reintegration (livelihoods) --------------------------------------------------


class CaseTraining(Protocol):
    """A vocational training of a case, given by a provider organisation."""

    @property
    def case(self) -> OfficeRecord: ...
    @property
    def provider_id(self) -> int | None: ...


def can_view_livelihoods(user: User, case: OfficeRecord) -> bool:
    """The livelihood part of a case is the office's: whoever sees the case whole."""
    return "livelihoods" in case_sections_for(user, case)


def can_manage_livelihoods(user: User, case: OfficeRecord) -> bool:
    """Assessments, jobs, businesses, savings and their checks: the case's managers."""
    return can_manage_case(user, case)


def can_record_training_for(user: User, case: OfficeRecord) -> bool:
    """The case's office, or an organisation that accepted a referral of the case (a vocational
    centre records the course it gives, as services are recorded)."""
    return can_record_service_for(user, case)


def can_record_training_as(
    user: User,
    case: OfficeRecord,
    *,
    provider: models.Model | None,
    referral: SentToOrganisation | None,
) -> bool:
    """The office records any training; a receiver only its own, under its own referral."""
    if can_manage_livelihoods(user, case):
        return True
    if not can_record_training_for(user, case) or referral is None:
        return False
    own = user.organisation_id
    return getattr(provider, "pk", None) == own and referral.to_organisation_id == own


def trainings_visible_to(user: User, case: OfficeRecord, queryset: QuerySet[M]) -> QuerySet[M]:
    """Of a case's trainings, the office sees all; a receiver only those it gives itself."""
    if can_view_livelihoods(user, case):
        return queryset.all()
    if user.organisation_id is None or not can_record_training_for(user, case):
        return queryset.none()
    return queryset.filter(provider_id=user.organisation_id)


def can_edit_training(user: User, training: CaseTraining) -> bool:
    """Completion, drop-out and certificate: the office, or the provider that gives it."""
    if can_manage_livelihoods(user, training.case):
        return True
    own = user.organisation_id is not None and training.provider_id == user.organisation_id
    return own and can_record_training_for(user, training.case)


def can_use_employer_directory(user: User) -> bool:
    """The employer directory is the case offices' tool (employers have no account)."""
    return has_capability(user, Capability.MANAGE_CASES)


class InProvince(Protocol):
    @property
    def province_id(self) -> int | None: ...


def can_edit_employer(user: User, employer: InProvince) -> bool:
    """An entry of the directory is kept by case workers and managers of its province."""
    if not can_use_employer_directory(user):
        return False
    provinces = provinces_in_scope(user)
    return provinces is None or employer.province_id in provinces


# --- Monitoring: the indicator catalogue, hand-entered values and targets (branch engine) ------


def can_view_indicator_catalogue(user: User) -> bool:
    """The catalogue (codes, names, rules, targets, the programme area) holds no personal data:
    whoever may see the indicators may read it, and the administrators of reference lists."""
    return has_capability(user, Capability.VIEW_REPORTS) or has_capability(
        user, Capability.MANAGE_REFERENCE_LISTS
    )


def can_enter_indicator_values(user: User) -> bool:
    """Hand-entered values (laws passed, population figures) are national figures: entered by
    the M&E officer and the national secretariat (`manage_indicators`), of national scope."""
    return has_capability(user, Capability.MANAGE_INDICATORS) and is_national(
        user, Capability.MANAGE_INDICATORS
    )


def can_set_indicator_targets(user: User) -> bool:
    """Targets per indicator, period and province: the same national report viewers."""
    return can_enter_indicator_values(user)


def can_edit_programme_area(user: User) -> bool:
    """Which provinces form the programme's target area: national administrators of the
    reference lists, and those who set the targets."""
    national_admin = has_capability(user, Capability.MANAGE_REFERENCE_LISTS) and is_national(
        user, Capability.MANAGE_REFERENCE_LISTS
    )
    return national_admin or can_set_indicator_targets(user)


# --- programme management and coordination -------------------------------------------------
# The work plan and the committees lie in a province (or nowhere: national). National roles
# keep all of them and the budget (`manage_budget`); a provincial manager those of the
# province. An action item's owner, whatever the role, sees the meeting that gave it and
# records its follow-up.


# Who may own a committee's action item: staff of every role that does the programme's work
# (all but the system administrator's, which reads no content).
ACTION_OWNER_CAPABILITIES = tuple(
    c for c in Capability if c not in {Capability.MANAGE_USERS, Capability.MANAGE_REFERENCE_LISTS}
)


def action_owner_roles() -> list[str]:
    return [
        r for r in Role.values if set(ACTION_OWNER_CAPABILITIES) & ROLE_CAPABILITIES.get(r, set())
    ]


class ProgrammeAction(Protocol):
    """An action item decided by a committee's meeting, owned by a user."""

    @property
    def owner_id(self) -> int | None: ...
    @property
    def committee_province_id(self) -> int | None: ...


def _programme_q(user: User) -> Q | None:
    """Q() for everything, a province filter, or None (nothing). District scopes reach nothing:
    the programme is run nationally and by province."""
    condition: Q | None = None
    for assignment in _assignments(user) if user.is_authenticated and user.is_active else []:
        if Capability.MANAGE_PROGRAMME not in ROLE_CAPABILITIES.get(assignment.role, ()):
            continue
        if assignment.scope == ScopeLevel.NATIONAL:
            return Q()
        if assignment.scope == ScopeLevel.PROVINCE:
            part = Q(province_id=assignment.province_id)
            condition = part if condition is None else condition | part
    return condition


def programme_records_visible_to(user: User, queryset: QuerySet[M]) -> QuerySet[M]:
    """Work plan activities or committees (both have `province`) the user manages."""
    condition = _programme_q(user)
    return queryset.none() if condition is None else queryset.filter(condition)


def can_manage_programme_in(user: User, *, province_id: int | None) -> bool:
    """Record or change a work plan activity or a committee (its meetings, its actions) of
    this province; `None`, a national one: national roles only."""
    for assignment in _assignments(user) if user.is_authenticated and user.is_active else []:
        if Capability.MANAGE_PROGRAMME not in ROLE_CAPABILITIES.get(assignment.role, ()):
            continue
        if assignment.scope == ScopeLevel.NATIONAL:
            return True
        in_province = assignment.scope == ScopeLevel.PROVINCE and province_id is not None
        if in_province and assignment.province_id == province_id:
            return True
    return False


def can_manage_budget(user: User) -> bool:
    """The budget is the whole programme's: its holders over the whole country only."""
    return any(
        assignment.scope == ScopeLevel.NATIONAL
        and Capability.MANAGE_BUDGET in ROLE_CAPABILITIES.get(assignment.role, ())
        for assignment in (_assignments(user) if user.is_authenticated and user.is_active else [])
    )


def can_follow_up_action(user: User, action: ProgrammeAction) -> bool:
    """The action's owner, and whoever manages its committee, record its follow-up."""
    if user.is_authenticated and user.is_active and action.owner_id == user.pk:
        return True
    return can_manage_programme_in(user, province_id=action.committee_province_id)


# --- data exchange: exports (branch exports) -------------------------------------------------
# Anonymised and aggregate exports for partner systems (CTDC, DHIS2) are the national data
# managers': the national secretariat and the M&E officer (`export_anonymised`), over the whole
# country. An export is its requester's alone (exchange.services: the same 404 for others).


def can_use_exports(user: User) -> bool:
    """The exports page: whoever may request at least one kind of export sees it."""
    return has_capability(user, Capability.EXPORT_ANONYMISED) or can_export_htcds(user)


def can_export_ctdc(user: User) -> bool:
    """The CTDC Global Dataset (anonymised rows, k-anonymous): national data managers only."""
    return is_national(user, Capability.EXPORT_ANONYMISED)


def can_export_dhis2(user: User) -> bool:
    """Indicator values as a DHIS2 dataValueSet (aggregates, small numbers hidden): the same."""
    return is_national(user, Capability.EXPORT_ANONYMISED)


def can_manage_dhis2_mapping(user: User) -> bool:
    """Which DHIS2 codes the provinces and indicators carry: national administrators of the
    reference lists and the national M&E managers (`manage_indicators`)."""
    return is_national(user, Capability.MANAGE_REFERENCE_LISTS) or is_national(
        user, Capability.MANAGE_INDICATORS
    )


# --- HTCDS case file sets (exchange) ----------------------------------------------------------
# A case file set in IOM's HTCDS, made for a partner organisation, holds whole persons and cases:
# the offices that manage cases export their own (their MANAGE_CASES scope), never what they see
# through a referral. Which of those persons reach which partner is the persons' consent's
# (`cases.services.persons_consenting_to_share`), applied by the export itself.


def can_export_htcds(user: User) -> bool:
    """Case workers and provincial managers: the offices that hold cases whole."""
    return has_capability(user, Capability.MANAGE_CASES)


def persons_htcds_exportable_by(user: User, queryset: QuerySet[M]) -> QuerySet[M]:
    """Persons seen whole and held within the user's scope for managing cases."""
    if not can_export_htcds(user):
        return queryset.none()
    condition = _person_full_q(user, queryset.model, Capability.MANAGE_CASES)
    if condition is None:
        return queryset.none()
    return persons_fully_visible_to(user, queryset).filter(condition)


def cases_htcds_exportable_by(user: User, queryset: QuerySet[M]) -> QuerySet[M]:
    """Cases whose office lies within the user's scope for managing cases."""
    condition = scope_q(user, Capability.MANAGE_CASES) if can_export_htcds(user) else None
    if condition is None:
        return queryset.none()
    return queryset.filter(condition)


# --- Bulk import (#18): who may import what, and where each row may go ---------------------


def can_import_cases(user: User) -> bool:
    """Historical persons with their cases: whoever manages cases for an office of a province
    or district (case workers, provincial managers), row by row within their scope (a person
    imported belongs to the importer's office, as one registered on the page)."""
    return has_capability(user, Capability.MANAGE_CASES) and not registers_nationally(user)


def can_import_cases_in(user: User, *, province_id: int | None, district_id: int | None) -> bool:
    """One imported person and case: inside the user's scope for managing cases."""
    return can_import_cases(user) and in_scope(
        user, Capability.MANAGE_CASES, province_id=province_id, district_id=district_id
    )


def can_import_activities(user: User) -> bool:
    """Prevention activities: prevention officers (within their area, row by row)."""
    return has_capability(user, Capability.MANAGE_PREVENTION)


def can_import_activities_in(
    user: User, *, province_id: int | None, district_id: int | None
) -> bool:
    return in_scope(
        user, Capability.MANAGE_PREVENTION, province_id=province_id, district_id=district_id
    )


def can_import(user: User, kind: str) -> bool:
    """Whether the user may import files of `kind` (an ImportKind value) at all."""
    checks = {"persons_cases": can_import_cases, "activities": can_import_activities}
    check = checks.get(kind)
    return check is not None and check(user)


def can_import_anything(user: User) -> bool:
    return can_import_cases(user) or can_import_activities(user)


def import_jobs_visible_to(user: User, queryset: QuerySet[M]) -> QuerySet[M]:
    """An import (its file, its errors, its flagged duplicates) is its requester's alone."""
    if not user.is_authenticated or not user.is_active or not can_import_anything(user):
        return queryset.none()
    return queryset.filter(requested_by=user)


# --- API tokens (pokpong/api) -----------------------------------------------------------------
# A personal token acts as its owner; an integration token acts as a service account of its
# organisation whose roles an administrator chose: every rule above then applies unchanged.
# A service account's username starts with SERVICE_ACCOUNT_PREFIX, which no username typed on a
# form can (Django's usernames have no colon); it has no usable password and never signs in.

SERVICE_ACCOUNT_PREFIX = "integration:"
# What an integration may act as: any role but the administrators' (users and roles stay with
# people, who sign in with two factors).
INTEGRATION_ROLES = tuple(role for role in Role.values if role != Role.ADMINISTRATOR)


class ApiTokenRecord(Protocol):
    """What the policy reads of an API token."""

    @property
    def user_id(self) -> int: ...
    @property
    def organisation_id(self) -> int: ...
    @property
    def is_integration(self) -> bool: ...
    @property
    def allows_writes(self) -> bool: ...


def is_service_account(user: User) -> bool:
    return bool(user.is_authenticated and user.username.startswith(SERVICE_ACCOUNT_PREFIX))


def can_hold_personal_token(user: User) -> bool:
    """Any person holding a role may call the API as themselves (never a service account)."""
    return (
        user.is_authenticated
        and user.is_active
        and not is_service_account(user)
        and bool(roles_of(user))
        and user.organisation_id is not None
    )


def can_manage_integration_tokens(user: User) -> bool:
    return has_capability(user, Capability.MANAGE_USERS)


def organisations_for_integrations(user: User) -> QuerySet[Organisation]:
    """The organisations whose integrations the administrator makes and revokes: those they
    manage (an integration's roles hold over its organisation's place, in their scope)."""
    return organisations_manageable_by(user).filter(is_active=True)


def can_manage_api_token(user: User, token: ApiTokenRecord) -> bool:
    """Revoke (and see) a token: a personal one its owner; an integration's the administrators
    of its organisation."""
    if not user.is_authenticated or not user.is_active:
        return False
    if token.is_integration:
        return organisations_for_integrations(user).filter(pk=token.organisation_id).exists()
    return token.user_id == user.pk


def api_tokens_manageable_by(user: User, queryset: QuerySet[M]) -> QuerySet[M]:
    """The tokens the user sees on the token pages: their own, and their organisations'
    integrations."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    condition = Q(kind="personal", user_id=user.pk)
    if can_manage_integration_tokens(user):
        offices = organisations_for_integrations(user).values("pk")
        condition |= Q(kind="integration", organisation_id__in=offices)
    return queryset.filter(condition)


def api_token_may(token: ApiTokenRecord, *, write: bool) -> bool:
    """A read-only token reads; a read-write token also writes (where its user may)."""
    return token.allows_writes or not write


# ---- issue 20 (audit helper): a page that only reads asks once whether the user sees a case ----

_case_access_memo: ContextVar[dict[tuple[Any, ...], bool] | None] = ContextVar(
    "case_access_memo", default=None
)


@contextmanager
def case_access_remembered() -> Iterator[None]:
    """While a page that changes nothing is built (the case page), whether a user sees a case is
    asked of the database once: its sections, panels and follow-ups ask again about the same case.
    Outside this block every check asks afresh (a change may have moved the case)."""
    token = _case_access_memo.set({})
    try:
        yield
    finally:
        _case_access_memo.reset(token)


def _can_view_case_once(user: User, case: OfficeRecord) -> bool:
    memo = _case_access_memo.get()
    if memo is None:
        return cases_visible_to(user, _same(case)).exists()
    key = (user.pk, type(case), getattr(case, "pk", None))
    if key not in memo:
        memo[key] = cases_visible_to(user, _same(case)).exists()
    return memo[key]
