from django.urls import path

from core.sso.views import SsoCallbackView, SsoLoginView

# The callback's address is the redirect URI registered at the provider.
urlpatterns = [
    path("konto/sso/", SsoLoginView.as_view(), name="sso_login"),
    path("konto/sso/callback/", SsoCallbackView.as_view(), name="sso_callback"),
]
