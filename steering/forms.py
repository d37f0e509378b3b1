"""Create and edit forms. Every choice of a related record is limited to the user's own
municipality, and owner fields to the organisations the user may act for."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.forms import CheckedForm, VersionedModelForm
from kpis.models import Kpi
from organizations.forms import NOT_YOUR_ORGANIZATION, DateInput
from organizations.models import Organization
from steering.models import (
    ActionPlan,
    Activity,
    Area,
    Forum,
    Goal,
    Indicator,
    Program,
    Project,
    ResponsibilityAssignment,
    Routine,
    SteeringDocument,
)


class ScopedForm(VersionedModelForm):
    """Limits every related choice to `municipality`; the fields in `own_fields` to
    `own_organizations`, the organisations the user may act for."""

    own_fields: tuple[str, ...] = ()

    def __init__(self, *args, municipality, own_organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        scopes = {
            Organization: Organization.objects.filter(municipality=municipality).order_by("name"),
            Goal: Goal.objects.filter(municipality=municipality).order_by("title"),
            Area: Area.objects.filter(program__municipality=municipality).select_related("program"),
            SteeringDocument: SteeringDocument.objects.filter(municipality=municipality).order_by("title"),
            Kpi: Kpi.objects.filter(owner=municipality, source=Kpi.Source.LOCAL).order_by("title"),
            get_user_model(): get_user_model().objects.filter(
                memberships__organization__municipality=municipality
            ).distinct(),
        }
        for name, field in self.fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is None:
                continue
            if name in self.own_fields and own_organizations is not None:
                field.queryset = own_organizations.order_by("name")
                field.error_messages["invalid_choice"] = NOT_YOUR_ORGANIZATION
            elif queryset.model in scopes:
                field.queryset = scopes[queryset.model]
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.DateInput):
                field.widget = DateInput()
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 4


class ProgramForm(ScopedForm):
    class Meta:
        model = Program
        fields = ["name", "description", "document", "owner", "start_year", "end_year"]


class AreaForm(ScopedForm):
    class Meta:
        model = Area
        fields = ["name", "description", "position"]


class GoalForm(ScopedForm):
    own_fields = ("organization",)

    class Meta:
        model = Goal
        fields = ["title", "description", "organization", "parent", "area"]
        help_texts = {"area": _("För ett programmål. Ett delmål får samma område som målet det bidrar till.")}


class IndicatorForm(ScopedForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "direction", "baseline", "baseline_year", "source", "kolada_kpi", "local_kpi",
                  "gender", "publication_lag"]


class TargetForm(CheckedForm):
    year = forms.IntegerField(label=_("År"), min_value=1900, max_value=2200)
    value = forms.DecimalField(label=_("Målvärde"), max_digits=14, decimal_places=2)
    decision = forms.CharField(
        label=_("Beslut"), max_length=200, required=False,
        help_text=_("Beslutet som målvärdet vilar på, till exempel ”KF 2024-06-13 § 87, dnr KS 2024-00123”."),
    )


class TargetCarryForwardForm(CheckedForm):
    from_year = forms.IntegerField(label=_("Målvärden från år"), min_value=1900, max_value=2200,
                                   help_text=_("Målvärdet för det året, eller det senaste före, förs över."))
    first_year = forms.IntegerField(label=_("Till och med från år"), min_value=1900, max_value=2200)
    last_year = forms.IntegerField(label=_("Till år"), min_value=1900, max_value=2200)
    decision = forms.CharField(
        label=_("Beslut"), max_length=200,
        help_text=_("Beslutet som målvärdena förs över på, till exempel den nya mandatperiodens budget."),
    )

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_year"), cleaned.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", _("Sista året kan inte ligga före det första."))
        return cleaned


class IndicatorValueForm(CheckedForm):
    year = forms.IntegerField(label=_("År"), min_value=1900, max_value=2200)
    gender = forms.ChoiceField(label=_("Kön"), choices=Indicator.Gender.choices, initial=Indicator.Gender.TOTAL)
    value = forms.DecimalField(label=_("Värde"), max_digits=14, decimal_places=2, localize=True)


class ActionPlanForm(ScopedForm):
    class Meta:
        model = ActionPlan
        fields = ["title", "description"]


class ActivityForm(ScopedForm):
    own_fields = ("responsible",)

    class Meta:
        model = Activity
        fields = ["title", "goal", "responsible", "contributors", "start_date", "end_date", "status", "cost",
                  "target_group", "result"]
        widgets = {"contributors": forms.CheckboxSelectMultiple}

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = self.fields["goal"].queryset.filter(area=area)


class ResponsibilityForm(ScopedForm):
    class Meta:
        model = ResponsibilityAssignment
        fields = ["organization", "role", "mandate"]


class DocumentForm(ScopedForm):
    class Meta:
        model = SteeringDocument
        fields = ["title", "kind", "nature", "adopted_by", "adopted_on", "paragraph", "registry_number",
                  "valid_from", "valid_to", "review_due", "parent", "areas", "responsible", "file"]
        widgets = {"areas": forms.CheckboxSelectMultiple}


class ProjectForm(ScopedForm):
    own_fields = ("owner",)

    class Meta:
        model = Project
        fields = ["name", "purpose", "goal", "owner", "budget", "funding_source", "start_date", "end_date"]


class ProjectEvaluationForm(ScopedForm):
    class Meta:
        model = Project
        fields = ["evaluated_on", "results", "goal_fulfilment", "lessons"]


class ForumForm(ScopedForm):
    own_fields = ("convener",)

    class Meta:
        model = Forum
        fields = ["name", "kind", "convener", "members", "purpose", "meeting_frequency", "status",
                  "last_evaluated_on"]
        widgets = {"members": forms.CheckboxSelectMultiple}


class RoutineForm(ScopedForm):
    own_fields = ("organization",)

    class Meta:
        model = Routine
        fields = ["title", "description", "organization", "owner", "document", "review_due"]
