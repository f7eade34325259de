from django.urls import URLPattern, URLResolver, path

from pokpong.offline import views

app_name = "offline"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.app, name="app"),
    path("sync/", views.sync, name="sync"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("conflicts/", views.conflict_list, name="conflicts"),
    path("conflicts/<int:pk>/", views.conflict_resolve, name="conflict_resolve"),
]
