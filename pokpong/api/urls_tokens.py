"""The token pages (server-rendered, behind the sign-in), mounted at /tokens/."""

from django.urls import path

from pokpong.api import views

app_name = "tokens"
urlpatterns = [
    path("", views.token_list, name="list"),
    path("new/", views.token_create, name="create"),
    path("integrations/new/", views.integration_create, name="integration_create"),
    path("<int:pk>/revoke/", views.token_revoke, name="revoke"),
]
