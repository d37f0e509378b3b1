"""What the public reads without logging in (/publicerat/): every published report, each
with its content, its decisions and its PDF/A; and the coordinator's publish button.
Only published versions are looked up here, so a draft's or an unpublished version's id
gives 404, never the page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.permissions import require
from reports.models import ReportVersion
from reports.services import publication as services


@require_GET
def public_report_list(request):
    return render(request, "reports/public_list.html", {"versions": services.published_versions()})


@require_GET
def public_report_detail(request, pk):
    version = get_object_or_404(services.published_versions(), pk=pk)
    earlier = services.published_versions().filter(
        report__cycle__program=version.report.cycle.program, report__cycle__year__lt=version.report.cycle.year
    )
    return render(request, "reports/public_detail.html", {
        "version": version,
        "content": version.content or {},
        "decisions": services.published_decisions(version),
        "pdf": services.published_pdf(version),
        "earlier": earlier,
    })


@require_GET
def public_report_pdf(request, pk):
    version = get_object_or_404(services.published_versions(), pk=pk)
    pdf = services.published_pdf(version)
    if pdf is None:
        raise Http404
    return FileResponse(pdf.file.open("rb"), content_type="application/pdf",
                        filename=f"uppfoljningsrapport-{version.report.cycle.year}.pdf")


@require_POST
@login_required
def version_publish(request, pk):
    version = get_object_or_404(ReportVersion, pk=pk, report__cycle__program__municipality=request.municipality)
    require(request.user, "reports.publish_version")
    try:
        services.version_publish(version=version, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Rapporten är publicerad."))
    return redirect("reports:dispatch_status", pk=version.pk)


publish_urlpatterns = [
    path("versioner/<int:pk>/publicera/", version_publish, name="version_publish"),
]

public_urlpatterns = [
    path("", public_report_list, name="report_list"),
    path("<int:pk>/", public_report_detail, name="report_detail"),
    path("<int:pk>/rapport.pdf", public_report_pdf, name="report_pdf"),
]
