from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from core.demo import DEMO_PASSWORD, DEMO_STEPS


class Command(BaseCommand):
    help = "Loads the demo municipality (modelled on Borås) with one user per role. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--port", type=int, default=8000,
            help="The port the demo server listens on, for the login address printed (default 8000).",
        )

    def handle(self, *args, **options):
        context = {}
        with transaction.atomic():
            for step in DEMO_STEPS:
                import_string(step)(context=context)
        self.stdout.write(self.style.SUCCESS(f"Demo municipality: {context['municipality'].name}"))
        for line in context.get("summary", []):
            self.stdout.write(f"  {line}")
        self.stdout.write("")
        self.stdout.write(f"Log in at http://127.0.0.1:{options['port']}/konto/logga-in/ with one of these accounts,")
        self.stdout.write(f"all with the password {DEMO_PASSWORD}")
        for role, email, where in context.get("logins", []):
            self.stdout.write(f"  {role:<20} {email:<32} {where}")
