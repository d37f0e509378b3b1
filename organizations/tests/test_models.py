import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from organizations.models import OWN_ANCESTOR, Organization, luhn_is_valid
from organizations.tests.factories import OrganizationFactory

Kind = Organization.Kind


def test_an_organization_cannot_be_placed_under_its_own_descendant(town):
    town.board.parent = town.administration
    with pytest.raises(ValidationError) as refused:
        town.board.full_clean()
    assert refused.value.message_dict["parent"] == [str(OWN_ANCESTOR)]


def test_an_organization_cannot_be_its_own_parent_even_past_validation(town):
    town.board.parent_id = town.board.pk
    with pytest.raises(IntegrityError):
        town.board.save()


def test_names_are_unique_in_a_municipality_whatever_the_case(town):
    with pytest.raises(IntegrityError):
        OrganizationFactory(municipality=town.municipality, name="arbetslivsnämnden", parent=town.council)


def test_the_same_name_may_exist_in_another_municipality(town):
    OrganizationFactory(name="Arbetslivsnämnden")
    assert Organization.objects.filter(name="Arbetslivsnämnden").count() == 2


def test_a_unit_cannot_sit_directly_under_a_board(town):
    unit = Organization(municipality=town.municipality, name="Enhet", kind=Kind.UNIT, parent=town.board)
    with pytest.raises(ValidationError) as refused:
        unit.full_clean()
    assert "enhet kan inte ligga under en nämnd" in refused.value.message_dict["parent"][0]


def test_an_external_partner_stands_outside_the_hierarchy(town):
    partner = Organization(municipality=town.municipality, name="Polisen", kind=Kind.EXTERNAL, parent=town.council)
    with pytest.raises(ValidationError) as refused:
        partner.full_clean()
    assert "ligger inte under någon annan organisation" in refused.value.message_dict["parent"][0]


def test_a_company_may_sit_under_a_parent_company(town):
    subsidiary = Organization(
        municipality=town.municipality, name="Dotterbolag AB", kind=Kind.COMPANY, parent=town.company
    )
    subsidiary.full_clean()


def test_a_parent_in_another_municipality_is_refused(town):
    foreign = OrganizationFactory(kind=Kind.COUNCIL)
    board = Organization(municipality=town.municipality, name="Ny nämnd", kind=Kind.BOARD, parent=foreign)
    with pytest.raises(ValidationError) as refused:
        board.full_clean()
    assert "samma kommun" in refused.value.message_dict["parent"][0]


def test_organisation_numbers_need_a_valid_check_digit(town):
    town.company.org_number = "556084-5460"
    with pytest.raises(ValidationError) as refused:
        town.company.full_clean()
    assert refused.value.message_dict["org_number"] == ["Organisationsnumret har fel kontrollsiffra."]


def test_luhn_accepts_a_real_municipal_number():
    assert luhn_is_valid("2120001561")


def test_an_over_long_name_is_refused(town):
    town.board.name = "N" * 151
    with pytest.raises(ValidationError) as refused:
        town.board.full_clean()
    assert "name" in refused.value.message_dict


def test_active_period_must_not_end_before_it_starts(town):
    from datetime import date

    town.board.active_from = date(2024, 1, 1)
    town.board.active_to = date(2023, 1, 1)
    with pytest.raises(ValidationError) as refused:
        town.board.full_clean()
    assert refused.value.message_dict["active_to"] == ["Slutdatum kan inte vara före startdatum."]


def test_every_save_is_kept_in_the_history(town):
    town.board.name = "Arbetsmarknadsnämnden"
    town.board.save()
    assert [record.name for record in town.board.history.order_by("history_date")] == [
        "Arbetslivsnämnden",
        "Arbetsmarknadsnämnden",
    ]
