"""Kolada, the national database of municipal key figures: client and file reader.

Pure Python and httpx, no Django: storing what is read is the importers' job.

    with KoladaClient() as kolada:
        for value in kolada.values(kpis=["N00973"], municipalities=["1490"], years=range(2014, 2024)):
            ...

    values = read_file(source=uploaded_file.read())  # all or nothing

Data shown to users must carry "Källa: Kolada" (``SOURCE_CREDIT``); figures
Uppsikt computes itself must not.
"""

from .client import DEFAULT_BASE_URL, MAX_PER_PAGE, MAX_SEGMENT_ITEMS, KoladaClient
from .errors import KoladaError, KoladaFormatError, KoladaUnavailable
from .format import (
    DEFAULT_MAX_YEAR,
    DEFAULT_MIN_YEAR,
    GENDERS,
    KoladaValue,
    next_page_url,
    parse_data_response,
    read_file,
)
from .ids import county_id, is_group_id, is_kpi_id, is_municipality_id, is_region_id
from .metadata import (
    KoladaGroup,
    KoladaGroupMember,
    KoladaKpi,
    KoladaMunicipality,
    parse_kpi_response,
    parse_municipality_groups_response,
    parse_municipality_response,
)

SOURCE_CREDIT = "Källa: Kolada"

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_YEAR",
    "DEFAULT_MIN_YEAR",
    "GENDERS",
    "MAX_PER_PAGE",
    "MAX_SEGMENT_ITEMS",
    "SOURCE_CREDIT",
    "KoladaClient",
    "KoladaError",
    "KoladaFormatError",
    "KoladaGroup",
    "KoladaGroupMember",
    "KoladaKpi",
    "KoladaMunicipality",
    "KoladaUnavailable",
    "KoladaValue",
    "county_id",
    "is_group_id",
    "is_kpi_id",
    "is_municipality_id",
    "is_region_id",
    "next_page_url",
    "parse_data_response",
    "parse_kpi_response",
    "parse_municipality_groups_response",
    "parse_municipality_response",
    "read_file",
]
