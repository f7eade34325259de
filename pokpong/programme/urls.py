"""URLs of programme management and coordination, under /programme/."""

from django.urls import URLPattern

app_name = "programme"

urlpatterns: list[URLPattern] = []
