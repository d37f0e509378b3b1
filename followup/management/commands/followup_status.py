import json as _json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from followup.completeness import cycle_completeness
from followup.models import FollowUpCycle


class Command(BaseCommand):
    help = "Prints, per organisation asked in the year's follow-up, its status, respondent and days overdue."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--json", action="store_true", help="JSON instead of a table.")

    def handle(self, *args, year, json: bool = False, **options):
        cycles = FollowUpCycle.objects.filter(year=year).select_related("program", "questionnaire")
        if not cycles:
            raise CommandError(f"No follow-up cycle for {year}.")
        today = timezone.localdate()
        results = [cycle_completeness(cycle=cycle, today=today) for cycle in cycles]
        if json:
            self.stdout.write(_json.dumps([
                {"program": result.cycle.program.name, **result.as_json()} for result in results
            ], ensure_ascii=False, indent=2))
            return
        for result in results:
            self.stdout.write(f"{result.cycle}")
            for row in result.rows:
                respondent = row.response.respondent.email if row.response.respondent else "-"
                self.stdout.write(
                    f"  {row.response.organization.name:<40} {row.response.status:<12} {respondent:<35} "
                    f"{row.days_overdue:>4}"
                )
