"""The coordinator's report pages: the list, creating a report from a cycle, a version's
page (the compiled content with the texts beside it, what differs from the previous
version, and where its dispatch stands), the texts saved by htmx or by a plain post, and
the version's steps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.forms import save_form
from core.permissions import require
from followup.models import FollowUpCycle
from reports import selectors, services
from reports.forms import AnalysisForm, AssessmentForm, DevelopmentAreaDoneForm, DevelopmentAreaForm, MissedTargetForm
from reports.models import AreaAnalysis, DevelopmentArea, MissedTarget, Report, ReportVersion
from reports.version_page import Reader, page_for_reader
from steering.models import Area, Indicator


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@require_GET
@login_required
def report_list(request):
    require(request.user, "reports.view_report")
    reports = selectors.reports_for_municipality(municipality=request.municipality)
    return render(request, "reports/report_list.html", {"reports": reports})


@require_POST
@login_required
def report_create(request, cycle_pk):
    """Create the cycle's report ("Skapa rapport"); a refusal goes back to the cycle."""
    require(request.user, "reports.change_report")
    cycle = get_object_or_404(FollowUpCycle, pk=cycle_pk, program__municipality=request.municipality)
    try:
        report = services.report_create(cycle=cycle, by=request.user)
    except ValidationError as error:
        _refused(request, error)
        return redirect(cycle)
    messages.success(request, _("Rapporten är skapad som ett utkast."))
    return redirect(report)


def _version(request, pk) -> ReportVersion:
    require(request.user, "reports.view_report")
    # The frozen content is read only if the page's parts are not in the cache.
    return get_object_or_404(
        selectors.versions_for_municipality(municipality=request.municipality).defer("content"), pk=pk)


def _page_versions(request, *, version_pk: int | None = None, report_pk: int | None = None
                   ) -> tuple[ReportVersion, list[ReportVersion]]:
    """The version a page shows (version `version_pk`, else report `report_pk`'s latest)
    and its report's versions, newest first, with only what the page reads when its body
    is in the cache (selectors.versions_for_page): one query, a 404 outside the
    municipality."""
    require(request.user, "reports.view_report")
    versions = selectors.versions_for_page(municipality=request.municipality, version_pk=version_pk,
                                           report_pk=report_pk)
    version = next((other for other in versions if version_pk is None or other.pk == version_pk), None)
    if version is None:
        raise Http404
    return version, versions


# Stands for the body in the page rendered around it; the view puts the kept body in.
BODY_PLACEHOLDER = "version-body-placeholder-5c2e9d71a4b8"


def _version_page(request, version: ReportVersion, versions: list[ReportVersion], forms: dict | None = None):
    """The page of a version among its report's `versions` (as _page_versions reads
    them): its content with charts, and for a draft the forms beside it. `forms` carries
    forms posted back with errors, keyed as the page names them. The title, breadcrumbs
    and body come from the cache (reports.version_page) as this reader may see them."""
    approved = version.status == ReportVersion.Status.APPROVED
    can_change = request.user.has_perm("reports.change_report")
    can_write = version.status == ReportVersion.Status.DRAFT and can_change
    reader = Reader(
        can_write=can_write, can_change=can_change,
        can_approve=version.status == ReportVersion.Status.SUBMITTED
        and request.user.has_perm("reports.approve_version", selectors.version_with_owner(version)),
        can_follow=approved and request.user.has_perm("reports.view_dispatches"))
    page = page_for_reader(
        version=version, versions=versions, reader=reader, posted=forms,
        own_dispatches=_own_dispatches(request, version) if approved else [],
        forms=(lambda full, page: _forms(request, full, page["content"])) if can_write else None)
    response = render(request, "reports/version_detail.html", {"page": {
        "title": mark_safe(page["title"]), "breadcrumbs": mark_safe(page["breadcrumbs"]), "body": BODY_PLACEHOLDER}})
    # The body, the bulk of the page (over two megabytes at the scale data), goes into the
    # response's bytes as kept, joined with the request's CSRF token: passing it through the
    # template copied it at each level of the layout and encoded it again.
    before, after = response.content.rsplit(BODY_PLACEHOLDER.encode(), 1)
    response.content = b"".join([before, get_token(request).encode().join(page["body"]), after])
    return response


