from django.urls import path  # noqa: F401

app_name = "reports"

urlpatterns = []

# --- rep-dispatch: decisions, dispatch and publication ---------------------------------
from reports.views.decisions import decision_urlpatterns  # noqa: E402
from reports.views.dispatch import dispatch_urlpatterns  # noqa: E402
from reports.views.public import publish_urlpatterns  # noqa: E402

urlpatterns += decision_urlpatterns + dispatch_urlpatterns + publish_urlpatterns
# --- end rep-dispatch ---------------------------------------------------------------------
