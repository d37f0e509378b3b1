"""Building a version's files: stored with their hash and size, kept for a frozen version,
replaced for a draft, refused without answers or formats, and run in the background."""

import hashlib
import sys
import types
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.tests.factories import UserFactory
from reports.models import BuildJob, ReportFile, ReportVersion
from reports.services.building import (
    ABANDONED_AFTER, NO_ANSWERS, NO_FORMATS, UNKNOWN_FORMAT, build_job_run, report_build_start, report_files_build,
    version_content,
)
from reports.tests.content_samples import frozen_version, sample_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory()


@pytest.fixture
def compiler(monkeypatch):
    """A stand-in for reports.compile, which another part of the report provides."""
    module = types.ModuleType("reports.compile")
    module.calls = []

    def report_content(*, version):
        module.calls.append(version)
        return sample_content(organizations=3)

    module.report_content = report_content
    monkeypatch.setitem(sys.modules, "reports.compile", module)
    return module


def _draft(version):
    return ReportVersion.objects.create(report=version.report, number=version.number + 1)


def test_each_file_is_stored_with_its_sha256_and_size(user):
    version = frozen_version()
    files = report_files_build(version=version, formats=["xlsx", "html"], by=user)
    assert [f.format for f in files] == ["xlsx", "html"]
    for report_file in ReportFile.objects.filter(version=version):
        data = report_file.file.read()
        assert report_file.sha256 == hashlib.sha256(data).hexdigest()
        assert report_file.size == len(data)
        assert report_file.built_by == user
    assert data.startswith(b"<!DOCTYPE html>")


def test_a_frozen_versions_files_are_kept_when_built_again(user):
    version = frozen_version()
    (first,) = report_files_build(version=version, formats=["html"], by=user)
    version.content = {**version.content, "title": "Ändrad titel"}
    (again,) = report_files_build(version=version, formats=["html"], by=None)
    assert again.pk == first.pk and again.sha256 == first.sha256 and again.file.name == first.file.name
    assert b"\xc3\x84ndrad titel" not in again.file.read()


def test_a_drafts_files_are_replaced_and_the_old_file_removed(user, compiler, django_capture_on_commit_callbacks):
    draft = _draft(frozen_version())
    with django_capture_on_commit_callbacks(execute=True):
        (first,) = report_files_build(version=draft, formats=["html"], by=user)
    old_name, storage = first.file.name, first.file.storage
    compiler.report_content = lambda *, version: {**sample_content(organizations=2), "title": "Nytt utkast"}
    with django_capture_on_commit_callbacks(execute=True):
        (again,) = report_files_build(version=draft, formats=["html"], by=user)
    assert ReportFile.objects.filter(version=draft).count() == 1
    assert "Nytt utkast" in again.file.read().decode()
    assert again.file.name != old_name and not storage.exists(old_name)


def test_a_frozen_version_is_built_from_its_kept_content_a_draft_compiled(compiler):
    version = frozen_version()
    assert version_content(version) == version.content
    assert compiler.calls == []
    draft = _draft(version)
    assert version_content(draft)["organizations"][0]["name"] == "Arbetslivsnämnden"
    assert compiler.calls == [draft]


def test_a_report_without_answers_is_refused_and_nothing_stored(user):
    content = sample_content()
    for response in content["responses"]:
        response["answered"] = False
    version = frozen_version(content=content)
    with pytest.raises(ValidationError) as refused:
        report_files_build(version=version, formats=["html"], by=user)
    assert refused.value.messages == [str(NO_ANSWERS)]
    assert not ReportFile.objects.exists()


@pytest.mark.parametrize(("formats", "message"), [
    ([], NO_FORMATS), (["odt"], UNKNOWN_FORMAT % {"format": "odt"}),
])
def test_no_or_an_unknown_format_is_refused_and_nothing_queued(user, formats, message):
    version = frozen_version()
    with pytest.raises(ValidationError) as refused:
        report_build_start(version=version, formats=formats, by=user)
    assert refused.value.messages == [str(message)]
    assert not BuildJob.objects.exists() and not ReportFile.objects.exists()


def test_the_background_build_records_progress_and_ends_done(user, django_capture_on_commit_callbacks):
    version = frozen_version()
    with django_capture_on_commit_callbacks(execute=True):
        job = report_build_start(version=version, formats=["html", "docx", "xlsx"], by=user)
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.percent, job.current) == (BuildJob.Status.DONE, 3, 3, 100, "")
    assert job.finished_at is not None and job.formats == ["docx", "xlsx", "html"]
    assert set(ReportFile.objects.filter(version=version).values_list("format", flat=True)) == {"docx", "xlsx", "html"}


def test_a_build_already_under_way_is_returned_not_started_again(user):
    version = frozen_version()
    running = BuildJob.objects.create(version=version, formats=["pdf"], status=BuildJob.Status.RUNNING)
    assert report_build_start(version=version, formats=["html"], by=user) == running
    assert BuildJob.objects.count() == 1


def test_a_build_abandoned_long_ago_does_not_stop_a_new_one(user):
    version = frozen_version()
    stale = BuildJob.objects.create(version=version, formats=["pdf"], status=BuildJob.Status.RUNNING)
    BuildJob.objects.filter(pk=stale.pk).update(created_at=timezone.now() - ABANDONED_AFTER - timedelta(minutes=1))
    job = report_build_start(version=version, formats=["html"], by=user)
    assert job != stale and BuildJob.objects.count() == 2


def test_starting_a_build_of_a_report_without_answers_is_refused_and_queues_nothing(user):
    content = sample_content()
    for response in content["responses"]:
        response["answered"] = False
    version = frozen_version(content=content)
    with pytest.raises(ValidationError) as refused:
        report_build_start(version=version, formats=["html"], by=user)
    assert refused.value.messages == [str(NO_ANSWERS)]
    assert not BuildJob.objects.exists() and not ReportFile.objects.exists()


def test_progress_counts_the_formats_done_before_the_one_being_built(user, monkeypatch):
    version = frozen_version()
    job = BuildJob.objects.create(version=version, formats=["docx", "xlsx", "html"], created_by=user)
    seen = []
    from reports.services import building

    real = building.output_render

    def watching(*, format, **kwargs):  # noqa: A002
        row = BuildJob.objects.get(pk=job.pk)
        seen.append((row.status, row.current, row.done))
        return real(format=format, **kwargs)

    monkeypatch.setattr(building, "output_render", watching)
    build_job_run(job=job)
    assert seen == [("running", "docx", 0), ("running", "xlsx", 1), ("running", "html", 2)]


def test_a_refused_build_ends_failed_with_the_message():
    content = sample_content()
    for response in content["responses"]:
        response["answered"] = False
    job = BuildJob.objects.create(version=frozen_version(content=content), formats=["html"])
    build_job_run(job=job)
    job.refresh_from_db()
    assert (job.status, job.error) == (BuildJob.Status.FAILED, str(NO_ANSWERS))
    assert not ReportFile.objects.exists()
