"""URLs of monitoring and evaluation, under /me/: the dashboard and lists (urls_dashboard), the
indicator catalogue, hand-entered values and targets (urls_entry), the reports (urls_reports)."""

from django.urls import include, path

app_name = "monitoring"

urlpatterns = [
    path("", include("pokpong.monitoring.urls_dashboard")),
    path("", include("pokpong.monitoring.urls_entry")),
    path("reports/", include("pokpong.monitoring.urls_reports")),
]
