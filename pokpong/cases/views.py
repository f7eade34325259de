"""Screening interviews, formal identification and consent, each from the person's page."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.models import Organisation
from pokpong.accounts.policy import (
    PERSON_CAPABILITIES,
    Capability,
    can_record_consent_for,
    can_record_identification_for,
    can_screen_person,
    can_void_screening,
    requires,
    requires_any,
)
from pokpong.cases import selectors, services
from pokpong.cases.forms import ConsentForm, IdentificationForm, ScreeningForm, WithdrawConsentForm
from pokpong.cases.next_step import person_next_step
from pokpong.cases.screening import FormVersion, summarise
from pokpong.core.audit import audit_view
from pokpong.core.forms import ModelMultipleChoiceField, VoidForm, typed_field
from pokpong.people.models import Person
from pokpong.people.selectors import person_get_for_user


def _person_for(
    request: AuthenticatedHttpRequest, pk: int, allowed: Callable[[Any, Person], bool]
) -> Person:
    """The person, if the policy lets the user make this record about them (else the same 404:
    a receiver of a referral reads the consented part and records none of these)."""
    person = person_get_for_user(user=request.user, pk=pk)
    if not allowed(request.user, person):
        raise Http404
    return person


def _form_error(form: object, exc: ValidationError) -> None:
    for message in exc.messages:
        form.add_error(None, message)  # type: ignore[attr-defined]


@requires(Capability.SCREEN_PERSONS)
def screening_new(request: AuthenticatedHttpRequest, person_pk: int) -> HttpResponse:
    person = _person_for(request, person_pk, can_screen_person)
    version = request.GET.get("form") or request.POST.get("form_version") or FormVersion.SHORT
    version = version if version in FormVersion.values else FormVersion.SHORT
    is_child = person.is_child_on(timezone.localdate())
    form = ScreeningForm(request.POST or None, version=version, is_child=is_child)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            screening = services.screening_record(
                user=request.user,
                person=person,
                version=version,
                screened_on=data["screened_on"],
                answers=form.answers(),
                outcome=data["outcome"],
                location=data["location"],
                interpreter_used=data["interpreter_used"],
                notes=data["notes"],
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Screening saved."))
            return redirect("cases:screening_detail", pk=screening.pk)
    audit_view(obj=person, fields=["names"])
    context = {"person": person, "form": form, "version": version, "is_child": is_child}
    return render(request, "cases/screening_form.html", context)


@requires_any(*PERSON_CAPABILITIES)
def screening_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    screening = selectors.screening_get_for_user(user=request.user, pk=pk)
    audit_view(obj=screening, fields=["answers", "notes", "names"], parent=screening.person)
    summary = summarise(screening.answers, is_child=screening.is_child)
    context = {
        "screening": screening,
        "summary": summary,
        "step": person_next_step(request.user, screening.person),
        "void_url": (
            reverse("cases:screening_void", args=[screening.pk])
            if can_void_screening(request.user, screening)
            else ""
        ),
        "void_form": VoidForm(),
    }
    return render(request, "cases/screening_detail.html", context)


@requires(Capability.RECORD_IDENTIFICATION)
def identification_new(request: AuthenticatedHttpRequest, person_pk: int) -> HttpResponse:
    person = _person_for(request, person_pk, can_record_identification_for)
    form = IdentificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        forms_of_trafficking = list(data.pop("forms_of_trafficking"))
        services.identification_record(
            user=request.user, person=person, forms_of_trafficking=forms_of_trafficking, **data
        )
        messages.success(request, _("Formal identification recorded."))
        return redirect("people:detail", pk=person.pk)
    audit_view(obj=person, fields=["names"])
    return render(request, "cases/identification_form.html", {"person": person, "form": form})


@requires(Capability.RECORD_CONSENT)
def consent_new(request: AuthenticatedHttpRequest, person_pk: int) -> HttpResponse:
    person = _person_for(request, person_pk, can_record_consent_for)
    form = ConsentForm(request.POST or None)
    everywhere = request.method == "POST" or "everywhere" in request.GET
    if not everywhere:  # the person's province and national organisations; a link shows all
        typed_field(form, "share_with", ModelMultipleChoiceField).queryset = (
            Organisation.objects.filter(is_active=True)
            .filter(Q(province=person.province_id) | Q(province__isnull=True))
            .select_related("province")
        )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        share_with = list(data.pop("share_with"))
        try:
            services.consent_record(
                user=request.user,
                person=person,
                details=services.ConsentDetails(**data),
                share_with=share_with,
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Consent recorded."))
            return redirect("people:detail", pk=person.pk)
    audit_view(obj=person, fields=["names"])
    context = {"person": person, "form": form, "everywhere": everywhere}
    return render(request, "cases/consent_form.html", context)


@requires(Capability.RECORD_CONSENT)
@require_POST
def consent_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    consent = selectors.consent_get_for_user(user=request.user, pk=pk)
    if not can_record_consent_for(request.user, consent.person):
        raise Http404
    form = WithdrawConsentForm(request.POST)
    if form.is_valid():
        try:
            revoked = services.consent_withdraw(
                user=request.user,
                consent=consent,
                withdrawn_on=form.cleaned_data["withdrawn_on"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("Consent withdrawn; %(count)d share(s) revoked.") % {"count": revoked}
            )
    else:
        messages.error(request, _("Give the date of the withdrawal."))
    return redirect("people:detail", pk=consent.person_id)
