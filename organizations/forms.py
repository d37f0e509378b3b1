from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CheckedForm, VersionedModelForm
from organizations.models import Membership, Organization


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class OrganizationForm(VersionedModelForm):
    class Meta:
        model = Organization
        fields = [
            "name",
            "short_name",
            "kind",
            "parent",
            "registry_email",
            "head_email",
            "org_number",
            "description",
            "active_from",
            "active_to",
        ]
        widgets = {
            "active_from": DateInput(),
            "active_to": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, municipality, parent_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        parent = self.fields["parent"]
        parent.queryset = parent_choices.exclude(pk=self.instance.pk).order_by("name")
        parent.help_text = _("Nämnd under fullmäktige, förvaltning under nämnd, bolag under kommunstyrelsen eller moderbolag.")


class MembershipForm(CheckedForm):
    email = forms.EmailField(label=_("E-postadress"), max_length=254)
    full_name = forms.CharField(label=_("Namn"), max_length=150)
    role = forms.ChoiceField(label=_("Roll"), choices=Membership.Role.choices)
    mandate = forms.CharField(
        label=_("Uppdrag"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vad rollen innebär här, så att ansvaret är nedskrivet."),
    )
    review_due = forms.DateField(
        label=_("Ses över senast"),
        required=False,
        widget=DateInput(),
        help_text=_("När rollen och uppdraget ska ses över nästa gång."),
    )
