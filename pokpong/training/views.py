"""Courses, sessions and their participants with pre- and post-test scores."""

import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import Capability, can_correct_training, requires
from pokpong.core.middleware import client_address
from pokpong.core.models import bilingual_name
from pokpong.core.pagination import keyset_page
from pokpong.core.throttle import throttle_allows
from pokpong.training import importing, selectors, services
from pokpong.training.certificates import render_pdf
from pokpong.training.forms import (
    AttendanceDayForm,
    CertificateRevokeForm,
    CourseForm,
    EnrolForm,
    FollowUpForm,
    ImportForm,
    ScoresForm,
    SessionFilterForm,
    SessionForm,
)
from pokpong.training.models import (
    Attendance,
    Certificate,
    FollowUpSurvey,
)

trainers = requires(Capability.MANAGE_TRAINING)


@trainers
def session_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Sessions with filters, and the persons trained in them for the indicators."""
    form = SessionFilterForm(request.GET or None)
    form.is_valid()  # a value that does not parse is left out, with a message
    filters = form.cleaned_data if form.is_bound else {}
    if form.errors:
        messages.warning(request, _("Some filters were not understood and are left out."))
    sessions = selectors.session_list_filtered(user=request.user, filters=filters, with_voided=True)
    totals = selectors.persons_trained(sessions)
    for key, prefix in (
        ("by_agency", "organisation__type__name_"),
        ("by_province", "province__name_"),
    ):
        for row in totals[key]:
            row["label"] = bilingual_name(row[prefix + "lo"], row[prefix + "en"])
    context = {
        "form": form,
        "totals": totals,
        "page": keyset_page(request, sessions, per_page=25),
        "courses": selectors.course_list(),
        "correctable_courses": selectors.course_ids_to_correct(user=request.user),
    }
    return render(request, "training/session_list.html", context)


@trainers
def course_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.course_create(
            user=request.user, details=services.CourseDetails(**form.cleaned_data)
        )
        messages.success(request, _("Saved."))
        return redirect("training:session_list")
    return render(request, "training/course_form.html", {"form": form})


@trainers
def session_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(
                user=request.user, details=services.SessionDetails(**form.cleaned_data)
            )
        except PermissionDenied:
            form.add_error("province", _("You can only record activities within your own area."))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("training:session_detail", pk=session.pk)
    return render(request, "training/session_form.html", {"form": form})


@trainers
def session_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get_for_user(user=request.user, pk=pk)
    form = EnrolForm(request.POST or None, initial={"province": session.province})
    if request.method == "POST" and form.is_valid():
        try:
            services.enrol(
                user=request.user,
                session=session,
                participant=form.participant(),
                pre_score=form.cleaned_data["pre_score"],
                post_score=form.cleaned_data["post_score"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("training:session_detail", pk=session.pk)
    enrolments = session.enrolments.select_related(
        "participant", "participant__organisation", "session__course"
    ).annotate(
        certificate_code=F("certificate__code"),
        certificate_revoked=F("certificate__revoked_at"),
        follow_up_applied=F("follow_up__applied_skills"),
    )
    context = {
        "session": session,
        "can_correct": can_correct_training(request.user, session),
        "form": form,
        "enrolments": enrolments,
        "stats": selectors.session_stats(session),
        "follow_ups": selectors.follow_up_summary(session),
        "follow_up_due": timezone.localdate() >= session.follow_up_due_on,
    }
    return render(request, "training/session_detail.html", context)


@trainers
def participant_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    participant = selectors.participant_get_for_user(user=request.user, pk=pk)
    sessions = selectors.session_list_for_user(user=request.user).values("pk")
    history = participant.enrolments.filter(session__in=sessions)
    history = history.select_related("session", "session__course").annotate(
        certificate_code=F("certificate__code")
    )
    return render(
        request,
        "training/participant_detail.html",
        {"participant": participant, "history": history},
    )


@trainers
def session_import(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Participants from a spreadsheet: every row checked first, nothing half-written."""
    session = selectors.session_get_for_user(user=request.user, pk=pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = importing.read_rows(upload, upload.name)
        except importing.ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            result = importing.import_participants(
                user=request.user,
                session=session,
                rows=rows,
                valid_only=form.cleaned_data["valid_only"],
            )
            if result.imported and not result.errors:
                messages.success(
                    request,
                    _("%(count)s participants imported.") % {"count": result.imported},
                )
                return redirect("training:session_detail", pk=session.pk)
    context = {"session": session, "form": form, "result": result}
    return render(request, "training/session_import.html", context)


@trainers
def import_template(request: AuthenticatedHttpRequest) -> HttpResponse:
    """An empty sheet with the column headers in the reader's language."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="participants.csv"'
    response.write("\ufeff")  # Excel opens Lao text correctly only with the BOM
    csv.writer(response).writerow(importing.template_headers())
    return response


@trainers
def certificate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Issue (once) and download the certificate of an enrolment that met the completion rule."""
    enrolment = selectors.enrolment_get_for_user(user=request.user, pk=pk)
    if request.method != "POST" and not hasattr(enrolment, "certificate"):
        return redirect("training:session_detail", pk=enrolment.session_id)
    try:
        issued = services.certificate_issue(user=request.user, enrolment=enrolment)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("training:session_detail", pk=enrolment.session_id)
    pdf = render_pdf(issued)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{issued.code}.pdf"'
    return response


@trainers
def certificate_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Withdraw an enrolment's certificate, with the reason; the public check then says so."""
    enrolment = selectors.enrolment_get_for_user(user=request.user, pk=pk)
    issued = Certificate.objects.filter(enrolment=enrolment).first()
    if issued is None:
        messages.error(request, _("No certificate was issued to this participant."))
        return redirect("training:session_detail", pk=enrolment.session_id)
    form = CertificateRevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_revoke(
                user=request.user, certificate=issued, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Certificate %(code)s revoked.") % {"code": issued.code})
            return redirect("training:session_detail", pk=enrolment.session_id)
    context = {"enrolment": enrolment, "certificate": issued, "form": form}
    return render(request, "training/certificate_revoke.html", context)


@login_not_required
def verify_certificate(request: HttpRequest) -> HttpResponse:
    """Public check of a verification code: name, course and date only; throttled per address."""
    code = services.normalise_code(request.GET.get("code", "")[:40])
    found = None
    if code and not throttle_allows(
        scope="verify",
        key=client_address(request) or "unknown",
        limit=settings.POKPONG_VERIFY_PER_HOUR,
        window_seconds=3600,
    ):
        context = {"code": code, "throttled": True}
        return render(request, "training/verify.html", context, status=429)
    if code:
        found = (
            Certificate.objects.select_related(
                "enrolment__participant", "enrolment__session__course"
            )
            .filter(code=code)
            .first()
        )
    return render(
        request, "training/verify.html", {"code": code, "found": found, "searched": bool(code)}
    )


@trainers
def attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The attendance sheet of one day: tick who was there."""
    session = selectors.session_get_for_user(user=request.user, pk=pk)
    day = AttendanceDayForm(request.GET, days=session.days).chosen_day()
    enrolments = list(session.enrolments.select_related("participant"))
    if request.method == "POST":
        ids = {str(e.pk): e.pk for e in enrolments}  # a tick is one of these ids, or ignored
        present = {ids[v] for v in request.POST.getlist("present") if v in ids}
        services.attendance_record(user=request.user, session=session, day=day, present=present)
        messages.success(request, _("Saved."))
        return redirect(f"{request.path}?day={day.isoformat()}")
    # Nobody is ticked until the day's sheet is saved: a tick is a fact, never a default.
    present = set(
        Attendance.objects.filter(enrolment__session=session, day=day, present=True).values_list(
            "enrolment_id", flat=True
        )
    )
    context = {
        "session": session,
        "days": session.days,
        "day": day,
        "rows": [(e, e.pk in present) for e in enrolments],
    }
    return render(request, "training/attendance.html", context)


@trainers
def follow_up(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The three-month "applied the skills" survey of one trained official."""
    enrolment = selectors.enrolment_get_for_user(user=request.user, pk=pk)
    existing = FollowUpSurvey.objects.filter(enrolment=enrolment).first()
    initial = (
        {
            "surveyed_on": existing.surveyed_on,
            "applied_skills": existing.applied_skills,
            "cases_identified": existing.cases_identified,
            "comments": existing.comments,
        }
        if existing
        else {"surveyed_on": timezone.localdate()}
    )
    form = FollowUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_record(user=request.user, enrolment=enrolment, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("surveyed_on", exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("training:session_detail", pk=enrolment.session_id)
    context = {
        "enrolment": enrolment,
        "form": form,
        "due_on": enrolment.session.follow_up_due_on,
    }
    return render(request, "training/follow_up.html", context)


@trainers
def scores(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Correct one participant's test scores and hours."""
    enrolment = selectors.enrolment_get_for_user(user=request.user, pk=pk)
    initial = {
        "pre_score": enrolment.pre_score,
        "post_score": enrolment.post_score,
        "hours_attended": enrolment.hours_attended,
    }
    form = ScoresForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["hours_attended"] > enrolment.session.hours:
            form.add_error("hours_attended", _("More hours than the session has."))
        else:
            services.scores_update(user=request.user, enrolment=enrolment, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("training:session_detail", pk=enrolment.session_id)
    return render(request, "training/scores.html", {"enrolment": enrolment, "form": form})
