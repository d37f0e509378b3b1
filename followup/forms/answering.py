"""The respondent's forms beside the per-question answers: an activity row."""

from django import forms
from django.utils.translation import gettext_lazy as _

from followup.models import ActivityRow
from steering.models import Activity, Area


class ActivityRowForm(forms.ModelForm):
    """One activity row; the areas and plan activities offered are the cycle's program's."""

    class Meta:
        model = ActivityRow
        fields = ["name", "areas", "target_group", "period_start", "period_end", "cost", "result", "activity"]
        widgets = {
            "areas": forms.CheckboxSelectMultiple,
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
            "result": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = Area.objects.filter(program=program)
        self.fields["activity"].queryset = Activity.objects.filter(action_plan__area__program=program)
        self.fields["activity"].help_text = _("Välj aktiviteten i handlingsplanen om insatsen hör till en.")

    def model_data(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "areas"}
