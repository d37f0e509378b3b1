"""Optimistic locking: a record remembers its version, a form carries the version its
user saw, and saving against an older version is refused with what changed since."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from core.history import FieldChange, changes_between
from core.models import VersionedModel, VersionTaken

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


def versioned_save(
    *, instance: models.Model, seen_version: int, related_changed: bool = False, current: models.Model | None = None,
) -> models.Model:
    """Save an edited record if nobody has saved it since `seen_version`; otherwise raise
    StaleEditError naming every field that changed in between. The history record of the
    save carries the new version.

    A save that changes nothing is no edit: no new version, no history row, so it never
    refuses someone else's edit. Saves in between that changed nothing a person can see
    do not refuse either. `related_changed` says that many-to-many fields, which the
    caller sets after this save, change, so the save counts even if no field does.
    `current` is the stored row as the caller has just read it under a lock that keeps
    others from saving it, which spares reading it again."""
    model = type(instance)
    if not issubclass(model, VersionedModel):
        # Only VersionedModel claims the version in its UPDATE; another model would save unchecked.
        raise TypeError(f"{model.__name__} keeps no version to save against.")
    try:
        with transaction.atomic():
            if current is None:
                current = model._default_manager.get(pk=instance.pk)
            if current.version == seen_version and not related_changed and _same_fields(instance, current):
                instance.version = current.version
                return instance
            if current.version != seen_version:
                changes = _changes_since(current, seen_version)
                if changes or not _history_covers(current, seen_version, current.version):
                    raise StaleEditError(stale_edit=StaleEdit(current_version=current.version, changes=changes))
                seen_version = current.version
            _save_claiming(instance, seen_version)
    except VersionTaken:
        # Outside the block, whose savepoint has undone the attempt: the transaction
        # stays usable to read what the other person saved.
        current = model._default_manager.get(pk=instance.pk)
        raise StaleEditError(
            stale_edit=StaleEdit(current_version=current.version, changes=_changes_since(current, seen_version))
        ) from None
    return instance


def _save_claiming(instance: models.Model, seen_version: int) -> None:
    """Save `instance` as version seen_version + 1 only if the row is still at
    seen_version (VersionedModel._do_update), in the save's one UPDATE; VersionTaken,
    with `instance` as it was, if someone else saved it first."""
    instance.version, instance._claim_from_version = seen_version + 1, seen_version
    try:
        instance.save()
    except VersionTaken:
        instance.version = seen_version
        raise
    finally:
        del instance._claim_from_version


def _same_fields(instance: models.Model, current: models.Model) -> bool:
    return all(
        getattr(instance, f.attname) == getattr(current, f.attname)
        for f in instance._meta.concrete_fields
        if f.attname != "version" and not getattr(f, "auto_now", False)
    )


def _history_covers(current: models.Model, *versions: int) -> bool:
    """Whether the history holds both the version the user saw and the current one, so
    an empty diff means that truly nothing changed (rather than that a change was made
    outside the history and could not be compared)."""
    return current.history.filter(version__in=versions).order_by().values("version").distinct().count() == len(set(versions))


def _changes_since(current: models.Model, seen_version: int) -> list[FieldChange]:
    seen = current.history.filter(version=seen_version).order_by("-history_date").first()
    latest = current.history.order_by("-history_date", "-history_id").first()
    if seen is None or latest is None:
        return []
    return changes_between(older=seen, newer=latest)
