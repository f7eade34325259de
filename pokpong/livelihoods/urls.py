from django.urls import path

from pokpong.livelihoods import views

app_name = "livelihoods"
VOID = {
    kind: {"kind": kind} for kind in ("assessment", "training", "placement", "business", "finance")
}
urlpatterns = [
    path("cases/<int:case_pk>/", views.case_livelihoods, name="case"),
    path("cases/<int:case_pk>/assessment/", views.assessment_new, name="assessment_new"),
    path("cases/<int:case_pk>/training/", views.training_new, name="training_new"),
    path("cases/<int:case_pk>/job/", views.placement_new, name="placement_new"),
    path("cases/<int:case_pk>/business/", views.business_new, name="business_new"),
    path("cases/<int:case_pk>/savings/", views.finance_new, name="finance_new"),
    path("trainings/<int:pk>/", views.training_edit, name="training_edit"),
    path("retention-checks/<int:pk>/", views.retention_check, name="retention_check"),
    path("businesses/<int:pk>/check/", views.business_check_new, name="business_check"),
    path("assessments/<int:pk>/void/", views.record_void, VOID["assessment"], "assessment_void"),
    path("trainings/<int:pk>/void/", views.training_void, name="training_void"),
    path("jobs/<int:pk>/void/", views.record_void, VOID["placement"], "placement_void"),
    path("businesses/<int:pk>/void/", views.record_void, VOID["business"], "business_void"),
    path("savings/<int:pk>/void/", views.record_void, VOID["finance"], "finance_void"),
    path("employers/", views.employer_list, name="employer_list"),
    path("employers/new/", views.employer_edit, name="employer_new"),
    path("employers/<int:pk>/", views.employer_edit, name="employer_edit"),
]
