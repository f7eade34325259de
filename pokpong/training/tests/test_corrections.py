"""Correcting training records: a session edited or voided (not counted), a course edited."""

import pytest
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.core.models import AuditEntry
from pokpong.training import selectors, services
from pokpong.training.models import TrainingSession
from pokpong.training.tests.helpers import person

pytestmark = pytest.mark.django_db


def test_a_voided_session_trains_nobody_but_stays_listed(client, trainer, session):
    services.enrol(user=trainer, session=session, participant=person(OrganisationFactory()))
    assert selectors.persons_trained(TrainingSession.objects.all())["persons"] == 1
    client.force_login(trainer)
    response = client.post(
        reverse("training:session_void", args=[session.pk]), {"reason": "Entered twice"}
    )
    assert response.status_code == 302
    page = client.get(reverse("training:session_list"))
    assert (page.context["totals"]["sessions"], page.context["totals"]["persons"]) == (0, 0)
    assert 'class="voided"' in page.text
    listed = selectors.session_list_for_user(user=trainer, with_voided=True)
    assert selectors.persons_trained(listed)["persons"] == 0


def test_a_session_is_corrected_from_its_page(client, trainer, session):
    client.force_login(trainer)
    url = reverse("training:session_edit", args=[session.pk])
    assert client.get(url).status_code == 200
    data = {
        "course": session.course_id,
        "starts_on": "2026-11-10",
        "ends_on": "2026-11-12",
        "hours": "20",
        "venue": "Pakse, provincial hall",
        "province": session.province_id,
    }
    assert client.post(url, data).status_code == 302
    session.refresh_from_db()
    assert (session.venue, session.hours) == ("Pakse, provincial hall", 20)
    entry = AuditEntry.objects.get(action="update", object_id=str(session.pk))
    assert entry.changes["venue"] == ["Pakse", "Pakse, provincial hall"]


def test_a_trainer_of_another_office_cannot_correct_a_session(client, session):
    other = UserFactory(roles=[Role.TRAINER])
    client.force_login(other)
    assert client.get(reverse("training:session_edit", args=[session.pk])).status_code == 404
    voiding = client.post(reverse("training:session_void", args=[session.pk]), {"reason": "x"})
    assert voiding.status_code == 404
    assert TrainingSession.objects.filter(pk=session.pk).exists()


def test_a_course_is_corrected(client, trainer, session):
    course = session.course
    client.force_login(trainer)
    data = {
        "name_lo": course.name_lo,
        "name_en": "Victim identification (revised)",
        "topic": course.topic,
        "hours": "16",
        "min_attendance": "80",
    }
    assert client.post(reverse("training:course_edit", args=[course.pk]), data).status_code == 302
    course.refresh_from_db()
    assert course.name_en == "Victim identification (revised)"


def test_a_course_given_beyond_the_trainer_scope_is_not_theirs_to_correct(client, session):
    provincial = UserFactory(roles=[Role.TRAINER])  # over Savannakhet; the session is in Champasak
    client.force_login(provincial)
    url = reverse("training:course_edit", args=[session.course_id])
    assert client.get(url).status_code == 404
    assert url not in client.get(reverse("training:session_list")).text
