"""The statistics pages: list, KPI page with chart and table, downloads, uploads, groups."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from core.spreadsheets import ENCODING_UNKNOWN, TOO_MANY_ROWS
from core.tests.files import xlsx_bytes
from kpis.models import ComparisonGroup, ImportRun, Kpi, KpiValue
from kpis.services import kpi_means_refresh
from kpis.services.groups import GROUP_NEEDS_MEMBERS
from kpis.tests.factories import (
    ComparisonGroupFactory,
    KoladaMunicipalityFactory,
    KpiFactory,
    KpiValueFactory,
    LocalKpiFactory,
)


@pytest.fixture
def gendered(town):
    kpi = KpiFactory(id="N00973", title="Andel i arbete eller studier", is_divided_by_gender=True)
    for code in ("1490", "1488", "0180"):
        place = KoladaMunicipalityFactory(id=code, title={"1490": "Borås", "1488": "Trollhättan"}.get(code, "Stockholm"))
        for year in range(2015, 2019):
            for gender, number in (("T", 50.0), ("K", 42.0), ("M", 61.0)):
                KpiValueFactory(kpi=kpi, municipality=place, year=year, gender=gender, value=number)
    KoladaMunicipalityFactory(id="0014", title="Region Västra Götaland", type="L")
    kpi_means_refresh(kpi_ids=[kpi.pk])
    return kpi


def login(client, town, role="coordinator"):
    client.force_login(town.users[role])
    return client


def test_the_list_runs_a_fixed_number_of_queries(client, town, gendered, django_assert_max_num_queries):
    for n in range(60):
        KpiFactory(id=f"N{20000 + n}")
        LocalKpiFactory(owner=town.municipality)
    login(client, town)
    # The page's queries and three for the list: its count, its page and the page's latest years.
    with django_assert_max_num_queries(12):
        response = client.get(reverse("kpis:kpi_list"))
    assert response.status_code == 200
    assert "Andel i arbete eller studier" in response.content.decode()


def test_the_list_shows_fifty_kpis_a_page_with_an_accessible_page_nav(client, town):
    for n in range(120):
        KpiFactory(id=f"N{20000 + n}", title=f"Nyckeltal {n:03}")
    login(client, town)
    first = client.get(reverse("kpis:kpi_list")).content.decode()
    assert "Nyckeltal 049" in first and "Nyckeltal 050" not in first
    assert '<nav class="pagination" aria-label="Sidor med nyckeltal">' in first
    assert 'href="?sida=1" aria-current="page"' in first and 'href="?sida=3"' in first
    third = client.get(reverse("kpis:kpi_list"), {"sida": "3"}).content.decode()
    assert "Nyckeltal 119" in third and "Nyckeltal 099" not in third
    assert "101–120 av 120 nyckeltal" in third
    # A page number that is not one shows the first or the last page, never an error.
    assert client.get(reverse("kpis:kpi_list"), {"sida": "abc"}).status_code == 200


def test_the_search_and_source_filter_are_kept_on_the_page_links(client, town, gendered):
    for n in range(60):
        KpiFactory(id=f"N{20000 + n}", title=f"Andel nyanlända {n:03}")
        KpiFactory(id=f"N{30000 + n}", title=f"Kostnad {n:03}")
    LocalKpiFactory(owner=town.municipality, title="Andel egen")
    login(client, town)
    page = client.get(reverse("kpis:kpi_list"), {"sok": "andel", "kalla": "kolada"}).content.decode()
    assert "Andel nyanlända 000" in page and "Kostnad" not in page and "Andel egen" not in page
    assert 'href="?sok=andel&amp;kalla=kolada&amp;sida=2"' in page
    assert 'value="andel"' in page
    by_id = client.get(reverse("kpis:kpi_list"), {"sok": "n00973"}).content.decode()
    assert "Andel i arbete eller studier" in by_id and "Andel nyanlända" not in by_id


def test_a_search_that_finds_nothing_says_so_and_an_unknown_source_is_ignored(client, town, gendered):
    login(client, town)
    page = client.get(reverse("kpis:kpi_list"), {"sok": "finns inte"}).content.decode()
    assert "Inga nyckeltal matchar sökningen." in page
    page = client.get(reverse("kpis:kpi_list"), {"kalla": "<script>"}).content.decode()
    assert "Andel i arbete eller studier" in page and "&lt;script&gt;" not in page


def test_the_list_says_when_the_last_refresh_failed_and_how_old_the_figures_are(client, town, gendered):
    from kpis.services.refresh import refresh_failure_record

    ok = ImportRun.objects.create(source=ImportRun.Source.API, description="refresh")
    ImportRun.objects.filter(pk=ok.pk).update(started_at=datetime.datetime(2026, 3, 2, 3, 0, tzinfo=datetime.UTC))
    refresh_failure_record(error="Kolada svarar inte just nu (HTTP 503). Försök igen senare.")
    page = login(client, town).get(reverse("kpis:kpi_list")).content.decode()
    assert "misslyckades. Uppsikt försöker igen automatiskt" in page
    assert "<q>Kolada svarar inte just nu (HTTP 503). Försök igen senare.</q>" in page
    assert "Siffrorna är från hämtningen 2 mars 2026." in page


def test_a_failed_refresh_reads_as_one_language_in_english(client, town, gendered):
    from kpis.services.refresh import refresh_failure_record

    refresh_failure_record(error="Kolada svarar inte just nu (HTTP 503). Försök igen senare.")
    login(client, town)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("kpis:kpi_list")).content.decode()
    sentence = page.split("The latest fetch from Kolada, ")[1].split("</p>")[0]
    assert "failed. Uppsikt tries again automatically" in sentence and "Kolada svarar" not in sentence
    assert "Reason as recorded:" in page


def test_the_list_says_when_figures_were_last_fetched(client, town, gendered):
    ImportRun.objects.create(source=ImportRun.Source.API, description="refresh")
    page = login(client, town).get(reverse("kpis:kpi_list")).content.decode()
    assert "Senast hämtat från Kolada" in page and "misslyckades" not in page


def test_the_kpi_page_has_an_accessible_chart_per_total_and_gender_and_the_table(
    client, town, gendered, django_assert_max_num_queries
):
    login(client, town)
    # Session, user, memberships, municipality, menu and page: the same for any number of values.
    with django_assert_max_num_queries(15):
        response = client.get(gendered.get_absolute_url())
    page = response.content.decode()
    assert page.count('role="img"') == 2
    assert "<title id=\"diagram-1-titel\">Andel i arbete eller studier, totalt</title>" in page
    assert "Andel i arbete eller studier, kvinnor och män" in page
    assert "<desc id=\"diagram-2-beskrivning\">Linjediagram över år: Borås, kvinnor" in page
    assert "Region Västra Götaland, medel, män" in page  # a text label for every line
    assert "<td>42,0 (2)</td>" in page  # county mean with its count
    assert "Källa: Kolada" in page


def test_the_kpi_page_runs_the_same_queries_however_many_values_are_stored(client, town, gendered):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kpis.kolada import KoladaValue
    from kpis.services import values_import

    login(client, town)
    client.get(gendered.get_absolute_url())  # the session is written once, on the first visit
    with CaptureQueriesContext(connection) as few:
        assert client.get(gendered.get_absolute_url()).status_code == 200
    values_import(values=[
        KoladaValue(kpi=kpi_id, municipality=f"{code:04}", period=year, gender=gender, value=float(code % 97),
                    status="", count=1, is_deleted=False)
        for kpi_id in ("N00973", "N00700") for code in range(1401, 1441) for year in range(2010, 2025)
        for gender in ("T", "K", "M")
    ], source="file")
    with CaptureQueriesContext(connection) as many:
        page = client.get(gendered.get_absolute_url()).content.decode()
    assert len(many) == len(few)
    assert "2024" in page


def test_the_page_adds_a_chosen_comparison_group(client, town, gendered):
    group = ComparisonGroupFactory(owner=town.municipality, title="Liknande kommuner")
    group.members.set(["1488", "0180"])
    login(client, town)
    page = client.get(gendered.get_absolute_url() + f"?grupp={group.pk}").content.decode()
    assert "Liknande kommuner, medel (antal kommuner)" in page


def test_another_municipalitys_local_kpi_is_404(client, town):
    foreign = LocalKpiFactory()
    login(client, town)
    assert client.get(foreign.get_absolute_url()).status_code == 404


def test_the_csv_download_opens_in_swedish_excel(client, town, gendered):
    login(client, town, "politician")
    response = client.get(reverse("kpis:kpi_export", kwargs={"kpi_id": "N00973", "fmt": "csv"}))
    text = response.content.decode("utf-8-sig")
    assert response["Content-Disposition"] == 'attachment; filename="N00973-boras.csv"'
    assert text.splitlines()[0].startswith("Nyckeltal;År;Kön;Borås;Region Västra Götaland, medel;")
    assert "N00973;2015;Kvinnor;42,0;42,0;2;42,0;3" in text


def test_the_excel_download_has_the_same_rows(client, town, gendered):
    login(client, town)
    response = client.get(reverse("kpis:kpi_export", kwargs={"kpi_id": "N00973", "fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 4 * 3
    assert rows[1][:4] == ("N00973", 2015, "Totalt", 50)


def test_an_unknown_download_format_is_404(client, town, gendered):
    login(client, town)
    assert client.get(reverse("kpis:kpi_export", kwargs={"kpi_id": "N00973", "fmt": "pdf"})).status_code == 404


def test_creating_a_local_kpi_leads_to_its_upload(client, town):
    login(client, town)
    response = client.post(reverse("kpis:kpi_create"), {"title": "Språkcafé, deltagare", "unit": "antal"})
    kpi = Kpi.objects.get(owner=town.municipality)
    assert response.url == reverse("kpis:kpi_values_upload", kwargs={"kpi_id": kpi.pk})


def test_uploading_values_stores_them(client, town):
    kpi = LocalKpiFactory(owner=town.municipality)
    login(client, town)
    upload = io.BytesIO("år;kön;värde\n2022;T;12\n".encode("cp1252"))
    upload.name = "värden.csv"
    response = client.post(reverse("kpis:kpi_values_upload", kwargs={"kpi_id": kpi.pk}), {"file": upload})
    assert response.status_code == 302
    assert KpiValue.objects.get(kpi=kpi).value == 12.0


def test_an_upload_in_an_unknown_encoding_shows_the_message_and_stores_nothing(client, town):
    kpi = LocalKpiFactory(owner=town.municipality)
    login(client, town)
    upload = io.BytesIO(b"\xe5r;k\xf6n;v\xe4rde\n2022;T;\x8112\n")
    upload.name = "värden.csv"
    response = client.post(reverse("kpis:kpi_values_upload", kwargs={"kpi_id": kpi.pk}), {"file": upload})
    assert response.status_code == 200
    assert escape(str(ENCODING_UNKNOWN)) in response.content.decode()
    assert not KpiValue.objects.exists()


def test_koladas_kpis_have_no_upload_page(client, town, gendered):
    login(client, town)
    assert client.get(reverse("kpis:kpi_values_upload", kwargs={"kpi_id": "N00973"})).status_code == 404


def test_the_upload_template_lists_years_and_genders(client, town):
    kpi = LocalKpiFactory(owner=town.municipality, is_divided_by_gender=True)
    login(client, town)
    response = client.get(reverse("kpis:kpi_upload_template", kwargs={"kpi_id": kpi.pk, "fmt": "csv"}))
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "år;kön;värde"
    assert len(lines) == 1 + 10 * 3


def test_a_group_with_one_member_is_refused_with_the_message(client, town):
    only = KoladaMunicipalityFactory(id="1488")
    login(client, town)
    response = client.post(reverse("kpis:comparison_group_create"), {"title": "Liknande", "members": [only.pk]})
    assert str(GROUP_NEEDS_MEMBERS) in response.content.decode()
    assert not ComparisonGroup.objects.exists()


def test_editing_a_group_is_recorded_in_its_history(client, town):
    members = [KoladaMunicipalityFactory(id="1488"), KoladaMunicipalityFactory(id="0680")]
    group = ComparisonGroupFactory(owner=town.municipality, title="Liknande")
    login(client, town)
    response = client.post(reverse("kpis:comparison_group_edit", kwargs={"pk": group.pk}),
                           {"title": "Liknande kommuner", "members": [m.pk for m in members]})
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.title == "Liknande kommuner"
    assert group.history.first().title == "Liknande kommuner"
    assert set(group.history.first().members.values_list("koladamunicipality_id", flat=True)) == {"1488", "0680"}
    assert client.get(reverse("kpis:comparison_group_history", kwargs={"pk": group.pk})).status_code == 200


def test_another_municipalitys_group_cannot_be_edited(client, town):
    group = ComparisonGroupFactory()
    login(client, town)
    assert client.get(reverse("kpis:comparison_group_edit", kwargs={"pk": group.pk})).status_code == 404


def test_a_workbook_declaring_the_whole_excel_grid_is_refused_on_the_page_and_stores_nothing(client, town):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["år", "kön", "värde"])
    workbook.active["XFD1048576"] = 1
    upload = io.BytesIO()
    workbook.save(upload)
    upload.seek(0)
    upload.name = "värden.xlsx"
    kpi = LocalKpiFactory(owner=town.municipality)
    login(client, town)

    response = client.post(reverse("kpis:kpi_values_upload", kwargs={"kpi_id": kpi.pk}), {"file": upload})

    assert response.status_code == 200
    assert escape(str(TOO_MANY_ROWS % {"max": 10_000})) in response.content.decode()
    assert not KpiValue.objects.exists() and not ImportRun.objects.exists()


def test_an_upload_that_is_no_table_is_refused_by_the_upload_check(client, town):
    kpi = LocalKpiFactory(owner=town.municipality)
    login(client, town)
    upload = io.BytesIO(xlsx_bytes())
    upload.name = "värden.pdf"
    response = client.post(reverse("kpis:kpi_values_upload", kwargs={"kpi_id": kpi.pk}), {"file": upload})
    assert "Filen måste vara en CSV-fil eller en Excel-fil (XLSX)" in response.content.decode()
    assert not KpiValue.objects.exists()


def test_a_group_named_like_a_formula_is_text_in_both_downloads(client, town, gendered):
    group = ComparisonGroupFactory(owner=town.municipality, title='=HYPERLINK("http://x.example";"Klicka")')
    group.members.set(["1488", "0180"])
    login(client, town)
    url = reverse("kpis:kpi_export", kwargs={"kpi_id": "N00973", "fmt": "csv"}) + f"?grupp={group.pk}"

    header = client.get(url).content.decode("utf-8-sig").splitlines()[0]
    xlsx = reverse("kpis:kpi_export", kwargs={"kpi_id": "N00973", "fmt": "xlsx"}) + f"?grupp={group.pk}"
    sheet = load_workbook(io.BytesIO(client.get(xlsx).content)).active

    assert '"\'=HYPERLINK(""http://x.example"";""Klicka""), medel"' in header
    cell = sheet.cell(row=1, column=9)
    assert (cell.data_type, cell.value) == ("s", '=HYPERLINK("http://x.example";"Klicka"), medel')


def test_a_local_kpi_is_shown_without_county_and_national_means_and_a_count_without_decimals(client, town):
    local = LocalKpiFactory(owner=town.municipality, title="Språkcafé, deltagare", unit="antal")
    borås = KoladaMunicipalityFactory(id="1490", title="Borås")
    for year, value in ((2022, 347.0), (2023, 352.0)):
        KpiValueFactory(kpi=local, municipality=borås, year=year, gender="T", value=value)
    kpi_means_refresh(kpi_ids=[local.pk])
    login(client, town)
    page = client.get(local.get_absolute_url()).content.decode()
    assert "<td>347</td>" in page and "347,0" not in page
    assert "Riket, medel" not in page and "medel (antal kommuner)" not in page and "(1)" not in page
    assert "Borås 2022: 347" in page  # the chart's point label


@pytest.mark.parametrize("value", ["9" * 25, "²", "abc"])
def test_a_malformed_comparison_group_in_the_address_is_not_found(client, town, gendered, value):
    login(client, town)

    assert client.get(gendered.get_absolute_url(), {"grupp": value}).status_code == 404
