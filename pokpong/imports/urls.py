from django.urls import URLPattern, URLResolver, path

from pokpong.imports import views

app_name = "imports"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/start/", views.start, name="start"),
    path("<int:pk>/errors.csv", views.errors, name="errors"),
    path(
        "template/persons-cases.xlsx",
        views.template,
        {"kind": "persons_cases", "fmt": "xlsx"},
        name="template_persons_xlsx",
    ),
    path(
        "template/persons-cases.csv",
        views.template,
        {"kind": "persons_cases", "fmt": "csv"},
        name="template_persons_csv",
    ),
    path(
        "template/activities.xlsx",
        views.template,
        {"kind": "activities", "fmt": "xlsx"},
        name="template_activities_xlsx",
    ),
    path(
        "template/activities.csv",
        views.template,
        {"kind": "activities", "fmt": "csv"},
        name="template_activities_csv",
    ),
]
