from django import forms
from django.utils.translation import gettext_lazy as _

from api.services import NAME_REQUIRED
from core.forms import CheckedForm


class ApiTokenForm(CheckedForm):
    name = forms.CharField(
        label=_("Vad ska nyckeln användas till?"), max_length=100,
        help_text=_("Till exempel Power BI eller ärendesystemet."),
        error_messages={"required": NAME_REQUIRED},
    )
