import factory
from django.utils import timezone

from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.core.tests.model_factory import ModelFactory
from pokpong.exchange.webhooks.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from pokpong.exchange.webhooks.signing import secret_new


class WebhookEndpointFactory(ModelFactory[WebhookEndpoint]):
    """An endpoint saved as it is (no address check: nothing is sent to it in these tests)."""

    class Meta:
        model = WebhookEndpoint

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Partner system {n}")
    url = "https://hooks.example.org/pokpong"
    events = factory.LazyFunction(lambda: [WebhookEvent.REFERRAL_SENT.value])
    secret = factory.LazyFunction(secret_new)
    created_by = factory.SubFactory(UserFactory)


class WebhookDeliveryFactory(ModelFactory[WebhookDelivery]):
    """A delivery that failed once (with its attempt)."""

    class Meta:
        model = WebhookDelivery
        skip_postgeneration_save = True

    endpoint = factory.SubFactory(WebhookEndpointFactory)
    event = WebhookEvent.PING
    payload = factory.LazyAttribute(
        lambda o: {
            "event": o.event,
            "delivery": "x",
            "occurred_at": "2026-11-28T00:00:00Z",
            "data": {},
        }
    )
    status = DeliveryStatus.FAILED
    attempts = 1
    attempt = factory.RelatedFactory(
        "pokpong.exchange.tests.factories.WebhookAttemptFactory", factory_related_name="delivery"
    )


class WebhookAttemptFactory(ModelFactory[WebhookAttempt]):
    class Meta:
        model = WebhookAttempt

    delivery = factory.SubFactory(WebhookDeliveryFactory, attempt=None)
    number = 1
    at = factory.LazyFunction(timezone.now)
    http_status = 500
    duration_ms = 120
    error = "HTTP 500"
