"""The coordinator's questionnaire forms: a question (new or edited, its targeting
included) and a new section for an area of the program."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CheckedForm, OneTimeKeyMixin, VersionedModelForm
from followup.models import Question
from organizations.models import Organization
from steering.models import Area


class QuestionForm(OneTimeKeyMixin, VersionedModelForm):
    """A question with every field the coordinator sets; the organisations offered for
    targeting are the municipality's. A new question's form carries a one-time key."""

    target_kinds = forms.MultipleChoiceField(
        label=_("typer av organisationer"), choices=Organization.Kind.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("Används när frågan går till vissa typer av organisationer."),
    )

    class Meta:
        model = Question
        fields = ["text", "kind", "guidance", "length_guide", "options", "targeting", "target_organizations",
                  "target_kinds"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "guidance": forms.Textarea(attrs={"rows": 3}),
            "options": forms.Textarea(attrs={"rows": 4}),
            "targeting": forms.RadioSelect,
            "target_organizations": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_organizations"].queryset = Organization.objects.filter(municipality=municipality)
        self.fields["target_organizations"].help_text = _("Används när frågan går till valda organisationer.")
        self.fields["options"].help_text = _("Bara för frågor med val bland alternativ: ett alternativ per rad.")


class SectionAddForm(CheckedForm):
    area = forms.ModelChoiceField(label=_("område"), queryset=Area.objects.none(),
                                  empty_label=_("Välj ett område"))

    def __init__(self, *args, questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        used = questionnaire.sections.values("area")
        self.fields["area"].queryset = Area.objects.filter(program=questionnaire.program_id).exclude(pk__in=used)
        self.fields["area"].error_messages["invalid_choice"] = _(
            "Välj ett av programmets områden som formuläret inte redan har ett avsnitt för."
        )
