from django.urls import path

from pokpong.cases import views, views_case, views_corrections, views_print, views_transfer

app_name = "cases"
urlpatterns = [
    path("persons/<int:person_pk>/screening/", views.screening_new, name="screening_new"),
    path("screenings/<int:pk>/", views.screening_detail, name="screening_detail"),
    path(
        "persons/<int:person_pk>/identification/",
        views.identification_new,
        name="identification_new",
    ),
    path("persons/<int:person_pk>/consent/", views.consent_new, name="consent_new"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("", views_case.case_list, name="case_list"),
    path("persons/<int:person_pk>/open/", views_case.case_open, name="case_open"),
    path("<int:pk>/", views_case.case_detail, name="case_detail"),
    path("<int:pk>/edit/", views_case.case_edit, name="case_edit"),
    path("<int:pk>/status/", views_case.case_transition, name="case_transition"),
    path("<int:pk>/close/", views_case.case_closure_request, name="case_closure_request"),
    path("<int:pk>/close/approve/", views_case.case_closure_approve, name="case_closure_approve"),
    path("<int:pk>/reopen/", views_case.case_reopen, name="case_reopen"),
    path("<int:pk>/needs/", views_case.case_need_add, name="case_need_add"),
    path("<int:pk>/plan/", views_case.case_plan_goals, name="case_plan_goals"),
    path("<int:pk>/plan/submit/", views_case.case_plan_submit, name="case_plan_submit"),
    path("<int:pk>/plan/approve/", views_case.case_plan_approve, name="case_plan_approve"),
    path("<int:pk>/plan/actions/", views_case.case_action_add, name="case_action_add"),
    path("actions/<int:pk>/", views_case.case_action_update, name="case_action_update"),
    path("needs/<int:pk>/edit/", views_corrections.need_edit, name="need_edit"),
    path("needs/<int:pk>/void/", views_corrections.need_void, name="need_void"),
    path("actions/<int:pk>/edit/", views_corrections.action_edit, name="action_edit"),
    path("actions/<int:pk>/void/", views_corrections.action_void, name="action_void"),
    path("<int:pk>/notes/", views_case.case_note_add, name="case_note_add"),
    path("<int:pk>/attachments/", views_case.case_attachment_add, name="case_attachment_add"),
    path("attachments/<int:pk>/", views_case.attachment_view, name="attachment_view"),
    path("attachments/<int:pk>/file/", views_case.attachment_file, name="attachment_file"),
    path("<int:pk>/transfer/", views_transfer.case_transfer_request, name="case_transfer"),
    path("transfers/<int:pk>/", views_transfer.transfer_detail, name="transfer_detail"),
    path("transfers/<int:pk>/accept/", views_transfer.transfer_accept, name="transfer_accept"),
    path("transfers/<int:pk>/decline/", views_transfer.transfer_decline, name="transfer_decline"),
    path("<int:pk>/summary.pdf", views_print.case_summary_pdf, name="case_summary_pdf"),
    path("screenings/<int:pk>/record.pdf", views_print.screening_pdf, name="screening_pdf"),
    path(
        "persons/<int:person_pk>/consent-form.pdf",
        views_print.consent_form_pdf,
        name="consent_form_pdf",
    ),
]
