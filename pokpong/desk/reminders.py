"""Daily reminders: each user with something waiting receives one e-mail, in their language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from pokpong.accounts.models import User
from pokpong.core.audit import audit_context
from pokpong.desk.selectors import inbox_for


def reminders_send() -> int:
    sent = 0
    users = User.objects.filter(is_active=True).exclude(email="").select_related("organisation")
    with audit_context(label="task:send_daily_reminders"):
        for user in users.iterator(chunk_size=200):
            inbox = inbox_for(user=user, tasks_only=True)
            if not inbox.count:
                continue
            with translation.override(user.preferred_language):
                lines = [section.reminder_for(len(items)) for section, items in inbox.sections]
                body = render_to_string(
                    "desk/reminder_email.txt",
                    {"user": user, "lines": lines, "site": settings.POKPONG_SITE_URL},
                )
                subject = _("Pokpong: %(count)d item(s) waiting for you") % {"count": inbox.count}
            send_mail(subject, body, None, [user.email])
            sent += 1
    return sent
