"""Cases: read as the case list and case page (cases.selectors.case_list_for_user), opened and
changed by the case's office (the case forms and cases.services, so the same validation).

A referral receiver sees the consented summary only (`policy.case_sections_for`).
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from pokpong.accounts.models import User
from pokpong.accounts.policy import (
    CASE_SECTIONS,
    REFERRAL_CASE_SECTIONS,
    Capability,
    can_manage_case,
    can_open_case_for,
    cases_fully_visible_to,
    roles_with,
)
from pokpong.api.errors import Conflict
from pokpong.api.serializers import RecordSerializer
from pokpong.api.viewsets import (
    ResourceViewSet,
    check_version,
    form_data,
    raise_form_errors,
    request_object,
)
from pokpong.cases import selectors, services
from pokpong.cases.forms_case import CaseEditForm, CaseForm
from pokpong.cases.models import Case
from pokpong.people.selectors import person_list_for_user

SECTION_FIELDS = {
    "summary": (
        "id",
        "number",
        "person",
        "province",
        "district",
        "organisation",
        "status",
        "caseworker",
        "risk_level",
        "closed_on",
        "created_at",
        "updated_at",
        "version",
    ),
    "details": (
        "came_to_light",
        "forms_of_trafficking",
        "country_of_exploitation",
        "province_of_exploitation",
        "exploitation_began_on",
        "exploitation_ended_on",
        "recruiter_relationship",
        "means_of_control",
        "transport",
        "risk_reason",
        "team",
        "closure_reason",
    ),
}


class CaseSerializer(RecordSerializer[Case]):
    """A case; a receiver of a referral gets the summary fields only."""

    means_of_control = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Case
        fields = tuple(name for names in SECTION_FIELDS.values() for name in names)
        read_only_fields = fields

    def to_representation(self, instance: Case) -> dict[str, Any]:
        whole: set[int] = self.context.get("whole", set())
        sections = ("summary", "details") if instance.pk in whole else ("summary",)
        shown = {name for section in sections for name in SECTION_FIELDS[section]}
        data = super().to_representation(instance)
        return {name: value for name, value in data.items() if name in shown}


class CaseWriteSerializer(serializers.Serializer[Any]):
    """The case form's fields (cases.forms_case.CaseForm), as JSON. Documentation only."""

    came_to_light = serializers.CharField(help_text="See /api/choices/ (came_to_light).")
    forms_of_trafficking = serializers.ListField(child=serializers.IntegerField(), required=False)
    country_of_exploitation = serializers.IntegerField(required=False, allow_null=True)
    province_of_exploitation = serializers.IntegerField(required=False, allow_null=True)
    exploitation_began_on = serializers.DateField(required=False, allow_null=True)
    exploitation_ended_on = serializers.DateField(required=False, allow_null=True)
    recruiter_relationship = serializers.CharField(required=False, allow_blank=True)
    means_of_control = serializers.ListField(child=serializers.CharField(), required=False)
    transport = serializers.CharField(required=False, allow_blank=True)
    risk_level = serializers.CharField(help_text="See /api/choices/ (risk_level).")
    risk_reason = serializers.CharField(required=False, allow_blank=True)


class CaseOpenSerializer(CaseWriteSerializer):
    person = serializers.IntegerField(help_text="The person the case is opened for.")


class CaseUpdateSerializer(CaseWriteSerializer):
    version = serializers.IntegerField(help_text="The version of the case you read.")
    caseworker = serializers.IntegerField()
    team = serializers.ListField(child=serializers.IntegerField(), required=False)


class CasePatchSerializer(CaseUpdateSerializer):
    came_to_light = serializers.CharField(required=False)
    risk_level = serializers.CharField(required=False)
    caseworker = serializers.IntegerField(required=False)


def _colleagues(case: Case) -> QuerySet[User]:
    """Who may hold the case: active staff of its office with case management rights (as the
    case edit page offers)."""
    return (
        User.objects.filter(
            organisation=case.organisation,
            is_active=True,
            role_assignments__role__in=roles_with(Capability.MANAGE_CASES),
        )
        .distinct()
        .order_by("username")
    )


