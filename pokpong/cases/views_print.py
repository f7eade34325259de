"""Printouts of the cases app, as PDF: the case summary for the file, the screening record, and
the blank consent form a person signs. Each shows what the policy lets the user see, is audited
like its page, and is never cached."""

from typing import Any

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.utils import timezone

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.models import Organisation
from pokpong.accounts.policy import (
    PERSON_CAPABILITIES,
    Capability,
    can_print_case_summary,
    can_print_consent_form,
    case_sections_for,
    requires,
    requires_any,
)
from pokpong.cases import selectors
from pokpong.cases.models import ConsentGiver, ConsentMethod
from pokpong.cases.screening import summarise
from pokpong.core.audit import audit_view
from pokpong.core.pdf import pdf_response
from pokpong.people.selectors import person_get_for_user


def print_context(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    """Who printed it, for whom, and when: the head of every printout."""
    return {
        "office": request.user.organisation,
        "printed_by": request.user.get_full_name() or request.user.get_username(),
        "printed_on": timezone.localdate(),
    }


@requires_any(Capability.VIEW_CASES, Capability.VIEW_REFERRALS)
def case_summary_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    if not can_print_case_summary(request.user, case):
        raise Http404
    sections = case_sections_for(request.user, case)
    audit_view(obj=case, fields=sorted(sections), parent=case.person)
    plan = getattr(case, "plan", None) if "plan" in sections else None
    context = {
        **print_context(request),
        "case": case,
        "sections": sections,
        "referrals": selectors.case_referrals_for_user(user=request.user, case=case),
        "needs": case.needs.all() if "needs" in sections else [],
        "plan": plan,
        "actions": plan.actions.select_related("responsible_organisation") if plan else [],
        "age": case.person.age_on(timezone.localdate()),
    }
    return pdf_response("cases/print/case_summary.html", context, filename=f"{case.number}.pdf")


@requires_any(*PERSON_CAPABILITIES)
def screening_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    screening = selectors.screening_get_for_user(user=request.user, pk=pk)
    audit_view(obj=screening, fields=["answers", "notes", "names"], parent=screening.person)
    context = {
        **print_context(request),
        "screening": screening,
        "summary": summarise(screening.answers, is_child=screening.is_child),
    }
    filename = f"screening-{screening.pk}.pdf"
    return pdf_response("cases/print/screening.html", context, filename=filename)


@requires(Capability.RECORD_CONSENT)
def consent_form_pdf(request: AuthenticatedHttpRequest, person_pk: int) -> HttpResponse:
    """The blank form, with the person's name, the purposes and the organisations to tick."""
    person = person_get_for_user(user=request.user, pk=person_pk)
    if not can_print_consent_form(request.user, person):
        raise Http404
    audit_view(obj=person, fields=["names"])
    context = {
        **print_context(request),
        "person": person,
        # the person's province's organisations and the national ones: the list to tick
        "organisations": Organisation.objects.filter(
            Q(province__isnull=True) | Q(province_id=person.province_id), is_active=True
        ),
        "givers": ConsentGiver.choices,
        "methods": ConsentMethod.choices,
    }
    filename = f"consent-{person.code}.pdf"
    return pdf_response("cases/print/consent_form.html", context, filename=filename)
