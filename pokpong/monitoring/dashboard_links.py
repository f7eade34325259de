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

# By the indicator's code (the codes of the programme's catalogue, reference/indicators.csv).
LINKS: dict[str, ListLink] = {
    "CUSTOM-1": IDENTIFIED,
    "PS.5.1-28": TRAINED,
    "PS.5.3-15": TRAINED,
    "GNDR-8": TRAINED,
    "CUSTOM-4": REACHED,
}


def list_link(code: str) -> ListLink | None:
    return LINKS.get(code)
