"""An inbox section's reminder line is one lazy plural message, counted when it is sent."""

from django.utils import translation
from django.utils.translation import gettext_lazy, ngettext_lazy

from pokpong.core.inbox import InboxSection


def _section() -> InboxSection:
    return InboxSection(
        key="test",
        title=gettext_lazy("Referrals to answer"),
        items=lambda *, user, limit: [],
        item_template="x.html",
        reminder=ngettext_lazy(
            "%(count)s referral to answer", "%(count)s referrals to answer", "count"
        ),
    )


def test_the_reminder_line_is_pluralised_for_the_count() -> None:
    with translation.override("en"):
        assert _section().reminder_for(1) == "1 referral to answer"
        assert _section().reminder_for(3) == "3 referrals to answer"


def test_the_items_are_asked_by_keyword() -> None:
    assert _section().items(user=None, limit=5) == []


def test_a_section_written_with_a_function_of_the_count_still_reminds() -> None:
    section = InboxSection(
        key="old",
        title=gettext_lazy("Referrals to answer"),
        items=lambda user, limit: [],
        item_template="x.html",
        reminder=lambda n: f"{n} waiting",
    )
    assert section.reminder_for(2) == "2 waiting"
    assert section.items(user=None, limit=3) == []
