"""Screenings, consents and identifications: read-only, for whoever sees the person whole (the
person page's sections; a referral receiver sees none of them). Recorded on the pages."""

from typing import Any

from django.db.models import Model, QuerySet
from rest_framework import serializers

from pokpong.accounts.models import User
from pokpong.accounts.policy import PERSON_CAPABILITIES
from pokpong.api.serializers import RecordSerializer
from pokpong.api.viewsets import ResourceViewSet
from pokpong.cases import selectors
from pokpong.cases.models import Consent, Identification, Screening


class ScreeningSerializer(RecordSerializer[Screening]):
    answers = serializers.DictField(read_only=True)

    class Meta:
        model = Screening
        fields = (
            "id",
            "person",
            "form_version",
            "screened_on",
            "location",
            "interpreter_used",
            "answers",
            "notes",
            "outcome",
            "is_child",
            "screened_by",
            "organisation",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class ConsentSerializer(RecordSerializer[Consent]):
    class Meta:
        model = Consent
        fields = (
            "id",
            "person",
            "for_services",
            "share_with",
            "for_statistics",
            "for_photo",
            "given_by",
            "guardian_name",
            "given_on",
            "method",
            "witness_name",
            "recorded_by",
            "organisation",
            "withdrawn_on",
            "withdrawal_reason",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class IdentificationSerializer(RecordSerializer[Identification]):
    class Meta:
        model = Identification
        fields = (
            "id",
            "person",
            "decision",
            "decided_on",
            "police_unit",
            "reference",
            "basis",
            "forms_of_trafficking",
            "notes",
            "recorded_by",
            "organisation",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class PersonRecordViewSet(ResourceViewSet):
    """A record of a person's file: audited as a part of the person."""

    read_capabilities = PERSON_CAPABILITIES

    def audit_parent(self, record: Any) -> Model | None:
        return record.person  # type: ignore[no-any-return]


class ScreeningViewSet(PersonRecordViewSet):
    serializer_class = ScreeningSerializer
    audit_fields = ("answers", "notes")

    def records_for(self, user: User) -> QuerySet[Screening]:
        return selectors.screening_list_for_user(user=user)


class ConsentViewSet(PersonRecordViewSet):
    serializer_class = ConsentSerializer
    audit_fields = ("consent", "guardian_name", "witness_name")

    def records_for(self, user: User) -> QuerySet[Consent]:
        return selectors.consent_list_for_user(user=user)


class IdentificationViewSet(PersonRecordViewSet):
    serializer_class = IdentificationSerializer
    audit_fields = ("identification", "notes")

    def records_for(self, user: User) -> QuerySet[Identification]:
        return selectors.identification_list_for_user(user=user)
