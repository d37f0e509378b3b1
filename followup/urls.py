from django.urls import path

from followup import views

app_name = "followup"
urlpatterns = [
    path("", views.my_followup, name="response_list"),
    path("svar/<int:pk>/", views.response_edit, name="response_edit"),
    path("svar/<int:pk>/fraga/<int:question_pk>/", views.answer_save, name="answer_save"),
    path("svar/<int:pk>/bekrafta/", views.answers_confirm, name="answers_confirm"),
    path("svar/<int:pk>/fraga/<int:question_pk>/aktivitet/", views.activity_row_add, name="activity_row_add"),
    path("svar/<int:pk>/skicka-in/", views.response_submit, name="response_submit"),
    path("svar/<int:pk>/aterlamna/", views.response_return, name="response_return"),
    path("svar/<int:pk>/godkann/", views.response_approve, name="response_approve"),
    path("svar/<int:pk>/historik/", views.response_history, name="response_history"),
    path("svar/<int:pk>/uppgiftslamnare/", views.response_people_edit, name="response_people_edit"),
    path("svar/<int:pk>/lankar/", views.respondent_link_create, name="respondent_link_create"),
    path("lankar/<int:pk>/aterkalla/", views.respondent_link_revoke, name="respondent_link_revoke"),
    # The one-time link's pages, for someone without an account: the token is the key.
    path("lank/<str:token>/", views.link_answer, name="link_answer"),
    path("lank/<str:token>/skicka-in/", views.link_submit, name="link_submit"),
    path("omgangar/", views.cycle_list, name="cycle_list"),
    path("omgangar/ny/", views.cycle_open, name="cycle_open"),
    path("omgangar/<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("omgangar/<int:pk>/stang/", views.cycle_close, name="cycle_close"),
    path("omgangar/<int:pk>/fullstandighet.json", views.cycle_json, name="cycle_json"),
    path("omgangar/<int:pk>/fullstandighet.xlsx", views.cycle_export, name="cycle_export"),
    path("formular/", views.questionnaire_list, name="questionnaire_list"),
    path("formular/<int:pk>/", views.questionnaire_detail, name="questionnaire_detail"),
    path("formular/<int:pk>/nytt-avsnitt/", views.section_add, name="section_add"),
    path("formular/<int:pk>/avsnitt/<int:section_pk>/ny-fraga/", views.question_add, name="question_add"),
    path("formular/<int:pk>/fragor/<int:question_pk>/", views.question_edit, name="question_edit"),
]
