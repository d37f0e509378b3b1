from django.core.management.base import BaseCommand
from django.utils import timezone

from audits.notify import reminders_send_due


class Command(BaseCommand):
    help = "Queues the reminders due today for unanswered audits and overdue measures. Run it daily."

    def handle(self, *args, **options):
        queued = reminders_send_due(today=timezone.localdate())
        self.stdout.write(f"queued {queued}")
