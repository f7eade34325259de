from django.urls import path

from pokpong.referrals import views, views_print

app_name = "referrals"
urlpatterns = [
    path("directory/", views.directory, name="directory"),
    path("directory/new/", views.offer_edit, name="offer_create"),
    path("directory/<int:pk>/", views.offer_edit, name="offer_edit"),
    path("directory/refer/", views.offer_refer, name="offer_refer"),
    path("cases/<int:case_pk>/refer/", views.referral_new, name="referral_new"),
    path("<int:pk>/", views.referral_detail, name="referral_detail"),
    path("<int:pk>/letter.pdf", views_print.referral_letter_pdf, name="referral_letter_pdf"),
    path("<int:pk>/accept/", views.referral_accept, name="referral_accept"),
    path("<int:pk>/decline/", views.referral_decline, name="referral_decline"),
    path("<int:pk>/complete/", views.referral_complete, name="referral_complete"),
    path("<int:pk>/cancel/", views.referral_cancel, name="referral_cancel"),
    path("cases/<int:case_pk>/services/", views.service_new, name="service_new"),
    path("services/<int:pk>/edit/", views.service_edit, name="service_edit"),
    path("services/<int:pk>/void/", views.service_void, name="service_void"),
    path("cases/<int:case_pk>/return/", views.return_plan, name="return_plan"),
    path("follow-ups/<int:pk>/", views.follow_up, name="follow_up"),
    path("follow-ups/<int:pk>/assign/", views.follow_up_assign, name="follow_up_assign"),
    path("cases/<int:case_pk>/follow-ups/", views.follow_up_add, name="follow_up_add"),
    path("report/", views.report, name="report"),
]
