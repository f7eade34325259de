"""Correcting training records: a session edited or voided (not counted), a course edited."""

from decimal import Decimal

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.core.forms import typed_field
from pokpong.core.models import AuditEntry
from pokpong.places.tests.factories import province
from pokpong.training import selectors, services
from pokpong.training.forms import SessionForm
from pokpong.training.models import Course, TrainingSession
from pokpong.training.tests.factories import CourseFactory
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


def _void_course(client, course, reason="Added twice"):
    return client.post(reverse("training:course_void", args=[course.pk]), {"reason": reason})


def test_a_course_added_by_mistake_is_voided_and_leaves_the_catalogue_and_choices(client, trainer):
    course = services.course_create(
        user=trainer,
        details=services.CourseDetails(
            name_lo="ຫຼັກສູດຊ້ຳ", name_en="Duplicate course", topic="law", hours=Decimal(8)
        ),
    )
    client.force_login(trainer)
    assert _void_course(client, course).status_code == 302
    voided = Course.all_objects.get(pk=course.pk)
    assert (voided.void_reason, voided.voided_by) == ("Added twice", trainer)
    assert not selectors.course_list().filter(pk=course.pk).exists()
    offered = typed_field(SessionForm(), "course", forms.ModelChoiceField).queryset
    assert offered is not None and not offered.filter(pk=course.pk).exists()
    assert "Duplicate course" not in client.get(reverse("training:session_list")).text
    assert AuditEntry.objects.filter(object_id=str(course.pk), extra={"voided": True}).exists()
    assert client.get(reverse("training:course_edit", args=[course.pk])).status_code == 404


def test_a_course_with_a_session_that_counts_is_not_voided(client, trainer, session):
    client.force_login(trainer)
    response = _void_course(client, session.course)
    assert response.status_code == 302
    assert Course.objects.filter(pk=session.course_id).exists()
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    with translation.override("lo"):  # the trainer reads Lao
        expected = translation.ngettext(
            "This course has %(count)d session that is not voided: void it first, "
            "or correct the course instead.",
            "This course has %(count)d sessions that are not voided: void them first, "
            "or correct the course instead.",
            1,
        ) % {"count": 1}
    assert shown == [expected]
    assert "1" in expected and "ໂມຄະ" in expected


def test_once_its_sessions_are_voided_the_course_is_voided_and_their_history_names_it(
    client, trainer, session
):
    services.session_void(user=trainer, session=session, reason="Entered twice")
    client.force_login(trainer)
    assert _void_course(client, session.course).status_code == 302
    assert not Course.objects.filter(pk=session.course_id).exists()
    page = client.get(reverse("training:session_list"))
    voided = page.text.split('<li class="voided">')[1].split("</li>")[0]
    assert "ການລະບຸຕົວຜູ້ຖືກເຄາະຮ້າຍ" in voided  # the voided session still names its course
    assert "ການລະບຸຕົວຜູ້ຖືກເຄາະຮ້າຍ" not in page.text.split('id="courses"')[1]
    assert TrainingSession.all_objects.get(pk=session.pk).course.name_en == "Victim identification"


def test_a_course_never_given_is_corrected_only_by_the_office_that_added_it(client, trainer):
    author = UserFactory(roles=[Role.TRAINER])  # a provincial trainer (Savannakhet)
    course = services.course_create(
        user=author,
        details=services.CourseDetails(
            name_lo="ກົດໝາຍ", name_en="The law", topic="law", hours=Decimal(4)
        ),
    )
    colleague = UserFactory(roles=[Role.TRAINER], organisation=author.organisation)
    elsewhere = UserFactory(
        roles=[Role.TRAINER], organisation__province=province("LA-SL")
    )  # Salavan
    url = reverse("training:course_edit", args=[course.pk])
    for user, status in ((colleague, 200), (trainer, 200), (elsewhere, 404)):
        client.force_login(user)
        assert client.get(url).status_code == status, user
    assert _void_course(client, course).status_code == 404
    assert Course.objects.filter(pk=course.pk).exists()


def test_a_course_from_before_its_creator_was_recorded_stays_open_to_any_trainer(client):
    course = CourseFactory(created_by=None)
    client.force_login(UserFactory(roles=[Role.TRAINER]))
    assert client.get(reverse("training:course_edit", args=[course.pk])).status_code == 200
