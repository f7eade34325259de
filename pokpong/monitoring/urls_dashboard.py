"""URLs of monitoring: dashboard."""

from django.urls import path

from pokpong.monitoring import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("referrals/", views.referrals, name="referrals"),
]
