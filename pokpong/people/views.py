"""Registering persons (one by one or as an arrival group) and the person's page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import (
    PERSON_CAPABILITIES,
    Capability,
    can_edit_person,
    can_open_case_for,
    can_record_consent_for,
    can_record_identification_for,
    can_screen_person,
    has_capability,
    person_sections_for,
    requires,
    requires_any,
)
from pokpong.core.audit import audit_view, audit_views
from pokpong.core.forms import SearchForm
from pokpong.core.panels import panels_render_list
from pokpong.core.selectors import audit_entries_for_object
from pokpong.people import selectors, services
from pokpong.people.forms import (
    ArrivalGroupForm,
    DuplicateCheckForm,
    PersonEditForm,
    PersonForm,
    QuickPersonForm,
)
from pokpong.people.matching_seam import TooManyChecks, possible_duplicates
from pokpong.people.search import person_search

person_work = requires_any(*PERSON_CAPABILITIES)
register = requires(Capability.REGISTER_PERSONS)
SHOWN_FIELDS = [
    "names",
    "aliases",
    "birth_date",
    "phone",
    "origin_village",
    "guardian",
    "documents",
]


@person_work
def person_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    query = SearchForm(request.GET).query()
    if query:
        found = [m.person for m in person_search(user=request.user, query=query, limit=50)]
        page = Paginator(found, 25)
    else:
        page = Paginator(selectors.person_list_for_user(user=request.user), 25)
    shown = page.get_page(request.GET.get("page"))
    audit_views(objs=shown, fields=["names"])
    context = {
        "query": query,
        "page": shown,
        "can_register": has_capability(request.user, Capability.REGISTER_PERSONS),
    }
    return render(request, "people/person_list.html", context)


@register
def person_register(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_register(
                user=request.user,
                details=form.person_details(),
                aliases=form.aliases(),
                documents=form.documents(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Registered as %(code)s.") % {"code": person.code})
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form})


@register
def person_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get_for_user(user=request.user, pk=pk)
    if not can_edit_person(request.user, person):
        raise Http404
    form = PersonEditForm(request.POST or None, initial=PersonForm.initial_for(person))
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(
                user=request.user,
                person=person,
                details=form.person_details(),
                expected_version=form.cleaned_data["version"],
                aliases=form.aliases(),
                documents=form.documents(),
            )
        except services.ConcurrentEdit as exc:
            conflict = exc.latest
            form.add_error(
                None,
                _(
                    "Someone else changed this person while you were editing. Nothing was "
                    "overwritten: check their change below, then reload the page and enter "
                    "yours again."
                ),
            )
        else:
            messages.success(request, _("Saved."))
            return redirect("people:detail", pk=person.pk)
    audit_view(obj=person, fields=SHOWN_FIELDS)  # the form shows the person's details
    context = {"form": form, "person": person, "conflict": conflict}
    return render(request, "people/person_form.html", context)


@register
def duplicate_check(request: AuthenticatedHttpRequest) -> HttpResponse:
    """htmx: possible existing persons while the names are typed (the matching engine's seam)."""
    form = DuplicateCheckForm(request.GET)
    try:
        candidates = possible_duplicates(user=request.user, **form.check_data())
    except TooManyChecks:
        return render(request, "people/duplicates.html", {"refused": True}, status=429)
    shown = [c.person_id for c in candidates or [] if c.person_id is not None]
    persons = selectors.person_list_for_user(user=request.user).filter(pk__in=shown)
    audit_views(objs=persons.order_by("pk"), fields=["names", "birth_year"])
    return render(request, "people/duplicates.html", {"candidates": candidates})


@person_work
def person_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    kept = selectors.merged_into_for_user(user=request.user, pk=pk)
    if kept is not None:  # an old link to a merged record leads to the record it became
        return redirect("people:detail", pk=kept.pk)
    person = selectors.person_get_for_user(user=request.user, pk=pk)
    sections = person_sections_for(request.user, person)
    whole = "documents" in sections  # a receiver of a referral sees the consented part only
    audit_view(obj=person, fields=SHOWN_FIELDS if whole else ["names", "birth_date"])
    context = {
        "person": person,
        "sections": sections,
        "panels": panels_render_list("person", user=request.user, record=person, sections=sections),
        "can_screen": can_screen_person(request.user, person),
        "can_open_case": can_open_case_for(request.user, person),
        "can_record_consent": can_record_consent_for(request.user, person),
        "can_record_identification": can_record_identification_for(request.user, person),
        "can_edit": can_edit_person(request.user, person),
    }
    if whole:  # a receiver's page never holds these
        context.update(
            {
                "aliases": person.aliases.all(),
                "documents": person.documents.select_related("issuing_country"),
                "accesses": audit_entries_for_object(obj=person, limit=20, with_parts=True),
            }
        )
    return render(request, "people/person_detail.html", context)


@register
def arrival_group_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ArrivalGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.arrival_group_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("people:group_detail", pk=group.pk)
    return render(request, "people/group_form.html", {"form": form})


@person_work
def arrival_group_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = selectors.arrival_group_get_for_user(user=request.user, pk=pk)
    form = QuickPersonForm(request.POST or None)
    if request.method == "POST":
        if not has_capability(request.user, Capability.REGISTER_PERSONS):
            raise Http404
        if form.is_valid():
            try:
                person = services.person_register(
                    user=request.user, details=form.person_details(), arrival_group=group
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Added %(code)s.") % {"code": person.code})
                return redirect("people:group_detail", pk=group.pk)
    persons = selectors.arrival_group_persons(user=request.user, group=group)
    audit_views(objs=persons, fields=["names"], parent=group)
    context = {"group": group, "form": form, "persons": persons}
    return render(request, "people/group_detail.html", context)
