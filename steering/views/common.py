"""What every steering view shares: the create/edit form page with optimistic locking,
and the organisations a user may act for."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.forms import save_form
from organizations.models import Organization
from organizations.selectors import organizations_acting_for
from steering.rules import OWN_ORGANIZATION_ROLES, edits_program


def own_organizations(user, municipality):
    """The organisations the user may name as owner: every one for the coordinator and a
    municipal administrator, otherwise those where the user works and those below them,
    as the rule `works_in` counts them."""
    if edits_program(user):
        return Organization.objects.filter(municipality=municipality)
    return organizations_acting_for(user=user, municipality=municipality, roles=OWN_ORGANIZATION_ROLES)


def form_page(request, *, form, title: str, cancel_url: str, save, context=None):
    """Render `form`; on a valid post call `save(form)`, show its ValidationError on the
    form, a conflicting edit with what changed, or redirect to the saved record."""
    stale_edit = None
    if request.method == "POST" and form.is_valid():
        record, stale_edit = save_form(form, save)
        if record is not None:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(record)
    return render(
        request,
        "steering/record_form.html",
        {"form": form, "title": title, "cancel_url": cancel_url, "stale_edit": stale_edit, **(context or {})},
    )


def update_args(request, form) -> dict:
    return {"data": form.model_data(), "seen_version": form.cleaned_data["seen_version"], "by": request.user}
