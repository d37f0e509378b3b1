"""kolada_refresh: queue the refresh of followed KPIs for the task worker (db_worker)."""

from django.core.management.base import BaseCommand

from kpis.tasks import kolada_refresh


class Command(BaseCommand):
    help = "Lägger hämtningen av bevakade nyckeltal från Kolada i kön för bakgrundsjobb."

    def handle(self, *args, **options):
        result = kolada_refresh.enqueue()
        self.stdout.write(f"Hämtningen från Kolada är köad ({result.id}).")
