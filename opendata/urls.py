from django.urls import path

from opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("katalog.ttl", views.catalogue_turtle, name="catalogue_turtle"),
    path("katalog.jsonld", views.catalogue_jsonld, name="catalogue_jsonld"),
    path("<slug:slug>.csv", views.dataset_csv, name="dataset_csv"),
    path("<slug:slug>.json", views.dataset_json, name="dataset_json"),
]
