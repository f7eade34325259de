"""URLs of monitoring: dashboard."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
