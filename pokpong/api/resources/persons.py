"""Persons: read by whoever works with persons (as the person pages), registered and changed by
those who may register (the person form and people.services, so the same validation).

A referral receiver sees the consented part only (`policy.person_sections_for`): the fields of
the other sections are left out of its answer, as they are left off its page.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from pokpong.accounts.models import User
from pokpong.accounts.policy import (
    PERSON_CAPABILITIES,
    PERSON_SECTIONS,
    Capability,
    can_edit_person,
    persons_fully_visible_to,
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
from pokpong.people import selectors, services
from pokpong.people.forms import PersonEditForm, PersonForm
from pokpong.people.models import Person
from pokpong.people.views import SHOWN_FIELDS

# Which fields belong to which section of a person's record (policy.PERSON_SECTIONS).
SECTION_FIELDS = {
    "basic": (
        "id",
        "code",
        "title",
        "given_name_lo",
        "family_name_lo",
        "given_name_latin",
        "family_name_latin",
        "sex",
        "birth_date",
        "birth_year",
        "birth_date_precision",
        "nationality",
        "ethnic_group",
        "origin_province",
        "origin_district",
        "organisation",
        "province",
        "district",
        "created_at",
        "updated_at",
        "version",
    ),
    "contact": ("phone", "origin_village", "languages"),
    "names": ("aliases",),
    "guardian": ("guardian_name", "guardian_relationship", "guardian_phone"),
    "documents": ("documents",),
    "group": ("arrival_group",),
}
REFERRAL_AUDIT_FIELDS = ("names", "birth_date")  # what the person page audits for a receiver


class AliasSerializer(serializers.Serializer[Any]):
    script = serializers.CharField()
    given_name = serializers.CharField()
    family_name = serializers.CharField()


class DocumentSerializer(serializers.Serializer[Any]):
    type = serializers.CharField()
    number = serializers.CharField()
    issuing_country = serializers.IntegerField(source="issuing_country_id", allow_null=True)


class PersonSerializer(RecordSerializer[Person]):
    """A person; a caller who sees only part of the record gets only that part's fields."""

    aliases = AliasSerializer(many=True, read_only=True)
    documents = DocumentSerializer(many=True, read_only=True)
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Person
        fields = tuple(name for names in SECTION_FIELDS.values() for name in names)
        read_only_fields = fields

    def to_representation(self, instance: Person) -> dict[str, Any]:
        whole: set[int] = self.context.get("whole", set())
        sections = PERSON_SECTIONS if instance.pk in whole else frozenset({"basic"})
        shown = {name for section in sections for name in SECTION_FIELDS.get(section, ())}
        data = super().to_representation(instance)
        return {name: value for name, value in data.items() if name in shown}


class PersonWriteSerializer(serializers.Serializer[Any]):
    """The person form's fields (people.forms.PersonForm), as JSON. Documentation only: the
    form itself validates, with the pages' messages."""

    title = serializers.CharField(required=False, allow_blank=True)
    given_name_lo = serializers.CharField(required=False, allow_blank=True)
    family_name_lo = serializers.CharField(required=False, allow_blank=True)
    given_name_latin = serializers.CharField(required=False, allow_blank=True)
    family_name_latin = serializers.CharField(required=False, allow_blank=True)
    other_names = serializers.CharField(
        required=False, allow_blank=True, help_text="One other name a line."
    )
    sex = serializers.CharField(help_text="See /api/choices/ (sex).")
    birth_date = serializers.DateField(required=False, allow_null=True)
    birth_year = serializers.IntegerField(required=False, allow_null=True)
    age_estimate = serializers.IntegerField(required=False, allow_null=True)
    nationality = serializers.IntegerField(required=False, allow_null=True)
    ethnic_group = serializers.IntegerField(required=False, allow_null=True)
    languages = serializers.ListField(child=serializers.CharField(), required=False)
    origin_province = serializers.IntegerField(required=False, allow_null=True)
    origin_district = serializers.IntegerField(required=False, allow_null=True)
    origin_village = serializers.CharField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True)
    guardian_name = serializers.CharField(required=False, allow_blank=True)
    guardian_relationship = serializers.CharField(required=False, allow_blank=True)
    guardian_phone = serializers.CharField(required=False, allow_blank=True)
    document_type = serializers.CharField(required=False, allow_blank=True)
    document_number = serializers.CharField(required=False, allow_blank=True)
    document_country = serializers.IntegerField(required=False, allow_null=True)


class PersonUpdateSerializer(PersonWriteSerializer):
    version = serializers.IntegerField(help_text="The version of the person you read.")


class PersonPatchSerializer(PersonUpdateSerializer):
    sex = serializers.CharField(required=False, help_text="See /api/choices/ (sex).")


class PersonViewSet(ResourceViewSet):
    serializer_class = PersonSerializer
    read_capabilities = PERSON_CAPABILITIES
    write_capabilities = (Capability.REGISTER_PERSONS,)
    audit_fields = tuple(SHOWN_FIELDS)

    def records_for(self, user: User) -> QuerySet[Person]:
        persons = selectors.person_list_for_user(user=user)
        return persons.prefetch_related("aliases", "documents")

    def _whole(self, records: Iterable[Person]) -> set[int]:
        """The persons among these whose whole record the caller sees (one query)."""
        ids = [person.pk for person in records]
        whole = persons_fully_visible_to(self.user, Person.objects.filter(pk__in=ids))
        return set(whole.values_list("pk", flat=True))

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "whole": getattr(self, "whole_ids", set())}

    def audit_shown(self, records: Iterable[Any]) -> None:
        records = list(records)
        self.whole_ids = self._whole(records)
        super().audit_shown(records)

    def fields_shown(self, record: Person) -> Sequence[str]:
        return SHOWN_FIELDS if record.pk in self.whole_ids else REFERRAL_AUDIT_FIELDS

    @extend_schema(request=PersonWriteSerializer, responses={201: PersonSerializer})
    def create(self, request: Request) -> Response:
        form = PersonForm(form_data(PersonForm, request_object(request)))
        if not form.is_valid():
            raise_form_errors(form)
        person = services.person_register(
            user=self.user,
            details=form.person_details(),
            aliases=form.aliases(),
            documents=form.documents(),
        )
        return self.answer(self.record(person.pk), status=201)

    @extend_schema(request=PersonUpdateSerializer, responses=PersonSerializer)
    def update(self, request: Request, pk: str) -> Response:
        return self._change(request, partial=False)

    @extend_schema(request=PersonPatchSerializer, responses=PersonSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        return self._change(request, partial=True)

    def _change(self, request: Request, *, partial: bool) -> Response:
        person = self.get_object()
        if not can_edit_person(self.user, person):
            raise NotFound  # as the edit page: a receiver of a referral does not change it
        sent = request_object(request)
        check_version(person, sent)
        start = PersonForm.initial_for(person) if partial else {"version": person.version}
        form = PersonEditForm(form_data(PersonEditForm, sent, start=start))
        if not form.is_valid():
            raise_form_errors(form)
        try:
            services.person_update(
                user=self.user,
                person=person,
                details=form.person_details(),
                expected_version=form.cleaned_data["version"],
                aliases=form.aliases(),
                documents=form.documents(),
            )
        except services.ConcurrentEdit as exc:
            raise Conflict from exc
        return self.answer(self.record(person.pk))
