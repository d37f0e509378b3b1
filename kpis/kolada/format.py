"""Kolada's data responses, read into typed records and checked on the way.

One reader serves both the live API (v3) and files saved from it earlier, which
may be in the v2 shape (``next_page``, ``period`` as a string, ``is_deleted`` 0/1).
How errors are reported:

* Every check raises :class:`KoladaFormatError` with a Swedish message, built from
  the ``MSG_*`` constants here and in ``checks`` and ``ids``, that says what is
  wrong and where: the position of the entry in the ``"values"`` list (counted
  from 1) and, inside an entry, the position of the value.
* The first error found is raised. A response is checked whole before anything is
  returned, so a caller gets every record of a page or file or none, and an
  importer never writes half a file.
"""

from __future__ import annotations

import json
import math
import re
import sys
from os import PathLike
from pathlib import Path
from typing import IO, Any, NamedTuple

from .checks import (
    MSG_FIELD_MISSING,
    as_object,
    flag,
    optional_text,
    required_id,
    required_list,
    show,
    top_level_values,
    where,
)
from .errors import KoladaFormatError
from .ids import MSG_BAD_KPI_ID, MSG_BAD_MUNICIPALITY_ID, is_kpi_id, is_municipality_id

GENDERS = ("T", "K", "M")
# The bounds only catch garbage such as 0 or 20180; they are wide on purpose so
# that no real series is refused. Both are arguments wherever they matter.
DEFAULT_MIN_YEAR = 1950
DEFAULT_MAX_YEAR = 2100

# No figure in Kolada comes near these; anything past them is garbage that would
# overflow a column or every mean it enters. The count is bounded by its column.
MAX_ABS_VALUE = 1e15
MAX_COUNT = 2**31 - 1
# KpiValue.status's length: a longer status could not be stored as read.
MAX_STATUS_LENGTH = 30

_DIGITS_RE = re.compile(r"\d+", re.ASCII)
_LONG_NUMBER_RE = re.compile(r"\d{%d,}" % (sys.get_int_max_str_digits() + 1), re.ASCII)

MSG_EMPTY = "Filen är tom."
MSG_NOT_UTF8 = "Filen är inte text i UTF-8 och kan därför inte vara ett svar från Kolada."
MSG_NOT_JSON = "Filen är inte JSON: fel på rad {line}, kolumn {column}."
MSG_TRUNCATED = (
    "Filen tar slut mitt i JSON-innehållet (rad {line}); den verkar avkortad. Hämta eller spara den på nytt."
)
MSG_TOO_DEEP = "Filen har listor eller objekt i fler nivåer än Python kan läsa; den är inte ett svar från Kolada."
MSG_NUMBER_TOO_LONG = (
    "Filen har ett tal med fler än {digits} siffror på rad {line}; så stora tal finns inte i Koladas data."
)
MSG_BAD_PERIOD = "{where}: året {value} är inte ett heltal."
MSG_PERIOD_OUT_OF_RANGE = "{where}: året {value} ligger utanför {min_year}–{max_year}."
MSG_BAD_GENDER = "{where}: kön {value} är inte T (totalt), K (kvinnor) eller M (män)."
MSG_BAD_VALUE = "{where}: värdet {value} är inte ett tal."
MSG_VALUE_OUT_OF_RANGE = (
    "{where}: värdet {value} är orimligt stort till beloppet; ett värde ligger mellan −10¹⁵ och 10¹⁵."
)
MSG_BAD_COUNT = "{where}: antalet {value} är inte ett heltal."
MSG_COUNT_OUT_OF_RANGE = "{where}: antalet {value} ligger utanför 0–{max_count}."
MSG_STATUS_TOO_LONG = "{where}: statusen {value} är längre än {max_length} tecken."
MSG_DUPLICATE = "{where}: ett värde för {kpi}, {municipality}, år {period}, kön {gender} finns redan i post {first}."
MSG_BAD_NEXT_PAGE = 'Innehållet har en ogiltig länk till nästa sida i fältet "{field}" ({value}).'


