"""The statistics beside the program: an indicator's values with the county and national
comparison and its targets, an area's indicators with their goal fulfilment, and the
form for a manual indicator's values."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.permissions import require
from core.views import render_history
from kpis.kolada import SOURCE_CREDIT
from steering import services
from steering.forms import IndicatorValueForm, TargetCarryForwardForm
from steering.indicator_charts import indicator_charts
from steering.indicator_values import area_indicators, indicator_page
from steering.models import Indicator, IndicatorValue
from steering.views.common import form_page
from steering.views.goals import get_area, get_indicator
from steering.views.program import get_program


@require_GET
@login_required
def indicator_detail(request, pk):
    indicator = get_indicator(request, pk)
    require(request.user, "steering.view_steering", indicator)
    page = indicator_page(indicator=indicator, municipality=request.municipality)
    return render(request, "steering/indicator_detail.html", {
        "indicator": indicator,
        "page": page,
        "status": page.status.fulfilment,
        "charts": indicator_charts(page=page),
        "targets": indicator.targets.all(),
        "staleness": page.status.staleness,
        "source_credit": SOURCE_CREDIT,
        "can_change": request.user.has_perm("steering.change_indicator", indicator),
        "is_manual": indicator.source == Indicator.Source.MANUAL,
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
    area = get_area(request, pk)
    require(request.user, "steering.view_steering", area)
    return render(request, "steering/area_detail.html", {
        "area": area,
        "statuses": area_indicators(area=area, municipality=request.municipality),
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
