"""django-simple-history in Uppsikt: who a change is recorded as (``acting``,
``records_by``), and the records read back into what a person can read: who changed
what, field by field, with names instead of ids and labels instead of stored choices."""

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.dispatch import receiver
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

HIDDEN_FIELDS = {"id", "version", "password", "last_login", "name_key"}
EMPTY = "—"

CHANGE_KIND = {
    "+": _("Skapad"),
    "~": _("Ändrad"),
    "-": _("Borttagen"),
}


Service = TypeVar("Service", bound=Callable)
_NO_REQUEST = object()
# Who acts without an account (the holder of a respondent's one-time link): kept in each
# history record's change reason, since history_user can only name an account.
_outsider: ContextVar[str] = ContextVar("history_outsider", default="")
OUTSIDER_LABEL_LENGTH = 100  # simple-history's history_change_reason


@contextmanager
def acting(by) -> Iterator[None]:
    """Every history record written inside the block names ``by`` as who made the change.

    simple-history takes the user from ``HistoricalRecords.context.request.user``, which
    its middleware sets for a web request and nothing sets for a command, the worker or
    ``load_demo``; inside the block it reads ``by`` instead, and after it whatever was
    there before (the request, or nothing). ``by`` None changes nothing: a request's
    change names its user, a change outside any request "Systemet".

    ``by`` may also be someone without an account: any object with a ``history_label``
    (a respondent's one-time link names its person and e-mail). The records then name no
    account, even when the browser happens to be logged in, and carry the label.
    """
    if by is None:
        yield
        return
    label = getattr(by, "history_label", "")
    context = HistoricalRecords.context
    previous = getattr(context, "request", _NO_REQUEST)
    # simple-history reads only ``.user`` of the request (and whether it is authenticated).
    context.request = SimpleNamespace(user=AnonymousUser() if label else by)
    outsider = _outsider.set(label[:OUTSIDER_LABEL_LENGTH])
    try:
        yield
    finally:
        _outsider.reset(outsider)
        if previous is _NO_REQUEST:
            del context.request
        else:
            context.request = previous


@receiver(pre_create_historical_record, dispatch_uid="core.history.outsider")
def _record_outsider(sender, history_instance, **kwargs) -> None:
    label = _outsider.get()
    if label:
        history_instance.history_change_reason = label


def _who(record) -> str:
    """Who a history record names: the account, the person of a one-time link, or the system."""
    if record.history_user_id is not None:
        return str(record.history_user)
    if record.history_change_reason:
        return str(_("%(person)s via engångslänk") % {"person": record.history_change_reason})
    return str(_("Systemet"))


def records_by(service: Service) -> Service:
    """Decorate a service that takes ``by=``: what it saves is recorded as done by ``by``
    (see ``acting``), wherever it is called from."""

    @functools.wraps(service)
    def recorded(*args, **kwargs):
        with acting(kwargs.get("by")):
            return service(*args, **kwargs)

    return recorded  # type: ignore[return-value]


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    kind: str
    version: int | None
    changes: list[FieldChange] = field(default_factory=list)
    # Which part of the record changed, when its history gathers its parts' (an answer of a response).
    subject: str = ""


def _tracked_fields(record) -> list[models.Field]:
    # A field the history leaves out (excluded_fields, such as a token's hash) has no column there.
    return [f for f in record.instance_type._meta.concrete_fields
            if f.attname not in HIDDEN_FIELDS and hasattr(record, f.attname)]


def _display(field: models.Field, value, names: dict) -> str:
    if value in (None, ""):
        return EMPTY
    if field.is_relation:
        return str(names.get((field.related_model, value), EMPTY))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("Ja") if value else _("Nej"))
    if isinstance(value, datetime):
        # Stored in UTC; shown in local time like every other time on the page.
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.date_format(local, "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, (Decimal, float)):
        return formats.number_format(value, use_l10n=True)
    return str(value)


def _related_names(records, fields) -> dict:
    """One query per related model for every id any record points at."""
    wanted: dict[type, set] = {}
    for f in fields:
        if f.is_relation:
            ids = {getattr(r, f.attname) for r in records} - {None}
            wanted.setdefault(f.related_model, set()).update(ids)
    names = {}
    for model, ids in wanted.items():
        for pk, obj in model._default_manager.in_bulk(ids).items():
            names[(model, pk)] = obj
    return names


def _diff(older, newer, fields, names) -> list[FieldChange]:
    changes = []
    for f in fields:
        old = getattr(older, f.attname) if older is not None else None
        new = getattr(newer, f.attname)
        if old != new:
            changes.append(
                FieldChange(
                    label=str(f.verbose_name).capitalize(),
                    old=_display(f, old, names) if older is not None else EMPTY,
                    new=_display(f, new, names),
                )
            )
    return changes


def changes_between(*, older, newer) -> list[FieldChange]:
    fields = _tracked_fields(newer)
    return _diff(older, newer, fields, _related_names([older, newer], fields))


def history_entries(instance: models.Model, *, limit: int = 200) -> list[HistoryEntry]:
    """The record's history, newest first, each entry with its field-by-field changes."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    if not records:
        return []
    fields = _tracked_fields(records[0])
    names = _related_names(records, fields)
    entries = []
    for index, record in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=_who(record),
                kind=str(CHANGE_KIND.get(record.history_type, record.history_type)),
                version=getattr(record, "version", None),
                changes=_diff(older, record, fields, names),
            )
        )
    return entries


def part_history_entries(history_rows, *, subject_of, limit: int = 500) -> list[HistoryEntry]:
    """The history of a record's parts (a response's answers, say) from their historical rows,
    read in one query by the caller: each part's saves diffed against its own previous save,
    labelled by ``subject_of(row)``, newest first. Hides nothing a part's own page would show."""
    rows = sorted(history_rows, key=lambda r: (r.history_date, r.history_id))
    if not rows:
        return []
    fields = _tracked_fields(rows[0])
    names = _related_names(rows, fields)
    previous: dict = {}
    entries = []
    for row in rows:
        older = previous.get(row.id)
        changes = _diff(older, row, fields, names)
        previous[row.id] = row
        if older is not None and not changes:
            continue
        entries.append(HistoryEntry(
            when=row.history_date,
            who=_who(row),
            kind=str(CHANGE_KIND.get(row.history_type, row.history_type)),
            version=getattr(row, "version", None),
            changes=changes,
            subject=subject_of(row),
        ))
    return list(reversed(entries))[:limit]
