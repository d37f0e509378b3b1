from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from reports.notify import report_reminders_send_due


class Command(BaseCommand):
    help = "Queues the reminders and KS digests for dispatched reports not yet acknowledged. Run it daily."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default=getattr(settings, "SITE_URL", "http://localhost:8000"),
                            help="The site's address, which the links in the reminders start with.")

    def handle(self, *args, **options):
        queued = report_reminders_send_due(today=timezone.localdate(), base_url=options["base_url"])
        self.stdout.write(f"queued {queued}")
