from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.history import history_entries
from organizations import selectors as organization_selectors


@require_GET
def home(request):
    """The public start page: what Uppsikt is, and what the municipality has published."""
    return render(request, "core/home.html", {"municipality": request.municipality})


@require_GET
@login_required
def dashboard(request):
    municipality = request.municipality
    context = {
        "municipality": municipality,
        "counts": organization_selectors.organization_counts_by_kind(municipality=municipality)
        if municipality
        else [],
        "memberships": organization_selectors.user_memberships(user=request.user),
    }
    return render(request, "core/dashboard.html", context)


def render_history(request, *, instance, back_url: str):
    """The "Historik" page every record's own view delegates to, after its permission check."""
    return render(
        request,
        "core/history.html",
        {"object": instance, "entries": history_entries(instance), "back_url": back_url},
    )
