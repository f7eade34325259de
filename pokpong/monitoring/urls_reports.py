"""URLs of monitoring: reports (/me/reports/)."""

from django.urls import path

from pokpong.monitoring import views_reports

urlpatterns = [
    path("", views_reports.report_requests, name="report_requests"),
    path("<int:pk>/download/", views_reports.report_download, name="report_download"),
]
