"""URLs of monitoring: the indicator catalogue, hand-entered values and targets."""

from django.urls import path

from pokpong.monitoring import views_entry

urlpatterns = [
    path("catalogue/", views_entry.catalogue, name="catalogue"),
    path("catalogue/area/", views_entry.programme_area, name="programme_area"),
    path("catalogue/<str:code>/", views_entry.indicator_detail, name="indicator"),
    path("catalogue/<str:code>/values/", views_entry.value_save, name="indicator_value"),
    path("catalogue/<str:code>/targets/", views_entry.target_save, name="indicator_target"),
]
