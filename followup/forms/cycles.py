"""The coordinator's cycle forms: opening a cycle (its settings, and a table of the
organisations asked with a respondent and a backup each), naming other people for one
organisation, and closing."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CheckedForm, CheckedModelForm, VersionedModelForm
from followup.models import CycleOrganization, FollowUpCycle, Questionnaire
from followup.models.cycle import BACKUP_IS_RESPONDENT, FIRST_YEAR, LAST_YEAR
from followup.selectors import ASKED_BY_DEFAULT, CycleOpenChoices
from followup.services.cycles import NO_ORGANIZATION_ASKED
from steering.models import Program

UNKNOWN_ORGANIZATION = _("En av de valda organisationerna finns inte bland kommunens organisationer.")
UNKNOWN_PERSON = _("Välj en person som arbetar i kommunen.")

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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
    error: str | None = None


class AskTable:
    """Which organisations are asked and who answers for each, posted as `ask` (the
    organisation ids checked) and `respondent-<id>` / `backup-<id>` (person ids). Only
    the municipality's organisations and people offered are accepted."""

    def __init__(self, *, choices: CycleOpenChoices, data=None):
        self.people = {person.pk: person for person in choices.people}
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
            self.rows.append(AskRow(organization, asked, respondent_id, backup_id))
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
            if any(person is not None and person not in self.people for person in (row.respondent_id, row.backup_id)):
                row.error = UNKNOWN_PERSON
            elif row.backup_id is not None and row.backup_id == row.respondent_id:
                row.error = BACKUP_IS_RESPONDENT
        if not any(row.asked for row in self.rows):
            self.errors.append(NO_ORGANIZATION_ASKED)

    def is_valid(self) -> bool:
        return not self.errors and not any(row.error for row in self.rows)

    def respondents(self) -> dict:
        return {
            row.organization: (self.people.get(row.respondent_id), self.people.get(row.backup_id))
            for row in self.rows if row.asked
        }


class ResponsePeopleForm(VersionedModelForm):
    """Who answers for one organisation in a cycle, and the backup."""

    class Meta:
        model = CycleOrganization
        fields = ["respondent", "backup"]

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("respondent", "backup"):
            self.fields[name].queryset = people
            self.fields[name].error_messages["invalid_choice"] = UNKNOWN_PERSON


class CycleCloseForm(CheckedForm):
    """Only the version the coordinator saw: closing a cycle changed since is refused."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def show_current_version(self, version: int) -> None:
        self.data = self.data.copy()
        self.data["seen_version"] = str(version)
