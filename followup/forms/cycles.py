"""The coordinator's cycle forms: opening a cycle (its settings, and a table of the
organisations asked with a respondent and a backup each), naming other people for one
organisation, and closing."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CheckedForm, CheckedModelForm, VersionedModelForm
from followup.models import CycleOrganization, FollowUpCycle, Questionnaire
from followup.models.cycle import BACKUP_IS_RESPONDENT, FIRST_YEAR, LAST_YEAR
from followup.selectors import ASKED_BY_DEFAULT, CycleOpenChoices, RespondentCandidates
from followup.services.cycles import NO_ORGANIZATION_ASKED
from steering.models import Program

UNKNOWN_ORGANIZATION = _("En av de valda organisationerna finns inte bland kommunens organisationer.")
UNKNOWN_PERSON = _("Välj en person som arbetar i kommunen.")
NOT_A_RESPONDENT = _("Revisorer och förtroendevalda kan inte svara för en organisation. Välj någon annan.")
OWN_PEOPLE = _("Personer i organisationen")
OTHER_PEOPLE = _("Övriga")
PEOPLE_HELP = _("Organisationens egna personer står först, dess uppgiftslämnare överst. Den som väljs bland "
                "övriga har ingen roll i organisationen: det går att spara, men du får en varning.")
NO_ROLE_IN_ORGANIZATION = _("%(person)s har ingen roll i %(organization)s. Kontrollera att det är rätt person.")

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def person_label(candidate) -> str:
    """Name, organisations and e-mail: enough to tell two people of the same name apart."""
    return " – ".join([str(candidate.person), ", ".join(candidate.organization_names), candidate.person.email])


def grouped_people(candidates: RespondentCandidates, organization_id) -> list:
    """Choices for a person picker: the organisation's own people, then the others."""
    own, others = candidates.ordered_for(organization_id)
    return [(str(label), [(str(c.person.pk), person_label(c)) for c in group])
            for label, group in ((OWN_PEOPLE, own), (OTHER_PEOPLE, others)) if group]


def people_without_role(organization, people) -> list[str]:
    """A warning for each person named for `organization` who holds no role in it."""
    return [str(NO_ROLE_IN_ORGANIZATION % {"person": candidate.person, "organization": organization})
            for candidate in people if candidate is not None and not candidate.has_role_in(organization.pk)]


class CycleOpenForm(CheckedModelForm):
    """The cycle's own settings. Model validation refuses a deadline before the opening
    day, a year outside 2000–2100 or one the program already has a cycle for, and another
    program's questionnaire."""

    class Meta:
        model = FollowUpCycle
        fields = ["program", "year", "questionnaire", "opens_on", "deadline", "reminder_days_before",
                  "reminder_days_after", "escalate_after_days"]
        widgets = {"opens_on": DATE, "deadline": DATE}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.filter(municipality=municipality)
        self.fields["questionnaire"].queryset = Questionnaire.objects.filter(
            program__municipality=municipality
        ).select_related("program").order_by("program__name", "-number")
        if self.fields["program"].queryset.count() > 1:
            self.fields["questionnaire"].label_from_instance = lambda q: f"{q.program.name}: {q}"
        self.fields["year"].widget.attrs.update(min=FIRST_YEAR, max=LAST_YEAR)
        self.fields["reminder_days_before"].help_text = _("Till exempel 14, 3: två veckor och tre dagar före.")
        self.fields["reminder_days_after"].help_text = _("Till exempel 1, 7: en dag och en vecka efter.")

    def schedule(self) -> dict:
        return {name: self.cleaned_data[name]
                for name in ("reminder_days_before", "reminder_days_after", "escalate_after_days")}


def _is_id(raw) -> bool:
    # isascii(): "²" is a digit to isdigit() but not to int().
    return bool(raw) and raw.isascii() and raw.isdigit()


@dataclass
class AskRow:
    organization: object
    asked: bool
    respondent_id: int | None
    backup_id: int | None
    options: list
    error: str | None = None


