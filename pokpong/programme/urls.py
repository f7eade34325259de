"""URLs of programme management and coordination, under /programme/."""

from django.urls import path

from pokpong.programme import views

app_name = "programme"

urlpatterns = [
    path("workplan/", views.activity_list, name="activity_list"),
    path("workplan/new/", views.activity_new, name="activity_new"),
    path("workplan/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("budget/", views.budget, name="budget"),
    path("budget/edit/", views.budget_edit, name="budget_edit"),
    path("committees/", views.committee_list, name="committee_list"),
    path("committees/new/", views.committee_new, name="committee_new"),
    path("committees/<int:pk>/", views.committee_detail, name="committee_detail"),
    path("committees/<int:pk>/edit/", views.committee_edit, name="committee_edit"),
    path("committees/<int:pk>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/actions/new/", views.action_new, name="action_new"),
    path("actions/<int:pk>/", views.action_follow_up, name="action_follow_up"),
]
