"""The referral letter, as PDF: for a partner without an account (a district hospital, a village
chief), handed over on paper. It carries the person's details only as far as their consent
allows sharing with that organisation."""

from django.http import Http404, HttpResponse
from django.utils import timezone

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import Capability, can_print_referral_letter, requires
from pokpong.cases.services import consent_allows
from pokpong.cases.views_print import print_context
from pokpong.core.audit import audit_view
from pokpong.core.pdf import pdf_response
from pokpong.referrals import selectors


@requires(Capability.MANAGE_CASES)
def referral_letter_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    referral = selectors.referral_get_for_user(user=request.user, pk=pk)
    if not can_print_referral_letter(request.user, referral):
        raise Http404
    person = referral.case.person
    shares = consent_allows(person, purpose="share", organisation=referral.to_organisation)
    fields = ["message", "case", "person"] if shares else ["message", "case"]
    audit_view(obj=referral, fields=fields, parent=person)
    context = {
        **print_context(request),
        "referral": referral,
        "shares": shares,
        "person": person,
        "age": person.age_on(timezone.localdate()),
    }
    filename = f"referral-{referral.case.number}-{referral.pk}.pdf"
    return pdf_response("referrals/print/referral_letter.html", context, filename=filename)
