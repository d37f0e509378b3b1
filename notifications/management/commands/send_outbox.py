from django.core.management.base import BaseCommand

from notifications.services import outbox_send_due


class Command(BaseCommand):
    help = "Sends every queued e-mail whose next attempt is due. Run it from cron or a worker every few minutes."

    def handle(self, *args, **options):
        sent, failed = outbox_send_due()
        self.stdout.write(f"sent {sent}, not sent {failed}")
