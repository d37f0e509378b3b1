from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


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


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True
