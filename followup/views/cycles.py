"""The coordinator's cycle pages: the list, opening a cycle, the completeness dashboard
with its exports, and closing."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.forms import save_form
from core.permissions import require
from core.spreadsheets import table_download
from followup import page_cache, selectors, services
from followup.completeness import cycle_completeness
from followup.forms import AskTable, CycleCloseForm, CycleOpenForm
from followup.models import CycleOrganization, FollowUpCycle
from organizations.models import Organization
from steering.models import Program

# A deadline six weeks after opening gives boards time to answer around their meetings.
DEFAULT_WEEKS_TO_ANSWER = 6


@require_GET
@login_required
def cycle_list(request):
    require(request.user, "followup.view_cycle")
    cycles = selectors.cycles_for_municipality(municipality=request.municipality)
    return render(request, "followup/cycle_list.html", {"cycles": cycles})


def _cycle(request, pk) -> FollowUpCycle:
    require(request.user, "followup.view_cycle")
    # The report (if any) is read along, for the page's link to it or its "Skapa rapport".
    return get_object_or_404(
        FollowUpCycle.objects.select_related("program", "questionnaire", "report"), pk=pk,
        program__municipality=request.municipality,
    )


def _filters(request) -> dict:
    return {
        "status": request.GET.get("status", "") if request.GET.get("status") in CycleOrganization.Status.values
        else "",
        "kind": request.GET.get("typ", "") if request.GET.get("typ") in Organization.Kind.values else "",
        "overdue_only": request.GET.get("forsenade") == "1",
    }


def _completeness(request, cycle):
    filters = _filters(request)
    return filters, cycle_completeness(cycle=cycle, today=timezone.localdate(), **filters)


@require_GET
@login_required
def cycle_detail(request, pk):
    """The completeness dashboard of a cycle, with filters."""
    cycle = _cycle(request, pk)
    filters = _filters(request)
    completeness_html = page_cache.completeness_html(cycle=cycle, filters=filters, build=lambda: render_to_string(
        "followup/partials/_completeness.html",
        {"cycle": cycle, "completeness": cycle_completeness(cycle=cycle, today=timezone.localdate(), **filters)},
    ))
    return render(request, "followup/cycle_detail.html", {
        "cycle": cycle, "completeness_html": completeness_html, "filters": filters,
        "statuses": CycleOrganization.Status.choices, "kinds": Organization.Kind.choices,
        "query": request.GET.urlencode(), "today": timezone.localdate(),
    })


@require_GET
@login_required
def cycle_json(request, pk):
    cycle = _cycle(request, pk)
    return JsonResponse(_completeness(request, cycle)[1].as_json())


@require_GET
@login_required
def cycle_export(request, pk):
    cycle = _cycle(request, pk)
    completeness = _completeness(request, cycle)[1]
    header = [_("Organisation"), _("Status"), _("Uppgiftslämnare"), _("Dagar försenad"), _("Påminnelser"),
              *[str(area) for area in completeness.areas]]
    rows = [
        [row.response.organization.name, row.response.get_status_display(), str(row.response.respondent or ""),
         row.days_overdue, row.reminders_sent, *[_("Ingen fråga ställd") if cell.no_question else f"{cell.answered}/{cell.asked}"
                                              for cell in row.cells]]
        for row in completeness.rows
    ]
    return table_download(fmt="xlsx", title=_("Fullständighet"), header=header, rows=rows,
                          filename=f"uppfoljning-{cycle.year}")


def _chosen_program(request, programs):
    """The program the page is about: posted, asked for in the address, or the first."""
    raw = request.POST.get("program") or request.GET.get("program") or ""
    by_pk = {str(program.pk): program for program in programs}
    return by_pk.get(raw) or (programs[0] if programs else None)


@require_http_methods(["GET", "POST"])
@login_required
def cycle_open(request):
    """Open a cycle: its settings and, per organisation, whether it is asked and who
    answers for it. Everything is checked before anything is created."""
    require(request.user, "followup.manage_cycle")
    programs = list(Program.objects.filter(municipality=request.municipality).order_by("name"))
    program = _chosen_program(request, programs)
    choices = selectors.cycle_open_choices(municipality=request.municipality, program=program)
    today = timezone.localdate()
    initial = {"program": program, "year": choices.year, "questionnaire": choices.questionnaire, "opens_on": today,
               "deadline": today + datetime.timedelta(weeks=DEFAULT_WEEKS_TO_ANSWER)}
    data = request.POST if request.method == "POST" else None
    form = CycleOpenForm(data, municipality=request.municipality, initial=initial)
    table = AskTable(choices=choices, data=data)
    valid = data is not None and all([form.is_valid(), table.is_valid()])
    warnings, confirmation = _warnings(form, program, choices.year, valid)
    # A warning does not stop the coordinator, but is read before anything is sent: the
    # first post shows it, a second post confirming the same program and year opens.
    if valid and (not warnings or data.get("bekraftat") == confirmation):
        cycle, _stale = save_form(form, lambda form: services.cycle_open(
            program=form.cleaned_data["program"], year=form.cleaned_data["year"],
            questionnaire=form.cleaned_data["questionnaire"], opens_on=form.cleaned_data["opens_on"],
            deadline=form.cleaned_data["deadline"], respondents=table.respondents(), by=request.user,
            **form.schedule(),
        ))
        if cycle is not None:
            messages.success(request, _opened_message(cycle, today))
            for warning in table.warnings():
                messages.warning(request, warning)
            return redirect(cycle)
    return render(request, "followup/cycle_open.html", {
        "form": form, "table": table, "programs": programs, "program": program,
        "table_invalid": data is not None and not table.is_valid(),
        "warnings": warnings, "confirmation": confirmation if valid and warnings else "",
    })


def _warnings(form, program, proposed_year, valid) -> tuple[list[str], str]:
    """The warnings for the program and year posted (or proposed), and the value that
    confirms having read them."""
    if valid:
        program, year = form.cleaned_data["program"], form.cleaned_data["year"]
    else:
        year = proposed_year if not form.is_bound else None
    warnings = services.cycle_open_warnings(program=program, year=year)
    return warnings, f"{program.pk}:{year}" if warnings else ""


def _opened_message(cycle, today) -> str:
    if cycle.opens_on > today:
        return _("Uppföljningen %(year)s öppnar %(date)s. Då skickas inbjudningarna till uppgiftslämnarna.") % {
            "year": cycle.year, "date": date_format(cycle.opens_on, "j F Y")}
    return _("Uppföljningen %(year)s är öppnad och inbjudningarna är på väg till uppgiftslämnarna.") % {
        "year": cycle.year}


@require_http_methods(["GET", "POST"])
@login_required
def cycle_close(request, pk):
    """Ask for confirmation, then close the cycle: answers are locked from then on."""
    cycle = _cycle(request, pk)
    require(request.user, "followup.manage_cycle")
    form = CycleCloseForm(request.POST or None, initial={"seen_version": cycle.version})
    stale_edit = None
    if request.method == "POST" and form.is_valid():
        record, stale_edit = save_form(form, lambda form: services.cycle_close(
            cycle=cycle, seen_version=form.cleaned_data["seen_version"], by=request.user,
        ))
        if record is not None:
            messages.success(request, _("Uppföljningen är stängd. Svaren kan inte längre ändras."))
            return redirect(cycle)
    return render(request, "followup/cycle_close.html", {"form": form, "cycle": cycle, "stale_edit": stale_edit})
