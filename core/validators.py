"""Checks every app applies to what people type, so that nothing implausible or
unstorable reaches the database: no control characters in text (PostgreSQL refuses a NUL
outright, the others corrupt exports and screens), and dates within a range a municipal
record can have."""

import re
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

CONTROL_CHARACTERS = _("Texten innehåller otillåtna styrtecken. Ta bort dem och försök igen.")
DATE_OUT_OF_RANGE = _("Ange ett datum mellan år 1900 och 2100.")
COST_NEGATIVE = _("Kostnaden kan inte vara negativ.")

FIRST_DATE = date(1900, 1, 1)
LAST_DATE = date(2100, 12, 31)

# C0 and C1 control characters, DEL and lone surrogates; tab, line feed and carriage
# return are ordinary parts of a text typed in a text area.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def no_control_characters(value) -> None:
    """Refuses a text holding a control character other than tab and line breaks."""
    if isinstance(value, str) and _CONTROL.search(value):
        raise ValidationError(CONTROL_CHARACTERS, code="control_characters")


def plausible_date(value) -> None:
    """Refuses a date (or the date of a datetime) outside 1900–2100."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date) and not FIRST_DATE <= value <= LAST_DATE:
        raise ValidationError(DATE_OUT_OF_RANGE, code="date_range")


def plausible_date_constraint(field: str, name: str) -> models.CheckConstraint:
    """The database's own refusal of a date outside 1900–2100; an empty date passes."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True})
        | models.Q(**{f"{field}__gte": FIRST_DATE, f"{field}__lte": LAST_DATE}),
        name=name,
        violation_error_message=DATE_OUT_OF_RANGE,
    )


cost_not_negative = MinValueValidator(0, message=COST_NEGATIVE)


def cost_not_negative_constraint(field: str, name: str) -> models.CheckConstraint:
    """The database's own refusal of a negative cost; an empty cost passes."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True}) | models.Q(**{f"{field}__gte": 0}),
        name=name,
        violation_error_message=COST_NEGATIVE,
    )
