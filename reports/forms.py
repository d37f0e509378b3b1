"""The coordinator's forms on a report: the texts beside the compiled data, the missed
targets' explanations and the development areas."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CheckedForm, CheckedModelForm, VersionedModelForm
from organizations.models import Organization
from reports.models import AreaAnalysis, DevelopmentArea, MissedTarget, ReportVersion


def _organizations(municipality):
    return Organization.objects.filter(municipality=municipality).order_by("name")


class AnalysisForm(VersionedModelForm):
    class Meta:
        model = AreaAnalysis
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}


class AssessmentForm(VersionedModelForm):
    class Meta:
        model = ReportVersion
        fields = ["overall_assessment"]
        widgets = {"overall_assessment": forms.Textarea(attrs={"rows": 8})}


class _ShowsCurrentVersion:
    def show_current_version(self, version: int) -> None:
        """After a conflict: the next post is made knowingly against the current version."""
        self.data = self.data.copy()
        self.data[self.add_prefix("seen_version")] = str(version)


class MissedTargetForm(_ShowsCurrentVersion, CheckedModelForm):
    """Cause, action and owner of one missed target; the row is created on its first save,
    so the version seen is optional."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    class Meta:
        model = MissedTarget
        fields = ["cause", "action", "owner"]
        widgets = {"cause": forms.Textarea(attrs={"rows": 3}), "action": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, municipality, owner_choices: list | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _organizations(municipality)
        if owner_choices is not None:
            # A page with a form per missed target reads the organisations once for all.
            self.fields["owner"].choices = owner_choices
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version

    @classmethod
    def owner_choices(cls, *, municipality) -> list:
        """The owner field's choices, to share between the forms of one page."""
        # iter(): list() of the choices themselves would first count them in a query of its own.
        return list(iter(cls(municipality=municipality).fields["owner"].choices))


class DevelopmentAreaForm(VersionedModelForm):
    class Meta:
        model = DevelopmentArea
        fields = ["title", "area", "owner", "description", "actions", "due_date"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}),
                   "description": forms.Textarea(attrs={"rows": 3}), "actions": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        program = report.cycle.program
        self.fields["area"].queryset = program.areas.order_by("position", "name")
        self.fields["owner"].queryset = _organizations(program.municipality)


class DevelopmentAreaDoneForm(_ShowsCurrentVersion, CheckedForm):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    done_on = forms.DateField(label=_("klart"), widget=forms.DateInput(attrs={"type": "date"}))
    outcome = forms.CharField(label=_("resultat"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000,
                              help_text=_("Vad kom det ut av utvecklingsområdet?"))