class AskTable:
    """Which organisations are asked and who answers for each, posted as `ask` (the
    organisation ids checked) and `respondent-<id>` / `backup-<id>` (person ids). Only
    the municipality's organisations and people offered are accepted."""

    def __init__(self, *, choices: CycleOpenChoices, data=None):
        self.candidates = choices.people
        self.people = choices.people.by_pk()
        self.organizations = {organization.pk: organization for organization in choices.organizations}
        self.errors: list[str] = []
        self.rows = []
        posted_ids = set(data.getlist("ask")) if data is not None else set()
        for organization in choices.organizations:
            if data is None:
                respondent_id, backup_id = choices.proposed.get(organization.pk, (None, None))
                asked = organization.kind in ASKED_BY_DEFAULT
            else:
                respondent_id = self._person_id(data.get(f"respondent-{organization.pk}"))
                backup_id = self._person_id(data.get(f"backup-{organization.pk}"))
                asked = str(organization.pk) in posted_ids
            self.rows.append(AskRow(organization, asked, respondent_id, backup_id,
                                    grouped_people(choices.people, organization.pk)))
        if data is not None:
            self._validate(posted_ids)

    @staticmethod
    def _person_id(raw):
        return int(raw) if _is_id(raw) else (raw or None)

    def _validate(self, posted_ids) -> None:
        if any(not _is_id(raw) or int(raw) not in self.organizations for raw in posted_ids):
            self.errors.append(UNKNOWN_ORGANIZATION)
        for row in self.rows:
            if not row.asked:
                continue
            chosen = [person for person in (row.respondent_id, row.backup_id) if person is not None]
            if any(person in self.candidates.refused_ids for person in chosen):
                row.error = NOT_A_RESPONDENT
            elif any(person not in self.people for person in chosen):
                row.error = UNKNOWN_PERSON
            elif row.backup_id is not None and row.backup_id == row.respondent_id:
                row.error = BACKUP_IS_RESPONDENT
        if not any(row.asked for row in self.rows):
            self.errors.append(NO_ORGANIZATION_ASKED)

    def is_valid(self) -> bool:
        return not self.errors and not any(row.error for row in self.rows)

    def respondents(self) -> dict:
        return {
            row.organization: tuple(
                candidate.person if candidate else None
                for candidate in (self.people.get(row.respondent_id), self.people.get(row.backup_id))
            )
            for row in self.rows if row.asked
        }

    def warnings(self) -> list[str]:
        """Who was named for an organisation they hold no role in."""
        return [warning for row in self.rows if row.asked for warning in people_without_role(
            row.organization, (self.people.get(row.respondent_id), self.people.get(row.backup_id)))]


class PersonField(forms.TypedChoiceField):
    """A person among `candidates`, offered grouped for one organisation; a forged id of
    an auditor or a politician is refused with its own message."""

    def __init__(self, *, candidates: RespondentCandidates, organization_id, **kwargs):
        self.candidates = candidates
        self.by_pk = candidates.by_pk()
        super().__init__(
            choices=[("", _("Ingen namngiven")), *grouped_people(candidates, organization_id)],
            coerce=lambda pk: self.by_pk[int(pk)].person, empty_value=None, required=False, **kwargs,
        )

    def validate(self, value):
        if (value not in self.empty_values and value.isascii() and value.isdigit()
                and int(value) in self.candidates.refused_ids):
            raise forms.ValidationError(NOT_A_RESPONDENT, code="not_a_respondent")
        super().validate(value)


class ResponsePeopleForm(VersionedModelForm):
    """Who answers for one organisation in a cycle, and the backup."""

    class Meta:
        model = CycleOrganization
        fields = ["respondent", "backup"]

    def __init__(self, *args, candidates: RespondentCandidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        for name in ("respondent", "backup"):
            model_field = self.fields[name]
            self.fields[name] = PersonField(
                candidates=candidates, organization_id=self.instance.organization_id, label=model_field.label,
                help_text=PEOPLE_HELP if name == "respondent" else model_field.help_text,
                error_messages={"invalid_choice": UNKNOWN_PERSON},
            )

    def warnings(self) -> list[str]:
        """Who was named for the organisation without holding a role in it."""
        by_pk = self.candidates.by_pk()
        return people_without_role(self.instance.organization, [
            by_pk.get(person.pk) if person else None
            for person in (self.cleaned_data["respondent"], self.cleaned_data["backup"])
        ])


class CycleCloseForm(CheckedForm):
    """Only the version the coordinator saw: closing a cycle changed since is refused."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def show_current_version(self, version: int) -> None:
        self.data = self.data.copy()
        self.data["seen_version"] = str(version)
