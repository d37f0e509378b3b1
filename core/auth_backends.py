from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from core.models import email_identity


class EmailBackend(ModelBackend):
    """Logs in by e-mail (the user model's USERNAME_FIELD), in the normalised form
    `email_identity` gives. Permissions come from the organisation-based rules alone, not
    from Django's per-user permission tables, so this backend grants none and asks the
    database nothing for them."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        return super().authenticate(request, username=email_identity(username) or None, password=password, **kwargs)

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()


def axes_username(request, credentials) -> str:
    """The name django-axes counts failed logins and locks under (AXES_USERNAME_CALLABLE):
    the same normalised e-mail the login looks the account up by, so that changing the
    case or adding spaces neither escapes a lock nor spreads guesses over several counters."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        value = credentials.get(field)
    else:
        value = getattr(request, "data", request.POST).get(field)
    return email_identity(value)
