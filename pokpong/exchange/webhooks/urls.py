from django.urls import path

from pokpong.exchange.webhooks import views

# Included by pokpong/exchange/urls.py under webhooks/, in the exchange namespace.
urlpatterns = [
    path("", views.webhook_list, name="webhook_list"),
    path("new/", views.webhook_create, name="webhook_create"),
    path("<int:pk>/", views.webhook_detail, name="webhook_detail"),
    path("<int:pk>/edit/", views.webhook_edit, name="webhook_edit"),
    path("<int:pk>/test/", views.webhook_test, name="webhook_test"),
    path("<int:pk>/secret/", views.webhook_secret, name="webhook_secret"),
    path("deliveries/<int:pk>/redeliver/", views.webhook_redeliver, name="webhook_redeliver"),
]
