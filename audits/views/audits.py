"""Audit pages: the list, one audit, importing a report into a reviewed draft, the
request for answers, and the Revisionsuppföljning overview."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from audits import page_cache, selectors, services
from audits.forms import (
    AuditForm,
    AuditReviewForm,
    ImportForm,
    OverallAssessmentFormSet,
    QuestionFormSet,
    RecommendationFormSet,
)
from audits.importer.draft import FIELD_LABELS
from audits.models import Assessment, Audit, ImportDraft
from core.forms import add_service_errors, save_form
from core.params import int_param
from core.permissions import require
from core.views import render_history, run_step
from organizations.models import Organization

# The session keeps only the id of the user's ImportDraft row.
SESSION_KEY = "audits_import_draft"
AUDIT_FIELDS = ("title", "auditor", "commissioned_by", "date", "scope", "response_by")
# A reading still pending after this long means a busy or stopped worker: the page says so.
READING_SLOW_SECONDS = 120


def _audit(request, pk) -> Audit:
    return get_object_or_404(Audit.objects.filter(municipality=request.municipality), pk=pk)


def _organizations(request):
    return Organization.objects.filter(municipality=request.municipality).order_by("name")


@require_GET
@login_required
def audit_list(request):
    require(request.user, "audits.view_audit")
    return render(
        request,
        "audits/audit_list.html",
        {
            "audits": selectors.audits_for_list(municipality=request.municipality),
            "can_add": request.user.has_perm("audits.add_audit"),
        },
    )


@require_GET
@login_required
def audit_detail(request, pk):
    audit = _audit(request, pk)
    require(request.user, "audits.view_audit", audit)
    source = page_cache.source()
    page = page_cache.audit_page(audit=audit, source=source)
    user = request.user
    can_record = {org.pk for org in page.unanswered if user.has_perm("audits.record_response", org)}
    can_plan = {rec.pk for rec in page.recommendations if user.has_perm("audits.manage_measure", rec.organization)}
    sections = page_cache.sections_html(audit=audit, can_plan=can_plan, can_record=can_record, source=source,
                                        build=lambda: render_to_string("audits/partials/_audit_sections.html", {
                                            "page": page, "audit": audit, "municipality": request.municipality,
                                            "can_record": can_record, "can_plan": can_plan,
                                        }))
    return render(
        request,
        "audits/audit_detail.html",
        {
            "page": page,
            "audit": audit,
            "sections": sections,
            "can_send_requests": user.has_perm("audits.send_requests", audit),
            "can_change": user.has_perm("audits.change_audit", audit),
        },
    )


@require_GET
@login_required
def audit_history(request, pk):
    audit = _audit(request, pk)
    require(request.user, "audits.view_audit", audit)
    return render_history(request, instance=audit, back_url=audit.get_absolute_url())


@require_http_methods(["GET", "POST"])
@login_required
def audit_edit(request, pk):
    audit = _audit(request, pk)
    require(request.user, "audits.change_audit", audit)
    form = AuditForm(request.POST or None, request.FILES or None, instance=audit, organizations=_organizations(request))
    stale_edit = None
    if request.method == "POST" and form.is_valid():
        saved, stale_edit = save_form(form, lambda form: services.audit_update(
            audit=_audit(request, pk), data=form.model_data(),
            seen_version=form.cleaned_data["seen_version"], by=request.user,
        ))
        if saved:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(audit)
    return render(request, "audits/audit_form.html", {"form": form, "audit": audit, "stale_edit": stale_edit})


@transaction.non_atomic_requests
@require_http_methods(["GET", "POST"])
@login_required
def audit_import(request):
    """Keep an uploaded report as a draft whose reading the worker does; nothing is saved
    as an audit until the reviewer confirms the draft on the next page. The request holds
    no transaction: a long report's text is read from the file with no database lock held."""
    require(request.user, "audits.add_audit")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.import_draft_start(
                municipality=request.municipality, text=form.text, filename=form.cleaned_data["report"].name,
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            request.session[SESSION_KEY] = draft.pk
            return redirect("audits:audit_review")
    return render(request, "audits/audit_import.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def audit_review(request):
    require(request.user, "audits.add_audit")
    draft = selectors.import_draft_for(
        draft_id=request.session.get(SESSION_KEY), by=request.user, municipality=request.municipality
    )
    if draft is None:
        request.session.pop(SESSION_KEY, None)
        messages.info(request, _("Ladda upp en granskningsrapport först."))
        return _whole_page(request, reverse("audits:audit_import"))
    if request.htmx and draft.status != ImportDraft.Status.PENDING:
        return _whole_page(request, reverse("audits:audit_review"))
    if draft.status == ImportDraft.Status.PENDING:
        return _reading(request, draft)
    if draft.status == ImportDraft.Status.FAILED:
        services.import_draft_discard(draft=draft)
        del request.session[SESSION_KEY]
        messages.error(request, _(draft.error))
        return redirect("audits:audit_import")
    stored = draft.result
    organizations = _organizations(request)
    initial = _review_initial(stored["draft"], list(organizations), municipality=request.municipality.name)
    data = request.POST if request.method == "POST" else None
    form = AuditReviewForm(data, organizations=organizations, raw=stored["raw"], initial=initial["audit"])
    kwargs = {"form_kwargs": {"organizations": organizations}}
    questions = QuestionFormSet(data, prefix="fragor", initial=initial["questions"])
    overall = OverallAssessmentFormSet(data, prefix="bedomningar", initial=initial["overall"], **kwargs)
    recommendations = RecommendationFormSet(data, prefix="rekommendationer", initial=initial["recommendations"], **kwargs)
    if request.method == "POST" and all(f.is_valid() for f in (form, questions, overall, recommendations)):
        try:
            audit = services.audit_create(
                municipality=request.municipality,
                data={name: form.cleaned_data[name] for name in AUDIT_FIELDS},
                audited_organizations=form.cleaned_data["audited_organizations"],
                response_from=form.cleaned_data["response_from"],
                questions=_kept(questions),
                overall_assessments=_kept(overall),
                recommendations=_kept(recommendations),
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            services.import_draft_discard(draft=draft)
            del request.session[SESSION_KEY]
            messages.success(request, _("Granskningen är sparad."))
            return redirect(audit)
    # The report's own words beside each item, so the reviewer can check the reading.
    for formset, sources in ((questions, stored["question_raw"]), (recommendations, stored["recommendation_raw"])):
        for item, source in zip(formset.forms, sources):
            item.source = source
    municipality = stored["draft"]["municipality"]
    return render(
        request,
        "audits/audit_review.html",
        {
            "form": form,
            "questions": questions,
            "overall": overall,
            "recommendations": recommendations,
            "notes": stored["messages"],
            "gaps": _gaps(stored["draft"]),
            "filename": draft.filename,
            "other_municipality": municipality if municipality and municipality != request.municipality.name else None,
            "unmatched": initial["unmatched"],
        },
    )


def _gaps(draft: dict) -> list[dict]:
    """What the reading did not find or only guessed, field by field, for the reviewer to check."""
    return [
        {"label": FIELD_LABELS.get(item["field"], item["field"]), "note": item["note"], "sentence": item["sentence"],
         "guessed": kind == "guessed"}
        for kind in ("not_found", "guessed")
        for item in draft.get(kind, [])
    ]


def _whole_page(request, url: str):
    # The waiting page polls with htmx; a change of page must load the whole page, not swap into the poll.
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _reading(request, draft: ImportDraft):
    seconds = int((timezone.now() - draft.created_at).total_seconds())
    context = {"filename": draft.filename, "seconds": seconds, "slow": seconds > READING_SLOW_SECONDS}
    template = "audits/audit_import_reading.html"
    return render(request, f"{template}#status" if request.htmx else template, context)


def _kept(formset) -> list[dict]:
    return [
        {name: value for name, value in f.cleaned_data.items() if name != "DELETE"}
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _review_initial(draft: dict, organizations: list, *, municipality: str) -> dict:
    """The form's starting values from the parsed draft, with names matched to the
    municipality's organisations; names that match none are listed for the reviewer,
    except the municipality itself ("Borås Stad"), which an empty organisation stands for."""
    unmatched = []
    whole = {form.casefold() for form in (municipality, f"{municipality} stad", f"{municipality} kommun",
                                         f"{municipality}s kommun", f"{municipality}s stad")}

    def match(name):
        if name and name.casefold() in whole:
            return None
        organization = selectors.organization_for_name(name=name, organizations=organizations)
        if name and organization is None and name not in unmatched:
            unmatched.append(name)
        return organization

    overall = [
        {"organization": match(item["body"]), "assessment": item["assessment"] or Assessment.NOT_ASSESSED,
         "text": item["text"]}
        for item in draft["overall_assessments"]
    ]
    recommendations = [
        {"organization": match(item["addressee"]), "text": item["text"]} for item in draft["recommendations"]
    ]
    response_from = [org for org in (match(name) for name in draft["response_requested"]["from"]) if org]
    # The bodies the report says it covered ("Granskningen har omfattat ..."), matched fuzzily to
    # the municipality's organisations, then those assessed or given recommendations.
    named = [{"organization": match(name)} for name in draft.get("audited_bodies", [])]
    audited = {
        item["organization"].pk: item["organization"] for item in named + overall + recommendations if item["organization"]
    }
    questions = [
        {"number": item["number"] if str(item["number"] or "").isascii() and str(item["number"] or "").isdigit() else index,
         "text": item["text"], "assessment": item["assessment"] or Assessment.NOT_ASSESSED,
         "comment": item["comment"] or ""}
        for index, item in enumerate(draft["questions"], start=1)
    ]
    return {
        "audit": {
            "title": draft["title"] or "",
            "auditor": draft["auditor"] or "",
            "commissioned_by": draft["commissioned_by"] or "",
            "date": _iso(draft["date"]),
            "response_by": _iso(draft["response_requested"]["by"]),
            "response_from": [org.pk for org in response_from],
            "audited_organizations": list(audited),
        },
        "questions": questions,
        "overall": overall,
        "recommendations": recommendations,
        "unmatched": [name for name in unmatched if name.casefold() not in {o.name.casefold() for o in organizations}],
    }


@require_POST
@login_required
def audit_request_responses(request, pk):
    audit = _audit(request, pk)
    require(request.user, "audits.send_requests", audit)
    sent, queued = run_step(request, lambda: services.audit_request_responses(audit=audit, by=request.user))
    if sent and queued:
        messages.success(request, ngettext("%(count)s begäran om svar har lagts i utskickskön.",
                                           "%(count)s begäranden om svar har lagts i utskickskön.", queued)
                         % {"count": queued})
    elif sent:
        messages.info(request, _("Begäran om svar var redan skickad till alla mottagare."))
    return redirect(audit)


@require_GET
@login_required
def followup_overview(request):
    require(request.user, "audits.view_audit")
    audit_id = int_param(request.GET, "granskning")
    overview = selectors.followup_overview(municipality=request.municipality, audit_id=audit_id)
    return render(
        request,
        "audits/followup_overview.html",
        {
            "overview": overview,
            "audit_id": audit_id,
            "audits": Audit.objects.filter(municipality=request.municipality).values("pk", "title"),
            "colours": selectors.STATUS_COLOURS,
        },
    )
