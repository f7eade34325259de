"""The person index and the duplicate review came from the matching app: their content types
follow them (people 0006), and audit entries written before the move still name their records."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import translation

from pokpong.core.audit import audit_record
from pokpong.core.models import AuditAction
from pokpong.core.selectors import audit_entries_for_object
from pokpong.core.templatetags.pokpong import audit_changes, audit_object
from pokpong.people.models import DuplicatePair, DuplicateReview, Merge

pytestmark = pytest.mark.django_db

migration = importlib.import_module("pokpong.people.migrations.0006_person_index_from_matching")
EDITOR = SimpleNamespace(connection=connection)


def test_the_content_types_and_their_permissions_follow_the_models():
    moved = ContentType.objects.get_for_model(Merge)
    permissions = set(Permission.objects.filter(content_type=moved).values_list("pk", flat=True))
    assert permissions  # add/change/delete/view_merge
    ContentType.objects.filter(pk=moved.pk).update(app_label="matching")  # as before the move
    ContentType.objects.clear_cache()

    migration.content_types_to_people(apps, EDITOR)
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(Merge).pk == moved.pk
    assert not ContentType.objects.filter(app_label="matching").exists()
    assert set(Permission.objects.filter(content_type=moved).values_list("pk", flat=True)) == (
        permissions
    )

    migration.content_types_to_matching(apps, EDITOR)  # the way back
    assert ContentType.objects.get(pk=moved.pk).app_label == "matching"
    migration.content_types_to_people(apps, EDITOR)
    ContentType.objects.clear_cache()


def test_a_content_type_already_made_for_people_is_left_alone():
    people = ContentType.objects.get_for_model(DuplicatePair)
    stale = ContentType.objects.create(app_label="matching", model="duplicatepair")
    migration.content_types_to_people(apps, EDITOR)
    stale.refresh_from_db()
    assert (stale.app_label, ContentType.objects.get(pk=people.pk).app_label) == (
        "matching",
        "people",
    )
    ContentType.objects.clear_cache()


def test_audit_entries_written_before_the_move_still_name_their_record(manager_user):
    review = DuplicateReview.objects.create(requested_by=manager_user)
    old = audit_record(
        actor=manager_user,
        action=AuditAction.UPDATE,
        object_type="matching.duplicatereview",
        object_id=str(review.pk),
        changes={"status": ["queued", "done"]},
    )
    new = audit_record(actor=manager_user, action=AuditAction.UPDATE, obj=review)
    with translation.override("en"):
        assert audit_object(old) == audit_object(new) == "Duplicate review"
        assert audit_changes(old) == [("Status", "Queued → Done")]
    assert {e.pk for e in audit_entries_for_object(obj=review)} == {old.pk, new.pk}


@pytest.fixture
def manager_user():
    from pokpong.accounts.models import Role
    from pokpong.accounts.tests.factories import UserFactory

    return UserFactory(roles=[Role.PROVINCIAL_MANAGER])
