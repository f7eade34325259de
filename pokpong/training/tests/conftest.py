"""Fixtures shared by the training tests: a national trainer and a two-day session."""

import datetime as dt

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.places.tests.factories import CHAMPASAK, province
from pokpong.training.tests.factories import CourseFactory, TrainingSessionFactory


@pytest.fixture
def trainer():
    from pokpong.accounts.services import role_assign

    user = UserFactory(username="trainer")
    role_assign(user=user, role=Role.TRAINER)  # national, as the programme's trainers are
    return user


@pytest.fixture
def session(trainer):
    """Two days in Pakse (Champasak), organised by the trainer's office."""
    return TrainingSessionFactory(
        course=CourseFactory(),
        created_by=trainer,
        starts_on=dt.date(2026, 11, 10),
        ends_on=dt.date(2026, 11, 11),
        hours=16,
        venue="Pakse",
        province=province(CHAMPASAK),
        gender_content=True,
        first_responders=True,
    )
