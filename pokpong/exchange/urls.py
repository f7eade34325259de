"""URLs of the data exchange (/exchange/): exports and the DHIS2 mapping."""

from django.urls import URLPattern, URLResolver, path

from pokpong.exchange import views, views_dhis2

app_name = "exchange"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.exports, name="exports"),
    path("new/<slug:kind>/", views.export_new, name="export_new"),
    path("<int:pk>/download/", views.export_download, name="export_download"),
    path("dhis2/mapping/", views_dhis2.dhis2_mapping, name="dhis2_mapping"),
]