def _initial(case: Case) -> dict[str, Any]:
    """The case's values now, as the edit form starts with them (a PATCH changes a few)."""
    initial = {**vars(services.CaseDetails.of(case)), "version": case.version}
    initial["forms_of_trafficking"] = list(case.forms_of_trafficking.all())
    initial["caseworker"] = case.caseworker_id
    initial["team"] = list(case.team.all())
    return initial


class CaseViewSet(ResourceViewSet):
    serializer_class = CaseSerializer
    read_capabilities = (Capability.VIEW_CASES, Capability.VIEW_REFERRALS)
    # The case list page is the case office's; a receiver reads its cases one by one (from its
    # referrals), as on the pages.
    list_capabilities = (Capability.VIEW_CASES,)
    write_capabilities = (Capability.MANAGE_CASES,)
    audit_fields = tuple(sorted(CASE_SECTIONS))

    def records_for(self, user: User) -> QuerySet[Case]:
        cases = selectors.case_list_for_user(user=user)
        return cases.prefetch_related("forms_of_trafficking", "team")

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "whole": getattr(self, "whole_ids", set())}

    def audit_shown(self, records: Iterable[Any]) -> None:
        records = list(records)
        ids = [case.pk for case in records]
        whole = cases_fully_visible_to(self.user, Case.objects.filter(pk__in=ids))
        self.whole_ids = set(whole.values_list("pk", flat=True))
        super().audit_shown(records)

    def fields_shown(self, record: Case) -> Sequence[str]:
        return sorted(CASE_SECTIONS if record.pk in self.whole_ids else REFERRAL_CASE_SECTIONS)

    @extend_schema(request=CaseOpenSerializer, responses={201: CaseSerializer})
    def create(self, request: Request) -> Response:
        sent = request_object(request)
        person_id = sent.pop("person", None)
        if isinstance(person_id, bool) or not isinstance(person_id, int):
            raise ValidationError({"person": [_person_message()]})
        person = person_list_for_user(user=self.user).filter(pk=person_id).first()
        if person is None or not can_open_case_for(self.user, person):
            raise ValidationError({"person": [_person_message()]})
        form = CaseForm(form_data(CaseForm, sent))
        if not form.is_valid():
            raise_form_errors(form)
        data, forms_of_trafficking = form.split()
        case = services.case_open(
            user=self.user,
            person=person,
            details=services.CaseDetails(**data),
            forms_of_trafficking=forms_of_trafficking,
        )
        return self.answer(self.record(case.pk), status=201)

    @extend_schema(request=CaseUpdateSerializer, responses=CaseSerializer)
    def update(self, request: Request, pk: str) -> Response:
        return self._change(request, partial=False)

    @extend_schema(request=CasePatchSerializer, responses=CaseSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        return self._change(request, partial=True)

    def _change(self, request: Request, *, partial: bool) -> Response:
        case = self.get_object()
        if not can_manage_case(self.user, case):
            raise NotFound  # as the edit page
        sent = request_object(request)
        check_version(case, sent)
        start = _initial(case) if partial else {"version": case.version}
        data = form_data(CaseEditForm, sent, start=start)
        form = CaseEditForm(data, colleagues=_colleagues(case))
        if not form.is_valid():
            raise_form_errors(form)
        data, forms_of_trafficking = form.split()
        try:
            services.case_update(
                user=self.user,
                case=case,
                details=services.CaseDetails(**data),
                expected_version=form.cleaned_data["version"],
                caseworker=form.cleaned_data["caseworker"],
                team=list(form.cleaned_data["team"]),
                forms_of_trafficking=forms_of_trafficking,
            )
        except services.ConcurrentEdit as exc:
            raise Conflict from exc
        return self.answer(self.record(case.pk))


def _person_message() -> str:
    return _("Give a person you may open a case for.")
