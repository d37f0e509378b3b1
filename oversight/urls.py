from django.urls import path

from oversight import views

app_name = "oversight"

urlpatterns = [
    path("", views.oversight_page, name="page"),
    path("koppla/", views.question_link, name="question_link"),
]
