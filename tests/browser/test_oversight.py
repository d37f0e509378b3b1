"""KS opens Självgranskning on the demo: axe passes, every check answers in words with its
trend, and naming a responsible board for an area closes that gap on the next load."""

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
    expect(roles).to_contain_text("Brister: 23")
    expect(roles).to_contain_text("Sedan förra året: Ingen jämförelse")
    expect(site.page.locator("#kontroll-analysis")).to_contain_text("7 av 7 områden har en analys")
    expect(site.page.locator("#kontroll-companies")).to_contain_text("Bedömning: Ja")
    expect(site.page.get_by_text("Revisorerna frågade 2021: Finns en organisation kring")).to_be_visible()
    expect(site.page.get_by_text("Revisorerna frågade 2021: Finns en analys av utmaningar")).to_be_visible()

    area = Area.objects.exclude(responsibilities__role=ResponsibilityAssignment.Role.RESPONSIBLE).first()
    ResponsibilityAssignment.objects.create(
        area=area, organization=Organization.objects.get(name="Arbetslivsnämnden"),
        role=ResponsibilityAssignment.Role.RESPONSIBLE, mandate="Leder och följer upp arbetet i området.",
    )
    site.goto("/uppsikt/")
    site.check()
    expect(roles).to_contain_text("4 av 7 områden har en ansvarig organisation")
    expect(roles).to_contain_text("Brister: 22")
    # The weakest part decides: goals without a responsible board still keep it at "Nej".
    expect(roles).to_contain_text("Bedömning: Nej")
