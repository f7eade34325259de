"""Registering persons (one by one or as an arrival group) and the person's page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pokpong.cases.selectors import person_case_records
from pokpong.core.audit import audit_view, audit_views
from pokpong.core.forms import SearchForm
from pokpong.core.policy import (
    PERSON_CAPABILITIES,
    Capability,
    cases_visible_to,
    has_capability,
    requires,
    requires_any,
)
from pokpong.core.selectors import audit_entries_for_object
from pokpong.matching.selectors import person_search
from pokpong.people import selectors, services
from pokpong.people.forms import (
    ArrivalGroupForm,
    DuplicateCheckForm,
    PersonForm,
    QuickPersonForm,
)
from pokpong.people.matching_seam import possible_duplicates

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
def person_list(request: HttpRequest) -> HttpResponse:
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
def person_register(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_register(
                user=request.user,
                data=form.person_data(),
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
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get_for_user(user=request.user, pk=pk)
    form = PersonForm(request.POST or None, initial=PersonForm.initial_for(person))
    if request.method == "POST" and form.is_valid():
        services.person_update(
            person=person,
            data=form.person_data(),
            aliases=form.aliases(),
            documents=form.documents(),
        )
        messages.success(request, _("Saved."))
        return redirect("people:detail", pk=person.pk)
    audit_view(obj=person, fields=SHOWN_FIELDS)
    return render(request, "people/person_form.html", {"form": form, "person": person})


@register
def duplicate_check(request: HttpRequest) -> HttpResponse:
    """htmx: possible existing persons while the names are typed (the matching engine's seam)."""
    form = DuplicateCheckForm(request.GET)
    candidates = possible_duplicates(user=request.user, data=form.check_data())
    shown = [c.person_id for c in candidates if c.person_id is not None]
    persons = selectors.person_list_for_user(user=request.user).filter(pk__in=shown)
    audit_views(objs=persons.order_by("pk"), fields=["names", "birth_year"])
    return render(request, "people/duplicates.html", {"candidates": candidates})


@person_work
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    kept = selectors.merged_into_for_user(user=request.user, pk=pk)
    if kept is not None:  # an old link to a merged record leads to the record it became
        return redirect("people:detail", pk=kept.pk)
    person = selectors.person_get_for_user(user=request.user, pk=pk)
    audit_view(obj=person, fields=SHOWN_FIELDS)
    context = {
        "person": person,
        "aliases": person.aliases.all(),
        "documents": person.documents.select_related("issuing_country"),
        **person_case_records(person=person),
        "cases": cases_visible_to(request.user, person.cases.order_by("-created_at")),
        "accesses": audit_entries_for_object(obj=person, limit=20),
    }
    return render(request, "people/person_detail.html", context)


@register
def arrival_group_create(request: HttpRequest) -> HttpResponse:
    form = ArrivalGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.arrival_group_create(user=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("people:group_detail", pk=group.pk)
    return render(request, "people/group_form.html", {"form": form})


@person_work
def arrival_group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = selectors.arrival_group_get_for_user(user=request.user, pk=pk)
    form = QuickPersonForm(request.POST or None)
    if request.method == "POST":
        if not has_capability(request.user, Capability.REGISTER_PERSONS):
            raise Http404
        if form.is_valid():
            data = {**form.cleaned_data, "arrival_group": group}
            try:
                person = services.person_register(user=request.user, data=data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Added %(code)s.") % {"code": person.code})
                return redirect("people:group_detail", pk=group.pk)
    persons = selectors.arrival_group_persons(user=request.user, group=group)
    audit_views(objs=persons, fields=["names"], parent=group)
    context = {"group": group, "form": form, "persons": persons}
    return render(request, "people/group_detail.html", context)
