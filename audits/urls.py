from django.urls import path

from audits import views

app_name = "audits"
urlpatterns = [
    path("granskningar/", views.audit_list, name="audit_list"),
    path("granskningar/las-in/", views.audit_import, name="audit_import"),
    path("granskningar/las-in/granska/", views.audit_review, name="audit_review"),
    path("granskningar/<int:pk>/", views.audit_detail, name="audit_detail"),
    path("granskningar/<int:pk>/andra/", views.audit_edit, name="audit_edit"),
    path("granskningar/<int:pk>/historik/", views.audit_history, name="audit_history"),
    path("granskningar/<int:pk>/begar-svar/", views.audit_request_responses, name="audit_request_responses"),
    path("granskningar/<int:pk>/svar/<int:organization_pk>/", views.response_create, name="response_create"),
    path(
        "granskningar/rekommendationer/<int:recommendation_pk>/atgarder/ny/",
        views.measure_create,
        name="measure_create",
    ),
    path("granskningar/atgarder/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("granskningar/atgarder/<int:pk>/andra/", views.measure_edit, name="measure_edit"),
    path("granskningar/atgarder/<int:pk>/verifiera/", views.measure_verify, name="measure_verify"),
    path("granskningar/atgarder/<int:pk>/historik/", views.measure_history, name="measure_history"),
    path("granskningar/filer/<str:kind>/<int:pk>/", views.file_download, name="file_download"),
    path("revisionsuppfoljning/", views.followup_overview, name="followup_overview"),
]
