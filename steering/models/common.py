"""Messages and checks the steering models share."""

from django.db import models
from django.utils.translation import gettext_lazy as _

END_BEFORE_START = _("Slutdatum kan inte vara före startdatum.")
END_YEAR_BEFORE_START = _("Slutåret kan inte vara före startåret.")
OTHER_MUNICIPALITY = _("Posten som du kopplar till hör till en annan kommun.")


def dates_ordered(start: str, end: str, name: str, message=END_BEFORE_START) -> models.CheckConstraint:
    """The database refuses an end before the start; either may be left empty."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{start}__isnull": True})
        | models.Q(**{f"{end}__gte": models.F(start)}),
        name=name,
        violation_error_message=message,
    )


def chain_contains(node, target_pk, parent_attr: str = "parent") -> bool:
    """Whether `target_pk` is `node` or above it; stops at a cycle rather than looping."""
    seen = set()
    while node is not None and node.pk not in seen:
        if node.pk == target_pk:
            return True
        seen.add(node.pk)
        node = getattr(node, parent_attr)
    return False
