"""Reflow (WCAG 1.4.10): every main page, for the roles that see it, fits a 320 px wide
screen without scrolling sideways, and a 1280 px one too. A table wider than the screen
scrolls inside its own labelled, focusable region instead of widening the page; axe does
not catch a page that does, so this test measures it. Axe runs at 320 px as well."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_followup_links import demo_link_path

NARROW = {"width": 320, "height": 800}
WIDE = {"width": 1280, "height": 900}

# The elements that stick out past the right edge of the window and are not inside a
# scroll container, widest first: what makes the page scroll sideways.
OVERFLOW = """() => {
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth <= width) return null;
  const scrolls = el => {
    for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(node).overflowX)) return true;
    }
    return false;
  };
  // A box past the edge whose parent's box is not (a wide table), or an element whose own
  // text sticks out of it (a long word): scrollWidth counts that text.
  const boxOut = el => el.getBoundingClientRect().right > width + 0.5;
  const contentRight = el => el.getBoundingClientRect().left
    + (getComputedStyle(el).overflowX === 'visible' ? el.scrollWidth : el.getBoundingClientRect().width);
  const textOut = el => el instanceof HTMLElement && contentRight(el) > width + 0.5 && ![...el.children].some(child => contentRight(child) > width + 0.5);
  const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + [...el.classList].map(name => '.' + name).join('')
    + ' "' + (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60) + '"';
  const offenders = [...document.body.querySelectorAll('*')]
    .filter(el => el.getBoundingClientRect().width > 0 && !scrolls(el)
      && ((boxOut(el) && !boxOut(el.parentElement)) || textOut(el)))
    .map(el => ({el, width: Math.max(el.getBoundingClientRect().width, el.scrollWidth), right: contentRight(el)}))
    .sort((a, b) => b.width - a.width);
  return {
    scrollWidth: document.documentElement.scrollWidth,
    width,
    widest: offenders.slice(0, 3).map(({el, width, right}) => `${describe(el)} (${Math.round(width)} px wide, `
      + `right edge at ${Math.round(right)} px)`),
  };
}"""

# Every column header of a table, scrolled into view, is on screen and not covered: the
# table may scroll, but nothing of it is cut off where no one can reach it.
HIDDEN_HEADERS = """table => [...table.querySelectorAll('thead th')].filter(th => {
  th.scrollIntoView({block: 'nearest', inline: 'nearest'});
  const rect = th.getBoundingClientRect();
  const x = rect.left + Math.min(rect.width / 2, 10), y = rect.top + rect.height / 2;
  const hit = document.elementFromPoint(x, y);
  return rect.width === 0 || rect.left < 0 || rect.right > window.innerWidth + 0.5 || !hit || !th.contains(hit);
}).map(th => th.textContent.trim())"""


def assert_fits(page, label):
    overflow = page.evaluate(OVERFLOW)
    assert overflow is None, (
        f"{page.url} at {label} px scrolls sideways: the page is {overflow['scrollWidth']} px wide in a "
        f"{overflow['width']} px window; widest element past the edge: " + "; ".join(overflow["widest"])
    )


def _main_pages():
    """(who logs in, the paths they open): every page the other browser tests visit,
    for the roles that see it."""
    from audits.models import Audit, Measure
    from followup.models import CycleOrganization, FollowUpCycle, RespondentLink
    from kpis.models import ComparisonGroup, Kpi
    from organizations.models import Organization
    from oversight.models import Snapshot
    from steering.models import Area, Forum, Goal, Indicator, Program, Project, Routine, SteeringDocument

    program = Program.objects.get(name="Program för ett integrerat samhälle")
    cycle = FollowUpCycle.objects.filter(program=program).order_by("-year").first()
    response = CycleOrganization.objects.get(cycle=cycle, organization__name="Förskolenämnden")
    board = Organization.objects.get(name="Förskolenämnden")
    audit = Audit.objects.order_by("pk").first()
    measure = Measure.objects.order_by("pk").first()
    kpi = Kpi.objects.order_by("pk").first()
    indicator = Indicator.objects.filter(kolada_kpi__isnull=False).order_by("pk").first()
    group = ComparisonGroup.objects.order_by("pk").first()
    snapshot = Snapshot.objects.order_by("pk").first()
    coordinator = [
        reverse("core:dashboard"),
        reverse("organizations:organization_list"), board.get_absolute_url(),
        reverse("organizations:organization_history", args=[board.pk]),
        reverse("steering:program_list"), program.get_absolute_url(),
        # The program page with one area's tree open, as its link opens it without JavaScript.
        Area.objects.filter(program=program).order_by("position").first().get_absolute_url(),
        reverse("steering:program_matrix", args=[program.pk]),
        reverse("steering:program_history", args=[program.pk]),
        reverse("steering:area_detail", args=[Area.objects.filter(program=program).order_by("pk").first().pk]),
        Goal.objects.order_by("pk").first().get_absolute_url(), indicator.get_absolute_url(),
        reverse("steering:indicator_history", args=[indicator.pk]),
        reverse("steering:gap_list"),
        reverse("steering:document_list"), reverse("steering:document_tree"), reverse("steering:document_overlap"),
        SteeringDocument.objects.order_by("pk").first().get_absolute_url(), reverse("steering:document_create"),
        reverse("steering:project_list"), Project.objects.order_by("pk").first().get_absolute_url(),
        reverse("steering:forum_list"), Forum.objects.order_by("pk").first().get_absolute_url(),
        reverse("steering:routine_list"), Routine.objects.order_by("pk").first().get_absolute_url(),
        reverse("steering:goal_create"),
        reverse("followup:cycle_list"), cycle.get_absolute_url(), reverse("followup:cycle_open"),
        response.get_absolute_url(), reverse("followup:response_people_edit", args=[response.pk]),
        reverse("followup:response_history", args=[response.pk]),
        reverse("followup:respondent_link_create", args=[RespondentLink.objects.get().response_id]),
        reverse("followup:questionnaire_list"), reverse("followup:questionnaire_detail", args=[cycle.questionnaire_id]),
        reverse("audits:audit_list"), audit.get_absolute_url(), reverse("audits:audit_history", args=[audit.pk]),
        measure.get_absolute_url(), reverse("audits:followup_overview"),
        reverse("notifications:outbox_list"),
        reverse("kpis:kpi_list"), reverse("kpis:kpi_list") + "?sok=andel&kalla=kolada",
        kpi.get_absolute_url(), reverse("kpis:comparison_group_list"),
        reverse("kpis:comparison_group_history", args=[group.pk]) if group else reverse("kpis:comparison_group_list"),
        # Forms
        reverse("steering:program_edit", args=[program.pk]), reverse("steering:project_create"),
        reverse("steering:forum_create"), reverse("steering:routine_create"),
        reverse("steering:indicator_value_create", args=[indicator.pk]),
        reverse("followup:cycle_close", args=[cycle.pk]),
        reverse("followup:section_add", args=[cycle.questionnaire_id]),
        reverse("audits:audit_edit", args=[audit.pk]), reverse("audits:measure_edit", args=[measure.pk]),
        reverse("kpis:kpi_create"), reverse("kpis:kpi_values_upload", args=[kpi.id]),
        reverse("kpis:comparison_group_create"),
    ]
    return [
        (None, [reverse("login"), reverse("core:home"), reverse("public:report_list"),
                reverse("opendata:catalogue"),
                demo_link_path()]),
        ("samordnare@boras.example", coordinator),
        ("ks@boras.example", [reverse("core:dashboard"), cycle.get_absolute_url(), reverse("audits:followup_overview"),
                              reverse("steering:gap_list"), reverse("oversight:page"),
                              reverse("oversight:snapshot_compare"),
                              reverse("oversight:snapshot_detail", args=[snapshot.pk])]),
        ("uppgiftslamnare@boras.example", [reverse("followup:response_list"), response.get_absolute_url()]),
        ("revisor@boras.example", [reverse("audits:audit_list"), reverse("audits:audit_import"),
                                   audit.get_absolute_url(), reverse("oversight:snapshot_compare")]),
        ("admin@boras.example", [reverse("organizations:organization_edit", args=[board.pk]),
                                 reverse("organizations:membership_create", args=[board.pk])]),
        ("politiker@boras.example", [reverse("core:dashboard"), program.get_absolute_url(), kpi.get_absolute_url()]),
    ]


@pytest.mark.parametrize("role", range(7))
def test_every_main_page_fits_320_and_1280_px_without_sideways_scrolling(site, role):
    email, paths = _main_pages()[role]
    if email:
        site.login(email)
    failures = []
    for path in paths:
        site.page.set_viewport_size(NARROW)
        site.goto(path)  # axe runs here, at 320 px
        for size, label in ((NARROW, "320"), (WIDE, "1280")):
            site.page.set_viewport_size(size)
            try:
                assert_fits(site.page, label)
            except AssertionError as error:
                failures.append(str(error))
    assert failures == [], "\n".join(failures)


def test_every_area_of_the_completeness_matrix_is_reachable_at_1280_px(site):
    from followup.models import FollowUpCycle, Section

    cycle = FollowUpCycle.objects.order_by("-year").first()
    site.login("ks@boras.example")
    site.page.set_viewport_size(WIDE)
    site.goto(cycle.get_absolute_url())
    table = site.page.get_by_role("table", name="Tillfrågade organisationer: besvarade frågor per område")
    region = site.page.get_by_role("region", name="Tillfrågade organisationer: besvarade frågor per område")
    expect(region).to_have_attribute("tabindex", "0")
    expect(region.get_by_role("table")).to_have_count(1)
    region.focus()
    expect(region).to_be_focused()
    areas = list(Section.objects.filter(questionnaire=cycle.questionnaire).values_list("area__name", flat=True))
    assert len(areas) >= 5
    for name in areas:
        expect(table.get_by_role("columnheader", name=name, exact=True)).to_have_count(1)
    assert table.evaluate(HIDDEN_HEADERS) == []
    assert_fits(site.page, "1280")


def test_the_overflow_check_names_the_widest_element_past_the_edge(browser):
    page = browser.new_page(viewport=NARROW)
    page.set_content('<!DOCTYPE html><html><body><main><p>Kort</p><table id="bred"><tr>'
                     + '<td>cell</td>' * 80 + '</tr></table></main></body></html>')
    with pytest.raises(AssertionError, match="table#bred"):
        assert_fits(page, "320")
    page.set_content('<!DOCTYPE html><html><body><main><div class="table-scroll" tabindex="0">'
                     '<table id="bred"><tr>' + '<td>cell</td>' * 80 + '</tr></table></div></main></body></html>')
    page.add_style_tag(content=".table-scroll { overflow-x: auto; }")
    assert_fits(page, "320")
    page.close()
