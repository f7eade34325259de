from django.urls import include, path

from pokpong.people import urls_duplicates, views, views_groups

app_name = "people"
persons = [
    path("", views.person_list, name="list"),
    path("new/", views.person_register, name="register"),
    path("new/duplicates/", views.duplicate_check, name="duplicate_check"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("arrivals/", views_groups.arrival_group_list, name="group_list"),
    path("arrivals/new/", views_groups.arrival_group_create, name="group_create"),
    path("arrivals/<int:pk>/", views_groups.arrival_group_detail, name="group_detail"),
]
urlpatterns = [
    path("persons/", include(persons)),
    path("duplicates/", include(urls_duplicates.urlpatterns)),
]
