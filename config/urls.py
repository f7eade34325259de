from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import TemplateView

from pokpong.training import urls as training_urls

# Self-service password reset by e-mail is off: an administrator resets passwords (see accounts).
password_reset_off = login_not_required(
    TemplateView.as_view(template_name="accounts/password_reset_off.html")
)

urlpatterns = [
    path("account/password/reset/", password_reset_off, name="account_reset_password"),
    path("account/", include("allauth.urls")),
    path("accounts/", include("pokpong.accounts.urls")),
    path("", include("pokpong.people.urls")),  # persons/ and duplicates/
    path("cases/", include("pokpong.cases.urls")),
    path("referrals/", include("pokpong.referrals.urls")),
    path("prevention/", include("pokpong.prevention.urls")),
    path("training/", include("pokpong.training.urls")),
    path("places/", include("pokpong.places.urls")),
    path("justice/", include("pokpong.justice.urls")),
    path("programme/", include("pokpong.programme.urls")),
    path("livelihoods/", include("pokpong.livelihoods.urls")),
    path("me/", include("pokpong.monitoring.urls")),
    path("api/", include("pokpong.api.urls")),
    path("tokens/", include("pokpong.api.urls_tokens")),
    path("exchange/", include("pokpong.exchange.urls")),
    path("imports/", include("pokpong.imports.urls")),
    path("offline/", include("pokpong.offline.urls")),
    path("verify/", include((training_urls.public_patterns, "verify"))),
    path("", include("pokpong.desk.urls")),
]

# A refusal answers like a missing record (the same 404): pokpong.desk.views.refused.
handler403 = "pokpong.desk.views.refused"
