"""The community risk questionnaire and its scoring (0 none, 1 some, 2 many for each item)."""

from django.utils.translation import gettext_lazy as _

QUESTIONS = (
    ("migration", _("Young people leave the village to work abroad")),
    ("recruiters", _("Recruiters or brokers have been seen in the village")),
    ("dropout", _("Children leave school early")),
    ("debt", _("Households are in debt")),
    ("previous_cases", _("People from the village were trafficked before")),
    ("border", _("The village is near a border crossing or a special economic zone")),
    ("no_hotline", _("People do not know the hotline 1362 or where to get help")),
)
SCALE = ((0, _("None")), (1, _("Some")), (2, _("Many")))
MEDIUM_FROM, HIGH_FROM = 5, 9  # of 14


def risk_level(score: int) -> str:
    if score >= HIGH_FROM:
        return "high"
    if score >= MEDIUM_FROM:
        return "medium"
    return "low"
