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
    path("hotline/<int:pk>/refer/", views.call_refer, name="call_refer"),
    path("hotline/referrals/<int:pk>/", views.call_referral, name="call_referral"),
    path(
        "hotline/referrals/<int:pk>/decline/",
        views.call_referral_decline,
        name="call_referral_decline",
    ),
]
