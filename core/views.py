from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from core import page_cache
from core.dashboard import dashboard_for, roles_held
from core.history import history_entries
from organizations import selectors as organization_selectors


@require_GET
def home(request):
    """The public start page: what Uppsikt is, and what the municipality has published."""
    return render(request, "core/home.html", {"municipality": request.municipality})


@require_GET
@login_required
def dashboard(request):
    """The start of each person's work: a section per role held (core.dashboard), then the
    organisation and the user's roles."""
    municipality = request.municipality
    context = {
        "municipality": municipality,
        "counts": page_cache.organization_counts(
            municipality=municipality,
            build=lambda: organization_selectors.organization_counts_by_kind(municipality=municipality))
        if municipality
        else [],
        "roles": roles_held(user=request.user),
        "dashboard": dashboard_for(user=request.user, municipality=municipality, today=timezone.localdate())
        if municipality
        else None,
    }
    return render(request, "core/dashboard.html", context)


def render_history(request, *, instance, back_url: str, parts=()):
    """The "Historik" page every record's own view delegates to, after its permission check.
    `parts` are history entries of the record's parts (core.history.part_history_entries),
    shown among the record's own, newest first."""
    entries = sorted([*history_entries(instance), *parts], key=lambda entry: entry.when, reverse=True)
    return render(request, "core/history.html", {"object": instance, "entries": entries, "back_url": back_url})


def run_step(request, step, *, done: str = "") -> tuple[bool, object]:
    """Run one workflow step behind a button (a service call): a refusal becomes the
    page's error message, success shows `done`. Returns (succeeded, the step's result)."""
    try:
        result = step()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False, None
    if done:
        messages.success(request, done)
    return True, result
