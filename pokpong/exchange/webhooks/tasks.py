"""Background work of the outbound webhooks (run by the tasks worker, never in a request)."""

from django_tasks import task

from pokpong.exchange.webhooks.services import delivery_attempt


@task()
def deliver_webhook(delivery_id: int) -> str:
    """One attempt to deliver one event; a failure schedules the next attempt itself."""
    return delivery_attempt(delivery_id=delivery_id)
