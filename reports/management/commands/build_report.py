"""Build one file of a cycle's report from a terminal: the latest version, in one format."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from followup.models import FollowUpCycle
from reports.models import ReportFile, ReportVersion
from reports.outputs import output_render
from reports.services.building import content_check, version_content, version_label

NO_CYCLE = _("Det finns ingen uppföljningsomgång med id %(id)s.")
NO_REPORT = _("Uppföljningsomgången %(cycle)s har ingen rapport än. Skapa rapporten på omgångens sida först.")
NOT_WRITTEN = _("Filen %(path)s kunde inte skrivas: %(error)s")


class Command(BaseCommand):
    help = "Builds the latest version of a cycle's report as PDF/A, Word, Excel or a web page into a file."

    def add_arguments(self, parser):
        parser.add_argument("--cycle", type=int, required=True, help="The follow-up cycle's id.")
        parser.add_argument("--format", required=True, choices=ReportFile.Format.values)
        parser.add_argument("--out", type=Path, required=True, help="The file to write.")

    def handle(self, *args, cycle: int, format: str, out: Path, **options):  # noqa: A002
        with translation.override("sv"):
            version = self._version(cycle)
            try:
                content = version_content(version)
                content_check(content)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            data = output_render(format=format, content=content, version_label=version_label(version))
            try:
                out.write_bytes(data)
            except OSError as error:
                raise CommandError(NOT_WRITTEN % {"path": out, "error": error.strerror}) from None
            self.stdout.write(f"{out} ({len(data)} byte)")

    def _version(self, cycle_id: int) -> ReportVersion:
        cycle = FollowUpCycle.objects.filter(pk=cycle_id).select_related("program").first()
        if cycle is None:
            raise CommandError(NO_CYCLE % {"id": cycle_id})
        version = (ReportVersion.objects.filter(report__cycle=cycle).select_related("report__cycle")
                   .order_by("-number").first())
        if version is None:
            raise CommandError(NO_REPORT % {"cycle": cycle})
        return version
