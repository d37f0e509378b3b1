"""The respondent's input: the field that checks one answer by the question's kind, the
version the form showed, and an activity row."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import CheckedModelForm, OneTimeKeyMixin, input_checks_apply
from followup.models import ActivityRow, Answer, Question
from steering.models import Activity, Area

TEXT_MAX_LENGTH = Answer._meta.get_field("text").max_length
# Well inside the 16 digits an answer stores, and exact in SQLite, which keeps a
# decimal as a double (15 significant digits).
NUMBER_LIMIT = Decimal("1000000000000")

NUMBER_EXPECTED = _("Ange ett tal, till exempel 12 eller 3,5.")
NUMBER_OUT_OF_RANGE = _("Ange ett tal mellan −999 999 999 999 och 999 999 999 999.")
NUMBER_DECIMALS = _("Ange högst två decimaler.")
RATING_EXPECTED = _("Välj en skattning mellan 1 och 5.")
UNKNOWN_OPTION = _("Välj ett av svarsalternativen.")
TEXT_TOO_LONG = _("Svaret får vara högst %(limit_value)s tecken långt; det är nu %(show_value)s tecken.")
VERSION_UNKNOWN = _(
    "Formuläret sa inte vilken version av svaret du utgick från, så inget sparades. Ladda om sidan och försök igen."
)


class AnswerNumberField(forms.Field):
    """A number as people write it in Swedish ("1 250,5"), finite and within what an
    answer stores."""

    def to_python(self, value):
        raw = (value or "").strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
        if not raw:
            return None
        try:
            number = Decimal(raw)
        except InvalidOperation:
            raise ValidationError(NUMBER_EXPECTED, code="number") from None
        if not number.is_finite():
            raise ValidationError(NUMBER_EXPECTED, code="number")
        if abs(number) >= NUMBER_LIMIT:
            raise ValidationError(NUMBER_OUT_OF_RANGE, code="number_range")
        if number != number.quantize(Decimal("0.01")):
            raise ValidationError(NUMBER_DECIMALS, code="number_decimals")
        return number


def _choice_field(values, message) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=[("", "")] + [(value, value) for value in values], required=False,
        error_messages={"invalid_choice": message},
    )


def answer_field(question: Question) -> forms.Field:
    """The field that checks a posted answer to `question`: a bounded text without
    control characters, a finite number, a rating 1–5 or one of the options."""
    Kind = Question.Kind
    if question.kind == Kind.NUMBER:
        return AnswerNumberField(required=False)
    if question.kind == Kind.RATING:
        return _choice_field(["1", "2", "3", "4", "5"], RATING_EXPECTED)
    if question.kind == Kind.YES_NO_PARTLY:
        return _choice_field(Answer.YesNoPartly.values, UNKNOWN_OPTION)
    if question.kind == Kind.CHOICE:
        return _choice_field(question.option_list, UNKNOWN_OPTION)
    return input_checks_apply(forms.CharField(
        required=False, max_length=TEXT_MAX_LENGTH, error_messages={"max_length": TEXT_TOO_LONG},
    ))


def answer_values(question: Question, raw: str) -> dict:
    """The model fields of an answer to `question` given the posted text, or a
    ValidationError with the Swedish message."""
    value = answer_field(question).clean(raw or "")
    Kind = question.Kind
    if question.kind == Kind.NUMBER:
        return {"number": value}
    if question.kind == Kind.RATING:
        return {"rating": int(value) if value else None}
    if question.kind in (Kind.YES_NO_PARTLY, Kind.CHOICE):
        return {"choice": value}
    return {"text": value}


def answer_display(answer: Answer) -> str:
    """An answer's value as a person reads it: an option's label rather than its code."""
    if answer.number is not None:
        return f"{answer.number.normalize():f}".replace(".", ",")
    if answer.rating is not None:
        return str(answer.rating)
    if answer.choice:
        return str(dict(Answer.YesNoPartly.choices).get(answer.choice, answer.choice))
    return answer.text


def seen_version_parse(raw: str | None) -> int | None:
    """The answer's version as the form showed it: None when it showed no answer yet (an
    empty field). A missing or malformed version is refused: saving on a guess could
    overwrite what someone else wrote."""
    if raw == "":
        return None
    if raw is None or not raw.isascii() or not raw.isdigit() or len(raw) > 9 or int(raw) < 1:
        raise ValidationError(VERSION_UNKNOWN, code="version")
    return int(raw)


class ActivityRowForm(OneTimeKeyMixin, CheckedModelForm):
    """One activity row; the areas and plan activities offered are the cycle's program's.
    Its one-time key makes a repeated post of the same form (a double click) add one row."""

    class Meta:
        model = ActivityRow
        fields = ["name", "areas", "target_group", "period_start", "period_end", "cost", "result", "activity"]
        widgets = {
            "areas": forms.CheckboxSelectMultiple,
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
            "result": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = Area.objects.filter(program=program)
        self.fields["activity"].queryset = Activity.objects.filter(action_plan__area__program=program)
        self.fields["activity"].help_text = _("Välj aktiviteten i handlingsplanen om insatsen hör till en.")

    def model_data(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name not in ("areas", "submission_key")}
