"""Factories of the data exchange."""

import datetime as dt

import factory
from django.utils import timezone

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.core.tests.model_factory import ModelFactory
from pokpong.exchange.models import ExportRequest, ExportStatus
from pokpong.exchange.storage import export_file_store


class ExportRequestFactory(ModelFactory[ExportRequest]):
    """A finished CTDC export of an M&E officer, its (tiny) file stored encrypted, valid for a
    day."""

    class Meta:
        model = ExportRequest

    requested_by = factory.SubFactory(UserFactory, roles=[Role.ME_OFFICER])
    kind = "ctdc"
    parameters = factory.LazyFunction(lambda: {"k": 11, "year": None})
    status = ExportStatus.DONE
    progress = 100
    storage_name = factory.LazyFunction(lambda: export_file_store(b"yearOfRegistration\n"))
    filename = "ctdc-global-dataset-k11.csv"
    content_type = "text/csv; charset=utf-8"
    size = 19
    finished_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=1))
