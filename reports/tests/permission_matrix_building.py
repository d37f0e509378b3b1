"""The rows for building a version's files and downloading them: those who follow the
cycle see the build and the files; those who run it start a build."""

from django.core.files.base import ContentFile

from core.tests.permission_matrix import DENIED, OK, Row, expect, posted
from followup.tests.factories import CycleFactory
from reports.models import ReportFile
from reports.tests.content_samples import frozen_version
from steering.tests.factories import ProgramFactory

READERS = expect(DENIED, coordinator=OK, admin=OK, ks_official=OK)
BUILDERS = posted(READERS, ks_official=DENIED)


def _version(town):
    return frozen_version(cycle=CycleFactory(questionnaire__program=ProgramFactory(municipality=town.municipality)))


def _version_kwargs(town):
    return {"pk": _version(town).pk}


def _file_kwargs(town):
    version = _version(town)
    report_file = ReportFile(version=version, format="html", sha256="0" * 64, size=5)
    report_file.file.save("rapport.html", ContentFile(b"<p>x"), save=True)
    return {"pk": version.pk, "format": "html"}


ROWS = {
    "reports:version_build": Row(READERS, _version_kwargs, BUILDERS, lambda town, kwargs: {"format": ["html"]}),
    "reports:version_file": Row(READERS, _file_kwargs),
}