def _forms(request, version: ReportVersion, content: dict) -> dict:
    """The draft's forms as the records stand, by the names the page gives them."""
    analyses = {a.area_id: a for a in version.analyses.all()}
    explained = {row.indicator_id: row for row in version.missed_targets.all()}
    forms = {"assessment": AssessmentForm(instance=version, prefix="bedomning")}
    owner_choices = None  # read once for the page, however many targets were missed
    for area in content["areas"]:
        analysis = analyses.get(area["id"]) or AreaAnalysis(report_version=version, area_id=area["id"])
        forms[f"analysis-{area['id']}"] = AnalysisForm(instance=analysis, prefix=f"analys-{area['id']}")
        for missed in area["missed_targets"]:
            row = explained.get(missed["indicator_id"]) or MissedTarget(report_version=version)
            if owner_choices is None:
                owner_choices = MissedTargetForm.owner_choices(municipality=request.municipality)
            forms[f"missed-{missed['indicator_id']}"] = MissedTargetForm(
                instance=row, municipality=request.municipality, prefix=f"missat-{missed['indicator_id']}",
                owner_choices=owner_choices)
    return forms


def _own_dispatches(request, version: ReportVersion) -> list:
    """For an approved version: the dispatches to the user's organisations, each with the
    button confirming receipt on the page."""
    return [
        dispatch for dispatch in selectors.dispatches_for_user(version=version, user=request.user)
        if request.user.has_perm("reports.acknowledge_dispatch", dispatch.organization)
    ]


@require_GET
@login_required
def report_detail(request, pk):
    """The report's page is its latest version's page."""
    return _version_page(request, *_page_versions(request, report_pk=pk))


@require_GET
@login_required
def version_detail(request, pk):
    return _version_page(request, *_page_versions(request, version_pk=pk))


def _text_saved(request, version, form, key, template_partial, context):
    """After an htmx post, the form's fragment (with its errors or a preview of the saved
    text); after a plain post, the page again: with the errors, or redirected when saved."""
    if request.htmx:
        return render(request, f"reports/version_detail.html#{template_partial}",
                      {"version": version, "can_write": True, **context})
    if form.errors and version.status != ReportVersion.Status.DRAFT:
        # The page shows no forms for a version that is not a draft: the refusal goes up top.
        for error in form.non_field_errors():
            messages.error(request, error)
        return redirect(version)
    if form.errors:
        return _version_page(request, *_page_versions(request, version_pk=version.pk), {key: form})
    messages.success(request, _("Texten är sparad."))
    return redirect(version)


@require_POST
@login_required
def version_analysis_save(request, pk, area_pk):
    version = _version(request, pk)
    require(request.user, "reports.change_report")
    area = get_object_or_404(Area, pk=area_pk, program_id=version.report.cycle.program_id)
    analysis = AreaAnalysis.objects.filter(report_version=version, area=area).first() or AreaAnalysis(
        report_version=version, area=area)
    form = AnalysisForm(request.POST, instance=analysis, prefix=f"analys-{area.pk}")
    if form.is_valid():
        saved, _stale = save_form(form, lambda form: services.analysis_save(
            version=version, area=area, text=form.cleaned_data["text"],
            seen_version=form.cleaned_data.get("seen_version"), by=request.user))
        if saved is not None:
            form = AnalysisForm(instance=saved, prefix=f"analys-{area.pk}")
            form.saved = True
    return _text_saved(request, version, form, f"analysis-{area.pk}", "analysis",
                       {"area": {"id": area.pk, "name": area.name, "form": form}})


@require_POST
@login_required
def version_assessment_save(request, pk):
    version = _version(request, pk)
    require(request.user, "reports.change_report")
    form = AssessmentForm(request.POST, instance=ReportVersion.objects.get(pk=version.pk), prefix="bedomning")
    if form.is_valid():
        saved, _stale = save_form(form, lambda form: services.assessment_save(
            version=version, text=form.cleaned_data["overall_assessment"],
            seen_version=form.cleaned_data["seen_version"], by=request.user))
        if saved is not None:
            form = AssessmentForm(instance=saved, prefix="bedomning")
            form.saved = True
    return _text_saved(request, version, form, "assessment", "assessment", {"assessment_form": form})


