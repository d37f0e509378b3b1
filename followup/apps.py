from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("Uppföljning")

    def ready(self):
        from followup.gaps import areas_without_questions
        from steering.gaps import GAP_SOURCES

        if areas_without_questions not in GAP_SOURCES:
            GAP_SOURCES.append(areas_without_questions)
