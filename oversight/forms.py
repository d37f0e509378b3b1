from django import forms
from django.utils.translation import gettext_lazy as _

from audits.models import AuditQuestion
from core.forms import CheckedForm
from oversight.models import CheckKey


class QuestionLinkForm(CheckedForm):
    """Links one of the municipality's audit questions to the check that answers it; an
    empty check removes the link."""

    question = forms.ModelChoiceField(queryset=AuditQuestion.objects.none(), label=_("Revisionsfråga"),
                                      widget=forms.HiddenInput)
    check_key = forms.ChoiceField(label=_("Kontroll"), required=False,
                                  choices=[("", _("Ingen koppling")), *CheckKey.choices])

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = AuditQuestion.objects.filter(audit__municipality=municipality)
