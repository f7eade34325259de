from django.urls import path

from pokpong.training import views, views_corrections

app_name = "training"
urlpatterns = [
    path("", views.session_list, name="session_list"),
    path("courses/new/", views.course_new, name="course_new"),
    path("sessions/new/", views.session_new, name="session_new"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("courses/<int:pk>/edit/", views_corrections.course_edit, name="course_edit"),
    path("courses/<int:pk>/void/", views_corrections.course_void, name="course_void"),
    path("sessions/<int:pk>/edit/", views_corrections.session_edit, name="session_edit"),
    path("sessions/<int:pk>/void/", views_corrections.session_void, name="session_void"),
    path("sessions/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("sessions/<int:pk>/import/", views.session_import, name="session_import"),
    path("import-template.csv", views.import_template, name="import_template"),
    path("enrolments/<int:pk>/scores/", views.scores, name="scores"),
    path("enrolments/<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("enrolments/<int:pk>/certificate/", views.certificate, name="certificate"),
    path(
        "enrolments/<int:pk>/certificate/revoke/",
        views.certificate_revoke,
        name="certificate_revoke",
    ),
    path("participants/<int:pk>/", views.participant_detail, name="participant_detail"),
]

# Public, outside /training/: anyone holding a certificate's code can check it.
public_patterns = [path("", views.verify_certificate, name="certificate")]
