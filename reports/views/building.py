"""Building a version's files in the background, following the build, and downloading the
files. The build's status is a fragment that polls itself with htmx while the build runs;
without JavaScript the page has a link to look again."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.permissions import require
from reports.models import ReportFile, ReportVersion
from reports.services.building import report_build_start

TEMPLATE = "reports/building.html"
# Reading a build's status and its files is for those who follow the cycle; starting one
# for those who run it.
VIEW = "followup.view_cycle"
BUILD = "followup.manage_cycle"


def _version(request, pk: int) -> ReportVersion:
    return get_object_or_404(
        ReportVersion.objects.select_related("report__cycle__program"),
        pk=pk, report__cycle__program__municipality=request.municipality,
    )


@require_http_methods(["GET", "POST"])
@login_required
def version_build(request, pk: int):
    version = _version(request, pk)
    require(request.user, VIEW)
    if request.method == "POST":
        require(request.user, BUILD)
        try:
            report_build_start(version=version, formats=request.POST.getlist("format"), by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("reports:version_build", pk=version.pk)
    job = version.build_jobs.first()
    files = {f.format: f for f in ReportFile.objects.filter(version=version)}
    context = {
        "version": version,
        "job": job,
        # The job stores the message in the language of the worker; shown in the reader's.
        "job_error": _(job.error) if job and job.error else "",
        "files": [(value, label, files.get(value)) for value, label in ReportFile.Format.choices],
        "can_build": request.user.has_perm(BUILD),
        "formats": ReportFile.Format.choices,
    }
    return render(request, f"{TEMPLATE}#status" if request.htmx else TEMPLATE, context)


@require_GET
@login_required
def file_download(request, pk: int, format: str):  # noqa: A002
    version = _version(request, pk)
    require(request.user, VIEW)
    report_file = get_object_or_404(ReportFile, version=version, format=format)
    if not report_file.file or not report_file.file.storage.exists(report_file.file.name):
        raise Http404
    return FileResponse(report_file.file.open("rb"), as_attachment=True, filename=Path(report_file.file.name).name)


building_urlpatterns = [
    path("versioner/<int:pk>/bygge/", version_build, name="version_build"),
    path("versioner/<int:pk>/filer/<str:format>/", file_download, name="version_file"),
]

