"""The plan, livelihood and justice parts of a case: read as the case's livelihood and justice pages
read them. Read-only (recorded on the pages; these records carry no version for the 409 rule).

- case plans: the office's part of the case page (a receiver never sees them);
- livelihood records (`policy.can_view_livelihoods`): the case's office, which sees the case
  whole; a vocational training also the organisation that gives it under an accepted referral
  (`policy.trainings_visible_to`). Voided records are listed with `voided_at`.
- justice files (`policy.can_view_justice_file`, stricter): the case's office and the police,
  in scope for both the case and justice files; never through a referral.

Every record shown is audited as a part of its case's person, as the pages audit them.
"""

from typing import Any, ClassVar

from django.db.models import Model, QuerySet

from pokpong.accounts.models import User
from pokpong.accounts.policy import Capability
from pokpong.api.serializers import RecordSerializer
from pokpong.api.viewsets import ResourceViewSet
from pokpong.cases.models import CasePlan
from pokpong.cases.selectors import case_plan_list_for_user
from pokpong.justice.models import JusticeFile
from pokpong.justice.selectors import justice_file_list_for_user
from pokpong.livelihoods import selectors as livelihood_selectors
from pokpong.livelihoods.models import (
    BusinessSupport,
    FinancialInclusion,
    JobPlacement,
    LivelihoodAssessment,
    VocationalTraining,
)

LIVELIHOOD_WORK = (Capability.MANAGE_CASES, Capability.VIEW_REFERRALS)  # as its pages


def _fields(model: type[Model]) -> tuple[str, ...]:
    """Every field of the record itself (ids for related records)."""
    return tuple(field.name for field in model._meta.concrete_fields)


class AssessmentSerializer(RecordSerializer[LivelihoodAssessment]):
    class Meta:
        model = LivelihoodAssessment
        fields = read_only_fields = _fields(LivelihoodAssessment)


class VocationalTrainingSerializer(RecordSerializer[VocationalTraining]):
    class Meta:
        model = VocationalTraining
        fields = read_only_fields = _fields(VocationalTraining)


class JobPlacementSerializer(RecordSerializer[JobPlacement]):
    class Meta:
        model = JobPlacement
        fields = read_only_fields = _fields(JobPlacement)


class BusinessSupportSerializer(RecordSerializer[BusinessSupport]):
    class Meta:
        model = BusinessSupport
        fields = read_only_fields = _fields(BusinessSupport)


class FinancialInclusionSerializer(RecordSerializer[FinancialInclusion]):
    class Meta:
        model = FinancialInclusion
        fields = read_only_fields = _fields(FinancialInclusion)


class JusticeFileSerializer(RecordSerializer[JusticeFile]):
    class Meta:
        model = JusticeFile
        fields = read_only_fields = _fields(JusticeFile)


class CasePlanSerializer(RecordSerializer[CasePlan]):
    class Meta:
        model = CasePlan
        fields = read_only_fields = (
            "id",
            "case",
            "goals",
            "status",
            "submitted_by",
            "approved_by",
            "approved_at",
            "return_comment",
            "returned_by",
            "returned_at",
            "created_at",
            "updated_at",
        )


class CasePartViewSet(ResourceViewSet):
    """A record of a case's part, audited as a part of the case's person."""

    read_capabilities: ClassVar[tuple[str, ...]] = LIVELIHOOD_WORK
    audit_fields = ("livelihoods",)
    model: ClassVar[Any]

    def records_for(self, user: User) -> QuerySet[Any]:
        records = self.model.all_objects.select_related("case", "case__person")
        return livelihood_selectors.livelihood_list_for_user(user=user, records=records)

    def audit_parent(self, record: Any) -> Model | None:
        return record.case.person  # type: ignore[no-any-return]


class AssessmentViewSet(CasePartViewSet):
    serializer_class = AssessmentSerializer
    model = LivelihoodAssessment


class VocationalTrainingViewSet(CasePartViewSet):
    serializer_class = VocationalTrainingSerializer
    model = VocationalTraining

    def records_for(self, user: User) -> QuerySet[Any]:
        trainings = livelihood_selectors.vocational_training_list_for_user(user=user)
        return trainings.select_related("case", "case__person")


class JobPlacementViewSet(CasePartViewSet):
    serializer_class = JobPlacementSerializer
    model = JobPlacement


class BusinessSupportViewSet(CasePartViewSet):
    serializer_class = BusinessSupportSerializer
    model = BusinessSupport


class FinancialInclusionViewSet(CasePartViewSet):
    serializer_class = FinancialInclusionSerializer
    model = FinancialInclusion


class JusticeFileViewSet(CasePartViewSet):
    serializer_class = JusticeFileSerializer
    read_capabilities = (Capability.JUSTICE_FILES,)
    audit_fields = ("justice",)

    def records_for(self, user: User) -> QuerySet[JusticeFile]:
        return justice_file_list_for_user(user=user)


class CasePlanViewSet(ResourceViewSet):
    """A case's plan (its goals; the actions are on the page): the office's part of the case."""

    serializer_class = CasePlanSerializer
    read_capabilities = (Capability.VIEW_CASES, Capability.VIEW_REFERRALS)  # the case page
    audit_fields = ("plan",)

    def records_for(self, user: User) -> QuerySet[CasePlan]:
        return case_plan_list_for_user(user=user)

    def audit_parent(self, record: CasePlan) -> Model | None:
        return record.case
