"""Optimistic locking: a record remembers its version, a form carries the version its
user saw, and saving against an older version is refused with what changed since."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from core.history import FieldChange, changes_between

STALE_EDIT = _(
    "Någon annan har sparat posten medan du redigerade den, så dina ändringar har inte "
    "sparats. Se nedan vad som ändrades, gör om dina ändringar och spara igen."
)


@dataclass
class StaleEdit:
    current_version: int
    changes: list[FieldChange]


class StaleEditError(ValidationError):
    def __init__(self, *, stale_edit: StaleEdit):
        super().__init__(STALE_EDIT, code="stale")
        self.stale_edit = stale_edit


def versioned_save(*, instance: models.Model, seen_version: int) -> models.Model:
    """Save an edited record if nobody has saved it since `seen_version`; otherwise raise
    StaleEditError naming every field that changed in between. The history record of the
    save carries the new version."""
    model = type(instance)
    with transaction.atomic():
        claimed = model._default_manager.filter(pk=instance.pk, version=seen_version).update(
            version=models.F("version") + 1
        )
        if not claimed:
            current = model._default_manager.get(pk=instance.pk)
            raise StaleEditError(
                stale_edit=StaleEdit(
                    current_version=current.version,
                    changes=_changes_since(current, seen_version),
                )
            )
        instance.version = seen_version + 1
        instance.save()
    return instance


def _changes_since(current: models.Model, seen_version: int) -> list[FieldChange]:
    seen = current.history.filter(version=seen_version).order_by("-history_date").first()
    latest = current.history.order_by("-history_date", "-history_id").first()
    if seen is None or latest is None:
        return []
    return changes_between(older=seen, newer=latest)
