from django.urls import path

from reports import views
from reports.views.building import building_urlpatterns
from reports.views.decisions import decision_urlpatterns
from reports.views.dispatch import dispatch_urlpatterns
from reports.views.public import publish_urlpatterns

app_name = "reports"

urlpatterns = [
    # The report and its versions (reports.views.reports).
    path("", views.report_list, name="report_list"),
    path("skapa/<int:cycle_pk>/", views.report_create, name="report_create"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/ny-version/", views.version_new, name="version_new"),
    path("<int:pk>/utvecklingsomraden/nytt/", views.development_area_create, name="development_area_create"),
    path("utvecklingsomraden/<int:pk>/", views.development_area_edit, name="development_area_edit"),
    path("utvecklingsomraden/<int:pk>/klart/", views.development_area_done, name="development_area_done"),
    path("version/<int:pk>/", views.version_detail, name="version_detail"),
    path("version/<int:pk>/samlad-bedomning/", views.version_assessment_save, name="version_assessment_save"),
    path("version/<int:pk>/analys/<int:area_pk>/", views.version_analysis_save, name="version_analysis_save"),
    path("version/<int:pk>/missat-malvarde/<int:indicator_pk>/", views.version_missed_target_save,
         name="version_missed_target_save"),
    path("version/<int:pk>/lamna-in/", views.version_submit, name="version_submit"),
    path("version/<int:pk>/godkann/", views.version_approve, name="version_approve"),
]

# Building the files, decisions, dispatch with acknowledgement, and publication.
urlpatterns += building_urlpatterns + decision_urlpatterns + dispatch_urlpatterns + publish_urlpatterns
