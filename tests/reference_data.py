"""All reference data in one call: what the data migrations load, for databases that were flushed.

Browser tests run against a live server and so flush the database after each test; they reload
the reference data with this before they start.
"""

from typing import Any

from pokpong.accounts.seeds import load_organisation_types
from pokpong.cases.seeds import load_forms_of_trafficking
from pokpong.monitoring.catalogue import load_catalogue
from pokpong.people.seeds import load_ethnic_groups
from pokpong.places.loaders import flag_programme_area, load_places
from pokpong.referrals.seeds import load_service_types


def load_reference_data(apps: Any) -> None:
    load_places(apps, None)
    load_organisation_types(apps)
    load_forms_of_trafficking(apps)
    load_service_types(apps)
    load_ethnic_groups(apps)
    flag_programme_area(apps)
    load_catalogue(apps)
