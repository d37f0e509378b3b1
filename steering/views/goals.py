"""Create, edit and history pages for the records inside a program: areas, goals,
indicators and their targets, action plans, activities and responsibilities."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.forms import add_service_errors
from core.permissions import require
from core.versioning import StaleEditError
from core.views import render_history
from steering import selectors, services
from steering.forms import (
    ActionPlanForm,
    ActivityForm,
    AreaForm,
    GoalForm,
    IndicatorForm,
    ResponsibilityForm,
    TargetForm,
)
from steering.models import ActionPlan, Activity, Area, Goal, Indicator, ResponsibilityAssignment
from steering.views.common import form_page, own_organizations, update_args
from steering.views.program import get_program


def get_area(request, pk) -> Area:
    return get_object_or_404(
        Area.objects.filter(program__municipality=request.municipality).select_related("program"), pk=pk
    )


def get_goal(request, pk) -> Goal:
    return get_object_or_404(selectors.goals_for_page(municipality=request.municipality), pk=pk)


def get_indicator(request, pk) -> Indicator:
    return get_object_or_404(
        Indicator.objects.filter(goal__municipality=request.municipality).select_related(
            "goal__organization", "goal__area__program"
        ),
        pk=pk,
    )


def get_action_plan(request, pk) -> ActionPlan:
    return get_object_or_404(
        ActionPlan.objects.filter(area__program__municipality=request.municipality).select_related("area__program"),
        pk=pk,
    )


def get_activity(request, pk) -> Activity:
    return get_object_or_404(
        Activity.objects.filter(action_plan__area__program__municipality=request.municipality).select_related(
            "action_plan__area__program", "responsible"
        ),
        pk=pk,
    )


def get_assignment(request, pk) -> ResponsibilityAssignment:
    municipality = request.municipality
    return get_object_or_404(
        ResponsibilityAssignment.objects.filter(
            Q(area__program__municipality=municipality) | Q(goal__municipality=municipality)
        ).select_related("area__program", "goal", "organization"),
        pk=pk,
    )


def _history(request, record, back_url):
    require(request.user, "steering.view_steering", record)
    return render_history(request, instance=record, back_url=back_url)


@require_http_methods(["GET", "POST"])
@login_required
def area_create(request, pk):
    program = get_program(request, pk)
    require(request.user, "steering.change_program", program)
    form = AreaForm(request.POST or None, instance=Area(program=program), municipality=request.municipality)
    return form_page(
        request, form=form, title=_("Nytt område i %(name)s") % {"name": program.name},
        cancel_url=program.get_absolute_url(),
        save=lambda form: services.area_create(program=program, data=form.model_data(), by=request.user),
    )


@require_http_methods(["GET", "POST"])
@login_required
def area_edit(request, pk):
    area = get_area(request, pk)
    require(request.user, "steering.change_program", area.program)
    form = AreaForm(request.POST or None, instance=area, municipality=request.municipality)
    return form_page(
        request, form=form, title=_("Ändra %(name)s") % {"name": area.name}, cancel_url=area.get_absolute_url(),
        save=lambda form: services.area_update(area=get_area(request, pk), **update_args(request, form)),
    )


@require_GET
@login_required
def area_history(request, pk):
    area = get_area(request, pk)
    return _history(request, area, area.get_absolute_url())


@require_GET
@login_required
def goal_detail(request, pk):
    goal = get_goal(request, pk)
    require(request.user, "steering.view_steering", goal)
    return render(
        request,
        "steering/goal_detail.html",
        {
            "goal": goal,
            "indicators": goal.indicators.prefetch_related("targets"),
            "subgoals": goal.subgoals.select_related("organization"),
            "responsibilities": goal.responsibilities.select_related("organization"),
            "can_change": request.user.has_perm("steering.change_goal", goal),
            "can_change_program": request.user.has_perm("steering.change_program"),
            "can_add_goal": request.user.has_perm("steering.add_goal"),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def goal_create(request):
    require(request.user, "steering.add_goal")
    initial = {"area": request.GET.get("omrade"), "parent": request.GET.get("mal")}
    form = GoalForm(
        request.POST or None, initial=initial, instance=Goal(municipality=request.municipality),
        municipality=request.municipality, own_organizations=own_organizations(request.user, request.municipality),
    )
    return form_page(
        request, form=form, title=_("Nytt mål"), cancel_url=reverse("steering:program_list"),
        save=lambda form: services.goal_create(
            municipality=request.municipality, data=form.model_data(), by=request.user
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def goal_edit(request, pk):
    goal = get_goal(request, pk)
    require(request.user, "steering.change_goal", goal)
    form = GoalForm(
        request.POST or None, instance=goal, municipality=request.municipality,
        own_organizations=own_organizations(request.user, request.municipality),
    )
    return form_page(
        request, form=form, title=_("Ändra mål"), cancel_url=goal.get_absolute_url(),
        save=lambda form: services.goal_update(goal=get_goal(request, pk), **update_args(request, form)),
    )


@require_GET
@login_required
def goal_history(request, pk):
    goal = get_goal(request, pk)
    return _history(request, goal, goal.get_absolute_url())


@require_http_methods(["GET", "POST"])
@login_required
def indicator_create(request, pk):
    goal = get_goal(request, pk)
    require(request.user, "steering.change_goal", goal)
    form = IndicatorForm(request.POST or None, instance=Indicator(goal=goal), municipality=request.municipality)
    return form_page(
        request, form=form, title=_("Ny indikator"), cancel_url=goal.get_absolute_url(), context={"subject": goal},
        save=lambda form: services.indicator_create(goal=goal, data=form.model_data(), by=request.user),
    )


@require_http_methods(["GET", "POST"])
@login_required
def indicator_edit(request, pk):
    indicator = get_indicator(request, pk)
    require(request.user, "steering.change_indicator", indicator)
    form = IndicatorForm(request.POST or None, instance=indicator, municipality=request.municipality)
    return form_page(
        request, form=form, title=_("Ändra indikator"), cancel_url=indicator.get_absolute_url(),
        save=lambda form: services.indicator_update(
            indicator=get_indicator(request, pk), **update_args(request, form)
        ),
    )


@require_GET
@login_required
def indicator_history(request, pk):
    indicator = get_indicator(request, pk)
    return _history(request, indicator, indicator.get_absolute_url())


@require_http_methods(["GET", "POST"])
@login_required
def target_create(request, pk):
    indicator = get_indicator(request, pk)
    require(request.user, "steering.change_indicator", indicator)
    form = TargetForm(request.POST or None)
    return form_page(
        request, form=form, title=_("Målvärde för %(name)s") % {"name": indicator.name},
        cancel_url=indicator.get_absolute_url(),
        save=lambda form: services.target_set(indicator=indicator, by=request.user, **form.cleaned_data),
    )


@require_http_methods(["GET", "POST"])
@login_required
def action_plan_create(request, pk):
    area = get_area(request, pk)
    require(request.user, "steering.change_program", area.program)
    form = ActionPlanForm(request.POST or None, municipality=request.municipality)
    return form_page(
        request, form=form, title=_("Ny handlingsplan för %(name)s") % {"name": area.name},
        cancel_url=area.get_absolute_url(),
        save=lambda form: services.action_plan_create(area=area, data=form.model_data(), by=request.user),
    )


@require_http_methods(["GET", "POST"])
@login_required
def action_plan_edit(request, pk):
    plan = get_action_plan(request, pk)
    require(request.user, "steering.change_program", plan.area.program)
    form = ActionPlanForm(request.POST or None, instance=plan, municipality=request.municipality)
    return form_page(
        request, form=form, title=_("Ändra %(name)s") % {"name": plan.title}, cancel_url=plan.get_absolute_url(),
        save=lambda form: services.action_plan_update(
            action_plan=get_action_plan(request, pk), **update_args(request, form)
        ),
    )


@require_GET
@login_required
def action_plan_history(request, pk):
    plan = get_action_plan(request, pk)
    return _history(request, plan, plan.get_absolute_url())


@require_http_methods(["GET", "POST"])
@login_required
def activity_create(request, pk):
    plan = get_action_plan(request, pk)
    require(request.user, "steering.add_activity")
    form = ActivityForm(
        request.POST or None, instance=Activity(action_plan=plan), area=plan.area,
        municipality=request.municipality, own_organizations=own_organizations(request.user, request.municipality),
    )
    return form_page(
        request, form=form, title=_("Ny aktivitet i %(name)s") % {"name": plan.title},
        cancel_url=plan.get_absolute_url(),
        save=lambda form: services.activity_create(action_plan=plan, data=form.model_data(), by=request.user),
    )


@require_http_methods(["GET", "POST"])
@login_required
def activity_edit(request, pk):
    activity = get_activity(request, pk)
    require(request.user, "steering.change_activity", activity)
    form = ActivityForm(
        request.POST or None, instance=activity, area=activity.action_plan.area,
        municipality=request.municipality, own_organizations=own_organizations(request.user, request.municipality),
    )
    if request.htmx:
        return _activity_inline_edit(request, pk, form)
    return form_page(
        request, form=form, title=_("Ändra aktivitet"), cancel_url=activity.get_absolute_url(),
        save=lambda form: services.activity_update(activity=get_activity(request, pk), **update_args(request, form)),
    )


def _activity_inline_edit(request, pk, form):
    """The same edit inside the program tree: the row becomes a form, and a saved form
    becomes the row again."""
    template = "steering/program_detail.html"
    stale_edit = None
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(activity=get_activity(request, pk), **update_args(request, form))
        except StaleEditError as conflict:
            stale_edit = conflict.stale_edit
            form.add_error(None, conflict)
            form.show_current_version(stale_edit.current_version)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            activity = get_object_or_404(
                Activity.objects.select_related("responsible").prefetch_related("contributors"), pk=pk
            )
            return render(
                request, f"{template}#activity-row",
                {"activity": activity, "own_organization_ids": {activity.responsible_id}},
            )
    return render(
        request, f"{template}#activity-form", {"form": form, "activity": get_activity(request, pk), "stale_edit": stale_edit}
    )


@require_GET
@login_required
def activity_history(request, pk):
    activity = get_activity(request, pk)
    return _history(request, activity, activity.get_absolute_url())


def _responsibility_create(request, *, area=None, goal=None):
    require(request.user, "steering.change_program")
    subject = area or goal
    form = ResponsibilityForm(
        request.POST or None, instance=ResponsibilityAssignment(area=area, goal=goal), municipality=request.municipality
    )
    return form_page(
        request, form=form, title=_("Fördela ansvar"), cancel_url=subject.get_absolute_url(),
        context={"subject": subject},
        save=lambda form: services.responsibility_assign(area=area, goal=goal, by=request.user, **form.model_data()),
    )


@require_http_methods(["GET", "POST"])
@login_required
def area_responsibility_create(request, pk):
    return _responsibility_create(request, area=get_area(request, pk))


@require_http_methods(["GET", "POST"])
@login_required
def goal_responsibility_create(request, pk):
    return _responsibility_create(request, goal=get_goal(request, pk))


@require_http_methods(["GET", "POST"])
@login_required
def responsibility_edit(request, pk):
    assignment = get_assignment(request, pk)
    require(request.user, "steering.change_program")
    form = ResponsibilityForm(request.POST or None, instance=assignment, municipality=request.municipality)
    return form_page(
        request, form=form, title=_("Ändra ansvar"), cancel_url=assignment.get_absolute_url(),
        context={"subject": assignment.subject},
        save=lambda form: services.responsibility_update(
            assignment=get_assignment(request, pk), **update_args(request, form)
        ),
    )


@require_GET
@login_required
def responsibility_history(request, pk):
    assignment = get_assignment(request, pk)
    return _history(request, assignment, assignment.get_absolute_url())
