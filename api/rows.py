"""Lists read as plain rows (values()) instead of model instances through a serializer.

A page of a hundred rows through a ModelSerializer builds every field's object for each
request and walks each field's source for each row: at the scale data that was most of a
list's time. The serializer stays the description of a row (its fields, their types, the
OpenAPI schema); a row is read with values() and only the fields whose JSON would differ
from the plain value are passed through the serializer's own field (a decimal as a string
with its places, a time in the local zone, a file as its name)."""

from collections import defaultdict
from functools import cache

from django.urls import reverse
from rest_framework import serializers
from rest_framework.settings import api_settings


def _file_name(value):
    # values() reads a file field as the stored name, which is all that use_url=False shows.
    return value or None


def _through(field):
    return lambda value: None if value is None else field.to_representation(value)


def decimal_text(field):
    """A DecimalField's text for a value read from its column, which the database already
    holds at the field's places: the format DRF ends with, without its quantizing per value."""
    if (not getattr(field, "coerce_to_string", api_settings.COERCE_DECIMAL_TO_STRING) or field.localize
            or field.normalize_output or field.decimal_places is None):
        return _through(field)
    spec = f".{field.decimal_places}f"
    return lambda value: None if value is None else format(value, spec)


@cache
def _converters(serializer_class) -> dict:
    converters = {}
    for name, field in serializer_class().fields.items():
        if isinstance(field, serializers.FileField):
            if getattr(field, "use_url", api_settings.UPLOADED_FILES_USE_URL):
                raise TypeError(f"{serializer_class.__name__}.{name}: a file's URL cannot be read as a row")
            converters[name] = _file_name
        elif isinstance(field, serializers.DecimalField):
            converters[name] = decimal_text(field)
        elif isinstance(field, serializers.DateTimeField):
            converters[name] = _through(field)
    return converters


def row_values(queryset, serializer_class, *, sources: dict[str, str] | None = None, omit=(), extra=()):
    """The queryset's rows as dicts with the lookups the serializer's fields read (a foreign
    key as its id); `sources` names a lookup for a field whose name is no model field, `omit`
    the fields filled in afterwards, `extra` lookups they are computed from. The primary key
    is always read: a cursor page needs it."""
    sources = sources or {}
    lookups = {sources.get(name, name) for name in serializer_class.Meta.fields if name not in omit}
    return queryset.values("id", *sorted((lookups | set(extra)) - {"id"}))


def represent(rows, serializer_class, *, sources: dict[str, str] | None = None, omit=()) -> list[dict]:
    """Rows read by row_values() as the serializer would represent them, fields in its order."""
    sources = sources or {}
    converters = _converters(serializer_class)
    names = [(name, sources.get(name, name), converters.get(name)) for name in serializer_class.Meta.fields
             if name not in omit]
    represented = []
    for row in rows:
        item = {}
        for name, source, convert in names:
            item[name] = row[source] if convert is None else convert(row[source])
        represented.append(item)
    return represented


def children_by(queryset, serializer_class, parent: str, *, sources: dict[str, str] | None = None) -> dict:
    """A nested list's rows, represented, grouped by their parent's id (the lookup `parent`),
    in the queryset's order: one query for the children of a whole page."""
    grouped = defaultdict(list)
    rows = list(row_values(queryset, serializer_class, sources=sources, extra=(parent,)))
    for row, item in zip(rows, represent(rows, serializer_class, sources=sources), strict=True):
        grouped[row[parent]].append(item)
    return grouped


def with_links(items: list[dict], request, field: str, view_name: str) -> list[dict]:
    """Each represented row with `field` set to the absolute address of `view_name` for its
    id, as a HyperlinkedIdentityField would write it."""
    for item in items:
        item[field] = request.build_absolute_uri(reverse(view_name, kwargs={"pk": item["id"]}))
    return items


# No docstring: drf-spectacular would show it as every operation's description.
class RowListMixin:
    # list() from plain rows; a view names `row_sources` for fields that are no model field.
    row_sources: dict[str, str] = {}

    def list(self, request, *args, **kwargs):
        serializer_class = self.get_serializer_class()
        rows = row_values(self.filter_queryset(self.get_queryset()), serializer_class, sources=self.row_sources)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(represent(page, serializer_class, sources=self.row_sources))
