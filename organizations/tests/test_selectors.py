from datetime import date

from organizations import selectors
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory


def _names(nodes):
    return [(node.organization.name, _names(node.children)) for node in nodes]


def test_the_tree_nests_children_under_their_parents(town):
    tree = _names(selectors.organization_tree(municipality=town.municipality))
    assert tree == [
        (
            "Kommunfullmäktige",
            [
                ("Kommunstyrelsen", [("AB Bostäder", [])]),
                ("Arbetslivsnämnden", [("Arbetslivsförvaltningen", [])]),
                ("Förskolenämnden", [("Förskoleförvaltningen", [])]),
            ],
        ),
        ("Arbetsförmedlingen", []),
    ]


def test_deactivated_organizations_are_left_out_unless_asked_for(town):
    town.other_board.active_to = date(2020, 1, 1)
    town.other_board.save()
    active = str(_names(selectors.organization_tree(municipality=town.municipality)))
    everything = str(_names(selectors.organization_tree(municipality=town.municipality, include_inactive=True)))
    assert "Förskolenämnden" not in active
    assert "Förskolenämnden" in everything


def test_the_tree_is_one_query_whatever_its_size(town, django_assert_num_queries):
    for n in range(60):
        OrganizationFactory(municipality=town.municipality, name=f"Enhet {n}", kind=Organization.Kind.UNIT,
                            parent=town.administration)
    with django_assert_num_queries(1):
        selectors.organization_tree(municipality=town.municipality)


def test_a_board_admin_administers_the_board_and_what_lies_under_it(town, board_admin):
    names = set(
        selectors.administered_organizations(user=board_admin, municipality=town.municipality).values_list(
            "name", flat=True
        )
    )
    assert names == {"Arbetslivsnämnden", "Arbetslivsförvaltningen"}


def test_tree_rows_close_every_nested_list_they_open(town):
    rows = selectors.tree_rows(selectors.organization_tree(municipality=town.municipality))
    opened = sum(row.has_children for row in rows)
    assert sum(row.closes for row in rows) == opened
    assert [(row.organization.name, row.depth) for row in rows][:3] == [
        ("Kommunfullmäktige", 0),
        ("Kommunstyrelsen", 1),
        ("AB Bostäder", 2),
    ]
