from django.urls import path

from notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.outbox_list, name="outbox_list"),
    path("<int:pk>/skicka-igen/", views.outbox_retry, name="outbox_retry"),
]
