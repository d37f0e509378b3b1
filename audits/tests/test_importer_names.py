"""Organisation names as audit reports write them, OCR errors included."""

from __future__ import annotations

import pytest

from audits.importer import (
    canonical_name,
    find_org_names,
)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("kommunstyrelsen", "Kommunstyrelsen"),
        ("Kommunstyrelsens", "Kommunstyrelsen"),
        ("Arbetslivsndmnden", "Arbetslivsnämnden"),
        ("Forskolenimnden", "Förskolenämnden"),
        ("socialnämnd", "Socialnämnden"),
        ("Gymnasie- och Vuxenutbildningsnämnden", "Gymnasie- och vuxenutbildningsnämnden"),
        ("Fritid- och folkhälsonämnden", "Fritids- och folkhälsonämnden"),
        ("tekniska nämnden", "Tekniska nämnden"),
        ("KS", "Kommunstyrelsen"),
    ],
)
def test_board_names_are_normalised_despite_case_inflection_and_ocr(written, expected):
    assert canonical_name(name=written) == expected


def test_unknown_board_name_is_kept_cleaned_not_matched_to_a_similar_one():
    assert canonical_name(name="idrottsnämnden") == "Idrottsnämnden"


def test_bare_nämnden_is_unknown_without_context_and_resolved_with_one_board():
    assert canonical_name(name="nämnden") is None
    assert canonical_name(name="nämnden", context=["Kommunstyrelsen", "Socialnämnden"]) == "Socialnämnden"
    assert canonical_name(name="nämnden", context=["Kulturnämnden", "Socialnämnden"]) is None


def test_caller_names_are_matched_first():
    names = find_org_names(text="Rapporten gäller AB Bostäder och stadsdelsnämnden Norr", extra_names=["AB Bostäder"])

    assert names[0] == "AB Bostäder"
