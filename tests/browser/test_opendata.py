"""The open data in the browser, with axe on every page: a visitor without an account
finds the open data from the published reports, reads what each dataset holds, and
downloads a dataset and the catalogue that dataportal.se harvests."""

import csv
import io
import re

from django.utils import timezone
from playwright.sync_api import expect


def test_a_visitor_finds_and_downloads_the_open_data(site):
    year = timezone.localdate().year - 1
    site.goto("/publicerat/")
    site.page.get_by_role("main").get_by_role("link", name="öppna data").click()
    site.check()
    expect(site.page.get_by_role("heading", level=1, name="Öppna data")).to_be_visible()
    expect(site.page.get_by_role("region", name=re.compile("Kolumnerna i Indikatorer"))).to_be_visible()
    expect(site.page.get_by_role("link", name=re.compile(f"Uppföljningsrapport {year}"))).to_be_visible()

    with site.page.expect_download() as download:
        site.page.get_by_role("link", name="Uppföljningens svar per organisation som CSV").click()
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert rows and {row["report_year"] for row in rows} == {str(year)}

    catalogue = site.page.request.get(site.base_url + "/oppna-data/katalog.ttl")
    assert catalogue.ok and "dcat:Catalog" in catalogue.text()
