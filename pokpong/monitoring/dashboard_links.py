"""The list behind a number: which list page shows the records an indicator counts, filtered
by the period and the province, and who may open it.

A number links to its list only when the viewer may open that list (the list's own capability):
the M&E officer, who may open no list of cases or persons, reads plain numbers. Indicators whose
records have no list of their own (referrals, services, follow-ups) link nowhere.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from pokpong.accounts.models import User
from pokpong.accounts.policy import Capability, can_work_with_persons, has_capability
from pokpong.monitoring.models import Indicator
from pokpong.monitoring.periods import Period
from pokpong.places.models import Province


@dataclass(frozen=True)
class ListLink:
    url_name: str
    may_open: Callable[[User], bool]
    since: str = "since"  # the list's GET parameters for the period and the province
    until: str = "until"
    province: str = "province"

    def url(self, *, period: Period, province: Province | None) -> str:
        params = {self.since: period.start.isoformat(), self.until: period.end.isoformat()}
        if province is not None:
            params[self.province] = str(province.pk)
        return f"{reverse(self.url_name)}?{urlencode(params)}"


def _trainers(user: User) -> bool:
    return has_capability(user, Capability.MANAGE_TRAINING)


def _prevention(user: User) -> bool:
    return has_capability(user, Capability.MANAGE_PREVENTION)


IDENTIFIED = ListLink(
    "people:list",
    can_work_with_persons,
    since="identified_since",
    until="identified_until",
    province="identified_province",
)
TRAINED = ListLink("training:session_list", _trainers)
REACHED = ListLink("prevention:activity_list", _prevention)

# By the rule that computes the indicator (`Indicator.rule`): codes are data, rules are code.
LINKS: dict[str, ListLink] = {
    "victims_identified": IDENTIFIED,
    "officials_trained_first_responders": TRAINED,
    "officials_trained_prevention": TRAINED,
    "persons_trained_gender": TRAINED,
    "people_reached": REACHED,
}


def list_links() -> dict[str, ListLink]:
    """The list behind each indicator of the catalogue that has one, by indicator code."""
    rules = Indicator.objects.exclude(rule="").values_list("code", "rule")
    return {code: LINKS[rule] for code, rule in rules if rule in LINKS}
