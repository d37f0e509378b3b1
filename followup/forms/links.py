"""The coordinator's invitation of a respondent without an account."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CheckedModelForm
from followup.models import RespondentLink


class RespondentLinkForm(CheckedModelForm):
    class Meta:
        model = RespondentLink
        fields = ["name", "email", "expires_on"]
        widgets = {"expires_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].required = False
        self.fields["expires_on"].help_text = _("Lämna tomt för att länken ska gälla till sista svarsdagen.")
        self.fields["email"].help_text = _("Länken skickas bara hit och visas inte i Uppsikt.")
