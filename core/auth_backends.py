from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Logs in by e-mail (the user model's USERNAME_FIELD). Permissions come from the
    organisation-based rules alone, not from Django's per-user permission tables, so
    this backend grants none and asks the database nothing for them."""

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()
