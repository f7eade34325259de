"""Arrival groups: their list, registering one, and adding its persons one after the other."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import (
    PERSON_CAPABILITIES,
    Capability,
    has_capability,
    requires,
    requires_any,
)
from pokpong.core.audit import audit_views
from pokpong.core.forms import show_every_option
from pokpong.core.pagination import keyset_page
from pokpong.people import selectors, services
from pokpong.people.forms import ArrivalGroupForm, QuickPersonForm
from pokpong.people.matching_seam import PossibleDuplicate, TooManyChecks, possible_duplicates
from pokpong.people.models import ArrivalGroup, Person

person_work = requires_any(*PERSON_CAPABILITIES)
register = requires(Capability.REGISTER_PERSONS)


@person_work
def arrival_group_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    groups = selectors.arrival_group_list_with_counts(user=request.user)
    page = keyset_page(request, groups, per_page=25)
    context = {
        "page": page,
        "can_register": has_capability(request.user, Capability.REGISTER_PERSONS),
    }
    return render(request, "people/group_list.html", context)


@register
def arrival_group_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ArrivalGroupForm(request.POST or None)
    show_every_option(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.arrival_group_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("people:group_detail", pk=group.pk)
    return render(request, "people/group_form.html", {"form": form})


def _warnings(
    request: AuthenticatedHttpRequest, group: ArrivalGroup, form: QuickPersonForm
) -> tuple[Person | None, list[PossibleDuplicate]]:
    """The exact repeat of a person of this group, and the possible existing records (the
    registration form's check); a check refused for its rate still finds the repeat."""
    repeat = selectors.arrival_group_repeat(
        user=request.user, group=group, details=form.person_details()
    )
    try:
        candidates = possible_duplicates(user=request.user, **form.check_data()) or []
    except TooManyChecks:
        candidates = []
    shown = [c.person_id for c in candidates]
    persons = selectors.person_list_for_user(user=request.user).filter(pk__in=shown)
    audit_views(objs=persons.order_by("pk"), fields=["names", "birth_year"])
    return repeat, candidates


def _quick_add(
    request: AuthenticatedHttpRequest, group: ArrivalGroup
) -> tuple[HttpResponse | None, QuickPersonForm, list[PossibleDuplicate]]:
    form = QuickPersonForm(request.POST)
    if not form.is_valid():
        return None, form, []
    if not form.confirmed():
        repeat, candidates = _warnings(request, group, form)
        if repeat or candidates:
            form = QuickPersonForm(request.POST, confirming=True)
            form.is_valid()
            form.add_error(None, _repeat_message(repeat) if repeat else _possible_message())
            return None, form, candidates
    try:
        person = services.person_register(
            user=request.user, details=form.person_details(), arrival_group=group
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return None, form, []
    messages.success(request, _("Added %(code)s.") % {"code": person.code})
    return redirect("people:group_detail", pk=group.pk), form, []


def _repeat_message(repeat: Person) -> str:
    return _(
        "%(code)s was already added to this group with the same names, year of birth and sex. "
        "Is this another person? Tick “add anyway”; otherwise nothing needs to be done."
    ) % {"code": repeat.code}


def _possible_message() -> str:
    return _(
        "This person may already be registered (see the records above). Open them to check; "
        "if this is a different person, tick “add anyway” and add again."
    )


@person_work
def arrival_group_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = selectors.arrival_group_get_for_user(user=request.user, pk=pk)
    form, candidates = QuickPersonForm(), list[PossibleDuplicate]()
    if request.method == "POST":
        if not has_capability(request.user, Capability.REGISTER_PERSONS):
            raise Http404
        answer, form, candidates = _quick_add(request, group)
        if answer is not None:
            return answer
    persons = selectors.arrival_group_persons(user=request.user, group=group)
    audit_views(objs=persons, fields=["names"], parent=group)
    context = {
        "group": group,
        "form": form,
        "persons": persons,
        "candidates": candidates or None,
        "can_register": has_capability(request.user, Capability.REGISTER_PERSONS),
    }
    return render(request, "people/group_detail.html", context)
