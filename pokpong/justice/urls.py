from django.urls import path

from pokpong.justice import views

app_name = "justice"
urlpatterns = [
    path("cases/<int:case_pk>/", views.file_detail, name="file_detail"),
    path("cases/<int:case_pk>/file/", views.file_edit, name="file_edit"),
    path("cases/<int:case_pk>/suspects/new/", views.suspect_add, name="suspect_add"),
    path("suspects/<int:pk>/", views.suspect_edit, name="suspect_edit"),
    path("hearings/<int:pk>/", views.hearing_edit, name="hearing_edit"),
    path("cases/<int:case_pk>/charges/new/", views.charge_add, name="charge_add"),
    path("cases/<int:case_pk>/hearings/new/", views.hearing_add, name="hearing_add"),
    path("cases/<int:case_pk>/verdicts/new/", views.verdict_add, name="verdict_add"),
    path("cases/<int:case_pk>/witness/", views.witness_edit, name="witness_edit"),
]
