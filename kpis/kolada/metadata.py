"""Kolada's metadata responses (KPIs, municipalities, municipality groups) as records.

Errors are reported as by the data reader (see ``format``): the first problem
raises KoladaFormatError naming the entry, and nothing is returned before the
whole response has been checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .checks import (
    as_object,
    flag,
    optional_list,
    optional_text,
    required_id,
    required_text,
    top_level_values,
    where,
)
from .ids import (
    MSG_BAD_GROUP_ID,
    MSG_BAD_KPI_ID,
    MSG_BAD_MUNICIPALITY_ID,
    is_group_id,
    is_kpi_id,
    is_municipality_id,
    is_region_id,
)


@dataclass(frozen=True, slots=True)
class KoladaKpi:
    """A KPI's metadata.

    ``is_divided_by_gender`` is only a hint: the data says which genders exist.
    The publication dates are the next expected publications, not facts about
    data already published; an unreadable one is None.
    """

    id: str
    title: str
    description: str = ""
    is_divided_by_gender: bool = False
    municipality_type: str = ""
    auspice: str = ""
    operating_area: str = ""
    perspective: str = ""
    publ_period: str = ""
    publication_date: date | None = None
    prel_publication_date: date | None = None
    has_ou_data: bool = False


@dataclass(frozen=True, slots=True)
class KoladaMunicipality:
    """A municipality (type K), a region (type L) or Riket ("0000")."""

    id: str
    title: str
    type: str = ""


@dataclass(frozen=True, slots=True)
class KoladaGroupMember:
    id: str
    title: str


@dataclass(frozen=True, slots=True)
class KoladaGroup:
    """A municipality group, e.g. Kolada's "Liknande kommuner" for one municipality."""

    id: str
    title: str
    members: tuple[KoladaGroupMember, ...] = ()


def parse_kpi_response(*, payload: Any) -> list[KoladaKpi]:
    """KPI metadata rows (``/kpi``), with v3 or v2 field names."""
    kpis = []
    for row, entry in enumerate(top_level_values(payload), start=1):
        at = where(row)
        entry = as_object(entry, where=at)
        kpis.append(
            KoladaKpi(
                id=required_id(entry, "id", where=at, valid=is_kpi_id, message=MSG_BAD_KPI_ID),
                title=required_text(entry, "title", where=at),
                description=optional_text(entry, "description", where=at),
                is_divided_by_gender=flag(entry, "is_divided_by_gender", where=at),
                municipality_type=optional_text(entry, "municipality_type", where=at),
                # v3 says "auspice", v2 said "auspices".
                auspice=optional_text(entry, "auspice" if "auspice" in entry else "auspices", where=at),
                operating_area=optional_text(entry, "operating_area", where=at),
                perspective=optional_text(entry, "perspective", where=at),
                publ_period=_text_or_number(entry.get("publ_period")),
                publication_date=_hint_date(entry.get("publication_date")),
                prel_publication_date=_hint_date(entry.get("prel_publication_date")),
                has_ou_data=flag(entry, "has_ou_data", where=at),
            )
        )
    return kpis


def parse_municipality_response(*, payload: Any) -> list[KoladaMunicipality]:
    """Municipality and region rows (``/municipality``)."""
    municipalities = []
    for row, entry in enumerate(top_level_values(payload), start=1):
        at = where(row)
        entry = as_object(entry, where=at)
        municipalities.append(
            KoladaMunicipality(
                id=required_id(entry, "id", where=at, valid=is_region_id, message=MSG_BAD_MUNICIPALITY_ID),
                title=required_text(entry, "title", where=at),
                type=optional_text(entry, "type", where=at),
            )
        )
    return municipalities


def parse_municipality_groups_response(*, payload: Any) -> list[KoladaGroup]:
    """Municipality groups with their members (``/municipality_groups``).

    Members come as ``member_id``/``member_title`` in real responses and as
    ``id``/``title`` in the documentation; both are read.
    """
    groups = []
    for row, entry in enumerate(top_level_values(payload), start=1):
        at = where(row)
        entry = as_object(entry, where=at)
        group_id = required_id(entry, "id", where=at, valid=is_group_id, message=MSG_BAD_GROUP_ID)
        title = required_text(entry, "title", where=at)
        members = []
        for index, member in enumerate(optional_list(entry, "members", where=at), start=1):
            member_at = where(row, index, inner="members")
            member = as_object(member, where=member_at)
            id_key = "member_id" if "member_id" in member else "id"
            title_key = "member_title" if "member_title" in member else "title"
            members.append(
                KoladaGroupMember(
                    id=required_id(
                        member, id_key, where=member_at, valid=is_municipality_id, message=MSG_BAD_MUNICIPALITY_ID
                    ),
                    title=optional_text(member, title_key, where=member_at),
                )
            )
        groups.append(KoladaGroup(id=group_id, title=title, members=tuple(members)))
    return groups


def _text_or_number(value: Any) -> str:
    # publ_period is "2023" in the documentation but may come as a number.
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value)
    return ""


def _hint_date(value: Any) -> date | None:
    # Publication dates are forecasts shown as hints; an odd one must not stop
    # the import of a KPI's metadata, so it is dropped rather than refused.
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
