from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.forms import add_service_errors
from core.params import int_param
from core.permissions import require
from core.spreadsheets import MEDIA_TYPES, table_download
from core.views import render_history
from kpis import exports, selectors, services
from kpis.charts import line_chart
from kpis.forms import ComparisonGroupForm, LocalKpiForm, ValuesUploadForm
from kpis.kolada import SOURCE_CREDIT
from kpis.models import ComparisonGroup, Gender, Kpi


# Longer than any KPI's name: a longer search finds nothing anyway.
SEARCH_MAX_LENGTH = 300


def _kpi(request, kpi_id) -> Kpi:
    """Kolada's KPIs and the user's municipality's own; another municipality's own is 404."""
    return get_object_or_404(selectors.kpi_for_page(municipality=request.municipality), pk=kpi_id)


def _local_kpi(request, kpi_id) -> Kpi:
    kpi = _kpi(request, kpi_id)
    if not kpi.is_local:
        raise Http404
    return kpi


def _group(request) -> ComparisonGroup | None:
    group_id = int_param(request.GET, "grupp")
    if group_id is None:
        return None
    return selectors.comparison_groups_for(municipality=request.municipality).filter(pk=group_id).first()


@require_GET
@login_required
def kpi_list(request):
    """The KPIs a page at a time (Kolada has some six thousand), searched by name or id and
    filtered by source; the page links keep the search."""
    require(request.user, "kpis.view_kpi")
    search = (request.GET.get("sok") or "").strip()[:SEARCH_MAX_LENGTH]
    source = request.GET.get("kalla") or ""
    if source not in Kpi.Source.values:
        source = ""
    page = selectors.kpi_list_page(municipality=request.municipality, search=search, source=source,
                                   number=request.GET.get("sida"))
    return render(request, "kpis/kpi_list.html", {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "search": search,
        "source": source,
        "sources": Kpi.Source.choices,
        "query": urlencode({key: value for key, value in (("sok", search), ("kalla", source)) if value}),
        "refresh": selectors.refresh_status(),
        "can_manage": request.user.has_perm("kpis.manage_local_kpi"),
    })


@require_GET
@login_required
def kpi_detail(request, kpi_id):
    kpi = _kpi(request, kpi_id)
    require(request.user, "kpis.view_kpi", kpi)
    group = _group(request)
    comparison = selectors.kpi_comparison(kpi=kpi, municipality_code=request.municipality.code, group=group)
    return render(request, "kpis/kpi_detail.html", {
        "kpi": kpi,
        "comparison": comparison,
        "charts": _charts(comparison),
        "groups": selectors.comparison_groups_for(municipality=request.municipality),
        "group": group,
        "import_runs": selectors.import_runs(kpi=kpi),
        "source_credit": SOURCE_CREDIT if not kpi.is_local else "",
        "can_manage": request.user.has_perm("kpis.manage_local_kpi"),
    })


def _charts(comparison) -> list:
    """The total over years; where the KPI is divided by gender, women and men
    as separate lines for the municipality, the county and the country."""
    name, county = comparison.municipality_name, comparison.county_name or _("Länet")
    title = comparison.kpi.title
    charts = []
    series = [(name, comparison.series(gender="T", which="own"))]
    if comparison.has_area_means:
        series += [(_("%(county)s, medel") % {"county": county}, comparison.series(gender="T", which="county")),
                   (_("Riket, medel"), comparison.series(gender="T", which="national"))]
    if comparison.group:
        series.append((_("%(group)s, medel") % {"group": comparison.group.title},
                       comparison.series(gender="T", which="group")))
    charts.append(line_chart(
        title=_("%(title)s, totalt") % {"title": title},
        description=_("Linjediagram över år: %(lines)s. Samma siffror finns i tabellen.")
        % {"lines": ", ".join(label for label, _points in series)},
        series=series, years=comparison.years, unit=comparison.kpi.unit,
    ))
    if {"K", "M"} <= set(comparison.genders):
        gendered = []
        for gender in ("K", "M"):
            label = Gender(gender).label.lower()
            gendered.append((f"{name}, {label}", comparison.series(gender=gender, which="own")))
            if comparison.has_area_means:
                gendered += [
                    (_("%(county)s, medel, %(gender)s") % {"county": county, "gender": label},
                     comparison.series(gender=gender, which="county")),
                    (_("Riket, medel, %(gender)s") % {"gender": label},
                     comparison.series(gender=gender, which="national")),
                ]
        charts.append(line_chart(
            title=_("%(title)s, kvinnor och män") % {"title": title},
            description=_("Linjediagram över år: %(lines)s. Samma siffror finns i tabellen.")
            % {"lines": ", ".join(label for label, _points in gendered)},
            series=gendered, years=comparison.years, unit=comparison.kpi.unit,
        ))
    return [chart for chart in charts if chart is not None]


