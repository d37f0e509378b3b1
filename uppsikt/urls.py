from django.contrib.auth import views as auth_views
from django.urls import include, path

from core.auth_views import LoginView, LogoutView, password_reset, password_reset_confirm
from reports.views.public import public_urlpatterns

urlpatterns = [
    path("", include("core.urls")),
    path("organisationer/", include("organizations.urls")),
    path("styrning/", include("steering.urls")),
    path("", include("audits.urls")),
    path("uppfoljning/", include("followup.urls")),
    path("utskick/", include("notifications.urls")),
    path("statistik/", include("kpis.urls")),
    path("rapporter/", include("reports.urls")),
    # The published reports, open to everyone.
    path("publicerat/", include((public_urlpatterns, "public"))),
    # The published figures as open data, with the DCAT-AP-SE catalogue that dataportal.se harvests.
    path("oppna-data/", include("opendata.urls")),
    path("", include("api.urls")),
    path("uppsikt/", include("oversight.urls")),
    path("konto/logga-in/", LoginView.as_view(), name="login"),
    path("konto/logga-ut/", LogoutView.as_view(), name="logout"),
    path("", include("core.sso.urls")),
    path("konto/losenord/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("konto/losenord/klart/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("konto/aterstall/", password_reset, name="password_reset"),
    path("konto/aterstall/skickat/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("konto/aterstall/<uidb64>/<token>/", password_reset_confirm, name="password_reset_confirm"),
    path("konto/aterstall/klart/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("i18n/", include("django.conf.urls.i18n")),
]
