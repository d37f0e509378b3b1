from django.core.management.base import BaseCommand
from django.utils import timezone

from followup.notify import reminders_send_due


class Command(BaseCommand):
    help = "Queues the follow-up reminders and escalations due today. Run it daily."

    def handle(self, *args, **options):
        queued = reminders_send_due(today=timezone.localdate())
        self.stdout.write(f"queued {queued}")
