from django.urls import path

from pokpong.prevention import views

app_name = "prevention"
urlpatterns = [
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/new/", views.activity_new, name="activity_new"),
    path("assessments/", views.assessment_list, name="assessment_list"),
    path("assessments/new/", views.assessment_new, name="assessment_new"),
    path("hotline/", views.call_list, name="call_list"),
    path("hotline/new/", views.call_new, name="call_new"),
]
