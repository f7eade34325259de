from django.urls import path

from pokpong.desk import views

app_name = "desk"
urlpatterns = [
    path("", views.home, name="home"),
    path("inbox/", views.inbox, name="inbox"),
    path("caseload/", views.caseload, name="caseload"),
    path("health/", views.health, name="health"),
    path("language/", views.set_language, name="set_language"),
    path("audit/", views.audit_list, name="audit_list"),
    path("lists/", views.reference_index, name="reference_index"),
    path("lists/<slug:slug>/", views.reference_list, name="reference_list"),
    path("lists/<slug:slug>/new/", views.reference_edit, name="reference_create"),
    path("lists/<slug:slug>/<int:pk>/", views.reference_edit, name="reference_edit"),
    path("lists/<slug:slug>/<int:pk>/toggle/", views.reference_toggle, name="reference_toggle"),
    path("lists/<slug:slug>/<int:pk>/delete/", views.reference_delete, name="reference_delete"),
]
