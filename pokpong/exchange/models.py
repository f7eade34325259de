"""The exchange app's models, each kind in its own module."""

from pokpong.exchange.webhooks.models import (  # noqa: F401
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)
