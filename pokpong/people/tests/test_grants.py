"""core/grants.py is the one write path for access grants: every create, revoke and expiry is
audited there, and no other module writes AccessGrant rows (security #13)."""

import datetime as dt
import re
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

from pokpong.accounts.models import Organisation, User
from pokpong.accounts.policy import has_grant
from pokpong.accounts.tests.factories import OrganisationFactory
from pokpong.core.grants import (
    grant_create,
    grant_expire_due,
    grant_revoke,
    grants_revoke_for,
    grants_set_expiry,
)
from pokpong.core.models import AccessGrant, AuditAction, AuditEntry
from pokpong.people.tests.factories import PersonFactory

ROOT = Path(__file__).resolve().parents[2]  # the pokpong package
WRITES = [
    re.compile(r"(?<!class )\bAccessGrant\s*\("),
    re.compile(r"AccessGrant\.objects\.(create|bulk_create|get_or_create|update_or_create)\b"),
    re.compile(r"\.(update|bulk_update)\([^)]*\b(revoked_at|expires_at)\b", re.S),
    re.compile(r"\.(revoked_at|expires_at)\s*=(?!=)"),
    re.compile(r"\bgrants?\.(save|delete)\("),
]


def _writes(text: str) -> list[str]:
    return [m.group(0) for pattern in WRITES for m in pattern.finditer(text)]


def test_the_scan_recognises_the_ways_grants_used_to_be_written():
    assert _writes("AccessGrant.objects.create(grantee_organisation=org)")
    assert _writes("grants.update(revoked_at=timezone.now())")
    assert _writes("AccessGrant.objects.filter(x=1).update(\n    revoked_at=now)")
    assert _writes("grant.revoked_at = timezone.now()\ngrant.save(update_fields=[])")
    assert not _writes("AccessGrant.objects.filter(revoked_at__isnull=True)")


def test_no_module_but_the_grants_service_writes_access_grants():
    found = {}
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative == "core/grants.py" or "/migrations/" in relative or "/tests/" in relative:
            continue
        text = path.read_text(encoding="utf-8")
        if "grant" not in text.lower():  # other records have a revoked_at too (certificates)
            continue
        hits = _writes(text)
        if hits:
            found[relative] = hits
    assert found == {}


@pytest.fixture
def person(caseworker):
    return PersonFactory(registered_by=caseworker)


@pytest.fixture
def shelter_org(db):
    return OrganisationFactory()


def _member(organisation: Organisation) -> User:
    """Just enough of a user for policy.has_grant: active, signed in, in an organisation
    (not saved)."""
    return User(organisation=organisation)


@pytest.mark.django_db
def test_a_grant_is_created_and_revoked_with_an_audit_entry_each(caseworker, person, shelter_org):
    grant = grant_create(
        user=caseworker, obj=person, organisation=shelter_org, purpose="referral", reason="r 1"
    )
    member = _member(shelter_org)
    assert has_grant(member, person)
    assert grant_revoke(user=caseworker, grant=grant, why="test")
    assert not grant_revoke(user=caseworker, grant=grant, why="again")  # once only
    assert not has_grant(member, person)
    actions = list(
        AuditEntry.objects.filter(object_type="people.person").values_list("action", flat=True)
    )
    assert sorted(actions) == [AuditAction.GRANT, AuditAction.REVOKE]


@pytest.mark.django_db
def test_an_expired_grant_gives_no_access_and_is_recorded_by_the_daily_run(
    caseworker, person, shelter_org
):
    until = timezone.now() + dt.timedelta(hours=1)
    grant_create(
        user=caseworker, obj=person, organisation=shelter_org, purpose="other", expires_at=until
    )
    member = _member(shelter_org)
    assert has_grant(member, person)
    with time_machine.travel(until + dt.timedelta(seconds=1)):
        assert not has_grant(member, person)
        assert grant_expire_due() == 1
    grant = AccessGrant.objects.get()
    assert grant.revoked_at is not None
    entry = AuditEntry.objects.get(action=AuditAction.REVOKE)
    assert entry.extra["why"] == "expired"


@pytest.mark.django_db
def test_a_new_expiry_is_audited_and_a_lapsed_grant_is_not_revived(caseworker, person, shelter_org):
    soon = timezone.now() + dt.timedelta(hours=1)
    grant_create(
        user=caseworker, obj=person, organisation=shelter_org, purpose="other", expires_at=soon
    )
    grants = AccessGrant.objects.all()
    with time_machine.travel(soon + dt.timedelta(minutes=1)):
        assert grants_set_expiry(user=caseworker, grants=grants, expires_at=None, why="x") == 0
    assert AccessGrant.objects.get().revoked_at is not None
    grant_create(user=caseworker, obj=person, organisation=shelter_org, purpose="other")
    assert grants_revoke_for(user=caseworker, obj=person, why="done") == 1
