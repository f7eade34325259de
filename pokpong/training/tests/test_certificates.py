"""Completion rule, certificates as Lao PDF, and the public verification page."""

import io
import re
import unicodedata
import urllib.parse
from decimal import Decimal

import pytest
import segno
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from pokpong.core.templatetags.pokpong import hours
from pokpong.training import certificates, services
from pokpong.training.models import Certificate
from pokpong.training.tests.factories import AttendanceFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db

NAME = "ສົມສະໜຳ ວົງຄຳ"  # ຳ on purpose: PDF text extraction may split it


def _enrol(trainer, session, *, post=Decimal(80), name=NAME):
    enrolment = EnrolmentFactory(
        session=session,
        participant__full_name=name,
        participant__position="ວິຊາການ",
        pre_score=Decimal(40),
        post_score=post,
    )
    AttendanceFactory(enrolment=enrolment)
    return enrolment


def test_the_completion_rule_needs_attendance_and_the_pass_mark(trainer, session):
    enrolment = _enrol(trainer, session, post=Decimal(65))
    assert enrolment.completed  # full attendance, no pass mark set
    course = session.course
    course.pass_mark = Decimal(70)
    course.save()
    assert not enrolment.completed
    enrolment.post_score = Decimal(70)
    assert enrolment.completed
    enrolment.hours_attended = Decimal("12.7")  # 16 h × 80 % = 12.8 h needed
    assert not enrolment.completed
    course.min_attendance = 75
    course.save()
    assert enrolment.completed


def test_a_certificate_is_issued_once_and_only_on_completion(trainer, session):
    enrolment = _enrol(trainer, session)
    enrolment.hours_attended = Decimal(4)
    enrolment.save()
    with pytest.raises(ValidationError):
        services.certificate_issue(user=trainer, enrolment=enrolment)
    assert not Certificate.objects.exists()
    enrolment.hours_attended = Decimal(16)
    enrolment.save()
    first = services.certificate_issue(user=trainer, enrolment=enrolment)
    again = services.certificate_issue(user=trainer, enrolment=enrolment)
    assert first == again and Certificate.objects.count() == 1
    assert len(first.code) == 11 and first.code[5] == "-"
    assert not set(first.code) & set("01ILO")


def test_only_trainers_issue_certificates(caseworker, trainer, session):
    enrolment = _enrol(trainer, session)
    with pytest.raises(PermissionDenied):
        services.certificate_issue(user=caseworker, enrolment=enrolment)


def _normalise(text: str) -> str:
    """ຳ may come out of a PDF as ໍ + າ (or even reordered): compare without it and spaces."""
    text = unicodedata.normalize("NFKC", text)
    for form in ("ຳ", "ໍາ", "າໍ", "ໍ", "າ"):
        text = text.replace(form, "")
    return "".join(text.split())