@require_GET
@login_required
def kpi_export(request, kpi_id, fmt):
    kpi = _kpi(request, kpi_id)
    require(request.user, "kpis.view_kpi", kpi)
    if fmt not in MEDIA_TYPES:
        raise Http404
    comparison = selectors.kpi_comparison(
        kpi=kpi, municipality_code=request.municipality.code, group=_group(request)
    )
    header, rows = exports.comparison_table(comparison=comparison)
    return table_download(fmt=fmt, title=kpi.id, header=header, rows=rows,
                          filename=f"{kpi.id}-{slugify(comparison.municipality_name)}")


@require_http_methods(["GET", "POST"])
@login_required
def kpi_create(request):
    require(request.user, "kpis.manage_local_kpi")
    form = LocalKpiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kpi = services.local_kpi_create(owner=request.municipality, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Nyckeltalet %(title)s har skapats.") % {"title": kpi.title})
            return redirect("kpis:kpi_values_upload", kpi_id=kpi.pk)
    return render(request, "kpis/kpi_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def kpi_values_upload(request, kpi_id):
    kpi = _local_kpi(request, kpi_id)
    require(request.user, "kpis.manage_local_kpi", kpi)
    form = ValuesUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.manual_values_import(
                kpi=kpi, filename=upload.name, content=upload.read(), by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _(
                "Värdena är sparade: %(inserted)s nya, %(updated)s ändrade, %(unchanged)s oförändrade."
            ) % {"inserted": result.inserted, "updated": result.updated, "unchanged": result.unchanged})
            return redirect(kpi)
    return render(request, "kpis/kpi_upload.html", {"kpi": kpi, "form": form})


@require_GET
@login_required
def kpi_upload_template(request, kpi_id, fmt):
    kpi = _local_kpi(request, kpi_id)
    require(request.user, "kpis.manage_local_kpi", kpi)
    if fmt not in MEDIA_TYPES:
        raise Http404
    header, rows = exports.upload_template(kpi=kpi)
    return table_download(fmt=fmt, title=_("Värden"), header=header, rows=rows, filename=f"mall-{kpi.id}")


@require_GET
@login_required
def comparison_group_list(request):
    require(request.user, "kpis.view_kpi")
    return render(request, "kpis/comparison_group_list.html", {
        "groups": selectors.comparison_groups_for(municipality=request.municipality).prefetch_related("members"),
        "can_manage": request.user.has_perm("kpis.manage_comparison_group"),
    })


def _own_group(request, pk) -> ComparisonGroup:
    return get_object_or_404(ComparisonGroup.objects.filter(owner=request.municipality), pk=pk)


@require_http_methods(["GET", "POST"])
@login_required
def comparison_group_create(request):
    require(request.user, "kpis.manage_comparison_group")
    form = ComparisonGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.comparison_group_create(owner=request.municipality, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Jämförelsegruppen är sparad."))
            return redirect("kpis:comparison_group_list")
    return render(request, "kpis/comparison_group_form.html", {"form": form, "group": None})


@require_http_methods(["GET", "POST"])
@login_required
def comparison_group_edit(request, pk):
    group = _own_group(request, pk)
    require(request.user, "kpis.manage_comparison_group", group)
    form = ComparisonGroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        try:
            services.comparison_group_update(group=_own_group(request, pk), by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Jämförelsegruppen är sparad."))
            return redirect("kpis:comparison_group_list")
    return render(request, "kpis/comparison_group_form.html", {"form": form, "group": group})


@require_GET
@login_required
def comparison_group_history(request, pk):
    group = _own_group(request, pk)
    require(request.user, "kpis.view_kpi", group)
    return render_history(request, instance=group, back_url=reverse("kpis:comparison_group_list"))
