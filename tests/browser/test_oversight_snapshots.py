"""KS freezes Självgranskning on the demo, confirms a second version, and compares it with
last year's frozen one: every page passes axe."""

from django.utils import timezone
from playwright.sync_api import expect

from oversight.models import CheckKey, Snapshot


def test_ks_freezes_twice_with_a_confirmation_and_compares_the_years(site):
    year = timezone.localdate().year
    site.login("ks@boras.example")
    site.goto("/uppsikt/")
    site.page.get_by_role("button", name=f"Frys som Självgranskning {year}").click()
    site.check()
    expect(site.page.get_by_role("heading", level=1)).to_have_text(f"Självgranskning {year}")
    expect(site.page.get_by_text("Stämmer med innehållet")).to_be_visible()

    site.goto("/uppsikt/")
    site.page.get_by_role("button", name=f"Frys som Självgranskning {year}").click()
    site.check()
    expect(site.page.get_by_text(f"Det finns redan en självgranskning för {year}. Frys en ny version?")).to_be_visible()
    site.page.get_by_role("button", name="Frys en ny version").click()
    site.check()
    expect(site.page.get_by_text("Kryssa i rutan för att frysa en ny version.", exact=True)).to_be_visible()
    site.page.get_by_label("Ja, frys en ny version").check()
    site.page.get_by_role("button", name="Frys en ny version").click()
    site.check()
    expect(site.page.get_by_text(f"Självgranskningen är fryst som Självgranskning {year}, version 2.")).to_be_visible()
    assert sorted(Snapshot.objects.filter(year=year).values_list("number", flat=True)) == [1, 2]

    site.page.get_by_role("link", name="Jämför år").click()
    site.check()
    table = site.page.get_by_role("table", name="Siffra och bedömning per fråga")
    expect(table.get_by_role("columnheader")).to_have_text(
        ["Fråga", f"Självgranskning {year - 1}, version 1", f"Självgranskning {year}, version 2"])
    expect(table.get_by_role("row")).to_have_count(1 + len(CheckKey))  # the header, then a row per check
