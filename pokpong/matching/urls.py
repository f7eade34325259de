from django.urls import path

from pokpong.matching import views

app_name = "matching"
urlpatterns = [
    path("", views.review, name="review"),
    path("start/", views.review_start, name="review_start"),
    path("pairs/<int:pk>/", views.pair, name="pair"),
    path("pairs/<int:pk>/not-same/", views.pair_not_same, name="pair_not_same"),
    path("pairs/<int:pk>/merge/", views.pair_merge, name="pair_merge"),
    path("merges/<int:pk>/undo/", views.merge_undo, name="merge_undo"),
]
