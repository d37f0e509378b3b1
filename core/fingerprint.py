"""A fingerprint of the records a cached page is built from: one query of maxima and counts
that changes whenever one of them changes, so that the page's cache key can hold it and a
stale entry is never read again.

Per model with a history (`tracked`) the latest history row (every save and every delete
through the ORM writes one) and the highest id (rows made by bulk_create write no
history); per model without (`untracked`, many-to-many through tables among them) the
highest id and the count (an added or a removed row). An UPDATE of a row without history
is invisible to both: `columns` adds the maximum and the count of a column such an update
sets (an acknowledgement's time), `counted` the count of rows with a column at a value
(the outbox's failed messages). The SQL is built once per list of sources."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache as memoize

from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.db.models import Model
from django.utils import timezone, translation

Source = str | type[Model]

# A day: a kept value's key holds the date, so it is never read again after that.
KEPT_FOR = 24 * 60 * 60


def _model(source: Source) -> type[Model]:
    return apps.get_model(source) if isinstance(source, str) else source


def _column(model: type[Model], name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


@memoize
def _sql(tracked: tuple[Source, ...], untracked: tuple[Source, ...], columns: tuple[tuple[Source, str], ...],
         counted: tuple[tuple[Source, str, str], ...]) -> tuple[str, tuple]:
    quote = connection.ops.quote_name

    def table(model) -> str:
        return quote(model._meta.db_table)

    def pk(model) -> str:
        return quote(model._meta.pk.column)

    parts, params = [], []
    for model in map(_model, tracked):
        history = model.history.model
        parts.append(f"(SELECT MAX({pk(history)}) FROM {table(history)})")
        parts.append(f"(SELECT MAX({pk(model)}) FROM {table(model)})")
    for model in map(_model, untracked):
        parts.append(f"(SELECT MAX({pk(model)}) FROM {table(model)})")
        parts.append(f"(SELECT COUNT(*) FROM {table(model)})")
    for source, name in columns:
        model = _model(source)
        column = _column(model, name)
        parts.append(f"(SELECT MAX({column}) FROM {table(model)})")
        parts.append(f"(SELECT COUNT({column}) FROM {table(model)})")
    for source, name, value in counted:
        model = _model(source)
        parts.append(f"(SELECT COUNT(*) FROM {table(model)} WHERE {_column(model, name)} = %s)")
        params.append(value)
    return "SELECT " + ", ".join(parts), tuple(params)


def fingerprint(*, tracked: tuple[Source, ...] = (), untracked: tuple[Source, ...] = (),
                columns: tuple[tuple[Source, str], ...] = (), counted: tuple[tuple[Source, str, str], ...] = ()) -> str:
    """A short hash of the sources' maxima and counts, read in one query (see the module)."""
    sql, params = _sql(tuple(tracked), tuple(untracked), tuple(columns), tuple(counted))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return hashlib.blake2b(repr(row).encode(), digest_size=12).hexdigest()


def kept_source(*, tracked: tuple[Source, ...] = (), untracked: tuple[Source, ...] = (),
                columns: tuple[tuple[Source, str], ...] = ()) -> str:
    """The part of a kept value's key that moves with its sources: the language, the date
    (targets fall due with the year, deadlines and review dates pass) and the sources'
    fingerprint. Read once, it serves several values read from the same sources."""
    return ":".join([translation.get_language(), timezone.localdate().isoformat(),
                     fingerprint(tracked=tracked, untracked=untracked, columns=columns)])


def kept(*, key: tuple, build: Callable[[], object], tracked: tuple[Source, ...] = (),
         untracked: tuple[Source, ...] = (), columns: tuple[tuple[Source, str], ...] = (), source: str | None = None):
    """What `build` makes for `key`, kept in Django's cache until one of the sources changes:
    the cache key holds `key` and kept_source's (`source` when the caller has read it)."""
    full_key = ":".join([*map(str, key),
                         source or kept_source(tracked=tracked, untracked=untracked, columns=columns)])
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, KEPT_FOR)
    return value
