from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from core.links import email_link_context
from core.models import email_identity
from core.ratelimit import limit_password_reset, limit_token_link
from core.sso.config import end_session_url, sso_enabled


class EmailAuthenticationForm(AuthenticationForm):
    # Logging in saves nothing: the error summary says what did fail.
    error_summary_heading = _("Inloggningen misslyckades")
    error_messages = {
        "invalid_login": _("Fel e-postadress eller lösenord. Kontrollera stavningen och försök igen."),
        "inactive": _("Kontot är inaktiverat. Kontakta din administratör."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-postadress")
        self.fields["username"].widget.attrs.update({"autocomplete": "email", "type": "email"})

    def clean_username(self):
        return email_identity(self.cleaned_data.get("username"))


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"sso_enabled": sso_enabled()}


class LogoutView(auth_views.LogoutView):
    """Ends the Uppsikt session and, for a session begun at the identity provider, sends the
    browser on to end the provider's too when it offers that (end_session_endpoint)."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get("oidc_id_token")
        response = super().post(request, *args, **kwargs)
        provider_logout = end_session_url(request, id_token=id_token) if id_token and sso_enabled() else ""
        return redirect(provider_logout) if provider_logout else response


class PasswordResetView(auth_views.PasswordResetView):
    """The reset link starts with SITE_URL, not with the host the request came through."""

    email_template_name = "registration/password_reset_email.txt"

    def form_valid(self, form):
        self.extra_email_context = email_link_context()
        return super().form_valid(form)


# Outside a transaction: the view writes nothing, and a slow mail server must not hold a
# database transaction (on SQLite, the write lock) while it takes the e-mail.
password_reset = transaction.non_atomic_requests(
    limit_password_reset(
        PasswordResetView.as_view()
    )
)
# The reset link, and the invitation to a new account, which is a reset link too.
password_reset_confirm = limit_token_link(auth_views.PasswordResetConfirmView.as_view())
