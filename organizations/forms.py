from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CheckedForm, VersionedModelForm
from organizations.models import Membership, Organization

# A choice of organisation the user may not act for: never offered, so only a forged post meets it.
NOT_YOUR_ORGANIZATION = _("Du kan bara välja en organisation som du företräder.")
KIND_NOT_CHOOSABLE = _("Fullmäktige och kommunstyrelse kan bara kommunens administratör lägga upp.")
ROLE_NOT_GRANTABLE = _(
    "Den rollen kan du inte ge någon här. Rollen gäller hela kommunen och ges av kommunens administratör."
)


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

    def __init__(self, *args, municipality, parent_choices, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        kind = self.fields["kind"]
        # Whoever administers a council or an executive board administers the municipality:
        # a board's administrator turning their board into one would make themselves that.
        kind.choices = [(value, label) for value, label in kind.choices if value in kinds or value == ""]
        kind.error_messages["invalid_choice"] = KIND_NOT_CHOOSABLE
        parent = self.fields["parent"]
        parent.queryset = parent_choices.exclude(pk=self.instance.pk).order_by("name")
        parent.help_text = _("Nämnd under fullmäktige, förvaltning under nämnd, bolag under kommunstyrelsen eller moderbolag.")


class MembershipForm(CheckedForm):
    email = forms.EmailField(label=_("E-postadress"), max_length=254)
    full_name = forms.CharField(label=_("Namn"), max_length=150)
    role = forms.ChoiceField(
        label=_("Roll"), choices=Membership.Role.choices, error_messages={"invalid_choice": ROLE_NOT_GRANTABLE}
    )
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

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the roles the user may grant are offered; a forged one fails as an invalid choice.
        self.fields["role"].choices = [(value, label) for value, label in Membership.Role.choices if value in roles]
