"""The webhook screens of an organisation's administrators: endpoints, their log, a test event."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import Capability, requires
from pokpong.exchange.webhooks import selectors, services
from pokpong.exchange.webhooks.forms import EndpointCreateForm, EndpointForm
from pokpong.exchange.webhooks.models import WebhookEndpoint

manage_webhooks = requires(Capability.MANAGE_USERS)


def _errors_to_form(form: Form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@manage_webhooks
def webhook_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    endpoints = selectors.endpoint_list_for_user(user=request.user)
    return render(request, "exchange/webhooks/list.html", {"endpoints": endpoints})


@manage_webhooks
def webhook_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = selectors.webhook_organisations(user=request.user)
    initial = {"organisation": request.user.organisation_id}
    form = EndpointCreateForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            endpoint, secret = services.endpoint_create(
                user=request.user,
                organisation=data["organisation"],
                name=data["name"],
                url=data["url"],
                events=data["events"],
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            return _show_secret(request, endpoint, secret)
    return render(request, "exchange/webhooks/form.html", {"form": form})


@never_cache
def _show_secret(
    request: AuthenticatedHttpRequest, endpoint: WebhookEndpoint, secret: str
) -> HttpResponse:
    return render(
        request, "exchange/webhooks/secret.html", {"endpoint": endpoint, "secret": secret}
    )


@manage_webhooks
def webhook_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    endpoint = selectors.endpoint_get_for_user(user=request.user, pk=pk)
    context = {
        "endpoint": endpoint,
        "deliveries": selectors.delivery_log(endpoint=endpoint),
        "max_attempts": services.max_attempts(),
    }
    return render(request, "exchange/webhooks/detail.html", context)


@manage_webhooks
def webhook_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    endpoint = selectors.endpoint_get_for_user(user=request.user, pk=pk)
    initial = {
        "name": endpoint.name,
        "url": endpoint.url,
        "events": endpoint.events,
        "is_active": endpoint.is_active,
    }
    form = EndpointForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.endpoint_update(user=request.user, endpoint=endpoint, **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("exchange:webhook_detail", endpoint.pk)
    return render(request, "exchange/webhooks/form.html", {"form": form, "endpoint": endpoint})


@manage_webhooks
@require_POST
def webhook_test(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    endpoint = selectors.endpoint_get_for_user(user=request.user, pk=pk)
    services.endpoint_test(user=request.user, endpoint=endpoint)
    messages.success(request, _("A test event was queued; its delivery appears below."))
    return redirect("exchange:webhook_detail", endpoint.pk)


@manage_webhooks
@require_POST
def webhook_secret(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    endpoint = selectors.endpoint_get_for_user(user=request.user, pk=pk)
    secret = services.endpoint_secret_renew(user=request.user, endpoint=endpoint)
    return _show_secret(request, endpoint, secret)


@manage_webhooks
@require_POST
def webhook_redeliver(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delivery = selectors.delivery_get_for_user(user=request.user, pk=pk)
    services.delivery_redeliver(user=request.user, delivery=delivery)
    messages.success(request, _("The event was queued again."))
    return redirect("exchange:webhook_detail", delivery.endpoint_id)
