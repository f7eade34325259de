"""Awareness activities and hotline calls: read as the prevention pages read them
(prevention.selectors: activities in the caller's MANAGE_PREVENTION scope, the calls of the
caller's own hotline). Read-only: recorded and corrected on the pages. Voided records are
listed with `voided_at` (a synchronising client learns of the voiding); they never count.

An activity holds counts only (nothing personal). A call's summary, and the person registered
from it, are personal data: every call shown is audited."""

from collections.abc import Sequence

from django.db.models import QuerySet

from pokpong.accounts.models import User
from pokpong.accounts.policy import Capability
from pokpong.api.serializers import RecordSerializer
from pokpong.api.viewsets import ResourceViewSet
from pokpong.prevention import selectors
from pokpong.prevention.models import AwarenessActivity, HotlineCall


class ActivitySerializer(RecordSerializer[AwarenessActivity]):
    class Meta:
        model = AwarenessActivity
        fields = (
            "id",
            "type",
            "held_on",
            "province",
            "district",
            "village",
            "organisation",
            "topics",
            "materials",
            "girls",
            "boys",
            "women",
            "men",
            "voided_at",
            "void_reason",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class HotlineCallSerializer(RecordSerializer[HotlineCall]):
    class Meta:
        model = HotlineCall
        fields = (
            "id",
            "received_at",
            "channel",
            "caller_type",
            "topic",
            "province",
            "summary",
            "outcome",
            "organisation",
            "taken_by",
            "person",
            "voided_at",
            "void_reason",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class ActivityViewSet(ResourceViewSet):
    serializer_class = ActivitySerializer
    read_capabilities = (Capability.MANAGE_PREVENTION,)

    def records_for(self, user: User) -> QuerySet[AwarenessActivity]:
        return selectors.activity_list_for_user(user=user, filters={}, with_voided=True)


class HotlineCallViewSet(ResourceViewSet):
    serializer_class = HotlineCallSerializer
    read_capabilities = (Capability.LOG_HOTLINE_CALLS,)
    audit_fields = ("summary", "person")

    def records_for(self, user: User) -> QuerySet[HotlineCall]:
        return selectors.call_list_for_user(user=user, with_voided=True)

    def fields_shown(self, record: HotlineCall) -> Sequence[str]:
        return ("summary", "person") if record.person_id else ("summary",)  # as the call page
