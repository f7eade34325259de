"""Certificates as PDF, rendered by WeasyPrint with the bundled Lao font embedded."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from pokpong.training.models import Certificate

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"


def render_pdf(certificate: Certificate) -> bytes:
    """The certificate in the active language, with the link to the public check on this site.

    The link is built from POKPONG_SITE_URL, never from the request's Host header.
    """
    from weasyprint import HTML  # needs the Pango system library; imported only when used

    enrolment = certificate.enrolment
    context = {
        "certificate": certificate,
        "participant": enrolment.participant,
        "session": enrolment.session,
        "course": enrolment.session.course,
        "verify_url": settings.POKPONG_SITE_URL.rstrip("/") + reverse("verify:certificate"),
        "font_regular": (FONT_DIR / "noto-sans-lao-lao-400-normal.woff2").as_uri(),
        "font_bold": (FONT_DIR / "noto-sans-lao-lao-700-normal.woff2").as_uri(),
    }
    html = render_to_string("training/certificate_pdf.html", context)
    pdf: bytes = HTML(string=html, base_url=str(FONT_DIR)).write_pdf()  # weasyprint is untyped
    return pdf
