from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CheckedForm

CONFIRM_REQUIRED = _("Kryssa i rutan för att frysa en ny version.")


class SnapshotConfirmForm(CheckedForm):
    """The second step when the year already has a frozen version: freezing another one is
    a deliberate choice, never a double click."""

    confirm = forms.BooleanField(label=_("Ja, frys en ny version"), required=True,
                                 error_messages={"required": CONFIRM_REQUIRED})
