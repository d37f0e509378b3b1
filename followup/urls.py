from django.urls import path

from followup import views

app_name = "followup"
urlpatterns = [
    path("", views.my_followup, name="response_list"),
    path("svar/<int:pk>/", views.response_edit, name="response_edit"),
    path("svar/<int:pk>/fraga/<int:question_pk>/", views.answer_save, name="answer_save"),
    path("svar/<int:pk>/fraga/<int:question_pk>/aktivitet/", views.activity_row_add, name="activity_row_add"),
    path("svar/<int:pk>/skicka-in/", views.response_submit, name="response_submit"),
    path("svar/<int:pk>/aterlamna/", views.response_return, name="response_return"),
    path("svar/<int:pk>/godkann/", views.response_approve, name="response_approve"),
    path("svar/<int:pk>/historik/", views.response_history, name="response_history"),
    path("omgangar/", views.cycle_list, name="cycle_list"),
    path("omgangar/<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("omgangar/<int:pk>/fullstandighet.json", views.cycle_json, name="cycle_json"),
    path("omgangar/<int:pk>/fullstandighet.xlsx", views.cycle_export, name="cycle_export"),
]
