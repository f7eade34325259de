"""Referrals, services given and follow-up visits: read as the referral, case and visit pages
read them (pokpong/referrals/selectors.py). Read-only: they are answered, given and recorded on
the pages (none of these records carries a version for the 409 rule).

- referrals: the referring office (through the case) and the receiving organisation;
- services: those of every case the caller sees (a receiver: the cases it receives);
- follow-up visits: the office's every visit, a receiver's assigned ones.
"""

from django.db.models import Model, QuerySet

from pokpong.accounts.models import User
from pokpong.accounts.policy import Capability
from pokpong.api.serializers import RecordSerializer
from pokpong.api.viewsets import ResourceViewSet
from pokpong.referrals import selectors
from pokpong.referrals.models import FollowUpVisit, Referral, ServiceDelivery

REFERRAL_WORK = (Capability.VIEW_CASES, Capability.VIEW_REFERRALS)  # as `referral_work` pages


class ReferralSerializer(RecordSerializer[Referral]):
    class Meta:
        model = Referral
        fields = (
            "id",
            "case",
            "from_organisation",
            "to_organisation",
            "service_type",
            "urgency",
            "message",
            "status",
            "requested_by",
            "respond_by",
            "responded_by",
            "responded_at",
            "decline_reason",
            "closed_at",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class ServiceSerializer(RecordSerializer[ServiceDelivery]):
    class Meta:
        model = ServiceDelivery
        fields = (
            "id",
            "case",
            "referral",
            "service_type",
            "provider",
            "started_on",
            "ended_on",
            "outcome",
            "notes",
            "cost_lak",
            "recorded_by",
            "voided_at",
            "void_reason",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class FollowUpSerializer(RecordSerializer[FollowUpVisit]):
    class Meta:
        model = FollowUpVisit
        fields = (
            "id",
            "case",
            "due_on",
            "assigned_organisation",
            "done_on",
            "wellbeing",
            "income",
            "income_lak",
            "education",
            "safety",
            "retrafficking_risk",
            "notes",
            "visited_by",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class ReferralViewSet(ResourceViewSet):
    serializer_class = ReferralSerializer
    read_capabilities = REFERRAL_WORK
    audit_fields = ("message", "case", "person")  # as the referral page

    def records_for(self, user: User) -> QuerySet[Referral]:
        return selectors.referral_list_for_user(user=user)

    def audit_parent(self, record: Referral) -> Model | None:
        return record.case.person


class ServiceViewSet(ResourceViewSet):
    serializer_class = ServiceSerializer
    read_capabilities = REFERRAL_WORK
    audit_fields = ("service", "notes")  # as the service page

    def records_for(self, user: User) -> QuerySet[ServiceDelivery]:
        return selectors.service_list_for_user(user=user)

    def audit_parent(self, record: ServiceDelivery) -> Model | None:
        return record.case


class FollowUpViewSet(ResourceViewSet):
    serializer_class = FollowUpSerializer
    read_capabilities = REFERRAL_WORK
    audit_fields = ("follow-up", "person")  # as the visit page

    def records_for(self, user: User) -> QuerySet[FollowUpVisit]:
        return selectors.follow_up_list_for_user(user=user).select_related("case__person")

    def audit_parent(self, record: FollowUpVisit) -> Model | None:
        return record.case.person
