from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Grund")

    def ready(self):
        from core.uploads import files_follow_records

        files_follow_records()

        from django.db.models import IntegerField

        from core.params import IntegerFieldIn

        IntegerField.register_lookup(IntegerFieldIn)

        from django.contrib.auth.signals import user_logged_in

        from core.middleware import session_stamp

        user_logged_in.connect(session_stamp, dispatch_uid="core.session_stamp")
