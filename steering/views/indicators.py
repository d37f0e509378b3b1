"""The statistics beside the program: an indicator's values with the county and national
comparison and its targets, an area's indicators with their goal fulfilment, and the
form for a manual indicator's values."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from core.forms import add_service_errors
from core.permissions import require
from core.spreadsheets import table_download
from core.views import render_history
from kpis.exports import values_template
from kpis.forms import ValuesUploadForm
from kpis.kolada import SOURCE_CREDIT
from steering import services
from steering.forms import IndicatorValueForm, TargetCarryForwardForm
from steering.indicator_charts import indicator_charts
from steering.indicator_values import area_indicators, indicator_page
from steering.models import Indicator, IndicatorValue
from steering.page_cache import cached_html
from steering.views.common import form_page
from steering.views.goals import get_area, get_indicator
from steering.views.program import get_program


@require_GET
@login_required
def indicator_detail(request, pk):
    """The indicator's actions for the reader; below them its values, comparison, targets
    and judgements, the same for every reader, from the cache (steering.page_cache)."""
    indicator = get_indicator(request, pk)
    require(request.user, "steering.view_steering", indicator)
    municipality = request.municipality
    return render(request, "steering/indicator_detail.html", {
        "indicator": indicator,
        "body": cached_html(page="indicator", parts=(municipality.pk, indicator.pk),
                            build=lambda: _indicator_body(indicator, municipality)),
        "can_change": request.user.has_perm("steering.change_indicator", indicator),
        "is_manual": indicator.source == Indicator.Source.MANUAL,
    })


def _indicator_body(indicator: Indicator, municipality) -> str:
    page = indicator_page(indicator=indicator, municipality=municipality)
    return render_to_string("steering/indicator_detail.html#body", {
        "indicator": indicator,
        "page": page,
        "status": page.status.fulfilment,
        "charts": indicator_charts(page=page),
        "targets": indicator.targets.all(),
        "staleness": page.status.staleness,
        "source_credit": SOURCE_CREDIT,
    })


@require_http_methods(["GET", "POST"])
@login_required
def indicator_value_create(request, pk):
    indicator = get_indicator(request, pk)
    require(request.user, "steering.change_indicator", indicator)
    form = IndicatorValueForm(request.POST or None, initial={"gender": indicator.gender})
    return form_page(
        request, form=form, title=_("Värde för %(name)s") % {"name": indicator.name},
        cancel_url=indicator.get_absolute_url(),
        save=lambda form: services.indicator_value_set(indicator=indicator, by=request.user, **form.cleaned_data),
    )


@require_GET
@login_required
def indicator_value_history(request, pk):
    value = get_object_or_404(
        IndicatorValue.objects.filter(indicator__goal__municipality=request.municipality).select_related("indicator"),
        pk=pk,
    )
    require(request.user, "steering.view_steering", value)
    return render_history(request, instance=value, back_url=value.indicator.get_absolute_url())


@require_GET
@login_required
def area_detail(request, pk):
    """The area's indicators with their fulfilment, the same for every reader, from the
    cache (steering.page_cache)."""
    area = get_area(request, pk)
    require(request.user, "steering.view_steering", area)
    municipality = request.municipality
    return render(request, "steering/area_detail.html", {
        "area": area,
        "body": cached_html(page="area", parts=(municipality.pk, area.pk), build=lambda: render_to_string(
            "steering/area_detail.html#body",
            {"area": area, "statuses": area_indicators(area=area, municipality=municipality)},
        )),
    })


@require_http_methods(["GET", "POST"])
@login_required
def target_carry_forward(request, pk):
    """A new mandate period or an extended program: the program's targets carried forward."""
    program = get_program(request, pk)
    require(request.user, "steering.change_program", program)
    form = TargetCarryForwardForm(request.POST or None, initial={
        "from_year": program.end_year, "first_year": program.end_year, "last_year": program.end_year,
    })

    def save(form):
        services.targets_carry_forward(program=program, by=request.user, **form.cleaned_data)
        return program

    return form_page(
        request, form=form, title=_("För över målvärden i %(name)s") % {"name": program.name},
        cancel_url=program.get_absolute_url(), save=save,
    )


@require_http_methods(["GET", "POST"])
@login_required
def indicator_values_upload(request, pk):
    """A manual indicator's values from a CSV or Excel file, all or nothing."""
    indicator = get_indicator(request, pk)
    require(request.user, "steering.change_indicator", indicator)
    form = ValuesUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            stored = services.indicator_values_import(indicator=indicator, filename=upload.name,
                                                      content=upload.read(), by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, ngettext("%(count)s värde är sparat.", "%(count)s värden är sparade.",
                                               len(stored)) % {"count": len(stored)})
            return redirect(indicator)
    return render(request, "steering/indicator_upload.html", {"indicator": indicator, "form": form})


@require_GET
@login_required
def indicator_values_template(request, pk, fmt):
    """The upload template: the columns år, kön, värde with the program's years filled in."""
    indicator = get_indicator(request, pk)
    require(request.user, "steering.change_indicator", indicator)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    program = indicator.goal.program
    header, rows = values_template(years=range(program.start_year, program.end_year + 1))
    return table_download(fmt=fmt, title=_("Värden"), header=header, rows=rows,
                          filename=f"mall-indikator-{indicator.pk}")
