"""The yearly snapshot's pages: freezing (KS), a frozen version's page and files, and the
comparison of years. Another municipality's snapshot or program does not exist: 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.params import int_param
from core.permissions import require
from oversight import selectors
from oversight.snapshot_compare import comparison
from oversight.snapshot_documents import snapshot_document
from oversight.snapshot_forms import SnapshotConfirmForm
from oversight.snapshots import results_read, snapshot_freeze as freeze, snapshots_of
from reports.outputs.document import document_docx_bytes, document_pdf_bytes

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _program(request, program_id):
    """The municipality's program with that id, or its first one when none is asked for."""
    programs = list(selectors.programs(municipality=request.municipality))
    if program_id is None:
        return programs, (programs[0] if programs else None)
    program = next((p for p in programs if p.pk == program_id), None)
    if program is None:
        raise Http404
    return programs, program


def _snapshot(request, pk):
    snapshot = snapshots_of(municipality=request.municipality).filter(pk=pk).first()
    if snapshot is None:
        raise Http404
    return snapshot


@require_POST
@login_required
def snapshot_freeze(request):
    require(request.user, "oversight.freeze_snapshot")
    program_id = int_param(request.POST, "program")
    if program_id is None:
        raise Http404
    _programs, program = _program(request, program_id)
    form = SnapshotConfirmForm(request.POST if "confirm_step" in request.POST else None)
    confirmed = form.is_valid() if form.is_bound else False
    try:
        snapshot = freeze(program=program, by=request.user, confirmed=confirmed)
    except ValidationError as error:
        return render(request, "oversight/snapshot_confirm.html", {
            "program": program, "question": error.messages[0], "form": form,
        })
    messages.success(request, _("Självgranskningen är fryst som %(label)s.") % {"label": snapshot.version_label})
    return redirect("oversight:snapshot_detail", pk=snapshot.pk)


@require_GET
@login_required
def snapshot_detail(request, pk):
    require(request.user, "oversight.view_snapshot")
    snapshot = _snapshot(request, pk)
    return render(request, "oversight/snapshot_detail.html", {
        "snapshot": snapshot, "results": results_read(snapshot),
        "versions": snapshots_of(municipality=request.municipality).filter(
            program=snapshot.program_id, year=snapshot.year).defer("results_json"),
    })


def _download(request, pk, *, render_bytes, content_type, extension):
    require(request.user, "oversight.view_snapshot")
    snapshot = _snapshot(request, pk)
    response = HttpResponse(render_bytes(snapshot_document(snapshot)), content_type=content_type)
    name = f"sjalvgranskning-{snapshot.year}-version-{snapshot.number}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
@login_required
def snapshot_pdf(request, pk):
    return _download(request, pk, render_bytes=document_pdf_bytes, content_type=PDF, extension="pdf")


@require_GET
@login_required
def snapshot_docx(request, pk):
    return _download(request, pk, render_bytes=document_docx_bytes, content_type=DOCX, extension="docx")


@require_GET
@login_required
def snapshot_compare(request):
    require(request.user, "oversight.view_snapshot")
    programs, program = _program(request, int_param(request.GET, "program"))
    # 0 stands for today's results, not frozen.
    first, second = int_param(request.GET, "a", min_value=0), int_param(request.GET, "b", min_value=0)
    context = {"programs": programs, "program": program, "today": timezone.localdate()}
    if program is not None:
        context.update(comparison(program=program, first=first, second=second, today=context["today"]))
    return render(request, "oversight/snapshot_compare.html", context)
