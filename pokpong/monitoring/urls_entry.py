"""URLs of monitoring: entry."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
