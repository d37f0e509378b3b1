"""KS opens Självgranskning on the demo: axe passes, and naming a responsible board for an
area changes the verdict on the next load."""

from playwright.sync_api import expect

from organizations.models import Organization
from steering.models import Area, ResponsibilityAssignment


def test_ks_sees_the_self_assessment_and_a_fixed_gap_changes_the_verdict(site):
    site.login("ks@boras.example")
    site.goto("/uppsikt/")
    site.check()
    roles = site.page.locator("#kontroll-roles")
    expect(roles).to_contain_text("3 av 7 områden har en ansvarig organisation")
    expect(roles).to_contain_text("Bedömning: Nej")
    expect(site.page.get_by_text("Revisorerna frågade 2021: Finns en organisation kring")).to_be_visible()

    area = Area.objects.exclude(responsibilities__role=ResponsibilityAssignment.Role.RESPONSIBLE).first()
    ResponsibilityAssignment.objects.create(
        area=area, organization=Organization.objects.get(name="Arbetslivsnämnden"),
        role=ResponsibilityAssignment.Role.RESPONSIBLE, mandate="Leder och följer upp arbetet i området.",
    )
    site.goto("/uppsikt/")
    site.check()
    expect(roles).to_contain_text("4 av 7 områden har en ansvarig organisation")
    expect(roles).to_contain_text("Bedömning: Delvis")
