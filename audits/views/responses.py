"""A board's answer to an audit, and the measures that follow from it."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audits import importer, selectors, services
from audits.forms import AuditResponseForm, MeasureForm, MinutesImportForm
from audits.models import Audit, AuditResponse, Measure, Recommendation
from core.forms import add_service_errors, save_form
from core.permissions import require
from core.views import render_history, run_step
from organizations.models import Organization


OTHER_ORGANIZATION = gettext_lazy(
    "Protokollet verkar komma från %(found)s, inte från %(name)s. Kontrollera att det är rätt utdrag."
)
MINUTES_TOO_LONG = gettext_lazy(
    "Texten är för lång för ett protokollsutdrag: högst %(max_chars)s tecken kan läsas in. "
    "Ladda upp bara utdraget med nämndens beslut."
)
# A minutes extract is a few pages. It is read while the secretary waits, so its text is
# bounded far below the report importer's limit; reading this much takes under a second.
MAX_MINUTES_CHARS = 500_000


def _measure(request, pk) -> Measure:
    return get_object_or_404(
        Measure.objects.select_related("owner", "recommendation__audit", "recommendation__organization", "verified_by"),
        pk=pk,
        recommendation__audit__municipality=request.municipality,
    )


def _organizations(request):
    return Organization.objects.filter(municipality=request.municipality).order_by("name")


@transaction.non_atomic_requests
@require_http_methods(["GET", "POST"])
@login_required
def response_create(request, pk, organization_pk):
    """Record a board's answer; its minutes may be read to fill in the form first. The request
    holds no transaction while the minutes are read: the service saves in its own."""
    audit = get_object_or_404(Audit.objects.filter(municipality=request.municipality), pk=pk)
    organization = get_object_or_404(_organizations(request), pk=organization_pk)
    require(request.user, "audits.record_response", organization)
    # A board with recommendations of its own answers those; a board only asked to answer
    # comments on all of them.
    recommendations = audit.recommendations.filter(organization=organization).order_by("number")
    if not recommendations.exists():
        recommendations = audit.recommendations.order_by("number")
    reader = MinutesImportForm(prefix="protokoll")
    notes = []
    if request.method == "POST" and "las_in" in request.POST:
        # Reading the minutes only fills in the form; the secretary checks it and saves.
        reader = MinutesImportForm(request.POST, request.FILES, prefix="protokoll")
        initial = {}
        if reader.is_valid() and len(reader.text) > MAX_MINUTES_CHARS:
            reader.add_error("minutes", MINUTES_TOO_LONG % {"max_chars": f"{MAX_MINUTES_CHARS:,}".replace(",", "\u00a0")})
        elif reader.is_valid():
            try:
                # Minutes that name another audit and quote none of this one's recommendations
                # are refused rather than read into the wrong answer.
                draft = importer.parse_response(text=reader.text, extra_names=[organization.name], audit_title=audit.title,
                                                recommendations=[r.text for r in recommendations])
            except importer.ImportFileError as error:
                reader.add_error("minutes", str(error))
            else:
                initial, notes = _response_initial(draft, organization, recommendations)
        form = AuditResponseForm(recommendations=recommendations, initial=initial)
    else:
        form = AuditResponseForm(request.POST or None, request.FILES or None, recommendations=recommendations)
    if request.method == "POST" and "las_in" not in request.POST and form.is_valid():
        try:
            services.audit_response_record(
                audit=audit, organization=organization, data=form.model_data(), answers=form.answers(), by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Svaret från %(name)s är registrerat.") % {"name": organization.name})
            return redirect(audit)
    return render(
        request,
        "audits/response_form.html",
        {"form": form, "reader": reader, "notes": notes, "audit": audit, "organization": organization},
    )


def _response_initial(draft, organization, recommendations) -> tuple[dict, list[str]]:
    notes = list(draft.messages)
    if draft.organization and draft.organization != organization.name:
        notes.append(OTHER_ORGANIZATION % {"found": draft.organization, "name": organization.name})
    initial = {
        "decision": draft.decision,
        "meeting_date": draft.meeting_date,
        "paragraph": f"§ {draft.paragraph}" if draft.paragraph else "",
        "registry_number": draft.registry_number or "",
    }
    for pk, text in selectors.answers_by_recommendation(answers=draft.answers, recommendations=recommendations).items():
        initial[f"answer_{pk}"] = text
    return initial, notes


@require_http_methods(["GET", "POST"])
@login_required
def measure_create(request, recommendation_pk):
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("audit", "organization"),
        pk=recommendation_pk,
        audit__municipality=request.municipality,
    )
    require(request.user, "audits.manage_measure", recommendation.organization)
    form = MeasureForm(
        request.POST or None,
        request.FILES or None,
        owners=selectors.measure_owners(user=request.user, municipality=request.municipality),
        initial={"owner": recommendation.organization_id},
    )
    # A new measure starts as planned.
    del form.fields["status"]
    if request.method == "POST" and form.is_valid():
        try:
            measure = services.measure_create(recommendation=recommendation, data=form.model_data(), by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Åtgärden är sparad."))
            return redirect(measure)
    return render(request, "audits/measure_form.html", {"form": form, "recommendation": recommendation, "measure": None})


@require_GET
@login_required
def measure_detail(request, pk):
    measure = _measure(request, pk)
    require(request.user, "audits.view_audit")
    return render(
        request,
        "audits/measure_detail.html",
        {
            "measure": measure,
            "can_change": measure.status != Measure.Status.VERIFIED
            and request.user.has_perm("audits.manage_measure", measure.owner),
            "can_verify": measure.status == Measure.Status.DONE and request.user.has_perm("audits.verify_measure"),
        },
    )


@require_GET
@login_required
def measure_history(request, pk):
    measure = _measure(request, pk)
    require(request.user, "audits.view_audit")
    return render_history(request, instance=measure, back_url=measure.get_absolute_url())


@require_http_methods(["GET", "POST"])
@login_required
def measure_edit(request, pk):
    measure = _measure(request, pk)
    require(request.user, "audits.manage_measure", measure.owner)
    form = MeasureForm(
        request.POST or None, request.FILES or None, instance=measure,
        owners=selectors.measure_owners(user=request.user, municipality=request.municipality),
    )
    stale_edit = None
    if request.method == "POST" and form.is_valid():
        saved, stale_edit = save_form(form, lambda form: services.measure_update(
            measure=_measure(request, pk), data=form.model_data(),
            seen_version=form.cleaned_data["seen_version"], by=request.user,
        ))
        if saved:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(measure)
    return render(
        request,
        "audits/measure_form.html",
        {"form": form, "recommendation": measure.recommendation, "measure": measure, "stale_edit": stale_edit},
    )


# The files people attach are not public: each is served after the same checks as its page.
FILES = {
    "rapport": (Audit, "report_file", "municipality"),
    "protokoll": (AuditResponse, "minutes_file", "audit__municipality"),
    "underlag": (Measure, "evidence_file", "recommendation__audit__municipality"),
}


@require_GET
@login_required
def file_download(request, kind, pk):
    if kind not in FILES:
        raise Http404
    model, field, scope = FILES[kind]
    record = get_object_or_404(model, pk=pk, **{scope: request.municipality})
    require(request.user, "audits.view_audit")
    attached = getattr(record, field)
    if not attached:
        raise Http404
    return FileResponse(attached.open("rb"), as_attachment=True, filename=Path(attached.name).name)


@require_POST
@login_required
def measure_verify(request, pk):
    measure = _measure(request, pk)
    require(request.user, "audits.verify_measure", measure)
    run_step(request, lambda: services.measure_verify(measure=measure, by=request.user),
             done=_("Åtgärden är verifierad och stängd."))
    return redirect(measure)