def test_the_pdf_embeds_the_lao_font_and_carries_the_name(client, trainer, session):
    # Without its system libraries weasyprint raises OSError (pytest's stubs expect ImportError).
    pytest.importorskip("weasyprint", exc_type=OSError)  # type: ignore[arg-type]
    from pypdf import PdfReader

    enrolment = _enrol(trainer, session)
    client.force_login(trainer)
    response = client.post(reverse("training:certificate", args=[enrolment.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    fonts = {}
    for font in page["/Resources"]["/Font"].values():  # type: ignore[index]  # a dictionary
        font = font.get_object()
        descriptor = (
            font.get("/FontDescriptor")
            or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        )
        descriptor = descriptor.get_object()
        embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        fonts[str(font["/BaseFont"])] = embedded
    lao = [name for name in fonts if "Lao" in name]
    assert lao and all(fonts[name] for name in lao), fonts
    text = page.extract_text()
    assert _normalise(NAME) in _normalise(text)
    code = Certificate.objects.get().code
    assert code in text


def test_the_public_page_shows_only_name_course_and_date(client, trainer, session):
    enrolment = _enrol(trainer, session)
    certificate = services.certificate_issue(user=trainer, enrolment=enrolment)
    client.logout()
    url = reverse("verify:certificate")
    typed = certificate.code.replace("-", "").lower()  # as read over the phone
    with translation.override("en"):
        page = client.get(url, {"code": typed}, HTTP_ACCEPT_LANGUAGE="en")
    body = page.content.decode()
    assert page.status_code == 200 and page.context["found"] == certificate
    assert NAME in body and session.course.name_lo in body
    assert enrolment.participant.organisation.name_lo not in body
    # no position, no scores (a whole "80": random tokens in the page may hold the digits)
    assert "ວິຊາການ" not in body and not re.search(r"\b80\b", body)
    missing = client.get(url, {"code": "AAAAA-AAAAA"})
    assert missing.context["found"] is None and NAME not in missing.content.decode()


def test_the_session_page_offers_the_certificate_to_who_completed(client, trainer, session):
    done = _enrol(trainer, session)
    short = _enrol(trainer, session, name="Noy Phommachanh")
    short.hours_attended = Decimal(2)
    short.save()
    client.force_login(trainer)
    page = client.get(reverse("training:session_detail", args=[session.pk]))
    body = page.content.decode()
    assert reverse("training:certificate", args=[done.pk]) in body
    assert reverse("training:certificate", args=[short.pk]) not in body
    refused = client.post(reverse("training:certificate", args=[short.pk]))
    assert refused.status_code == 302 and not Certificate.objects.filter(enrolment=short).exists()


def test_the_training_history_shows_the_certificate(client, trainer, session):
    enrolment = _enrol(trainer, session)
    certificate = services.certificate_issue(user=trainer, enrolment=enrolment)
    client.force_login(trainer)
    page = client.get(reverse("training:participant_detail", args=[enrolment.participant_id]))
    assert certificate.code in page.content.decode()


def test_the_pdfs_link_uses_the_configured_site_address_not_the_requests_host(
    client, trainer, session, settings
):
    # Without its system libraries weasyprint raises OSError (pytest's stubs expect ImportError).
    pytest.importorskip("weasyprint", exc_type=OSError)  # type: ignore[arg-type]
    from pypdf import PdfReader

    settings.POKPONG_SITE_URL = "https://pokpong.example.la"
    settings.ALLOWED_HOSTS = ["*"]
    enrolment = _enrol(trainer, session)
    client.force_login(trainer)
    response = client.post(
        reverse("training:certificate", args=[enrolment.pk]), HTTP_HOST="evil.example.com"
    )
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1  # the QR code keeps the certificate on one page
    text = reader.pages[0].extract_text()
    assert "pokpong.example.la/verify/?code=" in "".join(text.split())
    assert "evil.example.com" not in text


def test_a_revoked_certificate_is_reported_revoked_and_cannot_be_downloaded(
    client, trainer, session
):
    from pokpong.core.models import AuditAction, AuditEntry

    enrolment = _enrol(trainer, session)
    certificate = services.certificate_issue(user=trainer, enrolment=enrolment)
    client.force_login(trainer)
    url = reverse("training:certificate_revoke", args=[enrolment.pk])
    assert client.post(url, {"reason": " "}).status_code == 200  # a reason is required
    response = client.post(url, {"reason": "Issued by mistake: wrong session"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoked_by == trainer
    assert AuditEntry.objects.filter(
        action=AuditAction.UPDATE, object_type="training.certificate"
    ).exists()
    refused = client.get(reverse("training:certificate", args=[enrolment.pk]))
    assert refused.status_code == 302 and refused["Content-Type"] != "application/pdf"
    with pytest.raises(ValidationError):
        services.certificate_revoke(user=trainer, certificate=certificate, reason="again")

    client.logout()
    page = client.get(reverse("verify:certificate"), {"code": certificate.code})
    body = page.content.decode()
    assert "ຖືກຖອນ" in body or "revoked" in body
    assert NAME not in body


def test_only_trainers_in_scope_revoke_a_certificate(client, caseworker, trainer, session):
    from pokpong.accounts.models import Role
    from pokpong.accounts.services import role_assign
    from pokpong.accounts.tests.factories import UserFactory
    from pokpong.places.models import Province

    enrolment = _enrol(trainer, session)
    certificate = services.certificate_issue(user=trainer, enrolment=enrolment)
    elsewhere = UserFactory(username="trainer-vt")
    role_assign(user=elsewhere, role=Role.TRAINER, province=Province.objects.get(iso_code="LA-VT"))
    for user in (caseworker, elsewhere):
        with pytest.raises(PermissionDenied):
            services.certificate_revoke(user=user, certificate=certificate, reason="fraud")
        client.force_login(user)
        url = reverse("training:certificate_revoke", args=[enrolment.pk])
        assert client.post(url, {"reason": "fraud"}).status_code == 404
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_the_public_check_is_throttled_per_address_and_never_stored(client, settings):
    settings.POKPONG_VERIFY_PER_HOUR = 3
    url = reverse("verify:certificate")
    for _ in range(3):
        response = client.get(url, {"code": "AAAAA-AAAAA"}, REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-store"
    blocked = client.get(url, {"code": "AAAAA-AAAAA"}, REMOTE_ADDR="203.0.113.7")
    assert blocked.status_code == 429
    assert blocked.headers["Cache-Control"] == "no-store"
    other = client.get(url, {"code": "AAAAA-AAAAA"}, REMOTE_ADDR="203.0.113.8")
    assert other.status_code == 200


def test_no_certificate_before_any_attendance_is_recorded(trainer, session):
    enrolment = EnrolmentFactory(session=session)  # full hours by default, no sheet yet
    with translation.override("lo"), pytest.raises(ValidationError) as refused:
        services.certificate_issue(user=trainer, enrolment=enrolment)
    assert "ການເຂົ້າຮ່ວມ" in refused.value.messages[0]
    assert not Certificate.objects.exists()
    AttendanceFactory(enrolment=enrolment)
    assert services.certificate_issue(user=trainer, enrolment=enrolment).code


def test_the_certificate_carries_a_qr_code_of_its_verify_address(trainer, session, settings):
    settings.POKPONG_SITE_URL = "https://pokpong.example.la/"
    certificate = services.certificate_issue(user=trainer, enrolment=_enrol(trainer, session))
    link = certificates.verify_link(certificate)
    assert link == f"https://pokpong.example.la/verify/?code={certificate.code}"
    html = certificates.certificate_html(certificate)
    uri = re.search(r'class="qr" src="([^"]+)"', html)
    assert uri and uri.group(1).startswith("data:image/svg+xml")
    svg = urllib.parse.unquote(uri.group(1).split(",", 1)[1])
    assert "<svg" in svg and svg.count("<path") == 1
    # the same symbol as the verify address encodes, and not as another code's
    assert uri.group(1) == certificates.qr_code(link)
    assert uri.group(1) != certificates.qr_code(link.replace(certificate.code, "AAAAA-AAAAA"))
    assert segno.make(link, error="m").matrix == _matrix_of(svg)


def _matrix_of(svg: str) -> tuple[bytearray, ...]:
    """The dark modules an SVG path of segno draws ("M x y h n m dx dy ..."), row by row."""
    path = re.search(r""" d=['"]([^'"]+)['"]""", svg)
    assert path
    rows: dict[int, set[int]] = {}
    x = y = 0.0
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:\s(-?[\d.]+))?", path.group(1)):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            rows.setdefault(int(y), set()).update(range(int(x), int(x) + int(a)))
            x += float(a)
    border = 2
    size = max(rows) - border + 1 if rows else 0
    return tuple(
        bytearray(1 if c + border in rows.get(r + border, set()) else 0 for c in range(size))
        for r in range(size)
    )


def test_hours_are_shown_with_the_lao_unit_and_no_trailing_zero():
    with translation.override("lo"):
        assert hours(Decimal("16.0")) == "16 ຊົ່ວໂມງ"
        assert hours(Decimal("12.50")) == "12.5 ຊົ່ວໂມງ"
        assert hours(Decimal(100)) == "100 ຊົ່ວໂມງ"
    with translation.override("en"):
        assert hours(Decimal("1.0")) == "1 hour" and hours(8) == "8 hours"
    assert hours("soon") == "soon"
