from django.urls import path

from kpis import views

app_name = "kpis"
urlpatterns = [
    path("", views.kpi_list, name="kpi_list"),
    path("nytt/", views.kpi_create, name="kpi_create"),
    path("jamforelsegrupper/", views.comparison_group_list, name="comparison_group_list"),
    path("jamforelsegrupper/ny/", views.comparison_group_create, name="comparison_group_create"),
    path("jamforelsegrupper/<int:pk>/andra/", views.comparison_group_edit, name="comparison_group_edit"),
    path("jamforelsegrupper/<int:pk>/historik/", views.comparison_group_history, name="comparison_group_history"),
    path("<str:kpi_id>/", views.kpi_detail, name="kpi_detail"),
    path("<str:kpi_id>/ladda-ner/<str:fmt>/", views.kpi_export, name="kpi_export"),
    path("<str:kpi_id>/ladda-upp/", views.kpi_values_upload, name="kpi_values_upload"),
    path("<str:kpi_id>/mall/<str:fmt>/", views.kpi_upload_template, name="kpi_upload_template"),
]
