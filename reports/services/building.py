"""Building a version's files (web page, PDF/A, Word, Excel) from its content and keeping
each as a ReportFile with its SHA-256 and size.

A frozen (approved) version's files are built once and kept: a later build leaves them as
they are, so the hash beside a decided report never changes. A draft's files are replaced
by each build, since the draft itself changes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.history import records_by
from reports.content import Content
from reports.models import BuildJob, ReportFile, ReportVersion
from reports.outputs import RENDERERS, output_render

# Far longer than the slowest build measured (the PDF of 300 organisations).
ABANDONED_AFTER = timedelta(minutes=30)
NO_FORMATS = _("Välj minst ett format att bygga.")
UNKNOWN_FORMAT = _("Formatet %(format)s finns inte. Välj bland PDF, Word, Excel och webbsida.")
NO_ANSWERS = _("Omgången har inga svar än, så det finns ingen rapport att bygga. Bygg rapporten när "
               "nämnderna och bolagen har svarat.")
BUILD_FAILED = _("Rapportfilerna kunde inte byggas. Försök igen, och kontakta förvaltningen om felet består.")


def version_content(version: ReportVersion) -> Content:
    """The content the files are built from: a frozen version's kept content, else compiled now."""
    if version.is_frozen:
        return version.content
    # Imported here: compiling reads steering, followup and kpis, which a frozen build never needs.
    from reports.compile import report_content

    return report_content(version=version)


def formats_clean(formats: Iterable[str]) -> list[str]:
    """The formats asked for, each once and in the usual order; ValidationError if none or unknown."""
    asked = list(dict.fromkeys(formats))
    for unknown in (f for f in asked if f not in RENDERERS):
        raise ValidationError(UNKNOWN_FORMAT, code="format", params={"format": unknown})
    if not asked:
        raise ValidationError(NO_FORMATS, code="no_formats")
    return [f for f in ReportFile.Format.values if f in asked]


def content_check(content: Content) -> None:
    """Refuse a content without a single answer: such a report has nothing to say."""
    if not any(response.get("answered") for response in content.get("responses") or []):
        raise ValidationError(NO_ANSWERS, code="no_answers")


def version_label(version: ReportVersion) -> str:
    """How the files name the version: "2, utkast"."""
    return f"{version.number}, {version.get_status_display().lower()}"


def _filename(version: ReportVersion, content: Content, format: str) -> str:  # noqa: A002
    return f"uppfoljningsrapport-{content['year']}-version-{version.number}.{RENDERERS[format][2]}"


@records_by
def report_files_build(*, version: ReportVersion, formats: Iterable[str], by=None, content: Content | None = None,
                       progress=None) -> list[ReportFile]:
    """Render each format from the version's content and store it as the version's file of
    that format, with its SHA-256 and size. A frozen version's existing files are kept as
    they are; a draft's are replaced. `progress(format)` is called before each format.
    ValidationError (nothing stored) for an unknown format or a content without answers."""
    formats = formats_clean(formats)
    content = content if content is not None else version_content(version)
    content_check(content)
    label = version_label(version)
    files = []
    for format in formats:  # noqa: A001
        if progress:
            progress(format)
        existing = ReportFile.objects.filter(version=version, format=format).first()
        if existing and version.is_frozen:
            files.append(existing)
            continue
        data = output_render(format=format, content=content, version_label=label)
        files.append(_store(version=version, format=format, data=data, existing=existing, by=by,
                            name=_filename(version, content, format)))
    return files


def _store(*, version, format, data: bytes, existing, by, name: str) -> ReportFile:  # noqa: A002
    with transaction.atomic():
        report_file = existing or ReportFile(version=version, format=format)
        old_name = existing.file.name if existing else None
        report_file.sha256 = hashlib.sha256(data).hexdigest()
        report_file.size = len(data)
        # A rebuilt draft file is new: when and by whom are those of this build.
        report_file.built_at, report_file.built_by = timezone.now(), by
        report_file.file.save(name, ContentFile(data), save=False)
        report_file.save()
        if old_name and old_name != report_file.file.name:
            storage = report_file.file.storage
            # The old file goes only once the row pointing at the new one is committed.
            transaction.on_commit(lambda: storage.delete(old_name))
    return report_file


@records_by
def report_build_start(*, version: ReportVersion, formats: Iterable[str], by) -> BuildJob:
    """Queue a background build of the formats and return its job; while a build of the
    version is queued or running, that build is returned instead of starting another.
    ValidationError (nothing queued) for no or unknown formats or a report without answers."""
    from reports.tasks import report_build

    formats = formats_clean(formats)
    content_check(version_content(version))
    with transaction.atomic():
        ReportVersion.objects.select_for_update().get(pk=version.pk)
        # A worker that died mid-build leaves its job running for ever; past this age it
        # no longer stands in the way of a new build.
        running = BuildJob.objects.filter(
            version=version, status__in=[BuildJob.Status.QUEUED, BuildJob.Status.RUNNING],
            created_at__gte=timezone.now() - ABANDONED_AFTER,
        ).first()
        if running:
            return running
        job = BuildJob.objects.create(version=version, formats=formats, created_by=by)
        transaction.on_commit(lambda: report_build.enqueue(job_id=job.pk))
    return job


def build_job_run(*, job: BuildJob) -> BuildJob:
    """Build the job's formats, recording which one is being built and how many are done;
    a refusal or a failure ends the job as failed with a message for the page."""
    job.status, job.done, job.error = BuildJob.Status.RUNNING, 0, ""
    job.save(update_fields=["status", "done", "error"])

    def progress(format):  # noqa: A002
        if job.current:
            job.done += 1
        job.current = format
        job.save(update_fields=["done", "current"])

    try:
        report_files_build(version=job.version, formats=job.formats, by=job.created_by, progress=progress)
    except ValidationError as error:
        job.status, job.error = BuildJob.Status.FAILED, " ".join(error.messages)
    except Exception:
        job.status, job.error = BuildJob.Status.FAILED, str(BUILD_FAILED)
        raise
    else:
        job.status, job.done = BuildJob.Status.DONE, job.total
    finally:
        job.current, job.finished_at = "", timezone.now()
        job.save(update_fields=["status", "done", "current", "error", "finished_at"])
    return job
