"""The managers' duplicate review, under /duplicates/ (names in the `people` namespace)."""

from django.urls import path

from pokpong.people import views_duplicates as views

urlpatterns = [
    path("", views.review, name="duplicate_review"),
    path("start/", views.review_start, name="duplicate_review_start"),
    path("pairs/<int:pk>/", views.pair, name="duplicate_pair"),
    path("pairs/<int:pk>/not-same/", views.pair_not_same, name="duplicate_pair_not_same"),
    path("pairs/<int:pk>/merge/", views.pair_merge, name="duplicate_pair_merge"),
    path("merges/<int:pk>/undo/", views.merge_undo, name="merge_undo"),
]