class KoladaValue(NamedTuple):
    """One figure: a KPI for a municipality (or group) in a year, for one gender.

    ``value`` is None when Kolada has no figure. ``is_deleted`` means the stored
    figure must be removed (sent with ``from_date`` queries). For a group,
    ``value`` is the unweighted mean of its members and ``count`` the number of
    members that had a value. ``status`` is kept as Kolada sends it.

    A named tuple rather than a dataclass: a file holds hundreds of thousands of
    figures, and a tuple is made several times faster, so the reader and the
    importer can treat a record as the row it is.
    """

    kpi: str
    municipality: str
    period: int
    gender: str
    value: float | None
    status: str
    count: int | None
    is_deleted: bool

    @property
    def key(self) -> tuple[str, str, int, str]:
        """What identifies the figure: (kpi, municipality, period, gender)."""
        return self[:4]


def read_file(
    *,
    source: str | PathLike[str] | bytes | IO[bytes],
    min_year: int = DEFAULT_MIN_YEAR,
    max_year: int = DEFAULT_MAX_YEAR,
) -> list[KoladaValue]:
    """Read a saved Kolada data response (v3 or v2 shape) into records.

    ``source`` is a path (str or Path), the file's bytes, or a binary file object
    such as an upload. The whole file is checked before the list is returned; the
    first problem raises KoladaFormatError (see the module docstring).
    """
    if isinstance(source, bytes):
        raw = source
    elif isinstance(source, (str, PathLike)):
        raw = Path(source).read_bytes()
    else:
        raw = source.read()
    return parse_data_response(payload=_load_json(raw), min_year=min_year, max_year=max_year)


def parse_data_response(
    *,
    payload: Any,
    min_year: int = DEFAULT_MIN_YEAR,
    max_year: int = DEFAULT_MAX_YEAR,
) -> list[KoladaValue]:
    """Turn one decoded data response (one page, or a saved file) into records.

    Checks every entry before returning; raises KoladaFormatError on the first
    problem, including the same (kpi, municipality, period, gender) twice. An
    entry with an empty ``values`` list gives nothing: Kolada leaves out genders
    and whole entries it has no figures for.
    """
    records: list[KoladaValue] = []
    first_seen: dict[tuple[str, str, int, str], int] = {}
    known_kpis: set[str] = set()
    known_municipalities: set[str] = set()
    for row, entry in enumerate(top_level_values(payload), start=1):
        # Most entries are plain; the checked path below reads any other entry the
        # same way as before, or names its first problem.
        if not _plain_entry(entry, row, records, first_seen, known_kpis, known_municipalities, min_year, max_year):
            _checked_entry(entry, row, records, first_seen, min_year, max_year)
    return records


def _checked_entry(entry: Any, row: int, records: list[KoladaValue], first_seen: dict, min_year: int,
                   max_year: int) -> None:
    """Read one entry with every check in the order the module docstring promises."""
    at = where(row)
    entry = as_object(entry, where=at)
    kpi = required_id(entry, "kpi", where=at, valid=is_kpi_id, message=MSG_BAD_KPI_ID)
    municipality = required_id(
        entry, "municipality", where=at, valid=is_municipality_id, message=MSG_BAD_MUNICIPALITY_ID
    )
    period = _period(entry, where=at, min_year=min_year, max_year=max_year)
    for index, item in enumerate(required_list(entry, "values", where=at), start=1):
        item_at = where(row, index)
        item = as_object(item, where=item_at)
        record = KoladaValue(
            kpi=kpi,
            municipality=municipality,
            period=period,
            gender=_gender(item, where=item_at),
            value=_number(item.get("value"), where=item_at),
            status=_status(item, where=item_at),
            count=_count(item.get("count"), where=item_at),
            is_deleted=_deleted(item, where=item_at),
        )
        if record.key in first_seen:
            raise KoladaFormatError(
                MSG_DUPLICATE.format(
                    where=item_at,
                    kpi=kpi,
                    municipality=municipality,
                    period=period,
                    gender=record.gender,
                    first=first_seen[record.key],
                )
            )
        first_seen[record.key] = row
        records.append(record)


