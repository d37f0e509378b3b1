"""Dispatching an approved report, its status page, and acknowledging receipt: through
the e-mailed link without an account, or with a button when logged in."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from core.forms import CheckedForm, add_service_errors
from core.permissions import require
from reports.models import Dispatch, ReportVersion
from reports.services import decisions as decision_services
from reports.services import dispatch as services


def _version(request, pk) -> ReportVersion:
    return get_object_or_404(
        ReportVersion.objects.select_related("report__cycle__program__owner"),
        pk=pk, report__cycle__program__municipality=request.municipality,
    )


@require_GET
@login_required
def dispatch_status(request, pk):
    """The decision chain and every dispatch of a version, for the coordinator and KS."""
    version = _version(request, pk)
    require(request.user, "reports.view_dispatches")
    dispatches = services.dispatch_status(version=version)
    return render(request, "reports/dispatch_status.html", {
        "version": version,
        "decisions": version.decisions.select_related("organization").order_by("meeting_date", "pk"),
        "approval": decision_services.approval_decision(version),
        "filing": decision_services.filing_decision(version),
        "dispatches": dispatches,
        "unacknowledged": sum(not d.is_acknowledged for d in dispatches),
        "dispatchable": services.dispatchable(version),
    })


@require_POST
@login_required
def dispatch_send(request, pk):
    version = _version(request, pk)
    require(request.user, "reports.dispatch_version")
    try:
        sent = services.dispatch_send(version=version, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Rapporten är expedierad till %(count)s organisationer.") % {"count": len(sent)})
    return redirect("reports:dispatch_status", pk=version.pk)


class AcknowledgeForm(CheckedForm):
    other = forms.CharField(label=gettext_lazy("Övriga planerade åtgärder"), required=False, max_length=4000,
                            widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, areas, ask_name, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = areas
        if ask_name:
            self.fields["name"] = forms.CharField(label=gettext_lazy("Ditt namn"), max_length=200, required=False)
        for area in areas:
            self.fields[f"area_{area.pk}"] = forms.CharField(
                label=_("Planerade åtgärder: %(title)s") % {"title": area.title}, required=False, max_length=3000,
                help_text=area.description, widget=forms.Textarea(attrs={"rows": 4}),
            )
        self.order_fields(["name", *[f"area_{a.pk}" for a in areas], "other"])

    def actions(self) -> dict:
        return {area.pk: self.cleaned_data.get(f"area_{area.pk}", "") for area in self.areas}


# A link that cannot be used, or a dispatch already acknowledged: a page saying so, no form.
LINK_REFUSALS = {"invalid", "expired", "used"}


def _acknowledge(request, *, dispatch, token=None):
    areas = services.development_areas_for(dispatch)
    form = AcknowledgeForm(request.POST or None, areas=areas, ask_name=token is not None)
    if request.method == "POST" and form.is_valid():
        try:
            services.dispatch_acknowledge(
                dispatch=dispatch, actions=form.actions(), other=form.cleaned_data["other"],
                name=form.cleaned_data.get("name", ""), token=token,
                by=request.user if request.user.is_authenticated else None,
            )
        except ValidationError as error:
            if getattr(error, "code", None) in LINK_REFUSALS:
                return render(request, "reports/acknowledge_refused.html", {"message": error.messages[0]})
            add_service_errors(form, error)
        else:
            return render(request, "reports/acknowledge_done.html", {"dispatch": dispatch})
    return render(request, "reports/acknowledge_form.html", {"form": form, "dispatch": dispatch, "areas": areas})


# Every try counts, opening the link or posting to it, so tokens cannot be guessed at speed.
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=settings.RATELIMIT_TOKEN_LINK_PER_IP)
def acknowledge_link(request, token):
    """The e-mailed link: works without an account, once, until it expires. A link that
    does not work gets a page saying why, and changes nothing."""
    try:
        dispatch = services.dispatch_for_token(token=token)
    except ValidationError as error:
        return render(request, "reports/acknowledge_refused.html", {"message": error.messages[0]})
    return _acknowledge(request, dispatch=dispatch, token=token)


@require_http_methods(["GET", "POST"])
@login_required
def dispatch_acknowledge(request, pk):
    """The button for a secretary or respondent of the organisation, logged in."""
    dispatch = get_object_or_404(
        Dispatch.objects.select_related("version__report__cycle__program", "organization"),
        pk=pk, organization__municipality=request.municipality,
    )
    require(request.user, "reports.acknowledge_dispatch", dispatch.organization)
    if dispatch.is_acknowledged:
        return render(request, "reports/acknowledge_refused.html", {"message": services.ALREADY_ACKNOWLEDGED})
    return _acknowledge(request, dispatch=dispatch)


dispatch_urlpatterns = [
    path("versioner/<int:pk>/expedieringar/", dispatch_status, name="dispatch_status"),
    path("versioner/<int:pk>/expediera/", dispatch_send, name="dispatch_send"),
    path("expedieringar/<int:pk>/kvittera/", dispatch_acknowledge, name="dispatch_acknowledge"),
    path("kvittera/<str:token>/", acknowledge_link, name="acknowledge_link"),
]
