"""Reference lists: provinces, districts, countries and the fixed choices. No personal data,
read-only, for every caller; small lists without timestamps, so no `updated_since`."""

from typing import Any

from django.db.models import QuerySet, TextChoices
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from pokpong.accounts.models import User
from pokpong.api.pagination import SyncCursorPagination
from pokpong.api.serializers import RecordSerializer
from pokpong.api.viewsets import ApiView, ResourceViewSet
from pokpong.cases.models import (
    CameToLight,
    CaseStatus,
    ConsentGiver,
    ConsentMethod,
    IdentificationBasis,
    IdentificationDecision,
    MeansOfControl,
    RecruiterRelationship,
    RiskLevel,
    ScreeningOutcome,
    Transport,
)
from pokpong.cases.models.forms_of_trafficking import FormOfTrafficking
from pokpong.people.models import (
    BirthDatePrecision,
    DocumentType,
    EthnicGroup,
    GuardianRelationship,
    Language,
    Sex,
    Title,
)
from pokpong.places.models import Country, District, Province


class ByKeyPagination(SyncCursorPagination):
    ordering = ("pk",)


class ProvinceSerializer(RecordSerializer[Province]):
    class Meta:
        model = Province
        fields = ("id", "national_code", "iso_code", "name_lo", "name_en")


class DistrictSerializer(RecordSerializer[District]):
    class Meta:
        model = District
        fields = ("id", "code", "province", "name_lo", "name_en", "is_active")


class CountrySerializer(RecordSerializer[Country]):
    class Meta:
        model = Country
        fields = ("id", "alpha2", "alpha3", "name_en", "name_lo", "is_active")


class ReferenceViewSet(ResourceViewSet):
    pagination_class = ByKeyPagination

    def get_queryset(self) -> QuerySet[Any]:
        return self.records_for(self.user)

    @extend_schema(parameters=[])
    def list(self, request: Request) -> Response:
        return super().list(request)


class ProvinceViewSet(ReferenceViewSet):
    serializer_class = ProvinceSerializer

    def records_for(self, user: User) -> QuerySet[Province]:
        return Province.objects.all()


class DistrictViewSet(ReferenceViewSet):
    serializer_class = DistrictSerializer

    def records_for(self, user: User) -> QuerySet[District]:
        return District.objects.all()


class CountryViewSet(ReferenceViewSet):
    serializer_class = CountrySerializer

    def records_for(self, user: User) -> QuerySet[Country]:
        return Country.objects.all()


class ReferenceItemSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name_lo = serializers.CharField()
    name_en = serializers.CharField()
    is_active = serializers.BooleanField()


class EthnicGroupViewSet(ReferenceViewSet):
    serializer_class = ReferenceItemSerializer

    def records_for(self, user: User) -> QuerySet[EthnicGroup]:
        return EthnicGroup.objects.all()


class FormOfTraffickingViewSet(ReferenceViewSet):
    serializer_class = ReferenceItemSerializer

    def records_for(self, user: User) -> QuerySet[FormOfTrafficking]:
        return FormOfTrafficking.objects.all()


# The fixed choices a client needs to read and write records, by the field that takes them.
CHOICES: dict[str, type[TextChoices]] = {
    "sex": Sex,
    "title": Title,
    "birth_date_precision": BirthDatePrecision,
    "languages": Language,
    "guardian_relationship": GuardianRelationship,
    "document_type": DocumentType,
    "case_status": CaseStatus,
    "risk_level": RiskLevel,
    "came_to_light": CameToLight,
    "recruiter_relationship": RecruiterRelationship,
    "means_of_control": MeansOfControl,
    "transport": Transport,
    "screening_outcome": ScreeningOutcome,
    "identification_decision": IdentificationDecision,
    "identification_basis": IdentificationBasis,
    "consent_given_by": ConsentGiver,
    "consent_method": ConsentMethod,
}
CHOICE = inline_serializer(
    "Choice", {"value": serializers.CharField(), "label": serializers.CharField()}
)


class ChoicesView(ApiView):
    """Every fixed list of choices: value (what the API takes) and label (caller's language)."""

    pagination_class = None

    @extend_schema(
        responses=inline_serializer(
            "Choices", {name: CHOICE.__class__(many=True) for name in sorted(CHOICES)}
        )
    )
    def get(self, request: Request) -> Response:
        return Response(
            {
                name: [{"value": value, "label": str(label)} for value, label in kind.choices]
                for name, kind in sorted(CHOICES.items())
            }
        )
