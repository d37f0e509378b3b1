from django.core.management.base import BaseCommand
from django.utils import timezone

from reports.notify import report_reminders_send_due


class Command(BaseCommand):
    help = ("Queues the reminders and KS digests for dispatched reports not yet acknowledged. Run it daily. "
            "The links in them start with the SITE_URL setting.")

    def handle(self, *args, **options):
        queued = report_reminders_send_due(today=timezone.localdate())
        self.stdout.write(f"queued {queued}")
