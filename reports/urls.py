from reports.views.building import building_urlpatterns

app_name = "reports"

urlpatterns = [*building_urlpatterns]
