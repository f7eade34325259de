"""Certificates as PDF, rendered by WeasyPrint with the system's Noto Sans Lao embedded (as the
other printouts: static/css/print.css says why not the web font)."""

from pathlib import Path
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from pokpong.training.models import Certificate

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"


def verify_link(certificate: Certificate) -> str:
    """The public check of this certificate on this site, its code filled in.

    Built from POKPONG_SITE_URL, never from the request's Host header.
    """
    base = settings.POKPONG_SITE_URL.rstrip("/") + reverse("verify:certificate")
    return f"{base}?{urlencode({'code': certificate.code})}"


def qr_code(url: str) -> str:
    """`url` as a QR code: an SVG image (data URI) a phone's camera opens."""
    return str(segno.make(url, error="m").svg_data_uri(scale=4, border=2))


def certificate_html(certificate: Certificate) -> str:
    """The certificate in the active language, with the link and QR code to the public check."""
    enrolment = certificate.enrolment
    link = verify_link(certificate)
    context = {
        "certificate": certificate,
        "participant": enrolment.participant,
        "session": enrolment.session,
        "course": enrolment.session.course,
        "verify_url": link,
        "verify_qr": qr_code(link),
    }
    return render_to_string("training/certificate_pdf.html", context)


def render_pdf(certificate: Certificate) -> bytes:
    """The certificate as a PDF (WeasyPrint), the Lao font embedded."""
    from weasyprint import HTML  # needs the Pango system library; imported only when used

    html = certificate_html(certificate)
    pdf: bytes = HTML(string=html, base_url=str(FONT_DIR)).write_pdf()  # weasyprint is untyped
    return pdf