_make_value = tuple.__new__
_LOWEST_VALUE = -MAX_ABS_VALUE


def _plain_entry(entry: Any, row: int, records: list[KoladaValue], first_seen: dict, known_kpis: set[str],
                 known_municipalities: set[str], min_year: int, max_year: int) -> bool:
    """Append the records of an entry in the shape v3 sends (and True), or append
    nothing and return False for anything else: a v2 year or 0/1 flag, a duplicate,
    or an error, which ``_checked_entry`` then reads or names.

    Only exact types pass (JSON gives no subclasses), so whatever passes here would
    have passed every check in ``_checked_entry`` with the same result. This is the
    loop a file of hundreds of thousands of values spends its time in.
    """
    if type(entry) is not dict:
        return False
    kpi = entry.get("kpi")
    municipality = entry.get("municipality")
    period = entry.get("period")
    values = entry.get("values")
    if type(kpi) is not str or type(municipality) is not str or type(period) is not int or type(values) is not list:
        return False
    # Ids already seen valid are not matched against their pattern again.
    if kpi not in known_kpis:
        if not is_kpi_id(kpi):
            return False
        known_kpis.add(kpi)
    if municipality not in known_municipalities:
        if not is_municipality_id(municipality):
            return False
        known_municipalities.add(municipality)
    if not min_year <= period <= max_year:
        return False
    start = len(records)
    append = records.append
    for item in values:
        if type(item) is not dict:
            break
        gender = item.get("gender")
        if gender not in GENDERS:
            break
        value = item.get("value")
        if value is not None:
            # One range test refuses NaN and the infinities too: they compare false.
            if type(value) is float:
                if not _LOWEST_VALUE <= value <= MAX_ABS_VALUE:
                    break
            elif type(value) is int and _LOWEST_VALUE <= value <= MAX_ABS_VALUE:
                value = float(value)
            else:
                break
        status = item.get("status")
        if status is None:
            status = ""
        elif type(status) is not str or len(status) > MAX_STATUS_LENGTH:
            break
        count = item.get("count")
        if count is not None and (type(count) is not int or not 0 <= count <= MAX_COUNT):
            break
        deleted = item.get("isdeleted")
        if deleted is not None and type(deleted) is not bool:
            break
        old_deleted = item.get("is_deleted")  # v2's 0/1 takes the checked path
        if old_deleted is not None and old_deleted is not False:
            break
        key = (kpi, municipality, period, gender)
        if key in first_seen:
            break
        first_seen[key] = row
        append(_make_value(KoladaValue, (kpi, municipality, period, gender, value, status, count, deleted is True)))
    else:
        return True
    # Undo this entry's records so that the checked path reads it from the start.
    for record in records[start:]:
        del first_seen[record[:4]]
    del records[start:]
    return False


def next_page_url(*, payload: Any) -> str | None:
    """The address of the next page, or None on the last page.

    v3 names it ``next_url`` and v2 ``next_page``; missing, null or empty all mean
    there is no next page.
    """
    if not isinstance(payload, dict):
        return None
    for field in ("next_url", "next_page"):
        value = payload.get(field)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise KoladaFormatError(MSG_BAD_NEXT_PAGE.format(field=field, value=show(value)))
        return value
    return None


def _load_json(raw: bytes) -> Any:
    if not raw.strip():
        raise KoladaFormatError(MSG_EMPTY)
    try:
        # json detects UTF-8 (with or without BOM) and UTF-16/32 from the bytes.
        text = raw.decode(json.detect_encoding(raw))
    except UnicodeDecodeError:
        raise KoladaFormatError(MSG_NOT_UTF8) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        # A file that ends inside a string or before its brackets close was cut
        # off while saving or downloading; saying so tells the user what to do.
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            raise KoladaFormatError(MSG_TRUNCATED.format(line=exc.lineno)) from None
        raise KoladaFormatError(MSG_NOT_JSON.format(line=exc.lineno, column=exc.colno)) from None
    except RecursionError:
        # json recurses once per nesting level; Kolada's responses have four.
        raise KoladaFormatError(MSG_TOO_DEEP) from None
    except ValueError:
        # The one other ValueError json raises: an integer with more digits than
        # Python converts from text (sys.get_int_max_str_digits), a guard against
        # the quadratic conversion.
        match = _LONG_NUMBER_RE.search(text)
        line = text.count("\n", 0, match.start()) + 1 if match else 1
        raise KoladaFormatError(
            MSG_NUMBER_TOO_LONG.format(digits=sys.get_int_max_str_digits(), line=line)
        ) from None


