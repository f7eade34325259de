"""Factories of monitoring records."""

import factory

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.core.tests.model_factory import ModelFactory
from pokpong.monitoring.models import ReportRequest, ReportStatus


class ReportRequestFactory(ModelFactory[ReportRequest]):
    """A finished public Excel report of 2026Q4 for the whole country."""

    class Meta:
        model = ReportRequest

    requested_by = factory.SubFactory(UserFactory, roles=[Role.ME_OFFICER])
    period = "2026Q4"
    status = ReportStatus.DONE
    progress = 100
    content = b"PK\x03\x04 not really a workbook"
    filename = "indicators-2026Q4-national-public-lo.xlsx"
