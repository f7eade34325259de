from django.urls import URLPattern, URLResolver

app_name = "offline"

urlpatterns: list[URLPattern | URLResolver] = []
