"""Reads of the webhook screens, scoped to the organisations the user administers."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from pokpong.accounts.models import Organisation, User
from pokpong.accounts.policy import webhook_organisations_for, webhooks_visible_to
from pokpong.exchange.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint

LOG_LENGTH = 50


def webhook_organisations(*, user: User) -> QuerySet[Organisation]:
    return webhook_organisations_for(user).filter(is_active=True).order_by("name_en")


def endpoint_list_for_user(*, user: User) -> QuerySet[WebhookEndpoint]:
    return webhooks_visible_to(user, WebhookEndpoint.objects.select_related("organisation"))


def endpoint_get_for_user(*, user: User, pk: int) -> WebhookEndpoint:
    """The same 404 for an endpoint that does not exist and one of another organisation."""
    return get_object_or_404(endpoint_list_for_user(user=user), pk=pk)


def delivery_get_for_user(*, user: User, pk: int) -> WebhookDelivery:
    deliveries = webhooks_visible_to(
        user,
        WebhookDelivery.objects.select_related("endpoint"),
        organisation="endpoint__organisation",
    )
    return get_object_or_404(deliveries, pk=pk)


def delivery_log(*, endpoint: WebhookEndpoint) -> list[WebhookDelivery]:
    """The endpoint's latest deliveries, newest first, each with its attempts."""
    attempts = Prefetch("attempt_log", queryset=WebhookAttempt.objects.order_by("number"))
    return list(endpoint.deliveries.prefetch_related(attempts)[:LOG_LENGTH])
