"""Managers' duplicate review: run a search, compare pairs, merge or mark "not the same"."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import Capability, persons_fully_visible_to, requires
from pokpong.core.audit import audit_view, audit_views
from pokpong.core.typing import model_field
from pokpong.people import duplicates as services
from pokpong.people.models import DuplicatePair, DuplicateReview, Merge, PairStatus, Person

managers = requires(Capability.APPROVE_DECISIONS)
COMPARED = (
    "given_name_lo",
    "family_name_lo",
    "given_name_latin",
    "family_name_latin",
    "sex",
    "birth_date",
    "birth_year",
    "phone",
    "origin_village",
)


def _pair_for(request: AuthenticatedHttpRequest, pk: int) -> DuplicatePair:
    """A pair only when the manager holds both whole records (the same 404 otherwise)."""
    visible = persons_fully_visible_to(request.user, Person.objects.all())
    return get_object_or_404(
        DuplicatePair.objects.select_related("person_a", "person_b", "review"),
        pk=pk,
        person_a__in=visible,
        person_b__in=visible,
        review__requested_by=request.user,
    )


@managers
def review(request: AuthenticatedHttpRequest) -> HttpResponse:
    latest = DuplicateReview.objects.filter(requested_by=request.user).first()
    pairs = (
        latest.pairs.filter(status=PairStatus.OPEN).select_related("person_a", "person_b")
        if latest
        else []
    )
    merges = Merge.objects.filter(merged_by=request.user, undone_at__isnull=True)[:20]
    shown = [person for p in pairs for person in (p.person_a, p.person_b)]
    audit_views(objs=shown, fields=["names"])
    return render(
        request,
        "people/duplicate_review.html",
        {"review": latest, "pairs": pairs, "merges": merges},
    )


@managers
@require_POST
def review_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.review_start(user=request.user)
    messages.success(
        request,
        _(
            "The search for duplicates has started; it runs in the "
            "background. Reload this page in a moment."
        ),
    )
    return redirect("people:duplicate_review")


@managers
def pair(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _pair_for(request, pk)
    a, b = found.person_a, found.person_b
    audit_view(obj=a, fields=list(COMPARED))
    audit_view(obj=b, fields=list(COMPARED))
    rows = [
        (model_field(Person, name).verbose_name, name, getattr(a, name), getattr(b, name))
        for name in COMPARED
    ]
    return render(
        request, "people/duplicate_pair.html", {"pair": found, "a": a, "b": b, "rows": rows}
    )


@managers
@require_POST
def pair_not_same(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    services.pair_not_same(user=request.user, pair=_pair_for(request, pk))
    messages.success(request, _("Remembered: these are two different persons."))
    return redirect("people:duplicate_review")


@managers
@require_POST
def pair_merge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _pair_for(request, pk)
    keep_b = request.POST.get("keep") == "b"
    kept, merged = (found.person_b, found.person_a) if keep_b else (found.person_a, found.person_b)
    chosen = [name for name in COMPARED if request.POST.get(name) == ("a" if keep_b else "b")]
    try:
        services.persons_merge(user=request.user, kept=kept, merged=merged, take_from_merged=chosen)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("people:duplicate_pair", pk=found.pk)
    messages.success(
        request, _("Merged into %(code)s. You can undo this merge.") % {"code": kept.code}
    )
    return redirect("people:detail", pk=kept.pk)


@managers
@require_POST
def merge_undo(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    merge = get_object_or_404(Merge, pk=pk, merged_by=request.user)
    try:
        services.merge_undo(user=request.user, merge=merge)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The merge was undone."))
    return redirect("people:duplicate_review")
