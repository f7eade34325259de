"""URLs of monitoring: reports."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
