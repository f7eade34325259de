"""A case moves to another province's office: asked, accepted or declined, audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.policy import can_view_case, can_view_person
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases import services
from pokpong.cases.models import CaseStatus, TransferStatus
from pokpong.cases.selectors import transfers_to_answer
from pokpong.cases.tests.factories import CaseFactory, CaseNoteFactory
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.models import Province

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(caseworker):
    return CaseFactory(person=PersonFactory(registered_by=caseworker))


@pytest.fixture
def home_office(db):
    """The social welfare office of Luang Prabang, where the person moves home."""
    return OrganisationFactory(province=Province.objects.get(iso_code="LA-LP"))


@pytest.fixture
def receiver(home_office):
    return UserFactory(organisation=home_office, roles=[Role.CASE_WORKER])


def _ask(caseworker, case, office):
    return services.case_transfer_request(
        user=caseworker, case=case, to_organisation=office, reason="Moves home to her parents"
    )


def test_accepting_moves_the_case_and_the_person_keeping_number_and_history(
    caseworker, case, home_office, receiver
):
    note = CaseNoteFactory(case=case)
    number = case.number
    transfer = _ask(caseworker, case, home_office)
    assert transfers_to_answer(user=receiver) == [transfer]
    services.case_transfer_accept(user=receiver, transfer=transfer)
    case.refresh_from_db()
    assert case.number == number
    assert (case.organisation, case.province_id) == (home_office, home_office.province_id)
    assert case.caseworker == receiver and list(case.notes.all()) == [note]
    assert case.person.organisation == home_office
    assert case.person.province_id == home_office.province_id
    moved = AuditEntry.objects.filter(object_type="cases.case", object_id=str(case.pk))
    assert moved.filter(action=AuditAction.UPDATE, extra__why=f"transfer {transfer.pk}").exists()
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.ACCEPTED and transfer.answered_by == receiver


def test_the_old_office_loses_the_case_and_the_new_one_gains_it(
    caseworker, case, home_office, receiver
):
    transfer = _ask(caseworker, case, home_office)
    assert not can_view_case(receiver, case)
    services.case_transfer_accept(user=receiver, transfer=transfer)
    case.refresh_from_db()
    assert can_view_case(receiver, case) and can_view_person(receiver, case.person)
    assert not can_view_case(caseworker, case)
    assert not can_view_person(caseworker, case.person)


def test_declining_moves_nothing_and_needs_a_reason(caseworker, case, home_office, receiver):
    transfer = _ask(caseworker, case, home_office)
    with pytest.raises(ValidationError):
        services.case_transfer_decline(user=receiver, transfer=transfer, reason=" ")
    services.case_transfer_decline(user=receiver, transfer=transfer, reason="Not our district")
    case.refresh_from_db()
    assert case.organisation == caseworker.organisation
    with pytest.raises(ValidationError):  # answered once
        services.case_transfer_accept(user=receiver, transfer=transfer)


def test_only_the_receiving_office_answers(caseworker, case, home_office):
    transfer = _ask(caseworker, case, home_office)
    other = UserFactory(
        organisation=OrganisationFactory(province=home_office.province), roles=[Role.CASE_WORKER]
    )
    for user in (caseworker, other):
        with pytest.raises(PermissionDenied):
            services.case_transfer_accept(user=user, transfer=transfer)


def test_a_case_moves_only_to_another_provinces_office_once_at_a_time(
    caseworker, case, home_office
):
    with pytest.raises(ValidationError):
        _ask(caseworker, case, OrganisationFactory())  # same province
    _ask(caseworker, case, home_office)
    with pytest.raises(ValidationError):
        _ask(caseworker, case, home_office)


def test_a_closed_case_or_another_office_cannot_ask(caseworker, home_office, receiver):
    closed = CaseFactory(
        person=PersonFactory(registered_by=caseworker),
        status=CaseStatus.CLOSED,
        closed_on="2026-01-02",
    )
    with pytest.raises(ValidationError):
        _ask(caseworker, closed, home_office)
    case = CaseFactory(person=PersonFactory(registered_by=caseworker))
    with pytest.raises(PermissionDenied):
        _ask(receiver, case, home_office)


def test_the_pages_request_then_accept(client, caseworker, case, home_office, receiver):
    client.force_login(caseworker)
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert reverse("cases:case_transfer", args=[case.pk]) in page
    response = client.post(
        reverse("cases:case_transfer", args=[case.pk]),
        {"to_organisation": home_office.pk, "reason": "Moves home"},
    )
    transfer = case.transfers.get()
    assert response.url == reverse("cases:transfer_detail", args=[transfer.pk])
    client.force_login(receiver)
    detail = client.get(response.url)
    assert case.person.display_name in detail.content.decode()
    done = client.post(reverse("cases:transfer_accept", args=[transfer.pk]))
    assert done.url == reverse("cases:case_detail", args=[case.pk])
    client.force_login(caseworker)
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 404
    after = client.get(reverse("cases:transfer_detail", args=[transfer.pk])).content.decode()
    assert case.number in after and case.person.display_name not in after


def test_another_office_sees_no_transfer(client, caseworker, case, home_office):
    transfer = _ask(caseworker, case, home_office)
    stranger = UserFactory(
        organisation=OrganisationFactory(province=home_office.province), roles=[Role.CASE_WORKER]
    )
    client.force_login(stranger)
    for name in ("cases:transfer_detail", "cases:transfer_accept", "cases:transfer_decline"):
        assert client.post(reverse(name, args=[transfer.pk])).status_code in {404, 405}
    assert client.get(reverse("cases:transfer_detail", args=[transfer.pk])).status_code == 404


def test_the_office_that_asked_cancels_and_the_inbox_item_goes_away(
    caseworker, case, home_office, receiver
):
    transfer = _ask(caseworker, case, home_office)
    assert transfers_to_answer(user=receiver) == [transfer]
    services.case_transfer_cancel(user=caseworker, transfer=transfer)
    transfer.refresh_from_db()
    assert (transfer.status, transfer.answered_by) == (TransferStatus.CANCELLED, caseworker)
    assert transfers_to_answer(user=receiver) == []
    case.refresh_from_db()
    assert case.organisation == caseworker.organisation
    entry = AuditEntry.objects.get(
        object_type="cases.casetransfer", object_id=str(transfer.pk), action=AuditAction.UPDATE
    )
    assert entry.changes == {"status": ["requested", "cancelled"]}
    with pytest.raises(ValidationError):  # no longer waiting: nothing to accept
        services.case_transfer_accept(user=receiver, transfer=transfer)
    _ask(caseworker, case, home_office)  # the case may be asked for again


def test_only_the_office_that_asked_cancels_and_only_while_it_waits(
    caseworker, case, home_office, receiver
):
    transfer = _ask(caseworker, case, home_office)
    with pytest.raises(PermissionDenied):
        services.case_transfer_cancel(user=receiver, transfer=transfer)
    services.case_transfer_accept(user=receiver, transfer=transfer)
    with pytest.raises(ValidationError):
        services.case_transfer_cancel(user=caseworker, transfer=transfer)


def test_cancelling_from_the_page_asks_first_then_cancels(client, caseworker, case, home_office):
    transfer = _ask(caseworker, case, home_office)
    client.force_login(caseworker)
    detail = reverse("cases:transfer_detail", args=[transfer.pk])
    assert reverse("cases:transfer_cancel", args=[transfer.pk]) in client.get(detail).text
    url = reverse("cases:transfer_cancel", args=[transfer.pk])
    asked = client.post(url)
    assert asked.status_code == 200 and 'name="confirmed"' in asked.text  # no-JS: a page asks
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.REQUESTED
    assert client.post(url, {"confirmed": "1"}).url == detail
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.CANCELLED
    assert reverse("cases:transfer_cancel", args=[transfer.pk]) not in client.get(detail).text


def test_the_receiving_office_cannot_cancel_from_the_page(client, caseworker, case, home_office):
    transfer = _ask(caseworker, case, home_office)
    receiver = UserFactory(organisation=home_office, roles=[Role.CASE_WORKER])
    client.force_login(receiver)
    url = reverse("cases:transfer_cancel", args=[transfer.pk])
    assert client.post(url, {"confirmed": "1"}).status_code == 404
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.REQUESTED


def test_the_person_s_other_open_cases_of_the_office_move_too_closed_ones_stay(
    caseworker, case, home_office, receiver
):
    second = CaseFactory(person=case.person)
    closed = CaseFactory(person=case.person, status=CaseStatus.CLOSED, closed_on="2025-05-01")
    elsewhere = CaseFactory(
        person=case.person, organisation=OrganisationFactory(province=case.province)
    )
    assert services.cases_moving_with(case=case) == [second]
    transfer = _ask(caseworker, case, home_office)
    services.case_transfer_accept(user=receiver, transfer=transfer)
    for moved in (case, second):
        moved.refresh_from_db()
        assert (moved.organisation, moved.caseworker) == (home_office, receiver)
    for stayed in (closed, elsewhere):
        before = stayed.organisation_id
        stayed.refresh_from_db()
        assert stayed.organisation_id == before
    audited = AuditEntry.objects.filter(
        object_type="cases.case", object_id=str(second.pk), extra__why=f"transfer {transfer.pk}"
    )
    assert audited.count() == 1


def test_the_transfer_pages_name_the_cases_that_move_with_it(
    client, caseworker, case, home_office, receiver
):
    second = CaseFactory(person=case.person)
    client.force_login(caseworker)
    form = client.get(reverse("cases:case_transfer", args=[case.pk])).text
    assert 'id="moving-cases"' in form and second.number in form
    transfer = _ask(caseworker, case, home_office)
    client.force_login(receiver)
    detail = client.get(reverse("cases:transfer_detail", args=[transfer.pk])).text
    assert 'id="moving-cases"' in detail and second.number in detail
    alone = CaseFactory(person=PersonFactory(registered_by=caseworker))
    client.force_login(caseworker)
    assert (
        'id="moving-cases"' not in client.get(reverse("cases:case_transfer", args=[alone.pk])).text
    )
