from django import forms
from django.utils.translation import gettext_lazy as _

from audits.importer import ImportFileError, extract_text
from audits.models import Assessment, Audit, AuditResponse, Measure
from core.forms import CheckedForm, CheckedModelForm, VersionedModelForm
from core.uploads import PDF, TEXT, UploadValidator
from organizations.forms import NOT_YOUR_ORGANIZATION, DateInput

MAX_IMPORT_BYTES = 10 * 1024 * 1024


def read_upload(upload) -> str:
    """The text of an uploaded PDF or text file, or a ValidationError saying why not."""
    # Read one byte past the limit: enough to know it is too large without reading it all.
    data = upload.read(MAX_IMPORT_BYTES + 1)
    try:
        return extract_text(data=data, filename=upload.name, max_bytes=MAX_IMPORT_BYTES)
    except ImportFileError as error:
        raise forms.ValidationError(error.message, code="unreadable") from error


class ImportForm(CheckedForm):
    report = forms.FileField(
        label=_("Granskningsrapport"),
        help_text=_("En PDF med text eller en textfil (.txt), högst 10 MB. En inskannad PDF behöver OCR-behandlas först."),
        validators=[UploadValidator(PDF, TEXT)],
    )

    def clean_report(self):
        upload = self.cleaned_data["report"]
        self.text = read_upload(upload)
        return upload


class MinutesImportForm(CheckedForm):
    minutes = forms.FileField(
        label=_("Protokollsutdrag att läsa in"),
        help_text=_(
            "Uppsikt läser beslut, paragraf, diarienummer och svaren ur texten och fyller i formuläret nedan. "
            "Bifoga utdraget i formuläret om det ska sparas."
        ),
        validators=[UploadValidator(PDF, TEXT)],
    )

    def clean_minutes(self):
        upload = self.cleaned_data["minutes"]
        self.text = read_upload(upload)
        return upload


class AuditReviewForm(CheckedForm):
    title = forms.CharField(label=_("Titel"), max_length=250)
    auditor = forms.CharField(label=_("Revisionsbyrå"), max_length=150, required=False)
    commissioned_by = forms.CharField(label=_("På uppdrag av"), max_length=150, required=False)
    date = forms.DateField(label=_("Rapportdatum"), required=False, help_text=_("ÅÅÅÅ-MM-DD"), widget=DateInput())
    scope = forms.CharField(label=_("Omfattning och syfte"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    audited_organizations = forms.ModelMultipleChoiceField(
        label=_("Granskade organisationer"), queryset=None, required=False
    )
    response_from = forms.ModelMultipleChoiceField(label=_("Svar begärs från"), queryset=None, required=False)
    response_by = forms.DateField(label=_("Svar senast"), required=False, help_text=_("ÅÅÅÅ-MM-DD"),
                                  widget=DateInput())

    def __init__(self, *args, organizations, raw: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audited_organizations"].queryset = organizations
        self.fields["response_from"].queryset = organizations
        for name, source in (raw or {}).items():
            field = {"response_requested": "response_by"}.get(name, name)
            if field in self.fields and source:
                found = _("I rapporten: ”%(text)s”") % {"text": source[:300]}
                hint = self.fields[field].help_text
                self.fields[field].help_text = f"{hint} – {found}" if hint else found


class AuditForm(VersionedModelForm):
    class Meta:
        model = Audit
        fields = ["title", "auditor", "commissioned_by", "date", "scope", "report_file", "audited_organizations",
                  "response_from", "response_by"]
        help_texts = {"date": _("ÅÅÅÅ-MM-DD"), "response_by": _("ÅÅÅÅ-MM-DD")}
        widgets = {"date": DateInput(), "response_by": DateInput()}

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audited_organizations"].queryset = organizations
        self.fields["response_from"].queryset = organizations


class QuestionForm(CheckedForm):
    number = forms.IntegerField(label=_("Nummer"), min_value=1, max_value=999)
    text = forms.CharField(label=_("Revisionsfråga"), widget=forms.Textarea(attrs={"rows": 2}))
    assessment = forms.ChoiceField(label=_("Bedömning"), choices=Assessment.choices, initial=Assessment.NOT_ASSESSED)
    comment = forms.CharField(label=_("Revisorernas kommentar"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class OverallAssessmentForm(CheckedForm):
    organization = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None, required=False,
        help_text=_("Lämna tomt när bedömningen gäller hela kommunen."),
    )
    assessment = forms.ChoiceField(label=_("Bedömning"), choices=Assessment.choices, initial=Assessment.NOT_ASSESSED)
    text = forms.CharField(label=_("Bedömningen i text"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class RecommendationForm(CheckedForm):
    organization = forms.ModelChoiceField(label=_("Riktad till"), queryset=None)
    text = forms.CharField(label=_("Rekommendation"), widget=forms.Textarea(attrs={"rows": 3}))
    area = forms.CharField(label=_("Område eller mål"), max_length=200, required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


# One empty row each, so that the reviewer can add what the reading missed.
QuestionFormSet = forms.formset_factory(QuestionForm, extra=1, can_delete=True)
OverallAssessmentFormSet = forms.formset_factory(OverallAssessmentForm, extra=1, can_delete=True)
RecommendationFormSet = forms.formset_factory(RecommendationForm, extra=1, can_delete=True)


class AuditResponseForm(CheckedModelForm):
    class Meta:
        model = AuditResponse
        fields = ["decision", "meeting_date", "paragraph", "registry_number", "minutes_file"]
        help_texts = {"meeting_date": _("ÅÅÅÅ-MM-DD")}
        widgets = {"meeting_date": DateInput()}

    def __init__(self, *args, recommendations, **kwargs):
        super().__init__(*args, **kwargs)
        self.recommendations = list(recommendations)
        for recommendation in self.recommendations:
            self.fields[f"answer_{recommendation.pk}"] = forms.CharField(
                label=_("Svar på rekommendation %(number)s") % {"number": recommendation.number},
                help_text=recommendation.text,
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
            )

    def model_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def answers(self) -> dict[int, str]:
        return {rec.pk: self.cleaned_data.get(f"answer_{rec.pk}", "") for rec in self.recommendations}


class MeasureForm(VersionedModelForm):
    class Meta:
        model = Measure
        fields = ["description", "owner", "due_date", "status", "evidence_note", "evidence_file"]
        # A date the browser offers a date picker for, not a free-text box.
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "evidence_note": forms.Textarea(attrs={"rows": 3}),
                   "due_date": DateInput()}
        help_texts = {"due_date": _("ÅÅÅÅ-MM-DD")}

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        # Only organisations the user may act for (selectors.measure_owners): a measure
        # handed to another board would leave the hands of those who answer for it.
        self.fields["owner"].queryset = owners.order_by("name")
        self.fields["owner"].error_messages["invalid_choice"] = NOT_YOUR_ORGANIZATION
        # Verification is its own step, by the coordinator or the auditors.
        self.fields["status"].choices = [c for c in Measure.Status.choices if c[0] != Measure.Status.VERIFIED]