@require_POST
@login_required
def version_missed_target_save(request, pk, indicator_pk):
    version = _version(request, pk)
    require(request.user, "reports.change_report")
    indicator = get_object_or_404(Indicator, pk=indicator_pk, goal__area__program_id=version.report.cycle.program_id)
    row = MissedTarget.objects.filter(report_version=version, indicator=indicator).first() or MissedTarget(report_version=version)
    prefix = f"missat-{indicator.pk}"
    form = MissedTargetForm(request.POST, instance=row, municipality=request.municipality, prefix=prefix)
    if form.is_valid():
        saved, _stale = save_form(form, lambda form: services.missed_target_save(
            version=version, indicator=indicator, cause=form.cleaned_data["cause"],
            action=form.cleaned_data["action"], owner=form.cleaned_data["owner"],
            seen_version=form.cleaned_data.get("seen_version"), by=request.user))
        if saved is not None:
            form = MissedTargetForm(instance=saved, municipality=request.municipality, prefix=prefix)
            form.saved = True
    missed = {"indicator_id": indicator.pk, "indicator": indicator.name, "form": form}
    return _text_saved(request, version, form, f"missed-{indicator.pk}", "missed_target", {"missed": missed})


def _step(request, pk, permission, step, success):
    version = _version(request, pk)
    require(request.user, permission, version)
    try:
        version = step(version)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, success)
    return redirect(version)


@require_POST
@login_required
def version_submit(request, pk):
    return _step(request, pk, "reports.change_report",
                 lambda version: services.version_submit(version=version, by=request.user),
                 _("Versionen är inlämnad för beslut."))


@require_POST
@login_required
def version_approve(request, pk):
    return _step(request, pk, "reports.approve_version",
                 lambda version: services.version_approve(version=version, by=request.user),
                 _("Versionen är godkänd och låst."))


@require_POST
@login_required
def version_new(request, pk):
    """Start a new draft from the report's latest version ("Ny version")."""
    require(request.user, "reports.view_report")
    report = get_object_or_404(Report, pk=pk, cycle__program__municipality=request.municipality)
    require(request.user, "reports.change_report")
    try:
        version = services.version_new(report=report, by=request.user)
    except ValidationError as error:
        _refused(request, error)
        return redirect(report)
    messages.success(request, _("Version %(number)s är skapad som ett utkast.") % {"number": version.number})
    return redirect(version)


@require_http_methods(["GET", "POST"])
@login_required
def development_area_create(request, pk):
    require(request.user, "reports.change_report")
    report = get_object_or_404(Report.objects.select_related("cycle__program__municipality"), pk=pk,
                               cycle__program__municipality=request.municipality)
    form = DevelopmentAreaForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        item, _stale = save_form(form, lambda form: services.development_area_create(
            report=report, data=form.model_data(), by=request.user))
        if item is not None:
            messages.success(request, _("Utvecklingsområdet är sparat."))
            return redirect(report)
    return render(request, "reports/report_development_area_form.html", {"form": form, "report": report})


def _development_area(request, pk) -> DevelopmentArea:
    require(request.user, "reports.change_report")
    return get_object_or_404(
        DevelopmentArea.objects.select_related("report__cycle__program__municipality"), pk=pk,
        report__cycle__program__municipality=request.municipality,
    )


@require_http_methods(["GET", "POST"])
@login_required
def development_area_edit(request, pk):
    item = _development_area(request, pk)
    form = DevelopmentAreaForm(request.POST or None, instance=item, report=item.report)
    if request.method == "POST" and form.is_valid():
        saved, _stale = save_form(form, lambda form: services.development_area_edit(
            item=item, data=form.model_data(), seen_version=form.cleaned_data["seen_version"], by=request.user))
        if saved is not None:
            messages.success(request, _("Utvecklingsområdet är sparat."))
            return redirect(item.report)
    return render(request, "reports/report_development_area_form.html",
                  {"form": form, "report": item.report, "item": item})


@require_http_methods(["GET", "POST"])
@login_required
def development_area_done(request, pk):
    """Mark a development area done with its outcome, typically in a later cycle."""
    item = _development_area(request, pk)
    form = DevelopmentAreaDoneForm(request.POST or None, initial={"seen_version": item.version})
    if request.method == "POST" and form.is_valid():
        saved, _stale = save_form(form, lambda form: services.development_area_done(
            item=item, done_on=form.cleaned_data["done_on"], outcome=form.cleaned_data["outcome"],
            seen_version=form.cleaned_data["seen_version"], by=request.user))
        if saved is not None:
            messages.success(request, _("Utvecklingsområdet är markerat som klart."))
            return redirect(item.report)
    return render(request, "reports/report_development_area_done.html", {"form": form, "item": item})

