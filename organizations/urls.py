from django.urls import path

from organizations import views

app_name = "organizations"
urlpatterns = [
    path("", views.organization_list, name="organization_list"),
    path("ny/", views.organization_create, name="organization_create"),
    path("<int:pk>/", views.organization_detail, name="organization_detail"),
    path("<int:pk>/andra/", views.organization_edit, name="organization_edit"),
    path("<int:pk>/ta-bort/", views.organization_delete, name="organization_delete"),
    path("<int:pk>/historik/", views.organization_history, name="organization_history"),
    path("<int:pk>/personer/ny/", views.membership_create, name="membership_create"),
    path("<int:pk>/personer/<int:membership_pk>/ta-bort/", views.membership_delete, name="membership_delete"),
]
