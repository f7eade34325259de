"""Fixtures shared by the training tests: a national trainer and a two-day session."""

import datetime as dt
from decimal import Decimal

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.places.models import Province
from pokpong.training import services


@pytest.fixture
def trainer():
    from pokpong.accounts.services import role_assign

    user = UserFactory(username="trainer")
    role_assign(user=user, role=Role.TRAINER)  # national, as the programme's trainers are
    return user


@pytest.fixture
def session(trainer):
    course = services.course_create(
        user=trainer,
        details=services.CourseDetails(
            name_lo="ການລະບຸຕົວຜູ້ຖືກເຄາະຮ້າຍ",
            name_en="Victim identification",
            topic="identification",
            audience="Police and social workers",
            hours=Decimal(16),
        ),
    )
    return services.session_create(
        user=trainer,
        details=services.SessionDetails(
            course=course,
            starts_on=dt.date(2026, 11, 10),
            ends_on=dt.date(2026, 11, 11),
            hours=Decimal(16),
            venue="Pakse",
            province=Province.objects.get(iso_code="LA-CH"),
            gender_content=True,
            first_responders=True,
        ),
    )
