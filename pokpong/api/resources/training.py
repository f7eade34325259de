"""Training sessions and their participants: read as the training pages read them
(training.selectors: the sessions in the caller's MANAGE_TRAINING scope, the officials enrolled
in them). Read-only: sessions are planned and participants enrolled on the pages. No victim
data; a participant's name is personal data, so participants are audited."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pokpong.accounts.models import User
from pokpong.accounts.policy import Capability
from pokpong.api.serializers import RecordSerializer
from pokpong.api.viewsets import ResourceViewSet
from pokpong.training import selectors
from pokpong.training.models import Participant, TrainingSession


class TrainingSessionSerializer(RecordSerializer[TrainingSession]):
    participant_count = serializers.IntegerField(source="participants", read_only=True)

    class Meta:
        model = TrainingSession
        fields = (
            "id",
            "course",
            "starts_on",
            "ends_on",
            "hours",
            "venue",
            "province",
            "district",
            "trainers",
            "organisation",
            "funding_source",
            "gender_content",
            "first_responders",
            "prevention_actors",
            "participant_count",
            "voided_at",
            "void_reason",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class ParticipantSerializer(RecordSerializer[Participant]):
    sessions = serializers.SerializerMethodField()

    class Meta:
        model = Participant
        fields = (
            "id",
            "full_name",
            "sex",
            "age_group",
            "organisation",
            "position",
            "province",
            "sessions",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_sessions(self, participant: Any) -> list[int]:
        """The sessions (in the caller's scope) the official was enrolled in."""
        return sorted(e.session_id for e in participant.enrolments_seen)


class TrainingSessionViewSet(ResourceViewSet):
    serializer_class = TrainingSessionSerializer
    read_capabilities = (Capability.MANAGE_TRAINING,)

    def records_for(self, user: User) -> QuerySet[TrainingSession]:
        return selectors.session_list_for_user(user=user, with_voided=True)


class ParticipantViewSet(ResourceViewSet):
    serializer_class = ParticipantSerializer
    read_capabilities = (Capability.MANAGE_TRAINING,)
    audit_fields = ("name", "position")

    def records_for(self, user: User) -> QuerySet[Participant]:
        return selectors.participant_list_for_user(user=user)
