from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.forms import add_service_errors, save_form
from core.permissions import require
from core.views import render_history
from organizations import selectors, services
from organizations.forms import MembershipForm, OrganizationForm
from organizations.models import Membership, Organization
from organizations.rules import choosable_kinds, grantable_roles


def _organization(request, pk) -> Organization:
    """Only the user's own municipality's organisations exist for them: others are 404."""
    return get_object_or_404(selectors.organizations_for_page(municipality=request.municipality), pk=pk)


@require_GET
@login_required
def organization_list(request):
    require(request.user, "organizations.view_organization")
    include_inactive = request.GET.get("visa") == "alla"
    tree = selectors.organization_tree(municipality=request.municipality, include_inactive=include_inactive)
    return render(
        request,
        "organizations/organization_list.html",
        {
            "rows": selectors.tree_rows(tree),
            "include_inactive": include_inactive,
            "can_add": request.user.has_perm("organizations.add_organization"),
        },
    )


@require_GET
@login_required
def organization_detail(request, pk):
    organization = _organization(request, pk)
    require(request.user, "organizations.view_organization", organization)
    return render(
        request,
        "organizations/organization_detail.html",
        {
            "organization": organization,
            "ancestors": list(reversed(organization.ancestors())),
            "children": organization.children.order_by("kind", "name"),
            "memberships": selectors.organization_memberships(organization=organization),
            "today": timezone.localdate(),
            "can_change": request.user.has_perm("organizations.change_organization", organization),
            "can_delete": request.user.has_perm("organizations.delete_organization", organization),
            "can_manage_memberships": request.user.has_perm("organizations.manage_memberships", organization),
        },
    )


@require_GET
@login_required
def organization_history(request, pk):
    organization = _organization(request, pk)
    require(request.user, "organizations.view_organization", organization)
    return render_history(request, instance=organization, back_url=organization.get_absolute_url())


@require_http_methods(["GET", "POST"])
@login_required
def organization_create(request):
    require(request.user, "organizations.add_organization")
    parent_choices = selectors.administered_organizations(user=request.user, municipality=request.municipality)
    form = OrganizationForm(
        request.POST or None,
        municipality=request.municipality,
        parent_choices=parent_choices,
        kinds=choosable_kinds(request.user),
        initial={"parent": request.GET.get("under")},
    )
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["parent"] is None and not request.user.has_perm("organizations.add_top_organization"):
            form.add_error("parent", _("Välj vilken organisation den nya ska ligga under."))
        else:
            try:
                organization = services.organization_create(
                    municipality=request.municipality, data=form.model_data(), by=request.user
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Organisationen %(name)s har skapats.") % {"name": organization.name})
                return redirect(organization)
    return render(request, "organizations/organization_form.html", {"form": form, "organization": None})


@require_http_methods(["GET", "POST"])
@login_required
def organization_edit(request, pk):
    organization = _organization(request, pk)
    require(request.user, "organizations.change_organization", organization)
    parent_choices = selectors.administered_organizations(user=request.user, municipality=request.municipality)
    if organization.parent_id:
        parent_choices = parent_choices | selectors.organizations_for_page(
            municipality=request.municipality
        ).filter(pk=organization.parent_id)
    form = OrganizationForm(
        request.POST or None, instance=organization, municipality=request.municipality, parent_choices=parent_choices,
        kinds=choosable_kinds(request.user),
    )
    stale_edit = None
    if request.method == "POST" and form.is_valid():
        record, stale_edit = save_form(
            form,
            lambda form: services.organization_update(
                organization=_organization(request, pk),
                data=form.model_data(),
                seen_version=form.cleaned_data["seen_version"],
                by=request.user,
            ),
        )
        if record is not None:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(organization)
    return render(
        request,
        "organizations/organization_form.html",
        {"form": form, "organization": organization, "stale_edit": stale_edit},
    )


@require_http_methods(["GET", "POST"])
@login_required
def organization_delete(request, pk):
    organization = _organization(request, pk)
    require(request.user, "organizations.delete_organization", organization)
    if request.method == "POST":
        name = organization.name
        if services.organization_delete_or_deactivate(organization=organization, by=request.user):
            messages.success(request, _("Organisationen %(name)s har tagits bort.") % {"name": name})
            return redirect("organizations:organization_list")
        messages.warning(request, services.HAS_RECORDS)
        return redirect(organization)
    return render(request, "organizations/organization_confirm_delete.html", {"organization": organization})


@require_http_methods(["GET", "POST"])
@login_required
def membership_create(request, pk):
    organization = _organization(request, pk)
    require(request.user, "organizations.manage_memberships", organization)
    form = MembershipForm(request.POST or None, roles=grantable_roles(request.user, organization))
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_add(organization=organization, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Personen har fått rollen."))
            return redirect(organization)
    return render(request, "organizations/membership_form.html", {"form": form, "organization": organization})


@require_http_methods(["GET", "POST"])
@login_required
def membership_delete(request, pk, membership_pk):
    organization = _organization(request, pk)
    require(request.user, "organizations.manage_memberships", organization)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_pk, organization=organization
    )
    if membership.role not in grantable_roles(request.user, organization):
        # Who may not give a role may not take it away either.
        raise PermissionDenied
    if request.method == "POST":
        services.membership_remove(membership=membership, by=request.user)
        messages.success(request, _("Rollen har tagits bort."))
        return redirect(organization)
    return render(
        request, "organizations/membership_confirm_delete.html", {"organization": organization, "membership": membership}
    )
