"""The shapes of Kolada's ids, and the county a municipality lies in.

A KPI id is one capital letter and five digits (N00973; U… for organisational
units). A municipality id is four digits with leading zeros ("0180"); county
regions use the same four-digit form, "00" + the county code ("0014"), and
Riket is "0000". Kolada's groups are G followed by digits ("G124026").
"""

from __future__ import annotations

import re

from .checks import show

KPI_ID_RE = re.compile(r"[A-Z]\d{5}")
MUNICIPALITY_ID_RE = re.compile(r"\d{4}")
# At most as long as the id columns (12 characters); Kolada's own are about seven.
GROUP_ID_RE = re.compile(r"G\d{1,11}")

MSG_BAD_KPI_ID = (
    "{where}: nyckeltalets id {value} har fel form; ett id är en stor bokstav och fem siffror, t.ex. N00973."
)
MSG_BAD_MUNICIPALITY_ID = (
    "{where}: kommunens id {value} har fel form; ett id är fyra siffror "
    "(kommun 0180, län 0014, riket 0000) eller G och siffror för en kommungrupp."
)
MSG_BAD_GROUP_ID = "{where}: gruppens id {value} har fel form; ett id är G och siffror, t.ex. G124026."
MSG_NOT_A_MUNICIPALITY = (
    "{value} är inte ett kommun-id: ett kommun-id är fyra siffror där de två första är länskoden, t.ex. 1490."
)


def is_kpi_id(value: object) -> bool:
    return isinstance(value, str) and KPI_ID_RE.fullmatch(value) is not None


def is_group_id(value: object) -> bool:
    return isinstance(value, str) and GROUP_ID_RE.fullmatch(value) is not None


def is_region_id(value: object) -> bool:
    """True for a municipality, county region or Riket: four digits, never a group."""
    return isinstance(value, str) and MUNICIPALITY_ID_RE.fullmatch(value) is not None


def is_municipality_id(value: object) -> bool:
    """True for anything data can be asked for: municipality, county, Riket or group."""
    return is_region_id(value) or is_group_id(value)


def county_id(*, municipality_id: str) -> str:
    """The Kolada id of the county region a municipality lies in: "1490" → "0014".

    Raises ValueError (with a Swedish message) for anything that is not a
    municipality's own id: a group, a county region or Riket (all "00…") has
    no county to derive.
    """
    if not is_region_id(municipality_id) or municipality_id.startswith("00"):
        raise ValueError(MSG_NOT_A_MUNICIPALITY.format(value=show(municipality_id)))
    return "00" + municipality_id[:2]
