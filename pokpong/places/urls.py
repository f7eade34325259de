from django.urls import path

from pokpong.places import views

app_name = "places"
urlpatterns = [
    path("countries/options/", views.country_options, name="country_options"),
]
