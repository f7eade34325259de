from django.utils.translation import gettext_lazy as _

from pokpong.core.reference import ReferenceList, register
from pokpong.justice.models import LawArticle

register(
    ReferenceList(
        slug="law-articles",
        model=LawArticle,
        title=_("Articles of the anti-trafficking law"),
        fields=("code", "article", "name_lo", "name_en", "needs_verification", "sort_order"),
        columns=("article", "name_lo", "name_en", "needs_verification"),
        help_text=_(
            "Articles of the Law on Anti-Human Trafficking (2015) a charge is brought under. "
            "Entries marked “to be verified” must be checked against the law's text."
        ),
    )
)
