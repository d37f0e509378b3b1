"""Field checks shared by the readers of data and metadata responses.

Each raises KoladaFormatError with a message that starts with where the problem
is (``Post 3 i "values", post 2 i "values"``), so the user can find it in the file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .errors import KoladaFormatError

MSG_NOT_KOLADA = 'Innehållet är inte data från Kolada: listan "values" saknas på översta nivån.'
MSG_ENTRY_NOT_OBJECT = "{where}: posten är inte ett JSON-objekt."
MSG_FIELD_MISSING = '{where}: fältet "{field}" saknas.'
MSG_FIELD_NOT_LIST = '{where}: fältet "{field}" är inte en lista.'
MSG_FIELD_NOT_TEXT = '{where}: fältet "{field}" är inte text ({value}).'
MSG_BAD_FLAG = '{where}: fältet "{field}" är varken sant eller falskt ({value}).'


def top_level_values(payload: Any) -> list[Any]:
    """The ``values`` list every Kolada response (v2 and v3, data and metadata) has."""
    if not isinstance(payload, dict) or not isinstance(payload.get("values"), list):
        raise KoladaFormatError(MSG_NOT_KOLADA)
    return payload["values"]


def where(row: int, index: int | None = None, *, inner: str = "values") -> str:
    """Positions counted from 1, as a person counts entries in the file."""
    text = f'Post {row} i "values"'
    if index is not None:
        text += f', post {index} i "{inner}"'
    return text


def show(value: Any) -> str:
    """A value as it looks in the file (strings quoted), shortened if long."""
    try:
        shown = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        shown = repr(value)
    except RecursionError:
        # Nested almost as deep as json reads: only its outer brackets are worth showing.
        shown = "[…]" if isinstance(value, list) else "{…}"
    return shown if len(shown) <= 40 else shown[:37] + "…"


def as_object(value: Any, *, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise KoladaFormatError(MSG_ENTRY_NOT_OBJECT.format(where=where))
    return value


def required_id(entry: dict[str, Any], field: str, *, where: str, valid: Callable[[Any], bool], message: str) -> str:
    if field not in entry:
        raise KoladaFormatError(MSG_FIELD_MISSING.format(where=where, field=field))
    value = entry[field]
    # An integer id would have lost its leading zeros ("0180" → 180), so only a
    # string of the right shape is accepted.
    if not valid(value):
        raise KoladaFormatError(message.format(where=where, value=show(value)))
    return value


def required_list(entry: dict[str, Any], field: str, *, where: str) -> list[Any]:
    if field not in entry:
        raise KoladaFormatError(MSG_FIELD_MISSING.format(where=where, field=field))
    return optional_list(entry, field, where=where)


def optional_list(entry: dict[str, Any], field: str, *, where: str) -> list[Any]:
    value = entry.get(field)
    if value is None:
        return []
    if not isinstance(value, list):
        raise KoladaFormatError(MSG_FIELD_NOT_LIST.format(where=where, field=field))
    return value


def required_text(entry: dict[str, Any], field: str, *, where: str) -> str:
    if field not in entry:
        raise KoladaFormatError(MSG_FIELD_MISSING.format(where=where, field=field))
    return optional_text(entry, field, where=where)


def optional_text(entry: dict[str, Any], field: str, *, where: str) -> str:
    value = entry.get(field)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise KoladaFormatError(MSG_FIELD_NOT_TEXT.format(where=where, field=field, value=show(value)))
    return value


def flag(entry: dict[str, Any], field: str, *, where: str) -> bool:
    """A boolean that v3 sends as true/false and v2 as 0/1; absent or null is false."""
    value = entry.get(field)
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise KoladaFormatError(MSG_BAD_FLAG.format(where=where, field=field, value=show(value)))
