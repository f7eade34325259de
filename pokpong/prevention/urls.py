from django.urls import path

from pokpong.prevention import views, views_corrections

app_name = "prevention"
urlpatterns = [
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/new/", views.activity_new, name="activity_new"),
    path("activities/<int:pk>/edit/", views_corrections.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/void/", views_corrections.activity_void, name="activity_void"),
    path("assessments/<int:pk>/edit/", views_corrections.assessment_edit, name="assessment_edit"),
    path("assessments/<int:pk>/void/", views_corrections.assessment_void, name="assessment_void"),
    path("hotline/<int:pk>/", views_corrections.call_detail, name="call_detail"),
    path("hotline/<int:pk>/edit/", views_corrections.call_edit, name="call_edit"),
    path("hotline/<int:pk>/void/", views_corrections.call_void, name="call_void"),
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
