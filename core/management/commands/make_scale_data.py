from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from core.models import Municipality
from core.scale import ScaleSize, scale_data_build

NOT_EMPTY = (
    "The database already holds {count} municipalities: scale data is built into an empty database "
    "(after migrate). Run with --replace to empty this database first (everything in it is deleted)."
)


class Command(BaseCommand):
    help = ("Builds a municipality ten years in at production scale (300 organisations, ten follow-ups, audits, "
            "5 million Kolada values) through bulk inserts, into an empty database. No history rows are made.")

    def add_arguments(self, parser):
        parser.add_argument("--organizations", type=int, default=300, help="Organisations (at least 12).")
        parser.add_argument("--years", type=int, default=10, help="Years of follow-up, the last this year.")
        parser.add_argument("--kolada-values", type=int, default=5_000_000,
                            help="At least this many Kolada values (default 5,000,000).")
        parser.add_argument("--kolada-municipalities", type=int, default=290,
                            help="Municipalities with Kolada values (default 290).")
        parser.add_argument("--replace", action="store_true",
                            help="Empty the whole database first (manage.py flush), then build.")

    def handle(self, *args, **options):
        try:
            size = ScaleSize(organizations=options["organizations"], years=options["years"],
                             kolada_values=options["kolada_values"],
                             kolada_municipalities=options["kolada_municipalities"])
        except ValueError as error:
            raise CommandError(f"Out of range: --{str(error).replace('_', '-')} (organisations at least 12, "
                               "years 1–50, municipalities 1–2000).") from error
        count = Municipality.objects.count()
        if count and not options["replace"]:
            raise CommandError(NOT_EMPTY.format(count=count))
        if count:
            self.stdout.write("Emptying the database (--replace)…")
            call_command("flush", interactive=False, verbosity=0)
        total = 0.0

        def report(part):
            nonlocal total
            total += part.seconds
            counts = ", ".join(f"{name.replace('_', ' ')} {number:,}" for name, number in part.counts.items())
            self.stdout.write(f"  {part.name:<14} {part.seconds:7.1f} s  {counts}")

        self.stdout.write(f"Building scale data on {self._vendor()}:")
        scale_data_build(size=size, on_part=report)
        self.stdout.write(self.style.SUCCESS(f"Scale data built in {total:.1f} s (log in as samordnare@"
                                             "skalstad.example and the other roles, password as the demo's)."))

    def _vendor(self) -> str:
        from django.db import connection

        return connection.vendor
