"""The webhook screens: administrators of the organisation only (the same 404 for others), the
secret shown once, a test event and a redelivery in the log, hostile input answered calmly."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from pokpong.exchange.webhooks import services
from pokpong.exchange.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db
PRIVATE = "The address %(address)s is private or local: webhooks go to public addresses."


@pytest.fixture
def endpoint(receiver, shelter_admin, shelter_org):
    created, _secret = services.endpoint_create(
        user=shelter_admin,
        organisation=shelter_org,
        name="Shelter system",
        url=receiver.url,
        events=["referral.sent"],
    )
    return created


def test_an_administrator_creates_an_endpoint_and_sees_its_secret_once(
    client, receiver, shelter_admin, shelter_org
):
    client.force_login(shelter_admin)
    response = client.post(
        reverse("exchange:webhook_create"),
        {
            "organisation": shelter_org.pk,
            "name": "Shelter system",
            "url": receiver.url,
            "events": ["referral.sent", "referral.accepted"],
        },
    )
    assert response.status_code == 200
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret in response.content.decode()
    assert "no-store" in response.headers["Cache-Control"]
    detail = client.get(reverse("exchange:webhook_detail", args=[endpoint.pk]))
    assert detail.status_code == 200
    assert endpoint.secret not in detail.content.decode()
    assert endpoint.events == ["referral.accepted", "referral.sent"]


def test_a_private_address_is_refused_on_the_form_in_lao(
    client, settings, shelter_admin, shelter_org
):
    settings.POKPONG_WEBHOOKS_ALLOW_PRIVATE = False
    client.force_login(shelter_admin)
    data = {
        "organisation": shelter_org.pk,
        "name": "x",
        "url": "https://127.0.0.1/hook",
        "events": ["referral.sent"],
    }
    response = client.post(reverse("exchange:webhook_create"), data)
    assert response.status_code == 200
    assert not WebhookEndpoint.objects.exists()
    with translation.override("lo"):
        message = gettext(PRIVATE) % {"address": "127.0.0.1"}
    assert escape(message) in response.content.decode()


def test_the_test_button_and_send_again_show_in_the_log(
    client, receiver, shelter_admin, endpoint, django_capture_on_commit_callbacks
):
    client.force_login(shelter_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("exchange:webhook_test", args=[endpoint.pk]))
    assert response.status_code == 302
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.DELIVERED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("exchange:webhook_redeliver", args=[delivery.pk]))
    page = client.get(reverse("exchange:webhook_detail", args=[endpoint.pk])).content.decode()
    assert page.count("HTTP 200") == 2
    assert str(delivery.uid) in page
    assert len(receiver.requests) == 2


def test_an_administrator_switches_an_endpoint_off(client, shelter_admin, endpoint):
    client.force_login(shelter_admin)
    response = client.post(
        reverse("exchange:webhook_edit", args=[endpoint.pk]),
        {"name": "Shelter system", "url": endpoint.url, "events": ["referral.sent"]},
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.is_active is False


@pytest.mark.parametrize("who", ["champasak_admin", "caseworker", "outsider"])
def test_others_get_the_same_404_as_for_a_missing_endpoint(client, request, who, endpoint):
    client.force_login(request.getfixturevalue(who))
    delivery = services.endpoint_test(user=endpoint.created_by, endpoint=endpoint)
    for name, pk, method in (
        ("exchange:webhook_detail", endpoint.pk, "get"),
        ("exchange:webhook_edit", endpoint.pk, "post"),
        ("exchange:webhook_test", endpoint.pk, "post"),
        ("exchange:webhook_secret", endpoint.pk, "post"),
        ("exchange:webhook_redeliver", delivery.pk, "post"),
    ):
        send = getattr(client, method)
        assert send(reverse(name, args=[pk])).status_code == 404
        assert send(reverse(name, args=[2_147_483_647])).status_code == 404
    listed = client.get(reverse("exchange:webhook_list"))
    assert listed.status_code == 404 or endpoint.name not in listed.content.decode()


def test_a_scoped_administrator_cannot_create_an_endpoint_for_another_province(
    client, receiver, champasak_admin, shelter_org
):
    client.force_login(champasak_admin)
    data = {
        "organisation": shelter_org.pk,
        "name": "x",
        "url": receiver.url,
        "events": ["referral.sent"],
    }
    response = client.post(reverse("exchange:webhook_create"), data)
    assert response.status_code == 200  # the form refuses the choice
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"name": "x" * 500, "url": "javascript:alert(1)", "events": ["nope"]},
        {"name": "", "url": "https://" + "a" * 600 + ".la/", "events": []},
        {"name": "ok", "url": "https://exa mple.la/", "events": ["referral.sent"]},
        {"name": "ok", "url": "https://example.la:99999/", "events": ["referral.sent"]},
        {"name": "ok", "url": "ftp://example.la/", "events": ["referral.sent"]},
        {"name": "ok", "url": "https://user:pw@example.la/", "events": ["referral.sent"]},
        {"name": "\x00", "url": "https://\x00/", "events": ["referral.sent"]},
    ],
)
def test_hostile_input_is_refused_without_a_server_error(
    client, shelter_admin, shelter_org, endpoint, data
):
    client.force_login(shelter_admin)
    created = client.post(reverse("exchange:webhook_create"), {**data, "organisation": "x"})
    edited = client.post(reverse("exchange:webhook_edit", args=[endpoint.pk]), data)
    assert created.status_code == edited.status_code == 200
    assert WebhookEndpoint.objects.count() == 1


def test_the_log_reads_in_the_same_number_of_queries_however_many_deliveries(
    client, shelter_admin, endpoint
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pokpong.exchange.tests.factories import WebhookDeliveryFactory

    client.force_login(shelter_admin)
    url = reverse("exchange:webhook_detail", args=[endpoint.pk])
    WebhookDeliveryFactory(endpoint=endpoint)
    client.get(url)  # warm the session and the caches
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    WebhookDeliveryFactory.create_batch(5, endpoint=endpoint)
    with CaptureQueriesContext(connection) as six:
        page = client.get(url)
    assert page.content.decode().count('<li class="delivery ') == 6
    assert len(six) == len(one)
