from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from api.views import audits, followup, kpis, organizations, steering, tokens

app_name = "api"

router = SimpleRouter()
router.register("organizations", organizations.OrganizationViewSet, basename="organization")
router.register("programs", steering.ProgramViewSet, basename="program")
router.register("goals", steering.GoalViewSet, basename="goal")
router.register("indicators", steering.IndicatorViewSet, basename="indicator")
router.register("action-plans", steering.ActionPlanViewSet, basename="action-plan")
router.register("cycles", followup.CycleViewSet, basename="cycle")
router.register("kpis", kpis.KpiViewSet, basename="kpi")
router.register(r"kpis/(?P<kpi_id>[A-Za-z0-9_-]+)/values", kpis.KpiValueViewSet, basename="kpi-value")
router.register("audits", audits.AuditViewSet, basename="audit")
router.register("measures", audits.MeasureViewSet, basename="measure")

urlpatterns = [
    path("api/v1/", include(router.urls)),
    path("api/v1/schema/", SpectacularAPIView.as_view(urlconf=None), name="schema"),
    path("api/v1/docs/", tokens.docs, name="docs"),
    path("konto/api-nycklar/", tokens.token_list, name="token_list"),
    path("konto/api-nycklar/<int:pk>/aterkalla/", tokens.token_revoke, name="token_revoke"),
]
