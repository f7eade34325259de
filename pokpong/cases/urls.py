from django.urls import path

from pokpong.cases import views

app_name = "cases"
urlpatterns = [
    path("persons/<int:person_pk>/screening/", views.screening_new, name="screening_new"),
    path("screenings/<int:pk>/", views.screening_detail, name="screening_detail"),
    path(
        "persons/<int:person_pk>/identification/",
        views.identification_new,
        name="identification_new",
    ),
    path("persons/<int:person_pk>/consent/", views.consent_new, name="consent_new"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
]
