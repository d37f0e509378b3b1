"""The readers of Kolada's metadata responses: KPIs, municipalities, municipality groups."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kpis.kolada import (
    KoladaFormatError,
    parse_kpi_response,
    parse_municipality_groups_response,
    parse_municipality_response,
)

RECORDINGS = Path(__file__).parent / "recordings"


def recording(name: str) -> Any:
    return json.loads((RECORDINGS / name).read_text(encoding="utf-8"))


def test_kpi_metadata_v3_is_read_with_gender_hint_and_publication_dates():
    gendered, not_gendered = parse_kpi_response(payload=recording("kpi_v3.json"))

    assert gendered.id == "N00973"
    assert gendered.title.startswith("Nyanlända som deltagit i etableringsuppdraget")
    assert gendered.is_divided_by_gender is True
    assert (gendered.auspice, gendered.municipality_type, gendered.operating_area) == ("E", "K", "Integration")
    assert gendered.publication_date.isoformat() == "2025-06-30"
    assert gendered.prel_publication_date is None
    assert not_gendered.is_divided_by_gender is False
    assert not_gendered.prel_publication_date.isoformat() == "2025-03-31"


def test_kpi_metadata_v2_reads_auspices_and_flags_given_as_0_or_1():
    (kpi,) = parse_kpi_response(payload=recording("kpi_v2.json"))

    assert (kpi.id, kpi.auspice, kpi.is_divided_by_gender, kpi.has_ou_data) == ("N02268", "X", True, False)
    assert kpi.prel_publication_date is None
    assert kpi.publ_period == "2019"


def test_kpi_metadata_with_malformed_id_is_refused():
    payload = recording("kpi_v3.json")
    payload["values"][1]["id"] = "N700"

    with pytest.raises(KoladaFormatError) as excinfo:
        parse_kpi_response(payload=payload)
    assert str(excinfo.value).startswith('Post 2 i "values": nyckeltalets id "N700" har fel form')


def test_municipalities_are_read_with_type_and_leading_zeros():
    municipalities = parse_municipality_response(payload=recording("municipality_v3.json"))

    assert [(m.id, m.title, m.type) for m in municipalities] == [
        ("1490", "Borås", "K"),
        ("1488", "Trollhättan", "K"),
        ("0180", "Stockholm", "K"),
        ("0014", "Region Västra Götaland", "L"),
    ]


def test_municipality_without_title_is_refused():
    payload = recording("municipality_v3.json")
    del payload["values"][0]["title"]

    with pytest.raises(KoladaFormatError) as excinfo:
        parse_municipality_response(payload=payload)
    assert str(excinfo.value) == 'Post 1 i "values": fältet "title" saknas.'


def test_municipality_groups_read_members_under_member_id_or_id():
    liknande, storstader = parse_municipality_groups_response(payload=recording("municipality_groups_v3.json"))

    assert liknande.id == "G124026"
    assert [(m.id, m.title) for m in liknande.members] == [
        ("1488", "Trollhättan"),
        ("1380", "Halmstad"),
        ("0880", "Kalmar"),
    ]
    assert [m.id for m in storstader.members] == ["0180", "1480", "1280"]


def test_municipality_group_member_with_malformed_id_is_refused():
    payload = recording("municipality_groups_v3.json")
    payload["values"][0]["members"][1]["member_id"] = 1380

    with pytest.raises(KoladaFormatError) as excinfo:
        parse_municipality_groups_response(payload=payload)
    assert str(excinfo.value).startswith('Post 1 i "values", post 2 i "members": kommunens id 1380 har fel form')