def _period(entry: dict[str, Any], *, where: str, min_year: int, max_year: int) -> int:
    if "period" not in entry:
        raise KoladaFormatError(MSG_FIELD_MISSING.format(where=where, field="period"))
    raw = entry["period"]
    # v3 sends an integer, v2 may send the year as a string: both are read.
    if isinstance(raw, int) and not isinstance(raw, bool):
        period = raw
    elif isinstance(raw, str) and _DIGITS_RE.fullmatch(raw):
        # A year of more digits is out of range anyway, and int() refuses thousands.
        period = int(raw) if len(raw) <= 9 else None
    else:
        raise KoladaFormatError(MSG_BAD_PERIOD.format(where=where, value=show(raw)))
    if period is None or not min_year <= period <= max_year:
        raise KoladaFormatError(MSG_PERIOD_OUT_OF_RANGE.format(
            where=where, value=show(raw if period is None else period), min_year=min_year, max_year=max_year
        ))
    return period


def _gender(item: dict[str, Any], *, where: str) -> str:
    if "gender" not in item:
        raise KoladaFormatError(MSG_FIELD_MISSING.format(where=where, field="gender"))
    gender = item["gender"]
    if not isinstance(gender, str) or gender not in GENDERS:
        raise KoladaFormatError(MSG_BAD_GENDER.format(where=where, value=show(gender)))
    return gender


def _number(raw: Any, *, where: str) -> float | None:
    # Kolada documents the value as a JSON number or null in both versions, so a
    # string is refused rather than guessed at ("12,5" or "abc"); NaN and
    # Infinity, which Python's json accepts, are not numbers Kolada sends. A number
    # past MAX_ABS_VALUE is one, but none Kolada has (1 followed by 400 zeros, read as
    # an integer, would not even fit in a float).
    if raw is None:
        return None
    is_number = isinstance(raw, (int, float)) and not isinstance(raw, bool)
    if not is_number or (isinstance(raw, float) and not math.isfinite(raw)):
        raise KoladaFormatError(MSG_BAD_VALUE.format(where=where, value=show(raw)))
    if not -MAX_ABS_VALUE <= raw <= MAX_ABS_VALUE:
        raise KoladaFormatError(MSG_VALUE_OUT_OF_RANGE.format(where=where, value=show(raw)))
    return float(raw)


def _status(item: dict[str, Any], *, where: str) -> str:
    status = optional_text(item, "status", where=where)
    if len(status) > MAX_STATUS_LENGTH:
        raise KoladaFormatError(MSG_STATUS_TOO_LONG.format(where=where, value=show(status),
                                                           max_length=MAX_STATUS_LENGTH))
    return status


def _count(raw: Any, *, where: str) -> int | None:
    if raw is None:
        return None
    if not isinstance(raw, int) or isinstance(raw, bool):
        raise KoladaFormatError(MSG_BAD_COUNT.format(where=where, value=show(raw)))
    if not 0 <= raw <= MAX_COUNT:
        raise KoladaFormatError(MSG_COUNT_OUT_OF_RANGE.format(where=where, value=show(raw), max_count=MAX_COUNT))
    return raw


def _deleted(item: dict[str, Any], *, where: str) -> bool:
    # v3: "isdeleted" true/false on every value; v2: "is_deleted" 0/1, only in
    # from_date answers. Absent means not deleted; either one set means deleted,
    # since keeping a figure Kolada withdrew is the worse mistake.
    return flag(item, "isdeleted", where=where) | flag(item, "is_deleted", where=where)
