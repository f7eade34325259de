"""The person list, registering a person one by one, the person's page and its change."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
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
from pokpong.core.forms import SearchForm, show_every_option
from pokpong.core.lao import lao_sort_key
from pokpong.core.pagination import CURSOR, KeysetPage, bounded_count, keyset_page
from pokpong.core.panels import panels_render_list
from pokpong.core.selectors import audit_entries_for_object
from pokpong.people import selectors, services
from pokpong.people.filters import PersonFilterForm
from pokpong.people.forms import DuplicateCheckForm, PersonEditForm, PersonForm
from pokpong.people.matching_seam import TooManyChecks, possible_duplicates
from pokpong.people.models import Person
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


# Encrypted details the list does not show: not read, not decrypted (the page reads 26 rows).
NOT_LISTED = ("phone", "guardian_name", "guardian_phone", "origin_village", "birth_date")
LAO_ORDER_BOUND = 200  # a filtered list this long or shorter is in Lao alphabetical order


def _listed(
    request: AuthenticatedHttpRequest, filters: PersonFilterForm
) -> tuple[list[Person] | QuerySet[Person], bool]:
    """The persons listed, and whether they are in Lao alphabetical order. A search (50 at
    most) and a short filtered list are bounded lists; otherwise the queryset, newest first, for
    keyset pagination (never a count of the whole scoped set)."""
    persons = filters.apply(selectors.person_list_for_user(user=request.user), user=request.user)
    query = SearchForm(request.GET).query()
    if query:
        found = [m.person for m in person_search(user=request.user, query=query, limit=50)]
        kept = set(persons.filter(pk__in=[p.pk for p in found]).values_list("pk", flat=True))
        return [p for p in found if p.pk in kept], False
    newest = persons.order_by("-created_at", "-pk").defer(*NOT_LISTED)
    # bounded? (keys only: no row is read, no name decrypted, for a long list)
    keys = newest.values_list("pk", flat=True)
    if (
        filters.chosen()
        and CURSOR not in request.GET
        and len(keys[: LAO_ORDER_BOUND + 1]) <= LAO_ORDER_BOUND
    ):
        return sorted(newest, key=lambda p: lao_sort_key(p.display_name)), True
    return newest, False


def _filter_params(request: AuthenticatedHttpRequest) -> str:
    """The filters of the list, for the links to its other pages."""
    params = request.GET.copy()
    for name in ("page", "q", CURSOR):
        params.pop(name, None)
    return params.urlencode()


@person_work
def person_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    groups = selectors.arrival_group_list_for_user(user=request.user)
    filters = PersonFilterForm(request.GET, groups=groups)
    if filters.is_bound and filters.errors:
        messages.warning(request, _("Some filters were not understood and are left out."))
    listed, alphabetical = _listed(request, filters)
    shown: KeysetPage | Page[Person]
    if isinstance(listed, QuerySet):
        shown = keyset_page(request, listed, per_page=25)
        found = bounded_count(listed) if filters.chosen() else None
    else:
        shown = Paginator(listed, 25).get_page(request.GET.get("page"))
        found = (len(listed), False)
    audit_views(objs=shown, fields=["names"])
    context = {
        "query": SearchForm(request.GET).query(),
        "filters": filters,
        "filtered": bool(filters.chosen()),
        "alphabetical": alphabetical,
        "page_params": _filter_params(request),
        "page": shown,
        "found": found,
        "can_register": has_capability(request.user, Capability.REGISTER_PERSONS),
    }
    return render(request, "people/person_list.html", context)


@register
def person_register(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None)
    show_every_option(request, form)
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
    show_every_option(request, form)
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
    if candidates is not None:  # the person being changed is no duplicate of themselves
        candidates = [c for c in candidates if c.person_id != form.editing_id()]
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
