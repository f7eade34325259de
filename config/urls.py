from django.urls import include, path

urlpatterns = [
    path("accounts/", include("pokpong.accounts.urls")),
    path("", include("pokpong.core.urls")),
]
