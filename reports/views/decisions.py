"""Recording a decision on a report version: the coordinating board's approval, KS's
filing, or any other board's decision on it."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.forms import CheckedModelForm, add_service_errors
from core.permissions import require
from organizations.models import Membership, Organization
from organizations.rules import is_coordinator, is_municipal_admin, organization_ids_with_role
from reports.models import Decision, ReportVersion
from reports.services.decisions import decision_record

OrganizationKind = Organization.Kind
DECIDING_KINDS = (OrganizationKind.EXECUTIVE_BOARD, OrganizationKind.BOARD, OrganizationKind.COMPANY,
                  OrganizationKind.COUNCIL)


class DecisionForm(CheckedModelForm):
    class Meta:
        model = Decision
        fields = ["organization", "meeting_date", "paragraph", "registry_number", "wording", "text",
                  "minutes_extract"]
        widgets = {"meeting_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"minutes_extract": gettext_lazy("PDF eller Word (DOCX).")}

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = None

    def validate_unique(self):
        # The service checks the paragraph, with the message that names the meeting.
        pass


def _organizations(request):
    """A secretary records only their own organisation's decisions; the coordinator and a
    municipal administrator any board's or company's in the municipality."""
    choices = Organization.objects.filter(municipality=request.municipality, kind__in=DECIDING_KINDS)
    if is_coordinator(request.user) or is_municipal_admin(request.user):
        return choices.order_by("name")
    return choices.filter(pk__in=organization_ids_with_role(request.user, Membership.Role.SECRETARY)).order_by("name")


@require_http_methods(["GET", "POST"])
@login_required
def decision_create(request, pk):
    version = get_object_or_404(
        ReportVersion.objects.select_related("report__cycle__program"),
        pk=pk, report__cycle__program__municipality=request.municipality,
    )
    require(request.user, "reports.open_decision_form")
    organizations = _organizations(request)
    form = DecisionForm(request.POST or None, request.FILES or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        require(request.user, "reports.record_decision", data["organization"])
        try:
            decision_record(
                version=version, organization=data["organization"], meeting_date=data["meeting_date"],
                paragraph=data["paragraph"], registry_number=data["registry_number"], wording=data["wording"],
                text=data["text"], minutes_extract=data["minutes_extract"], by=request.user,
            )
        except forms.ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Beslutet är registrerat."))
            if request.user.has_perm("reports.view_dispatches"):
                return redirect("reports:dispatch_status", pk=version.pk)
            return redirect(reverse("reports:decision_create", kwargs={"pk": version.pk}))
    return render(request, "reports/decision_form.html", {"form": form, "version": version})


decision_urlpatterns = [
    path("versioner/<int:pk>/beslut/nytt/", decision_create, name="decision_create"),
]
